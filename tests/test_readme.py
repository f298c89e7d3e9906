"""The README stays true: its rule table is generated, its commands work."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO
from scopecheck.core.ruledocs import README_BEGIN, README_END, rules_markdown
from scopecheck.ecosystems import RULES

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_generated_from_the_rules():
    table = README.split(README_BEGIN, 1)[1].split(README_END, 1)[0]
    assert table.strip() == rules_markdown(RULES).strip(), (
        "run `scopecheck rules --format markdown` and paste it"
    )


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in README
    assert ci.rstrip().endswith(".venv/bin/python -m pytest")


def test_the_readme_example_command_finds_problems():
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "examples/leaky-app", "--today", "2026-11-29"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 1
    summary = result.stdout.splitlines()[-1]  # "8 errors, 6 warnings, 5 info in 1 app (1 ignored)"
    counts = [int(part.split()[0]) for part in summary.split(" in ")[0].split(", ")]
    assert f"{sum(counts)} findings" in README


@pytest.mark.skipif(
    shutil.which("ruff") is None and not (REPO / ".venv/bin/ruff").exists(), reason="ruff is not installed"
)
@pytest.mark.parametrize(
    "args", [["check", "linter", "tests", "scripts"], ["format", "--check", "linter", "tests", "scripts"]]
)
def test_ruff_is_clean(args):
    ruff = shutil.which("ruff") or str(REPO / ".venv/bin/ruff")
    result = subprocess.run([ruff, *args], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_8_21_the_version_lives_in_one_place():
    import importlib.metadata
    import re

    from scopecheck import __version__

    pyproject = (REPO / "pyproject.toml").read_text()
    project = pyproject.split("[project]", 1)[1].split("\n[", 1)[0]
    assert not re.search(r"^version\s*=", project, re.MULTILINE)
    assert importlib.metadata.version("scopecheck") == __version__
    readme = (REPO / "README.md").read_text()
    assert "## Releasing" in readme
    # no pin to a tag that may not exist: a commit SHA until a release tag is published
    assert "rev: v0.1.0" not in readme and "@v0.1.0\n" not in readme


def _block(opening: str) -> str:
    """The body of the README's fenced block that starts with `opening`."""
    start = README.index(opening) + len(opening)
    return README[start : README.index("```\n", start)]


def test_the_readme_workflow_example_is_what_scopecheck_prints():
    command = "scopecheck lint examples/triage-app -q --select SC208,SC209,SC405"
    shown = _block(f"```console\n$ {command}\n")
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", *command.split()[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.stdout == shown
    diff = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "examples/triage-app", "--diff"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert diff.stdout == _block("```diff\n")
