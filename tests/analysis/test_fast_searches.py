"""Searches rewritten to start from a fixed word or character (which `re` finds fast) must
find what the regexes they replaced found: `_run_time_key_writes` finds `target[key] =
value` from the `[` and reads the target backwards; reach.py's import checks start from
`require`/`import`/`export`."""

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


# --- the import checks of reach.py, searched from their fixed words --------------------------

_DYNAMIC_BEFORE = re.compile(
    rb"""\b(?:require|import)\s*\(\s*(?:[^'"\s)]|(?:'[^'\n]*'|"[^"\n]*")\s*[+,])"""
    rb"""|\brequire\.context\b|\bimport\.meta\.(?:glob|webpackContext)\b"""
)
_TS_COMMONJS_BEFORE = re.compile(rb"^\s*export\s*=|\bimport\s+[\w$]+\s*=\s*require\s*\(", re.M)


@pytest.mark.parametrize(
    ("code", "dynamic", "ts_commonjs"),
    [
        (b"export = x", False, True),
        (b"  \n\n  export = 1", False, True),
        (b"\texport=1", False, True),
        (b"export\n= 1", False, True),
        (b"a; export = 1", False, False),  # not first on its line
        (b"x.export = 1", False, False),
        (b"import a = require('b')", False, True),
        (b"$import a = require('b')", False, True),  # `$` is no word character for `\b`
        (b"_import a = require('b')", False, False),
        (b"require(x)", True, False),
        (b"$require(x)", True, False),
        (b"_require(x)", False, False),
        (b"require('./a')", False, False),
        (b"require.context('.')", True, False),
        (b"import.meta.glob('*')", True, False),
        (b"import.meta.url", False, False),
        (b"import('a' + b)", True, False),
        (b"import('a')", False, False),
    ],
)
def test_import_checks_match_the_regexes_they_replaced(code: bytes, dynamic: bool, ts_commonjs: bool) -> None:
    from scopecheck.ecosystems.forge.code.js.reach import _DYNAMIC, _ts_commonjs

    assert bool(_DYNAMIC.search(code)) is dynamic is bool(_DYNAMIC_BEFORE.search(code))
    assert _ts_commonjs(code) is ts_commonjs is bool(_TS_COMMONJS_BEFORE.search(code))
