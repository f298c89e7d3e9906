"""Remembers an app's code analysis between runs, as ruff and eslint cache theirs.

A pre-commit hook lints the same app on every commit, and most commits change no
JS/TS file; then the analysis (tree-sitter and ~20 ms of imports) is not needed.
The key is everything the result depends on: scopecheck's version, the working
directory (spans name files relative to it), the app folder, the front-end folders,
the dynamic-property handlers, and the path and content hash of every source file
the analysis would read (hashing is cheap next to parsing). The cache lives outside the repository
(`$SCOPECHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/scopecheck`, else
`~/.cache/scopecheck`), is written atomically, and any problem with it is
ignored: the analysis simply runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scopecheck import __version__
from scopecheck.findings import Span
from scopecheck.model.usage import ApiCall, Fetch, ParseProblem, ScopeNeed, Usage

FORMAT = 2  # bump when the cached shape changes
KEEP = 5000  # cache files kept (about 5 KB each); older ones are removed now and then


def cache_dir() -> Path:
    explicit = os.environ.get("SCOPECHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scopecheck"


def cached_usage(
    app_dir: Path,
    cwd: Path,
    resource_dirs: Sequence[Path],
    icon_handlers: Sequence[str | None],
    analyze: Callable[[], Usage],
) -> Usage:
    """The analysis of `app_dir`: from the cache when no source file changed, else `analyze()`."""
    from scopecheck.analysis.files import walk_sources

    files = []
    for path in walk_sources(str(app_dir)):
        try:
            with open(path, "rb") as handle:
                files.append((path, hashlib.blake2b(handle.read(), digest_size=16).hexdigest()))
        except OSError:
            return analyze()
    key_material = json.dumps(
        [
            FORMAT,
            __version__,
            str(cwd),
            str(app_dir),
            sorted(map(str, resource_dirs)),
            list(icon_handlers),
            files,
        ]
    )
    target = cache_dir() / f"usage-{hashlib.sha256(key_material.encode()).hexdigest()[:40]}.json"
    try:
        return _load(json.loads(target.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass
    usage = analyze()
    _store(target, usage)
    return usage


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
            ]
            for f in usage.fetches
        ],
        "needs": [[[list(a) for a in n.alternatives], n.reason, _span(n.span)] for n in usage.needs],
        "files_scanned": usage.files_scanned,
        "problems": [[p.path, p.message] for p in usage.problems],
    }


def _load(data: dict[str, Any]) -> Usage:
    return Usage(
        calls=tuple(
            ApiCall(product, method, path, Span(*span), origin, as_user, tuple(Span(*v) for v in via), reason)
            for product, method, path, span, origin, as_user, via, reason in data["calls"]
        ),
        fetches=tuple(
            Fetch(kind, url, host, Span(*span), reason, dynamic_icon, handler, tuple(Span(*v) for v in via))
            for kind, url, host, span, reason, dynamic_icon, handler, via in data["fetches"]
        ),
        needs=tuple(
            ScopeNeed(tuple(tuple(a) for a in alternatives), reason, Span(*span))
            for alternatives, reason, span in data["needs"]
        ),
        files_scanned=int(data["files_scanned"]),
        problems=tuple(ParseProblem(path, message) for path, message in data["problems"]),
    )


def _store(target: Path, usage: Usage) -> None:
    from scopecheck.atomic import write_atomic

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
