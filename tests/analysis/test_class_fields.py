"""`this.api.fetch(x)` in a class method, where `this.api` keeps what `new Repo(jiraApi)`
gives (classes.py): the request is found, but never certain, and the helper given to `new`
still counts as passed on (JavaScript has ways to change the field the checks do not see)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze

from scopecheck.core.findings import Confidence

HOLDER = """\
import api, { assumeTrustedRoute, route } from '@forge/api';
const jiraApi = {
  async fetch(path, opts) { return api.asApp().requestJira(assumeTrustedRoute(path), opts); },
};
"""
JS_CLASS = """\
class Repo {
  constructor(api) { this.api = api; }
  save() { return this.api.fetch('/rest/api/3/issue/X-1', { method: 'PUT', body: '{}' }); }
}
"""
TS_CLASS = """\
class Repo implements Saver {
  constructor(private readonly api: { fetch(p: string, o?: object): Promise<unknown> }) {}
  save() { return this.api.fetch('/rest/api/3/issue/X-1', { method: 'PUT', body: '{}' }); }
}
"""
MADE = "export const run = () => new Repo(jiraApi).save();\n"
MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n"
)


@pytest.mark.parametrize(
    ("path", "cls"), [("src/index.js", JS_CLASS), ("src/index.ts", TS_CLASS)], ids=["js", "ts"]
)
def test_a_request_through_a_kept_field_is_found_with_a_doubt(tmp_path: Path, path: str, cls: str) -> None:
    code = HOLDER + ("interface Saver { save(): unknown }\n" if path.endswith(".ts") else "") + cls + MADE
    usage = analyze(tmp_path, {path: code})
    followed = [c for c in usage.calls if c.path == "/rest/api/3/issue/X-1"]
    assert [(c.method, c.span.line) for c in followed] == [
        ("PUT", code[: code.index("this.api.fetch")].count("\n") + 1)
    ]
    assert "made through `this.api`" in followed[0].doubt
    # the helper's own request stays where it is written, its path unknown (passed on to `new`)
    assert any(c.path is None and c.span.line == 3 for c in usage.calls)


def test_the_missing_scope_is_named_but_not_certain(lint_app) -> None:
    report = lint_app(MANIFEST, files={"src/index.js": HOLDER + JS_CLASS + MADE}, select="SC401,SC402")
    found = [(f.rule_id, f.confidence) for f in report.reported if "write:jira-work" in f.message]
    assert found == [("SC401", Confidence.LOW)]
    # nothing is certain: the read scope may be what the helper needs elsewhere
    assert all(f.confidence is not Confidence.HIGH for f in report.reported)


#: shapes a review built to make a followed field wrong: none may give a certain finding
ESCAPES = {
    "read outside the class": JS_CLASS + "const r = new Repo(jiraApi);\nr.api.fetch('/rest/api/3/myself');\n",
    "this destructured": JS_CLASS.replace(
        "  save()", "  me() { const { api } = this; return api.fetch('/rest/api/3/myself'); }\n  save()"
    ),
    "method borrowed": JS_CLASS
    + "const o = { api: { fetch: () => 1 }, save: new Repo(jiraApi).save };\no.save();\n",
    "parameter reassigned": JS_CLASS.replace("this.api = api;", "api = api || jiraApi; this.api = api;"),
    "field set by a computed key": JS_CLASS.replace("  save()", "  use(k, v) { this[k] = v; }\n  save()"),
}


@pytest.mark.parametrize("cls", ESCAPES.values(), ids=ESCAPES.keys())
def test_no_certain_finding_rests_on_a_followed_field(lint_app, cls: str) -> None:
    manifest = MANIFEST.replace("    - read:jira-work\n", "    - read:jira-work\n    - write:jira-work\n")
    report = lint_app(manifest, files={"src/index.js": HOLDER + cls + MADE}, select="SC401,SC402")
    assert [(f.rule_id, f.subject) for f in report.reported if f.confidence is Confidence.HIGH] == []


NOT_FOLLOWED = {
    "set again by a method": JS_CLASS.replace("  save()", "  use(o) { this.api = o; }\n  save()"),
    "set from outside": JS_CLASS + "const r = new Repo(jiraApi);\nr.api = other;\n",
    "extends a base class": JS_CLASS.replace("class Repo {", "class Repo extends Base {"),
    "made by new this": JS_CLASS.replace("  save()", "  static make() { return new this(other); }\n  save()"),
    "the class passed on": JS_CLASS + "register(Repo);\n",
    "made with other values": JS_CLASS + "export const two = () => new Repo(other).save();\n",
    "a default parameter": JS_CLASS.replace("constructor(api)", "constructor(api = other)"),
}


@pytest.mark.parametrize("cls", NOT_FOLLOWED.values(), ids=NOT_FOLLOWED.keys())
def test_a_field_that_may_hold_something_else_is_not_followed(tmp_path: Path, cls: str) -> None:
    usage = analyze(tmp_path, {"src/index.js": HOLDER + cls + MADE})
    assert not any(c.path == "/rest/api/3/issue/X-1" for c in usage.calls), usage.calls
