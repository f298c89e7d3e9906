"""Which of a function's parameters leave it as values: returned, stored or put in a literal.

`pick(app.requestAtlassian)(route`/me`)` with `function pick(f) { return f; }`: the caller
gets the request function back, and calls through what a call returns are not followed.
A Forge function given to such a parameter is therefore handed on (its product's scopes
are unsure), like one given to a package. A parameter leaves its function when it stands
(not called: `f(x)` calls it, `f.call(...)` too) in a `return` or an arrow's body, on the
right of an assignment, in an array or object literal, or in another parameter's default
(an alias, `const g = f`, is taken to be called);
a rest parameter that does any of that lets every argument from its place on leave, and a
function that reads `arguments` lets every argument leave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js.grammar import text_of

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: every argument from this index on
EVERY = -1
_LEAVES_THROUGH = frozenset(
    {
        "return_statement",
        "array",
        "pair",
        "shorthand_property_identifier",
        "spread_element",
        "yield_expression",
    }
)
_OWN_SCOPES = frozenset(
    {"function_declaration", "function_expression", "function", "generator_function_declaration",
     "generator_function", "method_definition", "class_body"}
)  # fmt: skip
_CALLING = frozenset({"call", "apply"})


def kept_params(unit: Unit, function: Node) -> frozenset[int]:
    """The indexes of the parameters whose values may leave `function` (EVERY with the rest
    parameter's index, or alone when it reads `arguments`)."""
    params = unit.params_of(function)
    found: set[int] = set()
    body = function.child_by_field_name("body")
    if body is None:
        return frozenset()
    body_is_value = body.type != "statement_block"  # `(f) => f`, `(f) => ({ send: f })`
    rest = _rest_index(function)
    for name, info in params.items():
        if info.element and info.index != rest:
            continue
        if _leaves(unit, function, name, body, body_is_value):
            found.add(info.index)
            if info.index == rest:
                found.add(EVERY)
    if _reads_arguments(unit, function, body):
        found.add(EVERY)
    return frozenset(found)


def _leaves(unit: Unit, function: Node, name: str, body: Node, body_is_value: bool) -> bool:
    for start in unit.word_starts(name):
        if not function.start_byte <= start < function.end_byte:
            continue
        node = unit.root.descendant_for_byte_range(start, start + len(name))
        if node is None or node.type not in ("identifier", "shorthand_property_identifier"):
            continue
        binding = unit.lookup(name, node)
        if not isinstance(binding, tuple) or binding[0].id != function.id:
            continue  # another variable of that name
        if _stands_as_a_value(node, function, body, body_is_value):
            return True
    return False


def _stands_as_a_value(node: Node, function: Node, body: Node, body_is_value: bool) -> bool:
    """Whether this use of a parameter hands its value on (see the module's docstring)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "call_expression" and parent.child_by_field_name("function") == node:
        return False  # `f(x)`: called
    if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        prop = parent.child_by_field_name("property")
        outer = parent.parent
        method = text_of(prop) if prop is not None else ""
        if outer is not None and outer.type == "call_expression":
            if method in _CALLING:
                return False  # `f.call(null, x)`
            if method == "bind":  # `f.bind(null)`: a copy of it, which may leave in its turn
                return _stands_as_a_value(outer, function, body, body_is_value)
    if node.type == "shorthand_property_identifier":
        return True
    if parent.type in ("assignment_expression", "augmented_assignment_expression"):
        return parent.child_by_field_name("right") == node
    if parent.type in ("assignment_pattern", "required_parameter", "optional_parameter"):
        return parent.child_by_field_name("right") == node or parent.child_by_field_name("value") == node
    up: Node | None = node
    while up is not None and up.id != function.id:
        if up.type in _LEAVES_THROUGH:
            return True
        if up.type == "call_expression" and up.id != node.id:
            return False  # an argument of a call: followed there, or handed on at that call
        if body_is_value and up.id == body.id:
            return True  # the arrow's body is what it returns
        if up.type in _OWN_SCOPES and up.id != function.id:
            return up.type != "class_body"  # a nested function keeps it in a closure
        up = up.parent
    return False


def _rest_index(function: Node) -> int:
    plist = function.child_by_field_name("parameters")
    if plist is None:
        return -2
    index = 0
    for child in plist.named_children:
        if child.type == "comment":
            continue
        if child.type == "rest_pattern" or (
            child.type == "required_parameter" and any(c.type == "rest_pattern" for c in child.named_children)
        ):
            return index
        index += 1
    return -2


def _reads_arguments(unit: Unit, function: Node, body: Node) -> bool:
    if function.type == "arrow_function":
        return False  # an arrow's `arguments` is its enclosing function's
    for start in unit.word_starts("arguments"):
        if body.start_byte <= start < body.end_byte:
            node = unit.root.descendant_for_byte_range(start, start + len("arguments"))
            if node is not None and node.type == "identifier" and unit.lookup("arguments", node) is None:
                return True
    return False
