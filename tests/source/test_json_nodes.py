"""Unit tests of scopecheck.source.json_nodes: JSON with comments, as Chrome reads manifest.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopecheck.source.files import SourceText
from scopecheck.source.json_nodes import json_comment_start, load_json, parse_json
from scopecheck.source.yaml_nodes import (
    MAX_DEPTH,
    Mapping,
    Scalar,
    Sequence,
    YamlDocument,
    node_at,
    strings_with_spans,
    to_python,
    type_name,
)


def parse(text: str) -> YamlDocument:
    return parse_json(SourceText.from_text(Path("manifest.json"), "manifest.json", text))


def where(span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def problems(doc: YamlDocument) -> list[tuple[int, int, str]]:
    return [(p.span.line, p.span.column, p.message) for p in doc.problems]


MANIFEST = """{
  // what Chrome shows
  "name": "Tab Notes",
  "manifest_version": 3, /* MV3 only */
  "permissions": ["storage", "tabs"],
  "host_permissions": [
    "https://api.example.com/*"
  ]
}
"""


def test_values_and_spans_of_a_manifest():
    doc = parse(MANIFEST)
    assert doc.usable and doc.problems == []
    assert to_python(doc.root) == {
        "name": "Tab Notes",
        "manifest_version": 3,
        "permissions": ["storage", "tabs"],
        "host_permissions": ["https://api.example.com/*"],
    }
    permissions, key = node_at(doc.root, ["permissions"])
    assert isinstance(permissions, Sequence) and isinstance(key, Scalar)
    assert where(key.span) == (5, 3, 5, 16)  # the key, quotes included
    assert [(text, where(span)) for text, span in strings_with_spans(permissions)] == [
        ("storage", (5, 19, 5, 28)),
        ("tabs", (5, 30, 5, 36)),
    ]
    host, _ = node_at(doc.root, ["host_permissions", 0])
    assert isinstance(host, Scalar) and where(host.span) == (7, 5, 7, 32)
    assert MANIFEST[host.span.start_offset : host.span.end_offset] == '"https://api.example.com/*"'
    version, _ = node_at(doc.root, ["manifest_version"])
    assert isinstance(version, Scalar) and version.value == 3 and type_name(version) == "a number"
    assert isinstance(doc.root, Mapping) and where(doc.root.span) == (1, 1, 9, 2)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "b": [true, false, null], "c": -1.5e3, "d": "x"}',
        '[1, 2.0, 0, -0, 1E+2, "", {}, []]',
        '"just a string"',
        "  42  ",
    ],
)
def test_agrees_with_the_json_module(text):
    doc = parse(text)
    assert doc.problems == []
    assert to_python(doc.root) == json.loads(text)


def test_comments_inside_strings_are_text():
    doc = parse('{"a": "http://x.example/*", "b": "/* not a comment */", "c": "// nor this"} // end')
    assert to_python(doc.root) == {"a": "http://x.example/*", "b": "/* not a comment */", "c": "// nor this"}


def test_comments_everywhere():
    text = '/* head */{ // after brace\n"a" /* k */ : /* v */ [ // list\n 1 /* x */ , 2 ] // tail\n}\n// last'
    assert to_python(parse(text).root) == {"a": [1, 2]}


def test_escapes():
    doc = parse(r'{"s": "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 \x41"}')
    assert doc.problems == []
    assert to_python(doc.root) == {"s": 'q" b\\ s/ \b\f\n\r\t é \U0001f600 A'}


def test_unicode_text_counts_columns_in_characters():
    doc = parse('{"név": "ünïcödé", "x": "😀"}')
    value, key = node_at(doc.root, ["x"])
    assert isinstance(value, Scalar) and value.value == "😀"
    assert key is not None and where(key.span) == (1, 20, 1, 23)
    assert where(value.span) == (1, 25, 1, 28)


def test_byte_order_mark_in_text_and_in_the_file(tmp_path):
    assert to_python(parse('\ufeff{"a": 1}').root) == {"a": 1}
    path = tmp_path / "manifest.json"
    path.write_bytes(b'\xef\xbb\xbf{\n  "a": 1\n}\n')
    doc = load_json(path, "manifest.json")
    value, _ = node_at(doc.root, ["a"])
    assert doc.problems == [] and value is not None and where(value.span) == (2, 8, 2, 9)


def test_crlf_line_endings_keep_lines_right():
    doc = parse('{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n')
    value, _ = node_at(doc.root, ["b"])
    assert value is not None and where(value.span) == (3, 8, 3, 9)


def test_chrome_accepts_a_raw_newline_in_a_string():
    assert to_python(parse('{"a": "one\ntwo"}').root) == {"a": "one\ntwo"}


def test_duplicate_key_is_a_problem_with_both_lines():
    doc = parse('{\n  "permissions": ["tabs"],\n  "permissions": ["storage"]\n}')
    assert doc.usable  # like YAML: reported, and the document is still read
    [problem] = doc.problems
    assert (problem.span.line, problem.span.column) == (3, 3)
    assert "duplicate key `permissions` (first at line 2)" in problem.message
    assert not problem.fatal and problem.subject == "permissions"
    assert [(span.line, label) for span, label in problem.related] == [(2, "first `permissions`")]
    # the nested keys of separate objects are not duplicates of each other
    assert parse('[{"a": 1}, {"a": 2}]').problems == []


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{"a": [1, 2,]}', 1, 12, "trailing comma before `]`"),
        ('{\n  "a": 1,\n}', 2, 9, "trailing comma before `}`"),
        ('{"a": 1 "b": 2}', 1, 9, 'expected `,` or `}` after the value of `a`, found `"`'),
        ('{"a" 1}', 1, 6, "expected `:` after the key `a`"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
        ("{\"a\": 'x'}", 1, 7, "single quotes"),
        ('{"a": tru}', 1, 7, "expected a value, found `t`"),
        ('{"a": 1', 1, 8, "found the end of the file"),
        ('{"a": "open', 1, 7, "never closed"),
        ('{"a": "x\\q"}', 1, 9, "unknown escape `\\q`"),
        ('{"a": "\\u12"}', 1, 8, "four hex digits"),
        ('{"a": "\\ud800"}', 1, 8, "surrogate pair"),
        ('{"a": "tab\there"}', 1, 11, "control character U+0009"),
        ('{"a": 1} /* open', 1, 10, "`/*` comment is never closed"),
        ('{"a": 1} {}', 1, 10, "after the end of the top-level value"),
        ('{"a": 1e999}', 1, 7, "too large"),
        ('{"a": 01}', 1, 8, "expected `,` or `}`"),
    ],
)
def test_syntax_error_is_one_problem_with_line_and_column(text, line, column, words):
    doc = parse(text)
    assert not doc.usable and doc.root is None
    [problem] = doc.problems
    assert problem.message.startswith("invalid JSON: ")
    assert words in problem.message
    assert (problem.span.line, problem.span.column) == (line, column)


def test_empty_file():
    doc = parse("  // nothing\n")
    assert not doc.usable
    assert problems(doc) == [(2, 1, "the file is empty: expected a JSON object")]


def test_nesting_is_capped():
    doc = parse("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert not doc.usable and "nesting is deeper" in doc.problems[0].message


def test_unreadable_file_is_a_problem(tmp_path):
    doc = load_json(tmp_path / "missing.json", "missing.json")
    assert problems(doc) == [(1, 1, "no such file")]


def test_never_raises_on_garbage():
    for text in ("}", "]", ",", ":", '"', "\\", "/", "-", "[,]", "{,}", '{"a":}', "[1,,2]", "\x00"):
        doc = parse(text)
        assert not doc.usable and len(doc.problems) == 1, text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('  "tabs", // scopecheck: ignore[SC402]', (10, 12)),
        ("// alone", (0, 2)),
        ('  "a": "http://x/*" /* c */', (20, 22)),
        ('  "a": "say \\"// hi\\""', None),
        ('  "a": 1', None),
    ],
)
def test_json_comment_start(line, expected):
    assert json_comment_start(line) == expected
