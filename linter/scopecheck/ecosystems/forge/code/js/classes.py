"""Classes: `this` in a method, `new C(...)`, and what each field of an instance holds.

`this` inside a method of class C is a parameter of C (`Param` with index `THIS`): a
request built from `this.x` depends on the instance, and is resolved where a method is
called on an instance the analysis knows (`new C(api).get(id)`, `repo.get(id)` after
`const repo = new C(api)`), with the constructor's arguments in place. A field holds one
value only when the class sets it once: a field initializer, a TypeScript parameter
property (`constructor(private api: Api)`) or one `this.x = value` in the constructor.
A field set anywhere else, a class that extends another or assigns to `this` as a whole
(`Object.assign(this, ...)`), leaves the field unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.unit import property_name

if TYPE_CHECKING:
    from tree_sitter import Node

#: `Param.index` of `this`
THIS = -1
CLASS_TYPES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
FIELD_TYPES = frozenset({"field_definition", "public_field_definition"})
#: functions with their own `this` (an arrow function keeps the enclosing one)
_OWN_THIS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
    }
)
#: a `this.x` here is changed, not given one value
_CHANGING = frozenset(
    {
        "augmented_assignment_expression",
        "update_expression",
        "array_pattern",
        "object_pattern",
        "pair_pattern",
    }
)
_THIS_FIELD = re.compile(rb"(?<![\w$.])this\s*\.\s*([A-Za-z_$][\w$]*)")


@dataclass
class Shape:
    """What a class declares, read once."""

    methods: dict[str, Node] = field(default_factory=dict)
    static_methods: dict[str, Node] = field(default_factory=dict)
    #: field -> the value nodes given to it (initializers and `this.x = v` anywhere in the class)
    values: dict[str, list[Node]] = field(default_factory=dict)
    #: field -> the constructor parameter it holds (`constructor(private api)`, `this.api = api`)
    from_param: dict[str, int] = field(default_factory=dict)
    #: fields changed some other way (`this.x += 1`, `this.x++`, `[this.x] = ...`)
    changed: set[str] = field(default_factory=set)
    #: the class extends another, or writes to `this` as a whole: no field is certain
    open: bool = False


def this_class(node: Node) -> Node | None:
    """The class whose instance `this` at `node` is; None in a static method, a plain
    function, or outside any class."""
    current = node.parent
    while current is not None:
        kind = current.type
        if kind in _OWN_THIS:
            return None
        if kind == "method_definition" or kind in FIELD_TYPES:
            if any(child.type == "static" for child in current.children):
                return None
            body = current.parent
            if body is None or body.type != "class_body":
                return None  # a method of an object literal: `this` is that object
            return body.parent
        current = current.parent
    return None


def class_name(node: Node) -> str | None:
    name = node.child_by_field_name("name")
    if name is not None:
        return text_of(name)
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
        return text_of(target) if target is not None else None
    return None


def read_shape(node: Node, data: bytes) -> Shape:
    shape = Shape()
    body = node.child_by_field_name("body")
    if body is None:
        shape.open = True
        return shape
    shape.open = _extends(node)
    constructor: Node | None = None
    for member in body.named_children:
        if member.type == "method_definition":
            name = property_name(member.child_by_field_name("name"))
            if name is None:
                continue
            if name == "constructor":
                constructor = member
            elif any(child.type in ("get", "set") for child in member.children):
                shape.changed.add(name)  # an accessor runs code: not a plain value
            elif any(child.type == "static" for child in member.children):
                shape.static_methods[name] = member
            else:
                shape.methods[name] = member
        elif member.type in FIELD_TYPES and not any(child.type == "static" for child in member.children):
            key = member.child_by_field_name("name") or member.child_by_field_name("property")
            name = property_name(key)
            value = member.child_by_field_name("value")
            if name is not None:
                shape.values.setdefault(name, [])
                if value is not None:
                    shape.values[name].append(value)
    params: dict[str, int] = {}
    if constructor is not None:
        plist = constructor.child_by_field_name("parameters")
        index = 0
        for child in plist.named_children if plist is not None else ():
            if child.type == "comment":
                continue
            pattern = child.child_by_field_name("pattern")
            if pattern is not None and pattern.type == "identifier":
                params[text_of(pattern)] = index
                if any(
                    c.type in ("accessibility_modifier", "readonly", "override_modifier")
                    for c in child.children
                ):
                    shape.from_param[text_of(pattern)] = index
            elif child.type == "identifier":
                params[text_of(child)] = index
            index += 1
    for match in _THIS_FIELD.finditer(data, body.start_byte, body.end_byte):
        this = node_at(body, match.start(), match.start() + 4)
        if this is None or this.type != "this" or this_class(this) != node:
            continue
        accessed = this.parent
        if accessed is None or accessed.type != "member_expression":
            continue
        name = property_name(accessed.child_by_field_name("property"))
        parent = accessed.parent
        if name is None or parent is None:
            continue
        if parent.type == "assignment_expression" and parent.child_by_field_name("left") == accessed:
            value = parent.child_by_field_name("right")
            shape.values.setdefault(name, [])
            if value is not None:
                shape.values[name].append(value)
                if (
                    value.type == "identifier"
                    and text_of(value) in params
                    and _in_constructor(parent, constructor)
                ):
                    shape.from_param[name] = params[text_of(value)]
        elif parent.type in _CHANGING:
            shape.changed.add(name)
    if re.search(rb"\b(?:assign|defineProperty|defineProperties)\(\s*this\b", body.text or b""):
        shape.open = True
    return shape


@dataclass(frozen=True)
class Field:
    """How `this.name` is known: kind "method" or "value" (with `node`), "param" (the
    constructor parameter `index`), or "unknown"."""

    kind: str
    node: Node | None = None
    index: int = -1


UNKNOWN = Field("unknown")


def field_value(shape: Shape, name: str) -> Field:
    if name in shape.methods and name not in shape.values:
        return Field("method", shape.methods[name])
    if shape.open or name in shape.changed:
        return UNKNOWN
    values = shape.values.get(name, [])
    if name in shape.from_param:
        return Field("param", index=shape.from_param[name]) if len(values) <= 1 else UNKNOWN
    if len(values) == 1:
        return Field("value", values[0])
    return UNKNOWN


def node_at(root: Node, start: int, end: int) -> Node | None:
    node = root.descendant_for_byte_range(start, end)
    if node is None or node.start_byte != start or node.end_byte != end:
        return None
    return node


def _in_constructor(node: Node, constructor: Node | None) -> bool:
    """Directly in the constructor's body (not in a function it defines)."""
    if constructor is None:
        return False
    current = node.parent
    while current is not None and current != constructor:
        if current.type in _OWN_THIS or current.type == "arrow_function":
            return False
        current = current.parent
    return current is not None


def _extends(node: Node) -> bool:
    """JavaScript's grammar puts `extends X` in a `class_heritage` too; TypeScript's
    `implements` alone does not give the class another's fields."""
    for child in node.children:
        if child.type == "class_heritage":
            return any(part.type in ("extends_clause", "extends") for part in child.children)
    return False
