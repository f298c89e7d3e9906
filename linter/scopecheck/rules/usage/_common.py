"""Shared by the code-usage rules: how to name scope sets and where to point."""

from __future__ import annotations

from collections.abc import Iterable

from scopecheck.findings import Related, Span
from scopecheck.model.manifest import Manifest
from scopecheck.model.usage import ApiCall


def scopes_text(scopes: Iterable[str], limit: int = 4) -> str:
    names = [f"`{s}`" for s in scopes]
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def call_sites(calls: Iterable[ApiCall], limit: int = 3) -> str:
    spans = [f"{c.span.path}:{c.span.line}" for c in calls]
    text = ", ".join(spans[:limit])
    return text + (f" and {len(spans) - limit} more" if len(spans) > limit else "")


def via_related(via: Iterable[Span]) -> tuple[Related, ...]:
    return tuple(Related(span, "the request is made here") for span in via)


#: image hosts Forge's Content Security Policy always allows (read from @forge/csp 6.3.2,
#: csp-injection-service.js, the same list forge lint uses): no `images` entry needed
IMPLICIT_IMAGE_HOSTS = (
    "secure.gravatar.com",
    "images.unsplash.com",
    "api.atlassian.com",
    "api.media.atlassian.com",
    "*.prod.public.atl-paas.net",
)


def declared_hosts(manifest: Manifest) -> dict[str, list[str]]:
    """Egress kind -> declared addresses, with `{remote: key}` items as the remote's baseUrl
    (and, for images, the hosts Forge allows without a declaration)."""
    remotes = {r.key: r.base_url for r in manifest.remotes if r.base_url}
    declared: dict[str, list[str]] = {"images": list(IMPLICIT_IMAGE_HOSTS)}
    for entry in manifest.egress:
        address = entry.address if entry.address is not None else remotes.get(entry.remote or "")
        if address:
            declared.setdefault(entry.kind, []).append(address)
    return declared
