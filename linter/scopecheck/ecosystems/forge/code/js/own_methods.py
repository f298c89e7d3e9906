"""Where the app gives an object its own method named like a Forge request method.

`client.requestJira(route`...`)` on a value the analysis does not pin is taken by its name
to be Forge's, as forge lint takes it. When the app itself may give some object a property
of that name, the call may reach the app's own function instead, so what the name alone
finds is not certain. Counted as such a definition:

- the name as a key or method of an object literal or a class (`{ requestJira: f }`,
  `class Jira { requestJira() {} }`, `{ requestJira }`), a TypeScript parameter property,
  or an export (`export function requestJira`, `export { f as requestJira }`);
- the name written to (`x.requestJira = f`, `x.requestJira ??= f`, `({ a: x.requestJira } = o)`);
- the name as a string anywhere but a read (`x['requestJira'] = f`,
  `Object.defineProperty(x, 'requestJira', …)`, `Object.fromEntries([['requestJira', f]])`);
- a computed key or index not known to be another name, given a function
  (`{ [name]: f }`, `class { [name]() {} }`, `x[name] = f`), and any `new Proxy(…)`.

A property that holds Forge's own function of that name (`{ requestJira:
api.asApp().requestJira }`, `{ requestJira }` of an import from @forge/bridge) is no such
definition; one holding another Forge function (`{ requestJira: app.requestConfluence }`) is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js import forge_api
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.unit import decode_escape

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: the key of a property written in an object literal or a class, by the node kinds around it
_DEFINING_PARENTS = frozenset({"pair", "method_definition", "field_definition", "public_field_definition"})
_FUNCTIONS = frozenset(
    {"arrow_function", "function_expression", "function", "generator_function", "class"}
)  # fmt: skip
_WRITES = frozenset({"assignment_expression", "augmented_assignment_expression"})
_PATTERNS = frozenset(
    {"object_pattern", "array_pattern", "pair_pattern", "assignment_pattern", "object_assignment_pattern",
     "rest_pattern"}
)  # fmt: skip
#: a computed key or index (`{ [k]: f }`, `x[k] = f`) or a Proxy: may define any name
_DYNAMIC = re.compile(
    rb"\[[^\]]{1,200}\]\s*(?:[:(]|=[^=>]|\?\?=|\|\|=|&&=)|\bProxy\b"
    rb"|\b(?:defineProperty|defineProperties|fromEntries)\b|\bReflect\s*\.\s*set\b"
)
#: built-in functions that give an object properties named by their arguments, and where
#: the name stands (None: the names come inside another argument)
_SETTERS = {
    "Object.defineProperty": 1,
    "Reflect.set": 1,
    "Reflect.defineProperty": 1,
    "Object.defineProperties": None,
    "Object.fromEntries": None,
}


def own_definition(program: Program, name: str) -> str:
    """`file:line` (and how, when no name is written) of the first place, by file and then
    position, where the app may give an object its own property `name`; "" when none does."""
    key = name.encode()
    for file_key in sorted(program.files):
        data = program.files[file_key].data
        named = key in data
        escaped = b"\\" in data
        if not named and not escaped and not _DYNAMIC.search(data):
            continue
        unit = program.unit(file_key)
        found: list[tuple[int, str]] = []
        for start, end in _spellings(data, key) if named or escaped else ():
            node = _defined_here(unit, start, end, program, name)
            if node is not None:
                found.append((node.start_byte, ""))
                break
        found.extend(_dynamic_definitions(unit, program, name))
        if found:
            offset, how = min(found)
            line = data.count(b"\n", 0, offset) + 1
            return f"{unit.file.display}:{line}{how}"
    return ""


def _spellings(data: bytes, key: bytes) -> list[tuple[int, int]]:
    """Where the name is written, plainly or with escapes (`\\u0072equestJira`, and in a
    string `'request\\x4aira'` or `'\\162equestJira'`), in order."""
    spans = []
    start = data.find(key)
    while start != -1:
        spans.append((start, start + len(key)))
        start = data.find(key, start + len(key))
    for match in _ESCAPED_WORD.finditer(data):
        raw = match.group()
        if len(raw) < len(key) or len(raw) > _LONGEST:
            continue
        text = _ESCAPE.sub(lambda m: decode_escape(m.group().decode()).encode("utf-8", "replace"), raw)
        if text == key:
            spans.append(match.span())
    return sorted(spans)


#: one escape, as an identifier (`\\u…`) or a string (`\\x4a`, `\\112`, `\\J`) may write it
_ESCAPE_TEXT = rb"\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|[^\r\n])"
_ESCAPE = re.compile(_ESCAPE_TEXT)
#: a word with at least one escape in it
_ESCAPED_WORD = re.compile(rb"[A-Za-z0-9_$]*" + _ESCAPE_TEXT + rb"(?:[A-Za-z0-9_$]|" + _ESCAPE_TEXT + rb")*")
_LONGEST = 120
_STRINGS = ("string", "template_string")


def _defined_here(unit: Unit, start: int, end: int, program: Program, name: str) -> Node | None:
    """The definition node when the name at bytes start..end gives an object a property."""
    node = unit.root.descendant_for_byte_range(start, end)
    if (
        node is not None
        and node.type in _STRINGS
        and (node.start_byte, node.end_byte) == (start - 1, end + 1)
    ):
        return _as_a_string(unit, node, program, name)  # the whole string, escapes in it
    if node is None or node.start_byte != start or node.end_byte != end:
        return None  # part of a longer name, a comment or a longer string
    if node.type == "string_fragment":
        string = node.parent
        whole = string is not None and (string.start_byte, string.end_byte) == (start - 1, end + 1)
        return _as_a_string(unit, string, program, name) if whole else None
    parent = node.parent
    if parent is None:
        return None
    kind = parent.type
    if kind in _DEFINING_PARENTS:
        key = parent.child_by_field_name("key" if kind == "pair" else "name")
        key = key or parent.child_by_field_name("property")
        if key is None or key.id != node.id:
            return None  # the name is a value, not the key
        if kind == "method_definition":
            return parent
        return (
            parent if not _holds_forge_own(unit, parent.child_by_field_name("value"), program, name) else None
        )
    if kind == "object_assignment_pattern" and parent.child_by_field_name("left") == node:
        # `const { requestJira = fake } = o`: the default stands where `o` has no such property
        return (
            parent if not _holds_forge_own(unit, parent.child_by_field_name("right"), program, name) else None
        )
    if kind == "jsx_attribute":  # `<Issue requestJira={fake} />`: a component's prop
        value = parent.named_children[-1] if parent.named_child_count > 1 else None
        inner = value.named_children[0] if value is not None and value.named_child_count else None
        return parent if not _holds_forge_own(unit, inner, program, name) else None
    if node.type == "shorthand_property_identifier" and kind == "object":
        value = program.name_value(unit, name, node)
        return node if not forge_api.is_request_function_named(name, value) else None
    if kind == "member_expression" and parent.child_by_field_name("property") == node:
        return _written(unit, parent, program, name)
    if kind in ("function_declaration", "generator_function_declaration", "class_declaration"):
        return parent if parent.child_by_field_name("name") == node and _exported(parent) else None
    if kind == "variable_declarator" and parent.child_by_field_name("name") == node:
        value = parent.child_by_field_name("value")
        return parent if _exported(parent) and not _holds_forge_own(unit, value, program, name) else None
    if kind == "export_specifier":
        alias = parent.child_by_field_name("alias") or parent.child_by_field_name("name")
        return parent if alias == node else None
    if kind == "required_parameter" and any(c.type == "accessibility_modifier" for c in parent.children):
        return parent  # `constructor(public requestJira: Send)`
    return None


def _written(unit: Unit, member: Node, program: Program, name: str) -> Node | None:
    """`x.name = f`, `x.name ??= f`, `({ a: x.name } = o)`: a property written."""
    up = member.parent
    if up is not None and up.type in _WRITES and up.child_by_field_name("left") == member:
        if up.type == "assignment_expression" and _holds_forge_own(
            unit, up.child_by_field_name("right"), program, name
        ):
            return None
        return up
    in_pattern = False
    while up is not None and up.type in _PATTERNS:
        up, in_pattern = up.parent, True
    if in_pattern and up is not None and up.type in ("assignment_expression", "for_in_statement"):
        return up  # a destructuring assignment or loop writes it
    return None


def _as_a_string(unit: Unit, string: Node | None, program: Program, name: str) -> Node | None:
    """The name written as a whole string: a definition unless it is only read with it
    (`x['requestJira'](…)`, `'requestJira' in x`) or it names a module."""
    if string is None or string.type not in _STRINGS:
        return None
    parent = string.parent
    if parent is None:
        return None
    if parent.type == "pair" and parent.child_by_field_name("key") == string:
        return (
            parent if not _holds_forge_own(unit, parent.child_by_field_name("value"), program, name) else None
        )
    if parent.type == "subscript_expression":
        return _written(unit, parent, program, name)
    if (
        parent.type == "binary_expression"
        and text_of(parent.child_by_field_name("operator") or parent) == "in"
    ):
        return None
    if parent.type in ("import_statement", "export_statement", "import_specifier", "export_specifier"):
        return None
    if parent.type == "arguments" and _is_require(parent.parent):
        return None
    return string


def _dynamic_definitions(unit: Unit, program: Program, name: str) -> list[tuple[int, str]]:
    """Computed keys and indexes not known to be another name, given a function, and Proxies."""
    found: list[tuple[int, str]] = []
    for computed in unit.computed_keys:
        holder = computed.parent
        if holder is None or _names_another(unit, computed, program, name):
            continue
        if holder.type == "method_definition":
            found.append((holder.start_byte, ", a method with a computed name"))
        elif holder.type in _DEFINING_PARENTS and _function_like(
            unit, holder.child_by_field_name("value"), program
        ):
            found.append((holder.start_byte, ", a function under a computed key"))
    sites = program.grammars.dynamic_sites(unit.file.language, unit.root)
    for name_node in sites.get("proxy", ()):
        if text_of(name_node) == "Proxy":
            found.append((name_node.start_byte, ", a Proxy, whose properties may be any function"))
    for call_function in sites.get("builtin", ()):
        setter = " ".join(text_of(call_function).split()).replace(" ", "")
        if setter not in _SETTERS:
            continue
        call = call_function.parent
        args = call.child_by_field_name("arguments") if call is not None else None
        given = [c for c in args.named_children if c.type != "comment"] if args is not None else []
        at = _SETTERS[setter]
        if at is None or at >= len(given) or not _names_another(unit, given[at], program, name):
            found.append((call_function.start_byte, f", `{setter}`, which may name it"))
    for left in sites.get("write", ()):
        write = left.parent
        index = left.child_by_field_name("index")
        if write is None or index is None or index.type in ("string", "template_string", "number"):
            continue  # a written name is read by `_as_a_string`
        if _names_another(unit, index, program, name):
            continue
        if _function_like(unit, write.child_by_field_name("right"), program):
            found.append((write.start_byte, ", a function written under a computed index"))
    return found


def _names_another(unit: Unit, key: Node, program: Program, name: str) -> bool:
    """Whether a computed key or index is known to name something else."""
    inner = (
        [c for c in key.named_children if c.type != "comment"]
        if key.type == "computed_property_name"
        else [key]
    )
    if len(inner) != 1:
        return False
    value = program.value(unit, inner[0])
    if isinstance(value, v.Str):
        return value.text != name
    if isinstance(value, v.OneOf):
        return all(isinstance(one, v.Str) and one.text != name for one in value.options)
    return False


def _function_like(unit: Unit, node: Node | None, program: Program) -> bool:
    if node is None:
        return False
    if node.type in _FUNCTIONS:
        return True
    if node.type == "ternary_expression":
        branches = (node.child_by_field_name("consequence"), node.child_by_field_name("alternative"))
        return any(_function_like(unit, branch, program) for branch in branches)
    function = node.child_by_field_name("function") if node.type == "call_expression" else None
    if function is not None and function.type == "member_expression":
        method = function.child_by_field_name("property")
        if method is not None and text_of(method) == "bind":  # `f.bind(null)`
            return _function_like(unit, function.child_by_field_name("object"), program)
    value = program.value(unit, node)  # a function of the app's, or any Forge function
    return isinstance(value, v.Func | v.Bound | v.AtlassianFn | v.GraphFn | v.FetchFn | v.OpaqueRequestFn)


def _holds_forge_own(unit: Unit, node: Node | None, program: Program, name: str) -> bool:
    return node is not None and forge_api.is_request_function_named(name, program.value(unit, node))


def _exported(node: Node) -> bool:
    up = node.parent
    while up is not None and up.type in ("variable_declaration", "lexical_declaration"):
        up = up.parent
    return up is not None and up.type == "export_statement"


def _is_require(call: Node | None) -> bool:
    function = call.child_by_field_name("function") if call is not None else None
    return function is not None and text_of(function) in ("require", "import")
