"""Review 31 b03b and s06c: classes are not followed, so what a class's method or getter
returns reaches callers the analysis does not see, and a method found by its name on a
value it does not pin may be the app's own.

- A Forge request function a class member returns (`get send() { return
  api.asUser().requestAtlassian; }`) is handed on: the scopes it may need are unsure. Read as
  nothing, `read:me` was certain and `--fix` would have removed a scope the app uses.
- `s.app.requestJira(route)` where the app itself defines a `requestJira` is not certainly
  Forge's: the SC401 it gives is unsure and names the definition.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files
from test_review_holes_round26 import MANIFEST as ROUND_26_MANIFEST

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = ROUND_26_MANIFEST.format(handler="index.run")
HEAD = "import api, { route } from '@forge/api';\n"


def _lint(tmp_path: Path, code: str, select: str = "SC402") -> dict:
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/index.js": HEAD + code,
        },
    )
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select=select)
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize(
    "code",
    [
        "class H { get send() { return api.asUser().requestAtlassian; } }\n"
        "export const run = () => new H().send(route`/me`);\n",
        "class H { pick() { return api.asUser().requestAtlassian; } }\n"
        "export const run = () => new H().pick()(route`/me`);\n",
        "class H { static get send() { return api.asUser().requestAtlassian; } }\n"
        "export const run = () => H.send(route`/me`);\n",
        "const make = () => new (class { get send() { return api.asUser().requestAtlassian; } })();\n"
        "export const run = () => make().send(route`/me`);\n",
        "class Base { get send() { return api.asUser().requestAtlassian; } }\nclass H extends Base {}\n"
        "export const run = () => new H().send(route`/me`);\n",
        "class H { send = () => api.asUser().requestAtlassian; }\n"
        "export const run = () => new H().send()(route`/me`);\n",
        "class H { send = function () { return api.asUser().requestAtlassian; }; }\n"
        "export const run = () => new H().send()(route`/me`);\n",
        "class H { get c() { return { send: api.asUser().requestAtlassian }; } }\n"
        "export const run = () => new H().c.send(route`/me`);\n",
        "class H { pick() { return () => api.asUser().requestAtlassian; } }\n"
        "export const run = () => new H().pick()()(route`/me`);\n",
    ],
    ids=[
        "getter",
        "method",
        "static-getter",
        "class-expression",
        "inherited-getter",
        "field-arrow",
        "field-function",
        "object-of-a-getter",
        "function-of-a-method",
    ],
)
def test_a_request_function_a_class_member_returns_is_handed_on(tmp_path, code):
    found = _lint(tmp_path, code)
    assert found["read:me"].confidence is Confidence.LOW
    assert (
        "returned by a class's method or getter, whose callers are not followed" in found["read:me"].message
    )


def test_a_jira_request_function_a_class_returns_makes_jira_scopes_unsure(tmp_path):
    found = _lint(
        tmp_path,
        "class H { get send() { return api.asApp().requestJira; } }\n"
        "export const run = () => new H().send(route`/rest/api/3/myself`);\n",
    )
    assert found["read:jira-work"].confidence is Confidence.LOW


@pytest.mark.parametrize(
    "code",
    [
        # a requester object: its methods are found by name wherever they are called
        "class H { get client() { return api.asUser(); } }\n"
        "export const run = () => new H().client.requestAtlassian(route`/me`);\n",
        # the request is made in the class: followed there
        "class H { me() { return api.asUser().requestAtlassian(route`/me`); } }\n"
        "export const run = () => new H().me();\n",
    ],
    ids=["requester-object", "request-made-inside"],
)
def test_what_a_class_member_returns_that_is_no_request_function_changes_nothing(tmp_path, code):
    found = _lint(tmp_path, code)
    assert "read:me" not in found
    assert found["read:jira-work"].confidence is Confidence.HIGH


def confidence_of_a_call_by_name(tmp_path: Path, definition: str) -> Confidence:
    """The SC401 confidence of `ev.client.requestJira(route`/rest/api/3/myself`)` (found by
    its name) after the code `definition`."""
    code = definition + "export const run = (ev) => ev.client.requestJira(route`/rest/api/3/myself`);\n"
    (missing,) = _lint(tmp_path, code, select="SC401").values()
    return missing.confidence


OWN_CLIENT = (
    "class Store { get app() { return { requestJira: async (path) => ({ cached: String(path) }) }; } }\n"
    "export const run = () => new Store().app.requestJira(route`/rest/api/3/myself`);\n"
)


def test_a_method_found_by_name_that_the_app_also_defines_is_unsure(tmp_path):
    (missing,) = _lint(tmp_path, OWN_CLIENT, select="SC401").values()
    assert missing.confidence is Confidence.LOW
    assert (
        "`requestJira` is taken by its name to be Forge's, but the app defines "
        "its own `requestJira` (app/src/index.js:2), which this call may reach"
    ) in missing.message


@pytest.mark.parametrize(
    "definition",
    [
        "",
        "const wrapped = { requestJira: api.asApp().requestJira };\n",
        "const holder = {};\nholder.requestJira = api.asApp().requestJira;\n",
        "// requestJira: a note\nconst text = 'requestJira: x';\n",
    ],
    ids=["none", "forge-function-in-a-literal", "forge-function-assigned", "comment-and-string"],
)
def test_without_an_own_definition_the_name_stays_certain(tmp_path, definition):
    assert confidence_of_a_call_by_name(tmp_path, definition) is Confidence.HIGH


@pytest.mark.parametrize(
    "definition",
    [
        "const own = { requestJira(p) { return { p }; } };\n",
        "const own = { 'requestJira': (p) => ({ p }) };\n",
        "class Own { requestJira(p) { return { p }; } }\n",
        "class Own { requestJira = (p) => ({ p }); }\n",
        "const own = {};\nown.requestJira = (p) => ({ p });\n",
        "const requestJira = (p) => ({ p });\nconst own = { requestJira };\n",
    ],
    ids=["method", "string-key", "class-method", "class-field", "assigned", "shorthand"],
)
def test_each_way_of_defining_an_own_method_counts(tmp_path, definition):
    assert confidence_of_a_call_by_name(tmp_path, definition) is Confidence.LOW


F = "api.asUser().requestAtlassian"


@pytest.mark.parametrize(
    "files",
    [
        {"src/index.js": HEAD + f"class H {{ send = {F}; }}\n"
         "export const run = () => { const { send } = new H(); return send(route`/me`); };\n"},
        {"src/h.js": f"import api from '@forge/api';\nexport class H {{ send = {F}; }}\n",
         "src/index.js": HEAD + "import { H } from './h';\nexport const run = () => new H().send(route`/me`);\n"},
        {"src/index.js": HEAD + f"class H {{ c = {{ send: {F} }}; }}\nexport const run = () => new H().c.send(route`/me`);\n"},
        {"src/index.js": HEAD + f"class H {{ static m = {{ get send() {{ return {F}; }} }}; }}\n"
         "export const run = () => H.m.send(route`/me`);\n"},
        {"src/index.ts": HEAD + f"class H {{ constructor(private readonly c = {{ send: {F} }}) {{}}\n"
         "  me() { return this.c.send(route`/me`); } }\nexport const run = () => new H().me();\n"},
        {"src/index.js": HEAD + "function make(send) { return class { s = send; }; }\n"
         f"const K = make({F});\nexport const run = () => new K().s(route`/me`);\n"},
        {"src/index.js": HEAD + f"class H {{ me(f = {F}) {{ return f(route`/me`); }} }}\n"
         "export const run = () => new H().me();\n"},
        {"src/index.js": HEAD + f"class H {{ #f; constructor(f = {F}) {{ this.#f = f; }} me() {{ return this.#f(route`/me`); }} }}\n"
         "export const run = () => new H().me();\n"},
    ],
    ids=["field-destructured", "field-in-another-file", "field-object", "static-field-getter",
         "ts-parameter-property-object", "field-given-a-factory-parameter", "method-default",
         "constructor-default-kept-in-a-private-field"],
)  # fmt: skip
def test_a_request_function_a_class_keeps_is_handed_on(tmp_path, files):
    """Review 32 A1-A4, B: a class field's value and a class method's parameter default reach
    code through the class, which is not followed."""
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            **{f"app/{name}": text for name, text in files.items()},
        },
    )
    found = {f.subject: f for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402").reported}
    assert found["read:me"].confidence is Confidence.LOW, found["read:me"].message


def test_a_default_a_function_returns_is_what_its_call_gives(tmp_path):
    """Review 32 c72: `pick()` returns its parameter's default when called without it, so the
    request is read, and `read:me` is needed."""
    found = _lint(
        tmp_path, f"function pick(f = {F}) {{ return f; }}\nexport const run = () => pick()(route`/me`);\n"
    )
    assert "read:me" not in found
    assert found["read:jira-work"].confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "definition",
    [
        "const own = { ['request' + 'Jira']: async (p) => p };\n",
        "const NAME = 'requestJira';\nconst own = { [NAME]: async (p) => p };\n",
        "const own = { [`requestJira`]: async (p) => p };\n",
        "class Own { ['requestJira'](p) { return p; } }\n",
        "const own = { \\u0072equestJira: async (p) => p };\n",
        "const own = {};\nown['requestJira'] = async (p) => p;\n",
        "const own = {};\nObject.defineProperty(own, 'requestJira', { value: async (p) => p });\n",
        "const own = {};\nReflect.set(own, 'requestJira', async (p) => p);\n",
        "const own = Object.fromEntries([['requestJira', async (p) => p]]);\n",
        "const own = new Proxy({}, { get: () => async (p) => p });\n",
        "const own = {};\nown.requestJira ??= async (p) => p;\n",
        "const own = {};\n({ a: own.requestJira } = { a: async (p) => p });\n",
        "export const requestJira = async (p) => p;\n",
        "const send = async (p) => p;\nexport { send as requestJira };\n",
        "const own = { requestJira: api.asApp().requestConfluence };\n",
        "const own = {};\nown.requestJira = api.asUser().requestAtlassian;\n",
        "const key = process.env.K;\nconst own = { [key]: async (p) => p };\n",
        "const own = { 'request\\x4aira': async (p) => p };\n",
        "const own = {};\nown['\\162equestJira'] = async (p) => p;\n",
        "const own = { 'requ\\est\\u{4a}ira': async (p) => p };\n",
    ],
    ids=["computed-concatenation", "computed-constant", "computed-template", "class-computed-method",
         "escaped-key", "subscript-write", "define-property", "reflect-set", "from-entries", "proxy",
         "nullish-assignment", "destructuring-target", "export-const", "export-alias",
         "another-forge-function", "another-forge-function-assigned", "unknown-computed-key",
         "hex-escape-in-a-string", "octal-escape-in-an-index", "identity-and-brace-escapes"],
)  # fmt: skip
def test_other_ways_of_defining_an_own_method_count(tmp_path, definition):
    """Review 32 C, E: the app's own `requestJira` written without its plain name, or a
    property of that name holding another Forge function."""
    assert confidence_of_a_call_by_name(tmp_path, definition) is Confidence.LOW


@pytest.mark.parametrize(
    "call",
    [
        "ev.client['requestJira'](route`/rest/api/3/myself`)",
        "(() => { const { requestJira } = ev.client; return requestJira(route`/rest/api/3/myself`); })()",
        "(() => { const send = ev.client.requestJira; return send(route`/rest/api/3/myself`); })()",
        "(({ requestJira }) => requestJira(route`/rest/api/3/myself`))(ev.client)",
    ],
    ids=["subscript", "destructured", "variable", "destructured-parameter"],
)
def test_an_own_method_makes_every_call_form_unsure(tmp_path, call):
    """Review 32 D: the doubt goes with the value found by name, whatever the call's form."""
    code = f"const own = {{ requestJira: async (p) => p }};\nexport const run = (ev) => {call};\n"
    (missing,) = _lint(tmp_path, code, select="SC401").values()
    assert missing.confidence is Confidence.LOW


@pytest.mark.parametrize(
    "definition",
    [
        "const reducer = (state, key, value) => ({ ...state, [key]: value });\n",
        "const own = { ['other']: async (p) => p };\n",
        "const has = 'requestJira' in globalThis;\n",
        "const has = 'request\\x4aira' in globalThis;\n",
        "const own = { 'request\\x4airas': async (p) => p, 'a\\nrequestJira': 1 };\n",
        "const text = `line\\n${1}requestJira`;\n",
    ],
    ids=[
        "computed-key-given-data",
        "computed-key-naming-another",
        "in-check",
        "escaped-in-check",
        "escaped-longer-names",
        "template-with-a-substitution",
    ],
)
def test_what_defines_no_such_method_keeps_the_name_certain(tmp_path, definition):
    assert confidence_of_a_call_by_name(tmp_path, definition) is Confidence.HIGH
