"""`_run_time_key_writes` finds `target[key] = value` from the fixed `[` (a fast search) and
reads the target backwards; it must find what the one regex it replaced found."""

from __future__ import annotations

import re

import pytest

from scopecheck.ecosystems.forge.code.js.program import _run_time_key_writes

#: the regex used before: slow to search (it may start at any word character), but plain
_REFERENCE = re.compile(
    rb"(?:(?<![\w$.])([A-Za-z_$][\w$]*)|[\w$)\]])\[\s*[A-Za-z_$][^\]\n]*\]\s*(?:\|\||\?\?|&&)?=(?![=>])"
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (b"seen[id] = 1", [(0, b"seen")]),
        (b"$x[k]=1", [(0, b"$x")]),
        (b"a.b[k] = 1", [(2, None)]),  # a property: not a plain variable
        (b".a[k]=1", [(1, None)]),
        (b"1a[k]=2", [(1, None)]),  # not a name
        (b"f()[k] ||= 3", [(2, None)]),
        (b"x[0][k] = 1", [(3, None)]),
        (b"([b[c] = 1", [(2, b"b")]),  # a write starting inside a `[` that is not one
        (b"[a] = b", []),  # destructuring
        (b"const [a] = b", []),
        (b"a[k] == 1", []),
        (b"a[k] => 1", []),
        (b"a[0] = 1", []),  # a key fixed in the code
        (b"o[k] = 1; p[j] ??= 2", [(0, b"o"), (10, b"p")]),
    ],
)
def test_run_time_key_writes(code: bytes, expected: list[tuple[int, bytes | None]]) -> None:
    assert _run_time_key_writes(code) == expected
    assert [(m.start(), m.group(1)) for m in _REFERENCE.finditer(code)] == expected


def test_same_as_the_reference_on_mixed_code() -> None:
    code = b"\n".join(
        [
            b"const acc = {};",
            b"for (const k of ks) { acc[k] = (acc[k] || 0) + 1; }",
            b"module.exports[name] = fn; this.cache[key] &&= null;",
            b"([first[i] = 2]); list[i][j] = v; obj [k] = 3; arr[i]\n= 4;",
            b"if (a[k] === b[k]) { c[k] = d[k]; }",
        ]
    )
    found = _run_time_key_writes(code)
    assert found == [(m.start(), m.group(1)) for m in _REFERENCE.finditer(code)]
    assert len(found) >= 6
