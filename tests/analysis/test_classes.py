"""Issue 9 point 5: methods called through `this`, and fields a constructor sets (`classes.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, call_details, calls

CLASSES = """\
import api, { route, assumeTrustedRoute } from '@forge/api';
const jiraApi = { fetch: (path: string) => api.asUser().requestJira(assumeTrustedRoute(path)) };
class Repo {
  private base = '/rest/api/3';
  constructor(private readonly api: typeof jiraApi) {}
  issue(key: string) { return this.api.fetch(`/rest/api/3/issue/${key}`); }
  me() { return this.api.fetch(this.base + '/myself'); }
  both(key: string) { return Promise.all([this.issue(key), this.me()]); }
}
class Direct {
  client = api.asApp();
  fields() { return this.client.requestJira(route`/rest/api/3/field`); }
  get(id: string) { return this.client.requestJira(route`/rest/api/3/project/${id}`, { method: 'PUT' }); }
}
const repo = new Repo(jiraApi);
export const a = (key: string) => repo.issue(key);
export const b = (key: string) => new Repo(jiraApi).both(key);
export const c = () => new Direct().get('1');
"""


def test_methods_fields_and_instances_are_followed(tmp_path: Path) -> None:
    usage = analyze(tmp_path, {"src/index.ts": CLASSES})
    resolved = [c for c in calls(usage) if c[4] is not None]
    assert resolved == [
        ("app/src/index.ts", 12, 21, "GET", "/rest/api/3/field"),
        ("app/src/index.ts", 13, 28, "PUT", "/rest/api/3/project/{}"),
        ("app/src/index.ts", 16, 35, "GET", "/rest/api/3/issue/{*}"),
        ("app/src/index.ts", 17, 35, "GET", "/rest/api/3/issue/{*}"),
        ("app/src/index.ts", 17, 35, "GET", "/rest/api/3/myself"),
        ("app/src/index.ts", 18, 24, "PUT", "/rest/api/3/project/1"),
    ]
    # a field given `api.asApp()` once is that requester
    assert {d[2] for d in call_details(usage) if d[0] == "jira" and d[3] is None} >= {False}
    # the helper handed to `new Repo(...)` is still reported where it is written, unresolved
    assert [c.reason for c in usage.calls if c.path is None] == [
        "path is parameter `path` of `fetch`, which is also passed as a value at app/src/index.ts:15, "
        "where calls through it are not followed"
    ]


def test_a_method_helper_is_also_reported_where_it_is_written(tmp_path: Path) -> None:
    """An instance may reach code the analysis does not follow (`register(repo)`): the
    method's request stays where it is, unresolved, as well as at each call followed."""
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api from '@forge/api';
            class Repo {
              get(path) { return api.asApp().requestJira(path); }
            }
            export const one = () => new Repo().get('/rest/api/3/myself');
            """
        },
    )
    assert calls(usage) == [
        ("app/src/index.js", 3, 22, "GET", None),
        ("app/src/index.js", 5, 26, "GET", "/rest/api/3/myself"),
    ]
    assert usage.calls[0].reason == (
        "path is parameter `path` of `get`, a method, which instances the analysis does not follow may call too"
    )


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("constructor(p) { this.base = p; } set(p) { this.base = p; }", "set twice"),
        ("constructor(p) { this.base = p; this.base += '/x'; }", "changed"),
        ("constructor(p) { Object.assign(this, { base: p }); }", "assigned as a whole"),
        ("constructor(p) { this.base = `${p}/rest`; }", "built from an argument"),
    ],
)
def test_a_field_set_more_than_once_is_unknown(tmp_path: Path, body: str, why: str) -> None:
    code = (
        "import api from '@forge/api';\n"
        f"class C {{ {body} get() {{ return api.asApp().requestJira(this.base + '/myself'); }} }}\n"
        "export const run = () => new C('/rest/api/3').get();\n"
    )
    usage = analyze(tmp_path, {"src/index.js": code})
    assert usage.calls and {c.path for c in usage.calls} == {None}, why
    assert usage.calls[0].reason is not None and "`this.base`" in usage.calls[0].reason, why


def test_a_subclass_leaves_fields_unknown_but_its_own_methods_known(tmp_path: Path) -> None:
    code = (
        "import api, { route } from '@forge/api';\n"
        "class C extends Base {\n"
        "  constructor() { super(); this.base = '/rest/api/3'; }\n"
        "  one() { return api.asApp().requestJira(this.base + '/myself'); }\n"
        "  two() { return this.three(); }\n"
        "  three() { return api.asApp().requestJira(route`/rest/api/3/field`); }\n"
        "}\n"
        "export const run = () => new C().two();\n"
    )
    usage = analyze(tmp_path, {"src/index.js": code})
    assert [(c.span.line, c.path) for c in usage.calls] == [(4, None), (6, "/rest/api/3/field")]
    assert usage.calls[0].reason == "path is a concatenation with the field `this.base` of `C`"


def test_this_in_a_plain_function_or_static_method_is_not_an_instance(tmp_path: Path) -> None:
    code = (
        "import api from '@forge/api';\n"
        "class C {\n"
        "  constructor() { this.base = '/rest/api/3/myself'; }\n"
        "  static make() { return api.asApp().requestJira(this.base); }\n"
        "  later() { return function () { return api.asApp().requestJira(this.base); }; }\n"
        "}\n"
    )
    usage = analyze(tmp_path, {"src/index.js": code})
    assert [c.path for c in usage.calls] == [None, None]
