"""Where one JS/TS file reaches into a global API object (`chrome.tabs.query`), statically.

Given the global names (`chrome`, `browser`), a walk over the syntax tree finds every member
chain rooted at one of them or at a name bound to one (`const api = globalThis.browser ??
chrome`, `const {storage} = chrome`, `import browser from "webextension-polyfill"`), and every
place the object leaves what can be followed: passed to a function, returned, stored in an
object, read with a computed name (`chrome[name]`). Those are `Escape`s: whatever is reached
through them is unknown. Nothing is run.

Name lookup is per file, not per scope: a name bound once to the API and elsewhere to
something else (a parameter called `browser`) makes its uses unsure (`GlobalUse.certain`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from scopecheck.analysis.js.positions import Positions
from scopecheck.core.findings import Span
from scopecheck.core.records import record

if TYPE_CHECKING:
    from tree_sitter import Node

Path = tuple[str, ...]

#: objects whose property is a global (`globalThis.chrome`)
GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self", "global"})
_WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "await_expression",
        "non_null_expression",
        "as_expression",
        "satisfies_expression",
    }
)
_COMPARISONS = frozenset({"===", "!==", "==", "!=", "instanceof", "in"})
#: TypeScript type positions: `chrome.tabs.Tab` there is a type, not the object
_TYPES = frozenset(
    {
        "type_annotation",
        "nested_type_identifier",
        "type_arguments",
        "type_alias_declaration",
        "interface_declaration",
        "type_query",
        "generic_type",
        "type_predicate",
        "type_parameters",
        "ambient_declaration",
    }
)
_TESTS = frozenset({"if_statement", "while_statement", "do_statement", "for_statement"})


@record
class GlobalUse:
    """A member chain below a global (`("tabs", "query")` for `chrome.tabs.query(...)`)."""

    path: Path
    span: Span
    called: bool
    #: False when the name may be something else in this file (a parameter called `browser`)
    certain: bool
    node: Any  # the call (when called) or the chain's outermost node, for its arguments


@record
class Escape:
    """The object at `path` (`()` for the global itself) goes where it cannot be followed."""

    path: Path
    span: Span
    why: str


@record
class GlobalScan:
    uses: tuple[GlobalUse, ...]
    escapes: tuple[Escape, ...]
    #: exported names bound to the API (`export default browser` -> {"default": ()})
    exports: Mapping[str, Path]
    #: local name -> (module specifier, imported name) of every import and `require`
    imports: Mapping[str, tuple[str, str]]


def text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def string_literal(node: Node | None) -> str | None:
    """The value of a plain string or a template without substitutions."""
    if node is None:
        return None
    if node.type == "string":
        return "".join(text(c) for c in node.named_children if c.type != "comment")
    if node.type == "template_string" and not any(
        c.type == "template_substitution" for c in node.named_children
    ):
        return text(node)[1:-1]
    return None


class _Scanner:
    def __init__(
        self,
        root: Node,
        positions: Positions,
        names: frozenset[str],
        polyfills: frozenset[str],
        imported: Mapping[str, Path],
    ) -> None:
        self.root = root
        self.positions = positions
        self.names = names
        self.polyfills = polyfills
        self.aliases: dict[str, Path] = dict(imported)
        self.unsure: set[str] = set()
        self.exports: dict[str, Path] = {}
        self.imports: dict[str, tuple[str, str]] = {}
        self.uses: list[GlobalUse] = []
        self.escapes: list[Escape] = []
        self.alias_values: set[int] = set()  # ids of value nodes that bind an alias

    # -------------------------------------------------------------------- resolving

    def resolve(self, node: Node | None) -> Path | None:
        """The API path an expression evaluates to, or None."""
        if node is None:
            return None
        kind = node.type
        if kind in _WRAPPERS:
            inner = node.named_children
            return self.resolve(inner[0]) if inner else None
        if kind == "identifier":
            name = text(node)
            if name in self.aliases:
                return self.aliases[name]
            if name in self.names:
                return ()
            return None
        if kind == "member_expression":
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            if obj is None or prop is None:
                return None
            if obj.type == "identifier" and text(obj) in GLOBAL_OBJECTS and text(prop) in self.names:
                return ()
            base = self.resolve(obj)
            return None if base is None else (*base, text(prop))
        if kind == "subscript_expression":
            base = self.resolve(node.child_by_field_name("object"))
            key = string_literal(node.child_by_field_name("index"))
            return None if base is None or key is None else (*base, key)
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if text(operator) in ("||", "??"):
                return _join(
                    self.resolve(node.child_by_field_name("left")),
                    self.resolve(node.child_by_field_name("right")),
                )
            if text(operator) == "&&":
                return self.resolve(node.child_by_field_name("right"))
            return None
        if kind == "ternary_expression":
            return _join(
                self.resolve(node.child_by_field_name("consequence")),
                self.resolve(node.child_by_field_name("alternative")),
            )
        if kind == "call_expression":
            function = node.child_by_field_name("function")
            if function is not None and text(function) == "require":
                source = _first_argument_string(node)
                if source is not None and source in self.polyfills:
                    return ()
        return None

    # -------------------------------------------------------------------- bindings

    def bind(self, name_node: Node, path: Path | None, value: Node | None) -> None:
        """Bind the names of a declarator or assignment target to `path` (None: not the API)."""
        kind = name_node.type
        if kind == "identifier":
            name = text(name_node)
            if path is None:
                if name in self.names or name in self.aliases:
                    self.unsure.add(name)
                return
            known = self.aliases.get(name)
            if known is not None and known != path:
                self.unsure.add(name)
            self.aliases[name] = path if known is None else _join(known, path) or ()
            if value is not None:
                self.alias_values.add(value.id)
        elif kind == "object_pattern":
            if value is not None and path is not None:
                self.alias_values.add(value.id)
            for child in name_node.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    self._bind_name(text(child), None if path is None else (*path, text(child)))
                elif child.type == "object_assignment_pattern":
                    left = child.child_by_field_name("left")
                    if left is not None:
                        self._bind_name(text(left), None if path is None else (*path, text(left)))
                elif child.type == "pair_pattern":
                    key = child.child_by_field_name("key")
                    target = child.child_by_field_name("value")
                    if target is not None and target.type == "assignment_pattern":
                        target = target.child_by_field_name("left")
                    key_text = (
                        string_literal(key) if key is not None and key.type == "string" else None
                    ) or text(key)
                    if target is not None and key is not None and key.type != "computed_property_name":
                        self.bind(target, None if path is None else (*path, key_text), None)
                    elif target is not None:
                        self.bind(target, None, None)
                elif child.type == "rest_pattern" and path is not None:
                    for rest in child.named_children:
                        self._bind_name(text(rest), path)

    def _bind_name(self, name: str, path: Path | None) -> None:
        if path is None:
            if name in self.names or name in self.aliases:
                self.unsure.add(name)
            return
        known = self.aliases.get(name)
        if known is not None and known != path:
            self.unsure.add(name)
        self.aliases[name] = path

    def collect_bindings(self) -> None:
        """Aliases, imports and exports, to a fixed point (an alias of an alias)."""
        nodes = list(_walk(self.root))
        for node in nodes:
            if node.type == "import_statement":
                self._import(node)
        for _round in range(4):
            before = dict(self.aliases)
            for node in nodes:
                if node.type == "variable_declarator":
                    name = node.child_by_field_name("name")
                    value = node.child_by_field_name("value")
                    if name is not None and value is not None:
                        self.bind(name, self.resolve(value), value)
                    elif name is not None and name.type == "identifier" and text(name) in self.names:
                        self.unsure.add(text(name))  # `let browser;` assigned later
                elif node.type == "assignment_expression":
                    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
                    if (
                        left is not None
                        and right is not None
                        and left.type in ("identifier", "object_pattern")
                    ):
                        self.bind(left, self.resolve(right), right)
            if self.aliases == before:
                break
        for node in nodes:
            if node.type in ("formal_parameters",):
                for param in _pattern_identifiers(node):
                    if param in self.names or param in self.aliases:
                        self.unsure.add(param)
            elif node.type == "arrow_function":
                single = node.child_by_field_name("parameter")
                if single is not None and (text(single) in self.names or text(single) in self.aliases):
                    self.unsure.add(text(single))
            elif node.type == "export_statement":
                self._export(node)
            elif node.type == "assignment_expression":
                left = node.child_by_field_name("left")
                if left is not None and text(left) in ("module.exports", "exports.default"):
                    path = self.resolve(node.child_by_field_name("right"))
                    if path is not None:
                        self.exports["default"] = path
                        right = node.child_by_field_name("right")
                        if right is not None:
                            self.alias_values.add(right.id)
            elif node.type == "call_expression":
                function = node.child_by_field_name("function")
                if function is not None and text(function) == "require":
                    source = _first_argument_string(node)
                    declarator = node.parent
                    while declarator is not None and declarator.type in _WRAPPERS:
                        declarator = declarator.parent
                    if (
                        source is not None
                        and declarator is not None
                        and declarator.type == "variable_declarator"
                    ):
                        name = declarator.child_by_field_name("name")
                        if name is not None and name.type == "identifier":
                            self.imports[text(name)] = (source, "default")

    def _import(self, node: Node) -> None:
        source = string_literal(node.child_by_field_name("source"))
        if source is None:
            return
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    self._imported(text(part), source, "default")
                elif part.type == "namespace_import":
                    for name in part.named_children:
                        self._imported(text(name), source, "*")
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        imported = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or imported
                        if imported is not None and alias is not None:
                            self._imported(text(alias), source, string_literal(imported) or text(imported))

    def _imported(self, local: str, source: str, name: str) -> None:
        self.imports[local] = (source, name)
        if source in self.polyfills and name in ("default", "*", "browser"):
            self.aliases[local] = ()
        elif local in self.names and local not in self.aliases:
            self.unsure.add(local)

    def _export(self, node: Node) -> None:
        value = node.child_by_field_name("value")
        if value is not None and any(c.type == "default" for c in node.children):
            path = self.resolve(value)
            if path is not None:
                self.exports["default"] = path
                self.alias_values.add(value.id)
            return
        declaration = node.child_by_field_name("declaration")
        if declaration is not None:
            for declarator in declaration.named_children:
                if declarator.type == "variable_declarator":
                    name = declarator.child_by_field_name("name")
                    if name is not None and name.type == "identifier" and text(name) in self.aliases:
                        self.exports[text(name)] = self.aliases[text(name)]
            return
        for child in node.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    if name is not None and alias is not None:
                        path = self.resolve(name)
                        if path is not None:
                            self.exports[text(alias)] = path

    # -------------------------------------------------------------------- uses

    def collect_uses(self) -> None:
        watched = self.names | set(self.aliases)
        for node in _walk(self.root):
            if node.type == "identifier" and text(node) in watched and not _in_type(node):
                self._occurrence(node)
            elif node.type == "member_expression":
                obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
                if (
                    obj is not None
                    and prop is not None
                    and obj.type == "identifier"
                    and text(obj) in GLOBAL_OBJECTS
                    and text(prop) in self.names
                ):
                    self._chain(node, (), certain=True)
            elif node.type == "shorthand_property_identifier" and text(node) in watched:
                self.escapes.append(
                    Escape(self._path_of(text(node)), self.span(node), f"`{text(node)}` is put in an object")
                )

    def _path_of(self, name: str) -> Path:
        return self.aliases.get(name, ())

    def _occurrence(self, node: Node) -> None:
        parent = node.parent
        if parent is None:
            return
        # a name being declared, not read
        if parent.type in ("variable_declarator",) and parent.child_by_field_name("name") == node:
            return
        if parent.type == "assignment_expression" and parent.child_by_field_name("left") == node:
            return
        if parent.type in (
            "import_specifier",
            "namespace_import",
            "import_clause",
            "formal_parameters",
            "required_parameter",
            "optional_parameter",
            "export_specifier",
            "pair_pattern",
            "rest_pattern",
            "assignment_pattern",
            "object_assignment_pattern",
            "array_pattern",
            "shorthand_property_identifier_pattern",
            "function_declaration",
            "class_declaration",
        ):
            return
        if parent.type == "arrow_function" and parent.child_by_field_name("parameter") == node:
            return
        if parent.type in ("member_expression",) and parent.child_by_field_name("property") == node:
            return
        name = text(node)
        if name in self.aliases:
            path = self.aliases[name]
        elif name in self.names:
            path = ()
        else:
            return
        self._chain(node, path, certain=name not in self.unsure)

    def _chain(self, node: Node, path: Path, *, certain: bool) -> None:
        while True:
            parent = node.parent
            if parent is None:
                break
            if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
                prop = parent.child_by_field_name("property")
                path = (*path, text(prop))
                node = parent
                continue
            if parent.type == "subscript_expression" and parent.child_by_field_name("object") == node:
                key = string_literal(parent.child_by_field_name("index"))
                if key is None:
                    shown = ".".join(("chrome", *path))
                    self.escapes.append(
                        Escape(path, self.span(parent), f"`{shown}[...]` is read with a computed name")
                    )
                    self.uses.append(GlobalUse(path, self.span(node), False, certain, node))
                    return
                path = (*path, key)
                node = parent
                continue
            if parent.type in _WRAPPERS and parent.type != "await_expression":
                node = parent
                continue
            break
        parent = node.parent
        called = (
            parent is not None
            and parent.type == "call_expression"
            and parent.child_by_field_name("function") == node
        )
        if called:
            self.uses.append(GlobalUse(path, self.span(node), True, certain, parent))
            return
        if path:
            self.uses.append(GlobalUse(path, self.span(node), False, certain, node))
        if not self._benign(node):
            shown = ".".join(("chrome", *path))
            self.escapes.append(Escape(path, self.span(node), f"`{shown}` {self._where(node)}"))

    def _benign(self, node: Node) -> bool:
        """Whether the value at `node` goes nowhere that could use it: a test, a comparison, a
        binding this scan follows, a member read."""
        child, parent = node, node.parent
        while parent is not None:
            kind = parent.type
            if kind in _WRAPPERS or kind == "await_expression":
                child, parent = parent, parent.parent
                continue
            if child.id in self.alias_values:
                return True
            if kind == "unary_expression":
                return True  # typeof, !, void
            if kind == "binary_expression":
                operator = text(parent.child_by_field_name("operator"))
                if operator in _COMPARISONS:
                    return True
                if operator == "&&" and parent.child_by_field_name("left") == child:
                    return True
                if operator in ("||", "??", "&&"):
                    child, parent = parent, parent.parent
                    continue
                return False
            if kind == "ternary_expression":
                if parent.child_by_field_name("condition") == child:
                    return True
                child, parent = parent, parent.parent
                continue
            if kind in _TESTS or kind == "expression_statement":
                return True
            if kind == "assignment_expression" and parent.child_by_field_name("right") == child:
                left = parent.child_by_field_name("left")
                if left is not None and left.type == "member_expression":
                    obj, prop = left.child_by_field_name("object"), left.child_by_field_name("property")
                    if obj is not None and text(obj) in GLOBAL_OBJECTS and text(prop) in self.names:
                        return True  # globalThis.browser = chrome
                return child.id in self.alias_values
            if kind == "augmented_assignment_expression":
                left = parent.child_by_field_name("left")
                return left is not None and text(left).split(".")[-1] in self.names
            if kind in ("variable_declarator", "export_statement"):
                return child.id in self.alias_values
            return False
        return True

    def _where(self, node: Node) -> str:
        parent = node.parent
        while parent is not None and parent.type in _WRAPPERS:
            parent = parent.parent
        kind = parent.type if parent is not None else ""
        return {
            "arguments": "is passed to a function",
            "return_statement": "is returned",
            "pair": "is put in an object",
            "array": "is put in an array",
            "assignment_expression": "is stored where it cannot be followed",
            "variable_declarator": "is stored where it cannot be followed",
            "spread_element": "is spread",
        }.get(kind, "is used where it cannot be followed")

    def span(self, node: Node) -> Span:
        return self.positions.span(node)


def scan_globals(
    root: Node,
    positions: Positions,
    names: Iterable[str],
    *,
    polyfills: Iterable[str] = (),
    imported: Mapping[str, Path] | None = None,
) -> GlobalScan:
    """The uses of the globals `names` in the file whose tree is `root`. `polyfills` are
    module names whose default export is the global itself; `imported` binds local names to
    API paths another file exports (found by an earlier scan of that file)."""
    scanner = _Scanner(root, positions, frozenset(names), frozenset(polyfills), imported or {})
    scanner.collect_bindings()
    scanner.collect_uses()
    return GlobalScan(tuple(scanner.uses), tuple(scanner.escapes), scanner.exports, scanner.imports)


def _join(first: Path | None, second: Path | None) -> Path | None:
    """What `a || b` is when each side may be the API: their common prefix."""
    if first is None:
        return second
    if second is None:
        return first
    common: list[str] = []
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        common.append(a)
    return tuple(common)


def _first_argument_string(call: Node) -> str | None:
    args = call.child_by_field_name("arguments")
    if args is None:
        return None
    named = [c for c in args.named_children if c.type != "comment"]
    return string_literal(named[0]) if named else None


def _in_type(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in _TYPES:
            return True
        if parent.type.endswith(("statement", "declaration", "declarator", "program")):
            return False
        parent = parent.parent
    return False


def _pattern_identifiers(node: Node) -> Iterable[str]:
    for child in _walk(node):
        if child.type in ("identifier", "shorthand_property_identifier_pattern") and not _in_type(child):
            parent = child.parent
            if (
                parent is not None
                and parent.type == "pair_pattern"
                and parent.child_by_field_name("key") == child
            ):
                continue
            if parent is not None and parent.type in ("type_annotation",):
                continue
            yield text(child)


def _walk(root: Node) -> Iterable[Node]:
    cursor = root.walk()
    visited_children = False
    while True:
        if not visited_children:
            yield cursor.node  # type: ignore[misc]
            if cursor.goto_first_child():
                continue
        if cursor.goto_next_sibling():
            visited_children = False
            continue
        if not cursor.goto_parent():
            return
        visited_children = True
