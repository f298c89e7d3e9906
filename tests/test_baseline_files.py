"""Issues 8 and 16: baseline paths are relative to the baseline file; a bad one is exit 2.

Outside git, entries used to be relative to the working directory, so a baseline taken in
the app matched nothing from the parent folder, silently. A damaged baseline crashed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

FINDINGS = 21  # what examples/leaky-app reports


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    extra = ["--today", "2026-11-29"] if args[0] == "lint" else []
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args, *extra],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def outside_git(tmp_path: Path) -> Path:
    """A copy of the leaky example in a folder no `.git` is above."""
    root = tmp_path / "work"
    shutil.copytree(EXAMPLES / "leaky-app", root / "app")
    assert not any((parent / ".git").exists() for parent in (root, *root.parents))
    return root


def json_report(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_issue_16_a_baseline_taken_in_the_app_matches_from_the_parent(tmp_path):
    root = outside_git(tmp_path)
    written = scopecheck("baseline", cwd=root / "app")
    assert written.returncode == 0, written.stderr
    result = scopecheck("lint", "app", "--baseline", "app/.scopecheck-baseline.json", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"No findings in 1 app ({FINDINGS} in the baseline, 1 suppressed)"


def test_issue_16_a_baseline_written_elsewhere_matches_from_the_app(tmp_path):
    root = outside_git(tmp_path)
    (root / "ci").mkdir()
    written = scopecheck("baseline", "app", "-o", "ci/baseline.json", cwd=root)
    assert written.returncode == 0, written.stderr
    entries = json.loads((root / "ci" / "baseline.json").read_text())["findings"]
    assert {e["path"] for e in entries} >= {"../app/manifest.yml", "../app/permissions.yml"}
    result = scopecheck("lint", ".", "--baseline", "../ci/baseline.json", cwd=root / "app")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"No findings in 1 app ({FINDINGS} in the baseline, 1 suppressed)"


def test_issue_16_stale_entries_are_reported_from_any_folder(tmp_path):
    root = outside_git(tmp_path)
    scopecheck("baseline", cwd=root / "app")
    manifest = root / "app" / "manifest.yml"
    manifest.write_text(manifest.read_text().replace("    - manage:jira-configuration\n", ""))
    result = scopecheck(
        "lint", "app", "--baseline", "app/.scopecheck-baseline.json", "-q", "-f", "json", cwd=root
    )
    stale = [f for f in json_report(result)["findings"] if f["rule"] == "SC003"]
    assert sorted(f["message"].split(" in ")[0] for f in stale) == [
        "baseline entry for SC204 `manage:jira-configuration`",
        "baseline entry for SC205 `manage:jira-configuration`",
        "baseline entry for SC402 `manage:jira-configuration`",
    ]
    assert {f["path"] for f in stale} == {"app/.scopecheck-baseline.json"}
    lines = (root / "app" / ".scopecheck-baseline.json").read_text().splitlines()
    assert all("manage:jira-configuration" in lines[f["line"] - 1] for f in stale)


def test_issue_16_entries_naming_files_that_do_not_exist_are_stale(tmp_path):
    """An older baseline (paths relative to where it was taken, no "paths" key) read from
    elsewhere matches nothing: every entry is reported, never a silent empty match."""
    root = outside_git(tmp_path)
    scopecheck("baseline", cwd=root / "app")
    target = root / "app" / ".scopecheck-baseline.json"
    target.write_text("".join(line for line in target.read_text().splitlines(True) if '"paths"' not in line))
    result = scopecheck("lint", "app", "--baseline", "app/.scopecheck-baseline.json", "-f", "json", cwd=root)
    findings = json_report(result)["findings"]
    stale = [f for f in findings if f["rule"] == "SC003" and "does not exist" in f["message"]]
    assert len(stale) == FINDINGS
    assert len(findings) == 2 * FINDINGS  # the findings again, and each stale entry


def test_a_baseline_without_paths_key_in_a_repository_still_matches(tmp_path):
    """Files written before paths were relative to them: relative to the repository root."""
    shutil.copytree(EXAMPLES / "leaky-app", tmp_path / "app")
    (tmp_path / ".git").mkdir()
    scopecheck("baseline", cwd=tmp_path)
    target = tmp_path / ".scopecheck-baseline.json"
    text = target.read_text()
    assert '"paths": "relative to this file"' in text
    target.write_text(text.replace('  "paths": "relative to this file",\n', ""))
    result = scopecheck("lint", "--baseline", ".scopecheck-baseline.json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    result = scopecheck("lint", ".", "--baseline", "../.scopecheck-baseline.json", cwd=tmp_path / "app")
    assert result.returncode == 0, result.stdout


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="needs file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_round_trips_through_a_baseline(tmp_path):
    root = outside_git(tmp_path)
    folder = root / "app" / "src" / os.fsdecode(b"caf\xe9")
    folder.mkdir(parents=True)
    (folder / "a.js").write_text("import { fetch } from '@forge/api';\nfetch('https://x.example.com/a');\n")
    written = scopecheck("baseline", cwd=root)
    assert written.returncode == 0, written.stderr
    (root / ".scopecheck-baseline.json").read_text(encoding="ascii", errors="strict").encode()
    result = scopecheck("lint", "--baseline", ".scopecheck-baseline.json", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr


# --- damaged baselines: exit 2, one line naming the file and line, the file untouched -------

ENTRY = '{"fingerprint": "%s", "rule": "SC101", "path": "app/manifest.yml", "subject": %s}'
GOOD_FP = "0123456789abcdef0123456789abcdef"


def baseline_text(*entries: str) -> str:
    return '{\n  "version": 1,\n  "findings": [\n' + ",\n".join(f"    {e}" for e in entries) + "\n  ]\n}\n"


BAD_BASELINES = {
    "nested-too-deep": ("[" * 100_000 + "]" * 100_000, "b.json: not a baseline file: nested too deeply"),
    "fingerprint-is-a-lone-surrogate": (
        baseline_text(ENTRY % (GOOD_FP, "null"), ENTRY % ("\\udc80", '"x"')),
        "b.json:5: entry 2 of `findings`: `fingerprint` must be 32 hexadecimal digits",
    ),
    "subject-is-an-object": (
        baseline_text(ENTRY % (GOOD_FP, '{"a": 1}')),
        "b.json:4: entry 1 of `findings`: `subject` must be a string or null",
    ),
    "path-is-missing": (
        baseline_text(f'{{"fingerprint": "{GOOD_FP}", "rule": "SC101"}}'),
        "b.json:4: entry 1 of `findings`: `path` must be a string",
    ),
    "entry-is-a-list": (baseline_text("[1, 2]"), "b.json:4: entry 1 of `findings`: expected an object"),
    "version-is-true": ('{"version": true, "findings": []}', "b.json: not a scopecheck baseline"),
    "paths-unknown": (
        '{"version": 1, "paths": "relative to the moon", "findings": []}',
        'b.json: "paths" must be "relative to this file"',
    ),
}


@pytest.mark.parametrize("name", list(BAD_BASELINES))
def test_issue_8_a_bad_baseline_is_exit_2_with_one_line(name, tmp_path):
    root = outside_git(tmp_path)
    text, expected = BAD_BASELINES[name]
    (root / "b.json").write_text(text, encoding="utf-8")
    before = (root / "b.json").read_bytes()
    for fmt in ("text", "json", "sarif"):
        result = scopecheck("lint", "app", "--baseline", "b.json", "-f", fmt, cwd=root)
        assert result.returncode == 2, (fmt, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"scopecheck: error: {expected}"), result.stderr
        assert result.stdout == ""
    assert (root / "b.json").read_bytes() == before
