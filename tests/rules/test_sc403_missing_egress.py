"""SC403 missing-egress: code fetches a host the manifest does not declare."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.core.findings import Confidence

FETCH = """\
import { fetch } from '@forge/api';

export const run = () => fetch('https://hooks.slack.com/services/T/B/X', { method: 'POST' });
"""


def manifest(egress: str = "") -> str:
    return (
        "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes: []\n"
        + egress
    )


@pytest.mark.parametrize(
    ("egress", "expected"),
    [
        ("", [("index.js", 3, 26, "SC403")]),
        ("  external:\n    fetch:\n      backend:\n        - https://hooks.slack.com\n", []),
        ("  external:\n    fetch:\n      backend:\n        - hooks.slack.com\n", []),
        ("  external:\n    fetch:\n      backend:\n        - '*.slack.com'\n", []),
        ("  external:\n    fetch:\n      backend:\n        - address: hooks.slack.com\n", []),
        # declared for the browser only: the backend fetch is still missing
        (
            "  external:\n    fetch:\n      client:\n        - hooks.slack.com\n",
            [("index.js", 3, 26, "SC403")],
        ),
        (
            "  external:\n    fetch:\n      backend:\n        - api.slack.com\n",
            [("index.js", 3, 26, "SC403")],
        ),
    ],
)
def test_missing_egress(lint_app, egress, expected):
    report = lint_app(manifest(egress), files={"src/index.js": FETCH}, select="SC403")
    assert positions(report) == expected


def test_message_and_remote_reference(lint_app):
    report = lint_app(manifest(), files={"src/index.js": FETCH}, select="SC403")
    (finding,) = report.reported
    assert (
        finding.message
        == "`hooks.slack.com` is fetched here but not declared in `permissions.external.fetch.backend`"
    )
    assert finding.subject == "hooks.slack.com"
    remote = (
        "  external:\n    fetch:\n      backend:\n        - remote: slack\n"
        "remotes:\n  - key: slack\n    baseUrl: https://hooks.slack.com\n"
    )
    assert positions(lint_app(manifest(remote), files={"src/index.js": FETCH}, select="SC403")) == []


def test_dynamic_urls_are_not_guessed(lint_app):
    code = "import { fetch } from '@forge/api';\nexport const run = (url) => fetch(url);\n"
    assert positions(lint_app(manifest(), files={"src/index.js": code}, select="SC403")) == []


def backend(*addresses: str) -> str:
    return "  external:\n    fetch:\n      backend:\n" + "".join(f"        - {a}\n" for a in addresses)


def fetching(url: str) -> dict[str, str]:
    quoted = f"`{url}`" if "${" in url else f"'{url}'"
    return {
        "src/index.js": f"import {{ fetch }} from '@forge/api';\n\nexport const run = (port) => fetch({quoted});\n"
    }


@pytest.mark.parametrize(
    ("declared", "url", "reported"),
    [
        ("https://api.example.com", "https://api.example.com:8443/v1", True),
        ("https://api.example.com:8443", "https://api.example.com/v1", True),
        ("https://api.example.com:8443", "https://api.example.com:8443/v1", False),
        ("http://api.example.com", "https://api.example.com/v1", True),
        ("api.example.com", "http://api.example.com/v1", True),
        ("http://api.example.com", "http://api.example.com/v1", False),
        ("api.example.com", "//api.example.com/v1", False),  # protocol-relative: https
        # the scheme's default port is the same as none
        ("https://api.example.com:443", "https://api.example.com/v1", False),
        ("https://api.example.com", "https://api.example.com:443/v1", False),
        # wildcards keep working, with scheme and port
        ("'*.example.com'", "https://api.example.com/v1", False),
        ("'*.example.com'", "https://api.example.com:8443/v1", True),
        ("'*.example.com'", "http://api.example.com/v1", True),
        ("'http://*.example.com'", "http://api.example.com/v1", False),
        ("'*'", "http://api.example.com:8443/v1", False),
        # a port only known at run time is not guessed
        ("https://api.example.com", "https://api.example.com:${port}/v1", False),
    ],
)
def test_scheme_and_port_are_matched(lint_app, declared, url, reported):
    report = lint_app(manifest(backend(declared)), files=fetching(url), select="SC403")
    assert positions(report) == ([("index.js", 3, 30, "SC403")] if reported else [])


def test_message_for_another_scheme_or_port(lint_app):
    report = lint_app(
        manifest(backend("http://api.example.com")),
        files=fetching("https://api.example.com:8443/v1"),
        select="SC403",
    )
    (finding,) = report.reported
    assert finding.message == (
        "`api.example.com` is fetched here as `https://api.example.com:8443`, but "
        "`permissions.external.fetch.backend` allows it only as `http://api.example.com` "
        "(Forge matches scheme, host and port)"
    )
    assert finding.help.startswith(
        "add `https://api.example.com:8443` under `permissions.external.fetch.backend`"
    )
    assert finding.subject == "api.example.com"
    report = lint_app(manifest(), files=fetching("http://api.example.com/v1"), select="SC403")
    assert report.reported[0].help.startswith("add `http://api.example.com` under")


PROVIDER = """\
modules:
  function:
    - key: main
      handler: index.run
providers:
  auth:
    - key: google
      name: Google
      type: oauth2
      remotes:
        - google-apis
remotes:
  - key: google-apis
    baseUrl: https://www.googleapis.com
permissions:
  scopes: []
"""


@pytest.mark.parametrize(
    ("egress", "expected"),
    [
        ("", [("manifest.yml", 11, 11, "SC403")]),
        (backend("remote: google-apis"), []),
        (backend("https://www.googleapis.com"), []),
        (backend("address: https://www.googleapis.com"), []),
        # Forge wants the exact baseUrl: the same host written otherwise is not enough
        (backend("www.googleapis.com"), [("manifest.yml", 11, 11, "SC403")]),
        (backend("'*.googleapis.com'"), [("manifest.yml", 11, 11, "SC403")]),
        # for the browser only
        (
            backend("https://www.googleapis.com").replace("backend", "client"),
            [("manifest.yml", 11, 11, "SC403")],
        ),
    ],
)
def test_auth_provider_remotes_must_be_backend_egress(lint_app, egress, expected):
    # no source files at all: the check is the manifest's own
    assert positions(lint_app(PROVIDER + egress, select="SC403")) == expected


def test_auth_provider_remote_message(lint_app):
    (finding,) = lint_app(PROVIDER, select="SC403").reported
    assert finding.message == (
        "remote `google-apis` (`https://www.googleapis.com`) of auth provider `google` is not declared "
        "in `permissions.external.fetch.backend`"
    )
    assert finding.subject == "www.googleapis.com"
    assert "`remote: google-apis`" in finding.help
    (near,) = lint_app(PROVIDER + backend("www.googleapis.com"), select="SC403").reported
    assert "Forge wants `remote: google-apis` or the exact `baseUrl`" in near.message


# -- icons that dynamic-properties functions return ---------------------------------------------


def dynamic(
    module_type: str = "confluence:contentBylineItem", egress: str = "", function: str = "props"
) -> str:
    return (
        f"modules:\n  {module_type}:\n    - key: item\n      title: Item\n      resource: ui\n"
        f"      dynamicProperties:\n        function: {function}\n"
        "  function:\n    - key: props\n      handler: index.props\n"
        "resources:\n  - key: ui\n    path: static/ui/build\npermissions:\n  scopes: []\n" + egress
    )


def icon_code(url: str) -> dict[str, str]:
    return {"src/index.js": f"export const props = () => ({{\n  title: 'Done',\n  icon: '{url}',\n}});\n"}


def images(*addresses: str) -> str:
    return "  external:\n    images:\n" + "".join(f"        - {a}\n" for a in addresses)


ICON = "https://cdn.example.com/ok.png"
AT_ICON = [("index.js", 3, 9, "SC403")]


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        pytest.param(dynamic(), ICON, AT_ICON, id="byline"),
        pytest.param(dynamic("jira:issueContext"), ICON, AT_ICON, id="issue-context"),
        pytest.param(dynamic("jira:issueGlance"), ICON, AT_ICON, id="issue-glance"),
        pytest.param(dynamic(egress=images("https://cdn.example.com")), ICON, [], id="declared"),
        pytest.param(dynamic(egress=images("'*.example.com'")), ICON, [], id="declared-wildcard"),
        pytest.param(dynamic(egress=backend("https://cdn.example.com")), ICON, AT_ICON, id="other-kind"),
        # the image hosts Forge always allows for <Image src> are not enough (forge lint)
        pytest.param(dynamic(), "https://secure.gravatar.com/avatar/1", AT_ICON, id="implicit-host"),
        pytest.param(
            dynamic(egress=images("https://secure.gravatar.com")),
            "https://secure.gravatar.com/avatar/1",
            [],
            id="implicit-host-declared",
        ),
        pytest.param(dynamic(), "resource:ui;ok.png", [], id="bundled"),
        # only these three module types, and only with dynamicProperties.function
        pytest.param(dynamic("jira:issuePanel"), ICON, [], id="other-module-type"),
        pytest.param(
            dynamic().replace("      dynamicProperties:\n        function: props\n", ""),
            ICON,
            [],
            id="static",
        ),
        # a key no function module has: forge lint's heuristic reads every file
        pytest.param(dynamic(function="gone"), ICON, AT_ICON, id="unknown-function"),
    ],
)
def test_dynamic_property_icons(lint_app, text, url, expected):
    assert positions(lint_app(text, files=icon_code(url), select="SC403")) == expected


@pytest.mark.parametrize(
    ("guard", "certain"),
    [("false", False), ("process.env.PNG === '1'", True)],
    ids=["constant-false", "from-the-environment"],
)
def test_an_icon_a_constant_guard_skips_is_never_returned(lint_app, guard, certain):
    """Review 36, app 73: the icon's file makes no other request, so it was not read for
    statements that never run."""
    code = (
        f"const USE_PNG = {guard};\n"
        "export const props = () => {\n"
        f"  if (USE_PNG) return {{ title: 'Done', icon: '{ICON}' }};\n"
        "  return { title: 'Done' };\n};\n"
    )
    (finding,) = lint_app(dynamic(), files={"src/index.js": code}, select="SC403").reported
    assert (finding.confidence is Confidence.HIGH) is certain, finding.message
    if not certain:
        assert "its condition on line 3 is always false" in finding.message


def test_dynamic_property_icon_messages(lint_app):
    (finding,) = lint_app(dynamic(), files=icon_code(ICON), select="SC403").reported
    assert finding.message == (
        "`cdn.example.com` is an icon that `index.props` returns for dynamic properties "
        "but not declared in `permissions.external.images`"
    )
    assert finding.help.startswith("add `https://cdn.example.com` under `permissions.external.images`")
    assert finding.subject == "cdn.example.com"
    (found,) = lint_app(
        dynamic(function="gone"), files=icon_code("https://api.atlassian.com/x.png"), select="SC403"
    ).reported
    assert found.message == (
        "`api.atlassian.com` is an icon returned for dynamic properties but not declared in "
        "`permissions.external.images` (the image hosts Forge always allows do not cover "
        "dynamic-property icons)"
    )
    (near,) = lint_app(
        dynamic(egress=images("http://cdn.example.com")), files=icon_code(ICON), select="SC403"
    ).reported
    assert near.message.startswith(
        "`cdn.example.com` is an icon that `index.props` returns for dynamic properties as "
        "`https://cdn.example.com`, but `permissions.external.images` allows it only as"
    )


def test_image_src_keeps_the_implicit_hosts(lint_app):
    """An `<Image src>` on a host Forge always allows needs no declaration, next to an icon that does."""
    source = (
        "import React from 'react';\nimport { Image } from '@forge/react';\n"
        "export const App = () => <Image src='https://secure.gravatar.com/avatar/1' />;\n"
        "export const props = () => ({ icon: 'https://secure.gravatar.com/avatar/2' });\n"
    )
    report = lint_app(dynamic(), files={"src/index.jsx": source}, select="SC403")
    assert positions(report) == [("index.jsx", 4, 37, "SC403")]


def test_a_fetch_through_a_helper_points_at_the_caller_and_relates_the_fetch(lint_app):
    files = {
        "src/http.js": "import { fetch } from '@forge/api';\nexport const post = (url) => fetch(url, { method: 'POST' });\n",
        "src/index.js": "import { post } from './http';\nexport const run = () => post('https://hooks.slack.com/x');\n",
    }
    report = lint_app(manifest(), files=files, select="SC403")
    assert positions(report) == [("index.js", 2, 26, "SC403")]
    assert [(r.span.path, r.span.line) for r in report.reported[0].related] == [("app/src/http.js", 2)]
