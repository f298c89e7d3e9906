"""Helpers that are also handed around as values, so some of their calls are not seen.

A helper whose request depends on its parameters is reported at each call the
analysis sees, with the caller's arguments (`calls.py`). When the helper, or an
object literal or module holding it, is also passed as a value (an argument, a
property, a returned or stored value, `const f = helper`), code elsewhere may call
it with any path: `new Repo(jiraApi)` then `this.api.fetch(url)`. Such a helper's
requests are reported where they are written as well, with the parameter
unresolved, so the scopes they may need stay unsure instead of confidently unused.

Declarations, imports, exports (`export`, `module.exports`), `typeof`, calls
(`helper(x)`, `api.get(x)`), storing it in an object literal bound to a name (that name
is searched in turn) and giving it to an app function that only calls the parameter in
its own body (`calls.ParamCall` follows those calls) do not pass the value on; anything
else does, and so does a helper nested in object literals deeper than the search goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.grammar import first_named, text_of
from scopecheck.ecosystems.forge.code.js.program import object_keys
from scopecheck.ecosystems.forge.code.js.unit import FUNCTION_TYPES, property_name, string_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: how deep objects and modules are searched for a helper (`api.jira.get`)
_MAX_DEPTH = 3
#: an identifier here names something new; it passes no value on
_DECLARING = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "class_declaration",
        "class",
        "import_specifier",
        "import_clause",
        "namespace_import",
        "export_specifier",
        "type_query",
    }
)
#: expressions that are their inner expression, for where a value goes
_TRANSPARENT = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression"}
)


def escaped_helpers(program: Program, helpers: set[v.FnRef], keys: Iterable[str]) -> dict[v.FnRef, str]:
    """The helpers (by ref) passed as a value somewhere in the files `keys`, each with the
    first place it happens (`src/index.ts:47`)."""
    if not helpers:
        return {}
    keys = sorted(keys)
    finder = _Finder(program, helpers)
    names = {name.encode() for ref in helpers for name in finder.names_of(ref)}
    escaped: dict[v.FnRef, str] = {
        ref: f"{finder.program.functions[ref].unit.file.display} (an object nested too deeply to search)"
        for ref in finder.too_deep
    }
    for key in keys:
        unit = program.units[key]
        for ref, loaded_at in _unnamed_modules(program, unit, finder).items():
            escaped.setdefault(ref, loaded_at)
        wanted = names | {name.encode() for name in _module_names(unit)}
        seen: set[bytes] = set()
        while wanted:  # an object literal holding a helper is searched for in turn
            seen |= wanted
            holders: set[bytes] = set()
            for node in _occurrences(unit, wanted):
                refs, holder = finder.passed_on(unit, node)
                for ref in refs:
                    escaped.setdefault(ref, f"{unit.file.display}:{unit.positions.span(node).line}")
                hidden = _through_this(unit, node) or _through_exports(program, keys, node)
                if hidden is not None:  # `{ send, read() { this.send(k) } }`, `exports.send(...)`
                    for ref in finder.named(unit, node):
                        escaped.setdefault(ref, hidden)
                if holder is not None:
                    holders.add(holder.encode())
            wanted = holders - seen
    for ref in sorted(helpers):  # a method written in the object literal itself
        func = program.functions[ref]
        where = _through_this(func.unit, func.node) or _through_exports(program, keys, func.node)
        if where is not None:
            escaped.setdefault(ref, where)
    return escaped


def _through_this(unit: Unit, node: Node) -> str | None:
    """`node` is a method or value of an object literal whose methods use `this`."""
    holder = node.parent
    if node.type in ("method_definition", "shorthand_property_identifier"):
        literal = holder
    elif holder is not None and holder.type == "pair" and _field(holder, "value") == node:
        literal = holder.parent
    else:
        return None
    if literal is None or literal.type != "object":
        return None
    text = literal.text or b""
    at = _THIS.search(text)
    if at is None:
        return None
    line = unit.positions.span(literal).line + text.count(b"\n", 0, at.start())
    return f"{unit.file.display}:{line}"


def _through_exports(program: Program, keys: list[str], node: Node) -> str | None:
    """`node` is what `exports.send = ...` (or `module.exports = ...`) exports, and some file
    calls it through `exports.send(...)` / `module.exports(...)`, which is not resolved."""
    name = _export_name(node)
    if name is None:
        return None
    pattern = (
        re.compile(rb"module\.exports\s*\(")
        if name == "module.exports"
        else re.compile(
            rb"(?<![\w$.])(?:module\.)?exports\s*\.\s*"
            + re.escape(name.encode())
            + rb"(?![\w$])(?!\s*=(?!=))"
        )
    )
    for key in keys:
        other = program.units[key]
        found = pattern.search(other.file.data)
        if found is not None:
            line = other.file.data.count(b"\n", 0, found.start()) + 1
            return f"{other.file.display}:{line}"
    return None


_THIS = re.compile(rb"(?<![\w$.])this\s*(?:\.|\?\.|\[)")


def _export_name(node: Node) -> str | None:
    """`exports.send = function ...` -> "send"; `module.exports = function ...` -> "module.exports"."""
    holder = node.parent
    if holder is None or holder.type != "assignment_expression" or _field(holder, "right") != node:
        return None
    left = holder.child_by_field_name("left")
    if left is None:
        return None
    text = left.text or b""
    if text == b"module.exports":
        return "module.exports"
    for prefix in (b"module.exports.", b"exports."):
        if text.startswith(prefix):
            return text[len(prefix) :].decode()
    return None


def _occurrences(unit: Unit, names: set[bytes]) -> Iterator[Node]:
    """The identifiers in `unit` spelled as one of `names` (found in the file's word index)."""
    data = unit.file.data
    starts = sorted(
        (start, len(word)) for word in unit.words() & names for start in unit.word_starts(word.decode())
    )
    for start, size in starts:
        # `.name` is another object's property; `...name` spreads the name itself
        if start and data[start - 1 : start] == b"." and data[max(start - 3, 0) : start] != b"...":
            continue
        end = start + size
        node = unit.root.descendant_for_byte_range(start, end)
        if node is None or node.start_byte != start or node.end_byte != end:
            continue
        if node.type in ("identifier", "shorthand_property_identifier"):
            yield node


def _module_names(unit: Unit) -> set[str]:
    """Names bound to another module or its exports: an imported helper takes any name
    (`import`, `const m = require(...)`, `const { get } = await import(...)`)."""
    found: set[str] = set()
    for name, decls in unit.decls.items():
        for decl in decls:
            imported = decl.kind in ("import", "namespace")
            if imported or (decl.kind in ("var", "pattern") and _loads_a_module(_field(decl.node, "value"))):
                found.add(name)
    return found


def _loads_a_module(node: Node | None) -> bool:
    """`require(...)`, `import(...)`, maybe awaited or in parentheses."""
    while node is not None and node.type in ("await_expression", "parenthesized_expression"):
        node = first_named(node)
    function = (
        node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    )
    return (
        function is not None
        and function.type in ("import", "identifier")
        and text_of(function) in ("require", "import")
    )


def _unnamed_modules(program: Program, unit: Unit, finder: _Finder) -> dict[v.FnRef, str]:
    """The helpers of modules `unit` loads without naming the module object: `f(require('./m'))`,
    `{ m: require('./m') }`, `await import('./m')` handed on, `require('./m').get` as a
    value. The module (or the helper) goes where the name search cannot follow it; only
    `require('./m').get(...)` called on the spot, or a load a declarator names, stays seen."""
    data = unit.file.data
    if b"require" not in data and b"import" not in data:
        return {}
    found: dict[v.FnRef, str] = {}
    for call in unit.calls:
        if call.type != "call_expression" or not _loads_a_module(call):
            continue
        args = call.child_by_field_name("arguments")
        first = first_named(args)
        target = (
            program.resolve(unit, string_value(first))
            if first is not None and first.type == "string"
            else None
        )
        if target is None:
            continue
        up = call.parent
        while up is not None and up.type in ("await_expression", "parenthesized_expression"):
            up = up.parent
        if up is None or up.type in ("variable_declarator", "expression_statement"):
            continue  # named (searched by that name), or loaded for its effects
        member = None
        if up.type == "member_expression" and _field(up, "object") is not None:
            member = property_name(_field(up, "property"))
            above = up.parent
            if above is not None and above.type == "call_expression" and _field(above, "function") == up:
                continue  # `require('./m').get(...)`: a call, seen where it is made
        where = f"{unit.file.display}:{unit.positions.span(call).line}"
        for ref in finder.helpers:
            if ref[0] == target.key and (member is None or member in finder.names_of(ref)):
                found.setdefault(ref, where)
    return found


class _Finder:
    def __init__(self, program: Program, helpers: set[v.FnRef]) -> None:
        self.program = program
        self.helpers = helpers
        self._held: dict[tuple[str, str, int], frozenset[v.FnRef]] = {}
        self.too_deep: set[v.FnRef] = set()

    def names_of(self, ref: v.FnRef) -> set[str]:
        """The helper's own name and the names of the object literals that hold it."""
        names: set[str] = set()
        own = self.program.function_name(ref)
        if own:
            names.add(own.rsplit(".", 1)[-1])
        func = self.program.functions.get(ref)
        node = func.node.parent if func is not None else None
        for _ in range(_MAX_DEPTH):
            if node is None:
                break
            if node.type in ("pair", "method_definition"):
                node = node.parent
            if node is None or node.type != "object":
                break
            holder = node.parent
            if holder is not None and holder.type == "variable_declarator":
                target = holder.child_by_field_name("name")
                if target is not None and target.type == "identifier":
                    names.add(text_of(target))
            node = holder
        else:
            if node is not None and node.type in ("object", "pair"):
                self.too_deep.add(ref)  # held deeper than the search goes: assume passed on
        return names

    def held(self, value: v.Value, depth: int = 0) -> frozenset[v.FnRef]:
        """The helpers `value` is or holds."""
        if isinstance(value, v.Func):
            return frozenset((value.ref,)) if value.ref in self.helpers else frozenset()
        if depth >= _MAX_DEPTH or not isinstance(value, v.Obj | v.Namespace):
            return frozenset()
        key = (
            ("obj", value.unit.key, value.node.start_byte)
            if isinstance(value, v.Obj)
            else ("ns", value.unit.key, 0)
        )
        known = self._held.get(key)
        if known is not None:
            return known
        self._held[key] = frozenset()  # a module that exports itself, an object holding itself
        program = self.program
        found: set[v.FnRef] = set()
        if isinstance(value, v.Obj):
            for name in object_keys(value.node):
                found |= self.held(program.property(value, name), depth + 1)
        else:
            for name in program.export_names(value.unit):
                found |= self.held(program.export_value(value.unit, name, set()), depth + 1)
        result = self._held[key] = frozenset(found)
        return result

    def named(self, unit: Unit, node: Node) -> frozenset[v.FnRef]:
        """The helpers an identifier names (itself, or an object of them)."""
        if node.type == "shorthand_property_identifier":
            return self.held(self.program.name_value(unit, text_of(node), node))
        return self.held(self.program.value(unit, node))

    def passed_on(self, unit: Unit, node: Node) -> tuple[frozenset[v.FnRef], str | None]:
        """The helpers an identifier passes on as a value where it stands; or, where it is
        stored in an object literal bound to a name (`const api = { get }`), that name."""
        none: frozenset[v.FnRef] = frozenset()
        parent = node.parent
        if parent is None or _declares(node, parent):
            return none, None
        program = self.program
        if node.type == "shorthand_property_identifier":
            value = program.name_value(unit, text_of(node), node)
        else:
            value = program.value(unit, node)
        held = self.held(value)
        current = node
        while held:
            parent = current.parent
            if parent is None:
                return none, None
            if parent.type in _TRANSPARENT:
                current = parent
                continue
            if (
                parent.type in ("member_expression", "subscript_expression")
                and _field(parent, "object") == current
            ):
                if isinstance(value, v.Func):
                    return held, None  # `helper.call(...)`, `helper.bind(...)`: called with other arguments
                name = _member_name(parent)
                if name is None:
                    return held, None  # `api[key]`: any of them
                value = program.member(value, name, None)
                held = self.held(value)
                current = parent
                continue
            if parent.type == "call_expression" and _field(parent, "function") == current:
                return none, None
            if _exports(unit, current, parent):
                return none, None
            if parent.type == "unary_expression" and _first_type(parent) == "typeof":
                return none, None
            holder = _holder_name(current)
            if holder is not None:
                return none, holder
            if self._given_to_a_caller(unit, current, parent, 0):
                return none, None
            return held, None
        return none, None

    def _given_to_a_caller(self, unit: Unit, current: Node, parent: Node, depth: int) -> bool:
        """Whether `current` is an argument of an app function that only calls the parameter
        it lands in (`client(x)`, `client.fetch(x)`) or gives it to another such function:
        the analysis follows those calls (`calls.ParamCall`), so nothing is passed on."""
        call = parent.parent
        if parent.type != "arguments" or call is None or call.type != "call_expression" or depth > 3:
            return False
        function = _field(call, "function")
        callee = self.program.value(unit, function) if function is not None else None
        if not isinstance(callee, v.Func):
            return False
        index = [child.id for child in parent.named_children if child.type != "comment"].index(current.id)
        return self._only_called(callee, index, depth)

    def _only_called(self, func: v.Func, index: int, depth: int) -> bool:
        unit = func.unit
        names = [name for name, info in unit.params_of(func.node).items() if info.index == index]
        if len(names) != 1 or unit.params_of(func.node)[names[0]].attrs:
            return False  # a destructured parameter, or none (`arguments`)
        name = names[0]
        whole = func.node
        if re.search(rb"(?<![\w$.])arguments(?![\w$])", whole.text or b""):
            return False
        pattern = re.compile(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])")
        for match in pattern.finditer(unit.file.data, whole.start_byte, whole.end_byte):
            node = unit.root.descendant_for_byte_range(match.start(), match.end())
            if node is None or node.start_byte != match.start() or node.end_byte != match.end():
                continue
            if node.type not in ("identifier", "shorthand_property_identifier"):
                continue
            binding = unit.lookup(name, node)
            if not isinstance(binding, tuple) or binding[0].id != whole.id:
                continue  # another variable of the same name
            parent = node.parent
            if parent is None:
                return False
            if _declared_parameter(node, parent):
                continue
            if node.type != "identifier" or _enclosing_function(node) != whole.id:
                return False  # `{ cb }`, or called in an inner function (whose calls are its own)
            if parent.type == "call_expression" and _field(parent, "function") == node:
                continue
            above = parent.parent
            if (
                parent.type == "member_expression"
                and _field(parent, "object") == node
                and _member_name(parent) not in _NOT_A_METHOD
                and above is not None
                and above.type == "call_expression"
                and _field(above, "function") == parent
            ):
                continue
            if not self._given_to_a_caller(unit, node, parent, depth + 1):
                return False
        return True


#: members every function or object has: `cb.call(x)` calls `cb` with other arguments
_NOT_A_METHOD = frozenset(
    {None, "call", "apply", "bind", "valueOf", "toString", "constructor", "hasOwnProperty", "__proto__"}
)


def _declared_parameter(node: Node, parent: Node) -> bool:
    """The parameter's own name where the function declares it."""
    if parent.type == "formal_parameters":
        return True
    if parent.type in ("required_parameter", "optional_parameter"):
        return _field(parent, "pattern") == node
    return parent.type == "arrow_function" and _field(parent, "parameter") == node


def _enclosing_function(node: Node) -> int | None:
    current = node.parent
    while current is not None and current.type not in FUNCTION_TYPES:
        current = current.parent
    return current.id if current is not None else None


def _first_type(node: Node) -> str | None:
    first = node.child(0)
    return first.type if first is not None else None


def _holder_name(current: Node) -> str | None:
    """`x` in `const name = { x }` or `{ k: { x } }`: the name the object literal is bound to."""
    node = current
    for _ in range(_MAX_DEPTH):
        above = node.parent
        if above is None:
            return None
        if above.type == "pair" and _field(above, "value") == node:
            above = above.parent
        elif node.type != "shorthand_property_identifier" and node.type != "object":
            return None
        if above is None or above.type != "object":
            return None
        declarator = above.parent
        if declarator is not None and declarator.type == "variable_declarator":
            target = _field(declarator, "name")
            if _field(declarator, "value") == above and target is not None and target.type == "identifier":
                return text_of(target)
            return None
        node = above
    return None


def _field(node: Node, name: str) -> Node | None:
    return node.child_by_field_name(name)


def _member_name(node: Node) -> str | None:
    if node.type == "member_expression":
        return property_name(node.child_by_field_name("property"))
    index = node.child_by_field_name("index")
    return string_value(index) if index is not None and index.type == "string" else None


def _declares(node: Node, parent: Node) -> bool:
    """Whether `node` is a name being declared, imported, exported or assigned to."""
    kind = parent.type
    if kind in _DECLARING:
        return True
    if kind == "variable_declarator":
        return _field(parent, "name") == node
    if kind in ("assignment_expression", "augmented_assignment_expression"):
        return _field(parent, "left") == node
    return False


def _exports(unit: Unit, current: Node, parent: Node) -> bool:
    """`export default x`, `module.exports = x`, `exports.x = x`, `module.exports = { x }`."""
    if parent.type == "export_statement":
        return True
    if parent.type == "assignment_expression" and _field(parent, "right") == current:
        left = _field(parent, "left")
        target = text_of(left) if left is not None else ""
        return target == "module.exports" or target.startswith(("module.exports.", "exports."))
    holder = parent.parent if parent.type == "pair" and _field(parent, "value") == current else parent
    in_object = current.type == "shorthand_property_identifier" or holder is not parent
    if not in_object or holder is None or holder.type != "object":
        return False
    exported = holder.parent is not None and holder.parent.type == "export_statement"
    return holder == unit.module_value or exported


@dataclass(frozen=True)
class Escapes:
    """Helpers whose calls are not all seen: each one passed as a value (with the first place
    it happens), and, when some import is not resolved, every helper (it may be called
    through that import with other arguments)."""

    passed: dict[v.FnRef, str]
    helpers: frozenset[v.FnRef] = frozenset()
    unresolved_import: str = ""  # what was not resolved; "" when every import was
    #: functions the manifest names as handlers (ref -> `index.run`): Forge calls them too,
    #: with its own event, whatever the app's own calls give them
    handlers: dict[v.FnRef, str] = field(default_factory=dict)

    def __contains__(self, ref: object) -> bool:
        return (
            ref in self.passed
            or ref in self.handlers
            or (bool(self.unresolved_import) and ref in self.helpers)
        )

    def why(self, ref: v.FnRef) -> str | None:
        """How calls through `ref` may escape the analysis, worded to follow its name."""
        handler = self.handlers.get(ref)
        if handler is not None:
            return f"which Forge also calls with its own event (the manifest's handler `{handler}`)"
        where = self.passed.get(ref)
        if where is not None:
            return f"which is also passed as a value at {where}, where calls through it are not followed"
        if ref in self:
            return f"which may also be called through an import scopecheck does not resolve: {self.unresolved_import}"
        return None
