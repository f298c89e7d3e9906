"""Two places where tree-sitter's JSX grammar rejects what Babel, esbuild and tsc accept:
a bare `&` in JSX text (`Save & Connect`) and a reserved word as an attribute name
(`<div class="x">`, `<label for="x">`). After such an error its recovery may read the rest
of the file wrongly (a `/*` in later JSX text taken for a comment that hides code), so the
file is parsed again with each such byte replaced by one of the same length (`&` by a space,
`class` by `klass`, `for` by `fo_`): offsets do not move. The new tree is kept only when it
has no error at all and every replaced byte lies in JSX text or an attribute name; otherwise
the first tree stands, and its error makes the file count as not analysed whole.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree

#: a reserved word written as a JSX attribute name, and its same-length stand-in
_RESERVED_ATTRIBUTE = re.compile(rb"(?<=\s)(class|for)(?=\s*=\s*[\"'{])")
_STAND_IN = {b"class": b"klass", b"for": b"fo_"}
_BARE_AMPERSAND = re.compile(rb"(?<!&)&(?![&=])")
#: how many rounds of mending one file gets (each round mends the errors the last parse shows)
_ROUNDS = 4


def mended(parser: Parser, tree: Tree, data: bytes) -> Tree:
    """`tree`, or a tree of `data` with the bytes above replaced when that parses cleanly."""
    if not tree.root_node.has_error or (b"&" not in data and not _RESERVED_ATTRIBUTE.search(data)):
        return tree
    patched = bytearray(data)
    ampersands: list[int] = []
    names: list[int] = []
    spans = [(error.start_byte, error.end_byte) for error in _errors(tree.root_node)]
    for match in _RESERVED_ATTRIBUTE.finditer(data):
        if any(start <= match.start() < end for start, end in spans):  # where the parser stopped
            patched[match.start() : match.end()] = _STAND_IN[match.group(1)]
            names.append(match.start())
    current = parser.parse(bytes(patched)) if names else tree
    for _round in range(_ROUNDS):
        if not current.root_node.has_error:
            break
        found = [
            offset
            for error in _errors(current.root_node)
            for offset in _ampersands(patched, error.start_byte, error.end_byte)
            if offset not in ampersands
        ]
        if not found:
            return tree
        for offset in found:
            patched[offset : offset + 1] = b" "
        ampersands.extend(found)
        current = parser.parse(bytes(patched))
    if current.root_node.has_error:
        return tree
    root = current.root_node
    if all(_node_at(root, o).type == "jsx_text" for o in ampersands) and all(
        _is_attribute_name(_node_at(root, o)) for o in names
    ):
        return current
    return tree


def _errors(node: Node) -> list[Node]:
    """The ERROR nodes under `node`, outermost first (searched along `has_error`)."""
    found: list[Node] = []
    for child in node.children:
        if child.type == "ERROR":
            found.append(child)
        elif child.has_error:
            found.extend(_errors(child))
    return found


def _ampersands(data: bytearray, start: int, end: int) -> list[int]:
    """The offsets of each `&` alone (not `&&` or `&=`) in `data[start:end]`: where the parser
    stopped, tried as JSX text (the new tree must then put each one in JSX text)."""
    return [match.start() for match in _BARE_AMPERSAND.finditer(data, start, end)]


def _node_at(root: Node, offset: int) -> Node:
    node = root.descendant_for_byte_range(offset, offset + 1)
    return node if node is not None else root


def _is_attribute_name(node: Node) -> bool:
    return (
        node.type == "property_identifier" and node.parent is not None and node.parent.type == "jsx_attribute"
    )
