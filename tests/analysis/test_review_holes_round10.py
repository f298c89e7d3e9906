"""Wrong certain findings a tenth review (session 13) built, each bundled with webpack (Babel
or ts-loader, as the Forge CLI sets them up) and run with its requests logged: places where
tree-sitter reads code otherwise than JavaScript engines (a regular expression after an arrow
function's body, `yield` as a name, `<!--`), escapes that spell a trigger word, and modules
loaded from where the analysis does not read (a run-time name that leaves the app or enters a
skipped folder, `(require)(...)`, `createRequire`, `require.context`, an absolute path,
package.json `imports`, `exports` of the app's own name and a `browser` map, a file a build
step makes). Each app needs `write:jira-work`."""

from __future__ import annotations

import os

import pytest
from test_type_imports import MANIFEST, PACKAGE

from scopecheck.core.findings import Confidence

SEND = (
    "import api, { route } from '@forge/api';\n"
    "export const syncAll = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT' });\n"
)


def _write(lint_app, files: dict[str, str], manifest: str = MANIFEST) -> list:
    report = lint_app(manifest, files={"package.json": PACKAGE, **files}, select="SC402")
    return [f for f in report.reported if f.subject == "write:jira-work"]


@pytest.mark.parametrize(
    "code",
    [
        # tree-sitter: `() => {} / <b>...</b> / g`; JavaScript: ASI, then a regex and a call
        "const noop = () => {}\n/<b>R&D/.test(s); api.asApp().requestJira(url, put); noop() </b>/g\n",
        "const noop = () => {}\n/'/.test(s) || api.asApp().requestJira(url, put) // '\n",
        "export default function () {}\n/'/.test(s) || api.asApp().requestJira(url, put) // '\n",
        # `yield` is a name outside a generator: `yield <b>(...)</b>/g` is comparisons
        "exports.gate = function (b) {\n  var yield = 1;\n"
        "  return yield <b>(api.asApp().requestJira(url, put), 0)</b>/g;\n};\n",
    ],
    ids=["regex-after-arrow-jsx", "regex-after-arrow-string", "regex-after-export-default", "yield-name"],
)
def test_code_tree_sitter_reads_otherwise_leaves_the_file_not_analysed_whole(lint_app, code):
    head = "import api from '@forge/api';\nconst url = '/rest/api/3/issue/X', put = { method: 'PUT' }, s = 'x';\n"
    found = _write(lint_app, {"src/index.js": head + code + "export const run = () => 1;\n"})
    assert [f.confidence for f in found] in ([], [Confidence.LOW])
    assert not found or "reads the code otherwise than JavaScript does" in found[0].message


def test_an_html_comment_in_a_script(lint_app):
    code = (
        "const api = require('@forge/api');\n"
        "exports.run = async (key, done) => {\n"
        "  done <!-- /* legacy\n"
        "  await api.default.asApp().requestJira(api.route`/rest/api/3/issue/${key}`, { method: 'PUT' })\n"
        "  <!-- */ key\n};\n"
    )
    found = _write(lint_app, {"src/index.cjs": code}, MANIFEST.replace("index.run", "index.run"))
    assert [f.confidence for f in found] in ([], [Confidence.LOW])


def test_real_generators_and_divisions_are_read_as_usual(lint_app):
    code = (
        "import api, { route } from '@forge/api';\n"
        "function* ids() { yield 1; }\nconst o = { *m() { yield 2; } };\nconst half = function () {} / 2;\n"
        "export const run = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
    )
    assert [f.confidence for f in _write(lint_app, {"src/index.js": code})] == [Confidence.HIGH]


def test_an_identity_escape_spelling_a_trigger_word_is_read(lint_app):
    code = (
        "import api, { route } from '@forg\\e/api';\n"
        "export const run = async (key) => api.asApp()['request\\Jira'](route`/rest/api/3/issue/${key}`, "
        "{ method: 'PUT' });\n"
    )
    assert _write(lint_app, {"src/index.js": code}) == []  # the PUT is seen


@pytest.mark.parametrize(
    "load",
    [
        "require('./' + '../shared/sync')",
        "require(`./${'..'}/shared/sync`)",
        "require('./build/' + job)",  # a folder scopecheck does not read (build output)
        "(require)('../shared/sync')",
        "require /* why */ ('../shared/' + 'sync')",
        "require('module').createRequire(__filename)('../shared/sync')",
        "require.context('../shared', false, /sync/)('./sync.js')",
    ],
    ids=[
        "dot-concat",
        "dot-template",
        "skipped-folder",
        "paren-require",
        "comment-gap",
        "create-require",
        "context",
    ],
)
def test_a_module_loaded_from_where_nothing_is_read_keeps_the_doubt(lint_app, tmp_path, load):
    """The app is `app/`; `shared/sync.js` is beside it (outside), or under `app/src/build/`."""
    shared = tmp_path / "shared"
    shared.mkdir(exist_ok=True)
    (shared / "sync.js").write_text(SEND)
    code = (
        "import api, { route } from '@forge/api';\n"
        f"export const run = async (key, job = 'sync') => {{\n  const {{ syncAll }} = {load};\n"
        "  await syncAll(key);\n  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n};\n"
    )
    found = _write(lint_app, {"src/index.js": code, "src/build/sync.js": SEND})
    assert [f.confidence for f in found] == [Confidence.LOW]


def test_a_run_time_name_into_a_folder_that_is_a_link_keeps_the_doubt(lint_app, tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "sync.js").write_text(SEND)
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (key, job = 'sync') => [await require('./shared/' + job).syncAll(key),\n"
        "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`)];\n"
    )
    report_files = {"src/index.js": code}
    (tmp_path / "app" / "src").mkdir(parents=True, exist_ok=True)
    os.symlink(tmp_path / "outside", tmp_path / "app" / "src" / "shared")
    assert [f.confidence for f in _write(lint_app, report_files)] == [Confidence.LOW]


def test_a_run_time_name_into_a_folder_of_read_files_is_no_doubt(lint_app):
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (key, job = 'a') => [require('./jobs/' + job), require(`./jobs/${job}.js`),\n"
        "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`)];\n"
    )
    files = {"src/index.js": code, "src/jobs/a.js": "export const a = 1;\n"}
    assert [f.confidence for f in _write(lint_app, files)] == [Confidence.HIGH]


def test_a_file_by_its_absolute_path_is_named_unread(lint_app, tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "sync.js").write_text(SEND)
    code = f"const {{ syncAll }} = require('{tmp_path / 'shared' / 'sync'}');\nexport const run = (k) => syncAll(k);\n"
    found = _write(lint_app, {"src/index.js": code})
    assert [f.confidence for f in found] == [Confidence.LOW]
    assert "shared/sync.js was not analysed" in found[0].message


@pytest.mark.parametrize(
    ("package", "code"),
    [
        (
            '{"imports": {"#sync": "./dist/sync.js"}, "dependencies": {"@forge/api": "^4"}}',
            "import { syncAll } from '#sync';\nexport const run = (k) => syncAll(k);\n",
        ),
        (
            '{"name": "issue-tools", "exports": {"./sync": "./dist/sync.js"}, "dependencies": {"@forge/api": "^4"}}',
            "import { syncAll } from 'issue-tools/sync';\nexport const run = (k) => syncAll(k);\n",
        ),
    ],
    ids=["imports-field", "own-name-exports"],
)
def test_package_json_names_for_unread_code_keep_the_doubt(lint_app, package, code):
    report = lint_app(
        MANIFEST, files={"package.json": package, "src/index.js": code, "dist/sync.js": SEND}, select="SC402"
    )
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] == [Confidence.LOW]


def test_a_browser_map_to_unread_code_keeps_the_doubt(lint_app):
    package = '{"browser": {"./src/issue.js": "./dist/issue.js"}, "dependencies": {"@forge/api": "^4"}}'
    files = {
        "package.json": package,
        "src/index.js": "import { syncAll } from './issue';\nexport const run = (k) => syncAll(k);\n",
        "src/issue.js": SEND.replace(", { method: 'PUT' }", ""),
        "dist/issue.js": SEND,
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    (finding,) = [f for f in report.reported if f.subject == "write:jira-work"]
    assert finding.confidence is Confidence.LOW and "package.json `browser` map loads it" in finding.message


def test_an_import_of_a_file_a_build_step_makes_keeps_the_doubt(lint_app):
    code = (
        "import api, { route } from '@forge/api';\nimport { Limits } from './generated/limits';\n"
        "export const run = async (key) => [Limits.BATCH, await api.asApp().requestJira(route`/rest/api/3/issue/${key}`)];\n"
    )
    found = _write(lint_app, {"src/index.js": code})
    assert [f.confidence for f in found] == [Confidence.LOW]
    assert "imports `./generated/limits`, which is not in the repository" in found[0].message


def test_a_type_import_of_a_missing_file_beside_jsx_is_dropped(lint_app):
    """`import { Config } from '../types'` read only as a type in a .tsx file with JSX: no JSX
    factory is among its names, so TypeScript drops it and nothing unknown is loaded."""
    code = (
        "import api, { route } from '@forge/api';\nimport { Config } from '../types';\n"
        "export const View = (c: Config) => <p>{String(c)}</p>;\n"
        "export const run = (key: string) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
    )
    assert [f.confidence for f in _write(lint_app, {"src/index.tsx": code})] == [Confidence.HIGH]
