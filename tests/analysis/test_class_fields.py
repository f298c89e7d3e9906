"""`this.api` in a class method is the constructor's argument when nothing else can change
it (classes.py): a client handed to `new Repo(jiraApi)` is followed into `this.api.fetch(x)`."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, calls

from scopecheck.core.findings import Confidence

HOLDER = """\
import api, { assumeTrustedRoute, route } from '@forge/api';
const jiraApi = {
  async fetch(path) { return api.asApp().requestJira(assumeTrustedRoute(path)); },
};
"""
JS_CLASS = """\
class Repo {
  constructor(api) { this.api = api; }
  me() { return this.api.fetch('/rest/api/3/myself'); }
}
"""
TS_CLASS = """\
class Repo {
  constructor(private readonly api: { fetch(p: string): Promise<unknown> }) {}
  me() { return this.api.fetch('/rest/api/3/myself'); }
}
"""
MADE = "export const run = () => new Repo(jiraApi).me();\n"


@pytest.mark.parametrize(
    ("path", "cls"), [("src/index.js", JS_CLASS), ("src/index.ts", TS_CLASS)], ids=["js", "ts"]
)
def test_a_client_kept_by_the_constructor_is_followed(tmp_path: Path, path: str, cls: str) -> None:
    usage = analyze(tmp_path, {path: HOLDER + cls + MADE})
    # the request is made where the method calls the client, with its path, and the helper
    # given to `new` is not reported as passed on
    assert [(c[1], c[3], c[4]) for c in calls(usage)] == [(7, "GET", "/rest/api/3/myself")]


def test_a_typescript_class_that_implements_an_interface(tmp_path: Path) -> None:
    cls = TS_CLASS.replace("class Repo {", "interface Api { me(): unknown }\nclass Repo implements Api {")
    usage = analyze(tmp_path, {"src/index.ts": HOLDER + cls + MADE})
    assert [(c[3], c[4]) for c in calls(usage)] == [("GET", "/rest/api/3/myself")]


def test_a_class_in_another_file(tmp_path: Path) -> None:
    files = {
        "src/repo.js": "export " + JS_CLASS,
        "src/index.js": HOLDER + "import { Repo } from './repo';\n" + MADE,
    }
    usage = analyze(tmp_path, files)
    assert [(c[0], c[3], c[4]) for c in calls(usage)] == [("app/src/repo.js", "GET", "/rest/api/3/myself")]


#: ways the field may hold something else, or instances be made where they are not seen
NOT_FOLLOWED = {
    "set again by a method": JS_CLASS.replace("  me()", "  use(o) { this.api = o; }\n  me()"),
    "set from outside": JS_CLASS + "const r = new Repo(jiraApi);\nr.api = other;\n",
    "set by a quoted key": JS_CLASS + "const r = new Repo(jiraApi);\nr['api'] = other;\n",
    "Object.assign(this)": JS_CLASS.replace("this.api = api;", "this.api = api; Object.assign(this, opts);"),
    "extended": JS_CLASS + "class Sub extends Repo { constructor() { super(other); } }\n",
    "the class passed on": JS_CLASS + "register(Repo);\n",
    "made with other values": JS_CLASS + "export const two = () => new Repo(other).me();\n",
    "a default parameter": JS_CLASS.replace("constructor(api)", "constructor(api = other)"),
    "extends a base class": JS_CLASS.replace("class Repo {", "class Repo extends Base {"),
    "made by new this": JS_CLASS.replace("  me()", "  static make() { return new this(other); }\n  me()"),
    "made from a parameter": JS_CLASS.replace("class Repo", "const make = (c) => new Repo(c);\nclass Repo"),
    "kept inside a callback": JS_CLASS.replace("this.api = api;", "setTimeout(() => { this.api = api; });"),
}


@pytest.mark.parametrize("cls", NOT_FOLLOWED.values(), ids=NOT_FOLLOWED.keys())
def test_a_field_that_may_hold_something_else_is_not_followed(tmp_path: Path, cls: str) -> None:
    usage = analyze(tmp_path, {"src/index.js": HOLDER + cls + MADE})
    # the helper's request stays where it is written, its path unknown, and no path is taken
    # from the method's call
    found = calls(usage)
    assert any(c[1] == 3 and c[4] is None for c in found), found
    assert not any(c[4] == "/rest/api/3/myself" for c in found), found


def test_a_followed_class_makes_an_unused_scope_certain(lint_app) -> None:
    manifest = (
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - read:jira-user\n    - read:jira-work\n"
    )
    report = lint_app(manifest, files={"src/index.js": HOLDER + JS_CLASS + MADE}, select="SC401,SC402")
    # GET /rest/api/3/myself needs read:jira-user; nothing needs read:jira-work
    assert [(f.rule_id, f.subject, f.confidence) for f in report.reported] == [
        ("SC402", "read:jira-work", Confidence.HIGH)
    ]


def test_a_requester_kept_by_the_constructor(tmp_path: Path) -> None:
    code = (
        "import api, { route } from '@forge/api';\n"
        "class Svc {\n  constructor(c) { this.c = c; }\n"
        "  go(k) { return this.c.requestJira(route`/rest/api/3/issue/${k}`, { method: 'PUT' }); }\n}\n"
        "export const run = (k) => new Svc(api.asApp()).go(k);\n"
    )
    usage = analyze(tmp_path, {"src/index.js": code})
    assert [(c[1], c[3], c[4]) for c in calls(usage)] == [(4, "PUT", "/rest/api/3/issue/{}")]
