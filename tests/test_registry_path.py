"""The policy's `registry:` cannot make scopecheck read or write outside the app (issue 8 item 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_app

MANIFEST = "permissions:\n  scopes:\n    - storage:app\n"


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("/etc/passwd", "not an absolute one"),
        ("../outside.yml", "no `..`"),
        ("sub/../../outside.yml", "no `..`"),
        ("manifest.yml", "names the manifest"),
        (".scopecheck.yml", "names the manifest or the policy"),
        ("C:\\\\registry.yml", "not an absolute one"),
    ],
)
def test_lint_refuses_a_registry_outside_the_app(tmp_path, value, words):
    (tmp_path / "outside.yml").write_text("version: 1\nscopes:\n  storage:app: secret text\n")
    write_app(tmp_path, MANIFEST, policy=f'registry: "{value}"\n')
    result = scopecheck("lint", "app", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "app/.scopecheck.yml:1:11: error[SC002 invalid-registry]" in result.stdout
    assert words in result.stdout
    assert "secret text" not in result.stdout


def test_init_writes_nothing_outside_the_app(tmp_path):
    write_app(tmp_path, MANIFEST, policy="registry: ../outside.yml\n")
    result = scopecheck("init", "app", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no `..`" in result.stderr
    assert not (tmp_path / "outside.yml").exists()
    assert sorted(p.name for p in (tmp_path / "app").iterdir()) == [".scopecheck.yml", "manifest.yml"]


def test_a_registry_in_a_subfolder_is_fine(tmp_path):
    app = write_app(tmp_path, MANIFEST, policy="registry: docs/permissions.yml\n")
    (app / "docs").mkdir()
    (app / "docs" / "permissions.yml").write_text(
        "version: 1\nscopes:\n  storage:app: Keeps the rules per project.\n"
    )
    result = scopecheck("lint", "app", "--select", "SC002,SC101", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_does_not_write_through_a_linked_registry(tmp_path):
    target = tmp_path / "elsewhere.yml"
    target.write_text("version: 1\n")
    app = write_app(tmp_path, MANIFEST)
    (app / "permissions.yml").symlink_to(target)
    result = scopecheck("init", "app", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "symbolic link" in result.stderr
    assert target.read_text() == "version: 1\n"
