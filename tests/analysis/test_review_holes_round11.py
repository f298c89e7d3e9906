"""Wrong certain findings an eleventh review (session 13) built, each bundled with webpack and
run with its requests logged; the code before this session had all of them too: more places
tree-sitter reads otherwise than JavaScript engines (`-->` after a block comment, `export
default function*`, `scale<number>` then a `/` line, `await` and `interface` as names),
loaders written with a line break (`require\\n.context`), a run-time name into a folder with
files not read or no code yet, dotted module names, `/dist/x.js` from the project root,
`data:` modules, a `node_modules` folder inside the app, package.json files below the app's
(own names, `browser` maps, `imports` conditions), a folder's `main` beside its index, an
extensionless file beside `x.js`, and octal escapes. Each app needs `write:jira-work`."""

from __future__ import annotations

import pytest
from test_type_imports import MANIFEST, PACKAGE

from scopecheck.core.findings import Confidence

SEND = (
    "import api, { route } from '@forge/api';\n"
    "export const syncAll = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT' });\n"
)
GET = "import api, { route } from '@forge/api';\nexport const syncAll = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
HEAD = "import api from '@forge/api';\nconst url = '/rest/api/3/issue/X', put = { method: 'PUT' }, s = 'x';\n"


def _confidences(lint_app, files: dict[str, str], manifest: str = MANIFEST) -> list[Confidence]:
    report = lint_app(manifest, files={"package.json": PACKAGE, **files}, select="SC402")
    return [f.confidence for f in report.reported if f.subject == "write:jira-work"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("src/index.cjs", "const api = require('@forge/api');\nlet n = 1;\nn /* a\n */ --> /* b\n"
         "api.default.asApp().requestJira('/rest/api/3/issue/X', { method: 'PUT' })\n// */ 0\n"),
        ("src/index.js", HEAD + "export default function* () {}\n/<b>/.test(s); api.asApp().requestJira(url, put); s </b>/g\n"),
        ("src/index.ts", HEAD + "const scale = (n: number) => n;\nexport function run() {\n  const half = scale<number>\n"
         "  / 2; api.asApp().requestJira(url, put); half /g;\n}\n"),
        ("src/index.cjs", "const api = require('@forge/api');\nvar await = 4;\nconst half = await\n"
         "/ 2; api.default.asApp().requestJira('/rest/api/3/issue/X', { method: 'PUT' }); half /g;\n"),
        ("src/index.ts", HEAD + "var interface = 1, Sync = 2;\ninterface\nSync\n{ api.asApp().requestJira(url, put) }\n"),
    ],
    ids=["html-close-comment", "export-default-generator", "instantiation-then-slash", "await-name", "interface-name"],
)  # fmt: skip
def test_more_code_tree_sitter_reads_otherwise(lint_app, name, code):
    assert _confidences(lint_app, {name: code}) in ([], [Confidence.LOW])


@pytest.mark.parametrize(
    ("load", "extra"),
    [
        ("require\n  .context('../dist', false, /sync/)('./sync.js')", {"dist/sync.js": SEND}),
        ("require('./jobs/' + job)", {"src/jobs/sync.es6": SEND, "src/jobs/a.js": "export default 1;\n"}),
        ("require('./generated/' + job)", {"src/generated/.gitkeep": ""}),
        ("require('./generated/jira.client')", {}),
        ("require('/dist/sync.js')", {"dist/sync.js": SEND}),
        ("require('data:text/javascript,export const syncAll = 1')", {}),
        ("require('sync-helpers')", {"src/node_modules/sync-helpers/index.js": SEND}),
        ("require('./sync')", {"src/sync": SEND, "src/sync.js": GET}),
        ("require('./lib')", {"src/lib/index.js": GET, "src/lib/package.json": '{"main": "dist/index.js"}',
                              "src/lib/dist/index.js": SEND}),
    ],
    ids=["context-newline", "folder-es6", "folder-generated", "dotted-name", "root-path", "data-uri",
         "nested-node-modules", "extensionless-first", "main-over-index"],
)  # fmt: skip
def test_a_module_a_bundler_loads_from_what_is_not_read_keeps_the_doubt(lint_app, load, extra):
    code = (
        "import api, { route } from '@forge/api';\n"
        f"export const run = async (key, job = 'sync') => {{\n  const {{ syncAll }} = {load};\n"
        "  await syncAll(key);\n  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n};\n"
    )
    assert _confidences(lint_app, {"src/index.js": code, **extra}) == [Confidence.LOW]


@pytest.mark.parametrize(
    ("package_files", "spec"),
    [
        ({"src/lib/package.json": '{"name": "issue-lib", "exports": {"./sync": "./dist/sync.js"}}',
          "src/lib/dist/sync.js": SEND,  # a package names itself from its own files only
          "src/lib/index.js": "export { syncAll } from 'issue-lib/sync';\n"}, "./lib/index.js"),
        ({"package.json": '{"imports": {"#sync": {"node": "./dist/sync.js", "default": "./src/sync.js"}},'
          ' "dependencies": {"@forge/api": "^4"}}', "dist/sync.js": SEND, "src/sync.js": GET}, "#sync"),
        ({"src/package.json": '{"browser": {"./sync.js": "./dist/sync.js"}}', "src/sync.js": GET,
          "src/dist/sync.js": SEND}, "./sync"),
        ({"package.json": '{"browser": {"./src/sync.js": "./dist/sync"}, "dependencies": {"@forge/api": "^4"}}',
          "src/sync.js": GET, "dist/sync.js": SEND}, "./sync"),
    ],
    ids=["nested-own-name", "imports-conditions", "nested-browser-map", "browser-map-no-extension"],
)  # fmt: skip
def test_package_json_below_or_with_conditions_keeps_the_doubt(lint_app, package_files, spec):
    code = f"import {{ syncAll }} from '{spec}';\nexport const run = (k) => syncAll(k);\n"
    assert _confidences(lint_app, {"src/index.js": code, **package_files}) == [Confidence.LOW]


def test_an_octal_escape_spelling_a_trigger_word_is_read(lint_app):
    code = (
        "const api = require('@forge\\057api');\n"
        "exports.run = (key) => api.default.asApp()['request\\112ira'](api.route`/rest/api/3/issue/${key}`, "
        "{ method: 'PUT' });\n"
    )
    assert _confidences(lint_app, {"src/index.cjs": code}, MANIFEST) == []  # the PUT is seen


@pytest.mark.parametrize("verb", ["['request', 'Jira'].join('')", "process.env.VERB"])
def test_a_method_named_at_run_time_on_a_parameter_given_a_client(lint_app, verb):
    code = (
        "import api, { route } from '@forge/api';\n"
        f"const verb = {verb};\n"
        "const save = (client, url) => client[verb](url, { method: 'PUT', body: '{}' });\n"
        "export const run = async (key) => {\n"
        "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n"
        "  await save(api.asApp(), route`/rest/api/3/issue/${key}`);\n};\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) == [Confidence.LOW]


def test_a_method_named_at_run_time_on_a_parameter_given_no_forge_object(lint_app):
    code = (
        "import api, { route } from '@forge/api';\n"
        "const pick = (obj, key) => obj[key]();\n"
        "export const run = async (key) => [pick({ a: () => 1 }, 'a'),\n"
        "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`)];\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) == [Confidence.HIGH]


@pytest.mark.parametrize(
    ("helper", "call"),
    [
        (
            "(path, opts) => api.asApp().requestJira(path, { method: 'PUT', ...opts })",
            "rj(p, { body: '{}' })",
        ),
        ("(path, opts) => api.asApp().requestJira(path, { method: 'PUT', ...opts })", "rj(p)"),
        (
            "(path, a, b) => api.asApp().requestJira(path, { ...a, ...b })",
            "rj(p, { method: 'PUT' }, { body: '{}' })",
        ),
    ],
    ids=["spread-without-method", "spread-not-given", "two-spreads"],
)
def test_a_method_written_before_a_spread_of_the_callers_options(lint_app, helper, call):
    """A fifth review: `{ method: 'PUT', ...opts }` sends PUT when `opts` has no `method`;
    the spread's missing `method` was read as GET. Never a certain SC402 on write (session 14
    reads the PUT where the caller's options lack `method`: test_review_holes_round12)."""
    code = (
        "import api, { route } from '@forge/api';\n"
        f"const rj = {helper};\n"
        f"export const run = async (k) => {{ const p = route`/rest/api/3/issue/${{k}}`; return {call}; }};\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) in ([], [Confidence.LOW])


@pytest.mark.parametrize(
    "path", ["route`/rest/api/3/myself/../issue/${k}`", "route`/rest/api/3/myself/%2e%2e/issue/${k}`"]
)
def test_a_dot_segment_in_a_path_leaves_the_operation_unknown(lint_app, path):
    """`route` lets `..` in its literal text through, and URL parsing resolves it: the PUT
    goes to `/rest/api/3/issue/{k}`, not to the read-only `myself` API."""
    code = (
        "import api, { route } from '@forge/api';\n"
        f"export const run = async (k) => api.asApp().requestJira({path}, {{ method: 'PUT' }});\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) == [Confidence.LOW]


@pytest.mark.parametrize(
    "change",
    [
        "Object.prototype.method = 'PUT';",
        "Object.defineProperty(Object.prototype, 'method', { value: 'PUT' });",
        "({}).__proto__.method = 'PUT';",
    ],
)
def test_a_change_to_what_every_object_inherits_keeps_the_doubt(lint_app, change):
    code = (
        "import api, { route } from '@forge/api';\n"
        f"{change}\n"
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { headers: {} });\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) == [Confidence.LOW]


def test_a_handler_the_app_also_calls_gets_forges_event_too(lint_app):
    """A fifth review: the nightly job calls the web trigger's handler with GET; Forge calls
    it with whatever request arrives (`req.method` may be PUT)."""
    manifest = (
        "modules:\n  webtrigger:\n    - key: hook\n      function: main\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
    )
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (req) => api.asApp().requestJira(route`/rest/api/3/issue/${req.key}`, "
        "{ method: req.method });\n"
        "export const nightly = () => run({ method: 'GET', key: 'OPS-1' });\n"
    )
    found = [f for f in lint_app(manifest, files={"package.json": PACKAGE, "src/index.js": code},
                                 select="SC402").reported if f.subject == "write:jira-work"]  # fmt: skip
    assert [f.confidence for f in found] == [Confidence.LOW]
    assert (
        "which Forge also calls with its own event (the manifest's handler `index.run`)" in found[0].message
    )


@pytest.mark.parametrize(
    "write", ["o. method = 'PUT';", "o.\n  method = 'PUT';", "o./* c */method = 'PUT';", "o.method /* c */ = 'PUT';",
              "const keys = ['method'];\no[keys[0]] = 'PUT';"],
    ids=["space-after-dot", "line-break-after-dot", "comment-after-dot", "comment-before-equals", "nested-index"],
)  # fmt: skip
def test_a_property_write_spelled_with_gaps_is_seen(lint_app, write):
    """A fifth review: each writes `o.method`, which the request then reads."""
    code = (
        "import api, { route } from '@forge/api';\nconst o = { method: 'GET' };\n"
        f"{write}\n"
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: o.method });\n"
    )
    assert _confidences(lint_app, {"src/index.js": code}) == [Confidence.LOW]
