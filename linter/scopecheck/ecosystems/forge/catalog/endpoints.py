"""Which scopes an Atlassian REST operation needs: method + path -> scope alternatives.

Built from the OpenAPI specs (`x-atlassian-oauth2-scopes` and `security`) by
`catalog/build.py`. Lookup walks a per-product trie of path segments, so it
costs a few dict hits per call instead of trying thousands of regexes.
"""

from __future__ import annotations

import json
from dataclasses import field
from functools import cache
from pathlib import Path

from scopecheck.core.records import record

PARAM = "{}"
#: the note of a DevOps operation whose Forge scope Atlassian does not document
INFERRED_NOTE = (
    "Atlassian documents this DevOps scope only for the group's submit operation; "
    "for this one it is inferred from its Connect scope"
)

#: a request path prefix that means the same API as one the specs use
_ALIASES = (("/rest/api/latest/", "/rest/api/3/"), ("/rest/agile/latest/", "/rest/agile/1.0/"))


@record
class Operation:
    method: str
    template: str  # the spec's path, with `{}` for each parameter
    alternatives: tuple[tuple[str, ...], ...]  # any one complete set satisfies it
    #: why a call without these scopes may still work (the spec is unsure); "" when it is not
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"


#: a trie node: path segment -> child node; the key "" holds {method: (template, alternatives)}
_Node = dict
_OPS = ""


@record
class EndpointCatalog:
    """Operations per product, as raw rows; each product's trie is built on first use."""

    rows: dict[str, list]
    _tries: dict[str, _Node] = field(default_factory=dict)

    def _trie(self, product: str) -> _Node | None:
        if product not in self._tries:
            if product not in self.rows:
                return None
            root: _Node = {}
            for method, template, alternatives, *note in self.rows[product]:
                node = root
                for segment in template.split("/"):
                    if segment:
                        node = node.setdefault(segment, {})
                node.setdefault(_OPS, {})[method] = (template, alternatives, "".join(note))
            self._tries[product] = root
        return self._tries[product]

    def lookup(self, product: str, method: str, path: str) -> Operation | None:
        """The operation a call hits, or None when the path is not a known endpoint."""
        root = self._trie(product)
        if root is None:
            return None
        for old, new in _ALIASES:
            if path.startswith(old):
                path = new + path[len(old) :]
        segments = [s for s in path.split("?", 1)[0].split("/") if s]
        node = _walk(root, segments)
        if node is None or method.upper() not in node[_OPS]:
            return None
        template, alternatives, note = node[_OPS][method.upper()]
        return Operation(method.upper(), template, tuple(tuple(a) for a in alternatives), note)

    def operations(self, product: str | None = None) -> list[Operation]:
        products = [product] if product else sorted(self.rows)
        return [
            Operation(method, template, tuple(tuple(a) for a in alternatives), "".join(note))
            for name in products
            for method, template, alternatives, *note in self.rows.get(name, [])
        ]


def _walk(node: _Node, segments: list[str]) -> _Node | None:
    """Literal segments before parameters; a dynamic `{}` segment matches parameters only."""
    if not segments:
        return node if _OPS in node else None
    head, rest = segments[0], segments[1:]
    for key in (PARAM,) if head == PARAM else (head, PARAM):
        child = node.get(key)
        if child is not None:
            found = _walk(child, rest)
            if found is not None:
                return found
    return None


@cache
def load_endpoints() -> EndpointCatalog:
    data = json.loads((Path(__file__).parent / "data" / "endpoints.json").read_text(encoding="utf-8"))
    return EndpointCatalog(data)
