"""Writes a small app into a temporary folder, analyses it, and projects the results to tuples."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app
from scopecheck.ecosystems.forge.code.usage import Usage


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


def analyze(
    tmp_path: Path,
    files: dict[str, str | bytes],
    resource_dirs: Sequence[str] = (),
    icon_handlers: Sequence[str | None] = (),
) -> Usage:
    """Analyse `files` written under `tmp_path/app`; spans are relative to `tmp_path`."""
    app = tmp_path / "app"
    write_files(app, files)
    return analyze_app(
        app, cwd=tmp_path, resource_dirs=[app / d for d in resource_dirs], icon_handlers=icon_handlers
    )


def calls(usage: Usage) -> list[tuple[str, int, int, str | None, str | None]]:
    """(path, line, column, method, path template) of each call."""
    return [(c.span.path, c.span.line, c.span.column, c.method, c.path) for c in usage.calls]


def call_details(usage: Usage) -> list[tuple[str, str, bool | None, str | None]]:
    """(product, origin, as_user, reason) of each call."""
    return [(c.product, c.origin, c.as_user, c.reason) for c in usage.calls]


def fetches(usage: Usage) -> list[tuple[str, int, int, str, str | None, str | None]]:
    """(path, line, column, kind, url, host) of each fetch."""
    return [(f.span.path, f.span.line, f.span.column, f.kind, f.url, f.host) for f in usage.fetches]


def needs(usage: Usage) -> list[tuple[str, int, int, str, tuple[tuple[str, ...], ...]]]:
    """(path, line, column, reason, alternatives) of each scope need."""
    return [(n.span.path, n.span.line, n.span.column, n.reason, n.alternatives) for n in usage.needs]


def via(usage: Usage) -> list[list[tuple[str, int, int]]]:
    """The (path, line, column) of each call's `via` spans."""
    return [[(s.path, s.line, s.column) for s in c.via] for c in usage.calls]
