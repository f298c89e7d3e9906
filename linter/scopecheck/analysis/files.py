"""Finds an app's JS/TS source files and reads each one once, with limits.

Nothing here parses: a file is bytes plus what is needed to name it in a Span.
"""

from __future__ import annotations

import os
from pathlib import Path

from scopecheck.model.usage import ParseProblem
from scopecheck.records import record

#: what counts as app code, and which grammar reads it
LANGUAGE_BY_SUFFIX = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
}
#: dependency and build-output folders; every folder whose name starts with a dot is skipped too
SKIPPED_DIRS = frozenset({"node_modules", "dist", "build", "out", "coverage", "target"})
#: type declarations and minified bundles are not code the developer wrote
SKIPPED_SUFFIXES = (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs", ".min.cjs")
#: a bigger file is generated or vendored; reading it would slow every commit
MAX_FILE_BYTES = 1024 * 1024

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


def discover(app_dir: Path, cwd: Path) -> tuple[list[SourceFile], list[ParseProblem]]:
    """Every source file under `app_dir` (sorted by path), and the files that could not be read."""
    cwd_abs = os.path.abspath(cwd)
    root = os.path.normpath(os.path.join(cwd_abs, app_dir))
    files: list[SourceFile] = []
    problems: list[ParseProblem] = []
    for key in walk_sources(root):
        display = display_path(key, cwd_abs)
        read = _read(key)
        if isinstance(read, str):
            problems.append(ParseProblem(display, read))
            continue
        language = LANGUAGE_BY_SUFFIX[os.path.splitext(key)[1]]
        files.append(SourceFile(key, display, language, read))
    return files, problems


_MANIFESTS = ("manifest.yml", "manifest.yaml")


def walk_sources(root: str) -> list[str]:
    """Every JS/TS file the analysis reads under `root`, sorted (nested apps excluded)."""
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
                    if not name.startswith(".") and name not in SKIPPED_DIRS:
                        subfolders.append(entry.path)
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            if os.path.splitext(name)[1] in LANGUAGE_BY_SUFFIX and not name.endswith(SKIPPED_SUFFIXES):
                found.append(entry.path)
        stack.extend(reversed(subfolders))
    found.sort()
    return found


def _read(path: str) -> bytes | str:
    """The bytes to parse (valid UTF-8, BOM removed), or why the file is not analysed."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if len(raw) > MAX_FILE_BYTES:
        return "file is over 1 MB and was not analysed (generated or vendored code?)"
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if raw.isascii():
        return raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        # Invalid bytes become U+FFFD, so spans count the characters an editor shows.
        return raw.decode("utf-8", "replace").encode("utf-8")
    return raw
