"""What a Custom UI's own HTML and CSS load from other hosts: scripts, styles, fonts, images,
frames and media, each an egress of its `permissions.external` kind.

Read with patterns, not parsed: `<script src>`, `<link href>` (a stylesheet is `styles`, a
font preload `fonts`, a fetch preload `fetch.client`, an icon `images`), `<img src>`, `<iframe
src>`, `<video>`/`<audio>`/`<source src>`, `<a ping>` (`fetch.client`) in `.html` files, and `url(...)` (a font file is `fonts`, anything else
`images`) and `@import` (`styles`) in `.css` files and in `<style>` blocks. Only absolute
URLs (`https://`, `//`) are egress; a relative one is the app's own asset. Files in build
output and dependency folders are not the app's own and are skipped; so is a file over
MAX_ASSET_BYTES. What never loads is left out: comments, `<noscript>`, `<textarea>`, `<title>`
and `<template>` content, a `<script nomodule>`, a CSS `@namespace`, an `@import` after a
rule or inside a block.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from scopecheck.core.addresses import canonical_host
from scopecheck.core.findings import Span
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.asset_uses import FrontEndText
from scopecheck.ecosystems.forge.code.js.files import SKIPPED_DIRS, display_path, is_not_app_code
from scopecheck.ecosystems.forge.code.usage import Fetch

ASSET_SUFFIXES = (".html", ".htm", ".css")
MAX_ASSET_BYTES = 512 * 1024
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")

#: a start tag's name, then the rest of it up to its `>`, an attribute's quoted value read whole:
#: `<div title="<img src=x>">` is one tag, and the `<img` inside its value is text
_TAG_START = re.compile(r"<([a-zA-Z][\w:-]*)")
_TAG_REST = re.compile(r"""((?:=\s*(?:"[^"]*"|'[^']*')|=|[^>=])*+)>""")
#: where a script's or a style sheet's element starts, and the end tag its text runs to
_BODY_START = re.compile(r"<(script|style)\b", re.IGNORECASE)
_BODY_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
#: the elements that load from a host
_LOADING_TAGS = frozenset(
    {"script", "link", "img", "iframe", "video", "audio", "source", "object", "embed", "image", "area", "a"}
)
_ATTRIBUTE = re.compile(r"""\b([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.IGNORECASE)
_TAG_KINDS = {
    "script": "scripts",
    "img": "images",
    "image": "images",  # SVG <image href>
    "iframe": "frames",
    "object": "frames",  # <object data>, <embed src>: the browser frames them (CSP object-src/frame-src)
    "embed": "frames",
    "video": "media",
    "audio": "media",
}
#: `as=` of a preload link -> its kind
PRELOAD_KINDS = {
    "font": "fonts",
    "style": "styles",
    "script": "scripts",
    "image": "images",
    "fetch": "fetch.client",  # `<link rel="preload" as="fetch">`: CSP connect-src
}


def asset_files(dirs: Sequence[str], not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE) -> list[str]:
    """The front ends' CSS files and entry pages (`index.html`, or any page in `public/`),
    sorted; build output, other pages (docs, demos) and what is not app code are skipped."""
    found: set[str] = set()
    for top in dirs:
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in SKIPPED_DIRS]
            for name in names:
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, top).replace(os.sep, "/")
                lowered = name.lower()
                if not lowered.endswith(ASSET_SUFFIXES) or is_not_app_code(relative, not_app_code):
                    continue
                page = lowered.endswith((".html", ".htm"))
                if (
                    page
                    and lowered not in ("index.html", "index.htm")
                    and "public" not in relative.split("/")
                ):
                    continue
                found.add(path)
    return sorted(found)


def asset_fetches(
    dirs: Sequence[str], cwd: str, not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE
) -> list[Fetch]:
    """The outside hosts the front ends' HTML and CSS load, each at the URL's position."""
    fetches: list[Fetch] = []
    texts = FrontEndText(dirs)  # what the front ends' files name: whether a sheet or font is used
    for path in asset_files(dirs, not_app_code):
        try:
            if os.path.getsize(path) > MAX_ASSET_BYTES:
                continue
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            continue
        shown = display_path(path, cwd)
        css = path.lower().endswith(".css")
        text = _blank(_CSS_COMMENT if css else _HTML_COMMENT, text)  # a commented-out tag loads nothing
        if not css:  # a Custom UI runs scripts: what `<noscript>` holds is never loaded
            text = _blank(_INERT, _blank(_NOSCRIPT, text))
        found = _css(_blank(_CSS_COMMENT, text), 0) if css else _html(text)
        unnamed: str | None = None  # asked once, for a sheet that loads something
        conditions = [] if css else _template_conditions(text)
        for kind, url, offset, use in found:
            host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname
            if not host:
                continue
            if unnamed is None:
                unnamed = texts.sheet_unnamed(path) if css else texts.page_unnamed(path)
            doubt = unnamed or ""
            if not doubt and use is not None:
                doubt = texts.family_unused(use[1]) if use[0] == "family" else texts.property_unused(use[1])
            if not doubt and any(start <= offset < end for start, end in conditions):
                doubt = "it is inside a template condition (`<% if … %>`) that the build decides"
            span = _span(shown, text, offset, len(url))
            fetches.append(Fetch(kind, url, canonical_host(host), span, doubt=doubt))
        if not css:
            fetches.extend(_inline_scripts(shown, text))
    return fetches


#: a `<script>` without a `src` attribute (`data-src` is another attribute)
_INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*(?<![\w-])src\s*=)([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE
)
#: the `type` of a script that holds data, not code (any other type, or none, or an empty one, runs)
_SCRIPT_TYPE = re.compile(r"""(?<![\w-])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_DATA_TYPES = frozenset(
    {
        "application/json", "application/ld+json", "importmap", "speculationrules", "text/template",
        "text/x-template", "text/html", "text/plain", "text/x-handlebars-template", "text/markdown",
    }
)  # fmt: skip
#: an inline event handler (`onload="..."`) in a tag's attributes: code, run where
#: `unsafe-inline` lets scripts run
_EVENT_HANDLER = re.compile(r"""(?<![\w-])on[a-z]+\s*=\s*(?:"[^"]*\S[^"]*"|'[^']*\S[^']*')""", re.IGNORECASE)


def _inline_scripts(shown: str, text: str) -> Iterator[Fetch]:
    """An inline script is code scopecheck does not read: what it fetches is not known (when
    the manifest lets it run, `content.scripts: unsafe-inline`), so client hosts are unsure."""
    for script in _INLINE_SCRIPT.finditer(text):
        kind = _SCRIPT_TYPE.search(script.group(1))
        declared = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if not script.group(2).strip() or declared.strip().lower() in _DATA_TYPES:
            continue
        span = _span(shown, text, script.start(), len("<script"))
        why = f"an inline <script> in {shown}, whose code scopecheck does not read"
        yield Fetch("fetch.client", None, None, span, why)
    for tag, attribute_text, attributes_at in _tags(text):  # linear: a tag scan, not a search per `<`
        if _EVENT_HANDLER.search(attribute_text) is not None:
            span = _span(shown, text, attributes_at - len(tag) - 1, 1)
            why = f"an inline event handler in {shown}, whose code scopecheck does not read"
            yield Fetch("fetch.client", None, None, span, why)
            break


def inline_module_pages(pages: Sequence[str], classic: bool = False) -> list[str]:
    """The pages (of `asset_files`) with an inline `<script type="module">` that holds code:
    a bundler (Vite) bundles it with what it imports (`@forge/bridge`), and scopecheck does
    not read it, so what it calls is not known. `classic`: any inline script that runs
    counts too (build output: a single-file build inlines the whole bundle)."""
    found = []
    for path in pages:
        text = _page_text(path)
        if text is _TOO_BIG:
            found.append(path)  # not read for its size: it may hold one
            continue
        if text is None:
            continue
        for script in _INLINE_SCRIPT.finditer(text):
            kind = _SCRIPT_TYPE.search(script.group(1))
            declared = next((g for g in kind.groups() if g is not None), "") if kind else ""
            declared = declared.strip().lower()
            runs = declared == "module" or (classic and declared not in _DATA_TYPES)
            if runs and script.group(2).strip():
                found.append(path)
                break
    return found


#: what `_page_text` gives for a page over MAX_ASSET_BYTES
_TOO_BIG = "\0"


def _page_text(path: str) -> str | None:
    """An HTML page's text with its comments blanked (offsets kept); `_TOO_BIG` for one not
    read for its size; None for a file that is no page or cannot be read."""
    if not path.lower().endswith((".html", ".htm")):
        return None
    try:
        if os.path.getsize(path) > MAX_ASSET_BYTES:
            return _TOO_BIG
        with open(path, encoding="utf-8", errors="replace") as handle:
            return _blank(_HTML_COMMENT, handle.read())
    except OSError:
        return None


def missing_script_sources(pages: Sequence[str]) -> list[tuple[str, str]]:
    """(page, src) of each `<script type="module" src>` of the pages that names a file of the
    app not in the repository (`./src/gen/main.js`, written by a build step): Vite bundles
    it, and what it calls is not known. A URL is egress, not a file; a classic script is not
    bundled (`<script src="bundle.js">` names the bundler's output), nor is a page in
    `public/` (copied as it is)."""
    found = []
    for path in pages:
        if "public" in path.replace(os.sep, "/").split("/"):
            continue
        text = _page_text(path)
        if text is None or text is _TOO_BIG:
            continue
        for tag in _SCRIPT_SOURCE.finditer(text):
            kind = _SCRIPT_TYPE.search(tag.group(0))
            declared = next((g for g in kind.groups() if g is not None), "") if kind else ""
            if declared.strip().lower() != "module":
                continue
            source = next(g for g in tag.groups() if g is not None).strip()
            if not source or _absolute(source) or ":" in source or "%" in source or "{" in source:
                continue  # a URL, a `data:` one, or a template's placeholder (`%PUBLIC_URL%`)
            named = source.split("?", 1)[0].split("#", 1)[0].lstrip("/")
            if named and not os.path.exists(os.path.join(os.path.dirname(path), named)):
                found.append((path, source))
    return found


#: the `src` of a `<script>` tag
_SCRIPT_SOURCE = re.compile(
    r"""<script\b[^>]*?(?<![\w-])src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>""", re.IGNORECASE
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.DOTALL | re.IGNORECASE)
#: elements whose content is text or inert, never loaded as it stands: a `<textarea>`'s or
#: `<title>`'s tags are text, a `<template>`'s are loaded only when a script clones them
_INERT = re.compile(r"<(textarea|title|template)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
#: `@namespace svg url(http://www.w3.org/2000/svg)`: a name, never fetched
_CSS_NAMESPACE = re.compile(r"@namespace\b[^;{}]*;?", re.IGNORECASE)
#: a `<script nomodule>`: browsers that run modules (every one a Custom UI supports) skip it
_NOMODULE = re.compile(r"(?:^|\s)nomodule(?=[\s=/]|$)", re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_FORMAT_AFTER = re.compile(r"""\s*["']?\s*\)\s*format\(""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


#: a template's condition in a page a build step fills (Create React App's and
#: html-webpack-plugin's lodash templates, EJS): `<% if (env.X) { %>`, and where its block ends
_TEMPLATE_IF = re.compile(r"<%[^%]*?\bif\b[^%]*?%>")
_TEMPLATE_END = re.compile(r"<%\s*}[^%]*?%>")


def _template_conditions(text: str) -> list[tuple[int, int]]:
    """The ranges of a page between a template's `<% if … %>` and the `<% } %>` closing it
    (the first one after it; to the page's end when there is none): what the build may leave
    out."""
    ends = [end.start() for end in _TEMPLATE_END.finditer(text)]
    found = []
    for condition in _TEMPLATE_IF.finditer(text):
        after = bisect_left(ends, condition.end())
        found.append((condition.end(), ends[after] if after < len(ends) else len(text)))
    return found


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """`text` with each match replaced by as many spaces (newlines kept): offsets still hold."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


#: what a URL's load rests on: the font family of its `@font-face`, or the custom property
#: it is set in (`("property", "--hero")`); None for a URL that is loaded where it stands
Use = tuple[str, str] | None


def _tags(text: str) -> Iterator[tuple[str, str, int]]:
    """(name, attributes, where they start) of each start tag, in order. A script's or a style
    sheet's text is not markup (`html.replace(/<a href="/g, …)` starts no tag), and a tag
    that never closes holds the rest of the page, so the scan ends there: linear in the page."""
    scan = _blank_bodies(text)
    position = 0
    while (start := _TAG_START.search(scan, position)) is not None:
        rest = _TAG_REST.match(scan, start.end())
        if rest is None:
            return
        yield start.group(1), rest.group(1), start.end()
        position = rest.end()


def _blank_bodies(text: str) -> str:
    """`text` with the text of each `<script>` and `<style>` element blanked (offsets kept), up
    to its end tag or the page's end; one pass over the page."""
    parts: list[str] = []
    position = 0
    while (start := _BODY_START.search(text, position)) is not None:
        opened = text.find(">", start.end())
        if opened < 0:
            break  # a start tag that never closes: the rest of the page is in it
        end = _BODY_END[start.group(1).lower()].search(text, opened + 1)
        stop = end.start() if end is not None else len(text)
        parts += [text[position : opened + 1], re.sub(r"[^\n]", " ", text[opened + 1 : stop])]
        position = stop
    return "".join([*parts, text[position:]])


def _html(text: str) -> Iterator[tuple[str, str, int, Use]]:
    for tag_name, attribute_text, attributes_at in _tags(text):
        name = tag_name.lower()
        if name not in _LOADING_TAGS:
            continue
        attributes = {
            m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "", attributes_at + m.start())
            for m in _ATTRIBUTE.finditer(attribute_text)
        }
        if name == "link":
            rel = attributes.get("rel", ("", 0))[0].lower().split()
            preload = PRELOAD_KINDS.get(attributes.get("as", ("", 0))[0].lower())
            # an icon is fetched for a top-level page only, never for a Custom UI's frame
            kind = "styles" if "stylesheet" in rel else preload
            href = attributes.get("href")
            if kind and href and _absolute(href[0]):
                yield kind, href[0], _value_offset(text, href[1], href[0]), None
            continue
        if name in ("a", "area"):  # `ping="url ..."`: a POST to each when the link is followed
            pings, at = attributes.get("ping", ("", 0))
            for url in pings.split():
                if _absolute(url):
                    yield "fetch.client", url, _value_offset(text, at, url), None
            continue
        if name == "script" and _NOMODULE.search(attribute_text):
            continue
        kind = "media" if name == "source" else _TAG_KINDS[name]
        for attribute in ("src", "data", "href", "xlink:href", "srcset", "poster"):
            found = attributes.get(attribute)
            if found is None or (attribute in ("href", "xlink:href") and name != "image"):
                continue
            if attribute == "poster" or (attribute == "srcset" and name == "source"):
                kind = "images"  # a video's poster frame, a <picture>'s sources
            # srcset: `url 1x, url 2x`: each candidate
            urls = (
                [c.strip().split()[0] for c in found[0].split(",") if c.strip()]
                if attribute == "srcset"
                else [found[0]]
            )
            for url in urls:
                if _absolute(url):
                    yield kind, url, _value_offset(text, found[1], url), None
    for block in _STYLE_BLOCK.finditer(text):
        yield from _css(_blank(_CSS_COMMENT, block.group(1)), block.start(1))


def _css(text: str, base: int) -> Iterator[tuple[str, str, int, Use]]:
    text = _blank(_CSS_NAMESPACE, text)
    imports = set()
    for match in _CSS_IMPORT.finditer(text):
        imports.add(match.start(1))
        if _absolute(match.group(1)) and _leads_the_sheet(text, match.start()):
            yield "styles", match.group(1), base + match.start(1), None
    faces = [(face.start(), face.end(), _family(face.group(0))) for face in _FONT_FACE.finditer(text)]
    for match in _CSS_URL.finditer(text):
        url = match.group(1)
        if match.start(1) in imports or not _absolute(url):
            continue
        face = next((f for f in faces if f[0] <= match.start() < f[1]), None)  # an `@font-face` source
        font = (
            urlsplit(url).path.lower().endswith(FONT_SUFFIXES)
            or face is not None
            or _FORMAT_AFTER.match(text, match.end(1)) is not None  # `url(...) format('woff2')`
        )
        kind = "fonts" if font else "images"
        use: Use = ("family", face[2]) if face is not None and face[2] else None
        if face is None:
            declaration = _CUSTOM_PROPERTY.match(text, _declaration_start(text, match.start()))
            use = ("property", declaration.group(1)) if declaration else None
        yield kind, url, base + match.start(1), use


#: `font-family: 'Inter'` in an `@font-face` rule
_FAMILY = re.compile(r"""font-family\s*:\s*(["']?)([^;"'}]+)\1""", re.IGNORECASE)
#: a declaration that sets a custom property: `--hero: url(...)`
_CUSTOM_PROPERTY = re.compile(r"\s*(--[\w-]+)\s*:")


def _family(face: str) -> str:
    found = _FAMILY.search(face)
    return found.group(2).strip() if found else ""


def _declaration_start(text: str, at: int) -> int:
    """Where the declaration holding position `at` begins: after the `;`, `{` or `}` before it."""
    return max(text.rfind(mark, 0, at) for mark in ";{}") + 1


#: what may stand before an `@import`: `@charset`, `@layer a, b;` and other `@import`s
#: (an `@import` URL may hold `;`: `css2?family=Inter:wght@400;700`)
_SHEET_PRELUDE = re.compile(
    r"""\s*(?:@charset\s+"[^"]*"\s*;|@layer\s+[\w\s,.-]+;"""
    r"""|@import\b(?:"[^"]*"|'[^']*'|url\((?:"[^"]*"|'[^']*'|[^)]*)\)|[^;{}"'])*;)""",
    re.I,
)


def _leads_the_sheet(text: str, at: int) -> bool:
    """Whether the `@import` at `at` precedes every rule of its sheet: browsers drop one that
    follows a rule or stands inside a block (`@media … { @import … }`), and so do bundlers."""
    position = 0
    while (found := _SHEET_PRELUDE.match(text, position)) is not None and found.end() <= at:
        position = found.end()
    return not text[position:at].strip()


def _absolute(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(("https://", "http://", "//"))


def _value_offset(text: str, attribute_at: int, value: str) -> int:
    found = text.find(value, attribute_at)
    return found if found >= 0 else attribute_at


def _span(path: str, text: str, offset: int, length: int) -> Span:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(path, line, column, line, column + length, offset, offset + length)
