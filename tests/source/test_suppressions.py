"""Unit tests of scopecheck.source.suppressions: where comments start and which ignores they hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopecheck.source.files import SourceText
from scopecheck.source.suppressions import comment_start, find_ignores


def ignores(text: str) -> list[tuple[int, int, int, tuple[str, ...], str | None, bool]]:
    """(comment line, column, target line, rules, reason, well formed) for each ignore comment."""
    source = SourceText.from_text(Path("manifest.yml"), "manifest.yml", text)
    return [
        (c.span.line, c.span.column, c.target_line, c.rules, c.reason, c.well_formed)
        for c in find_ignores(source)
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("# a comment", 0, id="whole-line"),
        pytest.param("    # indented", 4, id="indented"),
        pytest.param("\t# after a tab", 1, id="after-tab"),
        pytest.param("key: value # trailing", 11, id="trailing"),
        pytest.param("key: value#not-a-comment", None, id="hash-glued-to-a-word"),
        pytest.param("url: https://x.example.com/#frag # real", 33, id="hash-in-a-url"),
        pytest.param("key: 'a # b' # c", 13, id="single-quoted"),
        pytest.param('key: "a # b" # c', 13, id="double-quoted"),
        pytest.param('key: "a \\" # b" # c', 16, id="escaped-double-quote"),
        pytest.param("key: 'it''s # x' # y", 17, id="doubled-single-quote"),
        pytest.param("- '#' # c", 6, id="quoted-hash-list-item"),
        pytest.param('{a: "#"} # c', 9, id="flow-mapping"),
        pytest.param("[a, '#', \"#\"] # c", 14, id="flow-sequence"),
        pytest.param("? '#' # c", 6, id="explicit-key"),
        pytest.param("it's # c", 5, id="apostrophe-inside-a-word-is-not-a-quote"),
        pytest.param("key: don't # c", 11, id="apostrophe-in-a-plain-value"),
        pytest.param('key: "unterminated # x', None, id="unterminated-quote"),
        pytest.param("key: value", None, id="no-comment"),
        pytest.param("", None, id="empty-line"),
    ],
)
def test_comment_start(line, expected):
    assert comment_start(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a: 1 # scopecheck: ignore[SC101] -- why\n",
            [(1, 6, 1, ("SC101",), "why", True)],
            id="standard",
        ),
        pytest.param("a: 1 #scopecheck:ignore[SC101]\n", [(1, 6, 1, ("SC101",), None, True)], id="no-spaces"),
        pytest.param(
            "a: 1 #   SCOPECHECK  :  IGNORE[ sc101 ,  undocumented-scope ]   reason here\n",
            [(1, 6, 1, ("sc101", "undocumented-scope"), "reason here", True)],
            id="spaces-and-case-kept-as-written",
        ),
        pytest.param(
            "a: 1 # scopecheck: ignore[SC101,SC102,,]\n",
            [(1, 6, 1, ("SC101", "SC102"), None, True)],
            id="empty-names-dropped",
        ),
        pytest.param("a: 1 # scopecheck: ignore[]\n", [(1, 6, 1, (), None, False)], id="empty-brackets"),
        pytest.param("a: 1 # scopecheck: ignore[ , ]\n", [(1, 6, 1, (), None, False)], id="only-commas"),
        pytest.param("a: 1 # scopecheck: ignore\n", [(1, 6, 1, (), None, False)], id="no-brackets"),
        pytest.param(
            "a: 1 # scopecheck: ignore [SC101]\n",
            [(1, 6, 1, ("SC101",), None, True)],
            id="space-before-brackets-is-still-a-list",
        ),
        pytest.param(
            "a: 1 # scopecheck: ignore(SC101)\n",
            [(1, 6, 1, (), "(SC101)", False)],
            id="parentheses",
        ),
        pytest.param(
            "a: 1 # scopecheck: ignore[SC101 -- unclosed\n",
            [(1, 6, 1, (), "[SC101 -- unclosed", False)],
            id="unclosed-bracket",
        ),
        pytest.param("a: 1 # note: scopecheck: ignore[SC101]\n", [], id="text-before-the-directive"),
        pytest.param(
            "a: 1 # scopecheck: ignored[SC101]\n", [(1, 6, 1, (), "d[SC101]", False)], id="misspelt"
        ),
        pytest.param("a: '# scopecheck: ignore[SC101]'\n", [], id="inside-single-quotes"),
        pytest.param('a: "x # scopecheck: ignore[SC101]"\n', [], id="inside-double-quotes"),
        pytest.param("a: 1 # plain comment\n", [], id="plain-comment"),
        pytest.param(
            "a: 1 # scopecheck: ignore[SC101] -- see # scopecheck: ignore[SC102]\n",
            [(1, 6, 1, ("SC101",), "see # scopecheck: ignore[SC102]", True)],
            id="second-directive-is-part-of-the-reason",
        ),
        pytest.param(
            "é: ü # scopecheck: ignore[SC101]\n",
            [(1, 6, 1, ("SC101",), None, True)],
            id="unicode-columns-count-characters",
        ),
    ],
)
def test_directive_forms(text, expected):
    assert ignores(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "# scopecheck: ignore[SC101]\na: 1\nb: 2\n",
            [(1, 1, 2, ("SC101",), None, True)],
            id="line-above",
        ),
        pytest.param(
            "a:\n  # scopecheck: ignore[SC101]\n  - b\n",
            [(2, 3, 3, ("SC101",), None, True)],
            id="indented-line-above",
        ),
        pytest.param(
            "# scopecheck: ignore[SC101]\n# just words\n# scopecheck: ignore[SC102] -- two\na: 1\n",
            [(1, 1, 4, ("SC101",), None, True), (3, 1, 4, ("SC102",), "two", True)],
            id="stacked-block-targets-the-first-code-line",
        ),
        pytest.param(
            "# scopecheck: ignore[SC101]\na: 1  # scopecheck: ignore[SC102]\n",
            [(1, 1, 2, ("SC101",), None, True), (2, 7, 2, ("SC102",), None, True)],
            id="above-and-trailing-on-the-same-target",
        ),
        pytest.param(
            "a: 1\r\n# scopecheck: ignore[SC101]\r\nb: 2\r\n",
            [(2, 1, 3, ("SC101",), None, True)],
            id="crlf",
        ),
    ],
)
def test_targets(text, expected):
    assert ignores(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# scopecheck: ignore[SC101]\n\na: 1\n", id="blank-line"),
        pytest.param("# scopecheck: ignore[SC101]\n   \na: 1\n", id="whitespace-only-line"),
        pytest.param("a: 1\n# scopecheck: ignore[SC101]\n", id="end-of-file"),
        pytest.param("a: 1\n# scopecheck: ignore[SC101]\n# another\n", id="end-of-file-in-a-block"),
    ],
)
def test_block_without_a_code_line_targets_nothing_after_it(text):
    # the comment must never silence a line it is separated from
    assert all(target < 3 for _line, _col, target, *_ in ignores(text) if target is not None)
    assert not [entry for entry in ignores(text) if entry[2] == 3]


def test_text_inside_a_block_scalar_is_not_a_comment():
    from scopecheck.source.yaml_nodes import parse_yaml, text_lines

    text = "a: |\n  # scopecheck: ignore[SC101]\nb: 2  # scopecheck: ignore[SC102]\n"
    source = SourceText.from_text(Path("m.yml"), "m.yml", text)
    inside = text_lines(parse_yaml(source).root)
    assert inside == {2}
    assert [c.rules for c in find_ignores(source, inside)] == [("SC102",)]


def test_span_offsets_cover_the_comment():
    text = "a: 1\nb: 2  # scopecheck: ignore[SC101] -- x\n"
    source = SourceText.from_text(Path("m.yml"), "m.yml", text)
    [comment] = find_ignores(source)
    assert text[comment.span.start_offset : comment.span.end_offset] == "# scopecheck: ignore[SC101] -- x"
    assert (comment.span.end_line, comment.span.end_column) == (2, 39)
    assert comment.span.path == "m.yml"


def test_many_lines_are_fast():
    import time

    text = "k: v  # scopecheck: ignore[SC101]\n" * 50_000 + "# x '" * 10_000 + "\n"
    start = time.perf_counter()
    assert len(ignores(text)) == 50_000
    assert time.perf_counter() - start < 5


def json_ignores(text: str) -> list[tuple[int, int, int, tuple[str, ...], str | None]]:
    source = SourceText.from_text(Path("manifest.json"), "manifest.json", text)
    return [(c.span.line, c.span.column, c.target_line, c.rules, c.reason) for c in find_ignores(source)]


def test_json_ignore_comments():
    text = (
        "{\n"
        '  "permissions": [\n'
        '    "tabs", // scopecheck: ignore[SC402] -- reads tab titles\n'
        "    // scopecheck: ignore[SC101]\n"
        '    "storage", /* scopecheck: ignore[SC201] -- typo kept */\n'
        '    "http://x/*"\n'
        "  ]\n"
        "}\n"
    )
    assert json_ignores(text) == [
        (3, 13, 3, ("SC402",), "reads tab titles"),
        (4, 5, 5, ("SC101",), None),
        (5, 16, 5, ("SC201",), "typo kept"),
    ]


def test_json_ignore_inside_a_string_is_text():
    assert json_ignores('{"a": "// scopecheck: ignore[SC101]"}\n') == []
    # a `#` is no comment in JSON
    assert json_ignores('{"a": 1} # scopecheck: ignore[SC101]\n') == []
