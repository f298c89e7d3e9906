"""What the browser-extension code rules share: the analysis, and how a reason list reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopecheck.core.rules import Context

if TYPE_CHECKING:
    from scopecheck.ecosystems.browser_extension.code.usage import ExtensionUsage


def usage_of(ctx: Context) -> ExtensionUsage | None:
    from scopecheck.ecosystems.browser_extension.code.usage import ExtensionUsage  # lazy: start-up time

    return ctx.analysis if isinstance(ctx.analysis, ExtensionUsage) else None


def unsure(reasons: tuple[str, ...] | list[str]) -> str:
    """` (unsure: a; b)`: why a finding is not certain, in its message."""
    return f" (unsure: {'; '.join(reasons[:3])})" if reasons else ""


ALL_HOSTS = frozenset({"<all_urls>", "*://*/*", "http://*/*", "https://*/*"})
