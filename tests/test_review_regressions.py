"""Regressions found in review: each test reproduces a bug that once existed."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.addresses import host_matches, parse_address


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_user_text_on_stderr_cannot_inject_escapes_or_workflow_commands(tmp_path):
    manifest = (
        'permissions: {}\n"k\\n::error file=x::INJ\\u001b[2J": 1\n"k\\n::error file=x::INJ\\u001b[2J": 2\n'
    )
    write_app(tmp_path, manifest)
    result = scopecheck("lint", "app", "-f", "github", cwd=tmp_path)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr + result.stdout
    assert not any(line.startswith("::error file=x") for line in (result.stderr + result.stdout).splitlines())


def test_a_checkout_cannot_make_git_run_a_command(tmp_path):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    marker = tmp_path / "PWNED"
    subprocess.run(["git", "config", "core.fsmonitor", f"touch {marker}; false"], cwd=tmp_path, check=True)
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.yml").write_text("permissions:\n  scopes: []\n")
    result = scopecheck("lint", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


def test_userinfo_cannot_smuggle_a_host_past_the_allowlist():
    address = parse_address("https://ok.example.com:1@evil.com/path")
    assert address.host == "evil.com"
    assert not host_matches("*.example.com", address.host)


def test_a_nested_app_keeps_its_code_to_itself(tmp_path):
    code = "import api, { route } from '@forge/api';\nexport const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    app = write_app(
        tmp_path,
        "permissions:\n  scopes: []\n",
        files={"sub/manifest.yml": "permissions:\n  scopes: []\n", "sub/src/index.js": code},
    )
    report = run_lint([app / "manifest.yml"], cwd=tmp_path, select="SC401")
    assert positions(report) == []  # the call belongs to app/sub, not to app
    nested = run_lint([app / "sub" / "manifest.yml"], cwd=tmp_path, select="SC401")
    assert positions(nested) == [("index.js", 2, 25, "SC401")]


def test_docs_and_init_refuse_a_manifest_they_cannot_read_whole(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: read:jira-work\n")
    for args in (["docs", "app"], ["init", "app", "--check"]):
        result = scopecheck(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert "`permissions.scopes` must be a list" in result.stderr


def test_fix_on_a_crlf_manifest_with_a_bom(tmp_path):
    code = "import api, { route } from '@forge/api';\nexport const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    app = write_app(tmp_path, "x: 1\n", files={"src/index.js": code})
    (app / "manifest.yml").write_bytes(b"\xef\xbb\xbfpermissions:\r\n  scopes:\r\n")
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    written = (app / "manifest.yml").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert b"read:jira-user" in written


def test_diff_mode_still_exits_2_on_unreadable_input(tmp_path):
    write_app(tmp_path, "permissions: []\n")
    assert scopecheck("lint", "app", "--diff", cwd=tmp_path).returncode == 2


def test_new_files_are_readable_by_others(tmp_path):
    previous = os.umask(0o022)
    try:
        write_app(tmp_path, "permissions:\n  scopes: [storage:app]\n")
        scopecheck("lint", "app", "-f", "json", "-o", "report.json", cwd=tmp_path)
        scopecheck("init", "app", cwd=tmp_path)
    finally:
        os.umask(previous)
    for path in (tmp_path / "report.json", tmp_path / "app" / "permissions.yml"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_unwritable_output_is_exit_2_for_every_command(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: [storage:app]\n")
    target = str(tmp_path / "missing" / "out")
    for args in (
        ["baseline", "app", "-o", target],
        ["diff", "app/manifest.yml", "app/manifest.yml", "-o", target],
    ):
        result = scopecheck(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_a_scopecheck_yaml_policy_is_read(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: [storage:app]\n")
    (tmp_path / "app" / ".scopecheck.yaml").write_text('policy:\n  deny-scopes: ["storage:*"]\n')
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC203")
    assert positions(report) == [("manifest.yml", 2, 12, "SC203")]


def test_policy_problems_are_reported_once_in_a_parallel_run(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopecheck.yml").write_text("rules:\n  SC999: off\n")
    for index in range(30):
        app = tmp_path / f"app{index:02d}"
        app.mkdir()
        (app / "manifest.yml").write_text("permissions:\n  scopes: []\n")
    result = scopecheck("lint", ".", "-f", "json", "--jobs", "2", cwd=tmp_path)
    findings = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in findings] == ["SC002"]


def test_config_ignore_matches_other_spellings_of_a_host(tmp_path):
    manifest = "permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com/v1\n"
    policy = "rules:\n  SC301: {ignore: [api.example.com]}\n"
    app = write_app(tmp_path, manifest, "version: 1\n", policy)
    report = run_lint([app], cwd=tmp_path, select="SC301")
    assert report.reported == ()
    assert [f.rule_id for f in report.ignored] == ["SC301"]


def test_sarif_never_ranks_a_note_as_a_critical_alert(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: [manage:jira-configuration]\n", "version: 1\n")
    result = scopecheck("lint", "app", "-f", "sarif", "--fail-on", "never", cwd=tmp_path)
    results = json.loads(result.stdout)["runs"][0]["results"]
    for item in results:
        if item["level"] == "note":
            assert "security-severity" not in item["properties"], item["ruleId"]
    ranked = {r["ruleId"] for r in results if "security-severity" in r["properties"]}
    assert ranked == {"SC101", "SC204"}


def test_issue_8_10_a_crash_loading_one_app_keeps_the_other_apps_findings(tmp_path, monkeypatch):
    from scopecheck.core import engine

    bad = write_app(tmp_path / "bad", "permissions:\n  scopes:\n    - read:jira-work\n")
    good = write_app(tmp_path / "good", "permissions:\n  scopes:\n    - read:jira-works\n")
    real = engine.load_document

    def flaky(path, display, text, parse):
        if "bad" in str(path) and path.name == "manifest.yml":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, display, text, parse)

    monkeypatch.setattr(engine, "load_document", flaky)
    report = run_lint([bad, good], cwd=tmp_path, select="SC201")
    assert [(f.rule_id, f.span.path) for f in report.reported] == [("SC201", "good/app/manifest.yml")]
    assert [(c.rule_id, c.path) for c in report.crashes] == [("loading", "bad/app/manifest.yml")]
    assert [a.manifest for a in report.apps] == ["bad/app/manifest.yml", "good/app/manifest.yml"]


def test_issue_8_15_a_registry_or_code_file_means_its_app(tmp_path):
    app = write_app(
        tmp_path,
        "permissions:\n  scopes:\n    - read:jira-works\n",
        registry="version: 1\nscopes: {}\n",
        files={"src/index.js": "export const x = 1;\n"},
    )
    for target in (app / "permissions.yml", app / "src" / "index.js"):
        report = run_lint([target], cwd=tmp_path, select="SC201")
        assert [a.manifest for a in report.apps] == ["app/manifest.yml"]
        assert [f.rule_id for f in report.reported] == ["SC201"]


def test_issue_8_15_a_file_outside_any_app_is_not_a_manifest(tmp_path):
    (tmp_path / ".git").mkdir()
    stray = tmp_path / "notes.yml"
    stray.write_text("a: 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "notes.yml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "scopecheck: error: notes.yml: not a manifest.yml or workflow, and no folder above it holds a manifest"
    )


def test_issue_8_17_policy_problems_carry_a_subject(tmp_path):
    app = write_app(
        tmp_path,
        "permissions:\n  scopes: []\n",
        policy="rules:\n  SC999: off\n  SC104: {max-age: 3}\n  SC001: off\n",
    )
    report = run_lint([app], cwd=tmp_path)
    subjects = sorted(f.subject for f in report.reported if f.rule_id == "SC002")
    assert subjects == ["SC001", "SC104.max-age", "SC999"]


def test_issue_8_18_a_warning_is_settled_by_an_accepted_risk_in_the_registry(tmp_path):
    from scopecheck.core.engine import settle_by_registry
    from scopecheck.core.findings import Confidence, Finding, Severity, Span
    from scopecheck.ecosystems import RULES
    from scopecheck.registry.model import read_registry
    from scopecheck.source.files import SourceText
    from scopecheck.source.yaml_nodes import parse_yaml

    text = (
        "version: 1\nscopes:\n  read:jira-work:\n    justification: Reads issues.\n    risk-accepted: SEC-9\n"
    )
    doc = parse_yaml(SourceText.from_text(tmp_path / "p.yml", "p.yml", text))
    registry = read_registry(doc, "p.yml")
    span = Span("manifest.yml", 3, 7, 3, 21)

    def finding(rule_id: str, subject: str) -> Finding:
        return Finding(rule_id, "x", Severity.WARNING, Confidence.HIGH, "m", span, subject)

    settled = settle_by_registry(finding("SC202", "read:jira-work"), registry, RULES)
    assert settled.suppression is not None
    assert (settled.suppression.kind, settled.suppression.reason) == (
        "registry",
        "risk accepted in p.yml: SEC-9",
    )
    assert settle_by_registry(finding("SC202", "write:jira-work"), registry, RULES).suppression is None
    assert (
        settle_by_registry(finding("SC103", "read:jira-work"), registry, RULES).suppression is None
    )  # not settled so


def test_issue_8_18_the_default_gate_fails_on_warnings(tmp_path):
    from scopecheck.core.settings import DEFAULT_FAIL_ON

    assert DEFAULT_FAIL_ON == "warning"
    app = write_app(tmp_path, "permissions:\n  scopes:\n    - read:jira-work\n    - read:jira-work\n")
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "app", "--select", "SC206"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout
    assert app.is_dir()


@pytest.mark.parametrize(
    ("registry", "settled"),
    [
        ("version: 1\nscopes:\n  read:jira-work: Reads the issues our remote reports on.\n", False),
        (
            "version: 1\nscopes:\n  read:jira-work:\n    justification: Our remote reads issues with the app token.\n"
            "    risk-accepted: SEC-77\n",
            True,
        ),
    ],
)
def test_issue_8_18_an_unused_scope_is_settled_by_an_accepted_risk(tmp_path, registry, settled):
    app = write_app(
        tmp_path,
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - read:jira-work\n",
        registry=registry,
        files={"src/index.js": "export const run = () => 1;\n"},
    )
    report = run_lint([app], cwd=tmp_path, select="SC402")
    assert [f.rule_id for f in report.reported] == ([] if settled else ["SC402"])
    assert [f.suppression.kind for f in report.ignored if f.suppression] == (["registry"] if settled else [])
