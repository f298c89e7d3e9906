"""Issue 8 and 11: user text (hosts, scope names, file and folder names) reaches no output raw.

A line break in an egress host or a folder name must not start a new line in any text
output (in a CI log, a line starting `::error` is a GitHub workflow command); a file name
that is not UTF-8 must not crash the JSON or SARIF output; `docs -f csv` must not write
terminal escapes; `diff -f markdown` escapes names as the lint Markdown reporter does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree

import pytest

from conftest import run_lint, write_app
from scopecheck.diff.consent import compare
from scopecheck.diff.render import render_markdown
from scopecheck.reporters import REPORTERS, RenderOptions
from scopecheck.reporters._common import clean, md_code, md_text

FORGED = "::error file=x.yml::forged"
HOST_WITH_NEWLINE = f"https://api.example.com\\n{FORGED}"  # a YAML escape: the host holds "\n"
FOLDER = f"src\n{FORGED}"
FETCH = "import { fetch } from '@forge/api';\nexport const f = () => fetch('https://x.example.com/a');\n"
MANIFEST = f"""\
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - "{HOST_WITH_NEWLINE}"
"""

pytestmark = pytest.mark.skipif(os.name == "nt", reason="file names with line breaks are POSIX-only")


def forged_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.fixture
def hostile_report(tmp_path: Path):
    app = write_app(tmp_path, MANIFEST)
    (app / FOLDER).mkdir(parents=True)
    (app / FOLDER / "a.js").write_text(FETCH, encoding="utf-8")
    report = run_lint([app], cwd=tmp_path)
    paths = {f.span.path for f in report.reported}
    assert any("\n" in path for path in paths), "the folder name must reach the report"
    assert any("\n" in (f.subject or "") + f.message for f in report.reported), "so must the host"
    return report


@pytest.mark.parametrize(
    "options", [RenderOptions(), RenderOptions(concise=True), RenderOptions(color=True)], ids=str
)
def test_issue_11_text_output_keeps_user_line_breaks_on_their_line(hostile_report, options):
    output = REPORTERS["text"](hostile_report, options)
    assert forged_lines(output) == []
    assert f"\\n{FORGED}" in output  # shown, visibly escaped


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown"])
def test_issue_11_no_other_format_starts_a_line_with_user_text(hostile_report, fmt):
    output = REPORTERS[fmt](hostile_report, RenderOptions())
    assert forged_lines(output) == []


def test_issue_11_github_output_has_one_command_per_line(hostile_report):
    lines = REPORTERS["github"](hostile_report, RenderOptions()).splitlines()
    assert len(lines) == len(hostile_report.reported) + 1  # each finding, then the summary notice
    assert all(re.match(r"::(error|warning|notice) ", line) for line in lines)


def test_issue_11_escapes_are_visible_and_names_are_kept():
    assert clean("a\nb\tc\r\x1b[2J\x07") == "a\\nb\\tc\\r\\x1b[2J\\x07"
    assert clean("ok \u202eevil\u2028") == "ok \\u202eevil\\u2028"
    assert clean("ünïcode ✓ and emoji 🙂") == "ünïcode ✓ and emoji 🙂"
    assert clean(os.fsdecode(b"caf\xe9.js")) == "caf\\xe9.js"


def test_issue_11_docs_csv_writes_no_terminal_escape_nor_line_break(tmp_path):
    registry = """\
        version: 1
        scopes:
          read:jira-work:
            justification: "Reads issues \\e[2J\\e]0;owned\\a for the panel.\\n::error::forged"
        """
    write_app(tmp_path, "permissions:\n  scopes:\n    - read:jira-work\n", registry=registry)
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "docs", "app", "-f", "csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert forged_lines(result.stdout) == []
    assert "Reads issues \\x1b[2J\\x1b]0;owned\\x07 for the panel. ::error::forged" in result.stdout


CRAFTED = "read:jira-work`[click](https://evil.example)<img src=x onerror=alert(1)>`"


def test_issue_11_diff_markdown_escapes_a_crafted_scope_name_like_lint_markdown(tmp_path):
    base = write_app(tmp_path, "permissions:\n  scopes: []\n")
    head_text = f"permissions:\n  scopes:\n    - '{CRAFTED}'\n    - read:jira-user\n"
    head = tmp_path / "head.yml"
    head.write_text(head_text, encoding="utf-8")
    from scopecheck.ecosystems.forge.adapter import read_manifest
    from scopecheck.ecosystems.forge.catalog import load_catalog
    from scopecheck.source.yaml_nodes import load_yaml

    before, _ = read_manifest(load_yaml(base / "manifest.yml", "base.yml"))
    after, _ = read_manifest(load_yaml(head, "head.yml"))
    assert before is not None and after is not None
    from scopecheck.ecosystems.forge.requests import requests

    diff = compare(requests(before), requests(after), load_catalog(), base_label="b", head_label="h")
    markdown = render_markdown(diff)
    assert md_code(CRAFTED) == md_text(CRAFTED)  # a backtick in the name: escaped text, no code span
    assert f"| {md_text(CRAFTED)} |" in markdown
    assert "| `read:jira-user` |" in markdown
    unescaped = re.compile(r"(?<!\\)(<|\]\()")
    assert not unescaped.search(markdown), markdown


# --- issue 8: file and folder names that are not UTF-8 ---------------------------------------

NOT_UTF8 = os.fsdecode(b"caf\xe9-\xff")


@pytest.fixture
def non_utf8_report(tmp_path: Path):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    app = write_app(tmp_path, "permissions:\n  scopes:\n    - read:jira-work\n")
    folder = app / "src" / NOT_UTF8
    folder.mkdir(parents=True)
    (folder / f"{NOT_UTF8}.js").write_text(FETCH, encoding="utf-8")
    report = run_lint([app], cwd=tmp_path)
    assert any(NOT_UTF8 in f.span.path for f in report.reported), "the file must be named in a finding"
    return report


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_issue_8_a_name_that_is_not_utf8_renders_in_every_format(non_utf8_report, fmt, tmp_path):
    output = REPORTERS[fmt](non_utf8_report, RenderOptions())
    output.encode("utf-8")  # strict: what `-o FILE` and a UTF-8 pipe need
    if fmt == "json":
        paths = [finding["path"] for finding in json.loads(output)["findings"]]
        assert "app/src/caf\\xe9-\\xff/caf\\xe9-\\xff.js" in paths  # shown as the text output does
    elif fmt == "sarif":
        json.loads(output)  # the URI is checked below
    else:
        assert "caf\\xe9-\\xff" in output  # the bad bytes are shown, not dropped
    if fmt == "junit":
        ElementTree.fromstring(output.encode())


def test_issue_8_sarif_uri_names_the_file_byte_for_byte(non_utf8_report):
    sarif = json.loads(REPORTERS["sarif"](non_utf8_report, RenderOptions()))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    ]
    wanted = b"app/src/caf\xe9-\xff/caf\xe9-\xff.js"
    assert wanted in [unquote_to_bytes(uri) for uri in uris]


def test_issue_8_lint_with_a_name_that_is_not_utf8_exits_normally(non_utf8_report, tmp_path):
    for fmt in ("json", "sarif", "text"):
        result = subprocess.run(
            [sys.executable, "-m", "scopecheck", "lint", "app", "-f", fmt, "-o", f"out.{fmt}"],
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr  # findings, not an internal error (3)
        (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
