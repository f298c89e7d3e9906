"""Egress addresses as Forge accepts them: `host`, `https://host`, `*.host`, with a path or port."""

from __future__ import annotations

import re
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
        return _ipv4_text(host) or host
    try:
        return ".".join(_ascii_label(label) for label in host.split("."))
    except UnicodeError:
        return host


def _ipv4_text(host: str) -> str | None:
    """The dotted form of a host the URL standard reads as an IPv4 address: its last label is
    a number, and each of up to four parts is decimal, octal (`010`) or hex (`0x7f`), the last
    one filling the bytes left (`0x7f.1` is `127.0.0.1`). None when it is not one (or is not
    valid, and so no URL with it can be fetched)."""
    parts = host.split(".")
    if not _NUMBER_LABEL.fullmatch(parts[-1]) or len(parts) > 4:
        return None
    numbers: list[int] = []
    for part in parts:
        if part[:2] == "0x":
            digits, base = part[2:], 16
        elif len(part) > 1 and part[0] == "0":
            digits, base = part[1:], 8
        else:
            digits, base = part, 10
        try:
            numbers.append(int(digits, base) if digits else 0)
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = sum(n << (8 * (3 - i)) for i, n in enumerate(head)) + last
    return ".".join(str((value >> shift) & 0xFF) for shift in (24, 16, 8, 0))


#: a label that makes the URL standard read the host as an IPv4 address
_NUMBER_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")


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
