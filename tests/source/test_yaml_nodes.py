"""Unit tests of scopecheck.source.yaml_nodes: positioned, safe, bounded YAML."""

from __future__ import annotations

import datetime
import os
import time
import types
from pathlib import Path

import pytest
import yaml

from scopecheck.source.files import MAX_FILE_BYTES, SourceText
from scopecheck.source.yaml_nodes import (
    MAX_DEPTH,
    MAX_NODES,
    Mapping,
    Scalar,
    Sequence,
    YamlDocument,
    load_yaml,
    node_at,
    parse_yaml,
    to_python,
    type_name,
)


def parse(text: str) -> YamlDocument:
    return parse_yaml(SourceText.from_text(Path("m.yml"), "m.yml", text))


def where(span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def problems(doc: YamlDocument) -> list[tuple[int, int, str]]:
    return [(p.span.line, p.span.column, p.message) for p in doc.problems]


# --- spans ---------------------------------------------------------------------------------


def test_spans_are_one_based_and_offsets_slice_the_text():
    text = "permissions:\n  scopes:\n    - read:jira-work\n    - 'write:jira-work'\n"
    doc = parse(text)
    root = doc.root
    assert isinstance(root, Mapping)
    key, permissions = root.pairs[0]
    assert where(key.span) == (1, 1, 1, 12)
    scopes = permissions.get("scopes")
    assert isinstance(scopes, Sequence)
    first, second = scopes.items
    assert where(first.span) == (3, 7, 3, 21)
    assert where(second.span) == (4, 7, 4, 24)
    for node in (key, first, second):
        assert text[node.span.start_offset : node.span.end_offset] in (
            "permissions",
            "read:jira-work",
            "'write:jira-work'",
        )
    assert (first.quoted, second.quoted) == (False, True)
    assert second.value == "write:jira-work"


def test_flow_collection_spans():
    doc = parse("a: [x, {y: z}]\n")
    seq = doc.root.get("a")
    assert where(seq.span) == (1, 4, 1, 15)
    assert where(seq.items[1].span) == (1, 8, 1, 14)
    assert where(seq.items[1].pairs[0][1].span) == (1, 12, 1, 13)


def test_block_sequence_span_ends_at_the_next_line():
    doc = parse("a:\n  - 1\n  - 2\n")
    assert where(doc.root.get("a").span) == (2, 3, 4, 1)


@pytest.mark.parametrize(
    ("text", "item", "column", "offset"),
    [
        pytest.param("é: [ü, x]\n", 1, 8, 7, id="latin-letters"),
        pytest.param("😀😀: [😀, x]\n", 1, 9, 8, id="astral-emoji-count-once"),
        pytest.param("日本: [語, x]\n", 1, 9, 8, id="cjk"),
    ],
)
def test_columns_count_characters_not_bytes(text, item, column, offset):
    doc = parse(text)
    node = doc.root.pairs[0][1].items[item]
    assert (node.span.column, node.span.start_offset) == (column, offset)
    assert text[node.span.start_offset : node.span.end_offset] == "x"


def test_bom_is_not_part_of_the_first_key(tmp_path):
    path = tmp_path / "m.yml"
    path.write_bytes(b"\xef\xbb\xbfpermissions:\n  scopes: [read:jira-work]\n")
    doc = load_yaml(path, "m.yml")
    assert doc.problems == []
    key, value = doc.root.pairs[0]
    assert (key.text, key.span.line, key.span.column) == ("permissions", 1, 1)
    assert value.get("scopes").items[0].span.column == 12


def test_crlf_line_endings():
    doc = parse("a: 1\r\nb:\r\n  - x\r\n")
    assert where(doc.root.get("b").items[0].span) == (3, 5, 3, 6)


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag", "value", "kind"),
    [
        pytest.param("v: x", "str", "x", "a string", id="plain-string"),
        pytest.param("v: '12'", "str", "12", "a string", id="quoted-number"),
        pytest.param("v: !!str 12", "str", "12", "a string", id="explicit-str"),
        pytest.param("v: ! 12", "str", "12", "a string", id="non-specific-tag"),
        pytest.param("v: 12", "int", 12, "a number", id="int"),
        pytest.param("v: 0x10", "int", 16, "a number", id="hex"),
        pytest.param("v: 1.5", "float", 1.5, "a number", id="float"),
        pytest.param("v: true", "bool", True, "a boolean", id="true"),
        pytest.param("v: yes", "bool", True, "a boolean", id="yaml-1-1-yes"),
        pytest.param("v: ~", "null", None, "null", id="tilde"),
        pytest.param("v:", "null", None, "null", id="empty"),
        pytest.param("v: 2026-10-01", "timestamp", datetime.date(2026, 10, 1), "a date", id="date"),
        pytest.param("v: 2026-13-45", "str", "2026-13-45", "a string", id="impossible-date-stays-text"),
        pytest.param("v: !!binary aGVsbG8=", "binary", b"hello", "binary data", id="binary"),
    ],
)
def test_scalar_values(text, tag, value, kind):
    doc = parse(text + "\n")
    assert doc.problems == []
    node = doc.root.get("v")
    assert node.tag == f"tag:yaml.org,2002:{tag}"
    assert node.value == value
    assert type_name(node) == kind


def test_type_names():
    doc = parse("m: {}\nl: []\n")
    assert [type_name(doc.root.get(k)) for k in ("m", "l", "absent")] == ["a mapping", "a list", "nothing"]


# --- duplicate keys ------------------------------------------------------------------------

DUPLICATE = "YAML keeps only the last one, so the earlier one is silently lost"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: 1\na: 2\n", [(2, 1, "a", 1, 1)], id="top-level"),
        pytest.param("a:\n  b: 1\n  c: 2\n  b: 3\n", [(4, 3, "b", 2, 3)], id="nested"),
        pytest.param("l:\n  - {x: 1, x: 2}\n", [(2, 12, "x", 2, 6)], id="flow-mapping-in-a-list"),
        pytest.param("l:\n  - k: 1\n    k: 2\n", [(3, 5, "k", 2, 5)], id="block-mapping-in-a-list"),
        pytest.param("a: 1\na: 2\na: 3\n", [(2, 1, "a", 1, 1), (3, 1, "a", 1, 1)], id="three-copies"),
        pytest.param("'a': 1\n\"a\": 2\n", [(2, 1, "a", 1, 1)], id="quoted-spellings"),
        pytest.param("true: 1\nyes: 2\n", [(2, 1, "yes", 1, 1)], id="same-boolean"),
        pytest.param("~: 1\nnull: 2\n", [(2, 1, "null", 1, 1)], id="same-null"),
        pytest.param("1: a\n'1': b\n1.0: c\n", [], id="number-string-and-float-differ"),
        pytest.param("a: 1\nb: 2\n", [], id="none"),
    ],
)
def test_duplicate_keys(text, expected):
    doc = parse(text)
    found = [
        (p.span.line, p.span.column, p.subject, p.related[0][0].line, p.related[0][0].column)
        for p in doc.problems
    ]
    assert found == expected
    for problem in doc.problems:
        assert (
            problem.message
            == f"duplicate key `{problem.subject}` (first at line {problem.related[0][0].line}); {DUPLICATE}"
        )
        assert problem.related[0][1] == f"first `{problem.subject}`"
        assert problem.fatal is False
    assert doc.usable


def test_duplicates_keep_every_pair_and_get_returns_the_last():
    doc = parse("a: 1\nb: x\na: 2\n")
    assert [value.value for _key, value in doc.root.get_all("a")] == [1, 2]
    assert doc.root.get("a").value == 2
    assert to_python(doc.root) == {"a": 2, "b": "x"}


# --- merge keys and aliases ----------------------------------------------------------------


def test_merge_key():
    doc = parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n")
    assert doc.problems == []
    merged = doc.root.get("m")
    assert to_python(merged) == {"x": 1, "y": 3}
    assert merged.get("y").value == 3  # an explicit key wins over a merged one, without a duplicate


def test_merge_list():
    doc = parse("a: &a {x: 1}\nb: &b {y: 2}\nm:\n  <<: [*a, *b]\n")
    assert to_python(doc.root.get("m")) == {"x": 1, "y": 2}


def test_merge_list_precedence_matches_yaml():
    text = "a: &a {x: 1}\nm:\n  <<: [*a, {x: 9}]\n"
    assert to_python(parse(text).root) == yaml.safe_load(text)


def test_merge_of_a_scalar_is_a_problem():
    doc = parse("m:\n  <<: 5\n")
    assert problems(doc) == [(2, 7, "`<<` merge needs a mapping or a list of mappings")]
    assert not doc.usable


def test_alias_is_the_same_node_not_a_copy():
    doc = parse("a: &x [read:jira-work]\nb: *x\n")
    assert doc.root.get("a") is doc.root.get("b")
    assert to_python(doc.root) == {"a": ["read:jira-work"], "b": ["read:jira-work"]}


def test_unknown_alias():
    doc = parse("a: *nope\n")
    assert problems(doc) == [(1, 4, "unknown alias *nope")]
    assert doc.root is None
    assert not doc.usable


BOMB = "".join(
    f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9 if prev else ["lol"] * 9) + "]\n"
    for prev, name in zip(
        ["", "a", "b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "f", "g", "h"], strict=True
    )
)


def test_billion_laughs_stops_early():
    start = time.perf_counter()
    doc = parse(BOMB)
    assert time.perf_counter() - start < 2
    assert not doc.usable
    [problem] = doc.problems
    assert problem.message == (
        f"the document expands to more than {MAX_NODES:,} values "
        "(aliases that multiply, like a 'billion laughs' attack)"
    )
    assert (problem.span.line, problem.span.column) == (6, 12)


def test_many_small_aliases_below_the_limit_are_fine():
    text = "a: &a [x, y]\n" + "".join(f"k{i}: *a\n" for i in range(1000))
    doc = parse(text)
    assert doc.problems == []
    assert len(to_python(doc.root)) == 1001


# --- limits and rejected input -------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 50, MAX_DEPTH - 1, MAX_DEPTH])
def test_nesting_up_to_the_limit(depth):
    doc = parse("[" * depth + "]" * depth)
    assert doc.problems == []


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), 1, MAX_DEPTH + 1, id="flow-just-over"),
        pytest.param("- " * 50_000 + "x\n", 1, 2 * MAX_DEPTH + 1, id="block-sequences-50000"),
        pytest.param(
            "a:\n" + "".join(" " * i + "k:\n" for i in range(1, 1500)),
            MAX_DEPTH,
            MAX_DEPTH,
            id="block-maps",
        ),
    ],
)
def test_too_deep(text, line, column):
    start = time.perf_counter()
    doc = parse(text)
    assert time.perf_counter() - start < 2
    assert problems(doc) == [(line, column, f"nesting is deeper than {MAX_DEPTH} levels")]
    assert not doc.usable


def test_flow_nesting_50000_deep_is_a_syntax_error_not_a_crash():
    doc = parse("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    [problem] = doc.problems
    assert problem.message.startswith("invalid YAML: ")
    assert problem.span.line == 1
    assert not doc.usable


@pytest.mark.parametrize(
    ("text", "column", "tag"),
    [
        pytest.param(
            'a: !!python/object/apply:os.system ["touch PWNED"]\n',
            4,
            "!!python/object/apply:os.system",
            id="apply",
        ),
        pytest.param("a: !!python/name:os.system\n", 4, "!!python/name:os.system", id="name"),
        pytest.param("a: !!set {x, y}\n", 4, "!!set", id="set"),
        pytest.param("a: !!omap [x: 1]\n", 4, "!!omap", id="omap"),
        pytest.param("a: !custom x\n", 4, "!custom", id="local"),
        pytest.param("a: !<tag:example.com,2026:x> x\n", 4, "tag:example.com,2026:x", id="verbatim"),
        pytest.param("a: [x, !!python/tuple [1]]\n", 8, "!!python/tuple", id="nested"),
    ],
)
def test_unsafe_tags_are_rejected_before_construction(tmp_path, monkeypatch, text, column, tag):
    monkeypatch.chdir(tmp_path)
    doc = parse(text)
    assert problems(doc) == [(1, column, f"unsupported YAML tag {tag}: only plain YAML values are allowed")]
    assert doc.root is None
    assert not os.path.exists(tmp_path / "PWNED")


@pytest.mark.parametrize(
    ("text", "line", "column", "start"),
    [
        pytest.param("a: [1, 2\n", 2, 1, "invalid YAML: did not find expected ',' or ']'", id="unclosed"),
        pytest.param(
            "a:\n\tb: 1\n", 2, 1, "invalid YAML: found character that cannot start any token", id="tab"
        ),
        pytest.param(
            "a: b: c\n", 1, 5, "invalid YAML: mapping values are not allowed in this context", id="colon"
        ),
        pytest.param("a: 'x\n", 2, 1, "invalid YAML: found unexpected end of stream", id="unclosed-quote"),
        pytest.param(
            "a: 1\n---\nb: 2\n", 2, 1, "expected one YAML document, found a second one (`---`)", id="two-docs"
        ),
    ],
)
def test_syntax_errors(text, line, column, start):
    doc = parse(text)
    [(got_line, got_column, message)] = problems(doc)
    assert (got_line, got_column) == (line, column)
    assert message.startswith(start)
    assert doc.root is None and not doc.usable


def test_tab_error_says_tabs():
    [problem] = parse("a:\n\tb: 1\n").problems
    assert problem.message.endswith("; YAML does not allow tabs for indentation")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "# one\n\n# two\n"])
def test_empty_documents(text):
    doc = parse(text)
    assert problems(doc) == [(1, 1, "the file is empty: expected a YAML mapping")]
    assert not doc.usable


def test_bare_document_marker_is_a_null_document():
    doc = parse("---\n")
    assert doc.problems == []
    assert isinstance(doc.root, Scalar) and doc.root.value is None  # the adapters say "found null"


def test_document_start_marker_is_fine():
    doc = parse("---\na: 1\n")
    assert doc.problems == [] and doc.root.get("a").span.line == 2


# --- to_python -----------------------------------------------------------------------------


def test_to_python():
    doc = parse(
        "d: 2026-10-01\nt: 2026-10-01T10:00:00Z\nb: !!binary aGVsbG8=\nn: ~\nl: [1, x]\n"
        "? [a, b]\n: list-key\n1: int-key\n"
    )
    assert to_python(doc.root) == {
        "d": "2026-10-01",
        "t": "2026-10-01T10:00:00+00:00",
        "b": "aGVsbG8=",
        "n": None,
        "l": [1, "x"],
        "['a', 'b']": "list-key",
        "1": "int-key",
    }
    assert to_python(None) is None


# --- node_at -------------------------------------------------------------------------------


def test_node_at_follows_keys_and_indexes():
    doc = parse("a: [1, 2]\nb: {c: [x, {d: e}]}\n")
    node, key = node_at(doc.root, ["b", "c", 1, "d"])
    assert (node.value, key.text, key.span.line, key.span.column) == ("e", "d", 2, 13)
    node, key = node_at(doc.root, ["a", 5])
    assert isinstance(node, Sequence) and key.text == "a"
    node, key = node_at(doc.root, ["missing"])
    assert node is doc.root and key is None


# --- load_yaml: files ----------------------------------------------------------------------


def test_load_missing_file(tmp_path):
    doc = load_yaml(tmp_path / "nope.yml", "nope.yml")
    assert problems(doc) == [(1, 1, "no such file")]
    assert doc.source is None and not doc.usable


def test_load_directory(tmp_path):
    doc = load_yaml(tmp_path, "dir")
    assert problems(doc) == [(1, 1, "is a directory, not a file")]


def test_load_binary_names_the_line(tmp_path):
    path = tmp_path / "m.yml"
    path.write_bytes(b"a: 1\nb: 2\nc: \x00\n")
    assert problems(load_yaml(path, "m.yml")) == [(3, 1, "binary file (NUL byte), expected UTF-8 YAML")]


def test_load_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "m.yml"
    path.write_bytes("a: 1\nb: café\n".encode("latin-1"))
    assert problems(load_yaml(path, "m.yml")) == [(2, 1, "not UTF-8 text (byte 0xe9 cannot be decoded)")]


def test_load_utf16_is_refused(tmp_path):
    path = tmp_path / "m.yml"
    path.write_bytes("a: 1\n".encode("utf-16"))
    [problem] = load_yaml(path, "m.yml").problems
    assert "binary" in problem.message or "UTF-8" in problem.message


def test_load_too_large_without_reading_it(tmp_path):
    path = tmp_path / "m.yml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: the size alone must decide
    start = time.perf_counter()
    [problem] = load_yaml(path, "m.yml").problems
    assert time.perf_counter() - start < 1
    assert problem.message.startswith("file is too large (4.2 MB; the limit is 4 MiB)")


def test_load_just_under_the_limit(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("a:\n" + "".join(f"  k{i}: {'x' * 90}\n" for i in range(30_000)), encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    doc = load_yaml(path, "m.yml")
    assert doc.problems == [] and len(doc.root.get("a").pairs) == 30_000


def test_load_unreadable(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not make the file unreadable")
        assert problems(load_yaml(path, "m.yml")) == [(1, 1, "permission denied")]
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("failing", ["stat", "open"])
def test_load_permission_denied_even_as_root(tmp_path, monkeypatch, failing):
    """The chmod test above is skipped under root; simulate the denial where it happens."""
    import scopecheck.source.files as files

    path = tmp_path / "m.yml"
    path.write_text("a: 1\n", encoding="utf-8")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    if failing == "stat":
        monkeypatch.setattr(files, "os", types.SimpleNamespace(stat=deny))
    else:
        monkeypatch.setattr(files, "open", deny, raising=False)
    assert problems(load_yaml(path, "m.yml")) == [(1, 1, "permission denied")]


def test_load_does_not_change_the_file(tmp_path):
    path = tmp_path / "m.yml"
    data = b"a: [1, 2\n\tb: !!python/object/apply:os.system ['x']\n"
    path.write_bytes(data)
    before = path.stat().st_mtime_ns
    load_yaml(path, "m.yml")
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before
