"""Which tree-sitter grammar reads a source file, by its suffix, and the grammars themselves.

tree-sitter is imported inside `language`, never at module import.
"""

from __future__ import annotations

from typing import Any

#: what counts as JS/TS code, and which grammar reads it
LANGUAGE_BY_SUFFIX = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}


def language_pointer(language: str) -> Any:
    """The grammar of `javascript`, `typescript` or `tsx`, for `tree_sitter.Language`."""
    if language == "javascript":
        import tree_sitter_javascript

        return tree_sitter_javascript.language()
    import tree_sitter_typescript

    if language == "tsx":
        return tree_sitter_typescript.language_tsx()
    return tree_sitter_typescript.language_typescript()
