"""Review 26 (older holes): a certain SC402 on a scope the app's code needs, where the code
that needs it is not in the repository or is reached through a value not followed. Each app
here calls `requestAtlassian('/me')` in code that runs, so `read:me` must not be certain."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  function:
    - key: main
      handler: {handler}
  webtrigger:
    - key: w
      function: main
permissions:
  scopes:
    - read:me
    - read:jira-work
"""


def _lint(tmp_path: Path, files: dict[str, str], handler: str = "index.run", package: str = "") -> dict:
    base = {
        "app/manifest.yml": MANIFEST.format(handler=handler),
        "app/package.json": package or '{"dependencies": {"@forge/api": "^5"}}',
    }
    write_files(tmp_path, {**base, **{f"app/{name}": text for name, text in files.items()}})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize(
    "code",
    [
        # a requester picked from an object or an array by a key known at run time
        "import { asUser, asApp, route } from '@forge/api';\nconst as = { user: asUser, app: asApp };\n"
        "export const run = async (ev) => (await as[ev.mode || 'user']().requestAtlassian(route`/me`)).json();\n",
        "import api, { route } from '@forge/api';\n"
        "const who = { user: () => api.asUser(), app: () => api.asApp() };\n"
        "export const run = async (ev) => who[ev.mode || 'user']().requestAtlassian(route`/me`);\n",
        "import { asUser, asApp, route } from '@forge/api';\n"
        "export const run = async (ev) => [asUser, asApp][ev.i || 0]().requestAtlassian(route`/me`);\n",
        # a requester kept in a Map
        "import api, { route } from '@forge/api';\nconst cache = new Map();\n"
        "export const run = async (ev) => { cache.set('r', ev.app ? api.asApp() : api.asUser());"
        " return cache.get('r').requestAtlassian(route`/me`); };\n",
    ],
    ids=["object-map", "map-of-factories", "array-pick", "map-cache"],
)
def test_request_atlassian_on_a_requester_not_followed_counts_by_its_name(tmp_path, code):
    found = _lint(tmp_path, {"src/index.js": code})
    assert "read:me" not in found  # `requestAtlassian('/me')` needs it, as forge lint reads it
    assert "read:jira-work" in found  # nothing reads Jira (a Map of requesters leaves it unsure)


def test_a_handler_module_the_repository_lacks_keeps_the_doubt(tmp_path):
    found = _lint(tmp_path, {"src/version.js": "export const v = 1;\n"}, handler="gen/server.run")
    assert found["read:me"].confidence is Confidence.LOW
    assert "a function handler's module, which is not in the repository" in found["read:me"].message


def test_a_handler_module_left_unread_is_named_once(tmp_path):
    """A control: a handler's module that is on disk but not read (over the size limit) is
    named for its size, not as missing."""
    big = "export const run = () => 1;\n" + "// padding\n" * 60_000
    found = _lint(tmp_path, {"src/index.js": big, "src/version.js": "export const v = 1;\n"})
    message = found["read:me"].message
    assert found["read:me"].confidence is Confidence.LOW
    assert "over the" in message and "not in the repository" not in message


def test_a_package_imports_name_whose_target_is_missing_keeps_the_doubt(tmp_path):
    package = '{"imports": {"#gen/*": "./src/gen/*.js"}, "dependencies": {"@forge/api": "^5"}}'
    code = "import { whoami } from '#gen/me';\nexport const run = async () => whoami();\n"
    found = _lint(tmp_path, {"src/index.js": code}, package=package)
    assert found["read:me"].confidence is Confidence.LOW
    assert "imports `#gen/me`, which is not in the repository" in found["read:me"].message


def test_a_package_imports_name_whose_target_is_read_is_followed(tmp_path):
    package = '{"imports": {"#lib/*": "./src/lib/*.js"}, "dependencies": {"@forge/api": "^5"}}'
    files = {
        "src/index.js": "import { ping } from '#lib/ping';\nexport const run = async () => ping();\n",
        "src/lib/ping.js": "export const ping = () => 'pong';\n",
    }
    found = _lint(tmp_path, files, package=package)
    assert found["read:me"].confidence is Confidence.HIGH  # a control: everything is read


# --- methods JavaScript calls by their names: at most MEDIUM was right, "never runs" was not --

WRITE_MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
  webtrigger:
    - key: w
      function: main
permissions:
  scopes:
    - write:jira-work
"""
PUT = "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body: '{}' })"


@pytest.mark.parametrize(
    "code",
    [
        # a Proxy handler's trap
        "class Traps { get(target, key) { return async () => " + PUT + "; } }\n"
        "const jira = new Proxy({}, new Traps());\nexport async function run() { await jira.update('A-1'); }\n",
        # an iterator's `next`, which `for...of` calls
        "class Keys { constructor(keys) { this.keys = keys; this.i = 0; }\n  [Symbol.iterator]() { return this; }\n"
        "  next() { if (this.i >= this.keys.length) return { done: true }; const key = this.keys[this.i++];"
        " return { done: false, value: " + PUT + " }; } }\n"
        "export async function run() { for (const p of new Keys(['A-1'])) await p; }\n",
        # a member picked by a name known at run time, called with `.call`
        "class Ops { async update(key) { return " + PUT + "; } }\nfunction make() { return new Ops(); }\n"
        "export async function run(e) { const ops = make(); const n = e && e.op ? e.op : 'upd' + 'ate';"
        " await ops[n].call(ops, 'A-1'); }\n",
        # a getter reached through the class's property descriptors
        "class Job { get payload() { const key = 'A-1'; " + PUT + "; return 1; } }\n"
        "export async function run() { return Object.values(Object.getOwnPropertyDescriptors(Job.prototype))"
        ".map((d) => d.get && d.get.call(new Job())); }\n",
    ],
    ids=["proxy-trap", "iterator-next", "computed-member-call", "property-descriptors"],
)
def test_methods_the_runtime_calls_by_name_are_live(lint_app, code):
    files = {"src/index.js": "import api, { route } from '@forge/api';\n" + code}
    report = lint_app(WRITE_MANIFEST, files=files, select="SC402")
    assert [f.subject for f in report.reported] == []  # the PUT runs: write:jira-work is used
