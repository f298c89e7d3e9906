"""The Compass fields a literal GraphQL document selects: `query { compass { component(...) } }`.

A small reader, not a GraphQL parser: it strips comments and strings, skips arguments,
follows aliases (`c: compass`), and gives up (None) on anything it cannot pin: a fragment
spread, more than one operation, a root field other than `compass`.
"""

from __future__ import annotations

import re

#: one pass, the earliest match wins: a block string, a string (never across lines), a comment
#: (dropped), or a token
_LEXEME = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\\n])*"|#[^\n]*|\.\.\.|[A-Za-z_]\w*|[{}():]|\S')


def compass_fields(document: str) -> tuple[str, list[str], bool] | None:
    """(`query` or `mutation`, the fields selected under `compass`, whether any of them selects
    fields of its own: a nested field may need another scope), or None when the document
    selects anything else or something this reader cannot follow."""
    tokens = ['""' if t.startswith('"') else t for t in _LEXEME.findall(document) if not t.startswith("#")]
    if not tokens:
        return None
    index = 0
    kind = "query"
    if tokens[0] in ("query", "mutation", "subscription"):
        kind = tokens[0]
        index = 1
        while index < len(tokens) and tokens[index] != "{":  # name and variables
            if tokens[index] == "(":
                index = _skip(tokens, index, "(", ")")
            else:
                index += 1
    if kind == "subscription" or index >= len(tokens) or tokens[index] != "{":
        return None
    roots, end = _selection(tokens, index, 0)
    if roots is None or end != len(tokens) or not roots or any(name != "compass" for name, _ in roots):
        return None
    fields: list[str] = []
    nested = False
    for _name, inner in roots:
        if inner is None:
            return None
        fields.extend(name for name, _sub in inner)
        nested = nested or any(sub is not None for _n, sub in inner)
    return kind, fields, nested


def _selection(tokens: list[str], index: int, depth: int) -> tuple[list[tuple[str, list | None]] | None, int]:
    """The fields of the selection set opening at `index` (with each one's own selection, for
    the root and `compass` levels; deeper selections are skipped: they need no other scope)."""
    assert tokens[index] == "{"
    if depth >= 2:
        return [("", None)], _skip(tokens, index, "{", "}")
    index += 1
    found: list[tuple[str, list | None]] = []
    while index < len(tokens) and tokens[index] != "}":
        token = tokens[index]
        if token == "...":
            return None, index  # a fragment: what it selects is elsewhere
        if not re.fullmatch(r"[A-Za-z_]\w*", token):
            return None, index
        name = token
        index += 1
        if index < len(tokens) and tokens[index] == ":":  # `alias: field`
            if index + 1 >= len(tokens):
                return None, index
            name = tokens[index + 1]
            index += 2
        if index < len(tokens) and tokens[index] == "(":
            index = _skip(tokens, index, "(", ")")
        inner = None
        if index < len(tokens) and tokens[index] == "{":
            inner, index = _selection(tokens, index, depth + 1)
            if inner is None:
                return None, index
        found.append((name, inner))
    if index >= len(tokens):
        return None, index
    return found, index + 1


def _skip(tokens: list[str], index: int, opening: str, closing: str) -> int:
    depth = 0
    while index < len(tokens):
        if tokens[index] == opening:
            depth += 1
        elif tokens[index] == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return index
