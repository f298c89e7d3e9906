"""SC405: a granted GITHUB_TOKEN permission no step needs, or write where steps only read."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.core.findings import Confidence, Severity

CHECKOUT_ONLY = """\
on: push
permissions:
  contents: write   # for the docs
  issues: write
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""


def test_write_where_the_steps_read_and_a_permission_nothing_needs(lint_workflow):
    report = lint_workflow(CHECKOUT_ONLY, select="SC405")
    assert positions(report) == [("ci.yml", 3, 3, "SC405"), ("ci.yml", 4, 3, "SC405")]
    contents, issues = report.reported
    assert (
        contents.message == "the workflow grants `contents: write` but its steps only read (contents: read)"
    )
    assert contents.help == "lower it to `contents: read`"
    assert issues.message == "the workflow grants `issues: write` but no step of `test` needs it"
    assert {f.confidence for f in report.reported} == {Confidence.HIGH}
    assert all(f.fix is not None and f.fix.safe for f in report.reported)


def test_an_action_the_data_does_not_know_makes_it_unsure(lint_workflow):
    text = CHECKOUT_ONLY.replace("      - run: make test\n", "      - uses: someone/their-action@v1\n")
    report = lint_workflow(text, select="SC405")
    assert {(f.severity, f.confidence) for f in report.reported} == {(Severity.INFO, Confidence.LOW)}
    assert all("`someone/their-action`" in f.message and f.fix is None for f in report.reported)


@pytest.mark.parametrize(
    ("step", "permission"),
    [
        # gh with the GITHUB_TOKEN: pull-requests write is needed
        (
            "      - run: gh pr comment 1 --body hi\n        env:\n          GH_TOKEN: ${{ github.token }}\n",
            "pull-requests",
        ),
        # github-script: createComment is filed under issues and pull-requests (either will do)
        (
            "      - uses: actions/github-script@v7\n        with:\n          script: |\n"
            "            await github.rest.issues.createComment({owner: 'o', repo: 'r', issue_number: 1, body: 'x'})\n",
            "pull-requests",
        ),
    ],
    ids=["gh", "github-script"],
)
def test_needed_permissions_are_not_flagged(lint_workflow, step, permission):
    text = f"on: pull_request\npermissions:\n  {permission}: write\njobs:\n  j:\n    runs-on: x\n    steps:\n{step}"
    assert lint_workflow(text, select="SC405").reported == ()


def test_gh_with_another_credential_needs_nothing_of_the_job(lint_workflow):
    text = (
        "on: pull_request\npermissions:\n  pull-requests: write\njobs:\n  j:\n    runs-on: x\n    steps:\n"
        "      - run: gh pr comment 1 --body hi\n        env:\n          GH_TOKEN: ${{ secrets.BOT_TOKEN }}\n"
    )
    [finding] = lint_workflow(text, select="SC405").reported
    assert finding.confidence is Confidence.HIGH and "no step of `j` needs it" in finding.message


def test_a_workflow_block_every_job_overrides_is_left_alone(lint_workflow):
    """A read-only workflow block under jobs that all set their own is the safe default for the
    next job someone adds; removing it would hand that job the repository default."""
    text = (
        "on: push\npermissions:\n  contents: read\njobs:\n  a:\n    permissions:\n      contents: read\n"
        "    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    assert lint_workflow(text, select="SC405,SC209").reported == ()


def test_a_local_reusable_workflow_passes_its_needs_to_the_caller(lint_workflow):
    callee = (
        "on: workflow_call\njobs:\n  release:\n    runs-on: x\n    steps:\n"
        "      - uses: softprops/action-gh-release@v2\n"
    )
    text = (
        "on: push\njobs:\n  call:\n    permissions:\n      contents: write\n"
        "    uses: ./.github/workflows/release.yml\n"
    )
    report = lint_workflow(text, select="SC405", files={".github/workflows/release.yml": callee})
    assert [f for f in report.reported if f.span.path.endswith("ci.yml")] == []


def test_an_accepted_risk_settles_it(lint_workflow):
    registry = (
        "version: 1\nworkflows:\n  ci.yml:\n    permissions:\n      issues:\n"
        "        justification: A step we do not ship yet comments on issues.\n        risk-accepted: SEC-2\n"
    )
    report = lint_workflow(CHECKOUT_ONLY, select="SC405", registry=registry)
    assert [f.subject for f in report.ignored] == ["ci.yml/permissions/issues"]
    assert [f.subject for f in report.reported] == ["ci.yml/permissions/contents"]
