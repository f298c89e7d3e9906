"""Where the app gives an object its own method named like a Forge request method.

`client.requestJira(route`...`)` on a value the analysis does not pin is taken by its name
to be Forge's, as forge lint takes it. When the app itself gives some object a property of
that name (`{ requestJira: (p) => cache.get(p) }`, `class Jira { requestJira() {} }`,
`x.requestJira = load`), the call may reach the app's own function instead, so what the
name alone finds is not certain. A property that holds Forge's own function
(`{ requestJira: api.asApp().requestJira }`, `{ requestJira }` of an import from
@forge/bridge) is no such definition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js import values as v

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: the key of a property written in an object literal or a class, by the node kinds around it
_DEFINING_PARENTS = frozenset(
    {"pair", "method_definition", "field_definition", "public_field_definition"}
)  # fmt: skip


def own_definition(program: Program, name: str, is_forge: Callable[[v.Value], bool]) -> str:
    """`file:line` of the first place (by file, then position) where the app gives an object
    its own property `name` that does not hold a Forge function; "" when none does."""
    key = name.encode()
    for file_key in sorted(program.files):
        data = program.files[file_key].data
        if key not in data:
            continue
        unit = program.unit(file_key)
        start = data.find(key)
        while start != -1:
            node = _defined_here(unit, start, start + len(key), program, is_forge)
            if node is not None:
                return f"{unit.file.display}:{unit.positions.span(node).line}"
            start = data.find(key, start + len(key))
    return ""


def _defined_here(
    unit: Unit, start: int, end: int, program: Program, is_forge: Callable[[v.Value], bool]
) -> Node | None:
    """The definition node when the name at bytes start..end is a property the app defines."""
    node = unit.root.descendant_for_byte_range(start, end)
    if node is None or node.start_byte != start or node.end_byte != end:
        return None  # part of a longer name or of a string
    if node.type == "string_fragment" and node.parent is not None:  # `{ 'requestJira': f }`
        node = node.parent
    parent = node.parent
    if parent is None:
        return None
    if parent.type in _DEFINING_PARENTS:
        key = parent.child_by_field_name("key" if parent.type == "pair" else "name")
        key = key or parent.child_by_field_name("property")
        if key is None or key.id != node.id:
            return None  # the name is a value, not the key
        if parent.type == "method_definition":
            return parent
        value = parent.child_by_field_name("value")
        return parent if value is None or not is_forge(program.value(unit, value)) else None
    if parent.type == "shorthand_property_identifier" or node.type == "shorthand_property_identifier":
        shorthand = node if node.type == "shorthand_property_identifier" else parent
        if shorthand.parent is None or shorthand.parent.type != "object":
            return None
        value = program.name_value(unit, shorthand.text.decode() if shorthand.text else "", shorthand)
        return shorthand if not is_forge(value) else None
    if parent.type == "member_expression" and parent.child_by_field_name("property") == node:
        assignment = parent.parent
        if assignment is None or assignment.type != "assignment_expression":
            return None
        if assignment.child_by_field_name("left") != parent:
            return None
        right = assignment.child_by_field_name("right")
        return assignment if right is None or not is_forge(program.value(unit, right)) else None
    return None
