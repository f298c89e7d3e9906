"""Wrong certain findings the fifth review of session 13 (value flow) built, each bundled with
webpack and run with its requests logged, fixed in session 14: destructuring defaults of a
variable (`const { method = 'PUT' } = opts`). Each app sends a PUT, so `write:jira-work` is
needed and `read:jira-work` is not."""

from __future__ import annotations

import pytest
from test_type_imports import MANIFEST, PACKAGE

from scopecheck.core.findings import Confidence

HEAD = "import api, { route } from '@forge/api';\n"
SEND = "api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method })"


def _confidences(lint_app, code: str, scope: str = "write:jira-work") -> list[Confidence]:
    report = lint_app(MANIFEST, files={"package.json": PACKAGE, "src/index.js": HEAD + code}, select="SC402")
    return [f.confidence for f in report.reported if f.subject == scope]


@pytest.mark.parametrize(
    "code",
    [
        f"const {{ method = 'PUT' }} = {{}};\nexport const run = async (k) => {SEND};\n",
        "const load = () => ({ headers: {} });\n"
        f"export const run = async (k) => {{ const {{ method = 'PUT', headers }} = load(); return {SEND}; }};\n",
        f"function send(k, o) {{ const {{ method = 'PUT' }} = o; return {SEND}; }}\n"
        "export const run = async (k) => send(k, {});\n",
        f"function send(k, o) {{ const {{ method = 'PUT' }} = o; return {SEND}; }}\n"
        "export const run = async (k) => send(k, { method: undefined });\n",
        f"function send(k, o) {{ const {{ options: {{ method = 'PUT' }} = {{}} }} = o; return {SEND}; }}\n"
        "export const run = async (k) => send(k, {});\n",
        f"function send(k, o) {{ const {{ verb: method = 'PUT' }} = o.options; return {SEND}; }}\n"
        "export const run = async (k) => send(k, { options: {} });\n",
    ],
    ids=["literal", "function-result", "helper-param", "helper-undefined", "nested-default", "renamed-in-member"],
)  # fmt: skip
def test_a_destructuring_default_is_the_value_when_the_key_is_missing(lint_app, code):
    assert _confidences(lint_app, code) == []
    assert _confidences(lint_app, code, "read:jira-work") == [Confidence.HIGH]


def test_a_destructuring_default_gives_way_to_the_callers_value(lint_app):
    code = (
        f"function send(k, o) {{ const {{ method = 'PUT' }} = o; return {SEND}; }}\n"
        "export const run = async (k) => send(k, { method: 'GET' });\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") == []
    assert _confidences(lint_app, code) == [Confidence.HIGH]


@pytest.mark.parametrize(
    "code",
    [
        "export const run = async (k) => { let undefined = 'PUT'; "
        "return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: undefined }); };\n",
        "function send(k, undefined) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, "
        "{ method: undefined }); }\nexport const run = async (k) => send(k, 'PUT');\n",
        "function send(k, { undefined }) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, "
        "{ method: undefined }); }\nexport const run = async (k) => send(k, { undefined: 'PUT' });\n",
    ],
    ids=["let", "parameter", "pattern"],
)
def test_a_variable_named_undefined_is_not_undefined(lint_app, code):
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])


def test_undefined_is_still_undefined_where_nothing_declares_it(lint_app):
    code = (
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, "
        "{ method: undefined, body: obj.undefined });\n"
    )
    assert _confidences(lint_app, code) == [Confidence.HIGH]


def test_a_helper_called_as_a_template_tag_takes_the_substitutions_as_arguments(lint_app):
    helper = "function send(strings, k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\n"
    both = (
        helper + "export const run = async (k) => { await send([], k, 'GET'); return send`${k}${'PUT'}`; };\n"
    )
    assert _confidences(lint_app, both) == []
    assert _confidences(lint_app, both, "read:jira-work") == []
    only_tag = helper + "export const run = async (k) => send`${k}${'PUT'}`;\n"
    assert _confidences(lint_app, only_tag) == []
    assert _confidences(lint_app, only_tag, "read:jira-work") == [Confidence.HIGH]


READ = "api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: o.method })"


@pytest.mark.parametrize(
    "code",
    [
        f"const o = ({{ method: 'GET' }});\no.method = 'PUT';\nexport const run = async (k) => {READ};\n",
        f"const o = {{ http: {{ method: 'GET' }} }}.http;\no.method = 'PUT';\nexport const run = async (k) => {READ};\n",
        "function defaults() { return { method: 'GET', headers: {} }; }\nconst o = defaults();\n"
        f"o.method = 'PUT';\nexport const run = async (k) => {READ};\n",
        f"export const run = async (k) => {{ const o = await {{ method: 'GET' }}; o.method = 'PUT'; return {READ}; }};\n",
        f"function send(k, o) {{ o.method = 'PUT'; return {READ}; }}\n"
        "export const run = async (k) => send(k, { method: 'GET' });\n",
        f"function send(k, o = {{ method: 'GET' }}) {{ o.method = 'PUT'; return {READ}; }}\n"
        "export const run = async (k) => send(k);\n",
        f"function send(k, o) {{ const go = () => {READ}; o.method = 'PUT'; return go(); }}\n"
        "export const run = async (k) => send(k, { method: 'GET' });\n",
        "function send(k, o) { o.method = 'PUT'; return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, o); }\n"
        "export const run = async (k) => send(k, { method: 'GET' });\n",
        "const o = { method: 'GET', upgrade() { this.method = 'PUT'; } };\no.upgrade();\n"
        f"export const run = async (k) => {READ};\n",
    ],
    ids=["parenthesised", "member-of-literal", "factory-result", "awaited", "parameter", "default-parameter",
         "closure-then-change", "options-whole", "own-method-with-this"],
)  # fmt: skip
def test_an_object_changed_through_the_name_that_holds_it_is_not_read_from_its_literal(lint_app, code):
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])


def test_an_object_nobody_changes_is_still_read_from_its_literal(lint_app):
    code = (
        "function defaults() { return { method: 'PUT', headers: {} }; }\nconst o = defaults();\n"
        f"o.headersSent = true;\nexport const run = async (k) => {READ};\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") in ([], [Confidence.LOW])
    code = code.replace("o.headersSent = true;\n", "")
    assert _confidences(lint_app, code, "read:jira-work") == [Confidence.HIGH]


CJS_HEAD = "const api = require('@forge/api').default;\nconst { route } = require('@forge/api');\n"
CJS_SEND = "exports.run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.method });\n"


def _app_confidences(lint_app, files: dict[str, str], scope: str = "write:jira-work") -> list[Confidence]:
    report = lint_app(MANIFEST, files={"package.json": PACKAGE, **files}, select="SC402")
    return [f.confidence for f in report.reported if f.subject == scope]


@pytest.mark.parametrize(
    "files",
    [
        {"src/cfg.js": "exports.method = 'GET';\n",
         "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\ncfg.method = 'PUT';\n" + CJS_SEND},
        {"src/cfg.js": "exports.method = 'GET';\n", "src/boot.js": "const cfg = require('./cfg');\ncfg.method = 'PUT';\n",
         "src/index.js": CJS_HEAD + "require('./boot');\nconst cfg = require('./cfg');\n" + CJS_SEND},
        {"src/verb.js": "exports.verb = () => 'GET';\n",
         "src/index.js": CJS_HEAD + "const v = require('./verb');\nv.verb = () => 'PUT';\nconst cfg = { method: v.verb() };\n" + CJS_SEND},
        {"src/cfg.js": "exports.method = 'GET';\nexports['method'] = 'PUT';\n",
         "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND},
        {"src/cfg.js": "module.exports.method = 'GET';\nmodule.exports['method'] = 'PUT';\n",
         "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND},
        {"src/cfg.js": "exports.method = 'GET';\nconst o = { method: 'PUT' };\nfor (const key of Object.keys(o)) exports[key] = o[key];\n",
         "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND},
        {"src/cfg.js": "exports.method = 'GET';\nconst self = exports;\nself.method = 'PUT';\n",
         "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND},
    ],
    ids=["changed-by-the-reader", "changed-by-another-file", "function-replaced", "subscript", "module-subscript",
         "loop", "alias"],
)  # fmt: skip
def test_a_commonjs_export_another_name_may_change_is_unknown(lint_app, files):
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_a_commonjs_export_nobody_changes_is_still_known(lint_app):
    files = {
        "src/cfg.js": "exports.method = 'PUT';\n",
        "src/index.js": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND,
    }
    assert _app_confidences(lint_app, files, "read:jira-work") == [Confidence.HIGH]


@pytest.mark.parametrize(
    "change",
    [
        "const a = arguments; a[1] = 'PUT';",
        "[].splice.call(arguments, 1, 1, 'PUT');",
        "Object.assign(arguments, { 1: 'PUT' });",
        "Array.prototype.fill.call(arguments, 'PUT', 1);",
    ],
    ids=["alias", "splice", "assign", "fill"],
)
def test_sloppy_arguments_handed_on_may_change_the_parameters(lint_app, change):
    code = (
        f"function send(k, m) {{ {change} return api.asApp().requestJira(route`/rest/api/3/issue/${{k}}`, "
        "{ method: m }); }\nexports.run = async (k) => send(k, 'GET');\n"
    )
    files = {"src/index.cjs": CJS_HEAD + code}
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_arguments_only_read_leave_the_parameters_known(lint_app):
    code = (
        "function send(k, m) { log(arguments.length, arguments[0], [...arguments]); "
        "return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\n"
        "exports.run = async (k) => send(k, 'PUT');\n"
    )
    assert _app_confidences(lint_app, {"src/index.cjs": CJS_HEAD + code}, "read:jira-work") == [
        Confidence.HIGH
    ]


@pytest.mark.parametrize(
    "code",
    [
        "function client(m) { return { send: (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }) }; }\n"
        "export const run = async (k) => client('PUT').send(k);\n",
        "function client(m) { return { send(k) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); } }; }\n"
        "const c = client('PUT');\nexport const run = async (k) => c.send(k);\n",
        "function client(opts) { return { send: (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: opts.method }) }; }\n"
        "export const run = async (k) => client({ method: 'PUT' }).send(k);\n",
    ],
    ids=["arrow-method", "method-definition", "options-object"],
)  # fmt: skip
def test_a_method_closing_over_its_factorys_parameter_is_not_lost(lint_app, code):
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])
    assert _confidences(lint_app, code, "read:jira-work") in ([], [Confidence.LOW])


def test_a_function_closing_over_its_makers_parameter_is_still_followed(lint_app):
    code = (
        "function maker(m) { return (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\n"
        "const put = maker('PUT');\nexport const run = async (k) => put(k);\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") == [Confidence.HIGH]
    assert _confidences(lint_app, code) == []


@pytest.mark.parametrize(
    "code",
    [
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/myself/\\\\..\\\\issue/${k}`, { method: 'PUT' });\n",
        "const UP = '%2E%2E';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/myself/${UP}/issue/${k}`, { method: 'PUT' });\n",
        "const UP = '%2e%2E';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/myself/${UP}/issue/${k}`, { method: 'PUT' });\n",
    ],
    ids=["backslashes", "upper-case-escapes", "mixed-case-escapes"],
)  # fmt: skip
def test_dot_segments_route_lets_through_leave_the_operation_unknown(lint_app, code):
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])
    assert _confidences(lint_app, code, "read:jira-work") in ([], [Confidence.LOW])


KVS_MANIFEST = MANIFEST.replace("    - read:jira-work\n", "    - storage:app\n    - read:jira-work\n")


@pytest.mark.parametrize(
    "code",
    [
        "import * as mod from '@forge/kvs';\nconst which = process.env.STORE || 'kvs';\n"
        "export const run = async ({ key }) => mod[which].get(key);\n",
        "const mod = require('@forge/kvs');\nexports.run = async ({ key, n = 'kvs' }) => mod[n].get(key);\n",
    ],
    ids=["namespace", "require"],
)
def test_a_kvs_export_chosen_at_run_time_may_be_storage(lint_app, code):
    report = lint_app(KVS_MANIFEST, files={"package.json": PACKAGE, "src/index.js": code}, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "storage:app"] in ([], [Confidence.LOW])


SPREAD_HELPER = "const rj = (k, opts) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'PUT', ...opts });\n"


@pytest.mark.parametrize(
    ("call", "sent"),
    [
        ("rj(k, { body: '{}' })", "PUT"),
        ("rj(k)", "PUT"),
        ("rj(k, { method: 'GET' })", "GET"),
        ("rj(k, { method: undefined })", "GET"),
        ("rj(k, { body: '{}', ...extra })", None),
        ("rj(k, unknownOptions)", None),
    ],
    ids=["options-without-method", "no-options", "options-with-method", "explicit-undefined", "spread-in-options",
         "unknown-options"],
)  # fmt: skip
def test_a_method_before_a_spread_of_the_callers_options_is_sent_where_they_lack_it(lint_app, call, sent):
    code = SPREAD_HELPER + f"export const run = async (k) => {call};\n"
    unused = {"PUT": "read:jira-work", "GET": "write:jira-work"}
    for scope in ("read:jira-work", "write:jira-work"):
        expected = [Confidence.HIGH] if sent is not None and unused[sent] == scope else []
        assert _confidences(lint_app, code, scope) in (
            expected,
            expected if expected else [Confidence.LOW],
        )


@pytest.mark.parametrize(
    "code",
    [
        "async function updateIssue(k, fields, method = 'PUT') { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method, body: JSON.stringify({ fields }) }); }\n"
        "async function setLabels(k, labels, method) { return updateIssue(k, { labels }, method); }\n"
        "export const run = async (k) => setLabels(k, ['a']);\n",
        f"function send(k, o) {{ const {{ method = 'PUT' }} = o; return {SEND}; }}\n"
        "function update(k, opts) { return send(k, opts); }\nexport const run = async (k) => update(k, {});\n",
        f"function send(k, o) {{ const {{ method = 'PUT' }} = o; return {SEND}; }}\n"
        "function update(k, extra) { return send(k, { method: extra.method, body: extra.body }); }\n"
        "export const run = async (k) => update(k, { body: '{}' });\n",
        "async function request(k, { method = 'PUT', body } = {}) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method, body }); }\n"
        "async function setLabels(k, labels, options) { return request(k, { ...options, body: JSON.stringify({ labels }) }); }\n"
        "export const run = async (k) => setLabels(k, ['a']);\n",
        SPREAD_HELPER + "const wrap = (k, o) => rj(k, o);\nexport const run = async (k) => wrap(k, { body: '{}' });\n",
    ],
    ids=["parameter-default", "destructuring-default", "destructuring-default-from-property", "pattern-default-spread",
         "spread-default"],
)  # fmt: skip
def test_a_default_applies_through_a_helper_that_forwards_its_own_parameter(lint_app, code):
    assert _confidences(lint_app, code) == []
    assert _confidences(lint_app, code, "read:jira-work") == [Confidence.HIGH]


def test_a_forwarded_parameter_given_a_value_overrides_the_default(lint_app):
    code = (
        "async function updateIssue(k, method = 'PUT') { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method }); }\n"
        "async function get(k, method) { return updateIssue(k, method); }\n"
        "export const run = async (k) => get(k, 'GET');\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") == []
    assert _confidences(lint_app, code) == [Confidence.HIGH]


@pytest.mark.parametrize(
    "change",
    ["[arguments[1]] = ['PUT'];", "({ verb: arguments[1] } = { verb: 'PUT' });", "for (arguments[1] of ['PUT']);",
     "arguments[[1][0]] = 'PUT';", "[arguments[1], arguments[0]] = ['PUT', k];"],
    ids=["array-pattern", "object-pattern", "for-of", "nested-index", "pattern-with-comma"],
)  # fmt: skip
def test_sloppy_arguments_written_through_a_pattern_may_change_the_parameters(lint_app, change):
    code = (
        f"function send(k, m) {{ {change} return api.asApp().requestJira(route`/rest/api/3/issue/${{k}}`, "
        "{ method: m }); }\nexports.run = async (k) => send(k, 'GET');\n"
    )
    assert _app_confidences(lint_app, {"src/index.cjs": CJS_HEAD + code}) in ([], [Confidence.LOW])


def test_arguments_in_a_module_is_a_copy(lint_app):
    """Strict mode (an ES module): writing `arguments[1]` leaves `m` as the caller gave it."""
    code = (
        "function send(k, m) { arguments[1] = 'PUT'; return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, "
        "{ method: m }); }\nexport const run = async (k) => send(k, 'GET');\n"
    )
    assert _confidences(lint_app, code) == [Confidence.HIGH]


FACTORY = "function make() { return { method: 'GET', headers: {} }; }\n"
READ_OPTS = "api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: opts.method })"


@pytest.mark.parametrize(
    "files",
    [
        {"src/index.js": HEAD + FACTORY + "const opts = make();\nconst alias = opts;\nalias.method = 'PUT';\n"
         f"export const run = async (k) => {READ_OPTS};\n"},
        {"src/index.js": HEAD + FACTORY + "const asWrite = (o) => { o.method = 'PUT'; };\nconst opts = make();\nasWrite(opts);\n"
         f"export const run = async (k) => {READ_OPTS};\n"},
        {"src/index.js": HEAD + FACTORY + "const opts = make();\n[opts].forEach((o) => Object.assign(o, { method: 'PUT' }));\n"
         f"export const run = async (k) => {READ_OPTS};\n"},
        {"src/opts.js": FACTORY + "export const opts = make();\n", "src/boot.js": "import { opts } from './opts';\nopts.method = 'PUT';\n",
         "src/index.js": HEAD + "import './boot';\nimport { opts } from './opts';\n"
         f"export const run = async (k) => {READ_OPTS};\n"},
        {"src/index.js": HEAD + "const middlewares = [(req) => { req.method = 'PUT'; }];\n"
         "function send(k, opts) { middlewares.forEach((mw) => mw(opts)); "
         f"return {READ_OPTS}; }}\nexport const run = async (k) => send(k, {{ method: 'GET' }});\n"},
        {"src/cfg.js": "exports.method = 'GET';\nexports.enableWrites = function () { this.method = 'PUT'; };\n",
         "src/index.cjs": CJS_HEAD + "const cfg = require('./cfg');\ncfg.enableWrites();\n" + CJS_SEND},
        {"src/cfg.js": "exports.method = 'GET';\nconst self = () => exports;\nself().method = 'PUT';\n",
         "src/index.cjs": CJS_HEAD + "const cfg = require('./cfg');\n" + CJS_SEND},
    ],
    ids=["factory-alias", "factory-helper", "factory-assign", "factory-export-changed-by-another-file", "middleware",
         "commonjs-this", "commonjs-returned-exports"],
)  # fmt: skip
def test_an_object_changed_through_another_name_is_not_read_from_its_literal(lint_app, files):
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_a_literal_given_to_a_helper_nobody_changes_is_still_read(lint_app):
    code = (
        "function send(k, opts) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: opts.method }); }\n"
        "export const run = async (k) => send(k, { method: 'PUT' });\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") == [Confidence.HIGH]
    changed_elsewhere = {
        "src/index.js": HEAD + code,
        "src/other.js": "export const f = (x) => { x.method = 'X'; };\n",
    }
    assert _app_confidences(lint_app, changed_elsewhere, "read:jira-work") in ([], [Confidence.LOW])


@pytest.mark.parametrize(
    "code",
    [
        "const method = 'GET';\nconst KEY = 'method';\n"
        f"export const run = async (k) => {{ const {{ [KEY]: method = 'PUT' }} = {{}}; return {SEND}; }};\n",
        "const method = 'GET';\nconst KEY = 'method';\n"
        f"function send(k, {{ [KEY]: method }}) {{ return {SEND}; }}\nexport const run = async (k) => send(k, {{ method: 'PUT' }});\n",
    ],
    ids=["declaration", "parameter"],
)  # fmt: skip
def test_a_name_bound_by_a_computed_key_is_not_the_outer_one(lint_app, code):
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])


def test_functions_that_call_each_other_do_not_lose_the_inner_round(lint_app):
    code = (
        "async function a(k, m) { await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); "
        "if (m === 'GET') return b(k); }\nasync function b(k) { return a(k, 'PUT'); }\n"
        "export const run = async (k) => a(k, 'GET');\n"
    )
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])
    assert _confidences(lint_app, code, "read:jira-work") in ([], [Confidence.LOW])


@pytest.mark.parametrize(
    "value",
    ["route`..`", "'.\\t.'", "'.\\n.'"],
    ids=["route-value", "tab", "line-break"],
)
def test_a_value_route_lets_through_that_url_parsing_reads_as_dot_dot(lint_app, value):
    """`route` puts a Route in as it is and checks strings for `..` only as written; URL
    parsing drops tabs and line breaks: `/workflowscheme/../issuetype/10001` is an issue type."""
    code = (
        f"const UP = {value};\n"
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/workflowscheme/${UP}/issuetype/${k}`);\n"
    )
    assert _confidences(lint_app, code, "read:jira-work") in ([], [Confidence.LOW])


PUT_HELPER = "const jiraPut = (k, opts) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'PUT', ...opts });\n"


@pytest.mark.parametrize(
    ("code", "sent"),
    [
        ("const common = { headers: {} };\nexport const run = async (k) => jiraPut(k, { ...common, body: '{}' });\n", "PUT"),
        ("export const run = async (k) => jiraPut(k, { get body() { return '{}'; }, toString() { return 'x'; } });\n", "PUT"),
        ("export const run = async (k) => jiraPut(k, { ...(k ? { body: '{}' } : {}) });\n", "PUT"),
        ("export const run = async (k) => jiraPut(k, { ...(k && { method: 'GET' }) });\n", None),
        ("export const run = async (k) => jiraPut(k, { ...(k ? { method: 'GET' } : { body: '' }) });\n", None),
        ("const common = { method: 'GET' };\nexport const run = async (k) => jiraPut(k, { ...common });\n", "GET"),
        ("const call = (k, opts) => jiraPut(k, { method: opts.method, headers: opts.headers });\n"
         "export const run = async (k) => call(k, { headers: {} });\n", "GET"),
        ("const call = (k, opts) => { const { method, body } = opts; return jiraPut(k, { method, body }); };\n"
         "export const run = async (k) => call(k, { body: '{}' });\n", "GET"),
    ],
    ids=["spread-of-a-literal", "getter-and-method", "ternary-without-method", "maybe-method", "either-side",
         "spread-with-method", "key-present-undefined", "shorthand-present-undefined"],
)  # fmt: skip
def test_the_callers_object_decides_whether_a_spread_default_applies(lint_app, code, sent):
    code = PUT_HELPER + code
    unused = {"PUT": "read:jira-work", "GET": "write:jira-work"}
    for scope in ("read:jira-work", "write:jira-work"):
        if sent is not None and unused[sent] == scope:
            assert _confidences(lint_app, code, scope) == [Confidence.HIGH]
        else:
            assert _confidences(lint_app, code, scope) in ([], [Confidence.LOW])


CONFIG_SEND = "exports.run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: config.method });\n"


@pytest.mark.parametrize(
    "files",
    [
        {"src/config.js": "exports.method = 'GET';\nconst o = { method: 'PUT' };\nfor (const key in o) this[key] = o[key];\n",
         "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND},
        {"src/config.js": "exports.method = 'GET';\nexports.configure = function (o) { for (const key of Object.keys(o)) this[key] = o[key]; };\n",
         "src/index.cjs": CJS_HEAD + "const config = require('./config');\nconfig.configure({ method: 'PUT' });\n" + CONFIG_SEND},
        {"src/config.js": "exports.method = 'GET';\nObject.assign(this, { method: 'PUT' });\n",
         "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND},
        {"src/config.js": "exports.method = 'GET';\n[exports.method] = ['PUT'];\n",
         "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND},
        {"src/index.js": HEAD + "function toUpdate({ init }) { init.method = 'PUT'; }\nexport const run = async (k) => {\n"
         "  const request = { init: { method: 'GET' } };\n  toUpdate(request);\n"
         "  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: request.init.method });\n};\n"},
        {"src/index.js": HEAD + "const settings = { http: { method: 'GET' } };\nfunction enableWrites(s) { Object.assign(s.http, { method: 'PUT' }); }\n"
         "enableWrites(settings);\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: settings.http.method });\n"},
        {"src/index.js": HEAD + "function makeInit() { return { method: 'GET' }; }\n"
         "function apply(target, extra) { for (const [name, value] of Object.entries(extra)) target[name] = value; }\n"
         "function build(extra) { const init = makeInit(); apply(init, extra); return init; }\n"
         "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, build({ method: 'PUT' }));\n"},
        {"src/index.js": HEAD + "const send = (strings, k, method) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n"
         "const call = (fn, k) => fn`${k}${'PUT'}`;\nexport const run = async (k) => { await send([], k, 'GET'); return call(send, k); };\n"},
    ],
    ids=["commonjs-this-at-the-top", "commonjs-this-in-an-export", "commonjs-assign-this", "commonjs-pattern",
         "destructured-parameter", "inner-object-handed-on", "computed-key-copy", "tag-given-as-a-parameter"],
)  # fmt: skip
def test_more_changes_through_names_the_analysis_does_not_follow(lint_app, files):
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_this_inside_a_class_of_a_commonjs_file_is_an_instance(lint_app):
    files = {
        "src/config.js": "exports.method = 'PUT';\nclass Box { constructor() { this.kind = 'GET'; } }\nexports.Box = Box;\n",
        "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND,
    }
    assert _app_confidences(lint_app, files, "read:jira-work") == [Confidence.HIGH]


@pytest.mark.parametrize(
    "change",
    [
        "const self = this;\nself['method'] = 'PUT';\n",
        "const put = () => { const t = this; t['method'] = 'PUT'; };\nput();\n",
        "[this.method] = ['PUT'];\n",
        "this/**/['method'] = 'PUT';\n",
        "Object.assign((this), { method: 'PUT' });\n",
        "class X { [this['method'] = 'PUT']() {} }\n",
        "const m = module;\nm.exports['method'] = 'PUT';\n",
        "exports /*c*/ ['method'] = 'PUT';\n",
        "const e = exports || {};\ne['method'] = 'PUT';\n",
        "[exports][0]['method'] = 'PUT';\n",
        "const f = (o) => { o['method'] = 'PUT'; };\nf(...[exports]);\n",
    ],
    ids=["this-alias", "arrow-this", "this-pattern", "this-comment", "assign-parenthesised-this", "class-computed-key",
         "module-alias", "exports-comment", "exports-or", "exports-in-an-array", "exports-spread"],
)  # fmt: skip
def test_the_exports_object_handed_to_another_name_may_be_changed(lint_app, change):
    files = {"src/config.js": "exports.method = 'GET';\n" + change,
             "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND}  # fmt: skip
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_the_exports_object_used_only_in_known_ways_stays_known(lint_app):
    config = (
        "var __awaiter = (this && this.__awaiter) || function () {};\n"
        "Object.defineProperty(exports, '__esModule', { value: true });\n"
        "exports.method = 'PUT';\nmodule.exports.other = 1;\nif (exports.method === 'x' || module.hot) {}\n"
        "class Box { constructor() { this.kind = 1; } }\nexports.Box = Box;\n"
    )
    files = {
        "src/config.js": config,
        "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CONFIG_SEND,
    }
    assert _app_confidences(lint_app, files, "read:jira-work") == [Confidence.HIGH]


@pytest.mark.parametrize(
    "tweak",
    [
        "const h = s.http; h.method = 'PUT';",
        "[s.http][0].method = 'PUT';",
        "(0, s.http).method = 'PUT';",
        "for (const h of [s.http]) h.method = 'PUT';",
    ],
    ids=["alias", "array", "comma", "for-of"],
)
def test_an_inner_object_a_helper_passes_on_may_be_changed(lint_app, tweak):
    code = (
        f"const cfg = {{ http: {{ method: 'GET' }} }};\nfunction tweak(s) {{ {tweak} }}\ntweak(cfg);\n"
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.http.method });\n"
    )
    assert _confidences(lint_app, code) in ([], [Confidence.LOW])


def test_a_front_end_file_does_not_change_a_back_end_literal(lint_app):
    manifest = (
        MANIFEST.replace(
            "modules:\n",
            "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n",
        )
        + "resources:\n  - key: main\n    path: static/build\n"
    )
    files = {
        "package.json": PACKAGE,
        "src/index.js": HEAD
        + "const send = (k, o) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: o.method });\n"
        "export const run = async (k) => send(k, { method: 'PUT' });\n",
        "static/src/App.js": "export const group = (items) => items.reduce((acc, x) => { acc[x.id] = x; acc.method = 1; return acc; }, {});\n",
        "static/build/index.html": "<html></html>\n",
    }
    report = lint_app(manifest, files=files, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "read:jira-work"] == [Confidence.HIGH]


CFG_SEND = "exports.run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: config.cfg.method });\n"


@pytest.mark.parametrize(
    "config",
    [
        "exports.cfg = { method: 'GET' };\nconst o = exports.cfg;\no.method = 'PUT';\n",
        "exports.cfg = { method: 'GET' };\nObject.assign(exports.cfg, { method: 'PUT' });\n",
        "exports.cfg = { method: 'GET' };\nconst put = (o) => { o.method = 'PUT'; };\nput(exports.cfg);\n",
        "exports.cfg = { method: 'GET' };\nfunction get() { return exports.cfg; }\nget().method = 'PUT';\n",
        "module.exports = { cfg: { method: 'GET' } };\nmodule.exports.cfg['method'] = 'PUT';\n",
        "exports.cfg = { method: 'GET' };\nconst c = require('./config').cfg;\nc['method'] = 'PUT';\n",
    ],
    ids=["alias", "assign", "helper", "returned", "module-exports-subscript", "loads-itself"],
)
def test_an_exported_object_its_own_file_hands_on_may_be_changed(lint_app, config):
    files = {
        "src/config.js": config,
        "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CFG_SEND,
    }
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


def test_an_exported_object_its_own_file_only_reads_stays_known(lint_app):
    config = "exports.cfg = { method: 'PUT' };\nif (exports.cfg.method === 'GET') { log(`${exports.cfg.method}`); }\n"
    files = {
        "src/config.js": config,
        "src/index.cjs": CJS_HEAD + "const config = require('./config');\n" + CFG_SEND,
    }
    assert _app_confidences(lint_app, files, "read:jira-work") == [Confidence.HIGH]


FACTORY_INDEX = (
    HEAD + "function makeInit() { return { method: 'PUT' }; }\n"
    "export const run = async (k) => { const init = makeInit(); "
    "return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, init); };\n"
)


@pytest.mark.parametrize(
    ("helper", "known"),
    [
        ("export function apply(target, extra) { for (const [k, v] of Object.entries(extra)) target[k] = v; }\n", False),
        ("export const apply = (acc, x) => { acc[x.id] = x; return acc; };\n", False),
        ("export function apply() { const seen = {}; for (const id of [1]) seen[id] = true; return seen; }\n", True),
    ],
    ids=["parameter-target", "accumulator", "fresh-object"],
)  # fmt: skip
def test_a_file_without_forge_calls_is_judged_by_its_text(lint_app, helper, known):
    """`src/apply.js` names nothing of Forge and nothing imports it, so it is not parsed (an
    alias of the literal may still reach it at run time): its run-time-key writes are read from
    the text (a target declared once with a fresh `{}` is the file's own object)."""
    files = {"src/index.js": FACTORY_INDEX, "src/apply.js": helper}
    expected = [Confidence.HIGH] if known else []
    assert _app_confidences(lint_app, files, "read:jira-work") in (
        [expected] if known else ([], [Confidence.LOW])
    )


HTTP_SEND = "exports.run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: config.cfg.http.method });\n"


@pytest.mark.parametrize(
    ("config", "other"),
    [
        ("exports.cfg = { http: { method: 'GET' } };\nconst o = exports.cfg.http;\no['method'] = 'PUT';\n", None),
        ("exports.cfg = { http: { method: 'GET' } };\nObject.assign(exports.cfg.http, { method: 'PUT' });\n", None),
        ("exports.cfg = { http: { method: 'GET' } };\nconst o = exports.cfg['http'];\no['method'] = 'PUT';\n", None),
        ("exports.cfg = { http: { method: 'GET' } };\nrequire.cache[module.id].exports.cfg.http['method'] = 'PUT';\n", None),
        ("exports.cfg = { http: { method: 'GET' } };\n",
         "const c = require.cache[require.resolve('./config')].exports;\nc.cfg.http['method'] = 'PUT';\n"),
    ],
    ids=["inner-alias", "inner-assign", "subscript-alias", "require-cache", "require-cache-elsewhere"],
)  # fmt: skip
def test_an_inner_object_of_an_export_handed_on_may_be_changed(lint_app, config, other):
    files = {"src/config.js": config,
             "src/index.cjs": CJS_HEAD + ("require('./tweak');\n" if other else "") + "const config = require('./config');\n" + HTTP_SEND}  # fmt: skip
    if other:
        files["src/tweak.js"] = other
    assert _app_confidences(lint_app, files) in ([], [Confidence.LOW])


@pytest.mark.parametrize(
    ("literal", "prep", "name"),
    [
        ("{ http: ({ method: 'GET' }) }", "const h = s.http; h['method'] = 'PUT';", "src/index.js"),
        ("{ http: { method: 'GET' } as Http }", "const h = s.http; h['method'] = 'PUT';", "src/index.ts"),
        ("{ http: { method: 'GET' } }", "tag`${s.http}`;", "src/index.js"),
        ("{ http: { method: 'GET' } }", "if (s.http instanceof Up) return;", "src/index.js"),
    ],
    ids=["parenthesised-inner", "as-typed-inner", "tagged-template", "instanceof"],
)
def test_an_inner_object_a_helper_hands_to_code_may_be_changed(lint_app, literal, prep, name):
    code = ("type Http = { method: string };\n" if name.endswith(".ts") else "") + (
        "function tag(strings, h) { h['method'] = 'PUT'; return ''; }\n"
        "class Up { static [Symbol.hasInstance](h) { h['method'] = 'PUT'; return false; } }\n"
        f"const opts = {literal};\nfunction prep(s) {{ {prep} }}\n"
        "export const run = async (k) => { prep(opts); return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, "
        "{ method: opts.http.method }); };\n"
    )
    assert _app_confidences(lint_app, {name: HEAD + code}) in ([], [Confidence.LOW])
