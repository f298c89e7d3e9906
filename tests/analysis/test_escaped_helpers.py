"""A helper that is also passed as a value has calls the analysis cannot see (`escapes.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, calls

from scopecheck.core.findings import Confidence

HOLDER = """\
import api, { assumeTrustedRoute } from '@forge/api';
const jiraApi = {
  async fetch(path) {
    return (await api.asUser().requestJira(assumeTrustedRoute(path))).json();
  },
};
"""

#: a class keeping the client in a field (another method may replace it)
REPO = """\
class Repo {
  constructor(api) { this.api = api; }
  use(other) { this.api = other; return this; }
  issue(key) { return this.api.fetch(`/rest/api/3/issue/${key}`); }
}
"""


def test_a_holder_given_to_a_class_is_reported_where_the_request_is_written(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": HOLDER
            + REPO
            + "export const me = () => jiraApi.fetch('/rest/api/3/myself');\n"
            + "export const issue = (key) => new Repo(jiraApi).issue(key);\n"
        },
    )
    assert calls(usage) == [
        ("app/src/index.js", 4, 19, "GET", None),
        ("app/src/index.js", 12, 25, "GET", "/rest/api/3/myself"),
    ]
    assert usage.calls[0].reason == (
        "path is parameter `path` of `fetch`, which is also passed as a value at "
        "app/src/index.js:13, where calls through it are not followed"
    )


@pytest.mark.parametrize(
    ("use", "line"),
    [
        ("export const all = (paths) => Promise.all(paths.map(getJson));", 4),  # a callback
        ("export const one = (p) => getJson.call(null, p);", 4),  # called with other arguments
        ("const alias = getJson;\nexport const one = (p) => alias(p);", 4),  # an alias
        ("const table = { getJson };\nregister(table);", 5),  # stored in an object passed on
        ("const t = { a: { b: getJson } };\nregister(t.a);", 5),
        ("export const pick = () => getJson;", 4),  # returned
        ("export const handlers = [getJson];", 4),  # in an array
    ],
)
def test_ways_a_function_is_passed_on(tmp_path: Path, use: str, line: int) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": "import api from '@forge/api';\n"
            "const getJson = (path) => api.asApp().requestJira(path);\n"
            "getJson('/rest/api/3/myself');\n" + use + "\n"
        },
    )
    assert ("app/src/index.js", 2, 27, "GET", None) in calls(usage)
    assert ("app/src/index.js", 3, 1, "GET", "/rest/api/3/myself") in calls(usage)
    reason = next(c.reason for c in usage.calls if c.path is None)
    assert reason is not None and f"passed as a value at app/src/index.js:{line}" in reason


@pytest.mark.parametrize(
    "use",
    [
        "export { getJson };",
        "export default getJson;",
        "module.exports = { getJson };",
        "module.exports.getJson = getJson;",
        "exports.getJson = getJson;",
        "export const kind = typeof getJson;",
        "export const table = { getJson };",  # an object importers call it through
        "const t = { a: { getJson } };\nt.a.getJson('/rest/api/3/field');",
    ],
)
def test_calls_exports_and_typeof_pass_nothing_on(tmp_path: Path, use: str) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": "import api from '@forge/api';\n"
            "const getJson = (path) => api.asApp().requestJira(path);\n"
            "getJson('/rest/api/3/myself');\n" + use + "\n"
        },
    )
    assert [c for c in calls(usage) if c[4] != "/rest/api/3/field"] == [
        ("app/src/index.js", 3, 1, "GET", "/rest/api/3/myself")
    ]


def test_an_imported_helper_called_elsewhere_and_a_method_call_pass_nothing_on(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib.js": HOLDER + "export { jiraApi };\n",
            "src/index.js": "import { jiraApi } from './lib';\n"
            "import * as lib from './lib';\n"
            "export const me = () => jiraApi.fetch('/rest/api/3/myself');\n"
            "export const field = () => lib.jiraApi.fetch('/rest/api/3/field');\n",
        },
    )
    assert calls(usage) == [
        ("app/src/index.js", 3, 25, "GET", "/rest/api/3/myself"),
        ("app/src/index.js", 4, 28, "GET", "/rest/api/3/field"),
    ]


def test_a_module_namespace_passed_on_carries_its_helpers(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/lib.js": HOLDER + "export { jiraApi };\n",
            "src/index.js": "import * as lib from './lib';\n"
            "import { register } from './registry';\n"
            "lib.jiraApi.fetch('/rest/api/3/myself');\n"
            "register(lib);\n",
            "src/registry.js": "export const register = (x) => x;\n",
        },
    )
    assert ("app/src/lib.js", 4, 19, "GET", None) in calls(usage)
    reason = next(c.reason for c in usage.calls if c.path is None)
    assert reason is not None and "passed as a value at app/src/index.js:4" in reason


def test_the_scope_an_escaped_helper_may_need_is_not_confidently_unused(lint_app) -> None:
    manifest = (
        "modules:\n  function:\n    - key: main\n      handler: index.issue\n"
        "permissions:\n  scopes:\n    - read:jira-user\n    - read:jira-work\n"
    )
    index = (
        HOLDER
        + REPO
        + "export const me = () => jiraApi.fetch('/rest/api/3/myself');\n"
        + "export const issue = (key) => new Repo(jiraApi).issue(key);\n"
    )
    report = lint_app(manifest, files={"src/index.js": index}, select="SC402")
    found = [f for f in report.reported if f.subject == "read:jira-work"]
    assert len(found) == 1
    assert found[0].confidence is Confidence.LOW
    assert "passed as a value at app/src/index.js:13" in found[0].message
    # without the class, the same helper is only called: the finding is confident
    alone = HOLDER + "export const me = () => jiraApi.fetch('/rest/api/3/myself');\n"
    report = lint_app(manifest, files={"src/index.js": alone}, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "read:jira-work"] == [Confidence.HIGH]


GIVEN = """\
import api, { assumeTrustedRoute } from '@forge/api';
const jiraApi = {
  async fetch(path) { return api.asUser().requestJira(assumeTrustedRoute(path)); },
};
async function fields(client) { return client.fetch('/rest/api/3/field'); }
async function issue(client, key) { return client.fetch(`/rest/api/3/issue/${key}`); }
const counts = (client, ids) => Promise.all(ids.map((id) => issue(client, id)));
const retry = (fn, p) => fn(p);
export const a = () => fields(jiraApi);
export const b = (ids) => counts(jiraApi, ids);
export const c = () => retry(jiraApi.fetch, '/rest/api/3/myself');
"""


def test_a_helper_given_to_functions_that_call_it_is_followed_into_them(tmp_path: Path) -> None:
    usage = analyze(tmp_path, {"src/index.js": GIVEN})
    assert calls(usage) == [
        # `counts` uses its `client` in an inner function, whose calls are that function's
        # own: the helper counts as passed on there, so it stays unresolved where written
        ("app/src/index.js", 3, 30, "GET", None),
        ("app/src/index.js", 9, 24, "GET", "/rest/api/3/field"),
        ("app/src/index.js", 10, 27, "GET", "/rest/api/3/issue/{*}"),
        ("app/src/index.js", 11, 24, "GET", "/rest/api/3/myself"),
    ]
    # each request names the calls it went through, down to the helper's own request
    assert [[s.line for s in c.via] for c in usage.calls] == [[], [5, 3], [7, 6, 3], [8, 3]]
    assert (
        usage.calls[0].reason is not None
        and "passed as a value at app/src/index.js:10" in usage.calls[0].reason
    )


@pytest.mark.parametrize(
    ("receiver", "why"),
    [
        ("async function fields({ fetch }) { return fetch('/rest/api/3/field'); }", "destructured"),
        ("async function fields(client) { return arguments[0].fetch('/rest/api/3/field'); }", "arguments"),
        ("async function fields(client) { keep(client); return client.fetch('/x'); }", "given to an unknown"),
        ("async function fields(client) { return client[name]('/rest/api/3/field'); }", "a computed method"),
        ("async function fields(client) { this.c = client; }", "stored"),
        (
            "async function fields(client) { const each = (p) => client.fetch(p); return each('/rest/api/3/field'); }",
            "called in an inner function",
        ),
        ("async function fields(client) { return [{ client }][0].client.fetch('/x'); }", "a shorthand"),
        ("async function fields(client, c = client) { return c.fetch('/rest/api/3/field'); }", "a default"),
        (
            "async function fields(client) { return client.valueOf().fetch('/x'); }",
            "a member every object has",
        ),
    ],
)
def test_a_receiver_that_does_more_than_call_it_passes_the_helper_on(
    tmp_path: Path, receiver: str, why: str
) -> None:
    code = GIVEN.replace(GIVEN.splitlines()[4], receiver)
    usage = analyze(tmp_path, {"src/index.js": code})
    unresolved = [c for c in usage.calls if c.path is None]
    assert unresolved, why
    assert (
        unresolved[0].reason is not None and "passed as a value at app/src/index.js:9" in unresolved[0].reason
    )


def test_callbacks_nested_past_the_limit_give_an_unknown_request(tmp_path: Path) -> None:
    """Followed to a depth of four functions passed as arguments; past that the request is
    unknown (any product), never dropped."""
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api from '@forge/api';
            const get = (p) => api.asApp().requestJira(p);
            const f1 = (cb, p) => cb(p);
            const f2 = (cb, p) => f1(cb, p);
            export const run = () => f2(get, '/rest/api/3/myself');
            const apply = (fn, x) => fn(x);
            export const deep = () =>
              apply((x) => apply((y) => apply((z) => apply((w) => apply(get, w), z), y), x), '/rest/api/3/field');
            """
        },
    )
    assert [(c.span.line, c.path, c.product) for c in usage.calls] == [
        (5, "/rest/api/3/myself", "jira"),
        (8, None, "*"),  # any product
    ]
    assert (
        usage.calls[1].reason
        == "path is sent through functions passed as arguments nested too deeply to follow"
    )


@pytest.mark.parametrize(
    "code",
    [
        # a holder spread into another object that is passed on
        "const base = { get(p) { return api.asApp().requestJira(p); } };\n"
        "base.get('/rest/api/3/myself');\nregister({ ...base });\n",
        # a helper nested deeper in object literals than the search goes
        "const a = { b: { c: { d: { get(p) { return api.asApp().requestJira(p); } } } } };\n"
        "a.b.c.d.get('/rest/api/3/myself');\nregister(a);\n",
    ],
)
def test_spread_and_deeply_nested_holders_are_passed_on(tmp_path: Path, code: str) -> None:
    usage = analyze(tmp_path, {"src/index.js": "import api from '@forge/api';\n" + code})
    unresolved = [c for c in usage.calls if c.path is None]
    assert unresolved and unresolved[0].reason is not None and "passed as a value" in unresolved[0].reason


def test_a_helper_an_unresolved_import_may_reach_is_reported_where_it_is_written(tmp_path: Path) -> None:
    """`require(name)` may load the helper's file and call it with any path: the helper's
    request is reported where it is written too, saying which import was not resolved."""
    usage = analyze(
        tmp_path,
        {
            "src/index.js": "import api from '@forge/api';\n"
            "export const getJson = (path) => api.asApp().requestJira(path);\n"
            "export const run = () => getJson('/rest/api/3/myself');\n"
            "export const plugin = (name) => require(name);\n"
        },
    )
    assert ("app/src/index.js", 3, 26, "GET", "/rest/api/3/myself") in calls(usage)
    reason = next(c.reason for c in usage.calls if c.path is None)
    assert (
        reason is not None
        and "which may also be called through an import scopecheck does not resolve: " in reason
    )


UNLISTED = {
    "src/index.js": "import api from '@forge/api';\nimport { Response } from 'node-fetch';\n"
    "export const getJson = (path) => api.asApp().requestJira(path);\n"
    "export const run = () => getJson('/rest/api/3/myself');\n",
    "package.json": '{"dependencies": {"@forge/api": "^4.0.0"}}',
    "node_modules/node-fetch/package.json": '{"name": "node-fetch", "version": "2.7.0"}',
}


def test_a_package_no_package_json_lists_may_be_an_alias_even_when_installed(tmp_path: Path) -> None:
    """`from 'node-fetch'` may name an app file through an alias scopecheck does not read (a
    bundler, Babel, NODE_PATH, a lockfile entry the app cannot load): the helper's calls are
    not all known."""
    usage = analyze(tmp_path, UNLISTED)
    reason = next(c.reason for c in usage.calls if c.path is None)
    assert reason is not None and "a module alias" in reason


@pytest.mark.parametrize(
    "name, text",
    [
        ("vite.config.js", "export default { resolve: { alias: { 'node-fetch': './src/index.js' } } };\n"),
        ("webpack.config.js", "module.exports = { resolve: { modules: ['src', 'node_modules'] } };\n"),
        (".babelrc", '{"plugins": [["module-resolver", {"root": ["./src"]}]]}'),
        ("pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n"),
    ],
)
def test_a_bundler_alias_or_a_workspace_keeps_an_unlisted_import_unresolved(
    tmp_path: Path, name: str, text: str
) -> None:
    usage = analyze(tmp_path, {**UNLISTED, name: text})
    reason = next(c.reason for c in usage.calls if c.path is None)
    assert reason is not None and "a module alias" in reason
