"""Finds `# scopecheck: ignore[...]` comments, which YAML parsers throw away.

In a `.json` file (a browser extension's manifest, read with comments as Chrome does) the
comment is `// scopecheck: ignore[...]` or `/* scopecheck: ignore[...] */`.

A comment silences findings on its own line, or, alone on a line, on the next
line that is not itself a comment. The reason follows `--` (or just follows).
A comment-only ignore that a blank line or the end of the file cuts off applies
to nothing (target line 0), so SC003 can say so. Lines inside multi-line
scalars (`|` blocks) are text, not comments, and are skipped.
"""

from __future__ import annotations

import re

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.source.files import SourceText

_DIRECTIVE = re.compile(
    r"scopecheck\s*:\s*ignore\s*(?P<open>\[(?P<rules>[^\]]*)\])?(?P<rest>.*)$", re.IGNORECASE
)


@record
class IgnoreComment:
    span: Span  # the comment itself
    target_line: int
    rules: tuple[str, ...]  # as written: ids or names
    reason: str | None
    well_formed: bool = True


def comment_start(line: str) -> int | None:
    """Index of the `#` that starts a YAML comment, ignoring `#` inside quotes."""
    quote: str | None = None
    index = 0
    while index < len(line):
        char = line[index]
        if quote == "'":
            if char == "'" and line[index + 1 : index + 2] == "'":
                index += 1  # '' is an escaped quote
            elif char == "'":
                quote = None
        elif quote == '"':
            if char == "\\":
                index += 1
            elif char == '"':
                quote = None
        elif char in "'\"" and (index == 0 or line[index - 1] in " \t[{,:-?"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
        index += 1
    return None


def _yaml_comment(line: str) -> tuple[int, int] | None:
    start = comment_start(line)
    return None if start is None else (start, start + 1)


def find_ignores(source: SourceText, text_lines: frozenset[int] = frozenset()) -> list[IgnoreComment]:
    """Every ignore comment; `text_lines` are lines inside multi-line scalars, never comments."""
    if source.path.suffix == ".json":
        from scopecheck.source.json_nodes import json_comment_start

        comment = json_comment_start
    else:
        comment = _yaml_comment
    found: list[IgnoreComment] = []
    pending: list[tuple[int, int, re.Match[str], int]] = []  # comment-only lines waiting for a target
    offset = 0
    line_offsets = []
    for text in source.text.splitlines(keepends=True):
        line_offsets.append(offset)
        offset += len(text)

    def flush(target: int) -> None:
        found.extend(
            _make(source, line, column, end, match, target, line_offsets)
            for line, column, match, end in pending
        )
        pending.clear()

    for number, line in enumerate(source.lines, start=1):
        if number in text_lines:
            flush(number)
            continue
        marker = comment(line)
        start, body = marker if marker is not None else (None, 0)
        code = line[:start] if start is not None else line
        is_comment_only = start is not None and not code.strip()
        if code.strip():
            flush(number)
        elif not line.strip():
            flush(0)  # a blank line cuts the comment off from what follows
        if start is None:
            continue
        match = _DIRECTIVE.search(line, body)
        if match is None or line[body : match.start()].strip():
            continue
        if is_comment_only:
            pending.append((number, start, match, len(line)))
        else:
            found.append(_make(source, number, start, len(line), match, number, line_offsets))
    flush(0)  # comments at the end of the file apply to nothing
    return found


def _make(
    source: SourceText,
    line: int,
    column: int,
    end: int,
    match: re.Match[str],
    target: int,
    line_offsets: list[int],
) -> IgnoreComment:
    base = line_offsets[line - 1] if line - 1 < len(line_offsets) else 0
    span = Span(source.display, line, column + 1, line, end + 1, base + column, base + end)
    rules_text = match.group("rules")
    rules = tuple(r.strip() for r in (rules_text or "").split(",") if r.strip())
    rest = match.group("rest").strip()
    if "*/" in rest and source.path.suffix == ".json":  # the end of a `/* ... */` comment
        rest = rest[: rest.index("*/")].strip()
    reason = rest.removeprefix("--").strip() or None
    return IgnoreComment(span, target, rules, reason, well_formed=bool(match.group("open")) and bool(rules))
