"""The app's own helper functions: requests are reported at the callers, with the helper in `via`."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, calls, fetches, via

JIRA_HELPER = """\
import api, { route } from '@forge/api';

export async function jira(path, options) {
  const response = await api.asApp().requestJira(path, options);
  return response.json();
}

export const putJira = (path, body) =>
  api.asUser().requestJira(route`/rest/api/3${path}`, { method: 'PUT', body: JSON.stringify(body) });

export default function confluence(path) {
  return api.asApp().requestConfluence(path);
}
"""


def test_helper_in_the_same_file(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            function jira(path, opts) { return api.asApp().requestJira(path, opts); }
            const get = async (path) => (await api.asApp().requestJira(path)).json();
            export async function run(key) {
              await jira(route`/rest/api/3/myself`);
              await jira(route`/rest/api/3/issue/${key}`, { method: 'PUT' });
              await get('/rest/api/3/field');
            }
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 5, 9, "GET", "/rest/api/3/myself"),
        ("app/src/a.js", 6, 9, "PUT", "/rest/api/3/issue/{}"),
        ("app/src/a.js", 7, 9, "GET", "/rest/api/3/field"),
    ]
    assert via(usage) == [[("app/src/a.js", 2, 36)], [("app/src/a.js", 2, 36)], [("app/src/a.js", 3, 36)]]
    assert [c.as_user for c in usage.calls] == [False, False, False]
    assert [c.via[0].end_column for c in usage.calls] == [71, 71, 65]


def test_helpers_imported_from_other_files(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib/jira.js": JIRA_HELPER,
            "src/handlers/one.js": """\
            import confluence, { jira, putJira as put } from '../lib/jira';
            export async function one(key) {
              await jira('/rest/api/3/myself');
              await put(`/issue/${key}/properties/approval`, { ok: true });
              await confluence(`/wiki/api/v2/pages/${key}`);
            }
            """,
            "src/handlers/two.ts": """\
            import * as client from '../lib/jira.js';
            export const two = () => client.jira('/rest/api/3/project', { method: 'POST' });
            """,
        },
    )
    assert calls(usage) == [
        ("app/src/handlers/one.js", 3, 9, "GET", "/rest/api/3/myself"),
        ("app/src/handlers/one.js", 4, 9, "PUT", "/rest/api/3/issue/{*}/properties/approval"),
        ("app/src/handlers/one.js", 5, 9, "GET", "/wiki/api/v2/pages/{*}"),
        ("app/src/handlers/two.ts", 2, 26, "POST", "/rest/api/3/project"),
    ]
    assert [c.product for c in usage.calls] == ["jira", "jira", "confluence", "jira"]
    assert [c.as_user for c in usage.calls] == [False, True, False, False]
    assert via(usage) == [
        [("app/src/lib/jira.js", 4, 26)],
        [("app/src/lib/jira.js", 9, 3)],
        [("app/src/lib/jira.js", 12, 10)],
        [("app/src/lib/jira.js", 4, 26)],
    ]


def test_helper_in_a_folder_index_and_commonjs(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib/client/index.js": """\
            const api = require('@forge/api');
            async function get(path) { return api.asApp().requestJira(path); }
            function post(path, body) { return api.asApp().requestJira(path, { method: 'POST', body }); }
            module.exports = { get, post };
            """,
            "src/lib/wiki.cjs": """\
            const { asUser } = require('@forge/api');
            module.exports = (path) => asUser().requestConfluence(path);
            """,
            "src/run.js": """\
            const { get, post } = require('./lib/client');
            const client = require('./lib/client/index.js');
            const wiki = require('./lib/wiki.cjs');
            get('/rest/api/3/myself');
            post('/rest/api/3/issue', {});
            client.get('/rest/api/3/field');
            wiki('/wiki/rest/api/space');
            """,
        },
    )
    assert calls(usage) == [
        ("app/src/run.js", 4, 1, "GET", "/rest/api/3/myself"),
        ("app/src/run.js", 5, 1, "POST", "/rest/api/3/issue"),
        ("app/src/run.js", 6, 1, "GET", "/rest/api/3/field"),
        ("app/src/run.js", 7, 1, "GET", "/wiki/rest/api/space"),
    ]
    assert via(usage)[3] == [("app/src/lib/wiki.cjs", 2, 28)]


def test_helper_with_destructured_options_and_defaults(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.ts": """\
            import api from '@forge/api';
            type Opts = { path: string; method?: string };
            export async function call({ path, method = 'GET' }: Opts, extra: RequestInit = { method: 'HEAD' }) {
              await api.asApp().requestJira(path, { method });
              await api.asApp().requestJira(path, extra);
            }
            call({ path: '/rest/api/3/a' });
            call({ path: '/rest/api/3/b', method: 'delete' }, { method: 'OPTIONS' });
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.ts", 7, 1, "GET", "/rest/api/3/a"),
        ("app/src/a.ts", 7, 1, "HEAD", "/rest/api/3/a"),
        ("app/src/a.ts", 8, 1, "DELETE", "/rest/api/3/b"),
        ("app/src/a.ts", 8, 1, "OPTIONS", "/rest/api/3/b"),
    ]


def test_nested_helpers(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib/base.js": """\
            import api from '@forge/api';
            export const request = (path, method) => api.asApp().requestJira(path, { method });
            """,
            "src/lib/jira.js": """\
            import { request } from './base';
            const BASE = '/rest/api/3';
            export function issue(key) { return request(`${BASE}/issue/${key}`, 'GET'); }
            export function update(key) { return request(BASE + '/issue/' + key, 'PUT'); }
            """,
            "src/run.js": """\
            import { issue, update } from './lib/jira';
            issue('ABC-1');
            update('ABC-2');
            update(someKey);
            """,
        },
    )
    assert calls(usage) == [
        ("app/src/run.js", 2, 1, "GET", "/rest/api/3/issue/ABC-1"),
        ("app/src/run.js", 3, 1, "PUT", "/rest/api/3/issue/ABC-2"),
        ("app/src/run.js", 4, 1, "PUT", None),
    ]
    assert usage.calls[2].reason == "path is a concatenation with the variable `someKey`"
    assert via(usage)[0] == [("app/src/lib/jira.js", 3, 37), ("app/src/lib/base.js", 2, 42)]


def test_helper_without_callers_is_reported_where_it_requests(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            export function unused(path) { return api.asApp().requestJira(path); }
            export function tail(rest) { return api.asApp().requestJira(route`/rest/api/3${rest}`); }
            export function glued(rest) { return api.asApp().requestJira('/rest/api/3' + rest); }
            export const handler = async (event) => {
              await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`);
            };
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 2, 39, "GET", None),
        ("app/src/a.js", 3, 37, "GET", "/rest/api/3{}"),
        ("app/src/a.js", 4, 38, "GET", None),
        ("app/src/a.js", 6, 9, "GET", "/rest/api/3/issue/{}"),
    ]
    assert [c.reason for c in usage.calls] == [
        "path is parameter `path` of `unused`, which is never called",
        None,
        "path is built from parameter `rest` of `glued`, which is never called",
        None,
    ]
    assert via(usage) == [[], [], [], []]


def test_helper_callers_with_unknown_arguments(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api from '@forge/api';
            const jira = (path, opts) => api.asApp().requestJira(path, opts);
            jira(dynamicPath);
            jira('/rest/api/3/x', { method: dynamicMethod });
            jira(...args);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 3, 1, "GET", None),
        ("app/src/a.js", 4, 1, None, "/rest/api/3/x"),
        ("app/src/a.js", 5, 1, None, None),
    ]
    assert [c.reason for c in usage.calls] == [
        "path is the variable `dynamicPath`",
        "method is the variable `dynamicMethod`",
        "path is a spread argument; method is the property `method` of a spread argument",
    ]


def test_fetch_helpers_and_object_helpers(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib/http.js": """\
            import api from '@forge/api';
            export const slack = {
              post(hook, body) { return api.fetch(`https://hooks.slack.com/services/${hook}`, { method: 'POST', body }); },
              get: (url) => fetch(url),
            };
            """,
            "src/run.js": """\
            import { slack } from './lib/http';
            slack.post('T00/B00', 'hi');
            slack.get('https://API.example.com/v1/status');
            """,
        },
    )
    assert fetches(usage) == [
        (
            "app/src/run.js",
            2,
            1,
            "fetch.backend",
            "https://hooks.slack.com/services/T00/B00",
            "hooks.slack.com",
        ),
        ("app/src/run.js", 3, 1, "fetch.backend", "https://API.example.com/v1/status", "api.example.com"),
    ]
    assert usage.calls == ()  # `Fetch` has no `via`: the helper's own fetch is not kept


def test_recursive_helpers_do_not_hang(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api from '@forge/api';
            function walk(path, depth) {
              if (depth > 3) return api.asApp().requestJira(path);
              return walk(path + '/child', depth + 1);
            }
            walk('/rest/api/3/root', 0);
            const loop = () => loop();
            function alone(path) { return path ? api.asApp().requestJira(path) : alone('/rest/api/3/x'); }
            """
        },
    )
    assert calls(usage) == [
        # `walk` calls itself with a longer path on every round: what it ends up sending is
        # not followed, so that call is an unknown request (any product)
        ("app/src/a.js", 4, 10, None, None),
        ("app/src/a.js", 6, 1, "GET", "/rest/api/3/root"),
        ("app/src/a.js", 8, 38, "GET", None),
        ("app/src/a.js", 8, 70, "GET", "/rest/api/3/x"),
    ]
    assert usage.calls[0].reason == (
        "path and method are sent through a recursive call whose arguments change on every round"
    )
    assert usage.calls[2].reason == "path is parameter `path` of `alone`, which is never called"


def test_helper_taking_only_the_options(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            const me = (options) => api.asUser().requestJira(route`/rest/api/3/myself`, options);
            me();
            me({ method: 'PUT' });
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 3, 1, "GET", "/rest/api/3/myself"),
        ("app/src/a.js", 4, 1, "PUT", "/rest/api/3/myself"),
    ]
    assert via(usage) == [[("app/src/a.js", 2, 25)], [("app/src/a.js", 2, 25)]]


def test_options_from_helpers_and_a_dynamic_query(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/opts.js": (
                "export const putOpts = (body) => ({ method: 'PUT', body: JSON.stringify(body) });\n"
                "export function delOpts() { return { method: 'DELETE' }; }\n"
                "export const anyOpts = (m) => ({ method: m });\n"
            ),
            "src/index.js": """\
            import api, { route } from '@forge/api';
            import { putOpts, delOpts, anyOpts } from './opts';
            export const a = (k, b) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, putOpts(b));
            export const b = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, delOpts());
            export const c = (k, m) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, anyOpts(m));
            export const d = (q) => api.asApp().requestJira(route`/rest/api/3/search?jql=` + q);
            export const e = (q) => api.asApp().requestJira('/rest/api/3/search?jql=' + q);
            export const f = (p) => api.asApp().requestJira('/rest/api/3/' + p + '?x=1');
            """,
        },
    )
    assert [(line, method, path) for _f, line, _c, method, path in calls(usage)] == [
        (3, "PUT", "/rest/api/3/issue/{}"),
        (4, "DELETE", "/rest/api/3/issue/{}"),
        (5, None, "/rest/api/3/issue/{}"),  # the helper's method is its parameter: unknown
        (6, "GET", "/rest/api/3/search"),
        (7, "GET", "/rest/api/3/search"),
        (8, "GET", None),  # the unknown piece comes before the query: the path is unknown
    ]


def test_a_conditional_whose_sides_are_one_parameter(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.ts": """\
            import api, { assumeTrustedRoute, route } from '@forge/api';
            function get(auth, routeOrPath) {
              const target = typeof routeOrPath === 'string' ? assumeTrustedRoute(routeOrPath) : routeOrPath;
              return auth === 'user' ? api.asUser().requestConfluence(target) : api.asApp().requestConfluence(target);
            }
            export const page = (id) => get('app', route`/wiki/api/v2/pages/${id}`);
            export const other = (p, q) => get('app', p ? q : route`/wiki/api/v2/spaces`);
            """
        },
    )
    assert [(line, method, path) for _f, line, _c, method, path in calls(usage)] == [
        (6, "GET", "/wiki/api/v2/pages/{}"),
        (6, "GET", "/wiki/api/v2/pages/{}"),
        (7, "GET", None),  # a parameter and a route: unknown
        (7, "GET", None),
    ]


def test_options_spread_from_a_conditional_keep_the_method_before_them(tmp_path: Path) -> None:
    # `...(body ? { body } : {})` and `...(h && { headers: h })` never hold `method`; a side
    # that does makes the method one of two, which is not known
    usage = analyze(
        tmp_path,
        {
            "src/a.ts": """\
            import api from '@forge/api';
            async function jira(path, { method = 'GET', body, h }: any = {}) {
              return api.asApp().requestJira(path, { method, ...(body ? { body } : {}), ...(h && { headers: h }) });
            }
            async function other(path, { method = 'GET', body }: any = {}) {
              return api.asApp().requestJira(path, { method, ...(body ? { body, method: 'POST' } : {}) });
            }
            jira('/rest/api/3/a', { method: 'PUT', body: '{}' });
            jira('/rest/api/3/b');
            other('/rest/api/3/c');
            """
        },
    )
    found = calls(usage)
    assert ("app/src/a.ts", 8, 1, "PUT", "/rest/api/3/a") in found, found
    assert ("app/src/a.ts", 9, 1, "GET", "/rest/api/3/b") in found, found
    assert not any(call[4] == "/rest/api/3/c" and call[3] in ("GET", "POST") for call in found), found


def test_a_helper_given_one_of_two_paths_sends_each(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            async function get(path) { return api.asUser().requestConfluence(path); }
            async function byOp(op) { return api.asUser().requestConfluence(route`/wiki/rest/api/content/1/restriction/byOperation/${op}`); }
            export async function check(id, operation) {
              const op = operation === 'VIEW' ? 'read' : 'update';
              await get(route`/wiki/rest/api/content/${id}/restriction/byOperation/${op}`);
              await byOp(operation === 'VIEW' ? 'read' : 'update');
            }
            """
        },
    )
    found = [(line, method, path) for _file, line, _col, method, path in calls(usage)]
    for line in (6, 7):
        for op in ("read", "update"):
            assert any(
                c[0] == line and c[1] == "GET" and c[2].endswith(f"/byOperation/{op}") for c in found
            ), found


def _methods(tmp_path: Path, body: str) -> list[str | None]:
    usage = analyze(
        tmp_path,
        {
            "src/a.ts": "import api, { route } from '@forge/api';\n"
            "function logRequest(path: any, options?: any) { console.log(`${options?.method}`, JSON.stringify(options)); }\n"
            "function audit(o: any) { logRequest('x', o); }\n"
            "function change(x: any) { x.method = 'PUT'; }\n"
            "export async function other() { const opts = { method: 'DELETE' }; other2(opts); }\n" + body
        },
    )
    return [call.method for call in usage.calls if call.path == "/rest/api/3/myself"]


@pytest.mark.parametrize(
    ("uses", "known"),
    [
        ("logRequest('p', opts);", True),  # only reads `options.method` and stringifies it
        ("audit(opts);", True),  # hands it to a function that only reads it
        ("if (opts.method) console.log(opts);", True),
        ("change(opts);", False),  # writes `x.method`
        ("unknownLib(opts);", False),  # a call not followed may change it
        ("const m = opts.method;", True),  # reading a property
        ("opts.toString();", False),  # a method call may change its object through `this`
        ("delete opts.method;", False),
    ],
    ids=[
        "logged",
        "handed-on-to-a-logger",
        "read-and-logged",
        "changed",
        "handed-to-unknown",
        "property-read",
        "method-call",
        "deleted",
    ],
)
def test_options_handed_to_a_function_that_only_reads_them_keep_their_method(
    tmp_path: Path, uses: str, known: bool
) -> None:
    # `other` has its own `opts`: a variable of the same name elsewhere changes nothing here
    body = (
        "export async function run() {\n"
        "  const opts = { method: 'GET' };\n"
        f"  {uses}\n"
        "  return api.asApp().requestJira(route`/rest/api/3/myself`, opts);\n}\n"
    )
    assert _methods(tmp_path, body) == (["GET"] if known else [None])


def test_options_whose_own_method_may_change_them_stay_unknown(tmp_path: Path) -> None:
    body = (
        "export async function run() {\n"
        "  const opts = { method: 'GET', toPut() { this.method = 'PUT'; } };\n"
        "  opts.toPut();\n"
        "  return api.asApp().requestJira(route`/rest/api/3/myself`, opts);\n}\n"
    )
    assert _methods(tmp_path, body) == [None]


def test_options_with_a_method_handed_to_a_reader_stay_unknown(tmp_path: Path) -> None:
    # the reader calls a method of its own that changes `method` through `this`
    body = (
        "function show(o: any) { o.toPut(); }\n"
        "export async function run() {\n"
        "  const opts = { method: 'GET', toPut() { this.method = 'PUT'; } };\n"
        "  show(opts);\n"
        "  return api.asApp().requestJira(route`/rest/api/3/myself`, opts);\n}\n"
    )
    assert _methods(tmp_path, body) == [None]
