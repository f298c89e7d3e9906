"""Egress addresses as Forge accepts them: `host`, `https://host`, `*.host`, with a path or port."""

from __future__ import annotations

import unicodedata

from scopecheck.core.records import record


@record
class Address:
    raw: str
    scheme: str | None
    host: str
    port: str | None
    path: str

    @property
    def origin(self) -> str:
        return self.host + (f":{self.port}" if self.port else "")


def parse_address(raw: str) -> Address:
    text = raw.strip()
    scheme = None
    if "://" in text:
        scheme, text = text.split("://", 1)
        scheme = scheme.lower()
    elif text.startswith("//"):
        text = text[2:]
    end = min((i for i in (text.find("/"), text.find("?"), text.find("#")) if i != -1), default=len(text))
    host_port, path = text[:end], text[end:]
    host_port = host_port.rpartition("@")[2]  # `user:pass@host`: the host is after the last @
    host, port = host_port, None
    if host_port.startswith("["):  # IPv6 literal
        end = host_port.find("]")
        host, port = host_port[: end + 1], host_port[end + 2 :] or None
    elif host_port.count(":") == 1:
        host, port = host_port.split(":")
    if port is not None and port.isdigit():
        port = str(int(port))  # `0443` is 443
    return Address(raw, scheme, canonical_host(host), port or None, path)


#: what UTS 46 maps to a label separator (the ideographic and halfwidth full stops; the
#: fullwidth one NFKC maps) and what it drops (a soft hyphen)
_UTS46_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": ".", "\u00ad": None})


def canonical_host(host: str) -> str:
    """Lower case, no trailing dot, and an internationalised name in its ASCII form
    (`bücher.example` is `xn--bcher-kva.example`, as a browser and Node send it). Other
    spellings UTS 46 maps are mapped first: fullwidth letters (`ａｐｉ.example`, NFKC) and
    ideographic full stops (`api。example`) name the same host."""
    if not host.isascii():
        host = unicodedata.normalize("NFKC", host.translate(_UTS46_DOTS)).translate(_UTS46_DOTS)
    host = host.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return ".".join(_ascii_label(label) for label in host.split("."))
    except UnicodeError:
        return host


def _ascii_label(label: str) -> str:
    """A label as the URL standard (UTS 46, non-transitional) sends it: NFC, then Punycode.
    Python's `idna` codec is IDNA 2003, which turns `ß` into `ss`; browsers and Node keep it."""
    if label.isascii():
        return label
    return "xn--" + unicodedata.normalize("NFC", label).encode("punycode").decode("ascii")


def address_key(raw: str) -> str:
    """What two spellings of one egress entry share: host and port, lower case."""
    return parse_address(raw).origin


def host_matches(pattern: str, host: str) -> bool:
    """Whether an allow-list pattern covers `host`.

    `*` covers everything; `*.example.com` covers the hosts below example.com (a
    wildcard host is covered only by the same wildcard); anything else must be
    equal. No other glob forms: `*partner.io` would also allow `evilpartner.io`.
    """
    wanted = parse_address(pattern).host
    host = canonical_host(host)
    if wanted == "*":
        return True
    if "*" in host:
        return host == wanted
    if wanted.startswith("*.") and "*" not in wanted[2:]:
        return host.endswith(wanted[1:])
    return host == wanted
