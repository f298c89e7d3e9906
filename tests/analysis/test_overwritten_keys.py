"""A function an object literal gives a key that a later member gives again never runs:
`{ getLinks: a, getLinks: b }` keeps `b` (review 36, app 14: `makeResolver({ getLinks: POST,
…, getLinks: GET })` gave a certain SC401 for the POST). Getters and setters pair up, and
a computed key may be any name, so they are left alone."""

from __future__ import annotations

import pytest
from test_review34 import _sc401

from scopecheck.core.findings import Confidence

POST = "async (k) => {{ await api.asApp().requestJira(route`/rest/api/3/issue/${{k}}/comment`, {{ method: 'POST' }}); }}"
CALL = "export async function run(event) {\n  await handlers.sync(event.issue.key);\n}\n"


@pytest.mark.parametrize(
    "members",
    [
        f"  sync: {POST.format()},\n  other: async () => 1,\n  sync: async (k) => k,\n",
        f"  'sync': {POST.format()},\n  sync(k) {{ return k; }},\n",
        f"  sync: {POST.format()},\n  ...extra,\n  sync: async (k) => k,\n",
    ],
    ids=["pair-then-pair", "string-key-then-method", "across-a-spread"],
)
def test_a_function_a_later_key_replaces_never_runs(tmp_path, members):
    code = "const extra = {};\nconst handlers = {\n" + members + "};\n" + CALL
    (missing,) = _sc401(tmp_path, code)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "again on line" in missing.message and "which replaces it" in missing.message


@pytest.mark.parametrize(
    "members",
    [
        f"  sync: async (k) => k,\n  sync: {POST.format()},\n",
        f"  sync: {POST.format()},\n  [process.env.NAME]: async (k) => k,\n",
        f"  sync: {POST.format()},\n  get sync2() {{ return 1; }},\n",
    ],
    ids=["the-later-one", "a-computed-key", "another-name"],
)
def test_the_function_that_stays_keeps_its_request(tmp_path, members):
    code = "const handlers = {\n" + members + "};\n" + CALL
    (missing,) = _sc401(tmp_path, code)
    assert missing.confidence is Confidence.HIGH, missing.message
