"""Plan text edits that remove items from a list of a JSON (with comments) file, then prove them.

The JSON side of `yaml_edit`: the same `Plan`, the same promise. An item alone on its line
goes with its whole line (and a comment after it on that line); an item among others on one
line goes with the comma and space after it (before it, for the last). Removing the last item
also removes the comma before it, since JSON allows no trailing comma. `check_edited` parses
the result: it must read as the old document without exactly those items, keep every comment
outside the deleted ranges, and keep the line endings. Adding items is not done here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopecheck.core.findings import Edit, ListChange
from scopecheck.source.files import SourceText
from scopecheck.source.json_nodes import parse_json
from scopecheck.source.yaml_edit import Change, Plan, Refused, line_breaks, merge_changes
from scopecheck.source.yaml_nodes import Mapping, Node, YamlDocument, to_python
from scopecheck.source.yaml_nodes import Sequence as SequenceNode

_COMMENT_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\r\n]*|/\*.*?\*/', re.DOTALL)
_GAP = re.compile(r"(?:\s|//[^\r\n]*|/\*.*?\*/)*", re.DOTALL)


def comments(text: str) -> list[tuple[int, str]]:
    """(offset, text) of every `//` and `/* */` comment outside strings."""
    return [
        (m.start(), m.group(0).rstrip()) for m in _COMMENT_OR_STRING.finditer(text) if m.group(0)[0] == "/"
    ]


def plan_changes(doc: YamlDocument, changes: Sequence[Change]) -> Plan:
    if doc.source is None or doc.root is None or not doc.usable:
        raise Refused("the file cannot be read as JSON")
    if doc.problems:
        raise Refused("the file has duplicate keys; remove them first")
    plan = Plan(expected=to_python(doc.root))
    text = doc.source.text
    for change in merge_changes(changes):
        if not isinstance(change, ListChange) or change.add:
            raise Refused("only removing list items is supported in a JSON file")
        node = _at(doc.root, change.keys)
        if not isinstance(node, SequenceNode):
            raise Refused(f"`{'.'.join(change.keys)}` is not a list")
        wanted = set(change.remove)
        indexes = [i for i, item in enumerate(node.items) if item.span.start_offset in wanted]
        if len(indexes) != len(wanted):
            raise Refused("an item to remove is no longer in the list")
        _remove(change.path, text, node, indexes, plan)
        expected = plan.expected
        for key in change.keys[:-1]:
            expected = expected[key]
        expected[change.keys[-1]] = [v for i, v in enumerate(expected[change.keys[-1]]) if i not in indexes]
    return plan


def _at(root: Node, keys: Sequence[str]) -> Node | None:
    node: Node | None = root
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def _remove(path: str, text: str, node: SequenceNode, indexes: list[int], plan: Plan) -> None:
    items = node.items
    keep = [i for i in range(len(items)) if i not in indexes]
    for index in indexes:
        item = items[index]
        start, end = item.span.start_offset, item.span.end_offset
        after = _GAP.match(text, end)
        assert after is not None
        comma = after.end() if text[after.end() : after.end() + 1] == "," else None
        line_start = text.rfind("\n", 0, start) + 1
        alone = text[line_start:start].strip() == ""
        stop = comma + 1 if comma is not None else end
        line_end = _line_end(text, stop)
        rest = text[stop:line_end]
        if alone and _GAP.fullmatch(rest.strip()) and "\n" not in rest:
            cut = (line_start, _next_line(text, line_end))
        elif comma is not None:
            spaces = len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip(" \t"))
            cut = (start, comma + 1 + spaces)
        else:
            cut = (start, end)
        if comma is None and keep and max(keep) < index:
            # the last item goes: the comma after the item before it must go too
            previous = items[max(keep)]
            gap = _GAP.match(text, previous.span.end_offset)
            assert gap is not None
            if text[gap.end() : gap.end() + 1] == ",":
                if not alone:
                    cut = (previous.span.end_offset, end)  # `"a", "b"` -> `"a"`
                else:
                    plan.edits.append(Edit(path, gap.end(), gap.end() + 1, ""))
        plan.edits.append(Edit(path, cut[0], cut[1], ""))
        plan.deleted.append(cut)


def _line_end(text: str, pos: int) -> int:
    found = [i for i in (text.find("\n", pos), text.find("\r", pos)) if i != -1]
    return min(found) if found else len(text)


def _next_line(text: str, line_end: int) -> int:
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return min(line_end + 1, len(text))


def check_edited(old: YamlDocument, new_text: str, plan: Plan) -> str | None:
    assert old.source is not None
    new = parse_json(SourceText.from_text(old.source.path, old.source.display, new_text))
    if not new.usable or new.problems:
        problems = "; ".join(p.message for p in new.problems) or "it does not parse"
        return f"the edited file would not read back: {problems}"
    if to_python(new.root) != plan.expected:
        return "the edited file would read differently than intended"
    kept = [c for offset, c in comments(old.source.text) if not any(s <= offset < e for s, e in plan.deleted)]
    if [c for _offset, c in comments(new_text)] != kept:
        return "the edit would lose or move a comment"
    if not line_breaks(new_text) <= (line_breaks(old.source.text) or {"\n"}):
        return "the edit would change the file's line endings"
    return None
