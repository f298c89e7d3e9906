"""The text reporter: colour only when asked, one layout for both, nothing raw from the input."""

from __future__ import annotations

import dataclasses
import re
from xml.etree import ElementTree

import pytest
from reporter_cases import CASES, crashing_toolkit, new_repository, write_files

import scopecheck.ecosystems as ecosystems
from conftest import run_lint
from scopecheck.core.findings import RuleCrash
from scopecheck.reporters import REPORTERS, RenderOptions

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CLEAR_SCREEN = "\x1b[2J"


def text(report, **options) -> str:
    return REPORTERS["text"](report, RenderOptions(**options))


@pytest.fixture
def terminal(monkeypatch):
    """An ordinary colour terminal, whatever the environment the tests run in."""
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("NO_COLOR", "FORCE_COLOR", "COLORTERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("case", ["leaky-app", "broken-inputs"])
def test_colour_when_asked_and_none_otherwise(case, tmp_path, monkeypatch, terminal):
    report = CASES[case](tmp_path, monkeypatch)
    assert "\x1b[" in text(report, color=True)
    assert "\x1b" not in text(report, color=False)
    assert "\x1b" not in text(report, color=False, concise=True)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("concise", [False, True])
def test_colour_and_plain_text_have_the_same_words(case, concise, tmp_path, monkeypatch, terminal):
    report = CASES[case](tmp_path, monkeypatch)
    assert ANSI.sub("", text(report, color=True, concise=concise)) == text(report, concise=concise)


@pytest.mark.parametrize("environment", [{"TERM": "dumb"}, {"NO_COLOR": "1"}])
def test_colour_does_not_depend_on_the_environment(environment, tmp_path, monkeypatch, terminal):
    report = CASES["leaky-app"](tmp_path, monkeypatch)
    expected = text(report, color=True)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert text(report, color=True) == expected


def test_concise_text_is_one_line_per_finding(tmp_path, monkeypatch):
    report = CASES["leaky-app"](tmp_path, monkeypatch)
    lines = text(report, concise=True).splitlines()
    assert len(lines) == len(report.reported)
    for line, finding in zip(lines, report.reported, strict=True):
        assert line.startswith(f"{finding.span.path}:{finding.span.line}:{finding.span.column}: ")
        assert f"[{finding.rule_id} {finding.rule_name}]" in line


def test_clean_report_says_so(tmp_path, monkeypatch):
    report = CASES["approvals-app"](tmp_path, monkeypatch)
    assert text(report) == "No findings in 1 app\n"
    assert text(report, concise=True) == "No findings in 1 app\n"


# --- hostile input ------------------------------------------------------------------

HOSTILE_MANIFEST = """\
    permissions:
      scopes:
        - "read:jira-work\\e[2J"
        - "read:jira-user\\a"
    """


def assert_no_raw_escapes(report, terminal_ok: bool = True) -> None:
    for options in (RenderOptions(), RenderOptions(concise=True), RenderOptions(color=True)):
        output = REPORTERS["text"](report, options)
        assert CLEAR_SCREEN not in output, options
        if not options.color:
            assert "\x1b" not in output, options
        else:
            assert ANSI.sub("", output).count("\x1b") == 0, options
    for fmt in REPORTERS:  # the machine formats escape control characters their own way
        output = REPORTERS[fmt](report, RenderOptions())
        assert "\x1b" not in output and "\x07" not in output, fmt
    ElementTree.fromstring(REPORTERS["junit"](report, RenderOptions()).encode())  # still well-formed XML


def test_escape_sequence_in_a_scope_name_never_reaches_the_terminal(tmp_path, terminal):
    root = new_repository(tmp_path)
    app = write_files(root / "app", {"manifest.yml": HOSTILE_MANIFEST})
    report = run_lint([app], cwd=root)
    assert any(CLEAR_SCREEN in (f.subject or "") for f in report.reported), "the scope name must get through"
    assert_no_raw_escapes(report)
    assert "\\x1b[2J" in text(report)  # shown, visibly escaped


def test_raw_escape_byte_in_the_file_never_reaches_the_terminal(tmp_path, terminal):
    """YAML refuses the control character (SC001), and the quoted source line is escaped."""
    root = new_repository(tmp_path)
    app = write_files(
        root / "app",
        {"manifest.yml": "permissions:\n  scopes:\n    - read:jira-work  # \x1b[2J clear\n"},
    )
    report = run_lint([app], cwd=root)
    assert [f.rule_id for f in report.reported] == ["SC001"]
    assert_no_raw_escapes(report)


def test_escape_sequence_in_a_directory_name_never_reaches_the_terminal(tmp_path, terminal):
    root = new_repository(tmp_path)
    app = write_files(root / f"app{CLEAR_SCREEN}", {"manifest.yml": HOSTILE_MANIFEST})
    report = run_lint([app], cwd=root)
    assert report.reported
    assert_no_raw_escapes(report)


def test_escape_sequence_in_a_crashed_manifest_path_never_reaches_the_terminal(
    tmp_path, monkeypatch, terminal
):
    root = new_repository(tmp_path)
    app = write_files(root / f"app{CLEAR_SCREEN}", {"manifest.yml": HOSTILE_MANIFEST})
    monkeypatch.setattr(ecosystems, "TOOLKIT", crashing_toolkit("SC201"))
    report = run_lint([app], cwd=root)
    assert [crash.rule_id for crash in report.crashes] == ["SC201"]
    assert_no_raw_escapes(report)


def test_escape_sequence_in_a_crash_message_never_reaches_the_terminal(tmp_path, monkeypatch, terminal):
    report = CASES["approvals-app"](tmp_path, monkeypatch)
    crash = RuleCrash("SC101", "examples/approvals-app/manifest.yml", f"ValueError: {CLEAR_SCREEN}", "")
    assert_no_raw_escapes(dataclasses.replace(report, crashes=(crash,)))
