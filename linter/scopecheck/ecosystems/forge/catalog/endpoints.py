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
#: a piece of a call's path that may hold several segments (a `${...}` outside `route`)
SPANS = "{*}"
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
        segments = [s for s in self._canonical(path).split("?", 1)[0].split("/") if s]
        if any(SPANS in s for s in segments):
            # a piece that may span segments: known only when one operation can match
            verb = method.upper()
            matches = {n[_OPS][verb][0]: n[_OPS][verb] for n in _walk_all(root, segments) if verb in n[_OPS]}
            if len(matches) != 1:
                return None
            ((template, alternatives, note),) = matches.values()
            return Operation(method.upper(), template, tuple(tuple(a) for a in alternatives), note)
        node = _walk(root, segments)
        if node is None or method.upper() not in node[_OPS]:
            return None
        template, alternatives, note = node[_OPS][method.upper()]
        return Operation(method.upper(), template, tuple(tuple(a) for a in alternatives), note)

    def at_path(self, product: str, path: str) -> list[Operation]:
        """Every operation of the path's endpoint, whatever its method (none for a path no spec
        lists or one with a piece that may span segments)."""
        root = self._trie(product)
        segments = [s for s in self._canonical(path).split("?", 1)[0].split("/") if s]
        node = _walk(root, segments) if root is not None and not any(SPANS in s for s in segments) else None
        return [
            Operation(method, template, tuple(tuple(a) for a in alternatives), note)
            for method, (template, alternatives, note) in sorted((node or {}).get(_OPS, {}).items())
        ]

    def could_serve(self, product: str, path: str | None, method: str | None = None) -> frozenset[str] | None:
        """Every scope some operation a call of `path` with `method` could hit accepts; None
        when that could be any scope of the product.

        A known method narrows it to what operations of that method accept (a GET to a
        path only known at run time never needs `write:jira-work`, which no GET accepts).

        A path no spec lists, or one with a dynamic piece that may span several segments
        (`/rest/api/3/{}`), can only hit operations under its literal start: a private
        `/rest/api/3/issue/{}/x` is served by what serves `/rest/api/3/issue/...`. A start
        shorter than an API family (`/rest/api/3`, `/wiki/api/v2`) says nothing: None.
        """
        by_path = self._path_scopes(product, path) if path is not None else None
        by_method = self._method_scopes(product, method) if method is not None else None
        if by_path is None or by_method is None:
            return by_path if by_method is None else by_method
        return (by_path & by_method) or by_path

    def _method_scopes(self, product: str, method: str) -> frozenset[str] | None:
        found = frozenset(
            s
            for o in self.operations(product)
            if o.method == method.upper()
            for a in o.alternatives
            for s in a
        )
        return found or None

    def _path_scopes(self, product: str, path: str) -> frozenset[str] | None:
        root = self._trie(product)
        if root is None:
            return None
        path = self._canonical(path)
        segments = [s for s in path.split("?", 1)[0].split("/") if s]
        exact = _walk_all(root, segments)
        found = [ops for node in exact for ops in node[_OPS].values()]
        family = _FAMILY_ALIASES.get(tuple(segments[:2])) or segments
        extra = _FAMILY_EXTRA.get(tuple(family[:2]), frozenset())
        if not found:
            literal = []
            for segment in family:
                if "{" in segment:
                    break
                literal.append(segment)
            while len(literal) >= _FAMILY_DEPTH and not found:
                found = [ops for node in _prefixed(root, literal) for ops in _all_ops(node)]
                literal.pop()
        if not found:
            return None
        return extra | {
            scope for _template, alternatives, _note in found for a in alternatives for scope in a
        }

    def family_scopes(self, product: str, path: str) -> frozenset[str] | None:
        """Every scope an operation of the path's API family (`/rest/builds`) accepts; None
        when the path names no published family."""
        root = self._trie(product)
        segments = [s for s in self._canonical(path).split("/") if s][:_FAMILY_DEPTH]
        if root is None or len(segments) < _FAMILY_DEPTH or "{" in "".join(segments):
            return None
        found = [ops for node in _prefixed(root, segments) for ops in _all_ops(node)]
        return frozenset(s for _t, alternatives, _n in found for a in alternatives for s in a) or None

    def publishes(self, product: str, path: str) -> bool:
        """Whether some published operation shares the path's API family (`/rest/api/3`)."""
        root = self._trie(product)
        segments = [s for s in self._canonical(path).split("/") if s][:_FAMILY_DEPTH]
        return (
            root is not None
            and len(segments) == _FAMILY_DEPTH
            and "{" not in "".join(segments)
            and bool(_prefixed(root, segments))
        )

    @staticmethod
    def _canonical(path: str) -> str:
        for old, new in _ALIASES:
            if path.startswith(old):
                return new + path[len(old) :]
        return path

    def operations(self, product: str | None = None) -> list[Operation]:
        products = [product] if product else sorted(self.rows)
        return [
            Operation(method, template, tuple(tuple(a) for a in alternatives), "".join(note))
            for name in products
            for method, template, alternatives, *note in self.rows.get(name, [])
        ]


#: segments that name an API family (`rest/api/3`, `wiki/api/v2`, `2.0/repositories`): a call
#: sharing less than that with every operation could need any scope of its product
_FAMILY_DEPTH = 2
#: a private API no spec lists, and the published family whose scopes serve the same data
#: (Jira Software's `greenhopper` board API is what `agile` publishes)
_FAMILY_ALIASES: dict[tuple[str, ...], list[str]] = {("rest", "greenhopper"): ["rest", "agile", "1.0"]}
#: scopes a family's operations accept beyond what its spec lists: the bundled Jira Software
#: spec names only granular scopes, but the classic Jira scopes serve its operations too
_FAMILY_EXTRA: dict[tuple[str, ...], frozenset[str]] = {
    ("rest", "agile"): frozenset(
        {
            "read:jira-work",
            "write:jira-work",
            "read:jira-user",
            "manage:jira-project",
            "manage:jira-configuration",
        }
    )
}


def _walk_all(node: _Node, segments: list[str]) -> list[_Node]:
    """Every operation node a path can reach: a `{}` segment matches parameters only, a
    segment holding `{*}` any number of segments (none included)."""
    if not segments:
        return [node] if _OPS in node else []
    head, rest = segments[0], segments[1:]
    if SPANS in head:
        found: dict[int, _Node] = {}
        frontier = [node]
        while frontier:
            for current in frontier:
                for hit in _walk_all(current, rest):
                    found[id(hit)] = hit
            frontier = [child for current in frontier for key, child in current.items() if key != _OPS]
        return list(found.values())
    return [
        found
        for key in ((PARAM,) if head == PARAM else (head, PARAM))
        if (child := node.get(key)) is not None
        for found in _walk_all(child, rest)
    ]


def _prefixed(node: _Node, segments: list[str]) -> list[_Node]:
    """The nodes a literal path start reaches (a parameter matches any literal segment)."""
    if not segments:
        return [node]
    head, rest = segments[0], segments[1:]
    return [
        found
        for key in (head, PARAM)
        if (child := node.get(key)) is not None
        for found in _prefixed(child, rest)
    ]


def _all_ops(node: _Node) -> list[tuple]:
    """The operations at and below a trie node."""
    found: list[tuple] = []
    stack = [node]
    while stack:
        current = stack.pop()
        for key, child in current.items():
            if key == _OPS:
                found.extend(child.values())
            else:
                stack.append(child)
    return found


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
def load_admin_operations() -> dict[str, dict[str, frozenset[tuple[str, str]]]]:
    """Product -> its configuration scope -> the (method, template) of each operation that
    needs the product's administer permission but whose OAuth scopes do not include that
    scope (catalog/build.py `admin_operations`)."""
    data = json.loads((Path(__file__).parent / "data" / "admin_operations.json").read_text(encoding="utf-8"))
    return {
        product: {scope: frozenset((m, t) for m, t in ops) for scope, ops in scopes.items()}
        for product, scopes in data.items()
    }


@cache
def load_endpoints() -> EndpointCatalog:
    data = json.loads((Path(__file__).parent / "data" / "endpoints.json").read_text(encoding="utf-8"))
    return EndpointCatalog(data)
