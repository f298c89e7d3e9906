"""What an admin must consent to again: permissions added between two manifests.

A new scope, egress host or remote makes Forge ask every site admin to approve
the update before it installs; removals are free. `compare` lists both, with
each scope's risk tier, for `scopecheck diff` and for SC501 in `lint --base-ref`.
"""

from __future__ import annotations

from scopecheck.core.addresses import address_key
from scopecheck.core.findings import Span
from scopecheck.core.permissions import PermissionCatalog, PermissionRequest
from scopecheck.core.records import record

KIND_LABEL = {
    "scope": "scope",
    "egress": "egress host",
    "remote": "remote",
    "content": "content relaxation",
    "token": "token permission",
}


@record
class Change:
    kind: str  # scope | egress | remote | content | token (a workflow's GITHUB_TOKEN)
    name: str
    added: bool
    span: Span | None  # in the head manifest for additions, in the base for removals
    risk: str | None = None
    detail: str | None = None  # egress kinds, remote base URL

    @property
    def needs_consent(self) -> bool:
        """An addition someone must approve: a Forge site admin, or for a workflow's token,
        the reviewer of the change (no one is asked again once it is merged)."""
        return self.added and self.kind in ("scope", "egress", "remote", "token")


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
    requests: tuple[PermissionRequest, ...] | None, catalog: PermissionCatalog
) -> dict[tuple[str, str], tuple[Span, str | None, str | None]]:
    """(kind, key) -> (span, risk, detail) of everything an app asks for; egress by origin."""
    found: dict[tuple[str, str], tuple[Span, str | None, str | None]] = {}
    kinds: dict[str, list[str]] = {}
    for request in requests or ():
        if request.via is not None:
            continue  # a reference to a remote is not a permission of its own
        if request.section == "workflows":  # per block: the same grant in a new job is new
            info = catalog.get(request.name)
            risk = info.risk.label if info else None
            found.setdefault(("token", f"{request.name} ({request.detail})"), (request.span, risk, None))
        elif request.kind == "scope":
            info = catalog.get(request.name)
            found.setdefault(("scope", request.name), (request.span, info.risk.label if info else None, None))
        elif request.kind == "egress":
            key = address_key(request.name)
            kinds.setdefault(key, []).append(request.detail or "")
            found.setdefault(("egress", key), (request.span, None, None))
        else:
            found.setdefault((request.kind, request.key), (request.span, None, request.detail))
    for (kind, key), (span, risk, _detail) in list(found.items()):
        if kind == "egress":
            found[(kind, key)] = (span, risk, ", ".join(dict.fromkeys(kinds[key])))
    return found


def compare(
    base: tuple[PermissionRequest, ...] | None,
    head: tuple[PermissionRequest, ...],
    catalog: PermissionCatalog,
    *,
    base_label: str,
    head_label: str,
) -> ConsentDiff:
    """Additions and removals between what two versions of an app request (None: the app did
    not exist at the base, so everything is added)."""
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
    order = {"scope": 0, "egress": 1, "remote": 2, "content": 3, "token": 4}
    changes.sort(key=lambda c: (not c.added, order[c.kind], c.name))
    return ConsentDiff(base_label, head_label, tuple(changes), unchanged)
