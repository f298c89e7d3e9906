"""`scopecheck diff` and `lint --base-ref`: added permissions need admin consent (SC501)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BASE = """\
permissions:
  scopes:
    - read:jira-work
    - storage:app
  external:
    fetch:
      backend:
        - https://api.example.com
"""
HEAD = """\
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
  external:
    fetch:
      backend:
        - https://api.example.com
        - https://hooks.slack.com
remotes:
  - key: billing
    baseUrl: https://billing.example.com
"""


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("config", "user.email", "t@example.com", cwd=tmp_path)
    git("config", "user.name", "t", cwd=tmp_path)
    app = tmp_path / "app"
    app.mkdir()
    (app / "manifest.yml").write_text(BASE)
    git("add", ".", cwd=tmp_path)
    git("commit", "-q", "-m", "base", cwd=tmp_path)
    (app / "manifest.yml").write_text(HEAD)
    return tmp_path


def test_diff_against_a_revision(repo):
    result = scopecheck("diff", "main", "--manifest", "app/manifest.yml", cwd=repo)
    assert result.returncode == 1  # SC501 is a warning, and the default fail-on is warning
    assert result.stdout.splitlines() == [
        "Permission changes: main:app/manifest.yml -> app/manifest.yml",
        "  + scope   write:jira-work  high risk",
        "  + egress  hooks.slack.com  (fetch.backend)",
        "  + remote  billing          (https://billing.example.com)",
        "  - scope   storage:app      low risk",
        "  = unchanged: 1 egress host, 1 scope",
        "Admins must consent again: 1 scope added, 1 egress host added, 1 remote added, 1 scope removed.",
    ]


def test_diff_fails_when_the_policy_says_so(repo):
    assert (
        scopecheck(
            "diff", "--base-ref", "main", "app/manifest.yml", "--fail-on", "error", cwd=repo
        ).returncode
        == 0
    )
    (repo / "app" / ".scopecheck.yml").write_text("rules:\n  SC501: error\n")
    assert scopecheck("diff", "--base-ref", "main", "app/manifest.yml", cwd=repo).returncode == 1
    (repo / "app" / ".scopecheck.yml").write_text("rules:\n  SC501: off\n")
    assert (
        scopecheck("diff", "--base-ref", "main", "app/manifest.yml", "--fail-on", "info", cwd=repo).returncode
        == 0
    )


def test_diff_json_and_markdown(repo):
    result = scopecheck("diff", "main", "--manifest", "app/manifest.yml", "-f", "json", cwd=repo)
    data = json.loads(result.stdout)
    assert data["needs_consent"] is True
    assert [(c["change"], c["kind"], c["name"], c["risk"]) for c in data["changes"]] == [
        ("added", "scope", "write:jira-work", "high"),
        ("added", "egress", "hooks.slack.com", None),
        ("added", "remote", "billing", None),
        ("removed", "scope", "storage:app", "low"),
    ]
    assert data["changes"][0]["line"] == 4
    markdown = scopecheck("diff", "main", "--manifest", "app/manifest.yml", "-f", "markdown", cwd=repo).stdout
    assert "| ➕ added | scope | `write:jira-work` | high | required |" in markdown


def test_diff_between_two_files_and_nothing_added(tmp_path):
    (tmp_path / "a.yml").write_text(HEAD)
    (tmp_path / "b.yml").write_text(HEAD.replace("    - write:jira-work\n", ""))
    result = scopecheck("diff", "a.yml", "b.yml", "--fail-on", "info", cwd=tmp_path)
    assert result.returncode == 0  # SC501 is about additions: a removal never fails the gate
    # but Forge counts a removed scope as a change to scopes: a major version, admins consent
    assert result.stdout.splitlines()[-1] == "Admins must consent again: 1 scope removed."
    (tmp_path / "c.yml").write_text(
        HEAD.replace("remotes:\n  - key: billing\n    baseUrl: https://billing.example.com\n", "")
    )
    result = scopecheck("diff", "a.yml", "c.yml", "--fail-on", "info", cwd=tmp_path)
    assert result.stdout.splitlines()[-1] == "No new consent needed: only a remote was removed."


def test_diff_content_relaxations_and_a_new_remote_base_url_need_consent(tmp_path):
    """Forge: "Modifying content permissions CSP options" and "Changing the baseUrl of a
    Remote" need admin approval, like scopes and egress."""
    (tmp_path / "a.yml").write_text(HEAD)
    changed = HEAD.replace("https://billing.example.com", "https://billing.example.org").replace(
        "permissions:\n", "permissions:\n  content:\n    styles:\n      - unsafe-inline\n", 1
    )
    (tmp_path / "b.yml").write_text(changed)
    result = scopecheck("diff", "a.yml", "b.yml", "-f", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [
        (c["change"], c["kind"], c["name"], c["needs_consent"], c["previous"]) for c in data["changes"]
    ] == [
        ("added", "content", "styles:unsafe-inline", True, None),
        ("changed", "remote", "billing", True, "https://billing.example.com"),
    ]
    assert "changing the baseUrl of a Remote" in data["changes"][1]["consent_reason"]
    assert result.returncode == 1  # both are SC501 (a warning)
    text = scopecheck("diff", "a.yml", "b.yml", cwd=tmp_path).stdout.splitlines()
    assert text[2:] == [
        "  ~ remote  billing               (base URL https://billing.example.com -> https://billing.example.org)",
        "  = unchanged: 2 egress hosts, 2 scopes",
        "Admins must consent again: 1 content relaxation added, 1 remote changed.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff"], "give a base"),
        (["diff", "no-such-rev"], "no-such-rev: neither a manifest file nor a git revision"),
        (["diff", "main", "--manifest", "missing/manifest.yml"], "missing/manifest.yml: no such manifest"),
    ],
)
def test_diff_usage_errors(repo, args, message):
    result = scopecheck(*args, cwd=repo)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_lint_base_ref_reports_sc501_at_the_new_lines(repo):
    result = scopecheck("lint", "app", "--base-ref", "main", "--select", "SC501", "-f", "json", cwd=repo)
    findings = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["subject"]) for f in findings] == [
        (4, "scope:write:jira-work"),
        (9, "egress:hooks.slack.com"),
        (11, "remote:billing"),
    ]
    assert findings[0]["message"] == (
        "scope `write:jira-work` (high risk) is new against main: every site admin must consent to the update again"
    )


def test_lint_base_ref_skips_new_apps_and_rejects_unknown_revisions(repo):
    new_app = repo / "other"
    new_app.mkdir()
    (new_app / "manifest.yml").write_text(HEAD)
    result = scopecheck("lint", "other", "--base-ref", "main", "--select", "SC501", cwd=repo)
    assert result.stdout.strip() == "No findings in 1 app"
    bad = scopecheck("lint", "app", "--base-ref", "nope", cwd=repo)
    assert bad.returncode == 2
    assert "unknown git revision 'nope'" in bad.stderr
