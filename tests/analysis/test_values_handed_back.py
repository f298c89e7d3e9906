"""Review 33: a Forge request function that comes back to code the analysis does not follow.

Each app sends `requestAtlassian('/me')` (proved in the review by running the bundle with
node), so `read:me` must not be certain: a certain SC402 there is what `--fix` would act on.
- the app's own function returns, stores or wraps the parameter it is given
  (`pick(F)(route)`, `wrap(F).send(route)`, `f.bind(null)`, a rest parameter, `arguments`);
- a Custom UI component is given the function as a prop;
- the function is used as a template tag;
- an own `requestJira` written through `Object.defineProperty`, `Reflect.set`,
  `Object.fromEntries`, a Proxy in any spelling, a multi-line computed key, `??=` under an
  index, or a doubted `requestJira` handed to a helper.
"""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_classes_not_followed import HEAD, MANIFEST, _lint, confidence_of_a_call_by_name

from conftest import run_lint
from scopecheck.core.findings import Confidence

F = "api.asUser().requestAtlassian"


def _sc402_of_files(tmp_path, files: dict[str, str]) -> dict:
    """The SC402 findings, by scope, of a one-function app made of `files` (under `app/`)."""
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            **{f"app/{path}": text for path, text in files.items()},
        },
    )
    return {f.subject: f for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402").reported}


@pytest.mark.parametrize(
    "code",
    [
        f"function pick(f) {{ return f; }}\nexport const run = () => pick({F})(route`/me`);\n",
        f"const id = (f) => f;\nexport const run = () => {{ const s = id({F}); return s(route`/me`); }};\n",
        f"function wrap(f) {{ return {{ send: f }}; }}\nexport const run = () => wrap({F}).send(route`/me`);\n",
        f"function wrap(f) {{ return f.bind(null); }}\nexport const run = () => wrap({F})(route`/me`);\n",
        f"function pick(...fs) {{ return fs[0]; }}\nexport const run = () => pick({F})(route`/me`);\n",
        f"function pick() {{ return arguments[0]; }}\nexport const run = () => pick({F})(route`/me`);\n",
        "let impl = null;\nconst setImpl = (f) => { impl = f; };\n"
        f"export const run = () => {{ setImpl({F}); return impl(route`/me`); }};\n",
        f"function pick(a, f = a) {{ return f; }}\nexport const run = () => pick({F})(route`/me`);\n",
        f"export const run = () => {F}`/me`;\n",
    ],
    ids=["identity", "identity-arrow-then-variable", "wrapped-in-an-object", "bound-copy", "rest",
         "arguments", "kept-in-a-module-variable", "default-of-another-parameter", "template-tag"],
)  # fmt: skip
def test_a_request_function_given_back_is_handed_on(tmp_path, code):
    found = _lint(tmp_path, code)
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message


@pytest.mark.parametrize(
    "code",
    [
        # called where it is given: the request is read, `read:me` is needed
        f"function call(f) {{ return f(route`/me`); }}\nexport const run = () => call({F});\n",
        f"function call(f) {{ return f.call(null, route`/me`); }}\nexport const run = () => call({F});\n",
        # returned, but what it is given is data
        "function pick(f) { return f; }\nexport const run = () => pick('x');\n",
    ],
    ids=["called", "called-with-call", "given-data"],
)
def test_a_parameter_that_is_only_called_is_not_given_back(tmp_path, code):
    found = _lint(tmp_path, code)
    assert all("which returns or keeps it" not in finding.message for finding in found.values())
    assert found


CUSTOM_UI_MANIFEST = """\
modules:
  jira:issuePanel:
    - key: p
      resource: main
      title: P
resources:
  - key: main
    path: static/app/build
permissions:
  scopes:
    - read:jira-work
"""


@pytest.mark.parametrize(
    "jsx",
    [
        "<Issue request={requestJira} />",
        "<Issue {...{ request: requestJira }} />",
    ],
    ids=["prop", "spread-props"],
)
def test_a_request_function_given_to_a_component_is_handed_on(tmp_path, jsx):
    app = (
        "import React, { useEffect } from 'react';\nimport { requestJira } from '@forge/bridge';\n"
        "function Issue({ request }) {\n  useEffect(() => { request('/rest/api/3/issue/ABC-1'); }, []);\n"
        "  return null;\n}\n"
        f"export default function App() {{ return {jsx}; }}\n"
    )
    write_files(
        tmp_path,
        {
            "app/manifest.yml": CUSTOM_UI_MANIFEST,
            "app/static/app/package.json": '{"dependencies": {"@forge/bridge": "^4", "react": "^18"}}',
            "app/static/app/public/index.html": '<div id="root"></div>',
            "app/static/app/src/index.js": "import App from './App';\nexport { App };\n",
            "app/static/app/src/App.js": app,
        },
    )
    found = {f.subject: f for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402").reported}
    assert found["read:jira-work"].confidence is Confidence.LOW, found["read:jira-work"].message


@pytest.mark.parametrize(
    "definition",
    [
        "const NAME = process.env.N;\nconst own = {};\nObject.defineProperty(own, NAME, { value: async (p) => p });\n",
        "const NAME = process.env.N;\nconst own = {};\nReflect.set(own, NAME, async (p) => p);\n",
        "const NAME = process.env.N;\nconst own = Object.fromEntries([[NAME, async (p) => p]]);\n",
        "const P = Proxy;\nconst own = new P({}, { get: () => async (p) => p });\n",
        "const own = new globalThis.Proxy({}, { get: () => async (p) => p });\n",
        "const NAME = process.env.N;\nconst own = {};\nown[NAME] ??= async (p) => p;\n",
        "const NAME = process.env.N;\nconst f = async (p) => p;\nconst own = { [NAME]: f.bind(null) };\n",
        "const { requestJira = async (p) => p } = globalThis;\n",
        "const Issue = () => null;\nexport const el = <Issue requestJira={async (p) => p} />;\n",
    ],
    ids=["define-property", "reflect-set", "from-entries", "proxy-alias", "proxy-of-global-this",
         "nullish-index-write", "bound-copy-under-a-computed-key", "destructuring-default", "jsx-prop"],
)  # fmt: skip
def test_more_ways_of_defining_an_own_method_count(tmp_path, definition):
    assert confidence_of_a_call_by_name(tmp_path, definition) is Confidence.LOW


def test_a_multi_line_computed_key_in_a_file_that_never_names_the_method_counts(tmp_path):
    """Review 33 o01: prettier's layout of a computed key, in a file of its own."""
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/own.js": "const NAME = process.env.N;\nexport const own = {\n  [\n    NAME\n  ]: async (p) => p,\n};\n",
            "app/src/index.js": HEAD + "import './own';\n"
            "export const run = (ev) => ev.client.requestJira(route`/rest/api/3/myself`);\n",
        },
    )
    (missing,) = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401").reported
    assert missing.confidence is Confidence.LOW


def test_a_doubted_request_function_keeps_its_doubt_through_a_helper(tmp_path):
    code = (
        "const own = { requestJira: async (p) => p };\n"
        "const send = (f, p) => f(p);\n"
        "export const run = (ev) => send(ev.client.requestJira, route`/rest/api/3/myself`);\n"
    )
    (missing,) = _lint(tmp_path, code, select="SC401").values()
    assert missing.confidence is Confidence.LOW


def test_values_read_while_own_methods_are_looked_for_get_the_doubt(tmp_path):
    """Review 33 r01: the search for own definitions reads values (here `c.requestJira`, the
    value of a key `requestJira`); one it read by name before the answer was known was kept
    without the doubt."""
    code = (
        "const NAME = ['request', 'Jira'].join('');\n"
        "async function first(x) { return x.requestJira(route`/rest/api/3/issue/ABC-1`); }\n"
        "function go(c) { const t = { requestJira: c.requestJira }; return t.requestJira(route`/rest/api/3/myself`); }\n"
        "const own = { [NAME]: async (p) => p };\n"
        "export const run = async () => { await first(api.asApp()); return go(own); };\n"
    )
    (missing,) = _lint(tmp_path, code, select="SC401").values()
    assert missing.confidence is Confidence.LOW


@pytest.mark.parametrize(
    "code",
    [
        f"const S = Symbol('s');\nconst o = {{ [S]: {F} }};\nexport const run = () => o[S](route`/me`);\n",
        f"const o = {{ me: {F} }};\nexport const run = (ev) => o[ev.k](route`/me`);\n",
    ],
    ids=["symbol-key", "key-known-at-run-time"],
)
def test_a_request_function_picked_from_an_object_by_an_unknown_key_is_read(tmp_path, code):
    """Review 33 f47, t12: `o[k](route)` may call any function the object literal holds."""
    found = _lint(tmp_path, code)
    assert "read:me" not in found
    assert found["read:jira-work"].confidence is Confidence.HIGH


def test_what_helpers_return_is_read_once_per_helper(tmp_path, monkeypatch):
    """Review 33 r15: a class whose methods return helpers' calls, each helper choosing among
    helpers that choose among helpers, took 24 s (every path re-read what the shared helpers
    return). What a function returns is now read once per function and depth."""
    from scopecheck.ecosystems.forge.code.js.calls import CallAnalyzer

    def helpers(prefix: str, inner: str, count: int) -> str:
        cases = "".join(f"    case {k}: return {inner}{k}(x);\n" for k in range(count))
        return "".join(
            f"function {prefix}{n}(x) {{\n  switch (x % {count}) {{\n{cases}  }}\n}}\n" for n in range(count)
        )

    leaves = "".join(f"function c{k}(x) {{ return x + {k}; }}\n" for k in range(12))
    methods = "".join(f"  m{n}(x) {{ return a{n % 12}(x); }}\n" for n in range(40))
    code = leaves + helpers("b", "c", 12) + helpers("a", "b", 12) + f"class H {{\n{methods}}}\n"
    code += "export const run = () => new H().m0(1);\n"
    reads = []
    held = CallAnalyzer._held
    monkeypatch.setattr(CallAnalyzer, "_held", lambda self, *args: (reads.append(1), held(self, *args))[1])
    _lint(tmp_path, code)
    assert len(reads) < 2_000  # 814 with the reads kept; 18,466 without


def test_an_exported_object_of_many_keys_is_read_once(tmp_path, monkeypatch):
    """Review 33 p01: an exported literal of 2,500 keys took 33 s, each key read by a scan of
    the object and of the file; its values are now read in one pass."""
    from scopecheck.ecosystems.forge.code.js.program import Program

    keys = "".join(f"  k{n}: 'text {n}',\n" for n in range(300))
    files = {"src/strings.js": f"export const strings = {{\n{keys}}};\n"}
    reads = []
    read = Program._literal_property
    monkeypatch.setattr(
        Program, "_literal_property", lambda self, *args: (reads.append(1), read(self, *args))[1]
    )
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/strings.js": files["src/strings.js"],
            "app/src/index.js": HEAD + "import { strings } from './strings';\n"
            "export const run = () => api.asUser().requestAtlassian(route`/me`).then(() => strings.k1);\n",
        },
    )
    run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    assert len(reads) < 50  # one per key before


@pytest.mark.parametrize(
    "code",
    [
        f"function me({{ send = {F} }} = {{}}) {{ return send(route`/me`); }}\nexport const run = () => me();\n",
        f"function me({{ send = {F} }}) {{ return send(route`/me`); }}\nexport const run = () => me({{}});\n",
        f"const me = ({{ a: {{ send = {F} }} = {{}} }} = {{}}) => send(route`/me`);\nexport const run = () => me();\n",
        f"const [send = {F}] = [];\nexport const run = () => send(route`/me`);\n",
        f"function me([send = {F}]) {{ return send(route`/me`); }}\nexport const run = () => me([]);\n",
    ],
    ids=["destructured-parameter-default", "destructured-parameter-given-an-empty-object",
         "nested-destructured-default", "array-pattern-default", "array-parameter-default"],
)  # fmt: skip
def test_a_request_function_given_as_a_destructuring_default_is_read(tmp_path, code):
    """Review 33 f52, f53, t30: the default of a destructured parameter was dropped when the
    caller's object lacks the key, and an array pattern's default was never read."""
    found = _lint(tmp_path, code)
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message


TS_SEND = "import api from '@forge/api';\nexport = { send: api.asUser().requestAtlassian };\n"


@pytest.mark.parametrize(
    "files",
    [
        {
            "src/send.ts": TS_SEND,
            "src/index.ts": "import { route } from '@forge/api';\nimport m = require('./send');\n"
            "export const run = () => m.send(route`/me`);\n",
        },
        {
            "src/send.ts": TS_SEND,
            "src/index.ts": "import { route } from '@forge/api';\nimport { send } from './send';\n"
            "export const run = () => send(route`/me`);\n",
        },
        {
            "src/index.ts": HEAD + "namespace N { export const send = api.asUser().requestAtlassian; }\n"
            "export const run = () => N.send(route`/me`);\n",
        },
        {
            "src/index.ts": HEAD
            + "module N { export function get() { return api.asUser().requestAtlassian; } }\n"
            "export const run = () => N.get()(route`/me`);\n",
        },
    ],
    ids=["export-assignment-required", "export-assignment-imported", "namespace-const", "module-function"],
)
def test_a_request_function_typescript_exports_its_own_way_is_handed_on(tmp_path, files):
    """Review 33 t14, t16: `export = {...}` and a namespace's exports were not read."""
    found = _sc402_of_files(tmp_path, files)
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message
    how = ("kept in a property", "exported by a TypeScript namespace")
    assert any(words in found["read:me"].message for words in how)


@pytest.mark.parametrize(
    "code",
    [
        f"async function get() {{ return {F}; }}\nexport const run = () => get().then((f) => f(route`/me`));\n",
        f"const get = () => [{F}];\nexport const run = () => get().map((f) => f(route`/me`));\n",
        f"async function get() {{ return {F}; }}\n"
        "export const run = async () => (await get()).call(null, route`/me`);\n",
    ],
    ids=["then-of-an-async-function", "map-of-a-returned-array", "method-of-an-awaited-call"],
)
def test_what_a_call_returns_goes_to_the_method_called_on_it(tmp_path, code):
    """Review 33 f24: `get().then(f => f(route))`, `get` returning a request function."""
    found = _lint(tmp_path, code)
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message


SETS_ITS_LET = (
    "import api from '@forge/api';\nexport let send = null;\n"
    "export function init() { send = api.asUser().requestAtlassian; }\n"
)


@pytest.mark.parametrize(
    "index",
    [
        "import { send, init } from './a';\nexport const run = () => { init(); return send(route`/me`); };\n",
        "import * as a from './a';\nexport const run = () => { a.init(); return a.send(route`/me`); };\n",
    ],
    ids=["named-import", "namespace-import"],
)
def test_a_module_variable_another_file_sets_is_read(tmp_path, index):
    """Review 33 f41: a module's `let`, set by its own exported function, read by an importer."""
    found = _sc402_of_files(
        tmp_path, {"src/a.js": SETS_ITS_LET, "src/index.js": "import { route } from '@forge/api';\n" + index}
    )
    assert "read:me" not in found, found["read:me"].message
    assert "read:jira-work" in found  # a control: the app has no Jira call


@pytest.mark.parametrize(
    ("name", "code"),
    [
        (
            "index.ts",
            "function viaForge(_v: unknown, _c: unknown) { return () => api.asUser().requestAtlassian; }\n"
            "class Svc { @viaForge send: any; }\nexport const run = () => new Svc().send(route`/me`);\n",
        ),
        (
            "index.ts",
            "const make = () => (_v: unknown, _c: unknown) => () => api.asUser().requestAtlassian;\n"
            "class Svc { @make() send: any; }\nexport const run = () => new Svc().send(route`/me`);\n",
        ),
        (
            "index.js",
            "function viaForge(_m, _c) { return function () { return api.asUser().requestAtlassian; }; }\n"
            "class Svc { @viaForge pick() { return null; } }\n"
            "export const run = () => new Svc().pick()(route`/me`);\n",
        ),
    ],
    ids=["field-decorator", "decorator-factory", "method-decorator"],
)
def test_what_a_decorator_returns_is_handed_on(tmp_path, name, code):
    """Review 33 t34: a standard decorator's result replaces the field or method it decorates."""
    found = _sc402_of_files(tmp_path, {f"src/{name}": HEAD + code})
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message
    assert "returned by a decorator" in found["read:me"].message


def test_a_decorator_that_returns_no_forge_object_changes_nothing(tmp_path):
    code = (
        "function logged(m, _c) { return function (...a) { return m.apply(this, a); }; }\n"
        "class Svc { @logged me() { return 1; } }\nexport const run = () => new Svc().me();\n"
    )
    found = _lint(tmp_path, code)
    assert found["read:me"].confidence is Confidence.HIGH


def _default_chain(levels: int) -> str:
    """`f0(f = F)`, `f1(f = f0())`, …: each function's default is what the one before returns."""
    lines = [f"function f0(f = {F}) {{ return f; }}\n"]
    lines += [f"function f{i}(f = f{i - 1}()) {{ return f; }}\n" for i in range(1, levels + 1)]
    return "".join(lines) + f"export const run = () => f{levels}()(route`/me`);\n"


@pytest.mark.parametrize("levels", [1, 2, 6])
def test_a_chain_of_defaults_is_read_to_its_end(tmp_path, levels):
    """Review 33 f57: past the depth limit the search stopped and found nothing, so `read:me`
    was certain; it now goes on, reading each expression once."""
    found = _lint(tmp_path, _default_chain(levels))
    assert "read:me" not in found, found["read:me"].message


def test_a_chain_too_long_to_read_leaves_a_doubt(tmp_path):
    """Review 33 r06: a chain of 200 defaults; the search gives up, and says so."""
    found = _lint(tmp_path, _default_chain(200))
    assert found["read:me"].confidence is Confidence.LOW
    assert "read through more steps than scopecheck follows" in found["read:me"].message
