"""Review 26 (older holes): a certain SC402 on a scope the app's code needs, where the code
that needs it is not in the repository or is reached through a value not followed. Each app
here calls `requestAtlassian('/me')` in code that runs, so `read:me` must not be certain."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  function:
    - key: main
      handler: {handler}
  webtrigger:
    - key: w
      function: main
permissions:
  scopes:
    - read:me
    - read:jira-work
"""


def _lint(tmp_path: Path, files: dict[str, str], handler: str = "index.run", package: str = "") -> dict:
    base = {
        "app/manifest.yml": MANIFEST.format(handler=handler),
        "app/package.json": package or '{"dependencies": {"@forge/api": "^5"}}',
    }
    write_files(tmp_path, {**base, **{f"app/{name}": text for name, text in files.items()}})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize(
    "code",
    [
        # a requester picked from an object or an array by a key known at run time
        "import { asUser, asApp, route } from '@forge/api';\nconst as = { user: asUser, app: asApp };\n"
        "export const run = async (ev) => (await as[ev.mode || 'user']().requestAtlassian(route`/me`)).json();\n",
        "import api, { route } from '@forge/api';\n"
        "const who = { user: () => api.asUser(), app: () => api.asApp() };\n"
        "export const run = async (ev) => who[ev.mode || 'user']().requestAtlassian(route`/me`);\n",
        "import { asUser, asApp, route } from '@forge/api';\n"
        "export const run = async (ev) => [asUser, asApp][ev.i || 0]().requestAtlassian(route`/me`);\n",
        # a requester kept in a Map
        "import api, { route } from '@forge/api';\nconst cache = new Map();\n"
        "export const run = async (ev) => { cache.set('r', ev.app ? api.asApp() : api.asUser());"
        " return cache.get('r').requestAtlassian(route`/me`); };\n",
    ],
    ids=["object-map", "map-of-factories", "array-pick", "map-cache"],
)
def test_request_atlassian_on_a_requester_not_followed_counts_by_its_name(tmp_path, code):
    found = _lint(tmp_path, {"src/index.js": code})
    assert "read:me" not in found  # `requestAtlassian('/me')` needs it, as forge lint reads it
    assert "read:jira-work" in found  # nothing reads Jira (a Map of requesters leaves it unsure)


def test_a_handler_module_the_repository_lacks_keeps_the_doubt(tmp_path):
    found = _lint(tmp_path, {"src/version.js": "export const v = 1;\n"}, handler="gen/server.run")
    assert found["read:me"].confidence is Confidence.LOW
    assert "a function handler's module, which is not in the repository" in found["read:me"].message


def test_a_handler_module_left_unread_is_named_once(tmp_path):
    """A control: a handler's module that is on disk but not read (over the size limit) is
    named for its size, not as missing."""
    big = "export const run = () => 1;\n" + "// padding\n" * 60_000
    found = _lint(tmp_path, {"src/index.js": big, "src/version.js": "export const v = 1;\n"})
    message = found["read:me"].message
    assert found["read:me"].confidence is Confidence.LOW
    assert "over the" in message and "not in the repository" not in message


def test_a_package_imports_name_whose_target_is_missing_keeps_the_doubt(tmp_path):
    package = '{"imports": {"#gen/*": "./src/gen/*.js"}, "dependencies": {"@forge/api": "^5"}}'
    code = "import { whoami } from '#gen/me';\nexport const run = async () => whoami();\n"
    found = _lint(tmp_path, {"src/index.js": code}, package=package)
    assert found["read:me"].confidence is Confidence.LOW
    assert "imports `#gen/me`, which is not in the repository" in found["read:me"].message


def test_a_package_imports_name_whose_target_is_read_is_followed(tmp_path):
    package = '{"imports": {"#lib/*": "./src/lib/*.js"}, "dependencies": {"@forge/api": "^5"}}'
    files = {
        "src/index.js": "import { ping } from '#lib/ping';\nexport const run = async () => ping();\n",
        "src/lib/ping.js": "export const ping = () => 'pong';\n",
    }
    found = _lint(tmp_path, files, package=package)
    assert found["read:me"].confidence is Confidence.HIGH  # a control: everything is read


# --- methods JavaScript calls by their names: at most MEDIUM was right, "never runs" was not --

WRITE_MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
  webtrigger:
    - key: w
      function: main
permissions:
  scopes:
    - write:jira-work
"""
PUT = "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body: '{}' })"


@pytest.mark.parametrize(
    "code",
    [
        # a Proxy handler's trap
        "class Traps { get(target, key) { return async () => " + PUT + "; } }\n"
        "const jira = new Proxy({}, new Traps());\nexport async function run() { await jira.update('A-1'); }\n",
        # an iterator's `next`, which `for...of` calls
        "class Keys { constructor(keys) { this.keys = keys; this.i = 0; }\n  [Symbol.iterator]() { return this; }\n"
        "  next() { if (this.i >= this.keys.length) return { done: true }; const key = this.keys[this.i++];"
        " return { done: false, value: " + PUT + " }; } }\n"
        "export async function run() { for (const p of new Keys(['A-1'])) await p; }\n",
        # a member picked by a name known at run time, called with `.call`
        "class Ops { async update(key) { return " + PUT + "; } }\nfunction make() { return new Ops(); }\n"
        "export async function run(e) { const ops = make(); const n = e && e.op ? e.op : 'upd' + 'ate';"
        " await ops[n].call(ops, 'A-1'); }\n",
        # a getter reached through the class's property descriptors
        "class Job { get payload() { const key = 'A-1'; " + PUT + "; return 1; } }\n"
        "export async function run() { return Object.values(Object.getOwnPropertyDescriptors(Job.prototype))"
        ".map((d) => d.get && d.get.call(new Job())); }\n",
    ],
    ids=["proxy-trap", "iterator-next", "computed-member-call", "property-descriptors"],
)
def test_methods_the_runtime_calls_by_name_are_live(lint_app, code):
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(WRITE_MANIFEST, files=files, select="SC402")
    assert [f.subject for f in report.reported] == []  # the PUT runs: write:jira-work is used


# --- review 27 ----------------------------------------------------------------------------


@pytest.mark.parametrize("sibling", ["index.test.js", "index.d.ts", "index.json", "index.js.map"])
def test_a_file_beside_a_missing_handler_module_does_not_stand_for_it(tmp_path, sibling):
    files = {"src/version.js": "export const v = 1;\n", f"src/{sibling}": "{}\n"}
    found = _lint(tmp_path, files)
    assert found["read:me"].confidence is Confidence.LOW
    assert "a function handler's module, which is not in the repository" in found["read:me"].message


def test_a_requester_picked_by_a_condition_and_a_member_name_from_a_parameter(tmp_path):
    code = (
        "import api, { route } from '@forge/api';\nexport async function run(event) {\n"
        "  const requester = event.asApp ? api.asApp() : api.asUser();\n"
        "  const call = (method, path, init) => requester[method](path, init);\n"
        "  return call('requestAtlassian', route`/me`);\n}\n"
    )
    found = _lint(tmp_path, {"src/index.js": code})
    assert found["read:me"].confidence is Confidence.LOW  # any member of a requester: unsure
    assert "a member chosen at run time" in found["read:me"].message


@pytest.mark.parametrize(
    "code",
    [
        # a helper given a requester chosen by a condition names its method at run time
        "import api, { route } from '@forge/api';\n"
        "async function send(client, method, path) { return client[method](path); }\n"
        "export async function run(event) {\n"
        "  return send(event.app ? api.asApp() : api.asUser(), 'requestAtlassian', route`/me`);\n}\n",
        # the requester comes from a factory picked at run time
        "import api, { route } from '@forge/api';\n"
        "const clients = { user: () => api.asUser(), app: () => api.asApp() };\n"
        "async function send(mode, method, path) { return clients[mode]()[method](path); }\n"
        "export const run = (event) => send(event.mode || 'user', 'requestAtlassian', route`/me`);\n",
        # the requester is what a helper returns, one of two
        "import api, { route } from '@forge/api';\n"
        "function client(ctx) { return ctx.principal ? api.asUser() : api.asApp(); }\n"
        "async function call(ctx, method, path) { return client(ctx)[method](path); }\n"
        "export const run = (event, ctx) => call(ctx || {}, 'requestAtlassian', route`/me`);\n",
        # a variable given the picked factory's result, then a method from a loop
        "import api, { route } from '@forge/api';\n"
        "const clients = { user: () => api.asUser(), app: () => api.asApp() };\n"
        "const ops = [['requestAtlassian', route`/me`]];\n"
        "export async function run(event) {\n  const client = clients[event.mode || 'user']();\n"
        "  for (const [m, p] of ops) await client[m](p);\n}\n",
        # review 28a: two helper levels, a variable, a returned variable, `.call`, an IIFE
        "import api, { route } from '@forge/api';\n"
        "function inner(ctx) { return ctx.asApp ? api.asApp() : api.asUser(); }\n"
        "function outer(ctx) { return inner(ctx); }\n"
        "export const run = (event) => outer(event)[event.m || 'requestAtlassian'](route`/me`);\n",
        "import api, { route } from '@forge/api';\n"
        "function getClient(ctx) { return ctx.asApp ? api.asApp() : api.asUser(); }\n"
        "export async function run(event) {\n  const c = await getClient(event);\n"
        "  return c[event.m || 'requestAtlassian'](route`/me`);\n}\n",
        "import api, { route } from '@forge/api';\n"
        "function pick(ctx) { const c = ctx.asApp ? api.asApp() : api.asUser(); return c; }\n"
        "export const run = (event) => pick(event)[event.m || 'requestAtlassian'](route`/me`);\n",
        "import api, { route } from '@forge/api';\n"
        "const pick = (ctx) => ctx.asApp ? api.asApp() : api.asUser();\n"
        "export async function run(event) {\n  const c = pick(event);\n"
        "  return c[event.m || 'requestAtlassian'].call(c, route`/me`);\n}\n",
        "import api, { route } from '@forge/api';\n"
        "export async function run(event) {\n"
        "  const c = (() => event.asApp ? api.asApp() : api.asUser())();\n"
        "  return c[event.m || 'requestAtlassian'](route`/me`);\n}\n",
    ],
    ids=[
        "conditional-argument",
        "factory-picked",
        "helper-returns-one-of-two",
        "held-in-a-variable",
        "two-helper-levels",
        "awaited-into-a-variable",
        "returned-variable",
        "named-member-called-with-call",
        "iife",
    ],
)
def test_a_member_named_at_run_time_on_a_requester_reached_through_a_call(tmp_path, code):
    found = _lint(tmp_path, {"src/index.js": code})
    assert found["read:me"].confidence is Confidence.LOW  # any member of a requester: unsure
    assert "a method named at run time" in found["read:me"].message


UI_KIT_EGRESS = """\
modules:
  jira:issuePanel:
    - key: p
      resource: main
      render: native
      title: x
resources:
  - key: main
    path: src/frontend/index.jsx
permissions:
  external:
    fetch:
      client:
        - 'https://api.a.com'
"""


@pytest.mark.parametrize(
    "request_line",
    [
        "import axios from 'axios';\nexport const go = () => axios.get(process.env.API + '/x');\n",
        "export const go = () => { const x = new XMLHttpRequest(); x.open('GET', window.API); x.send(); };\n",
        "export const go = () => navigator.sendBeacon(window.API);\n",
    ],
    ids=["axios", "xhr", "beacon"],
)
def test_requests_in_a_file_only_a_front_end_imports_are_the_browsers(lint_app, request_line):
    """A UI Kit front end imports `src/lib/api.js`: what it sends goes from the browser, so a
    client entry it may reach is unsure, not certainly unused."""
    files = {
        "package.json": '{"dependencies": {"@forge/react": "^10", "react": "^18", "axios": "^1"}}',
        "src/frontend/index.jsx": "import { go } from '../lib/api';\ngo();\n",
        "src/lib/api.js": request_line,
    }
    report = lint_app(UI_KIT_EGRESS, files=files, select="SC404")
    assert [(f.subject, f.confidence) for f in report.reported] == [("api.a.com", Confidence.LOW)]


def test_an_import_naming_a_ts_file_and_a_stale_js_file_is_not_guessed(lint_app):
    """`./config` names `config.ts` and a compiled `config.js` left beside it: Forge's webpack
    takes the `.ts`, Node's order the `.js`; the host it gives is not known."""
    manifest = (
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "  webtrigger:\n    - key: w\n      function: main\n"
        "permissions:\n  external:\n    fetch:\n      backend:\n        - 'https://api.b.com'\n"
    )
    files = {
        "src/index.ts": "import { fetch } from '@forge/api';\nimport { API } from './config';\n"
        "export const run = async () => { await fetch(API + '/x'); };\n",
        "src/config.ts": "export const API = 'https://api.b.com';\n",
        "src/config.js": "export const API = 'https://api.a.com';\n",
    }
    report = lint_app(manifest, files=files, select="SC404")
    # the bundled `config.ts` sends to api.b.com: certainly unused would break the app
    assert [(f.subject, f.confidence) for f in report.reported] == [("api.b.com", Confidence.LOW)]
    assert "which names two files" in report.reported[0].message


def test_a_handler_folder_linked_outside_the_app_is_named_not_read(tmp_path):
    """`app/src -> ../backend/src`: webpack follows the link, the walk does not."""
    write_files(
        tmp_path,
        {
            "backend/src/index.js": "import api, { route } from '@forge/api';\n"
            "export const run = () => api.asUser().requestAtlassian(route`/me`);\n"
        },
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "src").symlink_to(tmp_path / "backend" / "src", target_is_directory=True)
    found = _lint(tmp_path, {"tools/version.js": "export const v = 1;\n"})  # some code is read
    assert found["read:me"].confidence is Confidence.LOW
    assert "a link to a folder outside the app" in found["read:me"].message


_WHOAMI = "import { whoami } from '{spec}';\nexport const run = async () => whoami();\n"


@pytest.mark.parametrize(
    ("imports", "spec", "files"),
    [
        # every condition's file is made by a build step
        ('{"#gen/me": {"node": "./src/gen/me.node.js", "default": "./src/gen/me.js"}}', "#gen/me", {}),
        # the file Node loads is missing; a stub is there for other conditions
        (
            '{"#gen/me": {"node": "./src/gen/me.js", "default": "./src/me.stub.js"}}',
            "#gen/me",
            {"src/me.stub.js": "export const whoami = async () => null;\n"},
        ),
        # fallbacks, none of them there
        ('{"#gen/me": ["./src/gen/me.js", "./src/gen/me.cjs"]}', "#gen/me", {}),
        # a folder kept in git, empty until the build fills it
        ('{"#gen": "./src/gen"}', "#gen", {"src/gen/.gitkeep": ""}),
        # a name without a suffix beside a file that is no code
        ('{"#gen/me": "./src/gen/me"}', "#gen/me", {"src/gen/me.graphql": "query { me { accountId } }\n"}),
        # review 28a: type declarations or a test beside are not the module; a package branch
        (
            '{"#gen/me": "./src/gen/me"}',
            "#gen/me",
            {"src/gen/me.d.ts": "export declare const whoami: () => void;\n"},
        ),
        ('{"#gen/me": "./src/gen/me"}', "#gen/me", {"src/gen/me.test.js": "test('x', () => {});\n"}),
        (
            '{"#gen": "./src/gen"}',
            "#gen",
            {"src/gen/index.d.ts": "export declare const whoami: () => void;\n"},
        ),
        ('{"#gen/me": {"node": "./src/gen/me.js", "default": "lodash"}}', "#gen/me", {}),
    ],
    ids=[
        "conditions-all-missing",
        "condition-falls-back-to-stub",
        "array",
        "empty-folder",
        "graphql-beside",
        "declarations-beside",
        "test-beside",
        "folder-of-declarations",
        "other-branch-a-package",
    ],
)
def test_a_package_imports_name_any_of_whose_targets_is_missing_keeps_the_doubt(
    tmp_path, imports, spec, files
):
    """Review 27a f01, f11, f06, f04, f05: each target was made by a build step that wrote a
    file calling requestAtlassian('/me')."""
    package = f'{{"imports": {imports}, "dependencies": {{"@forge/api": "^5"}}}}'
    found = _lint(tmp_path, {"src/index.js": _WHOAMI.replace("{spec}", spec), **files}, package=package)
    assert found["read:me"].confidence is Confidence.LOW
    assert f"imports `{spec}`, which is not in the repository" in found["read:me"].message


@pytest.mark.parametrize(
    "url",
    [
        "https://api.ｂ.com/x",
        "https://api.b。com/x",
        "https://ＡＰＩ．b.com/x",
        "/\\\\api.b.com/x",
        "\\\\\\\\api.b.com/x",
    ],
    ids=["fullwidth-letter", "ideographic-full-stop", "fullwidth-name", "slash-backslash", "two-backslashes"],
)
def test_a_url_spelling_the_browser_maps_names_the_host_it_reaches(lint_app, url):
    """Review 27b x01-x04: the URL standard maps each spelling to api.b.com (UTS 46 for the
    name; a leading `/\\` or `\\\\` against the page's https origin reads as `//`), so the
    entry is used, not certainly unused."""
    manifest = UI_KIT_EGRESS.replace("        - 'https://api.a.com'\n", "        - 'https://api.b.com'\n")
    files = {
        "package.json": '{"dependencies": {"@forge/react": "^10", "react": "^18"}}',
        "src/frontend/index.jsx": f"export const go = () => fetch('{url}');\ngo();\n",
    }
    report = lint_app(manifest, files=files, select="SC404,SC403")
    assert [(f.rule, f.subject) for f in report.reported] == []


def test_calls_whose_results_call_each_other_end(tmp_path):
    """Following what a call returns must stop on functions whose results call each other
    (a first version of it started each callee again at depth one and never ended)."""
    code = (
        "import api, { route } from '@forge/api';\n"
        "function f() { return g()(); }\nfunction g() { return f()(); }\n"
        "export async function run(event) {\n  if (event.never) f()[event.m]();\n"
        "  return api.asUser().requestAtlassian(route`/me`);\n}\n"
    )
    found = _lint(tmp_path, {"src/index.js": code})
    assert "read:me" not in found  # the code was read: its requestAtlassian('/me') needs it


@pytest.mark.parametrize(
    "assignment",
    [
        "this.client = ctx.asApp ? api.asApp() : api.asUser();",
        # one property read while another is found: the search must end
        "this.other = this.client || null; this.client = ctx.asApp ? api.asApp() : api.asUser();",
    ],
    ids=["ternary", "reads-another-property"],
)
def test_a_property_given_one_of_two_requesters_is_a_requester(tmp_path, assignment):
    """Review 28a g13: `this.client = c ? api.asApp() : api.asUser()`, then `this.client[m](p)`."""
    code = (
        "import api, { route } from '@forge/api';\n"
        f"class Svc {{ constructor(ctx) {{ {assignment} }}\n"
        "  send(m, p) { return this.client[m](p); } }\n"
        "export const run = (event) => new Svc(event).send(event.m || 'requestAtlassian', route`/me`);\n"
    )
    found = _lint(tmp_path, {"src/index.js": code})
    assert found["read:me"].confidence is Confidence.LOW
    assert "a method named at run time" in found["read:me"].message
