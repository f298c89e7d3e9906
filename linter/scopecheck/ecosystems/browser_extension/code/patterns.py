"""Match patterns (`https://*.example.com/*`, `<all_urls>`): does one cover another, or a host."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

_PATTERN = re.compile(r"(?P<scheme>\*|[a-z-]+)://(?P<host>[^/]*)(?P<path>/.*)?$")


def _split(pattern: str) -> tuple[str, str, str] | None:
    if pattern == "<all_urls>":
        return "*", "*", "/*"
    match = _PATTERN.match(pattern)
    if match is None:
        return None
    return match.group("scheme"), match.group("host").split(":")[0].lower(), match.group("path") or "/"


def _scheme_covers(outer: str, inner: str) -> bool:
    return outer == inner or (outer == "*" and inner in ("*", "http", "https", "ws", "wss"))


def host_covers(outer: str, inner: str) -> bool:
    if outer == "*" or outer == inner:
        return True
    if outer.startswith("*."):
        base = outer[2:]
        return inner in (base, outer) or inner.endswith("." + base)
    return False


def covers(outer: str, inner: str) -> bool:
    """Whether every URL `inner` matches, `outer` matches too."""
    a, b = _split(outer), _split(inner)
    if a is None or b is None:
        return outer == inner
    return _scheme_covers(a[0], b[0]) and host_covers(a[1], b[1]) and fnmatchcase(b[2], a[2])


def covers_host(pattern: str, host: str) -> bool:
    parts = _split(pattern)
    return parts is not None and host_covers(parts[1], host.lower())


def is_broad(pattern: str) -> bool:
    """All hosts, or a wildcard host: what the host rules weigh against the code's needs."""
    parts = _split(pattern)
    if parts is None or parts[0] not in ("*", "http", "https", "ws", "wss"):
        return False  # `file://` access is granted and used in ways code does not show
    return parts[1] == "*" or parts[1].startswith("*.")
