"""The addresses Forge's Content Security Policy lets a Custom UI page reach without an
egress declaration, per egress kind.

Read from @forge/csp 6.3.2 (`out/csp/csp-injection-service.js`, `getInjectableCSP` for the
`prod` environment, then the `fedramp-prod` hosts and any isolated-cloud host): the `img-src`, `media-src`, `frame-src`, `font-src`, `style-src`,
`script-src` and `connect-src` lists without `'self'`, `data:`, `blob:`, the app's own CDN
host and the manifest's entries. An address whose path ends in `/` allows the URLs below it,
another only that path (CSP source expressions match the path too).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

#: Forge's own bridge and iframe resizer scripts
_FORGE_CDN = "https://forge.cdn.prod.atlassian-dev.net"
#: Forge Object Store downloads and its CDN
_FOS_DOWNLOAD = (
    "https://tdp-os.services.atlassian.com/fos-eap/download/",
    "https://tdp-os.services.atlassian.com/fos/app/download/",
    "https://tdp-os.services.atlassian.com/fos/cdn/download/",
    "https://object-store.atlassian.com/os/ecosystem/installation/",
)
_FOS_UPLOAD = (
    "https://tdp-os.services.atlassian.com/fos-eap/upload/",
    "https://tdp-os.services.atlassian.com/fos/app/upload/",
    "https://tdp-os.services.atlassian.com/fos/cdn/upload/",
)
_MEDIA = "https://api.media.atlassian.com"
_AVATARS = "avatar-management--avatars.us-west-2.prod.public.atl-paas.net"

#: egress kind -> the addresses Forge allows without a declaration (`prod`)
_PROD: dict[str, tuple[str, ...]] = {
    "images": (
        "https://secure.gravatar.com",
        "https://images.unsplash.com",
        f"https://{_AVATARS}",
        f"https://*.wp.com/{_AVATARS}/",
        "https://api.atlassian.com",
        _MEDIA,
        "https://pf-emoji-service.prod-east.frontend.public.atl-paas.net",
        "https://pf-reactions-service.prod-east.frontend.public.atl-paas.net",
        "https://assets-media.atlassian.com",
        "https://teams-directory-frontend.prod-east.frontend.public.atl-paas.net/assets/",
        *_FOS_DOWNLOAD,
    ),
    "media": (_MEDIA, *_FOS_DOWNLOAD),
    "frames": (_MEDIA, *_FOS_DOWNLOAD),
    "fonts": _FOS_DOWNLOAD,
    "styles": (_FORGE_CDN, *_FOS_DOWNLOAD),
    "scripts": (_FORGE_CDN, *_FOS_DOWNLOAD),
    "fetch.client": (
        "https://api.atlassian.com/metal/ingest",
        "https://api.atlassian.com/gateway/api/emoji/",
        "https://api.atlassian.com/gateway/api/elements/emoji",
        _MEDIA,
        "https://as.atlassian.com",
        "https://forge-outbound-proxy.services.atlassian.com",
        *_FOS_DOWNLOAD,
        *_FOS_UPLOAD,
        _FORGE_CDN,
    ),
}


#: the same services in Atlassian Government Cloud (`fedramp-prod`, read from the same file)
_GOV = "atlassian-us-gov-mod.com"
_GOV_FOS = tuple(
    f"https://tdp-os.services.{_GOV}/fos/{kind}/{way}/"
    for kind in ("app", "cdn")
    for way in ("download", "upload")
)
_GOV_BY_KIND: dict[str, tuple[str, ...]] = {
    "images": (
        f"https://avatar-management--avatars.us-east-1.prod.cdn.{_GOV}",
        f"https://api.{_GOV}",
        f"https://api-media.{_GOV}",
        f"https://pf-emoji-service.frontend.cdn.{_GOV}",
        f"https://pf-reactions-service.frontend.cdn.{_GOV}",
        f"https://assets-media.{_GOV}",
        f"https://teams-directory-frontend.frontend.cdn.{_GOV}/assets/",
    ),
    "media": (f"https://api-media.{_GOV}",),
    "frames": (f"https://api-media.{_GOV}",),
    "styles": ("https://forge.cdn.prod.atlassian-dev-us-gov-mod.net",),
    "scripts": ("https://forge.cdn.prod.atlassian-dev-us-gov-mod.net",),
    "fetch.client": (
        f"https://api.{_GOV}/gateway/api/emoji/",
        f"https://api.{_GOV}/gateway/api/elements/emoji",
        f"https://api-media.{_GOV}",
        f"https://as.{_GOV}",
        "https://forge.cdn.prod.atlassian-dev-us-gov-mod.net",
    ),
}
#: isolated clouds name their hosts after the customer (`api.<label>.atlassian-isolated.net`):
#: any host there may be one of these services
_ISOLATED = "https://*.atlassian-isolated.net"


def _gov_fos(kind: str) -> tuple[str, ...]:
    return _GOV_FOS if kind == "fetch.client" else tuple(a for a in _GOV_FOS if a.endswith("download/"))


#: egress kind -> the addresses Forge allows without a declaration, in every cloud
IMPLICIT_ADDRESSES: dict[str, tuple[str, ...]] = {
    kind: (*prod, *_GOV_BY_KIND.get(kind, ()), *_gov_fos(kind), _ISOLATED) for kind, prod in _PROD.items()
}


def split_path(address: str) -> tuple[str, str]:
    """(origin part, path) of an address: `https://a.com/x/` -> (`https://a.com`, `/x/`)."""
    if address.startswith("//"):  # protocol-relative: the page's scheme (https)
        address = "https:" + address
    parts = urlsplit(address if "://" in address else f"https://{address}")
    origin = address[: len(address) - len(parts.path)] if parts.path else address
    return origin, parts.path


def path_allowed(wanted: str, url: str | None) -> bool:
    """Whether a URL's path matches an implicit address's path as CSP matches them: a path
    ending in `/` covers everything below it, another only itself; both compared after the
    URL's percent-escapes are decoded and its `.` and `..` segments resolved, as the browser
    sends it. A path with a piece known only at run time (a `${...}`, which may hold `../`)
    counts as allowed: the finding would not be certain."""
    if not wanted or wanted == "/" or url is None:
        return True
    _origin, path = split_path(url)
    if "{}" in path:
        return True
    path = normalized_path(path) or "/"
    return path.startswith(wanted) if wanted.endswith("/") else path == wanted


def normalized_path(path: str) -> str:
    """`/fos/./app/%64ownload/x` -> `/fos/app/download/x`: escapes decoded, dot segments
    resolved (RFC 3986 5.2.4), a trailing `/` kept."""
    decoded = unquote(path)
    out: list[str] = []
    segments = decoded.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
            continue
        if segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
            continue
        out.append(segment)
    return "/".join(out)
