"""The member chains a JavaScript snippet calls or names (`github.rest.issues.createComment`).

Enough to read an `actions/github-script` script: which octokit methods it calls, the
`METHOD /path` of `github.request(...)`, and whether it reaches for GraphQL or OIDC. Nothing
is run; tree-sitter is imported only when a script is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: `${{ expr }}` in a workflow script: replaced by an identifier of the same lines before parsing
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True)
class Member:
    chain: str  # github.rest.issues.createComment
    called: bool  # `chain(...)` rather than a bare reference
    first_argument: str | None  # the literal text of the first argument, when it is a string
    line: int  # 0-based line in the snippet


def members(source: str) -> tuple[list[Member], bool]:
    """Every member chain in `source` and whether the whole snippet parsed."""
    import tree_sitter
    import tree_sitter_javascript

    text = _EXPRESSION.sub(lambda m: "__expr__" + "\n" * m.group(0).count("\n"), source)
    wrapped = "async function __script__() {\n" + text + "\n}"  # github-script wraps it the same way
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
    tree = parser.parse(wrapped.encode("utf-8"))
    found: list[Member] = []
    stack: list[Any] = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "member_expression" and (
            node.parent is None or node.parent.type != "member_expression"
        ):
            chain = _chain(node)
            if chain:
                call = (
                    node.parent if node.parent is not None and node.parent.type == "call_expression" else None
                )
                called = call is not None and call.child_by_field_name("function") == node
                found.append(
                    Member(chain, called, _first_string(call) if called else None, node.start_point[0] - 1)
                )
        stack.extend(reversed(node.children))
    return found, not tree.root_node.has_error


def _chain(node: Any) -> str | None:
    parts: list[str] = []
    while node is not None and node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is None or prop.text is None:
            return None
        parts.append(prop.text.decode())
        node = node.child_by_field_name("object")
    if node is None or node.type != "identifier" or node.text is None:
        return None
    parts.append(node.text.decode())
    return ".".join(reversed(parts))


def _first_string(call: Any) -> str | None:
    args = call.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    if first is not None and first.type == "string" and first.text is not None:
        return first.text.decode()[1:-1]
    return None
