"""Requests with symbolic values → the `ApiCall` and `Fetch` records of `model.usage`.

Known pieces are joined, unknown `${...}` become `{}`, and whatever cannot be
known becomes None with a reason that says why ("path is the variable `p`").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import unquote

from scopecheck.core.addresses import canonical_host
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.usage import ApiCall, Fetch

if TYPE_CHECKING:
    from scopecheck.ecosystems.forge.code.js.calls import Request

#: says who a parameter belongs to: "`jira`, which is never called"
Describe = Callable[[v.FnRef], str]

#: a piece of a path that may hold several segments (a `${...}` outside `route`)
SPANS = "{*}"
_AUTHORITY = re.compile(r"^(?:https?:)?//([^/?#]*)", re.IGNORECASE)
#: `https:host/x`, `https:/host`, `https:\\\\host`: the URL standard reads an http(s) URL's
#: host after any number of slashes or backslashes, even none
_LOOSE_SLASHES = re.compile(r"^(https?:)[/\\]*", re.IGNORECASE)


#: two or more slashes or backslashes starting a URL: the URL standard reads it against an
#: http(s) page as `//host/...` (each backslash a slash, further slashes skipped)
_SCHEME_RELATIVE = re.compile(r"^[/\\]{2,}")
#: what the URL standard trims from both ends of a URL: C0 controls and space
_SPACE_AND_CONTROLS = "".join(map(chr, range(0x21)))


def _as_parsed(url: str) -> str:
    """The URL as the URL standard reads it: leading and trailing spaces and control
    characters dropped, backslashes taken as slashes, the slashes after `https:` made two."""
    url = url.strip(_SPACE_AND_CONTROLS).replace("\t", "").replace("\n", "").replace("\r", "")
    relative = _SCHEME_RELATIVE.match(url)
    if relative is not None:  # `/\\host/x`, `\\\\host/x`: another host, as `//host/x` is
        return "//" + url[relative.end() :].replace("\\", "/")
    match = _LOOSE_SLASHES.match(url)
    if match is None:
        return url
    return match.group(1) + "//" + url[match.end() :].replace("\\", "/")


def render_text(
    value: v.Value, what: str, owner: Describe, spans: str = "{}"
) -> tuple[str | None, str | None]:
    """A string value as text with `{}` for unknown pieces (`spans` for one that may hold
    several path segments), or (None, reason)."""
    if isinstance(value, v.Str | v.Num):
        return value.text, None
    if isinstance(value, v.Tmpl):
        pieces: list[str] = []
        for part in value.parts:
            if isinstance(part, str):
                pieces.append(part)
                if what == "path" and "?" in part:
                    break  # the rest is the query string: it does not change the operation
            elif isinstance(part, v.Slot) and not part.hole:
                param = part.param
                return None, f"{what} is built from parameter `{param.name}` of {owner(param.fn)}"
            else:
                pieces.append(spans if isinstance(part, v.Hole | v.Slot) and part.spans else "{}")
        return "".join(pieces), None
    if isinstance(value, v.Param):
        return None, f"{what} is parameter `{value.name}` of {owner(value.fn)}"
    if value is v.MISSING:
        return None, f"{what} is missing"
    if isinstance(value, v.Unknown):
        return None, f"{what} is {value.why}"
    return None, f"{what} is not a string"


def api_call(request: Request, owner: Describe) -> ApiCall:
    path, path_reason = render_text(request.target, "path", owner, spans=SPANS)
    if path is not None:
        path = path.split("?", 1)[0]
    method: str | None
    method_reason: str | None
    if request.method is v.MISSING:
        method, method_reason = "GET", None
    else:
        method, method_reason = render_text(request.method, "method", owner)
        if method is not None:
            if "{}" in method:
                method, method_reason = None, "method is not known statically"
            else:
                method = method.upper()
    reasons = [reason for reason in (path_reason, method_reason) if reason]
    if request.method is request.target and isinstance(request.target, v.Unknown):
        reasons = [f"path and method are {request.target.why}"]  # a request not seen at all
    return ApiCall(
        product=request.product,
        method=method,
        path=path,
        span=request.span,
        origin=request.origin,
        as_user=request.as_user,
        via=request.via,
        reason="; ".join(reasons) or None,
        doubt=request.doubt,
    )


def fetch(request: Request, owner: Describe) -> Fetch | None:
    """A fetch or image to an outside host; None when the URL is relative (not egress), and
    for a loose fetch (`<unknown>.fetch(...)`) when the URL names no host."""
    url, reason = render_text(request.target, "URL", owner)
    kind = request.fetch_kind
    if url is None:
        return None if request.loose else Fetch(kind, None, None, request.span, reason, via=request.via)
    url = _as_parsed(url)
    match = _AUTHORITY.match(url)
    if match is None:
        if url.startswith("{}") and not request.loose:
            return Fetch(kind, url, None, request.span, "host is not known statically", via=request.via)
        return None  # relative URL, or data:/blob:/mailto: — nothing leaves for another host
    host = match.group(1).rsplit("@", 1)[-1]
    host = host[: host.index("]") + 1] if host.startswith("[") and "]" in host else host.split(":", 1)[0]
    if not host or "{}" in host:
        if request.loose:
            return None
        return Fetch(kind, url, None, request.span, "host is not known statically", via=request.via)
    host = canonical_host(unquote(host))
    return Fetch(kind, url, host, request.span, None, via=request.via, doubt=request.doubt)
