"""A loop over a constant empty array or object never runs its body (review 35, cases B8–B9;
review 36, app 16): `const MIRROR_PROJECTS = []; for (const p of MIRROR_PROJECTS) { POST }`,
the callback of `MIRROR_PROJECTS.map(...)` or `.forEach(...)`, `if (TARGETS.length > 0)`,
and `Object.entries(RENAMES)` / `for (k in RENAMES)` of `const RENAMES = {}`. The value
counts as empty only when the file never hands it on or changes it (`push`, a property set,
passing it to a function, exporting it)."""

from __future__ import annotations

import pytest
from test_review34 import RUN, _sc401

from scopecheck.core.findings import Confidence

POST = "await api.asApp().requestJira(route`/rest/api/3/issue/${p}/comment`, { method: 'POST' });"


@pytest.mark.parametrize(
    "loop",
    [
        f"  for (const p of MIRROR_PROJECTS) {{ {POST} }}\n}}\n",
        f"  await Promise.all(MIRROR_PROJECTS.map(async (p) => {{ {POST} }}));\n}}\n",
        f"  MIRROR_PROJECTS.forEach(async function (p) {{ {POST} }});\n}}\n",
        f"  if (MIRROR_PROJECTS.length > 0) {{ const p = 1; {POST} }}\n}}\n",
    ],
    ids=["for-of", "map", "for-each", "length"],
)
def test_a_loop_over_a_constant_empty_array_never_runs(tmp_path, loop):
    (missing,) = _sc401(tmp_path, "const MIRROR_PROJECTS = [];\n" + RUN + loop)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "never runs" in missing.message, missing.message


@pytest.mark.parametrize(
    ("before", "file"),
    [
        ("const MIRROR_PROJECTS = ['A'];\n", "index.js"),
        ("const MIRROR_PROJECTS = [];\nMIRROR_PROJECTS.push(process.env.P);\n", "index.js"),
        ("const MIRROR_PROJECTS = [];\nfill(MIRROR_PROJECTS);\nfunction fill(a) { a.push('A'); }\n", "index.js"),
        ("export const MIRROR_PROJECTS = [];\n", "index.js"),
        ("export const MIRROR_PROJECTS = [] as string[];\n", "index.ts"),
        ("const MIRROR_PROJECTS = [...(globalThis.extra ?? [])];\n", "index.js"),
    ],
    ids=["not-empty", "pushed", "handed-on", "exported", "exported-with-as", "spread"],
)  # fmt: skip
def test_an_array_that_may_hold_items_keeps_the_loop(tmp_path, before, file):
    loop = f"  for (const p of MIRROR_PROJECTS) {{ {POST} }}\n}}\n"
    (missing,) = _sc401(tmp_path, before + RUN + loop, file)
    assert missing.confidence is Confidence.HIGH, missing.message


@pytest.mark.parametrize(
    "loop",
    [
        f"  for (const [p] of Object.entries(RENAMES)) {{ {POST} }}\n}}\n",
        f"  for (const p of Object.keys(RENAMES)) {{ {POST} }}\n}}\n",
        f"  Object.values(RENAMES).forEach(async (p) => {{ {POST} }});\n}}\n",
        f"  for (const p in RENAMES) {{ {POST} }}\n}}\n",
    ],
    ids=["entries", "keys", "values-for-each", "for-in"],
)
def test_a_loop_over_a_constant_empty_object_never_runs(tmp_path, loop):
    """Review 36, app 16: `const RENAMES = {}` enumerated with `Object.entries`."""
    (missing,) = _sc401(tmp_path, "const RENAMES = {};\n" + RUN + loop)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert (
        "an empty constant object, so it never runs" in missing.message
        or "never runs: it goes over" in missing.message
    )


@pytest.mark.parametrize(
    "before",
    [
        "const RENAMES = { a: 'b' };\n",
        "const RENAMES = {};\nRENAMES[process.env.K] = 'x';\n",
        "const RENAMES = {};\nObject.assign(RENAMES, globalThis.extra);\n",
        "export const RENAMES = {};\n",
        "const RENAMES = {};\nconst Object = { entries: () => [[1]] };\n",
    ],
    ids=["not-empty", "given-a-property", "assigned-into", "exported", "object-rebound"],
)
def test_an_object_that_may_hold_entries_keeps_the_loop(tmp_path, before):
    loop = f"  for (const [p] of Object.entries(RENAMES)) {{ {POST} }}\n}}\n"
    (missing,) = _sc401(tmp_path, before + RUN + loop)
    assert missing.confidence is Confidence.HIGH, missing.message
