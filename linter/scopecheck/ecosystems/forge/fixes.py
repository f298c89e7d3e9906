"""Forge fixes: add scopes to and remove them from `permissions.scopes`, in the list's own style."""

from __future__ import annotations

from collections.abc import Iterable

from scopecheck.core.findings import Fix, ListChange
from scopecheck.core.fixes import planned_fix
from scopecheck.ecosystems.forge.model import Manifest, ScopeRequest

SCOPES_KEYS = ("permissions", "scopes")


def scope_fix(
    manifest: Manifest,
    description: str,
    *,
    add: Iterable[str] = (),
    remove: Iterable[ScopeRequest] = (),
    safe: bool = True,
) -> tuple[Fix | None, str | None]:
    """Add scopes to `permissions.scopes` (in the list's own style) and remove requested ones."""
    change = ListChange(
        manifest.path,
        SCOPES_KEYS,
        tuple(dict.fromkeys(add)),
        tuple(sorted({scope.span.start_offset for scope in remove})),
    )
    return planned_fix(manifest.source, description, (change,), safe=safe)
