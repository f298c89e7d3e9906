"""Product calls found by `analyze_app`: import styles, call forms, constants and what stays unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, call_details, calls, fetches

from scopecheck.core.findings import Span

JIRA_ME = "/rest/api/3/myself"


def test_default_import_as_app_and_as_user(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';

            export async function run() {
              await api.asApp().requestJira(route`/rest/api/3/myself`);
              return api.asUser().requestConfluence(route`/wiki/api/v2/pages`, { method: 'POST' });
            }
            """
        },
    )
    assert calls(usage) == [
        ("app/src/index.js", 4, 9, "GET", JIRA_ME),
        ("app/src/index.js", 5, 10, "POST", "/wiki/api/v2/pages"),
    ]
    assert call_details(usage) == [("jira", "api", False, None), ("confluence", "api", True, None)]
    assert usage.calls[0].span == Span("app/src/index.js", 4, 9, 4, 59, 80, 130)
    assert usage.calls[0].resolved


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import { asApp, route } from '@forge/api';\nconst call = () => asApp()", id="named"),
        pytest.param(
            "import { asApp as app, route } from '@forge/api';\nconst call = () => app()", id="aliased"
        ),
        pytest.param(
            "const { asApp, route } = require('@forge/api');\nconst call = () => asApp()",
            id="require-destructured",
        ),
        pytest.param(
            "const { asApp: app, route } = require('@forge/api');\nconst call = () => app()",
            id="require-aliased",
        ),
        pytest.param(
            "const api = require('@forge/api');\nconst { route } = api;\nconst call = () => api.asApp()",
            id="require-whole",
        ),
        pytest.param(
            "const api = require('@forge/api').default;\nconst route = api.route;\nconst call = () => api.asApp()",
            id="require-default",
        ),
        pytest.param(
            "import * as forge from '@forge/api';\nconst route = forge.route;\nconst call = () => forge.asApp()",
            id="namespace",
        ),
        pytest.param(
            "import api, { route } from '@forge/api';\nconst jira = api.asApp();\nconst call = () => jira",
            id="requester-variable",
        ),
    ],
)
def test_import_styles(tmp_path: Path, source: str) -> None:
    lines = source.count("\n") + 1
    usage = analyze(tmp_path, {"src/a.js": source + "\ncall().requestJira(route`/rest/api/3/myself`);\n"})
    assert calls(usage) == [("app/src/a.js", lines + 1, 1, "GET", JIRA_ME)]
    assert call_details(usage) == [("jira", "api", False, None)]


def test_destructured_request_function_from_a_requester(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            const { requestJira, requestBitbucket } = api.asUser();
            requestJira(route`/rest/api/3/field`, { method: 'get' });
            requestBitbucket(route`/2.0/repositories/${ws}`);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 3, 1, "GET", "/rest/api/3/field"),
        ("app/src/a.js", 4, 1, "GET", "/2.0/repositories/{}"),
    ]
    assert [c.product for c in usage.calls] == ["jira", "bitbucket"]
    assert [c.as_user for c in usage.calls] == [True, True]


def test_typescript_import_require_and_type_wrappers(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.ts": """\
            import api = require('@forge/api');
            import { route } from '@forge/api';
            export const run = async (key: string): Promise<unknown> => {
              const res = await (api as any).asApp().requestJira(route`/rest/api/3/issue/${key}` as Route, {
                method: 'DELETE' as const,
              });
              return res!.json();
            };
            """
        },
    )
    assert calls(usage) == [("app/src/a.ts", 4, 21, "DELETE", "/rest/api/3/issue/{}")]


def test_tsx_and_jsx_files_are_read(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/Panel.tsx": """\
            import api, { route } from '@forge/api';
            const Panel = (props: { id: string }) => <div>{props.id}</div>;
            api.asApp().requestJira(route`/rest/api/3/a`);
            """,
            "src/View.jsx": """\
            import api, { route } from '@forge/api';
            const View = () => <span>x</span>;
            api.asApp().requestJira(route`/rest/api/3/b`);
            """,
            "src/c.mjs": "import api from '@forge/api';\napi.asApp().requestJira('/rest/api/3/c');\n",
            "src/d.cjs": "const api = require('@forge/api');\napi.asApp().requestJira('/rest/api/3/d');\n",
            "src/e.mts": "import api from '@forge/api';\napi.asApp().requestJira('/rest/api/3/e');\n",
            "src/f.cts": "import api = require('@forge/api');\napi.asApp().requestJira('/rest/api/3/f');\n",
        },
    )
    assert calls(usage) == [
        ("app/src/Panel.tsx", 3, 1, "GET", "/rest/api/3/a"),
        ("app/src/View.jsx", 3, 1, "GET", "/rest/api/3/b"),
        ("app/src/c.mjs", 2, 1, "GET", "/rest/api/3/c"),
        ("app/src/d.cjs", 2, 1, "GET", "/rest/api/3/d"),
        ("app/src/e.mts", 2, 1, "GET", "/rest/api/3/e"),
        ("app/src/f.cts", 2, 1, "GET", "/rest/api/3/f"),
    ]
    assert usage.files_scanned == 6


def test_bridge_calls_in_custom_ui(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "static/app/src/App.js": """\
            import { requestJira, requestConfluence as conf } from '@forge/bridge';
            import * as bridge from '@forge/bridge';
            export async function load(id) {
              await requestJira('/rest/api/3/myself');
              await conf(`/wiki/api/v2/pages/${id}?body-format=storage`, { method: 'PUT' });
              await bridge.requestBitbucket('/2.0/user');
            }
            """
        },
    )
    assert calls(usage) == [
        ("app/static/app/src/App.js", 4, 9, "GET", JIRA_ME),
        ("app/static/app/src/App.js", 5, 9, "PUT", "/wiki/api/v2/pages/{*}"),  # may span segments
        ("app/static/app/src/App.js", 6, 9, "GET", "/2.0/user"),
    ]
    assert call_details(usage) == [
        ("jira", "bridge", None, None),
        ("confluence", "bridge", None, None),
        ("bitbucket", "bridge", None, None),
    ]


def test_paths_from_strings_templates_and_trusted_routes(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route, assumeTrustedRoute } from '@forge/api';
            const app = api.asApp();
            app.requestJira('/rest/api/3/search?jql=project%3DABC');
            app.requestJira(`/rest/api/3/issue/${key}/comment?expand=x`);
            app.requestJira(route`/rest/api/3/issue/${key}/properties/${prop}?a=${b}`);
            app.requestJira(assumeTrustedRoute('/rest/api/3/project?x=1'));
            app.requestJira("/rest/api/3/str\\u0069ng");
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 3, 1, "GET", "/rest/api/3/search"),
        ("app/src/a.js", 4, 1, "GET", "/rest/api/3/issue/{*}/comment"),  # not a route: may span
        ("app/src/a.js", 5, 1, "GET", "/rest/api/3/issue/{}/properties/{}"),
        ("app/src/a.js", 6, 1, "GET", "/rest/api/3/project"),
        ("app/src/a.js", 7, 1, "GET", "/rest/api/3/string"),
    ]


def test_methods_from_options(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            const PUT = 'put';
            const options = { method: 'POST', body: '{}' };
            const method = 'PATCH';
            const app = api.asApp();
            app.requestJira(route`/a`, { headers: {} });
            app.requestJira(route`/b`, { method: PUT });
            app.requestJira(route`/c`, options);
            app.requestJira(route`/d`, { method });
            app.requestJira(route`/e`, { ...options, headers: {} });
            app.requestJira(route`/f`, { ...options, method: 'DELETE' });
            """
        },
    )
    assert [(c.method, c.path) for c in usage.calls] == [
        ("GET", "/a"),
        ("PUT", "/b"),
        ("POST", "/c"),
        ("PATCH", "/d"),
        ("POST", "/e"),
        ("DELETE", "/f"),
    ]


def test_constants_in_the_same_file(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { assumeTrustedRoute, route } from '@forge/api';
            const BASE = '/rest/api/3';
            const ISSUE = `${BASE}/issue`;
            const SEARCH = BASE + '/search';
            const VERSION = 2 + 1;
            const app = api.asApp();
            app.requestJira(assumeTrustedRoute(`${BASE}/myself`));
            app.requestJira(assumeTrustedRoute(`${ISSUE}/${key}`));
            app.requestJira(SEARCH);
            app.requestJira(BASE + '/field' + '?expand=x');
            app.requestJira(`/rest/api/${VERSION}/priority`);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 7, 1, "GET", JIRA_ME),
        ("app/src/a.js", 8, 1, "GET", "/rest/api/3/issue/{*}"),
        ("app/src/a.js", 9, 1, "GET", "/rest/api/3/search"),
        ("app/src/a.js", 10, 1, "GET", "/rest/api/3/field"),
        ("app/src/a.js", 11, 1, "GET", "/rest/api/3/priority"),
    ]


def test_constants_imported_from_relative_modules(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/constants.js": """\
            export const BASE = '/rest/api/3';
            export const PROJECT = BASE + '/project';
            const hidden = '/wiki';
            export { hidden as WIKI };
            """,
            "src/paths/index.ts": "export * from './jira';\nexport { SPACE } from '../spaces.js';\n",
            "src/paths/jira.ts": "export const FIELD: string = '/rest/api/3/field';\n",
            "src/spaces.ts": "export const SPACE = '/wiki/api/v2/spaces';\n",
            "src/legacy.js": "module.exports = { LEGACY: '/rest/api/2' };\nexports.OTHER = '/rest/api/2/other';\n",
            "src/handlers/run.js": """\
            import api, { assumeTrustedRoute } from '@forge/api';
            import { BASE, PROJECT, WIKI } from '../constants';
            import * as C from '../constants.js';
            import { FIELD, SPACE } from '../paths';
            const { LEGACY } = require('../legacy');
            const legacy = require('../legacy.js');
            const app = api.asApp();
            app.requestJira(assumeTrustedRoute(`${BASE}/myself`));
            app.requestJira(assumeTrustedRoute(`${PROJECT}/${key}`));
            app.requestConfluence(assumeTrustedRoute(`${WIKI}/rest/api/space`));
            app.requestJira(C.BASE + '/priority');
            app.requestJira(FIELD);
            app.requestConfluence(SPACE);
            app.requestJira(`${LEGACY}/myself`);
            app.requestJira(legacy.OTHER);
            """,
        },
    )
    assert calls(usage) == [
        ("app/src/handlers/run.js", 8, 1, "GET", JIRA_ME),
        ("app/src/handlers/run.js", 9, 1, "GET", "/rest/api/3/project/{*}"),
        ("app/src/handlers/run.js", 10, 1, "GET", "/wiki/rest/api/space"),
        ("app/src/handlers/run.js", 11, 1, "GET", "/rest/api/3/priority"),
        ("app/src/handlers/run.js", 12, 1, "GET", "/rest/api/3/field"),
        ("app/src/handlers/run.js", 13, 1, "GET", "/wiki/api/v2/spaces"),
        ("app/src/handlers/run.js", 14, 1, "GET", "/rest/api/2/myself"),
        # `exports.OTHER` went to the object `module.exports = {...}` replaced: not exported
        ("app/src/handlers/run.js", 15, 1, "GET", None),
    ]


def test_unresolved_calls_are_kept_with_a_reason(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route, assumeTrustedRoute } from '@forge/api';
            import { makePath } from 'some-lib';
            let changing = '/rest/api/3/a';
            changing = '/rest/api/3/b';
            const app = api.asApp();
            app.requestJira(path);
            app.requestJira('/rest/api/3/issue/' + issue.key);
            app.requestJira(assumeTrustedRoute(raw));
            app.requestJira(route`/rest/api/3/x`, { method: verb });
            app.requestJira(route`/rest/api/3/y`, { method: flag ? 'PUT' : verb });
            app.requestJira(makePath());
            app.requestJira(changing);
            app.requestJira(route`/rest/api/3/z`, opts);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 6, 1, "GET", None),
        ("app/src/a.js", 7, 1, "GET", None),
        ("app/src/a.js", 8, 1, "GET", None),
        ("app/src/a.js", 9, 1, None, "/rest/api/3/x"),
        ("app/src/a.js", 10, 1, None, "/rest/api/3/y"),
        ("app/src/a.js", 11, 1, "GET", None),
        ("app/src/a.js", 12, 1, "GET", None),
        ("app/src/a.js", 13, 1, None, "/rest/api/3/z"),
    ]
    assert [c.reason for c in usage.calls] == [
        "path is the variable `path`",
        "path is a concatenation with the value `issue.key`",
        "path is an assumeTrustedRoute() argument that is the variable `raw`",
        "method is the variable `verb`",
        "method is the expression `flag ? 'PUT' : verb`",
        "path is the result of `makePath()`",
        "path is the variable `changing`, which is reassigned",
        "method is taken from options that are the variable `opts`",
    ]
    assert not any(c.resolved for c in usage.calls)


def test_a_conditional_method_is_each_of_its_methods(tmp_path: Path) -> None:
    code = """\
    import api, { route } from '@forge/api';
    export const save = (flag) => api.asApp().requestJira(route`/rest/api/3/issue`, { method: flag ? 'PUT' : 'POST' });
    """
    usage = analyze(tmp_path, {"src/a.js": code})
    assert [(method, path) for *_where, method, path in calls(usage)] == [
        ("PUT", "/rest/api/3/issue"),
        ("POST", "/rest/api/3/issue"),
    ]


def test_lookalikes_are_not_forge_calls(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api from './my-api';
            const route = (s) => s;
            const store = { fetch: (key) => key };
            store.fetch('https://in.an.object.literal.example.com');
            // api.asApp().requestJira('/commented');
            const text = "api.asApp().requestJira('/in-a-string')";
            """,
            "src/my-api.js": "export default { asApp() { return {}; } };\n// @forge/ mentioned\n",
        },
    )
    assert calls(usage) == []
    assert fetches(usage) == []


def test_request_methods_are_taken_by_name(tmp_path: Path) -> None:
    """forge lint goes by the name alone: a `requestJira` method of any object, or a named
    import from a package scopecheck does not know, is a product call."""
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api from './my-api';
            import { requestJira } from 'other-lib';
            function local(api) { return api.asApp().requestJira('/rest/api/3/x'); }
            api.asApp().requestJira('/rest/api/3/myself');
            requestJira('/rest/api/3/myself');
            """,
            "src/my-api.js": "export default { asApp() { return {}; } };\n// @forge/ mentioned\n",
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 3, 30, "GET", "/rest/api/3/x"),
        ("app/src/a.js", 4, 1, "GET", "/rest/api/3/myself"),
        ("app/src/a.js", 5, 1, "GET", "/rest/api/3/myself"),
    ]
    assert call_details(usage) == [("jira", "api", None, None)] * 3


def test_shadowed_names_follow_scope(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            const path = '/rest/api/3/outer';
            function inner() {
              const path = '/rest/api/3/inner';
              return api.asApp().requestJira(path);
            }
            api.asApp().requestJira(path);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 5, 10, "GET", "/rest/api/3/inner"),
        ("app/src/a.js", 7, 1, "GET", "/rest/api/3/outer"),
    ]


def test_route_refuses_a_value_with_a_slash_in_the_path(tmp_path: Path) -> None:
    """@forge/api's `route` throws "Disallowing path manipulation attempt" for a path value
    holding `/`, `\\`, `?`, `#` or `..`: that path is never sent, so it is not resolved; in the
    query, values are encoded and may hold anything."""
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { route } from '@forge/api';
            const BASE = '/rest/api/3';
            const JQL = 'a/b';
            api.asApp().requestJira(route`${BASE}/myself`);
            api.asApp().requestJira(route`/rest/api/3/search?jql=${JQL}`);
            """
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 4, 1, "GET", "{}/myself"),
        ("app/src/a.js", 5, 1, "GET", "/rest/api/3/search"),
    ]
