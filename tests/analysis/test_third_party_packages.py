"""A package the app imports that depends on @forge/* may call product APIs itself."""

from __future__ import annotations

import json

import pytest

from scopecheck.core.findings import Confidence

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n"
    "    - read:jira-work\n    - write:jira-work\n"
)
INDEX = """\
import api, { route } from '@forge/api';
import { updateIssue } from 'jira-helpers/issues';
import get from 'lodash/get';
export const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`);
"""


def package(name: str, dependencies: dict[str, str]) -> str:
    return json.dumps({"name": name, "version": "1.0.0", "dependencies": dependencies})


@pytest.mark.parametrize(
    ("files", "unsure"),
    [
        ({}, True),  # not installed, and its name names a product: it may be built on Forge
        ({"node_modules/jira-helpers/package.json": package("jira-helpers", {"@forge/api": "^5"})}, True),
        (
            {
                "node_modules/jira-helpers/package.json": package("jira-helpers", {"axios": "^1"}),
                "node_modules/axios/package.json": package("axios", {}),
            },
            False,
        ),
        # a dependency not found beside it (a pnpm or nested layout): what it does is unknown
        ({"node_modules/jira-helpers/package.json": package("jira-helpers", {"axios": "^1"})}, True),
        (
            {
                "package-lock.json": json.dumps(
                    {"packages": {"node_modules/jira-helpers": {"peerDependencies": {"@forge/bridge": "*"}}}}
                )
            },
            True,
        ),
    ],
)
def test_a_package_that_depends_on_forge_makes_scopes_unsure(lint_app, files, unsure):
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.subject == "write:jira-work"
    assert finding.confidence is (Confidence.LOW if unsure else Confidence.HIGH)
    if unsure and files:
        assert (
            "app/src/index.js:2: made inside the package `jira-helpers`, which depends on " in finding.message
        )


@pytest.mark.parametrize(
    ("name", "unsure"), [("date-helpers", False), ("compass-kit", True), ("confluence-utils", True)]
)
def test_a_package_not_installed_is_unsure_only_when_its_name_names_forge_or_a_product(
    lint_app, name, unsure
):
    code = INDEX.replace("jira-helpers/issues", name)
    (finding,) = lint_app(MANIFEST, files={"src/index.js": code}, select="SC402").reported
    assert finding.confidence is (Confidence.LOW if unsure else Confidence.HIGH)


def test_a_package_named_for_forge_that_is_not_installed(lint_app):
    code = INDEX.replace("jira-helpers/issues", "forge-jira-client")
    report = lint_app(MANIFEST, files={"src/index.js": code}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "its name says it is made for Forge" in finding.message


def test_type_packages_run_nothing(lint_app):
    code = INDEX.replace("jira-helpers/issues", "@atlassian/forge-graphql-types")
    report = lint_app(MANIFEST, files={"src/index.js": code}, select="SC402")
    assert [f.confidence for f in report.reported] == [Confidence.HIGH]


EGRESS = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  external:\n"
    "    fetch:\n      backend:\n        - https://api.vendor.example\n"
)


@pytest.mark.parametrize(
    ("spec", "package"),
    [
        # review 36 (apps 24, 25, 41, 43, 26): each loads the URL the code gives it
        ("papaparse", "papaparse"),
        ("d3", "d3"),
        ("d3-fetch", "d3-fetch"),
        ("rxjs/ajax", "rxjs"),
        ("rxjs/fetch", "rxjs"),
    ],
)
def test_a_package_that_loads_a_url_it_is_given_makes_declared_hosts_unsure(lint_app, spec, package):
    code = f"import * as lib from '{spec}';\nexport const run = () => lib;\n"
    report = lint_app(EGRESS, files={"src/index.js": code}, select="SC404")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW, finding.message
    assert f"maybe sent by the package `{package}`, which loads a URL the code hands it" in finding.message


@pytest.mark.parametrize(
    ("package", "unsure"),
    [
        ("axios", True),
        ("@sentry/node", True),
        ("lodash", False),
        # review 27: clients that send requests themselves, found without node_modules
        ("pocketbase", True),
        ("@bugsnag/js", True),
        ("@urql/core", True),
        ("plausible-tracker", True),
        ("jwks-rsa", True),
        ("bent", True),
    ],
)
def test_a_package_that_sends_requests_makes_declared_hosts_unsure(lint_app, package, unsure):
    code = f"import client from '{package}';\nexport const run = () => client;\n"
    report = lint_app(EGRESS, files={"src/index.js": code}, select="SC404")
    (finding,) = report.reported
    assert finding.confidence is (Confidence.LOW if unsure else Confidence.HIGH)
    if unsure:
        assert (
            f"app/src/index.js:1: sent by the package `{package}`, whose requests are not read"
            in finding.message
        )


def lock(packages: dict) -> str:
    return json.dumps({"lockfileVersion": 3, "packages": packages})


def test_a_forge_dependency_at_any_depth_and_through_a_workspace_link(lint_app):
    deep = {
        "package-lock.json": lock(
            {
                "node_modules/jira-helpers": {"dependencies": {"jira-core": "1"}},
                "node_modules/jira-core": {"dependencies": {"@forge/api": "5"}},
            }
        )
    }
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **deep}, select="SC402")
    assert [f.confidence for f in report.reported] == [Confidence.LOW]
    linked = {
        "package-lock.json": lock(
            {
                "node_modules/jira-helpers": {"link": True, "resolved": "packages/jira-helpers"},
                "packages/jira-helpers": {"dependencies": {"@forge/bridge": "5"}},
            }
        )
    }
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **linked}, select="SC402")
    assert [f.confidence for f in report.reported] == [Confidence.LOW]


def test_a_package_built_on_an_http_transport_sends_requests(lint_app):
    files = {
        "src/index.js": "import { Client } from '@notionhq/client';\nexport const run = () => new Client();\n",
        "package-lock.json": lock({"node_modules/@notionhq/client": {"dependencies": {"node-fetch": "2"}}}),
    }
    report = lint_app(EGRESS, files=files, select="SC404")
    assert [f.confidence for f in report.reported] == [Confidence.LOW]


YARN_V1 = """\
# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@acme/forge-kit@^2.0.0":
  version "2.1.0"
  dependencies:
    "@forge/api" "^5.0.0"

jira-helpers@^1.0.0, jira-helpers@^1.2.0:
  version "1.2.0"
  resolved "https://registry.yarnpkg.com/jira-helpers/-/jira-helpers-1.2.0.tgz"
  dependencies:
    "@acme/forge-kit" "^2.0.0"
    lodash "^4.17.21"

lodash@^4.17.21:
  version "4.17.21"
"""
YARN_BERRY = """\
__metadata:
  version: 8

"@acme/forge-kit@npm:^2.0.0":
  version: 2.1.0
  resolution: "@acme/forge-kit@npm:2.1.0"
  peerDependencies:
    "@forge/bridge": "*"

"jira-helpers@npm:^1.0.0":
  version: 1.2.0
  dependencies:
    "@acme/forge-kit": "npm:^2.0.0"
"""
PNPM_V9 = """\
lockfileVersion: '9.0'
packages:
  jira-helpers@1.2.0:
    resolution: {integrity: sha512-x}
snapshots:
  jira-helpers@1.2.0(react@18.0.0):
    dependencies:
      '@acme/forge-kit': 2.1.0
  '@acme/forge-kit@2.1.0':
    dependencies:
      '@forge/api': 5.0.0
"""
PNPM_V5 = """\
lockfileVersion: 5.4
packages:
  /jira-helpers/1.2.0:
    dependencies:
      '@acme/forge-kit': 2.1.0
  /@acme/forge-kit/2.1.0:
    dependencies:
      '@forge/kvs': 1.0.0
"""


@pytest.mark.parametrize(
    ("lockfile", "text", "reaching"),
    [
        ("yarn.lock", YARN_V1, "@forge/api"),
        ("yarn.lock", YARN_BERRY, "@forge/bridge"),
        ("pnpm-lock.yaml", PNPM_V9, "@forge/api"),
        ("pnpm-lock.yaml", PNPM_V5, "@forge/kvs"),
        # listed, and reaching nothing Forge: ordinary code
        (
            "yarn.lock",
            YARN_V1.replace('"@forge/api" "^5.0.0"', 'left-pad "^1"') + '\nleft-pad@^1:\n  version "1.3.0"\n',
            None,
        ),
        # a dependency the yarn lockfile does not list (a workspace package): unknown
        ("yarn.lock", YARN_V1.replace('"@forge/api" "^5.0.0"', 'left-pad "^1"'), "-"),
    ],
)
def test_yarn_and_pnpm_lockfiles_give_the_dependencies(lint_app, lockfile, text, reaching):
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, lockfile: text}, select="SC402")
    (finding,) = report.reported
    if reaching is None:
        assert finding.confidence is Confidence.HIGH
    else:
        assert finding.confidence is Confidence.LOW
        if reaching == "-":
            assert "depends on packages that are not installed or listed in a lockfile" in finding.message
        else:
            assert f"made inside the package `jira-helpers`, which depends on {reaching}" in finding.message


def test_an_unreadable_pnpm_lockfile_is_not_trusted(tmp_path):
    from scopecheck.ecosystems.forge.code.lockfiles import read_lockfiles

    (tmp_path / "pnpm-lock.yaml").write_text("packages: [unclosed\n")
    assert read_lockfiles(tmp_path) is None


# a review's holes: an alias of @forge/api, a pnpm v5 key with a peer suffix, a workspace
YARN_ALIAS = """\
jira-helpers@^1.0.0:
  version "1.0.0"
  dependencies:
    fapi "npm:@forge/api@^3.0.0"

"fapi@npm:@forge/api@^3.0.0":
  version "3.0.0"
"""
BERRY_ALIAS = """\
"jira-helpers@npm:^1.0.0":
  version: 1.0.0
  dependencies:
    fapi: "npm:@forge/api@^3.0.0"
"""
PNPM_V5_PEER = """\
lockfileVersion: 5.4
packages:
  /jira-helpers/1.0.0:
    dependencies:
      '@acme/mid': 1.0.0_react@18.0.0
  /@acme/mid/1.0.0_react@18.0.0:
    dependencies:
      '@forge/api': 3.0.0
"""
PNPM_WORKSPACE = """\
lockfileVersion: '9.0'
importers:
  ../b:
    dependencies:
      '@forge/api': {specifier: ^3.0.0, version: 3.0.0}
packages:
  '@forge/api@3.0.0': {resolution: {integrity: sha512-x}}
"""


@pytest.mark.parametrize(
    "files",
    [
        {"yarn.lock": YARN_ALIAS},
        {"yarn.lock": BERRY_ALIAS},
        {"pnpm-lock.yaml": PNPM_V5_PEER},
        {
            "pnpm-lock.yaml": PNPM_WORKSPACE,
            "node_modules/jira-helpers/package.json": package("jira-helpers", {"@acme/b": "workspace:*"}),
        },
        {
            "package-lock.json": json.dumps(
                {"packages": {"node_modules/jira-helpers": {"dependencies": {"fapi": "npm:@forge/api@^3"}}}}
            )
        },
    ],
)
def test_aliases_peer_suffixes_and_workspaces_keep_a_forge_package_unsure(lint_app, files):
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "made inside the package `jira-helpers`" in finding.message


def _app_package(version: str) -> str:
    return json.dumps({"name": "app", "dependencies": {"jira-helpers": version, "@forge/api": "^5"}})


@pytest.mark.parametrize(
    ("files", "why"),
    [
        # a folder of the repository that is not installed: its own package.json says what it uses
        (
            {
                "package.json": _app_package("file:../shared/jira-helpers"),
                "../shared/jira-helpers/package.json": package("jira-helpers", {"@forge/api": "^5"}),
            },
            "depends on @forge/api",
        ),
        # its folder is not there, or a workspace package not linked: what it does is unknown
        (
            {"package.json": _app_package("file:../missing")},
            "is a package of the repository (`file:../missing`)",
        ),
        ({"package.json": _app_package("workspace:*")}, "is a package of the repository (`workspace:*`)"),
    ],
)
def test_a_package_of_the_repository_that_is_not_installed(lint_app, files, why):
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert why in finding.message


def test_a_package_of_the_repository_that_uses_no_forge_api(lint_app):
    files = {
        "package.json": _app_package("file:../shared/jira-helpers"),
        "../shared/jira-helpers/package.json": package("jira-helpers", {}),
    }
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.HIGH


def test_a_package_named_for_atlassian_products_that_is_not_installed(lint_app):
    code = INDEX.replace("jira-helpers/issues", "@acme/atlassian-client")
    report = lint_app(MANIFEST, files={"src/index.js": code}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "made for Forge or Atlassian products" in finding.message


@pytest.mark.parametrize(
    ("shared", "code"),
    [
        # a Forge package only among its devDependencies (a workspace hoists it)
        ({"devDependencies": {"@forge/api": "^5"}}, "export const go = () => 1;\n"),
        # nothing listed, but its code imports one
        ({}, "import api from '@forge/api';\nexport const go = () => api.asApp();\n"),
    ],
    ids=["devDependencies", "imported"],
)
def test_a_repository_package_that_uses_forge(lint_app, shared, code):
    files = {
        "package.json": _app_package("file:../shared/jira-helpers"),
        "../shared/jira-helpers/package.json": json.dumps({"name": "jira-helpers", **shared}),
        "../shared/jira-helpers/index.js": code,
    }
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "depends on @forge/api" in finding.message


def test_a_repository_package_that_fetches_makes_declared_hosts_unsure(lint_app):
    manifest = MANIFEST + "  external:\n    fetch:\n      backend:\n        - https://api.example.com\n"
    files = {
        "package.json": _app_package("file:../shared/jira-helpers"),
        "../shared/jira-helpers/package.json": package("jira-helpers", {}),
        "../shared/jira-helpers/index.js": "export const get = () => fetch('https://api.example.com/x');\n",
    }
    report = lint_app(manifest, files={"src/index.js": INDEX, **files}, select="SC404")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "sent by the package `jira-helpers`" in finding.message


def test_an_installed_repository_package_is_read_for_its_code(lint_app, tmp_path):
    """`npm install` links a `file:` package into node_modules: its package.json lists nothing,
    but its own code calls Jira."""
    shared = tmp_path / "shared"
    (shared / "src").mkdir(parents=True)
    (shared / "package.json").write_text(json.dumps({"name": "jira-helpers", "main": "dist/index.js"}))
    (shared / "src" / "index.ts").write_text(
        "import api from '@forge/api';\nexport const go = () => api.asApp();\n"
    )
    (tmp_path / "app" / "node_modules").mkdir(parents=True)
    (tmp_path / "app" / "node_modules" / "jira-helpers").symlink_to(shared)
    files = {"package.json": _app_package("file:../shared")}
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, **files}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW


@pytest.mark.parametrize(
    "code",
    [
        "import api from '@forge/api';\nexport const get = () => api.fetch('https://api.example.com/x');\n",
        "import https from 'https';\nexport const get = () => https.get('https://api.example.com/x');\n",
        "export const get = () => globalThis.fetch('https://api.example.com/x');\n",
    ],
    ids=["@forge/api fetch", "https.get", "globalThis.fetch"],
)
def test_a_workspace_package_that_sends_requests(lint_app, code):
    """A `workspace:` package is found by its name in a folder beside the app."""
    manifest = MANIFEST + "  external:\n    fetch:\n      backend:\n        - https://api.example.com\n"
    files = {
        "package.json": _app_package("workspace:*"),
        "../packages/helpers/package.json": json.dumps({"name": "jira-helpers"}),
        "../packages/helpers/index.js": code,
    }
    report = lint_app(manifest, files={"src/index.js": INDEX, **files}, select="SC404")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
