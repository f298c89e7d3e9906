"""Plan text edits for list and scalar changes in a positioned YAML document, then prove them.

`--fix` edits files people wrote by hand, so every layout must survive: block lists with any
dash spacing or indentation, flow lists over several lines with comments and trailing commas,
a missing list or parent mapping, `{}`, a `...` end marker, CRLF, CR-only and mixed line
endings. All changes to one file are planned together (two additions never create two
`permissions:` blocks), and `check_edited` parses the result again: it must read as the old
document with exactly the intended changes, keep every comment that was not on a deleted
line, and keep the file's line endings. What cannot be edited without guessing (anchors,
aliases, merge keys, duplicate keys, unusual line breaks) is refused with a reason.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from scopecheck.core.findings import Edit, EntryChange, ListChange, MappingChange, ScalarChange
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_nodes import (
    Mapping,
    Node,
    Scalar,
    YamlDocument,
    parse_yaml,
    to_python,
)
from scopecheck.source.yaml_nodes import Sequence as SequenceNode

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how pyyaml was installed
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Change = ListChange | ScalarChange | MappingChange | EntryChange

_DASH_PREFIX = re.compile(r"[ ]*-[ ]+")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._/*@+=-]*")
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


class Refused(Exception):
    """The change cannot be made without guessing; the message says why, for a person."""


@dataclass
class Plan:
    """Edits for one file, the value the edited document must read as, and the ranges deleted
    on purpose (comments there go with them)."""

    edits: list[Edit] = field(default_factory=list)
    expected: Any = None
    deleted: list[tuple[int, int]] = field(default_factory=list)


def merge_changes(changes: Iterable[Change]) -> list[Change]:
    """One ListChange per list (additions in first-seen order, removals unioned); scalar
    changes once each, the first one winning where two name the same scalar."""
    lists: dict[tuple[str, tuple[str, ...]], ListChange] = {}
    scalars: dict[tuple[str, int], ScalarChange] = {}
    mappings: dict[tuple[str, tuple[str, ...]], MappingChange] = {}
    entries: dict[tuple[str, tuple[str, ...]], EntryChange] = {}
    for change in changes:
        if isinstance(change, EntryChange):
            entries.setdefault((change.path, change.keys), change)
            continue
        if isinstance(change, MappingChange):
            key = (change.path, change.keys)
            old_mapping = mappings.get(key)
            if old_mapping is None or change.exact:
                mappings[key] = change
            elif not old_mapping.exact:
                merged = dict(old_mapping.set) | dict(change.set)
                removed = tuple(dict.fromkeys((*old_mapping.remove, *change.remove)))
                mappings[key] = MappingChange(
                    change.path,
                    change.keys,
                    tuple(merged.items()),
                    tuple(k for k in removed if k not in merged),
                )
            continue
        if isinstance(change, ListChange):
            key = (change.path, change.keys)
            old = lists.get(key)
            if old is None:
                lists[key] = change
            else:
                lists[key] = ListChange(
                    change.path,
                    change.keys,
                    tuple(dict.fromkeys((*old.add, *change.add))),
                    tuple(sorted({*old.remove, *change.remove})),
                )
        else:
            scalars.setdefault((change.path, change.offset), change)
    return [*lists.values(), *scalars.values(), *mappings.values(), *entries.values()]


def plan_changes(doc: YamlDocument, changes: Sequence[Change]) -> Plan:
    """Edits that make every change in `changes` (all for this document); raises Refused."""
    if doc.source is None or doc.root is None or not doc.usable:
        raise Refused("the file cannot be read as YAML")
    if doc.problems:  # a usable document with problems has duplicate keys
        raise Refused("the file has duplicate keys; remove them first")
    text = doc.source.text
    if any(ch in text for ch in _ODD_BREAKS):
        raise Refused("the file uses unusual line breaks (NEL, LS or PS)")
    plan = Plan(expected=to_python(doc.root))
    removed_items = {offset for c in changes if isinstance(c, ListChange) for offset in c.remove}
    for change in merge_changes(changes):
        if isinstance(change, ListChange):
            _plan_list(doc, change, plan)
        elif isinstance(change, MappingChange):
            _plan_mapping(doc, change, plan)
        elif isinstance(change, EntryChange):
            _plan_entry(doc, change, plan)
        elif change.offset not in removed_items:
            _plan_scalar(doc, change, plan)
    _check_overlaps(plan.edits)
    return plan


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; inserts at one point keep their order."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[1].end, item[0]), reverse=True)
    for _order, edit in ordered:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _check_overlaps(edits: list[Edit]) -> None:
    spans = sorted((e.start, e.end) for e in edits)
    for (_start_a, end_a), (start_b, _end_b) in itertools.pairwise(spans):
        if start_b < end_a:
            raise Refused("two fixes edit the same text")


# ---------------------------------------------------------------- lines


def line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def line_end(text: str, pos: int) -> int:
    """Offset of the line break that ends the line holding `pos` (or the end of the text)."""
    found = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i != -1]
    return min(found) if found else len(text)


def next_line(text: str, pos: int) -> int:
    """Offset just after the line break that ends the line holding `pos`."""
    end = line_end(text, pos)
    if end == len(text):
        return end
    return end + (2 if text.startswith("\r\n", end) else 1)


def newline_near(text: str, pos: int) -> str:
    """The line break of the line holding `pos`, else of the line before, else the file's
    first, else a plain newline: added lines match their neighbours in mixed files."""
    for at in (line_end(text, pos), line_start(text, pos) - 1):
        if 0 <= at < len(text):
            if text.startswith("\r\n", at) or (at > 0 and text.startswith("\r\n", at - 1)):
                return "\r\n"
            if text[at] in "\r\n":
                return text[at]
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def line_breaks(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def scalar_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same string."""
    if _PLAIN_SAFE.fullmatch(value) and _resolves_to_str(value):
        return value
    return json.dumps(value)


def _resolves_to_str(value: str) -> bool:
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return bool(tag == "tag:yaml.org,2002:str")


# ---------------------------------------------------------------- tree helpers


def _content_end(text: str, node: Node) -> int:
    """Where a new line can go after `node`: past its last scalar's line. Block collections
    end at the next token, past trailing comments, so their last leaf is what counts."""
    leaf = node
    while True:
        if isinstance(leaf, Mapping) and leaf.pairs:
            leaf = leaf.pairs[-1][1]
        elif isinstance(leaf, SequenceNode) and leaf.items:
            leaf = leaf.items[-1]
        else:
            break
    end = leaf.span.end_offset
    if isinstance(leaf, Scalar) or _is_flow(text, leaf):
        if end > 0 and text[end - 1] in "\r\n":
            return end  # a block scalar ends at the start of the next line
        return next_line(text, end)
    return next_line(text, leaf.span.start_offset)


def _is_flow(text: str, node: Node) -> bool:
    return text[node.span.start_offset : node.span.start_offset + 1] in ("[", "{")


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.value is None and not node.quoted


def _guard_references(doc: YamlDocument, start: int, end: int, what: str) -> None:
    if any(start <= offset <= end for offset in doc.references):
        raise Refused(
            f"`{what}` uses a YAML anchor, alias or merge key; editing it could change other "
            "places that share it, so edit it by hand"
        )


def _indent_step(text: str, root: Mapping) -> int:
    """The document's indentation step, from its first nested block mapping (default 2)."""
    queue: list[Node] = [root]
    while queue:
        node = queue.pop(0)
        if isinstance(node, Mapping) and not _is_flow(text, node):
            for key, value in node.pairs:
                if isinstance(value, Mapping) and value.pairs and not _is_flow(text, value):
                    child = value.pairs[0][0].span.column
                    if child > key.span.column:
                        return child - key.span.column
                queue.append(value)
    return 2


def _path_of(root: Node, offset: int) -> tuple[list[Any], Node] | None:
    """The JSON path and node of the scalar that starts at `offset`."""
    stack: list[tuple[Node, list[Any]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Scalar) and node.span.start_offset == offset:
            return path, node
        if isinstance(node, Mapping):
            for key, value in node.pairs:
                name = key.text if isinstance(key, Scalar) else repr(to_python(key))
                stack.append((value, [*path, name]))
        elif isinstance(node, SequenceNode):
            stack.extend((item, [*path, index]) for index, item in enumerate(node.items))
    return None


def _set_path(value: Any, path: Sequence[Any], new: Any) -> Any:
    """`value` with `path` set to `new`, creating mappings where a key is missing or null."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        value[head] = _set_path(value[head], rest, new)
        return value
    if not isinstance(value, dict):
        value = {}
    value[head] = _set_path(value.get(head), rest, new)
    return value


# ---------------------------------------------------------------- scalar changes


def _plan_scalar(doc: YamlDocument, change: ScalarChange, plan: Plan) -> None:
    assert doc.source is not None and doc.root is not None
    text = doc.source.text
    found = _path_of(doc.root, change.offset)
    if found is None:
        raise Refused("the value to change is no longer there")
    path, node = found
    span = node.span
    _guard_references(doc, span.start_offset, span.end_offset, str(path[-1]) if path else "value")
    written = text[span.start_offset : span.end_offset]
    if written.startswith("'"):
        new = "'" + change.value.replace("'", "''") + "'"
    elif written.startswith('"'):
        new = json.dumps(change.value)
    elif written[:1] in ("|", ">") or "\n" in written or "\r" in written:
        raise Refused("the value is a multi-line scalar; edit it by hand")
    else:
        new = scalar_text(change.value)
    plan.edits.append(Edit(change.path, span.start_offset, span.end_offset, new))
    plan.expected = _set_path(plan.expected, path, change.value)


# ---------------------------------------------------------------- list changes


def _plan_list(doc: YamlDocument, change: ListChange, plan: Plan) -> None:
    assert doc.source is not None and isinstance(doc.root, Node)
    text = doc.source.text
    root = doc.root
    if not isinstance(root, Mapping):
        raise Refused("the file's top level is not a mapping")
    parent: Mapping = root
    parent_key: Scalar | None = None
    for depth, name in enumerate(change.keys):
        pairs = parent.get_all(name)
        where = ".".join(change.keys[: depth + 1])
        if len(pairs) > 1:
            raise Refused(f"`{where}` appears twice; remove the duplicate first")
        if not pairs:
            if change.add:
                _create(doc, parent, parent_key, change, depth, plan)
            return
        key, value = pairs[0]
        if value.span.start_offset < key.span.end_offset or (
            parent_key is not None and key.span.start_offset < parent_key.span.start_offset
        ):
            raise Refused(f"`{where}` comes from an alias or anchor written elsewhere; edit it by hand")
        if depth == 0:
            end = max(key.span.end_offset, value.span.end_offset, _content_end(text, value))
            _guard_references(doc, key.span.start_offset, end, where)
        if depth == len(change.keys) - 1:
            _edit_list(doc, key, value, change, plan)
            return
        if _is_null(value):
            if change.add:
                _fill_null(doc, key, value, change, depth + 1, plan)
            return
        if not isinstance(value, Mapping):
            raise Refused(f"`{where}` is not a mapping")
        parent, parent_key = value, key


def _expected_list(plan: Plan, keys: Sequence[str], items: list[Any]) -> None:
    plan.expected = _set_path(plan.expected, list(keys), items)


def _block_lines(names: Sequence[str], keys: Sequence[str], indent: int, step: int, nl: str) -> str:
    """`keys` as nested block mappings at `indent`, ending in a block list of `names`."""
    lines = [" " * (indent + i * step) + f"{key}:" for i, key in enumerate(keys)]
    item_indent = " " * (indent + len(keys) * step)
    lines += [f"{item_indent}- {scalar_text(name)}" for name in names]
    return nl.join(lines) + nl


def _flow_value(names: Sequence[str], keys: Sequence[str]) -> str:
    """`keys` as nested flow mappings ending in a flow list: `{scopes: [a, b]}`."""
    value = "[" + ", ".join(scalar_text(n) for n in names) + "]"
    for key in reversed(keys):
        value = "{" + f"{key}: {value}" + "}"
    return value


def _insert_lines(text: str, at: int, body: str, nl: str) -> str:
    """`body` (whole lines) to insert at `at`; at the end of a file without a final line
    break the break goes first, so the file keeps ending the way it did."""
    if at == len(text) and text and text[-1] not in "\r\n":
        return nl + body[: -len(nl)]
    return body


def _create(
    doc: YamlDocument,
    parent: Mapping,
    parent_key: Scalar | None,
    change: ListChange,
    depth: int,
    plan: Plan,
) -> None:
    """Add `change.keys[depth:]` to `parent`, which lacks `change.keys[depth]`."""
    assert doc.source is not None and isinstance(doc.root, Mapping)
    text = doc.source.text
    missing = change.keys[depth:]
    names = list(dict.fromkeys(change.add))
    path = change.path
    if _is_flow(text, parent):
        start, end = parent.span.start_offset, parent.span.end_offset
        _guard_references(doc, start, end, ".".join(change.keys[:depth]) or "the file")
        inner = text[start + 1 : end - 1]
        entry = _flow_value(names, missing)[1:-1]  # `scopes: [a]` without the outer braces
        if not inner.strip():
            if parent is doc.root:
                step = 2
                nl = newline_near(text, start)
                body = _block_lines(names, missing, 0, step, nl)
                plan.edits.append(Edit(path, start, end, body[: -len(nl)]))
            else:
                plan.edits.append(Edit(path, start, end, "{" + entry + "}"))
        else:
            plan.edits.append(Edit(path, start + 1, start + 1, entry + ", "))
        _expected_list(plan, change.keys, names)
        return
    if parent.pairs:
        first_key = parent.pairs[0][0]
        indent = first_key.span.column - 1
        if parent_key is not None:
            step = indent - (parent_key.span.column - 1)
        else:
            step = _indent_step(text, doc.root)
        step = step if step > 0 else 2
        at = _content_end(text, parent)
        nl = newline_near(text, max(at - 1, 0))
        body = _block_lines(names, missing, indent, step, nl)
        plan.edits.append(Edit(path, at, at, _insert_lines(text, at, body, nl)))
        _expected_list(plan, change.keys, names)
        return
    raise Refused(f"cannot add `{'.'.join(change.keys)}` to an empty mapping here")


def _fill_null(
    doc: YamlDocument, key: Scalar, value: Node, change: ListChange, depth: int, plan: Plan
) -> None:
    """`key:` with no value (or `~`/`null`) gets `change.keys[depth:]` and the items."""
    assert doc.source is not None and isinstance(doc.root, Mapping)
    text = doc.source.text
    names = list(dict.fromkeys(change.add))
    missing = change.keys[depth:]
    written = text[value.span.start_offset : value.span.end_offset]
    if written.strip():  # `~` or `null`: a flow value in its place
        plan.edits.append(
            Edit(change.path, value.span.start_offset, value.span.end_offset, _flow_value(names, missing))
        )
    else:
        rest = text[key.span.end_offset : line_end(text, key.span.end_offset)]
        if not re.fullmatch(r"\s*:\s*(#.*)?", rest):
            raise Refused(f"cannot read the layout after `{key.text}:`")
        step = _indent_step(text, doc.root)
        indent = key.span.column - 1 + step
        at = next_line(text, key.span.end_offset)
        nl = newline_near(text, key.span.end_offset)
        if missing:
            body = _block_lines(names, missing, indent, step, nl)
        else:
            body = "".join(f"{' ' * indent}- {scalar_text(n)}{nl}" for n in names)
        plan.edits.append(Edit(change.path, at, at, _insert_lines(text, at, body, nl)))
    _expected_list(plan, change.keys, names)


def _edit_list(doc: YamlDocument, key: Scalar, value: Node, change: ListChange, plan: Plan) -> None:
    assert doc.source is not None
    where = ".".join(change.keys)
    if _is_null(value):
        if change.add:
            _fill_null(doc, key, value, change, len(change.keys), plan)
        return
    if not isinstance(value, SequenceNode):
        raise Refused(f"`{where}` is not a list")
    _guard_references(doc, value.span.start_offset, value.span.end_offset, where)
    items = value.items
    if not all(isinstance(item, Scalar) for item in items):
        raise Refused(f"`{where}` holds something other than plain values")
    offsets = {item.span.start_offset for item in items}
    stale = [o for o in change.remove if o not in offsets]
    if stale:
        raise Refused("an item to remove is no longer in the list")
    kept = [item for item in items if item.span.start_offset not in change.remove]
    present = {to_python(item) for item in kept}
    add = [name for name in dict.fromkeys(change.add) if name not in present]
    if not add and len(kept) == len(items):
        return
    _expected_list(plan, change.keys, [to_python(item) for item in kept] + add)
    if _is_flow(doc.source.text, value):
        _edit_flow_list(doc, value, kept, add, change.path, plan)
    else:
        _edit_block_list(doc, key, value, kept, add, change.path, plan)


def _edit_block_list(
    doc: YamlDocument,
    key: Scalar,
    value: SequenceNode,
    kept: list[Node],
    add: list[str],
    path: str,
    plan: Plan,
) -> None:
    assert doc.source is not None
    text = doc.source.text
    lines: dict[int, tuple[int, int, str]] = {}  # item offset -> (line start, after its line, dash prefix)
    for item in value.items:
        start = line_start(text, item.span.start_offset)
        prefix = text[start : item.span.start_offset]
        if not _DASH_PREFIX.fullmatch(prefix):
            raise Refused(f"`{key.text}` has an item that is not on a `- ` line of its own")
        tail = text[item.span.end_offset : line_end(text, item.span.end_offset)]
        if tail.strip() and not tail.strip().startswith("#"):
            raise Refused(f"`{key.text}` has text after an item")
        lines[item.span.start_offset] = (start, next_line(text, item.span.end_offset), prefix)
    kept_offsets = {item.span.start_offset for item in kept}
    for offset, (start, end, _prefix) in lines.items():
        if offset in kept_offsets:
            continue
        if end == len(text) and text[-1:] not in ("\r", "\n") and start > 0:
            # the last line of a file without a final break: take the break before it instead
            cut = start - (2 if text[start - 2 : start] == "\r\n" else 1)
            plan.edits.append(Edit(path, cut, end, ""))
            plan.deleted.append((cut, end))
        else:
            plan.edits.append(Edit(path, start, end, ""))
            plan.deleted.append((start, end))
    if not kept and not add:  # an empty block list would read as null: write `[]`
        colon = text.index(":", key.span.end_offset) + 1
        plan.edits.append(Edit(path, colon, colon, " []"))
        return
    if add:
        last = value.items[-1]
        _start, at, prefix = lines[last.span.start_offset]
        nl = newline_near(text, last.span.start_offset)
        body = "".join(f"{prefix}{scalar_text(name)}{nl}" for name in add)
        if at == len(text) and text[-1:] not in ("\r", "\n"):
            body = nl + body[: -len(nl)]  # the file keeps ending without a line break
        plan.edits.append(Edit(path, at, at, body))


def _flow_tokens(text: str, value: SequenceNode) -> list[Any]:
    start, end = value.span.start_offset, value.span.end_offset
    try:
        tokens = list(yaml.scan(text[start:end], Loader=_Loader))
    except yaml.YAMLError as exc:  # pragma: no cover - the document parsed already
        raise Refused(f"cannot read the list: {exc}") from None
    return [t for t in tokens if not isinstance(t, (yaml.StreamStartToken, yaml.StreamEndToken))]


def _edit_flow_list(
    doc: YamlDocument,
    value: SequenceNode,
    kept: list[Node],
    add: list[str],
    path: str,
    plan: Plan,
) -> None:
    assert doc.source is not None
    text = doc.source.text
    base = value.span.start_offset
    tokens = _flow_tokens(text, value)
    inner = tokens[1:-1]
    if not (
        isinstance(tokens[0], yaml.FlowSequenceStartToken)
        and isinstance(tokens[-1], yaml.FlowSequenceEndToken)
    ) or any(not isinstance(t, (yaml.ScalarToken, yaml.FlowEntryToken)) for t in inner):
        raise Refused("the flow list holds something other than plain values")
    # items with the comma that follows each, as absolute offsets
    entries: list[tuple[int, int, tuple[int, int] | None]] = []
    for token in inner:
        start, end = base + token.start_mark.index, base + token.end_mark.index
        if isinstance(token, yaml.ScalarToken):
            entries.append((start, end, None))
        elif entries and entries[-1][2] is None:
            entries[-1] = (entries[-1][0], entries[-1][1], (start, end))
        else:
            raise Refused("the flow list has an empty entry")
    span_text = text[value.span.start_offset : value.span.end_offset]
    kept_offsets = {item.span.start_offset for item in kept}
    simple = "\n" not in span_text and "\r" not in span_text and "#" not in _between_tokens(span_text, tokens)
    if simple:
        words = [text[s:e] for s, e, _c in entries if s in kept_offsets] + [scalar_text(n) for n in add]
        new = "[" + ", ".join(words) + "]"
        plan.edits.append(Edit(path, value.span.start_offset, value.span.end_offset, new))
        plan.deleted.append((value.span.start_offset, value.span.end_offset))
        return
    trailing_comma = bool(entries) and entries[-1][2] is not None

    def cut(start: int, end: int) -> None:
        before = text[line_start(text, start) : start]
        after = text[end : line_end(text, end)]
        if not before.strip() and not after.strip():  # alone on its line: the line goes
            start, end = line_start(text, start), next_line(text, end)
            plan.edits.append(Edit(path, start, end, ""))
            plan.deleted.append((start, end))
            return
        stop = end
        while stop < len(text) and text[stop] in " \t":
            stop += 1
        if stop < len(text) and text[stop] == "#" and stop > end:
            stop -= 1  # a comment needs a space before it
        end = stop
        plan.edits.append(Edit(path, start, end, ""))
        plan.deleted.append((start, end))

    kept_entries = [e for e in entries if e[0] in kept_offsets]
    for start, end, comma in entries:
        if start in kept_offsets:
            continue
        cut(start, end)
        if comma is not None:
            cut(*comma)
    if kept_entries and not trailing_comma and entries[-1][0] not in kept_offsets:
        last_kept_comma = kept_entries[-1][2]
        assert last_kept_comma is not None
        cut(*last_kept_comma)
    if add:
        joined = ", ".join(scalar_text(n) for n in add)
        if kept_entries:
            at = kept_entries[-1][1]
            plan.edits.append(Edit(path, at, at, ", " + joined))
        else:
            at = value.span.start_offset + 1
            plan.edits.append(Edit(path, at, at, joined + ("," if trailing_comma else "")))


def _between_tokens(span_text: str, tokens: list[Any]) -> str:
    """The text of a flow list outside its tokens: whitespace and comments."""
    out, at = [], 0
    for token in tokens:
        out.append(span_text[at : token.start_mark.index])
        at = token.end_mark.index
    out.append(span_text[at:])
    return "".join(out)


# ---------------------------------------------------------------- mapping changes


def _plan_mapping(doc: YamlDocument, change: MappingChange, plan: Plan) -> None:
    """Set and remove `key: scalar` pairs of the mapping at `change.keys`, or make it exactly
    `change.set`; the mapping is created (before its parent's first key) when missing."""
    assert doc.source is not None
    text = doc.source.text
    parent: Node | None = doc.root
    for depth, name in enumerate(change.keys[:-1]):
        if not isinstance(parent, Mapping):
            raise Refused(f"`{'.'.join(change.keys[:depth])}` is not a mapping")
        pairs = parent.get_all(name)
        if len(pairs) != 1:
            raise Refused(f"`{'.'.join(change.keys[: depth + 1])}` is missing or written twice")
        parent = pairs[0][1]
    if not isinstance(parent, Mapping) or _is_flow(text, parent):
        raise Refused(f"`{'.'.join(change.keys[:-1]) or 'the file'}` is not a block mapping")
    name = change.keys[-1]
    where = ".".join(change.keys)
    pairs = parent.get_all(name)
    if len(pairs) > 1:
        raise Refused(f"`{where}` is written twice")
    _guard_references(doc, parent.span.start_offset, parent.span.end_offset, where)
    wanted = dict(change.set)
    if not pairs:
        if not change.exact and not wanted:
            return
        _create_mapping(doc, parent, name, wanted, change, plan)
        return
    key, value = pairs[0]
    if isinstance(value, Mapping) and not _is_flow(text, value):
        _edit_block_mapping(doc, key, value, change, plan)
        return
    if isinstance(value, Mapping):  # a flow mapping: rewritten whole when it is simple
        current = {k: to_python(v) for k, _n, v in value.items()}
        result = _mapping_result(current, change)
        written = text[value.span.start_offset : value.span.end_offset]
        if "\n" in written or "#" in _between_tokens_text(text, value):
            raise Refused(f"`{where}` is a flow mapping over several lines; edit it by hand")
        plan.edits.append(
            Edit(change.path, value.span.start_offset, value.span.end_offset, _flow_mapping(result))
        )
        plan.deleted.append((value.span.start_offset, value.span.end_offset))
        _expected_mapping(plan, change.keys, result)
        return
    if not change.exact:
        raise Refused(
            f"`{where}` is `{text[value.span.start_offset : value.span.end_offset]}`, not a mapping"
        )
    _replace_with_block(doc, key, value, wanted, change, plan)


def _mapping_result(current: dict[str, Any], change: MappingChange) -> dict[str, Any]:
    if change.exact:
        return dict(change.set)
    result = {k: v for k, v in current.items() if k not in change.remove}
    result.update(dict(change.set))
    return result


def _expected_mapping(plan: Plan, keys: Sequence[str], result: dict[str, Any]) -> None:
    plan.expected = _set_path(plan.expected, list(keys), result)


def _flow_mapping(result: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{scalar_text(str(k))}: {scalar_text(str(v))}" for k, v in result.items()) + "}"


def _between_tokens_text(text: str, node: Node) -> str:
    span_text = text[node.span.start_offset : node.span.end_offset]
    try:
        tokens = [
            t
            for t in yaml.scan(span_text, Loader=_Loader)
            if not isinstance(t, (yaml.StreamStartToken, yaml.StreamEndToken))
        ]
    except yaml.YAMLError:
        return span_text
    return _between_tokens(span_text, tokens)


def _block_pairs(result: dict[str, Any], indent: int, nl: str) -> str:
    return "".join(
        f"{' ' * indent}{scalar_text(str(k))}: {scalar_text(str(v))}{nl}" for k, v in result.items()
    )


def _create_mapping(
    doc: YamlDocument, parent: Mapping, name: str, wanted: dict[str, str], change: MappingChange, plan: Plan
) -> None:
    assert doc.source is not None and isinstance(doc.root, Mapping)
    text = doc.source.text
    first = parent.pairs[0][0] if parent.pairs else None
    if first is None:
        raise Refused(f"`{'.'.join(change.keys[:-1])}` is empty")
    at = line_start(text, first.span.start_offset)
    indent = first.span.column - 1
    if text[at : first.span.start_offset].strip():  # the first key shares its line (`- key: x`)
        at = next_line(text, first.span.start_offset)
        if len(parent.pairs) < 2:
            raise Refused(f"cannot place `{name}` in `{'.'.join(change.keys[:-1])}`")
        second = parent.pairs[1][0]
        at = line_start(text, second.span.start_offset)
        indent = second.span.column - 1
    step = _indent_step(text, doc.root)
    nl = newline_near(text, at)
    body = f"{' ' * indent}{name}:{' {}' if not wanted else ''}{nl}" + _block_pairs(wanted, indent + step, nl)
    plan.edits.append(Edit(change.path, at, at, body))
    _expected_mapping(plan, change.keys, dict(wanted))


def _edit_block_mapping(
    doc: YamlDocument, key: Scalar, value: Mapping, change: MappingChange, plan: Plan
) -> None:
    assert doc.source is not None
    text = doc.source.text
    current = {k: to_python(v) for k, _n, v in value.items()}
    result = _mapping_result(current, change)
    lines: dict[str, tuple[int, int]] = {}
    for name, name_node, item in value.items():
        start = line_start(text, name_node.span.start_offset)
        if text[start : name_node.span.start_offset].strip() or not isinstance(item, Scalar):
            raise Refused(f"`{'.'.join(change.keys)}` has an entry that is not a `name: level` line")
        tail = text[item.span.end_offset : line_end(text, item.span.end_offset)]
        if tail.strip() and not tail.strip().startswith("#"):
            raise Refused(f"`{'.'.join(change.keys)}` has text after an entry")
        lines[name] = (start, next_line(text, item.span.end_offset))
    indent = value.pairs[0][0].span.column - 1
    for name, _name_node, item in value.items():
        if name not in result:
            start, end = lines[name]
            plan.edits.append(Edit(change.path, start, end, ""))
            plan.deleted.append((start, end))
        elif str(result[name]) != str(current[name]):
            assert isinstance(item, Scalar)
            plan.edits.append(
                Edit(
                    change.path, item.span.start_offset, item.span.end_offset, scalar_text(str(result[name]))
                )
            )
    added = {k: v for k, v in result.items() if k not in current}
    last_end = max(end for _start, end in lines.values())
    nl = newline_near(text, max(last_end - 1, 0))
    if not result:  # every entry removed: the mapping becomes `{}`
        colon = text.index(":", key.span.end_offset) + 1
        plan.edits.append(Edit(change.path, colon, colon, " {}"))
    elif added:
        body = _block_pairs(added, indent, nl)
        plan.edits.append(Edit(change.path, last_end, last_end, _insert_lines(text, last_end, body, nl)))
    _expected_mapping(plan, change.keys, result)


def _replace_with_block(
    doc: YamlDocument, key: Scalar, value: Node, wanted: dict[str, str], change: MappingChange, plan: Plan
) -> None:
    """`permissions: write-all` (or nothing) becomes a block of `wanted`, or `{}`; a comment
    after it stays where it is."""
    assert doc.source is not None and isinstance(doc.root, Mapping)
    text = doc.source.text
    colon = text.index(":", key.span.end_offset)
    has_value = value.span.end_offset > colon and bool(
        text[value.span.start_offset : value.span.end_offset].strip()
    )
    end = value.span.end_offset if has_value else colon + 1
    rest = text[end : line_end(text, end)]
    if rest.strip() and not rest.strip().startswith("#"):
        raise Refused(f"cannot read the layout after `{key.text}:`")
    if not wanted:
        if has_value:
            plan.edits.append(Edit(change.path, value.span.start_offset, value.span.end_offset, "{}"))
            plan.deleted.append((value.span.start_offset, value.span.end_offset))
        else:
            plan.edits.append(Edit(change.path, colon + 1, colon + 1, " {}"))
        _expected_mapping(plan, change.keys, {})
        return
    if has_value:  # drop ` write-all`, keep the key and whatever comment follows
        plan.edits.append(Edit(change.path, colon + 1, value.span.end_offset, ""))
        plan.deleted.append((colon + 1, value.span.end_offset))
    step = _indent_step(text, doc.root)
    at = next_line(text, colon)
    nl = newline_near(text, colon)
    body = _block_pairs(wanted, key.span.column - 1 + step, nl)
    plan.edits.append(Edit(change.path, at, at, _insert_lines(text, at, body, nl)))
    _expected_mapping(plan, change.keys, dict(wanted))


# ---------------------------------------------------------------- nested entries


def _plan_entry(doc: YamlDocument, change: EntryChange, plan: Plan) -> None:
    """Add `change.keys` (the last one with `change.value`), creating what is missing."""
    assert doc.source is not None and isinstance(doc.root, Mapping)
    text = doc.source.text
    step = _indent_step(text, doc.root)
    node: Node = doc.root
    key_node: Scalar | None = None
    for depth, name in enumerate(change.keys):
        where = ".".join(change.keys[: depth + 1])
        if _is_null(node) and key_node is not None:
            _fill_key(doc, key_node, node, change.keys[depth:], change, step, plan)
            return
        if not isinstance(node, Mapping) or _is_flow(text, node):
            raise Refused(f"`{'.'.join(change.keys[:depth]) or 'the file'}` is not a block mapping")
        pairs = node.get_all(name)
        if len(pairs) > 1:
            raise Refused(f"`{where}` is written twice")
        if not pairs:
            _append_keys(doc, node, change.keys[depth:], change, step, plan)
            return
        key_node, node = pairs[0]
        if node.span.start_offset < key_node.span.end_offset:
            raise Refused(f"`{where}` comes from an alias; edit it by hand")
    # the key is there already: nothing to add


def _nested_lines(keys: Sequence[str], value: str, indent: int, step: int, nl: str) -> str:
    lines = [" " * (indent + i * step) + f"{scalar_text(k)}:" for i, k in enumerate(keys)]
    lines[-1] += f" {scalar_text(value)}"
    return nl.join(lines) + nl


def _append_keys(
    doc: YamlDocument, parent: Mapping, keys: Sequence[str], change: EntryChange, step: int, plan: Plan
) -> None:
    assert doc.source is not None
    text = doc.source.text
    if not parent.pairs:
        raise Refused(f"cannot add `{keys[0]}` to an empty mapping")
    indent = parent.pairs[0][0].span.column - 1
    at = _content_end(text, parent)
    nl = newline_near(text, max(at - 1, 0))
    body = _nested_lines(keys, change.value, indent, step, nl)
    plan.edits.append(Edit(change.path, at, at, _insert_lines(text, at, body, nl)))
    plan.expected = _set_path(plan.expected, list(change.keys), change.value)


def _fill_key(
    doc: YamlDocument,
    key: Scalar,
    value: Node,
    keys: Sequence[str],
    change: EntryChange,
    step: int,
    plan: Plan,
) -> None:
    """`key:` with nothing after it gets the rest of the path below it."""
    assert doc.source is not None
    text = doc.source.text
    if text[value.span.start_offset : value.span.end_offset].strip():
        raise Refused(f"`{key.text}` holds `~` or `null`; write it as an empty mapping first")
    at = next_line(text, key.span.end_offset)
    nl = newline_near(text, key.span.end_offset)
    body = _nested_lines(keys, change.value, key.span.column - 1 + step, step, nl)
    plan.edits.append(Edit(change.path, at, at, _insert_lines(text, at, body, nl)))
    plan.expected = _set_path(plan.expected, list(change.keys), change.value)


# ---------------------------------------------------------------- the check


def comments(text: str) -> list[tuple[int, str]]:
    """(offset, text) of every comment: text outside YAML tokens that starts with `#`."""
    try:
        tokens = list(yaml.scan(text, Loader=_Loader))
    except yaml.YAMLError:
        return []
    found: list[tuple[int, str]] = []
    at = 0
    for token in [*tokens, None]:
        gap_end = token.start_mark.index if token is not None else len(text)
        gap = text[at:gap_end]
        for match in re.finditer(r"#[^\r\n]*", gap):
            found.append((at + match.start(), match.group(0).rstrip()))
        if token is not None:
            at = max(at, token.end_mark.index)
    return found


def check_edited(old: YamlDocument, new_text: str, plan: Plan) -> str | None:
    """Why the edited text is not what was meant, or None when it is: it parses with no
    problem, reads as the old document with exactly the planned changes, keeps every comment
    outside the deleted ranges, and uses no line break the file did not use."""
    assert old.source is not None
    new = parse_yaml(SourceText.from_text(old.source.path, old.source.display, new_text))
    if not new.usable or new.problems:
        problems = "; ".join(p.message for p in new.problems) or "it does not parse"
        return f"the edited file would not read back: {problems}"
    if to_python(new.root) != plan.expected:
        return "the edited file would read differently than intended"
    kept = [c for offset, c in comments(old.source.text) if not _inside(offset, plan.deleted)]
    if [c for _offset, c in comments(new_text)] != kept:
        return "the edit would lose or move a comment"
    old_breaks = line_breaks(old.source.text) or {"\n"}
    if not line_breaks(new_text) <= old_breaks:
        return "the edit would change the file's line endings"
    return None


def _inside(offset: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)
