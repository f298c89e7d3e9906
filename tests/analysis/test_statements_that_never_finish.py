"""Statements after which the rest of the block never runs, beyond a plain `return` or an
`if`/`else` that leaves (review 35, cases C10–C13): an endless loop no `break` leaves, a
`try` whose body and `catch` both leave, a `switch` with a `default` each of whose cases
returns or throws, and a call of an object literal's method that always throws. Controls:
a `break` that leaves the loop, a `catch` that falls through, a `switch` without `default`
or with a `break`."""

from __future__ import annotations

import pytest
from test_review34 import GUARDED_PUT, RUN, _sc401

from scopecheck.core.findings import Confidence

READ = "    await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`);\n"


@pytest.mark.parametrize(
    ("before", "statement"),
    [
        ("", "  while (true) {\n" + READ + "    if (event.done) return;\n  }\n"),
        ("", "  for (;;) {\n" + READ + "    if (event.done) return;\n  }\n"),
        ("", "  do {\n" + READ + "  } while (true);\n"),
        ("", "  while (true) {\n    for (const x of event.list) { if (x) break; }\n    switch (event.kind) { case 1: break; }\n    if (event.done) return;\n  }\n"),
        ("", "  try {\n" + READ + "    return;\n  } catch (e) {\n    throw new Error('no');\n  }\n"),
        ("", "  try {\n    return 1;\n  } finally {\n    console.log('done');\n  }\n"),
        ("", "  switch (event.kind) {\n    case 'a':\n    case 'b':\n      return 1;\n    default:\n      throw new Error('?');\n  }\n"),
        ("const errors = { notSupported(what) { throw new Error(what); } };\n", "  errors.notSupported('x');\n"),
    ],
    ids=["while-true", "for-ever", "do-while-true", "inner-breaks", "try-and-catch-leave", "try-returns-finally", "switch-all-leave", "a-method-that-throws"],
)  # fmt: skip
def test_what_follows_a_statement_that_never_finishes_never_runs(tmp_path, before, statement):
    (missing,) = _sc401(tmp_path, before + RUN + statement + GUARDED_PUT)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "never runs" in missing.message, missing.message


@pytest.mark.parametrize(
    ("before", "statement"),
    [
        ("", "  while (true) {\n" + READ + "    if (event.done) break;\n  }\n"),
        ("", "  outer: while (true) {\n    while (true) { break outer; }\n  }\n"),
        ("", "  for (const x of event.list) {\n    for (;;) { continue; }\n  }\n"),
        ("", "  try {\n" + READ + "    return;\n  } catch (e) {\n    console.log(e);\n  }\n"),
        ("", "  switch (event.kind) {\n    case 'a':\n      return 1;\n  }\n"),
        ("", "  switch (event.kind) {\n    case 'a':\n      break;\n    default:\n      return 2;\n  }\n"),
        ("const errors = { get notSupported() { return () => 1; } };\n", "  errors.notSupported('x');\n"),
        ("const errors = { async notSupported(what) { throw new Error(what); } };\n", "  errors.notSupported('x');\n"),
    ],
    ids=["a-break", "a-labelled-break", "an-inner-continue-loop", "catch-falls-through", "no-default", "a-case-breaks", "a-getter", "async-not-awaited"],
)  # fmt: skip
def test_what_follows_a_statement_that_may_finish_runs(tmp_path, before, statement):
    (missing,) = _sc401(tmp_path, before + RUN + statement + GUARDED_PUT)
    assert missing.confidence is Confidence.HIGH, missing.message
