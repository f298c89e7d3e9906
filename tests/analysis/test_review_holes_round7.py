"""Wrong certain findings a seventh review (session 12) built against that session's changes:
module aliases the alias check missed, an import after a closed block comment, and calls of
`privacy.reportPersonalData` through values the analysis does not follow. Each app needs the
scope named with it, so no certain SC402 may call it unused. Also: `import x from '.'` loads
the folder's index."""

from __future__ import annotations

import pytest
from review7_probes import PROBES

from scopecheck.core.findings import Confidence, Severity

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "    - key: other\n      handler: other.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
)
SEND = (
    "import api, { route } from '@forge/api';\n"
    "export const send = (key, method) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method });\n"
)
#: `other.run` PUTs through `send`, imported by a name only an alias makes mean src/lib/jira.js
BASE = {
    "package.json": '{"dependencies": {"@forge/api": "^4.0.0"}}',
    "src/lib/jira.js": SEND,
    "src/index.js": "import { send } from './lib/jira';\nexport const run = (k) => send(k, 'GET');\n",
    "src/other.js": "import { send } from 'lib/jira';\nexport const run = (k) => send(k, 'PUT');\n",
}


@pytest.mark.parametrize(
    "extra",
    [
        {"rspack.config.js": "module.exports = { resolve: { alias: { lib: './src/lib' } } };\n"},
        {".env": "NODE_PATH=src\n"},
        {"src/tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"lib/*": ["./lib/*"]}}}'},
        {
            ".babelrc": '{"plugins": [["babel-plugin-root-import", {"rootPathSuffix": "./src", "rootPathPrefix": "~/"}]]}',
            "src/other.js": "import { send } from '~/lib/jira';\nexport const run = (k) => send(k, 'PUT');\n",
        },
        {
            "vite.config.js": "export default { resolve: { alias: { lib: '/src/lib' } } };\n",
            "src/other.js": "/* eslint-disable-next-line */ import { send } from 'lib/jira';\n"
            "export const run = (k) => send(k, 'PUT');\n",
        },
        {
            "src/lib/package.json": '{"main": "jira.js"}',
            "src/other.js": "/* eslint-disable-next-line */ import { send } from './lib';\n"
            "export const run = (k) => send(k, 'PUT');\n",
        },
    ],
    ids=[
        "rspack",
        "node-path",
        "nested-tsconfig-paths",
        "babel-root-import",
        "vite-after-comment",
        "main-after-comment",
    ],
)
def test_a_helper_an_alias_may_reach_keeps_its_scopes_unsure(lint_app, extra):
    report = lint_app(MANIFEST, files={**BASE, **extra}, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] != [Confidence.HIGH]


@pytest.mark.parametrize(
    ("spec", "installed"), [("node-fetch", True), ("node-fetch", False), ("@jira", False)]
)
def test_an_unlisted_bare_import_may_be_an_alias_installed_or_not(lint_app, spec, installed):
    """A third review: node_modules and lockfiles hold packages the app cannot load (nested
    copies, links, a front end's own), and a bundler may alias an installed name."""
    files = {
        **BASE,
        "src/other.js": f"import {{ send }} from './lib/jira';\nimport x from '{spec}';\n"
        "export const run = (k) => [send(k, 'GET'), x];\n",
    }
    if installed:
        files[f"node_modules/{spec}/package.json"] = f'{{"name": "{spec}", "version": "2.0.0"}}'
    report = lint_app(MANIFEST, files=files, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.LOW)]


PRIVACY = "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - report:personal-data\n"


@pytest.mark.parametrize(
    "files",
    [
        {
            "src/forge.js": "export * from '@forge/api';\n",
            "src/index.js": "import { privacy } from './forge';\nexport const run = (a) => privacy.reportPersonalData(a);\n",
        },
        {
            "src/index.js": "import { privacy } from '@forge/api';\n"
            "class Svc { p = privacy; go(a) { return this.p.reportPersonalData(a); } }\n"
            "export const run = (a) => new Svc().go(a);\n"
        },
        {
            "src/index.ts": "import { privacy } from '@forge/api';\n"
            "class Svc { constructor(private p = privacy) {} go(a: string[]) { return this.p.reportPersonalData(a); } }\n"
            "export const run = (a: string[]) => new Svc().go(a);\n"
        },
    ],
    ids=["export-star", "class-field", "parameter-property"],
)
def test_report_personal_data_called_through_a_value_not_followed_is_not_certainly_unused(lint_app, files):
    report = lint_app(PRIVACY, files=files, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "report:personal-data"] != [Confidence.HIGH]


@pytest.mark.parametrize(
    "code",
    [
        "// TODO: privacy.reportPersonalData(accounts)\nexport const run = () => 1;\n",
        "import api from '@forge/api';\nexport const run = (u) => u.slice(0, 50); // cut for privacy\n",
        "import api from '@forge/api';\nexport const run = () => 'see our privacy policy';\n",
    ],
    ids=["comment-line", "trailing-comment", "prose-in-a-string"],
)
def test_the_word_privacy_in_comments_or_prose_uses_nothing(lint_app, code):
    files = {"src/index.js": code}
    report = lint_app(PRIVACY, files=files, select="SC402")
    assert {f.subject: f.confidence for f in report.reported}["report:personal-data"] is Confidence.HIGH


def test_an_import_of_dot_loads_the_folder_index(lint_app):
    """`import { save } from '.'` in src/handlers/main.js loads src/handlers/index.js: its PUT
    runs, so a missing `write:jira-work` is an error, not dead code."""
    manifest = "modules:\n  function:\n    - key: main\n      handler: handlers/main.run\npermissions:\n  scopes:\n    - read:jira-work\n"
    files = {
        "src/handlers/index.js": "import api, { route } from '@forge/api';\n"
        "export const save = () => api.asApp().requestJira(route`/rest/api/3/issue/X-1`, { method: 'PUT' });\n",
        "src/handlers/main.js": "import { save } from '.';\nexport const run = () => save();\n",
    }
    report = lint_app(manifest, files=files, select="SC401")
    assert [(f.severity, f.confidence) for f in report.reported] == [(Severity.ERROR, Confidence.HIGH)]


# ---------------------------------------------------------------- the second review's apps


#: probe -> (rule, subject) that must not be certain
NOT_CERTAIN = {
    "b01_commented_baseurl": ("SC402", "write:jira-work"),  # a commented-out baseUrl
    "b05_module_suffixes": ("SC402", "write:jira-work"),  # moduleSuffixes picks another file
    "a08_cui_at_alias_index": ("SC402", "write:jira-work"),  # `@` aliased to a file
    "c02_babel_alias_generator_line": ("SC402", "write:jira-work"),  # `*gen() {` is code
    "c03_babel_alias_mul_line": ("SC402", "write:jira-work"),  # `  * require(...)` is code
    "q09_reassign": ("SC402", "report:personal-data"),  # p = privacy; p[K](ids)
    "q11_call_helper": ("SC402", "report:personal-data"),  # call(privacy, K, ids)
    "x01_nul_in_extends": ("SC402", "write:jira-work"),  # a NUL in `extends`: no crash
    # a fourth review
    "q01_stargate_factory": ("SC402", "report:personal-data"),  # createRequestStargateAsApp()
    "p09b_ternary_split_name": ("SC402", "report:personal-data"),  # `c ? mock : privacy` + newline
    "f04_no_extension": ("SC402", "report:personal-data"),  # require('./gdpr'), a file with no suffix
    # a third review: holes the code before this session had too
    "k04c_listed_installed_webpack_alias": ("SC402", "write:jira-work"),  # a listed name aliased
    "k04f_listed_pkgjson_alias_field": ("SC402", "write:jira-work"),  # package.json `alias`
    "k09j_customize_cra_addWebpackAlias_listed": ("SC402", "write:jira-work"),  # addWebpackAlias
    "k14c_builtin_name_no_config": ("SC402", "write:jira-work"),  # `util/jira` is no Node module
    "k15_vite_root_relative_import": ("SC402", "write:jira-work"),  # from '/src/lib/jira.js'
    "k16b_workspace_star_lib_no_forge_dep": ("SC402", "write:jira-work"),  # a workspace package
}


@pytest.mark.parametrize("probe", sorted(NOT_CERTAIN))
def test_second_review_probe_is_not_certain(lint_app, probe):
    files = dict(PROBES[probe])
    rule, subject = NOT_CERTAIN[probe]
    report = lint_app(files.pop("manifest.yml"), files=files, select="SC401,SC402")
    assert report.crashes == ()
    assert [f.confidence for f in report.reported if (f.rule_id, f.subject) == (rule, subject)] != [
        Confidence.HIGH
    ]


@pytest.mark.parametrize("probe", ["b03_ts_and_js_config", "a17_cra_node_modules_first"])
def test_a_bare_import_a_package_may_answer_gives_no_certain_missing_scope(lint_app, probe):
    """tsconfig without baseUrl beside a jsconfig with one; Create React App looks in
    node_modules first: `import { get } from 'config'` need not be the app's src/config.js."""
    files = dict(PROBES[probe])
    report = lint_app(files.pop("manifest.yml"), files=files, select="SC401")
    assert [f for f in report.reported if f.confidence is Confidence.HIGH] == []


@pytest.mark.parametrize(
    "probe",
    [
        "u10_indented_side_effect_import",
        "u12_import_after_jsdoc_close",
        "u08_uikit_and_customui_same_folder",
        "u09b_jsx_tsx_twins",  # `./Panel` with Panel.jsx and Panel.tsx: the bundler takes the .tsx
        "u02_require_concat_index",  # require('./actions/' + kind) with actions/index.js
        "u05_folder_pkg_main_and_index",  # `./api`: its package.json `main`, not index.js
        "u17b_big_generated_imports_fetcher",  # a file too big to read imports the live one
    ],
)
def test_a_file_a_side_effect_import_or_a_shared_folder_loads_is_reached(lint_app, probe):
    files = dict(PROBES[probe])
    report = lint_app(files.pop("manifest.yml"), files=files, select="SC401")
    assert (Severity.ERROR, Confidence.HIGH) in [
        (f.severity, f.confidence) for f in report.reported if "write:jira-work" in f.message
    ]


def test_an_imported_minified_file_is_named_and_leaves_scopes_unsure(lint_app):
    """A third review: the handler's code is in `store.min.js`, which is never read; importing
    it made `storage:app` certainly unused."""
    manifest = "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n"
    files = {
        "src/index.js": "import { go } from './store.min.js';\nexport const run = async (i) => go(i);\n",
        "src/store.min.js": 'var f=require("@forge/api");exports.go=async i=>f.storage.set("n",i);\n',
    }
    report = lint_app(manifest, files=files, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "store.min.js was not analysed" in finding.message and "minified" in finding.message
