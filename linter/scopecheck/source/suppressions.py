"""Finds `# scopecheck: ignore[...]` comments, which YAML parsers throw away.

A comment silences findings on its own line, or, alone on a line, on the next
line that is not itself a comment. The reason follows `--` (or just follows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scopecheck.findings import Span
from scopecheck.source.files import SourceText

_DIRECTIVE = re.compile(
    r"scopecheck\s*:\s*ignore(?P<open>\[(?P<rules>[^\]]*)\])?(?P<rest>.*)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
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


def find_ignores(source: SourceText) -> list[IgnoreComment]:
    found: list[IgnoreComment] = []
    pending: list[tuple[int, int, re.Match[str], int]] = []  # comment-only lines waiting for a target
    offset = 0
    line_offsets = []
    for text in source.text.splitlines(keepends=True):
        line_offsets.append(offset)
        offset += len(text)
    for number, line in enumerate(source.lines, start=1):
        start = comment_start(line)
        code = line[:start] if start is not None else line
        is_comment_only = start is not None and not code.strip()
        if code.strip():
            for comment_line, column, match, end in pending:
                found.append(_make(source, comment_line, column, end, match, number, line_offsets))
            pending = []
        elif not line.strip():
            pending = []  # a blank line ends a block of comments
        if start is None:
            continue
        match = _DIRECTIVE.search(line, start + 1)
        if match is None or line[start + 1 : match.start()].strip():
            continue
        if is_comment_only:
            pending.append((number, start, match, len(line)))
        else:
            found.append(_make(source, number, start, len(line), match, number, line_offsets))
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
    reason = rest.removeprefix("--").strip() or None
    return IgnoreComment(span, target, rules, reason, well_formed=bool(match.group("open")) and bool(rules))
