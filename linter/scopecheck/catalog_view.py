"""Human views of the catalog: `scopecheck scopes` and `scopecheck explain <scope>`."""

from __future__ import annotations


def explain_scope(name: str, *, color: bool = False) -> str | None:
    """What a scope allows, what needs it and what can replace it; None if no such scope."""
    return None
