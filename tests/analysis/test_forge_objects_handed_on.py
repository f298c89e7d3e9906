"""A Forge object handed to code the analysis does not follow may send anything from there.

`wrap(app.requestJira.bind(app), path)`, `new Client(api.asApp())`, `holder.send =
app.requestJira`: each used to drop the request, so every scope of the product looked
unused, with certainty, and `--fix` would have removed scopes the app needs. Now each is an
unknown request of the product where the object is handed on, and the unused-scope findings
it touches are unsure.
"""

from __future__ import annotations

import pytest
from analysis_support import analyze

from scopecheck.core.findings import Confidence

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n"
)
HEAD = "import api, { route } from '@forge/api';\nimport { Client, wrap as lib } from 'some-client';\n"
PATH = "route`/rest/api/3/issue/${k}`"

#: (how the object is handed on, app code, the reason given for the unknown request)
HANDED_ON = [
    ("bound, to the app's own helper", "const wrap = (fn, p) => fn(p, { method: 'DELETE' });\n"
     f"export const run = (k) => {{ const app = api.asApp(); return wrap(app.requestJira.bind(app), {PATH}); }};",
     "path and method are sent by a jira request function, with its `.bind`, which scopecheck does not follow"),
    ("to a package's function", f"export const run = (k) => lib(api.asApp().requestJira, {PATH});",
     "path and method are sent by a jira request function, passed to code scopecheck does not follow"),
    ("with .call", f"export const run = (k) => api.asApp().requestJira.call(null, {PATH}, {{ method: 'PUT' }});",
     "path and method are sent by a jira request function, with its `.call`, which scopecheck does not follow"),
    ("kept in a property", "const holder = {};\n"
     f"export const run = (k) => {{ holder.send = api.asApp().requestJira; return holder.send({PATH}); }};",
     "path and method are sent by a jira request function, kept in a property, where calls through it are not followed"),
    ("a requester, to a constructor", "export const run = (k) => new Client(api.asUser()).issue(k);",
     "path and method are sent by a requester (`asUser`), passed to code scopecheck does not follow"),
    ("in an object literal", "export const run = (k) => lib({ send: api.asApp().requestJira });",
     "path and method are sent by a jira request function, passed to code scopecheck does not follow"),
    ("to the entry's own parameter", "export const run = (k, send) => send(api, k);",
     "path and method are sent by `@forge/api`, passed to code scopecheck does not follow"),
    ("through a helper that hands it on", "const make = (c) => new Client(c);\n"
     "export const run = (k) => make(api.asApp()).issue(k);",
     "path and method are sent by a requester (`asApp`), passed to code scopecheck does not follow"),
    ("through a helper that keeps it", "const holder = {};\nfunction keep(fn) { holder.fn = fn; }\n"
     "export const run = (k) => { keep(api.asApp().requestJira); return holder.fn(k); };",
     "path and method are sent by a jira request function, kept in a property, where calls through it are not followed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "reason"), [case[1:] for case in HANDED_ON], ids=[case[0] for case in HANDED_ON]
)
def test_a_forge_object_handed_on_makes_its_scopes_unsure(lint_app, tmp_path, code, reason):
    report = lint_app(MANIFEST, files={"src/index.js": HEAD + code + "\n"}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found.get("write:jira-work") is Confidence.LOW
    assert found.get("read:jira-work") is not Confidence.HIGH  # unsure, or seen as needed
    usage = analyze(tmp_path / "again", {"src/index.js": HEAD + code + "\n"})
    assert reason in [call.reason for call in usage.calls]


def test_storage_handed_on_is_an_unsure_need(tmp_path):
    usage = analyze(
        tmp_path,
        {
            "src/index.js": "import { kvs } from '@forge/kvs';\nimport { Cache } from 'c';\nexport const c = new Cache(kvs);\n"
        },
    )
    assert [(need.reason, need.alternatives, need.doubt) for need in usage.needs] == [
        (
            "Forge storage",
            (("storage:app",),),
            "Forge storage is passed to code scopecheck does not follow; whether it is used there is not known",
        )
    ]


@pytest.mark.parametrize(
    "code",
    [
        # the app's own helper calls the function it is given: followed, with its method
        "const retry = (fn, p) => fn(p, { method: 'DELETE' });\n"
        f"export const run = (k) => retry(api.asApp().requestJira, {PATH});",
        # a requester kept on `this`: its methods are found by name where they are called
        "class Jira { constructor() { this.api = api.asApp(); }\n"
        f"  del(k) {{ return this.api.requestJira({PATH}, {{ method: 'DELETE' }}); }} }}\n"
        "export const run = (k) => new Jira().del(k);",
        # a request function kept under its own name (as @forge/bridge's bundle does)
        "const x = {};\nexport const init = (e) => { x.requestJira = e.requestJira; };\n"
        f"export const run = (k) => api.asApp().requestJira({PATH}, {{ method: 'DELETE' }});",
        # an external OAuth provider talks to its own remote, not to Jira
        "export const run = async (k) => { await api.asUser().withProvider('google').fetch('/me');\n"
        f"  return api.asApp().requestJira({PATH}, {{ method: 'DELETE' }}); }};",
    ],
)
def test_forge_objects_the_analysis_follows_stay_certain(lint_app, code):
    report = lint_app(MANIFEST, files={"src/index.js": HEAD + code + "\n"}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found == {"read:jira-work": Confidence.HIGH, "storage:app": Confidence.HIGH}
