"""Parsers and the one tree-sitter query per language, built on first use.

tree-sitter is imported here, inside `Grammars.get`, never at module import.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

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
(assignment_expression) @assign
(augmented_assignment_expression left: (identifier) @write)
(update_expression argument: (identifier) @write)
(formal_parameters) @params
(arrow_function parameter: (identifier) @param)
(ERROR) @error
"""
_JSX_QUERY = """
(jsx_self_closing_element) @jsx
(jsx_opening_element) @jsx
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

    def get(self, language: str) -> Grammar:
        grammar = self._built.get(language)
        if grammar is None:
            grammar = self._built[language] = _build(language)
        return grammar


def _build(language: str) -> Grammar:
    import tree_sitter

    lang, query = _compiled(language)
    return Grammar(tree_sitter.Parser(lang), tree_sitter.QueryCursor(query))


@cache
def _compiled(language: str) -> tuple[Any, Any]:
    """The language and its compiled query: immutable, so built once per process
    (compiling the query costs a few milliseconds, which a monorepo pays per app)."""
    import tree_sitter

    lang = tree_sitter.Language(_language_pointer(language))
    source = _QUERY if language == "typescript" else _QUERY + _JSX_QUERY
    return lang, tree_sitter.Query(lang, source)


def _language_pointer(language: str) -> Any:
    if language == "javascript":
        import tree_sitter_javascript

        return tree_sitter_javascript.language()
    import tree_sitter_typescript

    if language == "tsx":
        return tree_sitter_typescript.language_tsx()
    return tree_sitter_typescript.language_typescript()
