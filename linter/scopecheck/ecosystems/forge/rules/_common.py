"""Shared by the code-usage rules: how to name scope sets and where to point."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import Related, Span
from scopecheck.ecosystems.forge.code.needs import Unresolved
from scopecheck.ecosystems.forge.code.usage import Fetch
from scopecheck.ecosystems.forge.csp_hosts import IMPLICIT_ADDRESSES, path_allowed, split_path
from scopecheck.ecosystems.forge.model import EgressEntry, Manifest, ProviderRemote


def scopes_text(scopes: Iterable[str], limit: int = 4) -> str:
    names = [f"`{s}`" for s in scopes]
    if len(names) <= limit:
        return ", ".join(names)
    return ", ".join(names[:limit]) + f" and {len(names) - limit} more"


def unresolved_text(items: Sequence[Unresolved], limit: int = 3) -> str:
    """`src/a.js:3: path is the variable `p`; src/b.js:9: ... and 2 more`."""
    text = "; ".join(u.describe() for u in items[:limit])
    return text + (f" and {len(items) - limit} more" if len(items) > limit else "")


def via_related(via: Iterable[Span]) -> tuple[Related, ...]:
    return tuple(Related(span, "the request is made here") for span in via)


def declared_hosts(manifest: Manifest) -> dict[str, list[str]]:
    """Egress kind -> declared addresses, with `{remote: key}` items as the remote's baseUrl."""
    remotes = {r.key: r.base_url for r in manifest.remotes if r.base_url}
    declared: dict[str, list[str]] = {}
    for entry in manifest.egress:
        address = entry.address if entry.address is not None else remotes.get(entry.remote or "")
        if address:
            declared.setdefault(entry.kind, []).append(address)
    return declared


#: the port a URL without one reaches
DEFAULT_PORTS = {"https": "443", "http": "80", "wss": "443", "ws": "80"}


def fetch_origin(fetch: Fetch) -> tuple[str, str, str | None]:
    """(scheme, host, port) of a fetch with a known host; no scheme means https (as in forge
    lint, and a protocol-relative URL in a Forge page is https), no port the scheme's default."""
    assert fetch.host is not None
    address = parse_address(fetch.url or fetch.host)
    scheme = address.scheme or "https"
    return scheme, fetch.host, address.port or DEFAULT_PORTS.get(scheme)


def origin_text(scheme: str, host: str, port: str | None) -> str:
    shown = f":{port}" if port and port != DEFAULT_PORTS.get(scheme) else ""
    return f"{scheme}://{host}{shown}"


def egress_allows(pattern: str, scheme: str, host: str, port: str | None) -> bool:
    """Whether a declared egress address lets a request through, as Forge matches them
    (@forge/egress): `*` allows everything; otherwise the scheme (none means https), the host
    (equal, or below a `*.` wildcard, not the apex) and the port must all agree.

    Unlike forge lint, an explicit default port is the same as none (`https://host:443` is
    `https://host`), and a port only known at run time matches any.
    """
    wanted = parse_address(pattern)
    if wanted.host == "*" and wanted.scheme is None and wanted.port is None:
        return True
    wanted_scheme = wanted.scheme or "https"
    if wanted_scheme != scheme or not host_matches(pattern, host):
        return False
    if port is not None and "{}" in port:
        return True
    return (wanted.port or DEFAULT_PORTS.get(wanted_scheme)) == port


def implicitly_allowed(fetch: Fetch, scheme: str, host: str, port: str | None) -> bool:
    """Whether Forge's Content Security Policy lets the request through without a declaration
    (csp_hosts): the origin must match and the URL's path lie below the address's path."""
    for kind in (fetch.kind, fetch.also):
        for address in IMPLICIT_ADDRESSES.get(kind, ()):
            origin, path = split_path(address)
            if egress_allows(origin, scheme, host, port) and path_allowed(path, fetch.url):
                return True
    return False


def provider_remote_declared(
    manifest: Manifest, item: ProviderRemote, entries: Iterable[EgressEntry]
) -> bool:
    """Whether `permissions.external.fetch.backend` lists an auth provider's remote as Forge
    wants it (@forge/manifest providers-validator): `{remote: key}`, or the remote's exact
    `baseUrl` as a string or `{address: ...}`."""
    remote = manifest.remote(item.remote)
    base_url = remote.base_url if remote is not None else None
    return any(
        entry.kind == "fetch.backend"
        and (entry.remote == item.remote or (base_url is not None and entry.address == base_url.strip()))
        for entry in entries
    )
