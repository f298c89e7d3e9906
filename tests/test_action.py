"""The composite GitHub Action: safe to use, and every command it runs works."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import yaml

from conftest import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
STEPS = ACTION["runs"]["steps"]


def test_action_shape():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif-file", "upload-sarif", "python-version"}
    upload = next(s for s in STEPS if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


def test_no_input_is_expanded_inside_a_shell_script():
    # `${{ inputs.x }}` inside `run:` is a template-injection hole; inputs go through env
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step


def run_step(name: str, env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    step = next(s for s in STEPS if s.get("name") == name)
    command = step["run"].split(">>")[0].removesuffix("|| true").strip()
    for name, value in env.items():  # what bash does with the step's env (word splitting included)
        command = command.replace(f'"${name}"', shlex.quote(value)).replace(f"${name}", value)
    words = shlex.split(command)
    assert words[0] == "scopecheck"
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *words[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, **env, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")},
    )


def test_the_action_steps_run(tmp_path):
    sarif = tmp_path / "out.sarif"
    env = {"PATHS": "examples/leaky-app", "ARGS": "--fail-on warning", "SARIF": str(sarif)}
    lint_sarif = run_step("Lint for code scanning (SARIF)", env, tmp_path)
    assert lint_sarif.returncode == 0, lint_sarif.stderr  # the SARIF step never fails the job
    assert json.loads(sarif.read_text())["runs"][0]["results"]
    summary = run_step("Job summary", env, tmp_path)
    assert summary.returncode == 0 and summary.stdout.startswith("## scopecheck")
    gate = run_step("Annotate and gate", env, tmp_path)
    assert gate.returncode == 1
    assert gate.stdout.splitlines()[0].startswith("::")
    clean = run_step("Annotate and gate", {**env, "PATHS": "examples/approvals-app"}, tmp_path)
    assert clean.returncode == 0
