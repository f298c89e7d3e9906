"""Baselines accept today's findings; lint then reports new ones and stale entries."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args, "--today", "2026-11-29"]
        if args[0] == "lint"
        else [sys.executable, "-m", "scopecheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def setup(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "leaky-app", tmp_path / "leaky-app")
    (tmp_path / ".git").mkdir()
    return tmp_path / "leaky-app" / "manifest.yml"


def test_baseline_then_lint_is_clean(tmp_path):
    setup(tmp_path)
    written = scopecheck("baseline", cwd=tmp_path)
    assert written.returncode == 0
    assert "Wrote 21 finding(s) of 1 app(s) to .scopecheck-baseline.json" in written.stderr
    data = json.loads((tmp_path / ".scopecheck-baseline.json").read_text())
    assert data["version"] == 1 and len(data["findings"]) == 21
    assert {"fingerprint", "rule", "path", "subject", "message"} == set(data["findings"][0])
    result = scopecheck("lint", "--baseline", ".scopecheck-baseline.json", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == "No findings in 1 app (21 in the baseline, 1 suppressed)"


def test_new_findings_survive_moved_lines_and_stale_entries_are_reported(tmp_path):
    manifest = setup(tmp_path)
    scopecheck("baseline", cwd=tmp_path)
    text = manifest.read_text()
    text = "# a comment that moves every line down\n" + text.replace(
        "    - read:jira-works\n", "    - read:jira-works\n    - delete:jira-work\n"
    )
    text = text.replace("    - manage:jira-configuration\n", "")
    manifest.write_text(text)
    result = scopecheck("lint", "--baseline", ".scopecheck-baseline.json", "-q", "-f", "json", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    new = sorted((f["rule"], f["subject"]) for f in findings if f["path"].endswith("manifest.yml"))
    assert new == [("SC201", "delete:jira-work")]  # a scope Forge does not know: SC201 only
    stale = [f for f in findings if f["path"] == ".scopecheck-baseline.json"]
    assert {f["message"].split(" in ")[0] for f in stale} == {
        "baseline entry for SC204 `manage:jira-configuration`",
        "baseline entry for SC205 `manage:jira-configuration`",
        "baseline entry for SC402 `manage:jira-configuration`",
    }
    assert all(f["rule"] == "SC003" and f["line"] > 4 for f in stale)
    assert result.returncode == 1


def test_bad_baseline_files_are_input_errors(tmp_path):
    setup(tmp_path)
    (tmp_path / "b.json").write_text("{not json")
    result = scopecheck("lint", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "b.json:1:2: not a baseline file" in result.stderr
    (tmp_path / "b.json").write_text('{"version": 7}')
    assert "not a scopecheck baseline" in scopecheck("lint", "--baseline", "b.json", cwd=tmp_path).stderr
    missing = scopecheck("lint", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.json: no such file" in missing.stderr
