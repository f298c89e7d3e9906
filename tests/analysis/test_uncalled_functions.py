"""Top-level functions no code uses (js/uncalled.py): a scope only they need is unused at
medium confidence (no fix), a missing one is info; any mention, an alias, a handler named in
the manifest, a module loaded whole or a package built on Forge keeps them live."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence, Severity

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
    "permissions:\n  scopes:\n    - read:jira-user\n    - SCOPE\n"
)
INDEX = (
    "import api, { route } from '@forge/api';\nIMPORT\n"
    "export const run = async () => { await api.asApp().requestJira(route`/rest/api/3/myself`); USE };\n"
)
CLIENT = (
    "import api, { route } from '@forge/api';\n"
    "export async function download(id) {\n"
    "  return api.asApp().requestJira(route`/rest/api/3/attachment/content/${id}`);\n}\n"
)


def _app(import_line: str, use: str, client: str = CLIENT) -> dict[str, str]:
    return {
        "src/index.js": INDEX.replace("IMPORT", import_line).replace("USE", use),
        "src/client.js": client,
    }


def _findings(lint_app, files, scope="read:attachment:jira"):
    report = lint_app(MANIFEST.replace("SCOPE", scope), files=files, select="SC401,SC402")
    return {(f.rule_id, f.subject): f for f in report.reported}


@pytest.mark.parametrize(
    ("import_line", "use"),
    [
        ("import { download } from './client';", ""),  # imported, never called
        ("import './client';", ""),  # the file runs, the function is never named
        ("import { download as get } from './client';", ""),  # renamed, never called
        ("import { download } from './client';", "// await download('1');\n"),  # a comment calls nothing
        ("import { download } from './client';", "console.log('no download here');"),  # a log message
    ],
    ids=["imported-not-called", "file-imported", "renamed-not-called", "commented-out", "logged"],
)
def test_a_scope_only_an_uncalled_function_needs_is_unused_at_medium(lint_app, import_line, use):
    found = _findings(lint_app, _app(import_line, use))
    finding = found[("SC402", "read:attachment:jira")]
    assert finding.confidence is Confidence.MEDIUM and finding.fix is None
    assert "`download` (app/src/client.js:2), which no code calls" in finding.message


def test_a_missing_scope_in_an_uncalled_function_is_info(lint_app):
    found = _findings(lint_app, _app("import { download } from './client';", ""), scope="storage:app")
    finding = found[("SC401", "GET /rest/api/3/attachment/content/{}")]
    assert finding.severity is Severity.INFO and "which no code calls" in finding.message


@pytest.mark.parametrize(
    ("import_line", "use", "client"),
    [
        ("import { download } from './client';", "await download('1');", CLIENT),
        ("import { download as get } from './client';", "await get('1');", CLIENT),
        ("import { download } from './client';", "['1'].map(download);", CLIENT),
        ("import * as client from './client';", "await client['down' + 'load']('1');", CLIENT),
        ("const client = require('./client');", "await client[process.env.F]('1');", CLIENT),
        ("import get from './client';", "await get('1');", CLIENT + "export { download as default };\n"),
        ("import { go } from './client';", "await go('1');", CLIENT + "export { download as go };\n"),
    ],
    ids=[
        "called",
        "renamed-called",
        "passed",
        "namespace",
        "required-whole",
        "default",
        "re-exported",
    ],
)
def test_a_function_that_may_be_used_stays_live(lint_app, import_line, use, client):
    found = _findings(lint_app, _app(import_line, use, client))
    assert ("SC402", "read:attachment:jira") not in found
    again = _findings(lint_app, _app(import_line, use, client), scope="storage:app")
    missing = again[("SC401", "GET /rest/api/3/attachment/content/{}")]
    assert missing.confidence is Confidence.HIGH and missing.severity is Severity.ERROR


def test_a_handler_the_manifest_names_is_live(lint_app):
    files = {
        "src/index.js": "export { handle as run } from './impl';\n",
        "src/impl.js": "import api, { route } from '@forge/api';\n"
        "export const handle = async () => api.asApp().requestJira(route`/rest/api/3/attachment/content/1`);\n",
    }
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    missing = [f for f in report.reported if f.rule_id == "SC401"]
    assert missing and all(f.confidence is Confidence.HIGH for f in missing)


def test_a_front_ends_own_package_json_names_its_packages(lint_app):
    """`static/ui/package.json` lists react: the front end's bare imports are packages, not
    aliases, so reachability (and with it uncalled functions) can be told."""
    manifest = MANIFEST.replace("SCOPE", "read:attachment:jira").replace(
        "permissions:",
        "  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\n"
        "resources:\n  - key: ui\n    path: static/ui/build\npermissions:",
    )
    files = {
        **_app("import { download } from './client';", ""),
        "static/ui/package.json": '{"dependencies": {"react": "^18", "@forge/bridge": "^4"}}\n',
        "static/ui/src/index.jsx": "import React from 'react';\nexport default () => <p>hi</p>;\n",
    }
    report = lint_app(manifest, files=files, select="SC402")
    found = {(f.rule_id, f.subject): f for f in report.reported}
    assert found[("SC402", "read:attachment:jira")].confidence is Confidence.MEDIUM


#: an object literal whose `del` method makes the request; `use` is what `run` does with it
OBJECT = (
    "const jira = {{\n"
    "  async del(k) {{ return api.asApp().requestJira(route`/rest/api/3/issue/${{k}}`, {{ method: 'DELETE' }}); }},\n"
    "  get: (k) => api.asApp().requestJira(route`/rest/api/3/issue/${{k}}`),\n}};\n"
    "export async function run({{ k }}) {{ {use} }}\n"
)


@pytest.mark.parametrize(
    "code",
    [
        OBJECT.format(use="return Object.values(jira).map((f) => f(k));"),
        OBJECT.format(use="return jira[k](k);"),
        OBJECT.format(use="const j = jira; return j.get(k);"),
        OBJECT.format(use="return { ...jira }.get(k);"),
        OBJECT.format(use="return jira.get(k);") + "export default jira;\n",
        OBJECT.format(use="return jira.get(k);") + "module.exports = { jira };\n",
        OBJECT.format(use="return jira.get(k);").replace("const jira", "export const jira"),
        OBJECT.format(use="return jira.get(k);").replace(
            "get: (k) =>", "get(k) { return hand(this) },\n  x: (k) =>"
        ),
    ],
    ids=[
        "enumerated",
        "indexed",
        "aliased",
        "spread",
        "default-export",
        "commonjs-export",
        "exported",
        "this-passed",
    ],
)
def test_an_object_that_may_be_handed_on_keeps_its_methods_live(lint_app, code):
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    delete = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete and all(f.confidence is Confidence.HIGH for f in delete), [
        f.message for f in report.reported
    ]


@pytest.mark.parametrize(
    "code",
    [
        "class C {\n  constructor() { this.x = 1; }\n"
        "  del(k) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' }); }\n"
        "  get(k) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`); }\n}\n"
        "export async function run({ k }) { return new C().get(k); }\n",
        "export async function run({ k }) {\n"
        "  function never() { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' }); }\n"
        "  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`);\n}\n",
        "export async function run({ k }) {\n"
        "  const del = () => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' });\n"
        "  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`);\n}\n",
        OBJECT.format(use="return jira.get(k);"),
        OBJECT.format(use="return jira.get(k); /* jira is the client */").replace(
            "async del", "del: async function"
        ),
    ],
    ids=["class-method", "nested-function", "local-arrow", "object-method", "object-function-value"],
)
def test_a_method_or_inner_function_nothing_calls_is_dead_code(lint_app, code):
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    delete = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete and all(f.severity is Severity.INFO for f in delete), [f.message for f in report.reported]
    assert "which no code calls" in delete[0].message
    reads = [f for f in report.reported if f.subject.startswith("GET")]
    assert reads and all(f.confidence is Confidence.HIGH for f in reads)


DELETE = "await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' });"


@pytest.mark.parametrize(
    "body",
    [
        f"return 1;\n  {DELETE}",
        f"throw new Error('x');\n  {DELETE}",
        f"if (false) {{ {DELETE} }}",
        f"if (LEGACY) {{ {DELETE} }}",
        f"if (!LEGACY) {{ }} else {{ {DELETE} }}",
        f"while (false) {{ {DELETE} }}",
        f"LEGACY && (async () => {{ {DELETE} }})();",
        f"for (const x of [1]) {{ continue;\n  {DELETE} }}",
        f"if (MODE === 'dev') {{ {DELETE} }}",
        f"if (MODE !== 'prod') {{ {DELETE} }}",
        f"switch (MODE) {{ case 'dev': {DELETE} break; case 'prod': break; }}",
        f"switch (MODE) {{ case 'prod': break; case 'dev': {DELETE} }}",
        f"switch (MODE) {{ case 'prod': return; default: {DELETE} }}",
        f"switch (2) {{ case 1: {DELETE} case 2: break; }}",
        f"while (0) {{ {DELETE} }}",
        f"if (k) {{ return 1; }} else {{ return 2; }}\n  {DELETE}",
        f"if (k) {{ return 1; }} else if (MODE) {{ throw new Error(); }} else {{ return 2; }}\n  {DELETE}",
    ],
    ids=[
        "after-return",
        "after-throw",
        "if-false",
        "if-false-const",
        "else-of-true",
        "while-false",
        "and",
        "after-continue",
        "equal-constants",
        "unequal-constants",
        "switch-case-before",
        "switch-case-after-a-break",
        "switch-default-not-taken",
        "switch-numbers",
        "while-zero",
        "after-an-if-else-that-returns-both-ways",
        "after-an-if-else-chain-that-always-leaves",
    ],
)
def test_a_statement_no_path_reaches_is_dead_code(lint_app, body):
    code = (
        f"const LEGACY = false;\nconst MODE = 'prod';\nexport async function run({{ k }}) {{\n  {body}\n}}\n"
    )
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    delete = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete and all(f.severity is Severity.INFO for f in delete), [f.message for f in report.reported]
    assert "never runs" in delete[0].message


@pytest.mark.parametrize(
    "body",
    [
        f"if (k) return 1;\n  {DELETE}",
        f"if (process.env.X) {{ {DELETE} }}",
        f"return helper();\n  function helper() {{ return (async () => {{ {DELETE} }})(); }}",
        f"switch (MODE) {{ case 'prod': {{ }} case 'dev': {DELETE} }}",
        f"switch (MODE) {{ case 'dev': break; default: {DELETE} }}",
        f"switch (MODE) {{ case k: break; case 'dev': {DELETE} }}",
        f"switch (k) {{ case 'dev': {DELETE} }}",
        f"switch (MODE) {{ case 'prod': go(); break; case 'x': function go() {{ {DELETE} }} }}",
        f"if (MODE == 0) {{ {DELETE} }}",
        f"if (NUM === 8) {{ {DELETE} }}",
        f"if (k) {{ return 1; }} else {{ k = 2; }}\n  {DELETE}",
        f"if (k) {{ return 1; }} else if (MODE) {{ return 2; }}\n  {DELETE}",
        f"while (1) {{ {DELETE} break; }}",
        f"if (0x{'f' * 300}) {{ {DELETE} }}",
    ],
    ids=[
        "return-in-a-branch",
        "condition-known-at-run-time",
        "hoisted-function-after-return",
        "switch-falls-through",
        "switch-default-taken",
        "switch-label-unknown",
        "switch-subject-unknown",
        "switch-hoisted-function",
        "loose-equality-converts",
        "octal-literal",
        "an-else-that-goes-on",
        "an-if-else-chain-without-a-last-else",
        "while-one",
        "a-number-beyond-a-double-is-infinity",
    ],
)
def test_a_statement_some_path_reaches_stays_certain(lint_app, body):
    code = f"const MODE = 'prod';\nconst NUM = 010;\nexport async function run({{ k }}) {{\n  {body}\n}}\n"
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    delete = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete and all(f.confidence is Confidence.HIGH for f in delete), [
        f.message for f in report.reported
    ]


def test_a_method_of_a_class_that_extends_another_stays_live(lint_app):
    """A library's base class calls `process` by name; the app's code never names it."""
    files = {
        "package.json": '{"dependencies": {"@forge/api": "^5", "queue-lib": "^1"}}\n',
        "src/index.js": "import api, { route } from '@forge/api';\nimport { Worker } from 'queue-lib';\n"
        f"class IssueWorker extends Worker {{\n  async process({{ k }}) {{ {DELETE} }}\n}}\n"
        "class Plain {\n  async old({ k }) { " + DELETE + " }\n}\n"
        "export const run = async () => { new IssueWorker().start(); new Plain(); };\n",
    }
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    confidence = {f.span.line: f.confidence for f in report.reported if f.subject.startswith("DELETE")}
    assert confidence == {4: Confidence.HIGH, 7: Confidence.LOW}, [f.message for f in report.reported]


def test_a_helper_whose_request_sits_in_a_statement_no_path_reaches_makes_its_callers_dead(lint_app):
    # the request depends on the helper's parameter, so it is reported at each call site; a
    # constant-false guard inside the helper still means it never runs there
    helper = (
        "import api, { route } from '@forge/api';\nconst VIA_APP = false;\n"
        "export async function removeUser(group, user) {\n"
        "  if (VIA_APP) {\n"
        "    await api.asApp().requestJira(route`/rest/api/3/group/user?groupId=${group}&accountId=${user}`, { method: 'DELETE' });\n"
        "  }\n}\n"
    )
    index = (
        "import api, { route } from '@forge/api';\nimport { removeUser } from './groups';\n"
        "export const run = async ({ g, u }) => {\n"
        "  await api.asApp().requestJira(route`/rest/api/3/myself`);\n  await removeUser(g, u);\n};\n"
    )
    manifest = MANIFEST.replace("SCOPE", "manage:jira-configuration")
    report = lint_app(manifest, files={"src/index.js": index, "src/groups.js": helper}, select="SC402")
    unused = [f for f in report.reported if f.subject == "manage:jira-configuration"]
    assert [f.confidence for f in unused] == [Confidence.MEDIUM], [f.message for f in report.reported]
    assert "groups.js:5" in unused[0].message and "never runs" in unused[0].message
    report = lint_app(
        MANIFEST.replace("SCOPE", "storage:app"),
        files={"src/index.js": index, "src/groups.js": helper},
        select="SC401",
    )
    delete = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete and all(f.severity is Severity.INFO for f in delete), [f.message for f in report.reported]


WEB_MANIFEST = (
    "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      resolver:\n        function: resolver\n"
    "      title: Panel\n  function:\n    - key: resolver\n      handler: index.handler\n"
    "resources:\n  - key: main\n    path: static/view\n"
    "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - read:jira-user\n"
)
CLIENT_CLASS = (
    "import api, { route } from '@forge/api';\n"
    "export class Client {\n"
    "  async search(jql) { return api.asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: jql }); }\n"
    "  async me() { return api.asUser().requestJira(route`/rest/api/3/myself`); }\n"
    "}\nexport const client = new Client();\n"
)
RESOLVER = (
    "import Resolver from '@forge/resolver';\nimport { client } from './client';\n"
    "const resolver = new Resolver();\n"
    "resolver.define('find', async ({ payload }) => client.search(payload.jql));\n"
    "export const handler = resolver.getDefinitions();\n"
)


@pytest.mark.parametrize("mentioned", [False, True], ids=["never-named", "named-in-the-front-end"])
def test_a_handler_module_s_imports_are_back_end_code_even_when_the_front_end_s_sources_are_elsewhere(
    lint_app, mentioned
):
    # the resource folder holds only a built page: which files the front end loads is not
    # known, but the handler's imports run on Forge's servers, where no page calls `me` by name
    files = {
        "static/view/index.html": "<html><body><div id='root'></div></body></html>",
        "src/index.js": RESOLVER,
        "src/client.js": CLIENT_CLASS,
    }
    if mentioned:
        files["src/frontend/App.jsx"] = (
            "import { invoke } from '@forge/bridge';\nexport const load = () => invoke('me');\n"
        )
    report = lint_app(WEB_MANIFEST, files=files, select="SC402")
    unused = [f for f in report.reported if f.subject == "read:jira-user"]
    if mentioned:  # any mention counts as a use
        assert unused == [], [f.message for f in report.reported]
    else:
        assert [f.confidence for f in unused] == [Confidence.MEDIUM], [f.message for f in report.reported]
        assert "`me`" in unused[0].message


# ---------------------------------------------------------------- functions only dead code calls

#: the request is made inside `download` itself (no parameter), so its site is in client.js
FIXED_CLIENT = (
    "import api, { route } from '@forge/api';\n"
    "export async function download() {\n"
    "  return api.asApp().requestJira(route`/rest/api/3/attachment/content/1`);\n}\n"
)
PANEL = (
    "import api, { route } from '@forge/api';\nimport { download } from './client';\n"
    "export const run = async () => {\n"
    "  await api.asApp().requestJira(route`/rest/api/3/myself`);\n"
    "  async function save() { return download(); }\n"
    "  // <Button onClick={save} />\n"
    "  USE\n"
    "};\n"
)


@pytest.mark.parametrize(
    ("use", "dead"),
    [
        ("", True),  # `save` is never called, so neither is `download`
        ("return save;", False),
        ("await save();", False),
        ("const later = () => save();", True),  # only another dead function calls it
        ("const later = () => save();\n  return later;", False),
        ("console.log('save', save);", False),  # handed to a call, not only named in text
    ],
    ids=["never-called", "returned", "called", "dead-chain", "live-chain", "passed-to-log"],
)
def test_a_function_only_dead_code_calls_is_dead_too(lint_app, use, dead):
    files = {"src/index.js": PANEL.replace("USE", use), "src/client.js": FIXED_CLIENT}
    found = _findings(lint_app, files)
    finding = found.get(("SC402", "read:attachment:jira"))
    if dead:
        assert finding is not None and finding.confidence is Confidence.MEDIUM, list(found)
        assert (
            "`download` (app/src/client.js:2): only code that never runs calls it (`save`" in finding.message
        )
    else:
        assert finding is None, finding.message


def test_a_dead_caller_named_in_the_manifest_is_live(lint_app):
    # `run` is named by no code, but the manifest's `index.run` calls it: `download` runs
    files = {
        "src/index.js": "import { download } from './client';\n"
        "export async function run() { return download('1'); }\n",
        "src/client.js": CLIENT,
    }
    found = _findings(lint_app, files, scope="storage:app")
    assert ("SC402", "read:attachment:jira") not in found
    missing = found[("SC401", "GET /rest/api/3/attachment/content/{}")]
    assert missing.confidence is Confidence.HIGH and missing.severity is Severity.ERROR


def test_a_dead_caller_in_a_module_loaded_whole_may_be_called(lint_app):
    files = {
        "src/index.js": "import api, { route } from '@forge/api';\nimport * as tools from './tools';\n"
        "export const run = async (e) => { await api.asApp().requestJira(route`/rest/api/3/myself`); return tools[e.name](); };\n",
        "src/tools.js": "import { download } from './client';\nexport function save() { return download('1'); }\n",
        "src/client.js": CLIENT,
    }
    assert ("SC402", "read:attachment:jira") not in _findings(lint_app, files)


@pytest.mark.parametrize(
    "called", [False, True], ids=["helper-never-called", "helper-called-with-unknown-path"]
)
def test_a_call_not_pinned_in_code_that_never_runs_leaves_a_scope_possibly_unused(lint_app, called):
    # `del` sends whatever path it is given; nothing calls it, so it cannot need the scope
    # (medium: no fix); called with a path only known at run time, it may (low)
    client = (
        "import api from '@forge/api';\n"
        "export async function del(path, options) {\n"
        "  return api.asApp().requestJira(path, { ...options, method: 'DELETE' });\n}\n"
    )
    use = "await del(globalThis.target);" if called else ""
    files = _app("import { del } from './client';" if called else "import './client';", use, client)
    finding = _findings(lint_app, files, scope="write:jira-work")[("SC402", "write:jira-work")]
    if called:
        assert finding.confidence is Confidence.LOW
    else:
        assert finding.confidence is Confidence.MEDIUM and finding.fix is None, finding.message
        assert "could only be needed by calls not pinned in code no module reaches" in finding.message
        assert "`del`" in finding.message


@pytest.mark.parametrize(
    ("dispatch", "dead"),
    [
        ("const handler = actions[event.action];\n  if (handler) await handler.call(actions, event);", False),
        ("await actions[event.action](event);", False),
        ("await actions.other(event);", True),  # `rename` is named nowhere and never chosen
    ],
    ids=["computed-read-of-an-instance", "computed-call", "no-computed-member"],
)
def test_a_method_chosen_by_a_name_known_at_run_time_may_be_called(lint_app, dispatch, dead):
    index = (
        "import api, { route } from '@forge/api';\nimport { download } from './client';\n"
        "class Actions {\n  async rename(event) { return download(event.id); }\n  async other() {}\n}\n"
        "const actions = new Actions();\n"
        "export const run = async (event) => {\n"
        "  await api.asApp().requestJira(route`/rest/api/3/myself`);\n"
        f"  {dispatch}\n}};\n"
    )
    found = _findings(lint_app, {"src/index.js": index, "src/client.js": CLIENT})
    finding = found.get(("SC402", "read:attachment:jira"))
    if dead:
        assert finding is not None and finding.confidence is Confidence.MEDIUM
    else:
        assert finding is None, finding.message


@pytest.mark.parametrize(
    ("members", "use", "language"),
    [
        ("toJSON() { return download(this.id); }", "JSON.stringify(item);", "js"),
        ("toString() { return download(this.id); }", "String(item);", "js"),
        ("@logged\n  rename() { return download(this.id); }", "item.other();", "ts"),
        ("rename() { return download(this.id); }", "await handlers[event.name]?.(item);", "js"),
    ],
    ids=["toJSON", "toString", "decorated", "optional-computed-call"],
)
def test_a_method_the_runtime_or_a_decorator_may_call_is_live(lint_app, members, use, language):
    index = (
        "import api, { route } from '@forge/api';\nimport { download } from './client';\n"
        "function logged(target: any, key: any, d: any) { return d; }\n".replace(
            ": any", "" if language == "js" else ": any"
        )
        + f"class Item {{\n  {members}\n  other() {{}}\n}}\n"
        "const handlers = {};\n"
        "export const run = async (event) => {\n"
        "  const item = new Item();\n"
        "  await api.asApp().requestJira(route`/rest/api/3/myself`);\n"
        f"  {use}\n}};\n"
    )
    found = _findings(lint_app, {f"src/index.{language}": index, "src/client.js": CLIENT})
    assert ("SC402", "read:attachment:jira") not in found, found[("SC402", "read:attachment:jira")].message


# ---------------------------------------------------------------- front-end code
FRONT_MANIFEST = WEB_MANIFEST.replace("static/view", "static/view/build").replace(
    "    - read:jira-user\n", "    - read:jira-user\n    - read:attachment:jira\n"
)


def test_a_front_end_function_nothing_in_the_code_calls_is_not_taken_for_dead(lint_app):
    """A page's HTML may call a plain script's function (`onclick="dl()"`), a library a method
    of an object handed to it, a `.vue` file an export: a front end's function is called dead
    only when its ES module keeps it to itself and never names it (below)."""
    files = {
        "src/index.js": "import Resolver from '@forge/resolver';\nexport const handler = new Resolver().getDefinitions();\n",
        "static/view/src/index.js": (
            "const { requestJira } = require('@forge/bridge');\n"
            "function me() { return requestJira('/rest/api/3/myself'); }\nme();\n"
            "function dl(id) { return requestJira(`/rest/api/3/attachment/content/${id}`); }\n"
        ),
    }
    report = lint_app(FRONT_MANIFEST, files=files, select="SC402")
    assert "read:attachment:jira" not in {f.subject for f in report.reported}


@pytest.mark.parametrize(
    ("declaration", "dead"),
    [
        ("function dl(id) { return requestJira(`/rest/api/3/attachment/content/${id}`); }\n", True),
        ("const Old = () => { requestJira(`/rest/api/3/attachment/content/1`); return null; };\n", True),
        ("export function dl(id) { return requestJira(`/rest/api/3/attachment/content/${id}`); }\n", False),
        ("const Old = () => { requestJira(`/rest/api/3/attachment/content/1`); return null; };\n"
         "export const App = () => <Old />;\n", False),
        ("function dl(id) { return requestJira(`/rest/api/3/attachment/content/${id}`); }\n"
         "window.dl = dl;\n", False),
    ],
    ids=["function", "component", "exported", "rendered", "put-on-window"],
)  # fmt: skip
def test_a_front_end_function_its_module_keeps_to_itself_and_never_names_is_dead(lint_app, declaration, dead):
    """Review 28b h02, h04: a component nothing renders, in an ES module (bundled: its names
    are its own)."""
    files = {
        "src/index.js": "import Resolver from '@forge/resolver';\nexport const handler = new Resolver().getDefinitions();\n",
        "static/view/src/index.js": (
            "import { requestJira } from '@forge/bridge';\nrequestJira('/rest/api/3/myself');\n" + declaration
        ),
    }
    report = lint_app(FRONT_MANIFEST, files=files, select="SC402")
    found = {f.subject: f for f in report.reported}
    if dead:
        finding = found["read:attachment:jira"]
        assert finding.confidence is Confidence.MEDIUM and finding.fix is None
        assert "(app/static/view/src/index.js:3): nothing in its module names it" in finding.message
    else:
        assert "read:attachment:jira" not in found, found["read:attachment:jira"].message


@pytest.mark.parametrize(
    ("flags", "dead"),
    [
        ("export const WRITE = false;\n", True),
        ("const off = 0;\nexport const WRITE = off;\n", True),
        ("export let WRITE = false;\nexport const enable = () => { WRITE = true; };\n", False),
        ("export const WRITE = process.env.WRITE === '1';\n", False),
        ("exports.WRITE = false;\n", False),
        # review 30: the module's own `WRITE` is not the inner `const WRITE` of a function
        (
            "import { WRITE } from './real';\nexport { WRITE };\nexport const f = () => { const WRITE = false; return WRITE; };\n",
            False,
        ),
        (
            "export function WRITE() {}\nexport const f = () => { const WRITE = false; return WRITE; };\n",
            False,
        ),
        ("export class WRITE {}\nfunction f() { const WRITE = false; return WRITE; }\n", False),
    ],
    ids=[
        "export-const",
        "export-const-of-a-const",
        "export-let",
        "run-time-value",
        "commonjs",
        "re-exported-import",
        "exported-function",
        "exported-class",
    ],
)
def test_a_condition_on_a_constant_another_file_exports(lint_app, flags, dead):
    """Review 28b a24: `import { WRITE } from './flags'` of `export const WRITE = false`."""
    index = (
        "import api, { route } from '@forge/api';\nimport { WRITE } from './flags';\n"
        f"export async function run({{ k }}) {{\n  if (WRITE) {{ {DELETE} }}\n}}\n"
    )
    files = {"src/index.js": index, "src/flags.js": flags, "src/real.js": "export const WRITE = true;\n"}
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    (delete,) = [f for f in report.reported if f.subject.startswith("DELETE")]
    if dead:
        assert delete.severity is Severity.INFO
        assert "its condition on line 4 is always false, so it never runs" in delete.message
    else:
        assert delete.confidence is Confidence.HIGH, delete.message


@pytest.mark.parametrize(
    ("config", "dead"),
    [
        ("const cfg = { write: false, url: 'x' };\n", True),
        ("const cfg = { 'write': 0 };\n", True),
        ("const cfg = { write: false };\nexport const enable = () => { cfg.write = true; };\n", False),
        ("const cfg = { write: false };\nexport const set = (x) => Object.assign(cfg, x);\n", False),
        ("let cfg = { write: false };\nexport const reset = (x) => { cfg = x; };\n", False),
        ("const on = { write: true };\nconst cfg = { write: false, ...on };\n", False),
        ("const cfg = { write: false, get write() { return true; } };\n", False),
        ("const cfg = { write: false };\nexport const give = (f) => f(cfg);\n", False),
        ("const cfg = { write: process.env.WRITE === '1' };\n", False),
    ],
    ids=["false", "zero", "written", "assigned", "let", "spread", "getter", "handed-on", "run-time"],
)
def test_a_condition_on_a_property_of_a_constant_object(lint_app, config, dead):
    """Review 28b a23: `if (cfg.write)` of `const cfg = { write: false }`, nothing changing it."""
    index = (
        "import api, { route } from '@forge/api';\n"
        + config
        + f"export async function run({{ k }}) {{\n  if (cfg.write) {{ {DELETE} }}\n}}\n"
    )
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files={"src/index.js": index}, select="SC401")
    (delete,) = [f for f in report.reported if f.subject.startswith("DELETE")]
    if dead:
        assert delete.severity is Severity.INFO and "is always false, so it never runs" in delete.message
    else:
        assert delete.confidence is Confidence.HIGH, delete.message


@pytest.mark.parametrize(
    ("files", "condition"),
    [
        ({"src/index.js": "const cfg = { n: 0 };\ncfg.n++;\n"}, "cfg.n"),
        ({"src/index.js": "const cfg = { n: 0 };\n++cfg.n;\n"}, "cfg.n"),
        ({"src/index.js": "const cfg = { n: 0 };\ncfg.n += 1;\n"}, "cfg.n"),
        ({"src/index.js": "const cfg = { n: 0 };\ncfg.n |= 2;\n"}, "cfg.n"),
        ({"src/index.js": "const cfg = { n: 0 };\ncfg['n']++;\n"}, "cfg.n"),
        ({"src/index.js": "const cfg = { off: true };\ndelete cfg.off;\n"}, "!cfg.off"),
        ({"src/index.js": "const mk = () => ({ n: 0 });\nconst cfg = mk();\ncfg.n++;\n"}, "cfg.n"),
        (
            {
                "src/index.js": "import { cfg } from './cfg';\nimport './init';\n",
                "src/cfg.js": "export const cfg = { n: 0 };\n",
                "src/init.js": "import { cfg } from './cfg';\ncfg.n += 1;\n",
            },
            "cfg.n",
        ),
        (
            {
                "src/index.js": "import { cfg } from './cfg';\nimport './init';\n",
                "src/cfg.js": "export const cfg = { off: true };\n",
                "src/init.js": "import { cfg } from './cfg';\ndelete cfg.off;\n",
            },
            "!cfg.off",
        ),
        (
            {
                "src/index.js": "import { cfg } from './cfg';\nimport './init';\n",
                "src/cfg.js": "export const cfg = { n: 0 };\n",
                "src/init.js": "import { cfg } from './cfg';\nconst k = 'n';\ncfg[k]++;\n",
            },
            "cfg.n",
        ),
    ],
    ids=[
        "postfix",
        "prefix",
        "compound",
        "bitwise-or",
        "by-string-key",
        "delete",
        "factory",
        "importer-compound",
        "importer-delete",
        "importer-run-time-key",
    ],
)
def test_a_property_an_update_or_delete_changes_is_no_constant(lint_app, files, condition):
    """Review 29: `cfg.n++`, `cfg.n += 1`, `delete cfg.off` change an object literal's
    property as `=` does, so a condition on it is not constant and the request under it runs."""
    files = dict(files)
    files["src/index.js"] = (
        "import api, { route } from '@forge/api';\n"
        + files["src/index.js"]
        + f"export async function run({{ k }}) {{\n  if ({condition}) {{ {DELETE} }}\n}}\n"
    )
    report = lint_app(MANIFEST.replace("SCOPE", "storage:app"), files=files, select="SC401")
    (delete,) = [f for f in report.reported if f.subject.startswith("DELETE")]
    assert delete.confidence is Confidence.HIGH, delete.message


def test_a_front_end_function_called_through_an_escaped_name_is_not_dead(lint_app):
    """Review 30: `s\\u0061ve()` calls `save`; a file that spells a name so keeps its functions."""
    files = {
        "src/index.js": "import Resolver from '@forge/resolver';\nexport const handler = new Resolver().getDefinitions();\n",
        "static/view/src/index.js": (
            "import { requestJira } from '@forge/bridge';\nrequestJira('/rest/api/3/myself');\n"
            "function save(id) { return requestJira(`/rest/api/3/attachment/content/${id}`); }\n"
            "document.body.onclick = () => s\\u0061ve(1);\n"
        ),
    }
    report = lint_app(FRONT_MANIFEST, files=files, select="SC402")
    messages = [f.message for f in report.reported if f.subject == "read:attachment:jira"]
    assert not any("nothing in its module names it" in message for message in messages), messages
