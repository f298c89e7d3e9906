"""The command line end to end: exit codes, formats, files, help, crashes."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import pytest

import scopecheck.core.engine
import scopecheck.ecosystems
from conftest import EXAMPLES, REPO, invoke_cli, write_app
from scopecheck.cli import main
from scopecheck.core.rules import RuleBook
from scopecheck.ecosystems import RULES, TOOLKIT

ALL_RULES = RULES.rules

TODAY = ["--today", "2026-11-29"]


def run(*args: str, cwd=REPO, env=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def cli(monkeypatch):
    """Run `main(argv)` in-process; returns (exit code, stdout, stderr)."""

    def invoke(*args: str, cwd=REPO):
        argv = list(args)
        if argv and argv[0] not in ("lint", "rules", "explain") and not argv[0].startswith("-"):
            argv.insert(0, "lint")
        return invoke_cli(*argv, cwd=cwd)

    return invoke


@pytest.mark.parametrize(
    ("app_name", "extra", "code"),
    [
        ("approvals-app", [], 0),
        ("on-atlassian-app", [], 0),
        ("leaky-app", [], 1),
        ("leaky-app", ["--fail-on", "never"], 0),
        ("leaky-app", ["--select", "SC205"], 0),  # only info findings: below the default fail-on
        ("leaky-app", ["--select", "SC205", "--fail-on", "info"], 1),
        ("leaky-app", ["--ignore", "SC1,SC2,SC3"], 1),  # SC402/SC404 warnings fail the default gate
        ("leaky-app", ["--ignore", "SC1,SC2,SC3", "--fail-on", "error"], 0),
    ],
)
def test_exit_codes(app_name, extra, code):
    result = run("lint", f"examples/{app_name}", *extra, *TODAY)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_lint_is_the_default_command():
    assert run("examples/leaky-app", *TODAY).returncode == 1
    result = run(cwd=EXAMPLES / "approvals-app")
    assert result.returncode == 0
    assert result.stdout.strip() == "No findings in 1 app"


def test_policy_fail_on_applies_per_app(tmp_path):
    manifest = "permissions:\n  scopes:\n    - read:jira-work\n"
    registry = "version: 1\nscopes:\n  read:jira-work: Reads issue fields to evaluate approval rules.\n"
    write_app(tmp_path, manifest, registry, policy="fail-on: info\n")
    assert run("lint", "app", cwd=tmp_path).returncode == 1  # SC205 info fails under fail-on: info
    assert run("lint", "app", "--fail-on", "error", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["lint", "no/such/dir"], "no/such/dir: no such file or directory"),
        (["lint", "examples/leaky-app", "--select", "SC999"], "unknown rule SC999"),
        (["lint", "examples/leaky-app", "--today", "soon"], "--today must be a date"),
        (
            ["lint", "examples/leaky-app", "--registry", "missing.yml"],
            "missing.yml: --registry file does not exist",
        ),
        (["lint", "schemas"], "no manifest.yml or workflow found under schemas"),
        (["explain", "SC999"], "no rule or scope named 'SC999'"),
        (["lint", "--format", "xml"], "invalid choice: 'xml'"),
        (["lint", "--jobs", "0"], "0 is less than the minimum, 1"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, needle):
    result = run(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_input_error_exits_2_and_is_also_a_finding(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: 42\n")
    result = run("lint", "app", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("SC001", 2)]
    assert result.stderr.strip() == (
        "scopecheck: error: app/manifest.yml:2:11: `permissions.scopes` must be a list of scope names, found a number"
    )


def test_output_file_is_written_and_summary_goes_to_stderr(tmp_path):
    target = tmp_path / "report.sarif"
    result = run("lint", "examples/leaky-app", "-f", "sarif", "-o", str(target), *TODAY)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"report written to {target}" in result.stderr
    assert json.loads(target.read_text())["version"] == "2.1.0"
    assert not list(tmp_path.glob(".report.sarif.*"))  # no temporary file left behind


def test_output_to_an_unwritable_place_is_a_clean_error(tmp_path):
    result = run("lint", "examples/leaky-app", "-o", str(tmp_path / "no" / "dir" / "r.txt"))
    assert result.returncode == 2
    assert "cannot write the report" in result.stderr


def test_quiet_prints_one_line_per_finding():
    result = run("lint", "examples/leaky-app", "--quiet", *TODAY)
    lines = result.stdout.splitlines()
    assert len(lines) == 21
    assert lines[0].startswith("examples/leaky-app/manifest.yml:16:7: info[SC205 classic-scope]")
    assert all("|" not in line for line in lines)


def test_colour_only_when_asked_or_on_a_terminal():
    plain = run("lint", "examples/leaky-app", *TODAY)
    assert "\x1b[" not in plain.stdout
    forced = run("lint", "examples/leaky-app", *TODAY, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    no_color = run("lint", "examples/leaky-app", *TODAY, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in no_color.stdout


def test_help_teaches():
    top = run("--help")
    assert top.returncode == 0
    for word in ("lint", "rules", "explain", "Exit codes"):
        assert word in top.stdout
    lint_help = run("lint", "--help")
    for word in ("--select", "--fail-on", "--format", "--output", "Examples"):
        assert word in lint_help.stdout
    assert "--today" not in lint_help.stdout  # a testing aid, hidden
    assert run("--version").stdout.startswith("scopecheck ")


def test_rules_and_explain():
    listing = run("rules")
    assert listing.returncode == 0
    assert all(rule.code in listing.stdout for rule in ALL_RULES)
    by_name = run("explain", "wildcard-egress")
    assert by_name.returncode == 0
    assert by_name.stdout.startswith("# SC302 wildcard-egress")
    assert run("explain", "sc302").stdout == by_name.stdout
    assert "| SC101 | `undocumented-scope` | error |" in run("rules", "--format", "markdown").stdout


def _crashing_rule(ctx):
    raise KeyError("boom")


def test_a_crashing_rule_is_named_and_the_others_still_run(cli, monkeypatch):
    crasher = dataclasses.replace(ALL_RULES[3], code="SC999", name="crasher", check=_crashing_rule)
    toolkit = dataclasses.replace(
        TOOLKIT, rules=RuleBook((*ALL_RULES, crasher)), shared=(*TOOLKIT.shared, crasher), origin=""
    )
    monkeypatch.setattr(scopecheck.ecosystems, "TOOLKIT", toolkit)
    code, out, err = cli("lint", "examples/leaky-app", "--today", "2026-11-29")
    assert code == 3
    assert "rule SC999 crashed on examples/leaky-app/manifest.yml: KeyError: 'boom'" in err
    assert "SC101" in out  # the other rules' findings are still reported
    code, _out, err = cli("lint", "examples/leaky-app", "--debug")
    assert code == 3
    assert "Traceback" in err


def test_internal_error_outside_rules_exits_3_without_traceback(monkeypatch, capsys):
    def explode(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(scopecheck.core.engine, "lint", explode)
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", str(EXAMPLES / "approvals-app")])
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: unexpected" in err
    assert "Traceback" not in err


def test_a_monorepo_run_summarises_each_app():
    result = run("lint", "examples", *TODAY)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-8:] == [
        "  examples/leaky-app/manifest.yml: 7 errors, 10 warnings, 4 info",
        "  examples/triage-app/manifest.yml: 1 info",
        "  examples/triage-app/.github/workflows/ci.yml: 1 warning",
        "  examples/triage-app/.github/workflows/label.yml: 4 errors, 1 warning",
        "  examples/triage-app/.github/workflows/release.yml: 5 errors, 3 warnings",
        "  examples/trusted-app/manifest.yml: 2 info",
        "  2 other apps and 1 other extension without findings",
        "16 errors, 15 warnings, 7 info in 5 apps, 1 extension and 3 workflows (1 suppressed)",
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["lint", "examples/approvals-app", *TODAY],
        ["docs", "examples/approvals-app"],
        ["rules"],
        ["scopes", "jira-work"],
    ],
    ids=["lint", "docs", "rules", "scopes"],
)
def test_issue_8_20_md_and_markdown_are_the_same_everywhere(command):
    outputs = {spelling: run(*command, "-f", spelling) for spelling in ("md", "markdown")}
    for result in outputs.values():
        assert result.returncode == 0, result.stderr
    assert outputs["md"].stdout == outputs["markdown"].stdout
    assert outputs["md"].stdout.strip()


def test_issue_8_20_help_lists_the_format_choices():
    for command in ("lint", "docs", "rules", "scopes", "diff"):
        assert "markdown" in run(command, "--help").stdout, command


def test_issue_8_20_term_dumb_gets_no_colour(monkeypatch):
    from scopecheck.cli import _io as cli_output

    monkeypatch.setattr(cli_output.sys.stdout, "isatty", lambda: True)
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert cli_output.use_color(None) is True
    monkeypatch.setenv("TERM", "dumb")
    assert cli_output.use_color(None) is False
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert cli_output.use_color(None) is True  # asked for explicitly


def test_a_run_builds_only_its_own_command_and_help_still_lists_all(monkeypatch):
    from scopecheck.cli import _args

    built = []
    add = _args._add_parameters
    monkeypatch.setattr(
        _args, "_add_parameters", lambda parser, function: (built.append(function), add(parser, function))
    )
    assert invoke_cli("rules")[0] == 0
    assert [function.__name__ for function in built] == ["rules"]
    monkeypatch.undo()
    assert "browser extension" in run("--help").stdout
    for command in ("lint", "baseline", "diff", "explain", "scopes"):
        assert command in run("--help").stdout
    misspelt = run("lint", "--fial-on", "error")
    assert misspelt.returncode == 2 and "scopecheck lint" in misspelt.stderr
    assert "did you mean --fail-on?" in misspelt.stderr
    shortened = run("lint", "examples/leaky-app", "--fail", "never")  # no prefix matching
    assert shortened.returncode == 2 and "did you mean --fail-on?" in shortened.stderr


def test_options_and_paths_may_come_in_any_order(cli):
    code, out, _err = cli(
        "lint", "examples/leaky-app", "--quiet", "examples/approvals-app", "--select", "SC402"
    )
    assert code == 1
    assert out.startswith("examples/leaky-app/manifest.yml")
    assert all("|" not in line for line in out.splitlines())  # --quiet after the first path counts


def test_a_missing_argument_is_one_line_naming_the_command(cli):
    code, _out, err = cli("explain")
    assert code == 2
    assert err == (
        "scopecheck explain: error: the following arguments are required: NAME "
        "(see `scopecheck explain --help`)\n"
    )
