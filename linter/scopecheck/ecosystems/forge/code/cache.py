"""Remembers an app's code analysis between runs, as ruff and eslint cache theirs.

A pre-commit hook lints the same app on every commit, and most commits change no
JS/TS file; then the analysis (tree-sitter and ~20 ms of imports) is not needed.
The key is everything the result depends on: scopecheck's version (and the size and
time of each file of the analysis, for a checkout whose version stays), the working
directory (spans name files relative to it), the app folder, the front-end folders,
the dynamic-property handlers, and the path and content hash of every source file
the analysis would read (hashing is cheap next to parsing; it streams through a small
buffer, and a file the analysis would not read is keyed by why, its size, unread).
The cache lives outside the repository
(`$SCOPECHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/scopecheck`, else
`~/.cache/scopecheck`), is written atomically, and any problem with it is
ignored: the analysis simply runs.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scopecheck import __version__
from scopecheck.core import digests
from scopecheck.core.findings import Span
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.usage import (
    ApiCall,
    Fetch,
    ParseProblem,
    Resolver,
    ScopeNeed,
    Uncalled,
    Usage,
)

FORMAT = 10  # bump when the cached shape changes
KEEP = 5000  # cache files kept (about 5 KB each); older ones are removed now and then
CHUNK = 64 * 1024  # bytes hashed at a time
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a bigger cache file was not written by us: ignored unread


@functools.cache
def analyzer_fingerprint() -> list[list[object]]:
    """Name, size and modification time of every file of the analysis itself: a checkout
    or an editable install changes its code without changing `__version__`, and a cached
    result of older code must not be taken for the new one (about 40 stat calls)."""
    root = Path(__file__).parent
    found: list[list[object]] = []
    for path in sorted(root.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append([path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns])
    return found


def cache_dir() -> Path:
    explicit = os.environ.get("SCOPECHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scopecheck"


def _import_settings(folders: Sequence[Path], sources: Sequence[str]) -> list[tuple[str, str]]:
    """(path, size and time) of each setting js/import_settings.py names, in the folders its
    `setting_places` lists: a change to one changes what an import names or whether it is
    kept, so the analysis is not reused across it."""
    from scopecheck.ecosystems.forge.code.js.import_settings import IMPORT_SETTINGS, setting_places

    found = []
    for place in setting_places(map(os.fspath, folders), sources):
        try:
            names = os.listdir(place)
        except OSError:
            continue
        for name in sorted(names):
            if name.lower().startswith(IMPORT_SETTINGS):
                found += _stamped(os.path.join(place, name))
    return found


def _scopes_stamped(node_modules: str) -> list[tuple[str, str]]:
    """The packages of each `@scope` folder of node_modules, by name: one added or removed
    there changes neither node_modules' time nor its list."""
    try:
        scopes = sorted(name for name in os.listdir(node_modules) if name.startswith("@"))
    except OSError:
        return []
    found = []
    for scope in scopes:
        path = os.path.join(node_modules, scope)
        try:
            found.append((path, ",".join(sorted(os.listdir(path)))))
        except OSError:
            continue
    return found


def _stamped(path: str) -> list[tuple[str, str]]:
    """[(path, its size and change time)], or [] when it does not exist."""
    try:
        stat = os.stat(path)
    except OSError:
        return []
    return [(path, f"{stat.st_size}:{stat.st_mtime_ns}")]


def cached_usage(
    app_dir: Path,
    cwd: Path,
    resource_dirs: Sequence[Path],
    icon_handlers: Sequence[str | None],
    analyze: Callable[[], Usage],
    *,
    not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE,
    entries: Sequence[str] = (),
    extra_roots: Sequence[str] = (),
    resource_entries: Sequence[Path] = (),
    handler_functions: Sequence[str] = (),
    invokers: Sequence[tuple[str, Sequence[str]]] = (),
) -> Usage:
    """The analysis of `app_dir`: from the cache when no source file changed, else `analyze()`."""
    from scopecheck.ecosystems.forge.code.js.files import plan, source_keys

    files = []
    for item in plan(source_keys(str(app_dir), not_app_code, extra_roots)):
        if item.skip is not None:  # left out by size: the result names it with its size
            files.append((item.key, item.skip))
            continue
        if item.data:  # string constants only (planned anew each run): its bytes do not matter
            files.append((item.key, "data"))
            continue
        try:
            files.append((item.key, _digest(item.key)))
        except OSError:
            return analyze()
    from scopecheck.ecosystems.forge.code.packages import local_packages, local_source_files
    from scopecheck.ecosystems.forge.code.web_assets import asset_files

    # what says which imported packages may call Forge APIs (code/packages.py)
    folders = [
        app_dir,
        *list(Path(os.path.abspath(app_dir)).parents)[:3],
        *map(Path, extra_roots),
        *(Path(cwd) / d for d in resource_dirs),
    ]
    # and the package.json of each package of the repository a dependency names (`file:../lib`)
    local = [target for target, _version in local_packages(folders).values() if target is not None]
    folders += local
    for path in local_source_files(local):  # what their code imports and calls (packages.py)
        files += _stamped(path)
    for folder in folders:
        for name in ("package-lock.json", "package.json", "node_modules", "yarn.lock", "pnpm-lock.yaml"):
            files += _stamped(os.path.join(folder, name))
        files += _scopes_stamped(os.path.join(folder, "node_modules"))
    files += _import_settings(folders, [key for key, _digest in files])
    assets = []
    for path in asset_files([os.path.normpath(os.path.join(cwd, d)) for d in resource_dirs], not_app_code):
        try:
            assets.append((path, _digest(path)))
        except OSError:
            return analyze()
    key_material = json.dumps(
        [
            FORMAT,
            __version__,
            analyzer_fingerprint(),
            str(cwd),
            str(app_dir),
            sorted(map(str, resource_dirs)),
            list(icon_handlers),
            list(not_app_code),
            list(entries),
            list(extra_roots),
            sorted(map(str, resource_entries)),
            sorted(handler_functions),
            [[folder, list(modules)] for folder, modules in invokers],
            files,
            assets,
        ]
    )
    target = cache_dir() / f"usage-{digests.sha256(key_material.encode()).hexdigest()[:40]}.json"
    cached = _read_entry(target)
    if cached is not None:
        return cached
    usage = analyze()
    _store(target, usage)
    return usage


def _digest(path: str) -> str:
    """The file's hash, read CHUNK bytes at a time and never past what the analysis reads."""
    from scopecheck.ecosystems.forge.code.js.files import MAX_FILE_BYTES

    digest = digests.blake2b(digest_size=16)
    left = MAX_FILE_BYTES + 1
    with open(path, "rb") as handle:
        while left > 0 and (chunk := handle.read(min(CHUNK, left))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def _read_entry(target: Path) -> Usage | None:
    """The cached analysis in `target`, or None when it is missing, too big or not exactly the
    shape `_dump` writes (a truncated, edited or hostile file is ignored, never trusted)."""
    try:
        with open(target, "rb") as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        return _load(json.loads(raw.decode("utf-8")))
    except (OSError, ValueError, RecursionError):  # RecursionError: `[[[[...` nested too deep
        return None


def _span(span: Span) -> list[Any]:
    return [
        span.path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        span.start_offset,
        span.end_offset,
    ]


def _dump(usage: Usage) -> dict[str, Any]:
    return {
        "calls": [
            [
                c.product,
                c.method,
                c.path,
                _span(c.span),
                c.origin,
                c.as_user,
                [_span(s) for s in c.via],
                c.reason,
                c.doubt,
            ]
            for c in usage.calls
        ],
        "fetches": [
            [
                f.kind,
                f.url,
                f.host,
                _span(f.span),
                f.reason,
                f.dynamic_icon,
                f.icon_handler,
                [_span(s) for s in f.via],
                f.also,
                f.doubt,
            ]
            for f in usage.fetches
        ],
        "needs": [[[list(a) for a in n.alternatives], n.reason, _span(n.span), n.doubt] for n in usage.needs],
        "files_scanned": usage.files_scanned,
        "problems": [[p.path, p.message, p.skipped] for p in usage.problems],
        "unreached": list(usage.unreached),
        "uninvoked": [[r.name, _span(r.span), r.why] for r in usage.uninvoked],
        "uncalled": [[list(u.names), _span(u.span), u.why] for u in usage.uncalled],
    }


class BadEntry(ValueError):
    """A cache file that is not what `_dump` writes."""


def _load(data: Any) -> Usage:
    """Rebuild a Usage, checking every value's type: a wrong one raises BadEntry (a ValueError),
    so a damaged cache costs one analysis, never a crash in a rule."""
    if not isinstance(data, dict) or set(data) != {
        "calls",
        "fetches",
        "needs",
        "files_scanned",
        "problems",
        "unreached",
        "uninvoked",
        "uncalled",
    }:
        raise BadEntry("not a cache entry")
    return Usage(
        calls=tuple(_call(item) for item in _list(data["calls"])),
        fetches=tuple(_fetch(item) for item in _list(data["fetches"])),
        needs=tuple(_need(item) for item in _list(data["needs"])),
        files_scanned=_int(data["files_scanned"]),
        problems=tuple(_problem(item) for item in _list(data["problems"])),
        unreached=tuple(_str(item) for item in _list(data["unreached"])),
        uninvoked=tuple(_resolver(item) for item in _list(data["uninvoked"])),
        uncalled=tuple(_uncalled(item) for item in _list(data["uncalled"])),
    )


def _uncalled(item: Any) -> Uncalled:
    names, span, why = _list(item, 3)
    return Uncalled(tuple(_str(name) for name in _list(names)), _load_span(span), _str(why))


def _resolver(item: Any) -> Resolver:
    name, span, why = _list(item, 3)
    return Resolver(_str(name), _load_span(span), _str(why))


def _call(item: Any) -> ApiCall:
    product, method, path, span, origin, as_user, via, reason, doubt = _list(item, 9)
    return ApiCall(
        _str(product),
        _str_or_none(method),
        _str_or_none(path),
        _load_span(span),
        _str(origin),
        _bool_or_none(as_user),
        tuple(_load_span(v) for v in _list(via)),
        _str_or_none(reason),
        _str(doubt),
    )


def _fetch(item: Any) -> Fetch:
    kind, url, host, span, reason, dynamic_icon, handler, via, also, doubt = _list(item, 10)
    return Fetch(
        _str(kind),
        _str_or_none(url),
        _str_or_none(host),
        _load_span(span),
        _str_or_none(reason),
        _bool(dynamic_icon),
        _str_or_none(handler),
        tuple(_load_span(v) for v in _list(via)),
        _str(also),
        _str(doubt),
    )


def _need(item: Any) -> ScopeNeed:
    alternatives, reason, span, doubt = _list(item, 4)
    sets = tuple(tuple(_str(scope) for scope in _list(alt)) for alt in _list(alternatives))
    return ScopeNeed(sets, _str(reason), _load_span(span), _str(doubt))


def _problem(item: Any) -> ParseProblem:
    path, message, skipped = _list(item, 3)
    return ParseProblem(_str(path), _str(message), _bool(skipped))


def _load_span(item: Any) -> Span:
    path, *numbers = _list(item, 7)
    return Span(_str(path), *(_int(n) for n in numbers))


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise BadEntry("expected a list" if length is None else f"expected a list of {length}")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise BadEntry("expected a string")
    return value


def _str_or_none(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:  # bool is an int subclass: `type` rules it out
        raise BadEntry("expected a count")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise BadEntry("expected true or false")
    return value


def _bool_or_none(value: Any) -> bool | None:
    return None if value is None else _bool(value)


def _store(target: Path, usage: Usage) -> None:
    from scopecheck.core.atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, json.dumps(_dump(usage), separators=(",", ":")))
        if target.name.startswith("usage-00"):  # prune on about one write in 256: listing is not free
            entries = sorted(
                target.parent.glob("usage-*.json"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in entries[KEEP:]:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home or a full disk only costs the next run some time
