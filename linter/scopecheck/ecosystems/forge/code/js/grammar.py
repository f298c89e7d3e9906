"""Parsers and the tree-sitter queries per language, built on first use: the one query every
parsed file is read with, and one for returned object literals that only an app whose
dynamic-properties function cannot be followed needs (icons.py).

tree-sitter is imported here, inside `Grammars.get`, never at module import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from scopecheck.analysis.js.languages import language_pointer

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, QueryCursor

#: every node the analysis looks at; the rest of the tree is never visited from Python
_QUERY = """
(import_statement) @import
(export_statement) @export
(variable_declarator) @decl
(function_declaration) @function
(generator_function_declaration) @function
(call_expression) @call
(new_expression) @call
(assignment_expression) @assign
(augmented_assignment_expression left: (identifier) @write)
(update_expression argument: (identifier) @write)
(formal_parameters) @params
(arrow_function parameter: (identifier) @param)
(for_in_statement) @loop
(with_statement) @call
(throw_statement) @call
(yield_expression) @call
(decorator) @call
(class_body (method_definition body: (_) @class_method_body))
(array_pattern (assignment_pattern) @array_default)
(computed_property_name) @computed
(catch_clause parameter: (_) @caught)
(class_declaration name: (_) @opaque)
(function_expression name: (_) @named)
(class name: (_) @named)
(ERROR) @error
(binary_expression left: (arrow_function body: (statement_block))) @misread
(binary_expression left: [(function_expression) (class) (generator_function)]) @misread_export
(binary_expression right: (regex)) @misread
(binary_expression left: (regex)) @misread_operand
(await_expression (regex)) @misread
"""
#: TypeScript's own declarations: bound names whose values are not followed
_TYPESCRIPT_QUERY = """
(public_field_definition) @field
(required_parameter (accessibility_modifier) value: (_)) @field
(abstract_class_declaration name: (_) @opaque)
(enum_declaration name: (_) @opaque)
(internal_module name: (identifier) @opaque)
(interface_declaration) @interface
"""
#: what a TypeScript namespace (`namespace N {}`, `module N {}`) exports, reached as `N.x`
#: where it is not followed: its variables and what its functions return
_NAMESPACE_QUERY = "".join(
    f"({kind} body: (statement_block (export_statement declaration: {declaration})))\n"
    for kind in ("internal_module", "module")
    for declaration in (
        "(lexical_declaration (variable_declarator) @namespace_export)",
        "(variable_declaration (variable_declarator) @namespace_export)",
        "(function_declaration body: (_) @namespace_function_body)",
    )
)
#: class fields of JavaScript (TypeScript names them `public_field_definition`)
_JAVASCRIPT_QUERY = """
(field_definition) @field
"""
_JSX_QUERY = """
(jsx_self_closing_element) @jsx
(jsx_opening_element) @jsx
"""
#: object literals a function returns, as forge lint's dynamic-properties linter finds them
#: (`() => ({...})`, `return {...}`): compiled only for an app whose dynamic-properties
#: function cannot be followed (see icons.py)
_RETURNED_OBJECTS_QUERY = """
(arrow_function body: (parenthesized_expression (object) @object))
(return_statement (object) @object)
(return_statement (parenthesized_expression (object) @object))
"""

#: where a file may give an object a property whose name is not written (own_methods.py)
_DYNAMIC_SITES_QUERY = """
(assignment_expression left: (subscript_expression) @write)
(augmented_assignment_expression left: (subscript_expression) @write)
(call_expression function: (member_expression object: (identifier) @_object) @builtin
  (#any-of? @_object "Object" "Reflect"))
((identifier) @proxy (#eq? @proxy "Proxy"))
((property_identifier) @proxy (#eq? @proxy "Proxy"))
"""


@dataclass(slots=True)
class Grammar:
    parser: Parser
    cursor: QueryCursor

    def captures(self, root: Node) -> dict[str, list[Node]]:
        return self.cursor.captures(root)


class Grammars:
    """Parsers and query cursors for one run (they hold state); the compiled queries are shared."""

    def __init__(self) -> None:
        self._built: dict[str, Grammar] = {}
        self._returned: dict[str, QueryCursor] = {}
        self._dynamic: dict[str, QueryCursor] = {}

    def get(self, language: str) -> Grammar:
        grammar = self._built.get(language)
        if grammar is None:
            grammar = self._built[language] = _build(language)
        return grammar

    def dynamic_sites(self, language: str, root: Node) -> dict[str, list[Node]]:
        """Subscript writes (`write`), member calls (`builtin`) and names (`proxy`) under
        `root`, for own_methods.py to read."""
        import tree_sitter

        cursor = self._dynamic.get(language)
        if cursor is None:
            lang, _query = _compiled(language)
            cursor = self._dynamic[language] = tree_sitter.QueryCursor(
                tree_sitter.Query(lang, _DYNAMIC_SITES_QUERY)
            )
        return cursor.captures(root)

    def returned_objects(self, language: str, root: Node) -> list[Node]:
        """The object literals under `root` that an arrow function or a `return` gives back."""
        import tree_sitter

        cursor = self._returned.get(language)
        if cursor is None:
            cursor = self._returned[language] = tree_sitter.QueryCursor(_returned_objects_query(language))
        return sorted(cursor.captures(root).get("object", ()), key=lambda node: node.start_byte)


def _build(language: str) -> Grammar:
    import tree_sitter

    lang, query = _compiled(language)
    return Grammar(tree_sitter.Parser(lang), tree_sitter.QueryCursor(query))


@cache
def _compiled(language: str) -> tuple[Any, Any]:
    """The language and its compiled query: immutable, so built once per process
    (compiling the query costs a few milliseconds, which a monorepo pays per app)."""
    import tree_sitter

    lang = tree_sitter.Language(language_pointer(language))
    source = _QUERY + (_JSX_QUERY if language != "typescript" else "")
    source += _JAVASCRIPT_QUERY if language == "javascript" else _TYPESCRIPT_QUERY + _NAMESPACE_QUERY
    return lang, tree_sitter.Query(lang, source)


@cache
def _returned_objects_query(language: str) -> Any:
    import tree_sitter

    lang, _query = _compiled(language)
    return tree_sitter.Query(lang, _RETURNED_OBJECTS_QUERY)


def first_named(node: Node | None) -> Node | None:
    """A node's first named child that is not a comment (`await x`'s `x`, `(x)`'s `x`)."""
    if node is None:
        return None
    return next((child for child in node.named_children if child.type != "comment"), None)


def text_of(node: Node) -> str:
    """A node's source text (tree-sitter types `Node.text` as optional bytes; each read of it
    copies the bytes, so it is read once)."""
    text = node.text
    return text.decode() if text is not None else ""
