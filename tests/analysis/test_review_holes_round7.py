"""Wrong certain findings a seventh review (session 12) built against that session's changes:
module aliases the alias check missed, an import after a closed block comment, and calls of
`privacy.reportPersonalData` through values the analysis does not follow. Each app needs the
scope named with it, so no certain SC402 may call it unused. Also: `import x from '.'` loads
the folder's index."""

from __future__ import annotations

import pytest

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


def test_an_unlisted_package_named_like_no_app_file_is_no_alias(lint_app):
    """`node-fetch` names no file of the app: the helper's calls are all known."""
    files = {
        **BASE,
        "src/other.js": "import { send } from './lib/jira';\nimport fetch from 'node-fetch';\n"
        "export const run = (k) => send(k, 'GET');\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.HIGH)]


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


def test_a_comment_that_only_mentions_report_personal_data_uses_nothing(lint_app):
    files = {"src/index.js": "// TODO: privacy.reportPersonalData(accounts)\nexport const run = () => 1;\n"}
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
