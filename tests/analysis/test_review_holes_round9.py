"""Wrong certain findings a ninth review (session 13) built, each run through webpack with
Babel or ts-loader as the Forge CLI sets them up, its requests logged: tree-sitter's recovery
after a JSX `&` reading a later `/*` as a comment that hides code, an escaped name beside a
JSX `&`, `a < LIMIT > -b` read as a type, a `/*` in a string swallowing a `require`, and
older holes: modules named at run time, escapes in files without trigger words, and a folder
whose package.json `main` points into code that is not read. Each app needs `write:jira-work`."""

from __future__ import annotations

import pytest
from test_type_imports import MANIFEST, PACKAGE, _files, _write_confidence

from scopecheck.core.findings import Confidence

UI_KIT = (
    "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      render: native\n"
    "      title: Panel\nresources:\n  - key: main\n    path: src/frontend/index.jsx\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
)
HEAD = (
    "import React from 'react';\n"
    "import ForgeReconciler, { Text, Button } from '@forge/react';\n"
    "import { requestJira } from '@forge/bridge';\n"
)


def _ui_kit(lint_app, body: str) -> list[Confidence]:
    files = {"package.json": PACKAGE, "src/frontend/index.jsx": HEAD + body}
    report = lint_app(UI_KIT, files=files, select="SC402")
    return [f.confidence for f in report.reported if f.subject == "write:jira-work"]


def test_a_comment_tree_sitter_invents_after_a_jsx_ampersand_hides_nothing(lint_app):
    """Compilers read `& /* top-level` and `**/` as JSX text; before the mend tree-sitter read a
    comment from one to the other, over the PUT."""
    body = (
        "const Hint = () => <Text>Scans the root & /* top-level files only</Text>;\n"
        "const save = () => requestJira('/rest/api/3/issue/X', { method: 'PUT', body: '{}' });\n"
        "const Footer = () => <Text>Nested folders are skipped: **/</Text>;\n"
        "const App = () => <Button onClick={save}>Save</Button>;\n"
        "ForgeReconciler.render(<App />);\n"
    )
    assert _ui_kit(lint_app, body) == []  # the PUT is seen: write:jira-work is needed


def test_an_escaped_name_beside_a_jsx_ampersand_keeps_the_doubt(lint_app):
    body = (
        "import { requ\\u0065stJira as saveIssue } from '@forge/bridge';\n"
        "const save = () => saveIssue('/rest/api/3/issue/X', { method: 'PUT', body: '{}' });\n"
        "const App = () => <Button onClick={save}>Load & Save</Button>;\n"
        "ForgeReconciler.render(<App />);\n"
    )
    assert _ui_kit(lint_app, body) not in ([Confidence.HIGH], [])


@pytest.mark.parametrize("tail", ["-offset", "+offset", "[0]"])
def test_a_comparison_tree_sitter_reads_as_type_arguments_keeps_the_import(lint_app, tail):
    """`score < RequestInit > -offset` is two comparisons to tsc, Babel and esbuild."""
    extra = f"// @ts-ignore\nexport const over = (score: number, offset: number) => score < RequestInit > {tail};\n"
    assert _write_confidence(lint_app, _files("import { RequestInit } from 'node-fetch';", extra)) != [
        Confidence.HIGH
    ]


def test_a_block_comment_opened_in_a_string_swallows_no_require(lint_app):
    code = (
        "const note = 'Reads settings from /*.json files';\n"
        "const client = require('acme-issue-client');\n"
        "const skip = \"Skips src/**/'vendor' folders\";\n"
        "export const run = (key) => client.update(key);\n"
    )
    files = {
        "package.json": '{"dependencies": {"@forge/api": "^4", "acme-issue-client": "1.0.0"}}',
        "node_modules/acme-issue-client/package.json": '{"name": "acme-issue-client", "version": "1.0.0",'
        ' "dependencies": {"@forge/api": "^4"}}',
        "src/index.js": code,
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] != [Confidence.HIGH]


@pytest.mark.parametrize(
    "load",
    [
        "require('@forge' + process.env.API)",
        "require(`acme-${process.env.API}`)",
        "require(process.env.API)",
        "require(/* which */ process.env.API)",
        "await import('acme-' + process.env.KIND)",
    ],
)
def test_a_module_named_at_run_time_leaves_the_file_not_analysed_whole(lint_app, load):
    code = (
        f"export const run = async (key) => {{\n  const api = {load};\n"
        "  return api.asApp()['request' + 'Jira'](`/rest/api/3/issue/${key}`, { method: 'PUT' });\n};\n"
    )  # no trigger word: the file is not even parsed
    report = lint_app(MANIFEST, files={"package.json": PACKAGE, "src/index.js": code}, select="SC402")
    found = [f for f in report.reported if f.subject == "write:jira-work"]
    assert [f.confidence for f in found] == [Confidence.LOW]
    assert "loads a module named at run time (line 2)" in found[0].message


@pytest.mark.parametrize(
    "line",
    [
        "export const page = () => import(/* webpackChunkName: \"page\" */ './page');",
        "export const locale = (lang) => import('./locales/' + lang);",
        "export const helper = (kind) => require(`./helpers/${kind}`);",
        "// const api = require(process.env.API);",
    ],
    ids=["magic-comment", "own-folder-concat", "own-folder-template", "comment"],
)
def test_a_module_from_the_files_own_folder_or_a_literal_is_no_doubt(lint_app, line):
    code = (
        "import api, { route } from '@forge/api';\n"
        f"{line}\n"
        "export const run = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
    )
    files = {
        "package.json": PACKAGE,
        "src/index.js": code,
        "src/page.js": "export default 1;\n",
        "src/locales/en.js": "export default {};\n",  # a folder of read files (round 10)
        "src/helpers/a.js": "export default 1;\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    found = [f for f in report.reported if f.subject == "write:jira-work"]
    assert found and "named at run time" not in found[0].message


def test_escapes_in_a_file_without_trigger_words_are_read(lint_app):
    """`'@forge\\u002fapi'` and `['request\\u004aira']` spell no trigger word: the file is read
    anyway, and the PUT is seen (so only `read:jira-work` is unused)."""
    code = (
        "import api, { route } from '@forge\\u002fapi';\n"
        "export const run = async (key) => {\n"
        "  await api.asApp()['request\\u004aira'](route`/rest/api/3/issue/${key}`, { method: 'PUT', body: '{}' });\n"
        "};\n"
    )
    report = lint_app(MANIFEST, files={"package.json": PACKAGE, "src/index.js": code}, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("read:jira-work", Confidence.HIGH)]


def test_a_helper_called_by_an_escaped_name_in_a_file_without_trigger_words(lint_app):
    files = {
        "package.json": PACKAGE,
        "src/issues.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method });\n",
        "src/index.js": "import { send } from './issues';\nimport { later } from './later';\n"
        "export const run = (key) => [send(key, 'GET'), later(key)];\n",
        "src/later.js": "import { s\\u0065nd as update } from './issues';\nexport const later = (key) => update(key, 'PUT');\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    (finding,) = [f for f in report.reported if f.subject == "write:jira-work"]
    assert finding.confidence is not Confidence.HIGH
    assert "later.js was not analysed whole: the name at line 1" in finding.message


def test_a_folder_whose_main_is_code_not_read_leaves_it_unread(lint_app):
    files = {
        "package.json": PACKAGE,
        "src/index.js": "import sync from './vendor/sync';\nexport const run = (key) => sync(key);\n",
        "src/vendor/sync/package.json": '{"main": "dist/index.js"}',
        "src/vendor/sync/dist/index.js": "import api, { route } from '@forge/api';\n"
        "export default (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT' });\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    found = [f for f in report.reported if f.subject == "write:jira-work"]
    assert [f.confidence for f in found] != [Confidence.HIGH]
    assert found and "vendor/sync/dist/index.js was not analysed" in found[0].message
