"""Names are looked up as JavaScript binds them, so a value is never taken from another
variable of the same name.

Each app below sends a request whose method is not known (a loop variable, a caught
error, an element of an array, a reassigned parameter...), next to a variable of the same
name further out that holds 'GET'. Taking the outer one made `write:jira-work` a *certain*
unused scope, and `--fix` would have removed a scope the app needs.
"""

from __future__ import annotations

import pytest
from analysis_support import analyze

from scopecheck.core.findings import Confidence

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
)
HEAD = "import api, { route } from '@forge/api';\nconst GET = 'GET';\n"
SEND = "api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m })"

#: (what binds `m` again, app code, the reason the method is unknown)
REBOUND = [
    ("for-of", f"export const run = async (k, xs) => {{ const m = GET; for (const m of xs) {{ await {SEND}; }} }};",
     "method is the variable `m`, a loop variable"),
    ("for-in", f"export const run = async (k, xs) => {{ const m = GET; for (const m in xs) await {SEND}; }};",
     "method is the variable `m`, a loop variable"),
    ("for-of without a declaration", f"export const run = async (k, xs) => {{ let m = GET; for (m of xs) await {SEND}; }};",
     "method is the variable `m`, which is reassigned"),
    ("catch", f"export const run = async (k) => {{ const m = GET; try {{ f(); }} catch (m) {{ await {SEND}; }} }};",
     "method is the variable `m`, a caught error"),
    ("catch pattern", f"export const run = async (k) => {{ const m = GET; try {{ f(); }} catch ({{ m }}) {{ await {SEND}; }} }};",
     "method is the variable `m`, a caught error"),
    ("array parameter", f"const m = GET;\nexport const run = async (k, xs) => xs.map(([m]) => {SEND});",
     "method is the parameter `m`, taken from an array or a rest"),
    ("rest parameter", f"const m = GET;\nexport async function run(k, ...m) {{ await {SEND}; }}",
     "method is the parameter `m`, taken from an array or a rest"),
    ("array assignment", f"export const run = async (k, xs) => {{ let m = GET; [m] = xs; await {SEND}; }};",
     "method is the variable `m`, which is reassigned"),
    ("object assignment", f"export const run = async (k, x) => {{ let m = GET; ({{ m }} = x); await {SEND}; }};",
     "method is the variable `m`, which is reassigned"),
    ("const in a block", f"export const run = async (k, x) => {{ const m = GET; {{ const [m] = x; await {SEND}; }} }};",
     "method is the variable `m`, taken from an array or a rest"),
    ("let in an if", f"export const run = async (k, xs) => {{ const m = GET; if (xs) {{ let [m] = xs; await {SEND}; }} }};",
     "method is the variable `m`, taken from an array or a rest"),
    ("switch case", f"export const run = async (k, xs) => {{ const m = GET; switch (k) {{ default: const [m] = xs; await {SEND}; }} }};",
     "method is the variable `m`, taken from an array or a rest"),
    ("for initializer", f"export const run = async (k, xs) => {{ const m = GET; for (let [m] = xs; ;) {{ await {SEND}; break; }} }};",
     "method is the variable `m`, taken from an array or a rest"),
    ("class", f"const m = GET;\nexport const run = async (k) => {{ class m {{}} await {SEND}; }};",
     "method is the variable `m`, a class, enum or namespace"),
    ("parameter reassigned", f"async function go(k, m) {{ m = 'DELETE'; await {SEND}; }}\nexport const run = (k) => go(k, GET);",
     "method is the parameter `m`, which is reassigned"),
    ("parameter changed on a branch", f"async function go(k, m) {{ if (k) m += 'X'; await {SEND}; }}\nexport const run = (k) => go(k, GET);",
     "method is the parameter `m`, which is reassigned"),
    ("var declared twice", f"export const run = async (k, x) => {{ var m = GET; if (x) {{ var m = x.m; }} await {SEND}; }};",
     "method is the variable `m`, declared more than once"),
    ("another function's variable", f"function other() {{ const m = GET; return m; }}\nexport const run = async (k) => {{ await {SEND}; }};",
     "method is the variable `m`"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "reason"), [case[1:] for case in REBOUND], ids=[case[0] for case in REBOUND]
)
def test_a_name_bound_again_is_not_the_outer_variable(lint_app, tmp_path, code, reason):
    report = lint_app(MANIFEST, files={"src/index.js": HEAD + code + "\n"}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found.get("write:jira-work") is Confidence.LOW
    usage = analyze(tmp_path / "again", {"src/index.js": HEAD + code + "\n"})
    assert [call.reason for call in usage.calls] == [reason]


@pytest.mark.parametrize(
    "code",
    [
        # the inner `m` is the one sent, and it is 'GET'; the outer 'DELETE' is never sent
        f"export const run = async (k) => {{ const m = 'DELETE'; {{ const m = GET; await {SEND}; }} }};",
        f"const m = 'DELETE';\nexport const run = async (k) => {{ for (const x of [1]) {{ const m = GET; await {SEND}; }} }};",
        # a parameter written in another function is not this one
        f"async function go(k, m) {{ await {SEND}; }}\nfunction other(m) {{ m = 'DELETE'; }}\n"
        "export const run = (k) => go(k, GET);",
        # the same import twice (as bundlers and concatenated files repeat them)
        "import { route as r } from '@forge/api';\nimport { route as r } from '@forge/api';\n"
        "export const run = async (k) => { const m = GET; await api.asApp().requestJira(r`/rest/api/3/issue/${k}`, { method: m }); };",
    ],
)
def test_the_variable_in_scope_is_followed(lint_app, code):
    """What block scoping keeps: the unused write scope is still found, and certain."""
    report = lint_app(MANIFEST, files={"src/index.js": HEAD + code + "\n"}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found == {"write:jira-work": Confidence.HIGH}
