"""Shared test helpers: build a throwaway app on disk and lint it in-process."""

from __future__ import annotations

import datetime
import io
import os
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import scopecheck.ecosystems as ecosystems
from scopecheck.core.engine import lint
from scopecheck.core.findings import Report
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import RULES

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
TODAY = datetime.date(2026, 11, 29)


def pytest_configure(config):
    """Keep the code-analysis cache of test runs (subprocesses too) out of the user's home."""
    import os
    import tempfile

    os.environ.setdefault("SCOPECHECK_CACHE_DIR", tempfile.mkdtemp(prefix="scopecheck-test-cache-"))


needs_shared = pytest.mark.skipif(
    not (SHARED / "data" / "forge" / "scopes.json").is_file(),
    reason="../shared (reference data and corpus) is not beside the repository; CI has it",
)


def write_app(
    root: Path,
    manifest: str,
    registry: str | None = None,
    policy: str | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """Write an app under `root/app` (with `root/.git` so the policy search stops there)."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    app = root / "app"
    app.mkdir(exist_ok=True)
    (app / "manifest.yml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    if registry is not None:
        (app / "permissions.yml").write_text(textwrap.dedent(registry), encoding="utf-8")
    if policy is not None:
        (app / ".scopecheck.yml").write_text(textwrap.dedent(policy), encoding="utf-8")
    for name, text in (files or {}).items():
        path = app / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return app


def run_lint(paths: list[Path], *, cwd: Path, select: str | None = None, **overrides) -> Report:
    selected = RULES.resolve([select])[0] if select else None
    cli = CliOverrides(select=selected, today=overrides.pop("today", TODAY), **overrides)
    return lint(paths, cli, cwd=cwd, toolkit=ecosystems.TOOLKIT)  # read now: tests swap it


@pytest.fixture
def lint_app(tmp_path: Path):
    """lint_app(manifest, registry=None, policy=None, files=None, select="SC101") -> Report."""

    def run(
        manifest: str,
        registry: str | None = None,
        policy: str | None = None,
        files: dict[str, str] | None = None,
        select: str | None = None,
        **overrides,
    ) -> Report:
        app = write_app(tmp_path, manifest, registry, policy, files)
        return run_lint([app], cwd=tmp_path, select=select, **overrides)

    return run


def positions(report: Report, *, rule: str | None = None) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, rule id) of each reported finding, in report order."""
    return [
        (Path(f.span.path).name, f.span.line, f.span.column, f.rule_id)
        for f in report.reported
        if rule is None or f.rule_id == rule
    ]


def write_workflows(
    root: Path,
    workflows: dict[str, str],
    registry: str | None = None,
    policy: str | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """A repository at `root` with `.github/workflows/<name>` files (and a registry, a policy
    and other files at its root); returns the root."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    folder = root / ".github" / "workflows"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in workflows.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if registry is not None:
        (root / "permissions.yml").write_text(textwrap.dedent(registry), encoding="utf-8")
    if policy is not None:
        (root / ".scopecheck.yml").write_text(textwrap.dedent(policy), encoding="utf-8")
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def lint_workflow(tmp_path: Path):
    """lint_workflow(text, select=..., registry=None, policy=None, files=None) -> Report for one
    `.github/workflows/ci.yml`."""

    def run(text: str, *, select: str, registry=None, policy=None, files=None, **overrides) -> Report:
        root = write_workflows(tmp_path / "repo", {"ci.yml": text}, registry, policy, files)
        return run_lint([root], cwd=tmp_path / "repo", select=select, **overrides)

    return run


def write_extension(
    root: Path, manifest: str, registry: str | None = None, files: dict[str, str] | None = None
) -> Path:
    """A browser extension under `root/ext` (with `root/.git`): manifest.json, permissions.yml."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    ext = root / "ext"
    ext.mkdir(exist_ok=True)
    (ext / "manifest.json").write_text(textwrap.dedent(manifest), encoding="utf-8")
    if registry is not None:
        (ext / "permissions.yml").write_text(textwrap.dedent(registry), encoding="utf-8")
    for name, text in (files or {}).items():
        path = ext / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return ext


@pytest.fixture
def lint_extension(tmp_path: Path):
    """lint_extension(manifest_json, registry=None, files=None, select=None) -> Report."""

    def run(manifest: str, registry: str | None = None, files=None, select: str | None = None, **overrides):
        ext = write_extension(tmp_path, manifest, registry, files)
        return run_lint([ext], cwd=tmp_path, select=select, **overrides)

    return run


def invoke_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run one command of the `scopecheck` program in this process, in `cwd`:
    (exit code, stdout, stderr)."""
    from scopecheck.cli import app

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = app.run(list(args))
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()
