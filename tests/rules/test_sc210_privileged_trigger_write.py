"""SC210: write permissions in a workflow run by `pull_request_target` or `workflow_run`."""

from __future__ import annotations

import pytest

from conftest import positions

LABEL = """\
on: pull_request_target
permissions:
  contents: read
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@v5
"""


@pytest.mark.parametrize("trigger", ["pull_request_target", "workflow_run", "[push, pull_request_target]"])
def test_write_under_a_privileged_trigger(lint_workflow, trigger):
    report = lint_workflow(LABEL.replace("pull_request_target", trigger, 1), select="SC210")
    assert positions(report) == [("ci.yml", 4, 3, "SC210")]


def test_a_read_only_or_ordinary_workflow_is_fine(lint_workflow):
    assert (
        lint_workflow(LABEL.replace("pull-requests: write", "pull-requests: read"), select="SC210").reported
        == ()
    )
    assert lint_workflow(LABEL.replace("pull_request_target", "pull_request"), select="SC210").reported == ()


def test_write_all_and_job_blocks(lint_workflow):
    text = "on: workflow_run\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n    steps:\n      - run: echo\n"
    assert positions(lint_workflow(text, select="SC210")) == [("ci.yml", 4, 18, "SC210")]


def test_accepted_risk_settles_it(lint_workflow):
    registry = (
        "version: 1\nworkflows:\n  ci.yml:\n    permissions:\n      pull-requests:\n"
        "        justification: Labels pull requests from forks.\n        risk-accepted: SEC-31\n"
    )
    report = lint_workflow(LABEL, select="SC210", registry=registry)
    assert report.reported == () and [f.rule_id for f in report.ignored] == ["SC210"]
