"""SC501 scope-added: permissions added against a base revision (`lint --base-ref`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import positions, run_lint
from scopecheck.core.findings import Severity

BASE = "permissions:\n  scopes:\n    - read:jira-work\n"


def app_with_base(tmp_path: Path, head: str, policy: str | None = None) -> Path:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    app = tmp_path / "app"
    app.mkdir()
    git("init", "-q")
    (app / "manifest.yml").write_text(BASE)
    git("add", ".")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base")
    (app / "manifest.yml").write_text(head)
    if policy:
        (app / ".scopecheck.yml").write_text(policy)
    return app


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (BASE, []),
        # Forge asks admins for a removed scope too, but SC501 flags only additions
        ("permissions:\n  scopes: []\n", []),
        (BASE + "    - write:jira-work\n", [("manifest.yml", 4, 7, "SC501")]),
        (BASE + "  external:\n    images:\n      - cdn.example.com\n", [("manifest.yml", 6, 9, "SC501")]),
        # Forge: "Modifying content permissions CSP options" needs admin approval
        (BASE + "  content:\n    styles:\n      - unsafe-inline\n", [("manifest.yml", 6, 9, "SC501")]),
        # the same host in another spelling is not new
        ("permissions:\n  scopes: [read:jira-work]\n", []),
    ],
)
def test_added_permissions(tmp_path, head, expected):
    app = app_with_base(tmp_path, head)
    report = run_lint([app], cwd=tmp_path, select="SC501", base_ref="HEAD")
    assert positions(report) == expected


def test_without_a_base_nothing_runs(tmp_path):
    app = app_with_base(tmp_path, BASE + "    - write:jira-work\n")
    assert positions(run_lint([app], cwd=tmp_path, select="SC501")) == []


def test_the_policy_sets_the_severity_and_comments_suppress(tmp_path):
    app = app_with_base(tmp_path, BASE + "    - write:jira-work\n", policy="rules:\n  scope-added: error\n")
    (finding,) = run_lint([app], cwd=tmp_path, select="SC501", base_ref="HEAD").reported
    assert finding.severity is Severity.ERROR
    assert finding.risk == "high"
    (app / "manifest.yml").write_text(BASE + "    - write:jira-work  # scopecheck: ignore[SC501] -- PROJ-9\n")
    report = run_lint([app], cwd=tmp_path, select="SC501", base_ref="HEAD")
    assert report.reported == ()
    assert report.ignored[0].suppression.reason == "PROJ-9"
