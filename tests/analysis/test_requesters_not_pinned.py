"""Review 28a, group A2: a Forge requester reached through a value the analysis does not pin
(a class method's result, a getter, a destructured call, an imported conditional requester)
and then called by a method named at run time. Each app sends `requestAtlassian('/me')`, so
`read:me` must not be certain; `read:jira-work` is unused in every one, and where nothing
unpinned is called, it stays certain."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files
from test_review_holes_round26 import MANIFEST as ROUND_26_MANIFEST

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = ROUND_26_MANIFEST.format(handler="index.run")
HEAD = "import api, { route } from '@forge/api';\n"


def _lint(tmp_path: Path, files: dict[str, str]) -> dict:
    base = {"app/manifest.yml": MANIFEST, "app/package.json": '{"dependencies": {"@forge/api": "^5"}}'}
    write_files(tmp_path, {**base, **{f"app/{name}": text for name, text in files.items()}})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize(
    "files",
    [
        {
            "src/index.js": HEAD
            + "class Svc { client(ctx) { return ctx.asApp ? api.asApp() : api.asUser(); } }\n"
            "export const run = (ev) => new Svc().client(ev)[ev.m || 'requestAtlassian'](route`/me`);\n"
        },
        {
            "src/index.js": HEAD + "const holder = { get client() { return api.asUser(); } };\n"
            "export const run = (ev) => holder.client[ev.m || 'requestAtlassian'](route`/me`);\n"
        },
        {
            "src/index.js": HEAD
            + "function pick(ctx) { return { client: ctx.asApp ? api.asApp() : api.asUser() }; }\n"
            "export async function run(ev) {\n  const { client } = pick(ev);\n"
            "  return client[ev.m || 'requestAtlassian'](route`/me`);\n}\n"
        },
        {
            "src/client.js": HEAD
            + "export const client = process.env.AS_APP ? api.asApp() : api.asUser();\n",
            "src/index.js": "import { route } from '@forge/api';\nimport { client } from './client';\n"
            "export const run = (ev) => client[ev.m || 'requestAtlassian'](route`/me`);\n",
        },
        {
            "src/index.js": HEAD + "export async function run(ev) {\n  const c = api[ev.who || 'asUser']();\n"
            "  return c[ev.m || 'requestAtlassian'](route`/me`);\n}\n"
        },
        {
            "src/index.js": HEAD + "export async function run(ev) {\n"
            "  const as = ev.app ? api.asApp : api.asUser;\n"
            "  return as()[ev.m || 'requestAtlassian'](route`/me`);\n}\n"
        },
        {
            "src/index.js": HEAD + "export async function run(ev) {\n"
            "  const { [ev.m || 'requestAtlassian']: send } = api.asUser();\n"
            "  return send(route`/me`);\n}\n"
        },
        {
            "src/index.js": HEAD + "async function send(opts, m, path) { return opts.client[m](path); }\n"
            "export const run = (ev) =>\n"
            "  send({ client: ev.app ? api.asApp() : api.asUser() }, ev.m || 'requestAtlassian', route`/me`);\n"
        },
        {
            "src/index.js": HEAD + "async function send({ client }, m, path) { return client[m](path); }\n"
            "export const run = (ev) =>\n"
            "  send({ client: ev.app ? api.asApp() : api.asUser() }, ev.m || 'requestAtlassian', route`/me`);\n"
        },
    ],
    ids=[
        "class-method-result",
        "getter",
        "destructured-call",
        "imported-conditional-const",
        "requester-by-computed-name",
        "picked-as-function",
        "computed-destructure",
        "object-argument",
        "destructured-parameter",
    ],
)
def test_a_run_time_method_of_a_requester_not_pinned_is_unsure(tmp_path, files):
    found = _lint(tmp_path, files)
    for scope in ("read:me", "read:jira-work"):
        assert found[scope].confidence is Confidence.LOW, scope
    message = found["read:me"].message
    assert "a method named at run time" in message or "a member chosen at run time" in message


def test_the_message_names_the_call_and_why(tmp_path):
    code = HEAD + (
        "class Svc { client(ctx) { return ctx.asApp ? api.asApp() : api.asUser(); } }\n"
        "export async function run(ev) {\n  const svc = new Svc();\n"
        "  return svc.client(ev)[ev.m](route`/me`);\n}\n"
    )
    found = _lint(tmp_path, {"src/index.js": code})
    assert (
        "src/index.js:5: path and method are sent through the expression `svc.client(ev)[ev.m]`, "
        "a method named at run time of a value scopecheck does not pin, which may be a Forge requester"
    ) in found["read:me"].message


@pytest.mark.parametrize(
    "code",
    [
        # the app's own object of handlers, dispatched by name: each handler is followed
        HEAD + "const handlers = { me: () => api.asUser().requestAtlassian(route`/me`) };\n"
        "export const run = (ev) => handlers[ev.type](ev);\n",
        # a run-time method of an unknown value in a file that neither uses @forge/api nor builds routes
        "import api from '@forge/api';\nimport { me } from './me';\nimport { poke } from './poke';\n"
        "export const run = async (ev) => { poke(ev); return me(api.asUser()); };\n",
        # a getter's requester called by a written method name goes by that name
        HEAD + "const holder = { get client() { return api.asUser(); } };\n"
        "export const run = () => holder.client.requestAtlassian(route`/me`);\n",
    ],
    ids=["own-handlers", "not-a-forge-file", "getter-named-method"],
)
def test_what_is_followed_stays_certain(tmp_path, code):
    me = "import { route } from '@forge/api';\nexport const me = (c) => c.requestAtlassian(route`/me`);\n"
    poke = "export const poke = (ev) => ev.target[ev.m](ev.x);\n"
    found = _lint(tmp_path, {"src/index.js": code, "src/me.js": me, "src/poke.js": poke})
    assert "read:me" not in found
    assert found["read:jira-work"].confidence is Confidence.HIGH


GETTER = "const holder = { get client() { return api.asUser(); } };\n"
CLASS = "class Svc { client() { return process.env.APP ? api.asApp() : api.asUser(); } }\n"


@pytest.mark.parametrize(
    "code",
    [
        GETTER + "export const run = (ev) => { const c = holder.client; return Reflect.apply(c[ev.m], c, [route`/me`]); };\n",
        CLASS + "export const run = (ev) => { const c = new Svc().client(); return c[ev.m].apply(c, [route`/me`]); };\n",
        GETTER + "export const run = (ev) => { const c = holder.client; return (0, c[ev.m])(route`/me`); };\n",
        CLASS + "export const run = (ev) => { const c = new Svc().client(); const f = c[ev.m]; return f.call(c, route`/me`); };\n",
        GETTER + "export const run = (ev) => { const c = holder.client; return Function.prototype.call.call(c[ev.m], c, route`/me`); };\n",
        GETTER + "export const run = (ev) => { const c = holder.client; return c[ev.m].bind(c)(route`/me`); };\n",
        "import api, { route as r } from '@forge/api';\n" + CLASS
        + "export const run = (ev) => new Svc().client()[ev.m](r`/me`);\n",
        CLASS + "export const run = (ev, path) => new Svc().client()[ev.m](path);\n",
        HEAD + "const go = async (m, { [m]: send }) => send(route`/me`);\nexport const run = (ev) => go(ev.m, api.asUser());\n",
        HEAD + "export async function run(ev) {\n  let send;\n  ({ [ev.m]: send } = api.asUser());\n  return send(route`/me`);\n}\n",
        HEAD + "export async function run(ev) {\n  for (const { [ev.m]: send } of [api.asUser()]) await send(route`/me`);\n}\n",
        HEAD + "export async function run(ev) {\n  const [{ [ev.m]: send }] = [api.asUser()];\n  return send(route`/me`);\n}\n",
        HEAD + CLASS + "export async function run(ev) {\n  const { [ev.m]: send } = new Svc().client();\n  return send(route`/me`);\n}\n",
    ],
    ids=[
        "reflect-apply",
        "apply",
        "comma",
        "variable-then-call",
        "call-call",
        "bind",
        "route-renamed",
        "route-from-a-caller",
        "parameter-pattern",
        "assignment-pattern",
        "for-of-pattern",
        "nested-pattern",
        "pattern-of-a-class-method-result",
    ],
)  # fmt: skip
def test_a_run_time_method_reached_in_other_shapes_is_unsure(tmp_path, code):
    """Review 31: the same requesters called through `.apply`, `.bind`, `Reflect.apply`, a
    variable or a computed key of any pattern, and with the route built elsewhere."""
    if not code.startswith("import"):
        code = HEAD + code
    found = _lint(tmp_path, {"src/index.js": code})
    for scope in ("read:me", "read:jira-work"):
        assert found[scope].confidence is Confidence.LOW, (scope, found[scope].message)


def test_a_getter_is_read_as_what_it_returns(tmp_path):
    """Review 31 b03, s06: `h.send(...)` of `get send() { return api.asUser().requestAtlassian; }`
    sends that request; `h.client.requestJira(...)` of a getter that returns the app's own
    cache object calls the cache, not Jira."""
    code = HEAD + (
        "const cache = { requestJira: async (p) => ({ ok: true, p }) };\n"
        "const h = { get send() { return api.asUser().requestAtlassian; }, get client() { return cache; } };\n"
        "export async function run() {\n  await h.client.requestJira(route`/rest/api/3/myself`);\n"
        "  return h.send(route`/me`);\n}\n"
    )
    found = _lint(tmp_path, {"src/index.js": code})
    assert "read:me" not in found
    assert found["read:jira-work"].confidence is Confidence.HIGH
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    assert [f.subject for f in report.reported] == []  # no Jira call: `read:jira-user` is not missing
