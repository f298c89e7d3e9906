"""What an admin must consent to again: permissions added between two manifests.

A new scope, egress host or remote makes Forge ask every site admin to approve
the update before it installs; removals are free. `compare` lists both, with
each scope's risk tier, for `scopecheck diff` and for SC501 in `lint --base-ref`.
"""

from __future__ import annotations

from scopecheck.catalog import Catalog
from scopecheck.findings import Span
from scopecheck.model.addresses import address_key
from scopecheck.model.manifest import Manifest
from scopecheck.records import record

KIND_LABEL = {"scope": "scope", "egress": "egress host", "remote": "remote", "content": "content relaxation"}


@record
class Change:
    kind: str  # scope | egress | remote | content
    name: str
    added: bool
    span: Span | None  # in the head manifest for additions, in the base for removals
    risk: str | None = None
    detail: str | None = None  # egress kinds, remote base URL

    @property
    def needs_consent(self) -> bool:
        return self.added and self.kind in ("scope", "egress", "remote")


@record
class ConsentDiff:
    base: str
    head: str
    changes: tuple[Change, ...]
    unchanged: dict[str, int]

    @property
    def added(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.added)

    @property
    def removed(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.added)


def _items(
    manifest: Manifest | None, catalog: Catalog
) -> dict[tuple[str, str], tuple[Span, str | None, str | None]]:
    """(kind, key) -> (span, risk, detail) of everything a manifest asks for."""
    found: dict[tuple[str, str], tuple[Span, str | None, str | None]] = {}
    if manifest is None:
        return found
    for scope in manifest.scopes:
        info = catalog.get(scope.name)
        found.setdefault(("scope", scope.name), (scope.span, info.risk.label if info else None, None))
    kinds: dict[str, list[str]] = {}
    for entry in manifest.egress:
        if entry.address is None:
            continue
        key = address_key(entry.address)
        kinds.setdefault(key, []).append(entry.kind)
        found.setdefault(("egress", key), (entry.span, None, None))
    for found_key, spans in list(found.items()):
        if found_key[0] == "egress":
            found[found_key] = (spans[0], None, ", ".join(dict.fromkeys(kinds[found_key[1]])))
    for remote in manifest.remotes:
        found.setdefault(("remote", remote.key), (remote.span, None, remote.base_url))
    for item in manifest.content:
        found.setdefault(("content", f"{item.kind}:{item.value}"), (item.span, None, None))
    return found


def compare(
    base: Manifest | None, head: Manifest, catalog: Catalog, *, base_label: str, head_label: str
) -> ConsentDiff:
    before, after = _items(base, catalog), _items(head, catalog)
    changes = [
        Change(kind, name, True, span, risk, detail)
        for (kind, name), (span, risk, detail) in after.items()
        if (kind, name) not in before
    ] + [
        Change(kind, name, False, span, risk, detail)
        for (kind, name), (span, risk, detail) in before.items()
        if (kind, name) not in after
    ]
    unchanged: dict[str, int] = {}
    for kind, _name in set(before) & set(after):
        unchanged[kind] = unchanged.get(kind, 0) + 1
    order = {"scope": 0, "egress": 1, "remote": 2, "content": 3}
    changes.sort(key=lambda c: (not c.added, order[c.kind], c.name))
    return ConsentDiff(base_label, head_label, tuple(changes), unchanged)
