"""Finds an app's JS/TS source files and reads each one once, with limits.

Nothing here parses: a file is bytes plus what is needed to name it in a Span.

The limits bound what one app's analysis costs, whatever is in its folder: a file
over MAX_FILE_BYTES is never read, a file with a line over MAX_LINE_CHARS (a
minified bundle) is not parsed, and at most MAX_APP_BYTES of code is read per
app (the largest files are left out first). A file left out is never left out in
silence: it becomes a `ParseProblem(skipped=True)` that the report names, and the
findings that need all of the code (SC402, SC404) become unsure.

Tests, stories and mocks are not app code (no module bundles them): files matching the
policy's `not-app-code` patterns (default `DEFAULT_NOT_APP_CODE`) are not read at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from scopecheck.analysis.js.languages import LANGUAGE_BY_SUFFIX
from scopecheck.core.records import record
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.js.data_files import MAX_DATA_BYTES, only_data
from scopecheck.ecosystems.forge.code.usage import ParseProblem

#: dependency and build-output folders; every folder whose name starts with a dot is skipped too
SKIPPED_DIRS = frozenset({"node_modules", "dist", "build", "out", "coverage", "target"})
#: type declarations and minified bundles are not code the developer wrote
#: front-end component files whose `<script>` may call Forge APIs but that are not parsed:
#: each is named as not analysed, so the findings that need all of the code stay unsure
COMPONENT_SUFFIXES = frozenset({".vue", ".svelte", ".astro"})
SKIPPED_SUFFIXES = (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs", ".min.cjs")
#: minified code: not read, but named as not analysed (a vendored `app.min.js` may send requests)
MINIFIED_SUFFIXES = (".min.js", ".min.mjs", ".min.cjs")
#: a bigger file is generated or vendored: never read (the cache keys it by its size)
MAX_FILE_BYTES = 512 * 1024
#: a longer line is a minified bundle, not code a developer wrote: the file is not parsed
MAX_LINE_CHARS = 20_000
#: code read per app at most: parsing dense code costs up to ~270 bytes of memory and ~2.5 µs
#: per byte (`f();` on every line; scripts/bench_limits.py), so this bounds the analysis
MAX_APP_BYTES = 2 * 1024 * 1024
#: files over MAX_FILE_BYTES scanned per app to see whether they are only data
MAX_APP_DATA_BYTES = 32 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"


@record
class SourceFile:
    """One file of app code: `key` is its absolute path, `data` valid UTF-8 for the parser."""

    key: str
    display: str
    language: str
    data: bytes


def display_path(path: str, cwd: str) -> str:
    """`path` relative to `cwd` in POSIX form, or absolute when it is not under `cwd`."""
    prefix = cwd.rstrip(os.sep) + os.sep
    if path.startswith(prefix):
        return Path(path[len(prefix) :]).as_posix()
    return Path(path).as_posix()


@record
class Planned:
    """A source file, its size, and why it is not read (None: read it). `data`: too big to
    parse, but only string constants (js/data_files.py): nothing in it to analyse."""

    key: str
    size: int
    skip: str | None = None
    data: bool = False


def plan(keys: list[str]) -> list[Planned]:
    """Decide from sizes alone which files are read: not one over MAX_FILE_BYTES, and no more
    than MAX_APP_BYTES in all, smallest files first (so one big file cannot crowd out many
    small ones). Same order as `keys`."""
    sized: list[Planned] = []
    data_budget = MAX_APP_DATA_BYTES
    for key in keys:
        try:
            size = os.stat(key).st_size
        except OSError as exc:
            sized.append(Planned(key, 0, f"was not analysed (cannot read: {exc.strerror or exc})"))
            continue
        if size > MAX_FILE_BYTES and size <= min(MAX_DATA_BYTES, data_budget) and _only_data(key):
            data_budget -= size
            sized.append(Planned(key, size, data=True))
            continue
        over = size > MAX_FILE_BYTES
        sized.append(Planned(key, size, _over_limit(size, MAX_FILE_BYTES) if over else None))
    budget = MAX_APP_BYTES
    left_out: set[str] = set()
    for item in sorted((p for p in sized if p.skip is None and not p.data), key=lambda p: (p.size, p.key)):
        if item.size <= budget:
            budget -= item.size
        else:
            left_out.add(item.key)
    over_budget = (
        f"was not analysed (the app's code is over the {_bytes(MAX_APP_BYTES)} limit; the largest "
        "files are left out)"
    )
    return [Planned(p.key, p.size, over_budget) if p.key in left_out else p for p in sized]


def _only_data(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return only_data(handle.read(MAX_DATA_BYTES + 1)[: MAX_DATA_BYTES + 1])
    except OSError:
        return False


def _bytes(count: int) -> str:
    """A limit as it is written in the docs: 512 KiB, 2 MiB."""
    return f"{count // (1024 * 1024)} MiB" if count % (1024 * 1024) == 0 else f"{count // 1024} KiB"


def _size(count: int) -> str:
    """A file size as people read it: 1.2 MB, 600 KB."""
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count / 1000:.0f} KB"


def _over_limit(size: int, limit: int) -> str:
    return f"was not analysed ({_size(size)}, over the {_bytes(limit)} limit)"


def discover(
    app_dir: Path,
    cwd: Path,
    not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE,
    extra_roots: Sequence[str] = (),
) -> tuple[list[SourceFile], list[ParseProblem]]:
    """Every source file under `app_dir` and `extra_roots` (a front end's sources outside the
    manifest's folder) that is app code, and the files not analysed."""
    cwd_abs = os.path.abspath(cwd)
    root = os.path.normpath(os.path.join(cwd_abs, app_dir))
    files: list[SourceFile] = []
    problems: list[ParseProblem] = []
    keys = source_keys(root, not_app_code, extra_roots)
    for key in keys:
        if key.endswith(MINIFIED_SUFFIXES):  # named, never read (nor counted in the budget)
            problems.append(
                ParseProblem(display_path(key, cwd_abs), "was not analysed (minified code)", skipped=True)
            )
    for item in plan([key for key in keys if not key.endswith(MINIFIED_SUFFIXES)]):
        display = display_path(item.key, cwd_abs)
        suffix = os.path.splitext(item.key)[1]
        if suffix in COMPONENT_SUFFIXES:
            why = f"was not analysed: scopecheck reads JavaScript and TypeScript, not {suffix} components"
            problems.append(ParseProblem(display, why, skipped=True))
            continue
        # string constants only: an empty module stands for it (nothing to analyse)
        read = b"" if item.data else _read(item.key) if item.skip is None else item.skip
        if isinstance(read, str):
            problems.append(ParseProblem(display, read, skipped=True))
            continue
        language = LANGUAGE_BY_SUFFIX[os.path.splitext(item.key)[1]]
        files.append(SourceFile(item.key, display, language, read))
    return files, problems


_MANIFESTS = ("manifest.yml", "manifest.yaml")


@record
class NotAppCode:
    """The policy's `not-app-code` patterns, split by what they match: `name/` a folder name
    at any depth, `a/b*` the path from the app's folder, anything else a file name."""

    folders: tuple[str, ...]
    paths: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def of(cls, patterns: Sequence[str]) -> NotAppCode:
        folders = tuple(p.strip("/") for p in patterns if p.endswith("/") and p.strip("/"))
        rest = [p.lstrip("/") for p in patterns if not p.endswith("/")]
        return cls(folders, tuple(p for p in rest if "/" in p), tuple(p for p in rest if "/" not in p))

    def folder(self, name: str, relative: str) -> bool:
        return any(fnmatchcase(name, p) for p in self.folders) or any(
            fnmatchcase(relative, p) for p in self.paths
        )

    def file(self, name: str, relative: str) -> bool:
        return any(fnmatchcase(name, p) for p in self.names) or any(
            fnmatchcase(relative, p) for p in self.paths
        )


def is_not_app_code(relative: str, not_app_code: Sequence[str]) -> bool:
    """Whether a file (POSIX path from the app's folder) is left out by the patterns."""
    skip = NotAppCode.of(not_app_code)
    parts = relative.split("/")
    folders = any(skip.folder(name, "/".join(parts[: i + 1])) for i, name in enumerate(parts[:-1]))
    return folders or skip.file(parts[-1], relative)


def source_keys(root: str, not_app_code: Sequence[str], extra_roots: Sequence[str] = ()) -> list[str]:
    """The source files of an app: under its folder, then under each extra root not inside it."""
    keys = walk_sources(root, not_app_code, minified=True)
    seen = set(keys)
    for extra in extra_roots:
        keys.extend(key for key in walk_sources(extra, not_app_code, minified=True) if key not in seen)
        seen.update(keys)
    return keys


def walk_sources(
    root: str, not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE, minified: bool = False
) -> list[str]:
    """Every JS/TS file the analysis reads (and component file it names as unread) under `root`, sorted (nested apps and files that
    are not app code excluded)."""
    skip = NotAppCode.of(not_app_code)
    prefix = len(root.rstrip(os.sep)) + 1
    found: list[str] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            continue
        if folder != root and any(entry.name in _MANIFESTS for entry in listing):
            continue  # a nested app: its code belongs to its own manifest
        subfolders = []
        for entry in listing:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if (
                        not name.startswith(".")
                        and name not in SKIPPED_DIRS
                        and not skip.folder(name, _relative(entry.path, prefix))
                    ):
                        subfolders.append(entry.path)
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            suffix = os.path.splitext(name)[1]
            if (
                (suffix in LANGUAGE_BY_SUFFIX or suffix in COMPONENT_SUFFIXES)
                and (not name.endswith(SKIPPED_SUFFIXES) or (minified and name.endswith(MINIFIED_SUFFIXES)))
                and not skip.file(name, _relative(entry.path, prefix))
            ):
                found.append(entry.path)
        stack.extend(reversed(subfolders))
    found.sort()
    return found


def _relative(path: str, prefix: int) -> str:
    return path[prefix:].replace(os.sep, "/")


def _read(path: str) -> bytes | str:
    """The bytes to parse (valid UTF-8, BOM removed), or why the file is not analysed."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return f"was not analysed (cannot read: {exc.strerror or exc})"
    if len(raw) > MAX_FILE_BYTES:  # it grew since it was measured
        return _over_limit(len(raw), MAX_FILE_BYTES)
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            # Invalid bytes become U+FFFD, so spans count the characters an editor shows.
            raw = raw.decode("utf-8", "replace").encode("utf-8")
    long_line = _long_line(raw)
    if long_line is not None and only_data(raw):
        return b""  # one long string constant (an embedded font or image): nothing to analyse
    if long_line is not None:
        number, length = long_line
        return (
            f"was not analysed (line {number} is {length:,} characters long, over the "
            f"{MAX_LINE_CHARS:,} limit: minified code?)"
        )
    if _BUNDLE.search(raw):
        # `(0, _forge_bridge__WEBPACK_IMPORTED_MODULE_0__.Ii)(...)` is a requestJira no import names
        return "was not analysed (a bundler's output: its modules are numbered, not imported by name)"
    return raw


#: what a bundler writes into its output, and app code does not (webpack, Vite, Parcel)
_BUNDLE = re.compile(
    rb"__webpack_require__|__webpack_modules__|webpackBootstrap|webpackChunk|__vite__mapDeps|parcelRequire"
)


def _long_line(data: bytes) -> tuple[int, int] | None:
    """(line number, length in characters) of the first line over MAX_LINE_CHARS, if any."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if len(line) > MAX_LINE_CHARS:  # bytes >= characters: only then count characters
            length = len(line.decode("utf-8"))
            if length > MAX_LINE_CHARS:
                return number, length
    return None
