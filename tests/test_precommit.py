"""The pre-commit hook, run by the real pre-commit against this repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, REPO

PRE_COMMIT = shutil.which("pre-commit") or (
    str(REPO / ".venv/bin/pre-commit") if (REPO / ".venv/bin/pre-commit").exists() else None
)


def test_hook_definition():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "scopecheck" and hook["language"] == "python"
    assert hook["entry"] == "scopecheck lint --changed"
    import re

    pattern = re.compile(hook["files"])
    for name in (
        "manifest.yml",
        "apps/a/permissions.yml",
        ".scopecheck.yml",
        "src/index.ts",
        "static/x/App.jsx",
    ):
        assert pattern.search(name), name
    for name in ("README.md", "package.json", "docs/manifest.md"):
        assert not pattern.search(name), name


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install '.[test]')")
def test_try_repo_fails_on_a_bad_app_and_passes_on_a_clean_one(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    git("init", "-q", cwd=project)
    for name in ("leaky-app", "approvals-app"):
        shutil.copytree(EXAMPLES / name, project / name)
    git("add", ".", cwd=project)
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        import os

        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(REPO), "scopecheck", "--files", *files],
            capture_output=True,
            text=True,
            cwd=project,
            timeout=900,
            env={**os.environ, **env_home},
        )

    bad = try_repo("leaky-app/manifest.yml", "leaky-app/src/index.js", "approvals-app/src/index.js")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "leaky-app/manifest.yml:20:7: error[SC201 unknown-scope]" in bad.stdout
    good = try_repo("approvals-app/src/index.js", "approvals-app/permissions.yml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "scopecheck (Forge app permissions)" in good.stdout and "Passed" in good.stdout
