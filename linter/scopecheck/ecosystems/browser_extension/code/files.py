"""Which files of an extension run, and in what context: what the manifest names, the scripts
its HTML pages load, and what those import.

Paths in `manifest.json` are relative to its folder (a leading `/` too). An HTML page's
`<script src>` is relative to the page; an inline `<script>` is read as a file of its own.
Every other JS/TS file under the manifest's folder is read as well (as `unreached`): an
extension can open any of its pages, and a use found there still shows a permission is used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence

from scopecheck.analysis.js.languages import LANGUAGE_BY_SUFFIX
from scopecheck.core.records import record
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.browser_extension.model import Extension
from scopecheck.ecosystems.forge.code.js.files import (
    MAX_APP_BYTES,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    SKIPPED_SUFFIXES,
    NotAppCode,
)

BACKGROUND, CONTENT, PAGE, INJECTED, UNREACHED = (
    "background",
    "content script",
    "page",
    "injected",
    "unreached",
)
_SKIPPED_DIRS = frozenset({"node_modules", "coverage", "target"})
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_CODE_TYPES = ("", "text/javascript", "application/javascript", "module", "text/babel")


@record
class Entry:
    """A file the manifest (or a page) makes run: where it is, how it is named, its context."""

    key: str  # absolute path (an inline script: the page's path + `#script-N`)
    display: str
    context: str
    named_by: str  # "background.service_worker", "popup", "assets/popup.html"


@record
class Read:
    """One file's bytes to parse, or why it was not read."""

    key: str
    display: str
    language: str
    data: bytes | None
    problem: str | None = None


def manifest_dir(extension: Extension, manifest_path: str) -> str:
    return os.path.dirname(os.path.abspath(manifest_path))


def resolve_in_extension(root: str, base_dir: str, reference: str) -> str | None:
    """The file a manifest or page reference names (None: remote, or outside the extension)."""
    reference = reference.split("?", 1)[0].split("#", 1)[0]
    if not reference or "://" in reference or reference.startswith(("data:", "//")):
        return None
    target = (
        os.path.join(root, reference.lstrip("/"))
        if reference.startswith("/")
        else os.path.join(base_dir, reference)
    )
    target = os.path.normpath(target)
    if not (target + os.sep).startswith(root.rstrip(os.sep) + os.sep):
        return None
    return target


def manifest_entries(extension: Extension, root: str) -> Iterator[tuple[str, str, str]]:
    """(path as written, context, what names it) for every file the manifest makes run."""
    background = extension.background
    if background is not None:
        if background.service_worker is not None:
            yield background.service_worker.value, BACKGROUND, "background.service_worker"
        for script in background.scripts:
            yield script.value, BACKGROUND, "background.scripts"
        if background.page is not None:
            yield background.page.value, BACKGROUND, "background.page"
    for content in extension.content_scripts:
        for js in content.js:
            yield js.value, CONTENT, "content_scripts"
    for label, page in extension.pages:
        if label != "background page":
            yield page.value, PAGE, label


def html_scripts(page_key: str, text: str, root: str) -> Iterator[tuple[str | None, str | None, str]]:
    """(file, inline code, the reference as written) of every script a page loads; file None
    for a remote or unresolvable `src`."""
    for number, match in enumerate(_SCRIPT.finditer(text), start=1):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if kind is not None and kind.group(1).lower() not in _CODE_TYPES:
            continue
        src = _SRC.search(attrs)
        if src is not None:
            written = next(g for g in src.groups() if g is not None)
            yield resolve_in_extension(root, os.path.dirname(page_key), written), None, written
        elif match.group("body").strip():
            yield None, match.group("body"), f"#script-{number}"


def read_code(key: str, display: str, budget: list[int]) -> Read:
    """The file as bytes to parse (BOM removed, invalid UTF-8 replaced), or why not."""
    language = LANGUAGE_BY_SUFFIX.get(os.path.splitext(key)[1], "javascript")
    try:
        with open(key, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return Read(key, display, language, None, f"cannot be read ({exc.strerror or exc})")
    if len(raw) > MAX_FILE_BYTES:
        return Read(key, display, language, None, f"is over the {MAX_FILE_BYTES // 1024} KB limit")
    if budget[0] + len(raw) > MAX_APP_BYTES:
        return Read(
            key, display, language, None, f"is over the {MAX_APP_BYTES // (1024 * 1024)} MB code limit"
        )
    budget[0] += len(raw)
    return code_bytes(key, display, language, raw)


def code_bytes(key: str, display: str, language: str, raw: bytes) -> Read:
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.isascii():
        raw = raw.decode("utf-8", "replace").encode("utf-8")
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            return Read(
                key,
                display,
                language,
                None,
                f"is minified or bundled (line {number} is {len(line):,} bytes long)",
            )
    return Read(key, display, language, raw)


def other_sources(root: str, not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE) -> Iterator[str]:
    """Every JS/TS and HTML file under the extension's folder, but dependencies, dot folders,
    nested extensions and files that are not app code (tests)."""
    skip = NotAppCode.of(not_app_code)
    prefix = len(root.rstrip(os.sep)) + 1
    for folder, dirs, names in os.walk(root):
        relative = folder[prefix:].replace(os.sep, "/") if len(folder) >= prefix else ""
        if folder != root and "manifest.json" in names:
            dirs[:] = []
            continue
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED_DIRS
            and not skip.folder(d, f"{relative}/{d}".lstrip("/"))
        )
        for name in sorted(names):
            suffix = os.path.splitext(name)[1]
            if (
                (suffix in LANGUAGE_BY_SUFFIX or suffix == ".html")
                and not name.endswith(SKIPPED_SUFFIXES)
                and not skip.file(name, f"{relative}/{name}".lstrip("/"))
            ):
                yield os.path.join(folder, name)


def find_module(base_dir: str, spec: str) -> str | None:
    """The file a relative import names: as written, with a code suffix, `.js` written for a
    `.ts` source, or a folder's index."""
    base = os.path.normpath(os.path.join(base_dir, spec))
    stem, suffix = os.path.splitext(base)
    candidates = [base]
    candidates += [base + s for s in LANGUAGE_BY_SUFFIX]
    if suffix in (".js", ".mjs", ".cjs", ".jsx"):
        candidates += [stem + s for s in (".ts", ".tsx", ".mts", ".cts")]
    candidates += [os.path.join(base, "index" + s) for s in LANGUAGE_BY_SUFFIX]
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    return None
