"""One parsed file: its declarations, imports, exports, calls and JSX, indexed for lookups.

Built from the captures of one tree-sitter query, so Python touches only the
nodes that matter. Name lookup is lexical, as JavaScript binds names: a `let`,
`const`, class or function declaration belongs to its block, a `var` to its
function, a loop or `catch` variable to its statement, a parameter to its
function. A name bound nowhere around its use is a global (None), never another
function's variable of that name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from scopecheck.analysis.js.positions import Positions
from scopecheck.core.records import record
from scopecheck.ecosystems.forge.code.js.forge_api import WATCHED_IMPORTS
from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.mend import mended

if TYPE_CHECKING:
    from tree_sitter import Node, Tree

    from scopecheck.ecosystems.forge.code.js.files import SourceFile
    from scopecheck.ecosystems.forge.code.js.grammar import Grammar

FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
#: nodes that hold `let`/`const`/class/function declarations of their own
BLOCK_TYPES = frozenset(
    {"statement_block", "for_statement", "for_in_statement", "switch_body", "catch_clause"}
)
_SCOPE_TYPES = FUNCTION_TYPES | BLOCK_TYPES


#: the reason of a name bound by a computed key (`const { [k]: send } = x`); its Decl's keys
#: are the path to the object the key is read from
COMPUTED_KEY = "taken by a computed key"


@record
class Decl:
    """How a name is bound.

    kind: "var" (node = declarator), "pattern" (node = declarator, keys = property path,
    defaults = the pattern's defaults on the way: (number of keys read, default expression)),
    "function" (node = function), "import" (source, imported name), "namespace" (source),
    "unknown" (a value not followed; node = what binds it: a declarator, a loop, a `catch`
    clause, a class; reason says which, as in "the variable `x`, <reason>").
    """

    kind: str
    node: Any
    keys: tuple[str, ...] = ()
    source: str = ""
    imported: str = ""
    reason: str = ""
    defaults: tuple[tuple[int, Any], ...] = ()


@record
class ParamInfo:
    """A parameter, or a name a parameter's pattern binds (`{ a: { b } }`: attrs ("a", "b")).
    element: bound from an array pattern or a rest (`[a]`, `...rest`), its value not followed."""

    index: int
    attrs: tuple[str, ...]
    default: Any  # Node | None
    element: bool = False


@record
class ExportEntry:
    """kind: "local" (a top-level name), "node" (an expression), "reexport" (source, name),
    "unknown" (a CommonJS export set more than once or changed in ways not read)."""

    kind: str
    name: str = ""
    node: Any = None
    source: str = ""


class Unit:
    """A parsed source file and everything the evaluator asks about it."""

    def __init__(self, file: SourceFile, grammar: Grammar) -> None:
        self.file = file
        self.key = file.key
        self.tree: Tree = mended(grammar.parser, grammar.parser.parse(file.data), file.data)
        self.root: Node = self.tree.root_node
        self.positions = Positions(file.display, file.data)
        self.decls: dict[str, list[Decl]] = {}
        self.param_names: set[str] = set()
        self.reassigned: set[str] = set()
        #: name -> the `name = value` assignments (value nodes); names also changed by `+=`,
        #: `++` or destructuring are in `reassigned` but not fully here
        self.assignments: dict[str, list[Node]] = {}
        self.rewritten: set[str] = set()
        self.imported_sources: set[str] = set()
        #: `arguments[1] = x` changes parameter 1 too (outside strict mode): looked for when set
        self.may_write_arguments = b"arguments" in file.data
        #: (import specifier, imported name) for `NotificationApi`, `storage` and the property
        #: hooks: forge lint requires their scopes at the import (see forge_api.WATCHED_IMPORTS)
        self.watched_imports: list[tuple[Node, str]] = []
        self.exports: dict[str, ExportEntry] = {}
        self.star_exports: list[str] = []
        self.module_value: Node | None = None
        #: `module.exports` given twice or in a branch, or changed by `Object.assign` & co
        self.module_unsure = False
        self._commonjs_names: set[str] = set()
        self._module_names: set[str] = set()  # set as `module.exports.x`, not `exports.x`
        #: the first syntax error (left after js/mend.py): it may hide a call, an import or
        #: an assignment, since tree-sitter's recovery may read what follows it wrongly
        self.error: Node | None = None
        self.memo: dict[int, Any] = {}
        self.busy: set[int] = set()
        #: name -> the nodes that write to it after its declaration (`x = …`, `x += …`, `x++`,
        #: `[x] = …`, `({ x } = …)`, `for (x of …)`)
        self.writes: dict[str, list[Node]] = {}
        self._params: dict[int, dict[str, ParamInfo]] = {}
        self._scopes: dict[int, Node | None] = {}
        self._redeclared: dict[tuple[str, int], Decl] = {}
        #: outside strict mode, a function declared in a block is also assigned to a `var`
        #: of its function when the block runs (Annex B): name -> those declarations
        self._block_functions: dict[str, list[Node]] = {}
        self._by_scope: dict[str, dict[int, list[Decl]]] = {}
        self._words: frozenset[bytes] | None = None
        self._word_starts: dict[bytes, list[int]] = {}
        self._written: frozenset[str] | None = None
        self._binds_undefined: bool | None = None
        #: objects a destructuring assignment or a loop writes a property of
        self._pattern_property_writes: set[str] = set()
        captures = grammar.captures(self.root)
        #: class fields and TypeScript parameter properties with a value (`c = api.asApp()`)
        self.fields: list[Node] = captures.get("field", [])
        #: calls, `new` expressions and `x.y = value` (where a Forge object may be handed on),
        #: what a class's methods return or keep (their callers are not followed), and the
        #: defaults of names taken from an array (`[send = app.requestJira] = xs`: not followed),
        #: TypeScript's `export = value` (as `module.exports = value`), and what a TypeScript
        #: namespace exports (`N.send`: not followed)
        self.calls: list[Node] = sorted(
            [
                *captures.get("call", ()),
                *filter(_writes_a_property, captures.get("assign", ())),
                *filter(_assigns_the_module, captures.get("export", ())),
                *_class_returns(captures.get("class_method_body", []), self.fields),
                *_class_kept_values(captures.get("class_method_body", []), self.fields),
                *captures.get("array_default", ()),
                *captures.get("namespace_export", ()),
                *(
                    ret
                    for body in captures.get("namespace_function_body", ())
                    for ret in return_statements(body)
                ),
            ],
            key=_start,
        )
        self._call_starts = [node.start_byte for node in self.calls]
        self.jsx: list[Node] = captures.get("jsx", [])
        #: the nodes a named function may be declared by (uncalled.py): `function f`,
        #: `const f = …`, a class's method (by its body), and the export statements (for
        #: `export default`, whose function goes by any name)
        self.function_sites: list[Node] = sorted(
            [
                *captures.get("function", ()),
                *captures.get("decl", ()),
                *(body.parent for body in captures.get("class_method_body", ()) if body.parent is not None),
            ],
            key=_start,
        )
        self.default_exports: list[Node] = [
            node for node in captures.get("export", ()) if any(c.type == "default" for c in node.children)
        ]
        #: `[key]` of object literals, classes and patterns (own_methods.py)
        self.computed_keys: list[Node] = captures.get("computed", [])
        self._index(captures)

    # building ------------------------------------------------------------------------------

    def _index(self, captures: dict[str, list[Node]]) -> None:
        for node in captures.get("import", ()):
            self._add_import(node)
        for node in captures.get("decl", ()):
            name = node.child_by_field_name("name")
            if name is not None:
                self._add_binding(name, node, ())
        sloppy = (
            not captures.get("import") and not captures.get("export") and not _STRICT.match(self.file.data)
        )
        # a module or a "use strict" file: `arguments` is a copy, writes do not reach parameters
        self.may_write_arguments = self.may_write_arguments and sloppy
        for node in captures.get("function", ()):
            name = node.child_by_field_name("name")
            if name is not None:
                self._add(text_of(name), Decl("function", node))
                if sloppy and _in_a_block(node):
                    self._block_functions.setdefault(text_of(name), []).append(node)
        for node in captures.get("export", ()):
            self._add_export(node)
        for node in captures.get("assign", ()):
            self._add_assignment(node)
        for node in captures.get("write", ()):
            self._add_write(node, rewritten=True)
        for node in captures.get("loop", ()):
            self._add_loop(node)
        for node in captures.get("caught", ()):
            reason = "a caught error"
            for text in pattern_names(node):
                self._add(text, Decl("unknown", node.parent, reason=reason))
        for node in captures.get("named", ()):  # `function send() {...}` as a value: its own name
            owner = node.parent
            if owner is None:
                continue
            decl = (
                Decl("function", owner)
                if owner.type in FUNCTION_TYPES
                else Decl("unknown", owner, reason="a class")
            )
            self._add(text_of(node), decl)
            self._scopes[owner.id] = owner  # bound inside the function or class only
        for node in captures.get("opaque", ()):
            self._add(text_of(node), Decl("unknown", node.parent, reason="a class, enum or namespace"))
        for node in captures.get("params", ()):
            for child in node.named_children:
                self.param_names.update(pattern_names(child))
        for node in captures.get("param", ()):
            self.param_names.add(text_of(node))
        for node in self.calls:
            function = node.child_by_field_name("function")
            if function is not None and function.type == "identifier" and function.text == b"require":
                source = first_string_argument(node)
                if source is not None:
                    self.imported_sources.add(source)
        self._settle_commonjs()
        errors = captures.get("error")
        if errors:
            self.error = min(errors, key=_start)
        elif self.root.has_error:
            self.error = _first_missing(self.root)
        #: the first place tree-sitter reads otherwise than JavaScript engines do, which may
        #: hide a call: `() => {}` then `/re/.test(s)` on the next line (a regular expression
        #: after ASI, read as a division whose right side swallows code), `export default
        #: function () {}` then `/re/`, or `<!--` (a comment to a script)
        self.misread = _misread(captures, self.root, self.file.data)
        #: the first name spelled with a `\u` escape (`g\u0065t` is `get`): calls and
        #: bindings through it are not seen under the name they spell
        self.escaped_name = _escaped_name(self.root, self.file.data)

    def _add(self, name: str, decl: Decl) -> None:
        self.decls.setdefault(name, []).append(decl)

    def _add_write(self, node: Node, *, rewritten: bool) -> None:
        """`node` (an identifier) is written; `rewritten`: by something other than `x = value`."""
        text = text_of(node)
        self.reassigned.add(text)
        self.writes.setdefault(text, []).append(node)
        if rewritten:
            self.rewritten.add(text)

    def _add_pattern_writes(self, pattern: Node) -> None:
        """`[a, b] = …`, `({ a } = …)`, `for (a of …)`: each name written with a value not followed."""
        if pattern.type in ("identifier", "shorthand_property_identifier_pattern"):
            self._add_write(pattern, rewritten=True)
            return
        if pattern.type in ("member_expression", "subscript_expression"):
            self._note_property_target(pattern)
            return
        for child in pattern.named_children:
            if child.type in ("identifier", "shorthand_property_identifier_pattern"):
                self._add_write(child, rewritten=True)
            elif child.type in ("member_expression", "subscript_expression"):
                self._note_property_target(child)  # `[cfg.method] = …`
            elif child.type in ("pair_pattern", "assignment_pattern", "object_assignment_pattern"):
                target = child.child_by_field_name("value") or child.child_by_field_name("left")
                if target is not None:
                    self._add_pattern_writes(target)
            elif child.type in ("object_pattern", "array_pattern", "rest_pattern"):
                self._add_pattern_writes(child)

    def _note_property_target(self, target: Node) -> None:
        """`[cfg.method] = …`, `({ m: cfg.mode.m } = …)`, `for (cfg.m of …)`: the object the
        property belongs to is changed (by its outermost name)."""
        node = target
        while node.type in ("member_expression", "subscript_expression"):
            inner = node.child_by_field_name("object")
            if inner is None:
                return
            node = inner
        if node.type == "identifier":
            self._pattern_property_writes.add(text_of(node))

    def _add_loop(self, loop: Node) -> None:
        """`for (const x of xs)` binds `x` in the loop (a `var` in the function); `for (x in o)`
        writes an `x` bound elsewhere."""
        left = loop.child_by_field_name("left")
        if left is None:
            return
        if loop.child_by_field_name("kind") is None:
            if left.type in (
                "identifier",
                "object_pattern",
                "array_pattern",
                "member_expression",
                "subscript_expression",
            ):
                self._add_pattern_writes(left)
            return
        for text in pattern_names(left):
            self._add(text, Decl("unknown", loop, reason="a loop variable"))

    def _add_binding(
        self, name: Node, declarator: Node, keys: tuple[str, ...], defaults: tuple[tuple[int, Any], ...] = ()
    ) -> None:
        """Bind the names of `name` (an identifier or a pattern) to the keys they read from
        the declarator's value, and the defaults met on the way (`{ method = 'PUT' }`)."""
        kind = name.type
        if kind == "identifier":
            self._add(text_of(name), Decl("pattern" if keys else "var", declarator, keys, defaults=defaults))
        elif kind == "object_pattern":
            for child in name.named_children:
                ctype = child.type
                if ctype == "shorthand_property_identifier_pattern":
                    text = text_of(child)
                    self._add(text, Decl("pattern", declarator, (*keys, text), defaults=defaults))
                elif ctype == "object_assignment_pattern":
                    left, right = child.child_by_field_name("left"), child.child_by_field_name("right")
                    if left is not None and left.type == "shorthand_property_identifier_pattern":
                        text = text_of(left)
                        given = ((len(keys) + 1, right),) if right is not None else ()
                        self._add(
                            text, Decl("pattern", declarator, (*keys, text), defaults=(*defaults, *given))
                        )
                elif ctype == "pair_pattern":
                    key = property_name(child.child_by_field_name("key"))
                    value = child.child_by_field_name("value")
                    if key is None and value is not None:  # `{ [KEY]: method }`: still binds `method`
                        for text in pattern_names(value):
                            self._add(text, Decl("unknown", declarator, keys, reason=COMPUTED_KEY))
                    elif key is not None and value is not None:
                        given = ()
                        if value.type == "assignment_pattern":
                            right = value.child_by_field_name("right")
                            given = ((len(keys) + 1, right),) if right is not None else ()
                            value = value.child_by_field_name("left")
                        if value is not None:
                            self._add_binding(value, declarator, (*keys, key), (*defaults, *given))
                elif ctype == "rest_pattern":
                    self._add_elements(child, declarator)
        elif kind in ("array_pattern", "rest_pattern"):
            self._add_elements(name, declarator)

    def _add_elements(self, pattern: Node, declarator: Node) -> None:
        """`const [a, { b }] = x`, `const { ...rest } = x`: bound, to values not followed (a
        name left unbound would resolve to a variable of that name further out)."""
        for text in pattern_names(pattern):
            self._add(text, Decl("unknown", declarator, reason="taken from an array or a rest"))

    def _add_import(self, node: Node) -> None:
        source_node = node.child_by_field_name("source")
        if source_node is None:
            for child in node.named_children:
                if child.type == "import_require_clause":  # TS: import api = require('@forge/api')
                    name, source = child.named_children[0], child.child_by_field_name("source")
                    if source is not None:
                        text = string_value(source)
                        self.imported_sources.add(text)
                        self._add(text_of(name), Decl("namespace", None, source=text))
            return
        module = string_value(source_node)
        self.imported_sources.add(module)
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    self._add(text_of(part), Decl("import", None, source=module, imported="default"))
                elif part.type == "namespace_import":
                    for name in part.named_children:
                        self._add(text_of(name), Decl("namespace", None, source=module))
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        imported = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or imported
                        if imported is None or alias is None:
                            continue
                        imported_name = _name_text(imported)
                        if imported_name in WATCHED_IMPORTS:
                            self.watched_imports.append((spec, imported_name))
                        self._add(text_of(alias), Decl("import", None, source=module, imported=imported_name))

    def _add_export(self, node: Node) -> None:
        source_node = node.child_by_field_name("source")
        source = string_value(source_node) if source_node is not None else ""
        is_default = any(child.type == "default" for child in node.children)
        declaration = node.child_by_field_name("declaration")
        if declaration is not None:
            if is_default:
                self.exports["default"] = ExportEntry("node", node=declaration)
            elif declaration.type in ("lexical_declaration", "variable_declaration"):
                for declarator in declaration.named_children:
                    name = declarator.child_by_field_name("name")
                    if declarator.type == "variable_declarator" and name is not None:
                        for text in pattern_names(name):
                            self.exports[text] = ExportEntry("local", name=text)
            else:
                name = declaration.child_by_field_name("name")
                if name is not None:
                    text = text_of(name)
                    self.exports[text] = ExportEntry("local", name=text)
            return
        if _assigns_the_module(node):
            assigned = [child for child in node.named_children if child.type != "comment"]
            if assigned:
                self.module_unsure = self.module_unsure or self.module_value is not None
                self.module_value = assigned[0]  # the module itself, as `module.exports = value`
            return
        value = node.child_by_field_name("value")
        if value is not None and is_default:
            self.exports["default"] = ExportEntry("node", node=value)
            return
        for child in node.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    if name is None or alias is None:
                        continue
                    exported, local = _name_text(alias), _name_text(name)
                    if source:
                        self.exports[exported] = ExportEntry("reexport", name=local, source=source)
                    else:
                        self.exports[exported] = ExportEntry("local", name=local)
                return
            if child.type == "namespace_export" and source:
                for name in child.named_children:
                    self.exports[_name_text(name)] = ExportEntry("reexport", name="*", source=source)
                return
        if source:
            self.star_exports.append(source)

    def _settle_commonjs(self) -> None:
        """Once every assignment is read: beside `module.exports = {...}`, an `exports.x` is
        not exported (it went to the object `module.exports` no longer is), and a
        `module.exports.x` changes the object: both are unknown."""
        data = self.file.data
        changed = b"exports" in data and _EXPORTS_CHANGED.search(data) is not None
        # `[exports.method] = …`; the exports object reached through `this` (at the top or in an
        # exported function), an alias of `exports` or `module`
        changed = changed or bool({"exports", "module"} & self._pattern_property_writes)
        if not changed and (self._commonjs_names or self.module_value is not None):
            changed = self._exports_handed_on()
        if changed or (self._module_names and self.module_value is not None):
            self.module_unsure = True
        if changed or self.module_value is not None:
            for exported in self._commonjs_names:
                self.exports[exported] = ExportEntry("unknown", name=exported)

    def _exports_handed_on(self) -> bool:
        """Whether the exports object may reach a name the analysis does not follow: `exports`,
        `module.exports` or a `this` that may be them used other than `exports.x` (set once or
        read), `module.exports = …`, `module.exports.x`, `this.x` read, or `this` in a class
        (`const self = this; self['m'] = …`, `f(...[exports])`, `const m = module`)."""
        for word in ("exports", "module", "this"):
            for start in self.word_starts(word):
                node = self.root.descendant_for_byte_range(start, start + len(word))
                if node is None or node.type not in ("identifier", "this"):
                    continue  # a string, a comment, a property name
                if not _module_object_use_is_safe(node, word):
                    return True
        return False

    def _add_assignment(self, node: Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return
        if left.type == "identifier":
            self._add_write(left, rewritten=False)
            self.assignments.setdefault(text_of(left), []).append(right)
            return
        if left.type in ("object_pattern", "array_pattern"):
            self._add_pattern_writes(left)
            return
        if left.type != "member_expression":
            return
        text = left.text
        if text == b"module.exports":
            if self.module_value is not None or node.parent is None or node.parent.parent != self.root:
                self.module_unsure = True  # given twice, or in a branch or a function
            self.module_value = right
            return
        obj = left.child_by_field_name("object")
        prop = left.child_by_field_name("property")
        if obj is not None and prop is not None and obj.text in (b"exports", b"module.exports"):
            if right.type == "unary_expression" and right.text == b"void 0":
                return  # TypeScript declares `exports.x = void 0` before it sets x
            name = text_of(prop)
            if name in self._commonjs_names:  # set twice: which value stays depends on the run
                self.exports[name] = ExportEntry("unknown", name=name)
                return
            self._commonjs_names.add(name)
            if obj.text == b"module.exports":
                self._module_names.add(name)
            self.exports[name] = ExportEntry("node", node=right)

    # queries -------------------------------------------------------------------------------

    def calls_within(self, node: Node) -> list[Node]:
        """The calls inside `node` (itself excluded), in source order."""
        lo = bisect_left(self._call_starts, node.start_byte)
        hi = bisect_left(self._call_starts, node.end_byte)
        return [call for call in self.calls[lo:hi] if call.id != node.id]

    def lookup(self, name: str, at: Node) -> Decl | tuple[Node, ParamInfo] | None:
        """What `name` means at node `at`: a declaration, (function, parameter), or None (a global)."""
        found = self._lookup(name, at)
        if name in self._block_functions:
            return self._hoisted_from_a_block(name, at, found)
        return found

    def _hoisted_from_a_block(
        self, name: str, at: Node, found: Decl | tuple[Node, ParamInfo] | None
    ) -> Decl | tuple[Node, ParamInfo] | None:
        """Outside strict mode, `if (c) { function f() {} }` also sets the `f` of the
        enclosing function once the block runs: there `f` may be either one (unknown)."""
        if isinstance(found, Decl) and found.kind == "unknown":
            return found
        if isinstance(found, tuple):
            bound_in: Node | None = found[0]
        else:
            bound_in = self._scope(found) if found is not None and found.node is not None else None
        for function in self._block_functions[name]:
            if isinstance(found, Decl) and found.node is function:
                return found  # inside its own block
            target = enclosing(function, FUNCTION_TYPES)  # None: the module
            if target is not None and not target.start_byte <= at.start_byte < target.end_byte:
                continue
            if bound_in is not None and _strictly_inside(bound_in, target):
                continue  # a declaration between them shadows the hoisted one
            line = function.start_point[0] + 1
            return Decl(
                "unknown",
                function,
                reason=f"which a function declared in a block (line {line}) may replace outside strict mode",
            )
        return found

    def _lookup(self, name: str, at: Node) -> Decl | tuple[Node, ParamInfo] | None:
        candidates = self.decls.get(name)
        is_param = name in self.param_names
        if not is_param:
            if not candidates:
                return None
            if len(candidates) == 1:
                decl = candidates[0]
                if decl.node is None:  # an import
                    return decl
                scope = self._scope(decl)
                if scope is None or scope.start_byte <= at.start_byte < scope.end_byte:
                    return decl
                return None
        by_scope = self._by_scope.get(name)
        if by_scope is None:
            by_scope = self._by_scope[name] = {}
            for decl in candidates or ():
                by_scope.setdefault(self._scope_id(decl), []).append(decl)
        node: Node | None = at.parent
        while node is not None:
            kind = node.type
            if kind in _SCOPE_TYPES:
                own = by_scope.get(node.id)
                param = self.params_of(node).get(name) if is_param and kind in FUNCTION_TYPES else None
                if own or param is not None:
                    return self._bound_in(name, node, own or [], param)
            node = node.parent
        own = by_scope.get(-1)
        return self._bound_in(name, None, own, None) if own else None

    def _bound_in(
        self, name: str, scope: Node | None, own: list[Decl], param: ParamInfo | None
    ) -> Decl | tuple[Node, ParamInfo]:
        """The binding of `name` that `scope` (None: the module) holds: a parameter, or its
        declarations `own`. Two in one scope (`var x` twice, a parameter declared again with
        `var`) are unknown: which value is current depends on the order the code runs in."""
        if not own and param is not None and scope is not None:
            return scope, param
        if param is None and all(_same_import(decl, own[0]) for decl in own[1:]):
            return own[0]
        key = (name, -1 if scope is None else scope.id)
        decl = self._redeclared.get(key)
        if decl is None:
            decl = self._redeclared[key] = Decl("unknown", scope, reason="declared more than once")
        return decl

    def word_starts(self, name: str) -> list[int]:
        """The offsets where `name` stands as a whole word (in code, strings or comments),
        found the first time it is asked (a byte search for that name alone)."""
        key = name.encode()
        found = self._word_starts.get(key)
        if found is None:
            found = self._word_starts[key] = []
            data = self.file.data
            at = data.find(key) if key and key in self.words() else -1
            while at != -1:
                end = at + len(key)
                if (at == 0 or data[at - 1] not in WORD_BYTES) and (
                    end == len(data) or data[end] not in WORD_BYTES
                ):
                    found.append(at)
                at = data.find(key, end)
        return found

    def words(self) -> frozenset[bytes]:
        """Every whole word of the file (in code, strings or comments), read in one pass the
        first time it is asked: most names asked for are not in most files."""
        if self._words is None:
            self._words = frozenset(_WORD.findall(self.file.data))
        return self._words

    def means_another(self, name: str, start: int, binding: Node) -> bool:
        """Whether the word `name` at `start` is code naming another variable than the one
        `binding` declares (a declarator, or a function for its parameter): another
        function's own `opts`, or a shadowing one. A word in a string or a comment is not."""
        node = self.root.descendant_for_byte_range(start, start + len(name.encode()))
        if node is None or node.type not in ("identifier", "shorthand_property_identifier"):
            return False
        if enclosing(node, frozenset({"formal_parameters"})) is not None:
            return False  # a default value sees the outer scope, not the body's `var`s
        found = self.lookup(name, node)
        if isinstance(found, Decl) and found.kind == "unknown":
            return False  # may be either
        bound = found[0] if isinstance(found, tuple) else getattr(found, "node", None)
        # not declared here at all (a global): cannot tell, so it may be this one
        return bound is not None and (bound.start_byte, bound.end_byte) != (
            binding.start_byte,
            binding.end_byte,
        )

    def is_commonjs_export(self, name: str) -> bool:
        """Whether `name` is exported by `exports.name = value` (once: one set twice is
        unknown), so any file holding the module object may change it."""
        entry = self.exports.get(name)
        return entry is not None and entry.kind == "node" and name in self._commonjs_names

    def binds_undefined(self) -> bool:
        """Whether the file declares a variable or parameter named `undefined` (`let undefined
        = 'PUT'`, `function f(k, undefined)`): then `undefined` may not mean undefined."""
        if self._binds_undefined is None:
            self._binds_undefined = self._declares_undefined()
        return self._binds_undefined

    def _declares_undefined(self) -> bool:
        for start in self.word_starts("undefined"):
            node = self.root.descendant_for_byte_range(start, start + len("undefined"))
            if node is None:
                continue
            if node.type in ("identifier", "shorthand_property_identifier_pattern"):
                return True  # tree-sitter names it `identifier` where it is declared
            parent = node.parent
            if node.type == "undefined" and parent is not None:
                if parent.type in _PATTERN_PARENTS:
                    return True
                if (
                    parent.type in ("assignment_pattern", "object_assignment_pattern")
                    and parent.child_by_field_name("left") == node
                ):
                    return True
        return False

    def properties_written(self, name: str) -> bool:
        """`name.x = …`, `name[k] = …`, `name.x ||= …`, `Object.assign(name, …)`,
        `defineProperty(name`, `Reflect.set(name`: one pass over the file finds every such name."""
        if self._written is None:
            data = self.file.data
            found = {(match.group(1) or match.group(2)).decode() for match in _PROPERTY_WRITE.finditer(data)}
            found.update(match.group(1).decode() for match in _WRITING_CALL.finditer(data))
            self._written = frozenset(found | self._pattern_property_writes)
        return name in self._written

    def param_written(self, function: Node, name: str) -> bool:
        """Whether the code writes to parameter `name` of `function` (`name = …` and the like,
        or `arguments[i] = …`, which changes the parameters outside strict mode)."""
        if self.may_write_arguments and (
            "arguments" in self._pattern_property_writes or _ARGUMENTS_WRITE.search(function.text or b"")
        ):
            return True
        for node in self.writes.get(name, ()):
            if function.start_byte <= node.start_byte < function.end_byte:
                binding = self.lookup(name, node)
                if isinstance(binding, tuple) and binding[0].id == function.id:
                    return True
        return False

    def params_of(self, function: Node) -> dict[str, ParamInfo]:
        known = self._params.get(function.id)
        if known is not None:
            return known
        params: dict[str, ParamInfo] = {}
        single = function.child_by_field_name("parameter")
        if single is not None:
            params[text_of(single)] = ParamInfo(0, (), None)
        plist = function.child_by_field_name("parameters")
        if plist is not None:
            index = 0
            for child in plist.named_children:
                if child.type == "comment" or _is_this_parameter(child):
                    continue
                _collect_params(child, index, (), params)
                index += 1
        self._params[function.id] = params
        return params

    def _scope_id(self, decl: Decl) -> int:
        scope = self._scope(decl)
        return -1 if scope is None else scope.id

    def _scope(self, decl: Decl) -> Node | None:
        """The node whose range a declaration is visible in; None for the module."""
        node = decl.node
        if node is None or decl.kind in ("import", "namespace"):
            return None
        known = self._scopes.get(node.id, _UNSET)
        if known is not _UNSET:
            return known
        kind = node.type
        if kind == "catch_clause" or (kind == "for_in_statement" and not _is_var(node)):
            scope: Node | None = node
        elif kind == "for_in_statement" or (
            kind == "variable_declarator"
            and node.parent is not None
            and node.parent.type == "variable_declaration"
        ):
            scope = enclosing(node, FUNCTION_TYPES)  # `var`: the function's
        else:
            scope = enclosing(node, _SCOPE_TYPES)  # `let`, `const`, class, function: the block's
        self._scopes[node.id] = scope
        return scope


_UNSET: Any = object()
#: `Object.assign(module.exports, ...)`, `Object.defineProperty(exports, 'x', ...)` (not
#: TypeScript's `__esModule` marker): exports set in a way the analysis does not read
_EXPORTS_CHANGED = re.compile(
    rb"""(?:assign|defineProperty|defineProperties|setPrototypeOf)\(\s*(?:module\.)?exports\s*,\s*+(?!['"]__esModule['"])"""
    # `exports['method'] = …`, `module.exports[key] = …`: a name not read
    rb"""|(?<![\w$.])(?:module\s*\.\s*)?exports\s*\[[^\]]*\]\s*(?:\|\||\?\?|&&)?=(?!=)"""
    # (`const e = exports`, `f(exports)`: `_exports_handed_on`, which reads the tree)
)


def _module_object_use_is_safe(node: Node, word: str) -> bool:
    """`exports.x`, `Object.defineProperty(exports, '__esModule', …)`, `module.exports = …`,
    `module.exports.x`, `module.hot`, `this.x` read, `this && this.__awaiter`, `this` in a class
    member (outside computed keys): uses that hand the exports object to nobody."""
    parent = node.parent
    if parent is None:
        return False
    member_of = parent.type == "member_expression" and parent.child_by_field_name("object") == node
    if word == "exports":
        if member_of:
            return _export_used_safely(parent)
        call = parent.parent if parent.type == "arguments" else None
        callee = call.child_by_field_name("function") if call is not None else None
        return (
            callee is not None
            and (callee.text or b"").replace(b" ", b"") == b"Object.defineProperty"
            and b"__esModule" in (parent.text or b"")
        )
    if word == "module":
        prop = parent.child_by_field_name("property") if member_of else None
        if prop is None or prop.text != b"exports":
            return member_of  # `module.hot`, `module.id`
        outer = parent.parent
        if outer is None:
            return False
        if outer.type == "member_expression" and outer.child_by_field_name("object") == parent:
            return _export_used_safely(outer)  # `module.exports.x`
        return outer.type == "assignment_expression" and outer.child_by_field_name("left") == parent
    # `this`
    if _in_class_member(node):
        return True
    if member_of:
        outer = parent.parent
        return outer is not None and not (
            outer.type in ("assignment_expression", "augmented_assignment_expression", "update_expression")
            or (outer.type == "call_expression" and outer.child_by_field_name("function") == parent)
            or outer.type in ("pair_pattern", "array_pattern", "object_pattern", "for_in_statement")
            or (outer.type == "unary_expression" and (outer.text or b"").startswith(b"delete"))
        )
    return (
        parent.type == "binary_expression"
        and parent.child_by_field_name("left") == node
        and (getattr(parent.child_by_field_name("operator"), "type", "") == "&&")
    )


def _export_used_safely(member: Node) -> bool:
    """`exports.x` (or `module.exports.x`) set, read into a value that is used up, or read
    for a property (`exports.cfg.method`, whose writes are counted as `.method =`): not
    `const o = exports.cfg`, `f(exports.cfg)`, `return exports.cfg`, `exports.cfg[k] = …`,
    where the exported object goes on to a name the analysis does not follow."""
    parent = member.parent
    if parent is None:
        return True
    if parent.type == "assignment_expression" and parent.child_by_field_name("left") == member:
        return True  # `exports.x = value`: counted as the export's value (twice: unknown)
    if (
        parent.type in ("member_expression", "subscript_expression")
        and parent.child_by_field_name("object") == member
    ):
        # `exports.cfg.http...`, `exports.cfg['http']`: the whole chain is used as the export would be
        chain = parent
        while (
            chain.parent is not None
            and chain.parent.type in ("member_expression", "subscript_expression")
            and (chain.parent.child_by_field_name("object") == chain)
        ):
            chain = chain.parent
        outer = chain.parent
        if outer is not None and outer.type in ("assignment_expression", "augmented_assignment_expression"):
            # a dot write (`exports.cfg.method = …`) is counted as such; a computed one is not
            return outer.child_by_field_name("left") == chain and chain.type == "member_expression"
        if (
            outer is not None
            and outer.type == "call_expression"
            and outer.child_by_field_name("function") == chain
        ):
            return False  # `exports.cfg.reset()`: a method may change its object
        return value_used_up(chain)
    return value_used_up(member)


#: where a value is used up, not passed on: `!a`, `${a}`, `switch (a)`, a statement of its own
_VALUE_CONSUMERS = frozenset(
    {"unary_expression", "template_substitution", "switch_case", "expression_statement"}
)
_CONDITIONS = frozenset({"if_statement", "while_statement", "do_statement", "switch_statement"})


def value_used_up(node: Node) -> bool:
    """Whether the value of `node` is used up where it stands (compared, negated, put in a
    string, tested), so an object it may be is not handed on."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "binary_expression":  # `a || b` passes `a` on; `instanceof` calls a hook
        return getattr(parent.child_by_field_name("operator"), "type", "") not in (
            "||",
            "??",
            "&&",
            "instanceof",
        )
    if parent.type == "parenthesized_expression":
        return parent.parent is not None and parent.parent.type in _CONDITIONS
    if parent.type == "template_substitution":  # a tag function gets the value itself
        template = parent.parent
        return not (
            template is not None and template.parent is not None and template.parent.type == "call_expression"
        )
    return parent.type in _VALUE_CONSUMERS


def _in_class_member(node: Node) -> bool:
    """Inside a class body, and not in a computed key (which runs outside the class)."""
    current = node.parent
    while current is not None:
        if current.type == "computed_property_name":
            return False
        if current.type == "class_body":
            return True
        current = current.parent
    return False


#: a `"use strict"` directive first in the file (after comments)
_STRICT = re.compile(rb"""\s*(?:(?://[^\n]*\n|/\*.*?\*/)\s*)*['"]use strict['"]""", re.DOTALL)
_WORD = re.compile(rb"(?<![\w$])[\w$]+")
#: the bytes `[\w$]` matches: what a word is made of
WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
#: spaces, line breaks and block comments, which may stand around `.` and `=` (`o. method =`)
_GAP = rb"(?:\s|/\*[^*]*\*/)*"
#: where a name in a pattern or parameter list declares it
_PATTERN_PARENTS = frozenset(
    {"formal_parameters", "array_pattern", "rest_pattern", "object_pattern", "pair_pattern"}
    | {"required_parameter", "optional_parameter"}
)

#: what after a target writes it: `=` and every compound assignment (`+=`, `||=`, `>>>=`...),
#: `++` and `--` (not `==`, `=>`, `<=`, `>=`)
WRITES_AFTER = rb"(?:(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?![=>])|\+\+|--)"
#: what before a target writes it: `++`, `--`, `delete`
WRITES_BEFORE = rb"(?:\+\+|--|(?<![\w$.])delete(?![\w$]))"
#: the properties read after a name: `.x`, `?.x`, `[k]`, `[keys[0]]`, with gaps
_PROPERTY_STEPS = rb"(?:" + _GAP + rb"(?:\??\." + _GAP + rb"[\w$]+|\[(?:[^\[\]]|\[[^\]]*\])*\]))+"
#: `name.x = …`, `name [k] = …`, `name[keys[0]] = …`, `name.x /* why */ ||= …`, `name.x++`,
#: `name.x += …`; and `++name.x`, `delete name[k]`
_PROPERTY_WRITE = re.compile(
    rb"(?<![\w$.])([\w$]+)"
    + _PROPERTY_STEPS
    + _GAP
    + WRITES_AFTER
    + rb"|"
    + WRITES_BEFORE
    + _GAP
    + rb"(?<![\w$.])([\w$]+)"
    + _PROPERTY_STEPS
)
_WRITING_CALL = re.compile(
    rb"(?:assign|defineProperty|defineProperties|setPrototypeOf|set)\(\s*([\w$]+)(?![\w$])"
)
#: `arguments` used other than read, outside strict mode: `arguments[1] = …`, `arguments[i]++`,
#: or handed on as a whole (`const a = arguments`, `[].splice.call(arguments, …)`), where it
#: may be written (in a pattern, `[arguments[1]] = …`: `_pattern_property_writes`). Reads:
#: `arguments.length`, `arguments[0]` (a plain index), `f.apply(this, arguments)`,
#: `[...arguments]`, `Array.from(arguments)`, `[].slice.call(arguments)`
_ARGUMENTS_WRITE = re.compile(
    rb"(?<![\w$.])(?<!\.\.\.)(?<!\.apply\(this,\s)(?<!\.apply\(null,\s)(?<!Array\.from\()(?<!slice\.call\()"
    rb"arguments(?![\w$])(?!\s*(?:\.\s*length\b|\[\s*[\w$]+\s*\]"
    rb"(?!\s*(?:(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=)|\+\+|--))))"
    rb"|(?:\+\+|--)\s*arguments\b"
)


def _same_import(decl: Decl, other: Decl) -> bool:
    """Two imports of one name from one module (the same value, as a bundle may repeat them)."""
    return decl.kind in ("import", "namespace") and (decl.kind, decl.source, decl.imported) == (
        other.kind,
        other.source,
        other.imported,
    )


def _is_var(loop: Node) -> bool:
    kind = loop.child_by_field_name("kind")
    return kind is not None and kind.type == "var"


def _in_a_block(function: Node) -> bool:
    """A declaration inside `{ }`, a `switch` or a loop, not at the top of a function body
    or of the file."""
    scope = enclosing(function, _SCOPE_TYPES)
    return scope is not None and not (
        scope.type == "statement_block" and scope.parent is not None and scope.parent.type in FUNCTION_TYPES
    )


def _strictly_inside(scope: Node, outer: Node | None) -> bool:
    """Whether `scope` lies within `outer` (None: the module) and is not its body."""
    if outer is None:
        return True
    body = outer.child_by_field_name("body")
    return scope.id not in (outer.id, body.id if body is not None else -1) and (
        outer.start_byte <= scope.start_byte and scope.end_byte <= outer.end_byte
    )


#: TypeScript's namespaces (`namespace N {}`, `module N {}`)
NAMESPACES = frozenset({"internal_module", "module"})


def enclosing(node: Node, types: frozenset[str]) -> Node | None:
    """The nearest ancestor of `node` of one of `types`; None when there is none (the module)."""
    parent = node.parent
    while parent is not None and parent.type not in types:
        parent = parent.parent
    return parent


#: what a function body's own `return` statements are not searched in
_OTHER_BODIES = frozenset({*FUNCTION_TYPES, "class_declaration", "class", "abstract_class_declaration"})


def return_statements(body: Node) -> list[Node]:
    """The `return` statements of a function body, not those of functions or classes
    nested in it, in source order."""
    top = [child for child in body.named_children if child.type == "return_statement"]
    if (body.text or b"").count(b"return") == len(top):
        return top  # no other `return` anywhere below: no need to walk the body
    found: list[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        for child in node.named_children:
            if child.type == "return_statement":
                found.append(child)
            elif child.type not in _OTHER_BODIES:
                stack.append(child)
    return sorted(found, key=_start)


def _class_returns(method_bodies: list[Node], fields: list[Node]) -> list[Node]:
    """What hands a value to a class method's caller: the `return` statements of its methods
    and of the functions its fields hold, and a field's arrow function with an expression
    body (`send = () => app.requestJira`), which stands for its own return."""
    found = [ret for body in method_bodies for ret in return_statements(body)]
    for field in fields:
        function = field.child_by_field_name("value")
        if function is None or function.type not in _FIELD_FUNCTIONS:
            continue
        body = function.child_by_field_name("body")
        if body is not None and body.type == "statement_block":
            found.extend(return_statements(body))
        elif body is not None:
            found.append(function)
    return found


def _class_kept_values(method_bodies: list[Node], fields: list[Node]) -> list[Node]:
    """Where a class keeps a value its callers may reach: its fields' values (not functions:
    their returns stand for them) and the default values of its methods' parameters."""
    found = [
        field
        for field in fields
        if (value := field.child_by_field_name("value")) is not None and value.type not in _FIELD_FUNCTIONS
    ]
    for body in method_bodies:
        parameters = body.parent.child_by_field_name("parameters") if body.parent is not None else None
        for parameter in parameters.named_children if parameters is not None else ():
            if parameter.type == "assignment_pattern" or (
                parameter.type in ("required_parameter", "optional_parameter")
                and parameter.child_by_field_name("value") is not None
                and not any(child.type == "accessibility_modifier" for child in parameter.children)
            ):
                found.append(parameter)
    return found


_FIELD_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})


def _assigns_the_module(export: Node) -> bool:
    """TypeScript's `export = value`: the module is `value`, as with `module.exports = value`."""
    return any(child.type == "=" for child in export.children)


def _writes_a_property(assignment: Node) -> bool:
    left = assignment.child_by_field_name("left")
    return left is not None and left.type in ("member_expression", "subscript_expression")


def _start(node: Node) -> int:
    return node.start_byte


def _misread(captures: dict[str, list[Node]], root: Node, data: bytes) -> Node | None:
    found = list(captures.get("misread", ()))
    for node in captures.get("misread_export", ()):
        holder = node.parent
        while holder is not None and holder.type == "binary_expression":
            holder = holder.parent
        if holder is not None and holder.type == "export_statement":
            found.append(node)
    # `/re/ < x`: no program compares or divides a regular expression; it is a misread `/`
    found.extend(
        node
        for node in captures.get("misread_operand", ())
        if (operator := node.child_by_field_name("operator")) is not None
        and operator.type not in ("||", "&&", "??", "==", "===", "!=", "!==", "instanceof")
    )
    # `interface` then a line break is a name in a script (tsc reads three statements)
    found.extend(
        node for node in captures.get("interface", ()) if b"\n" in (node.text or b"").split(b"{", 1)[0][:40]
    )
    # `yield` outside a generator is a name in a script: `yield <b>(...)</b>/g` is no JSX
    found.extend(
        node
        for node in captures.get("call", ())
        if node.type == "yield_expression" and not _in_generator(node)
    )
    for mark in (b"<!--", b"-->"):  # HTML-like comments of scripts (`n /*...*/ --> ...`)
        start = data.find(mark)
        while start != -1 and not found:
            at = root.descendant_for_byte_range(start, start + len(mark))
            if at is None or at.type not in ("string_fragment", "jsx_text", "comment", "template_string"):
                found.append(at if at is not None else root)
            start = data.find(mark, start + len(mark))
    return min(found, key=_start) if found else None


_GENERATORS = frozenset({"generator_function_declaration", "generator_function"})
_FUNCTION_NODES = frozenset(
    {
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        *_GENERATORS,
    }
)


def _in_generator(node: Node) -> bool:
    holder = node.parent
    while holder is not None and holder.type not in _FUNCTION_NODES:
        holder = holder.parent
    if holder is None:
        return False
    return holder.type in _GENERATORS or (
        holder.type == "method_definition" and any(child.type == "*" for child in holder.children)
    )


def _escaped_name(root: Node, data: bytes) -> Node | None:
    """The first identifier whose spelling holds a `\\u` escape, or None."""
    start = data.find(b"\\u")
    while start != -1:
        node = root.descendant_for_byte_range(start, start + 2)
        if node is not None and node.type.endswith("identifier"):
            return node
        start = data.find(b"\\u", start + 2)
    return None


def _first_missing(node: Node) -> Node:
    """The first token tree-sitter had to invent (a MISSING node), found along `has_error`."""
    while True:
        for child in node.children:
            if child.is_missing:
                return child
            if child.has_error:
                node = child
                break
        else:
            return node


def _name_text(node: Node) -> str:
    return string_value(node) if node.type == "string" else text_of(node)


def _collect_params(node: Node, index: int, attrs: tuple[str, ...], out: dict[str, ParamInfo]) -> None:
    kind = node.type
    default = None
    if kind in ("required_parameter", "optional_parameter"):
        default = node.child_by_field_name("value")
        pattern = node.child_by_field_name("pattern")
        if pattern is None:
            return
        node, kind = pattern, pattern.type
    if kind == "assignment_pattern":
        default = node.child_by_field_name("right")
        left = node.child_by_field_name("left")
        if left is None:
            return
        node, kind = left, left.type
    if kind == "identifier":
        out[text_of(node)] = ParamInfo(index, attrs, default)
    elif kind in ("array_pattern", "rest_pattern"):
        for text in pattern_names(node):
            out[text] = ParamInfo(index, attrs, None, element=True)
    elif kind == "object_pattern":
        if default is not None:
            out.setdefault("", ParamInfo(index, attrs, default))  # the whole object's default
        for child in node.named_children:
            ctype = child.type
            if ctype == "shorthand_property_identifier_pattern":
                text = text_of(child)
                out[text] = ParamInfo(index, (*attrs, text), None)
            elif ctype == "object_assignment_pattern":
                left = child.child_by_field_name("left")
                if left is not None:
                    text = text_of(left)
                    out[text] = ParamInfo(index, (*attrs, text), child.child_by_field_name("right"))
            elif ctype == "pair_pattern":
                key = property_name(child.child_by_field_name("key"))
                value = child.child_by_field_name("value")
                if key is None and value is not None:  # `({ [KEY]: m }) =>`: a value not followed
                    for text in pattern_names(value):
                        out[text] = ParamInfo(index, attrs, None, element=True)
                elif key is not None and value is not None:
                    _collect_params(value, index, (*attrs, key), out)
            elif ctype == "rest_pattern":
                _collect_params(child, index, attrs, out)


def _is_this_parameter(node: Node) -> bool:
    """TypeScript's `function f(this: T, a)`: a type for `this`, not a parameter callers pass."""
    pattern = node.child_by_field_name("pattern") if node.type == "required_parameter" else None
    return pattern is not None and pattern.type == "this"


def pattern_names(node: Node) -> list[str]:
    kind = node.type
    if kind == "identifier":
        return [text_of(node)]
    if kind in ("required_parameter", "optional_parameter"):
        pattern = node.child_by_field_name("pattern")
        return pattern_names(pattern) if pattern is not None else []
    if kind in ("assignment_pattern", "object_assignment_pattern"):
        left = node.child_by_field_name("left")
        return pattern_names(left) if left is not None else []
    if kind == "shorthand_property_identifier_pattern":
        return [text_of(node)]
    if kind == "pair_pattern":
        value = node.child_by_field_name("value")
        return pattern_names(value) if value is not None else []
    if kind in ("object_pattern", "array_pattern", "rest_pattern"):
        names: list[str] = []
        for child in node.named_children:
            names.extend(pattern_names(child))
        return names
    return []


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def string_value(node: Node) -> str:
    """The value of a string literal (escapes decoded, the common ones at least)."""
    pieces: list[str] = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            pieces.append(decode_escape(text_of(child)))
        elif child.type != "comment":
            pieces.append(text_of(child))
    return "".join(pieces)


def decode_escape(text: str) -> str:
    body = text[1:]
    if body in _ESCAPES:
        return _ESCAPES[body]
    if body[:1] in ("x", "u") and len(body) > 1:
        digits = body[1:].strip("{}")
        try:
            code = int(digits, 16)
        except ValueError:
            return body
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:  # a lone surrogate cannot be written out
            return "\ufffd"
        return chr(code)
    if body.startswith(("\n", "\r")):
        return ""  # line continuation
    if re.fullmatch(r"[0-7]{1,3}", body):
        return chr(int(body, 8))  # a legacy octal escape (`'@forge\\057api'` in a script)
    return body


def property_name(node: Node | None) -> str | None:
    """The name of an object key or member property (identifiers and string keys)."""
    if node is None:
        return None
    if node.type == "string":
        return string_value(node)
    if node.type in ("property_identifier", "identifier", "private_property_identifier", "number"):
        return text_of(node)
    return None


def first_string_argument(call: Node) -> str | None:
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return None
    for child in args.named_children:
        if child.type == "comment":
            continue
        return string_value(child) if child.type == "string" else None
    return None
