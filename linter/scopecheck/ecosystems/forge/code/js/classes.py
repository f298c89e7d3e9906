"""`this.api` in a class method: the value the constructor keeps from its arguments.

`new JiraSprintRepository(jiraApi)` then `this.api.fetch(path)` in a method: the field is
the constructor's parameter (`constructor(private readonly api)`, or `this.api = api` in
its body), and its value is the argument every `new` of the class gives. It is taken only
when the class assigns the field once, in the constructor; no file sets a property of that
name on anything but `this`; no class extends it and it does not extend another; the class
name is used only to declare, import, export, test (`instanceof`) or `new` it; and every
`new` gives the same value.

JavaScript has more ways to change a field or call a method with another `this` than those
checks see (an instance read outside the class, a borrowed method, destructuring writes), so
what is found through a field is never certain: its requests carry a doubt (SC401 is
unsure), and the value given to `new` still counts as passed on, so the scopes it may need
stay unsure too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.unit import Decl, property_name

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: functions that bind their own `this` (an arrow function keeps its method's)
_OWN_THIS = frozenset(
    {"function_declaration", "function_expression", "function", "generator_function_declaration",
     "generator_function"}
)  # fmt: skip
#: where a class's name may stand without passing the class on
_NAMING = frozenset(
    {"class_declaration", "import_specifier", "import_clause", "export_specifier", "new_expression"}
)
_MAX_SITES = 8


def this_field(program: Program, unit: Unit, this: Node, name: str) -> v.Value | None:
    """The value of `this.<name>` at `this` when the field keeps a constructor argument (None:
    not such a field; Unknown: such a field, not followed, saying why)."""
    method = _enclosing_method(this)
    body = method.parent if method is not None else None
    cls = body.parent if body is not None else None
    if cls is None or body is None:
        return None
    key = (unit.key, cls.id, name)
    if key not in program.class_fields:
        program.class_fields[key] = _field_value(program, unit, cls, body, name)
    return program.class_fields[key]


def _field_value(program: Program, unit: Unit, cls: Node, body: Node, name: str) -> v.Value | None:
    index = _field_parameter(body, name)
    if index is None:
        return None
    class_name = _class_name(cls)
    if class_name is None:
        return v.Unknown(f"`this.{name}` of a class without a name")
    why = _may_hold_another_value(program, unit, cls, class_name, name)
    if why:
        return v.Unknown(f"`this.{name}` of `{class_name}`, {why}")
    sites = _new_sites(program, unit, cls, class_name)
    if not sites:
        return v.Unknown(f"`this.{name}` of `{class_name}`, a class made where scopecheck does not see")
    values = []
    for site_unit, site in sites:
        args = site.child_by_field_name("arguments")
        given = [c for c in (args.named_children if args is not None else []) if c.type != "comment"]
        if any(arg.type == "spread_element" for arg in given[: index + 1]):
            return v.Unknown(f"`this.{name}` of `{class_name}`, given by a spread argument")
        values.append(program.value(site_unit, given[index]) if index < len(given) else v.MISSING)
    first = values[0]
    if isinstance(first, v.Param):  # `(c) => new Repo(c)`: known only at that function's calls
        return v.Unknown(f"`this.{name}` of `{class_name}`, given a parameter where it is made")
    if any(value != first for value in values[1:]):
        return v.Unknown(f"`this.{name}` of `{class_name}`, given different values where it is made")
    return first


def _enclosing_method(node: Node) -> Node | None:
    current = node.parent
    while current is not None:
        if current.type in _OWN_THIS:
            return None
        if current.type == "method_definition":
            parent = current.parent
            return current if parent is not None and parent.type == "class_body" else None
        current = current.parent
    return None


def _class_name(cls: Node | None) -> str | None:
    if cls is None:
        return None
    if cls.type == "class_declaration":
        parent = cls.parent
        if (
            parent is not None
            and parent.type == "export_statement"
            and b"default" in (parent.text or b"")[:40]
        ):
            return None  # `export default class C`: importers name it as they like
        name = cls.child_by_field_name("name")
        return text_of(name) if name is not None else None
    if cls.type == "class" and cls.parent is not None and cls.parent.type == "variable_declarator":
        name = cls.parent.child_by_field_name("name")
        return text_of(name) if name is not None and name.type == "identifier" else None
    return None


def _constructor(body: Node) -> Node | None:
    for child in body.named_children:
        if (
            child.type == "method_definition"
            and property_name(child.child_by_field_name("name")) == "constructor"
        ):
            return child
    return None


def _field_parameter(body: Node, name: str) -> int | None:
    """The index of the constructor parameter the field `name` keeps: a TypeScript parameter
    property, or `this.name = param` in the constructor's body, and no other `this.name =`
    in the class."""
    constructor = _constructor(body)
    if constructor is None:
        return None
    params = constructor.child_by_field_name("parameters")
    names: list[str | None] = []
    index = None
    for i, param in enumerate(
        p for p in (params.named_children if params is not None else []) if p.type != "comment"
    ):
        pattern = (
            param.child_by_field_name("pattern")
            if param.type in ("required_parameter", "optional_parameter")
            else param
        )
        plain = (
            pattern is not None
            and pattern.type == "identifier"
            and param.child_by_field_name("value") is None
        )
        names.append(text_of(pattern) if plain and pattern is not None else None)  # a default: not followed
        modifiers = {c.type for c in param.children}
        if names[-1] == name and modifiers & {"accessibility_modifier", "readonly", "override_modifier"}:
            index = i
    writes = _this_writes(body, name)
    if index is not None:
        return index if not writes else None
    if len(writes) != 1:
        return None
    write = writes[0]
    right = write.child_by_field_name("right")
    inside = constructor.start_byte <= write.start_byte < constructor.end_byte
    if not inside or right is None or right.type != "identifier" or text_of(right) not in names:
        return None
    if _nested_function(write, constructor):
        return None
    return names.index(text_of(right))


def _this_writes(body: Node, name: str) -> list[Node]:
    """`this.name = ...` (any assignment operator) anywhere in the class body."""
    found = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if (
                left is not None
                and left.type == "member_expression"
                and (obj := left.child_by_field_name("object")) is not None
                and obj.type == "this"
                and property_name(left.child_by_field_name("property")) == name
            ):
                found.append(node)
        stack.extend(node.named_children)
    return found


def _nested_function(node: Node, constructor: Node) -> bool:
    current = node.parent
    while current is not None and current != constructor:
        if current.type in _OWN_THIS or current.type == "arrow_function":
            return True
        current = current.parent
    return False


def _may_hold_another_value(program: Program, unit: Unit, cls: Node, class_name: str, name: str) -> str:
    """Why instances of the class may hold another value in the field ("" when they cannot):
    a property of that name set on anything but `this` (`repo.api = x`, `repo['api'] = x`),
    `Object.assign(this, ...)` or `Object.defineProperty`/`Reflect.set` in the class's file, or
    a class that extends it (its constructor may give `super` other values)."""
    field = re.escape(name.encode())
    sets = re.compile(
        rb"(?<![\w$])(?!this\b)[\w$\])]+\s*(?:\?\.|\.)\s*" + field + rb"\s*(?:\|\||\?\?|&&)?=(?!=)"
        rb"|\[\s*['\"`]" + field + rb"['\"`]\s*\]\s*(?:\|\||\?\?|&&)?=(?!=)"
    )
    extends = re.compile(rb"\bextends\s+(?:[\w$]+\s*\.\s*)?" + re.escape(class_name.encode()) + rb"\b")
    for file in program.files.values():
        if extends.search(file.data):
            return f"which a class in {file.display} extends"
        if sets.search(file.data):
            return f"a field code may set from outside (`{name}` is set in {file.display})"
    heritage = next((child for child in cls.children if child.type == "class_heritage"), None)
    if heritage is not None and re.search(
        rb"\bextends\b", heritage.text or b""
    ):  # `implements` is types only
        return "which extends another class (whose methods may set it)"
    own = cls.text or b""
    if re.search(rb"\bnew\s+this\b", own):
        return "which makes instances of itself (`new this`)"
    if re.search(
        rb"\bObject\s*\.\s*(?:assign|defineProperty|defineProperties)\s*\(\s*this\b|\bReflect\s*\.\s*set\s*\(\s*this\b",
        own,
    ):
        return "whose fields `Object.assign(this, ...)` or the like may set"
    return ""


def _new_sites(program: Program, unit: Unit, cls: Node, class_name: str) -> list[tuple[Unit, Node]] | None:
    """Every `new <class>(...)`, or None when the class is used in a way that may make
    instances elsewhere (passed as a value, renamed on import, more sites than followed)."""
    sites: list[tuple[Unit, Node]] = []
    word = class_name.encode()
    for key, file in program.files.items():
        if word not in file.data:
            continue
        other = program.unit(key)
        if other.root is None:
            return None
        for start in other.word_starts(class_name):
            node = other.root.descendant_for_byte_range(start, start + len(word))
            if node is None or node.type in ("type_identifier", "comment", "string_fragment"):
                continue
            if node.type == "property_identifier":
                return None  # `ns.C`, `{ C: ... }`: it may be made or passed on through another name
            parent = node.parent
            if parent is None:
                return None
            if (
                parent.type in ("import_specifier", "export_specifier")
                and parent.child_by_field_name("alias") is not None
            ):
                return None  # renamed: its `new` would not be found by name
            if parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
                continue  # `x instanceof C`
            if parent.type not in _NAMING and not (
                parent.type == "variable_declarator" and parent.child_by_field_name("name") == node
            ):
                return None  # the class itself is passed on
            if parent.type == "new_expression":
                if parent.child_by_field_name("constructor") != node or not _is_the_class(
                    program, other, node, unit, cls
                ):
                    return None
                sites.append((other, parent))
    return sites if len(sites) <= _MAX_SITES else None


def _is_the_class(program: Program, unit: Unit, ident: Node, class_unit: Unit, cls: Node) -> bool:
    """Whether the name at `ident` is the class `cls` (declared here, or imported from its file)."""
    binding = unit.lookup(text_of(ident), ident)
    if not isinstance(binding, Decl):
        return False
    if binding.kind == "unknown":
        return unit is class_unit and (binding.node == cls or binding.node == cls.parent)
    if binding.kind == "import":
        target = program.resolve(unit, binding.source)
        if target is None or target is not class_unit:
            return False
        entry = target.exports.get(binding.imported)
        return entry is not None and entry.kind == "local" and entry.name == _class_name(cls)
    return False
