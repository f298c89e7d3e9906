"""More conditions whose value the code fixes (review 35, cases B5–B8): a config constant of
`null`, `''` or `undefined`, `void 0`, a TypeScript `as`/`satisfies`/`!` around a constant, a
frozen `as const` object, `<`/`>` between number constants, `Boolean(0)` and
`['a', 'b'].includes(X)` of constants. What such a guard skips
never runs, so SC401 on it is not certain. Controls: the guard passes, or the value may
change."""

from __future__ import annotations

import pytest
from test_review34 import GUARDED_PUT, RUN, _sc401

from scopecheck.core.findings import Confidence


@pytest.mark.parametrize(
    ("before", "guard", "file"),
    [
        ("const ARCHIVE_PROJECT = null;\n", "  if (!ARCHIVE_PROJECT) return;\n", "index.js"),
        ("const TARGET = '';\n", "  if (!TARGET) return;\n", "index.js"),
        ("const TARGET = undefined;\n", "  if (!TARGET) { return; }\n", "index.js"),
        ("const TARGET = void 0;\n", "  if (!TARGET) return;\n", "index.js"),
        ("const WRITE_BACK = false as boolean;\n", "  if (!WRITE_BACK) return;\n", "index.ts"),
        ("const WRITE_BACK = false satisfies boolean;\n", "  if (!WRITE_BACK) return;\n", "index.ts"),
        ("const FLAGS = Object.freeze({ writeBack: false } as const);\n", "  if (!FLAGS.writeBack) return;\n", "index.ts"),
        ("const RETRIES = 0;\n", "  if (RETRIES < 1) return;\n", "index.js"),
        ("const LIMIT = 10;\n", "  if (LIMIT >= 5) return;\n", "index.js"),
        ("const LIMIT = 0n;\n", "  if (!LIMIT) return;\n", "index.js"),
        ("let SYNC = false;\n", "  if (!SYNC) return;\n", "index.js"),
        ("const ENABLED = Boolean(0);\n", "  if (!ENABLED) return;\n", "index.js"),
        ("const MODE = 'off';\n", "  if (!['sync', 'full'].includes(MODE)) return;\n", "index.js"),
        ("const MODE = 1;\n", "  if (!['1', 2].includes(MODE)) return;\n", "index.js"),
    ],
    ids=["null", "empty-string", "undefined", "void-0", "as", "satisfies", "frozen-as-const", "less-than", "at-least", "bigint-zero", "let-never-written", "boolean-of-zero", "includes-not-listed", "includes-other-type"],
)  # fmt: skip
def test_what_a_constant_guard_skips_never_runs(tmp_path, before, guard, file):
    (missing,) = _sc401(tmp_path, before + RUN + guard + GUARDED_PUT, file)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "whose condition is constant" in missing.message, missing.message


@pytest.mark.parametrize(
    ("before", "guard", "file"),
    [
        ("const TARGET = 'PROJ';\n", "  if (!TARGET) return;\n", "index.js"),
        ("const RETRIES = 3;\n", "  if (RETRIES < 1) return;\n", "index.js"),
        ("const LIMIT = '10';\n", "  if (LIMIT > 5) return;\n", "index.js"),
        ("let TARGET = null;\nexport const set = (t) => { TARGET = t; };\n", "  if (!TARGET) return;\n", "index.js"),
        ("const WRITE_BACK = process.env.WRITE as unknown as boolean;\n", "  if (!WRITE_BACK) return;\n", "index.ts"),
        ("const undefined = 1;\nconst TARGET = undefined;\n", "  if (!TARGET) return;\n", "index.js"),
        ("const LIMIT = 0x10n;\n", "  if (!LIMIT) return;\n", "index.js"),
        ("let SYNC = false;\nexport function on() { SYNC ||= true; }\n", "  if (!SYNC) return;\n", "index.js"),
        ("const ENABLED = Boolean(1);\n", "  if (!ENABLED) return;\n", "index.js"),
        ("const Boolean = (x) => !x;\nconst ENABLED = Boolean(0);\n", "  if (!ENABLED) return;\n", "index.js"),
        ("const MODE = 'full';\n", "  if (!['sync', 'full'].includes(MODE)) return;\n", "index.js"),
        ("const MODE = process.env.MODE;\n", "  if (!['sync', 'full'].includes(MODE)) return;\n", "index.js"),
        ("const MODE = 'off';\nconst MORE = [];\n", "  if (!['sync', ...MORE].includes(MODE)) return;\n", "index.js"),
    ],
    ids=["a-non-empty-string", "the-comparison-fails", "a-string-compared", "set-elsewhere", "from-the-environment", "undefined-rebound", "bigint-not-zero", "let-written-by-a-function", "boolean-of-one", "boolean-rebound", "includes-listed", "includes-of-the-environment", "includes-with-a-spread"],
)  # fmt: skip
def test_a_guard_that_may_pass_keeps_the_request(tmp_path, before, guard, file):
    (missing,) = _sc401(tmp_path, before + RUN + guard + GUARDED_PUT, file)
    assert missing.confidence is Confidence.HIGH, missing.message
