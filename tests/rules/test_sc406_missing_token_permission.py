"""SC406: a step needs a GITHUB_TOKEN permission its job does not get."""

from __future__ import annotations

from conftest import positions
from scopecheck.core.findings import Confidence, Severity

LABEL = """\
on: issues
permissions:
  contents: read
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: gh issue edit "$NUMBER" --add-label triage
        env:
          GH_TOKEN: ${{ github.token }}
          NUMBER: ${{ github.event.issue.number }}
"""


def test_a_gh_command_without_its_permission(lint_workflow):
    [finding] = lint_workflow(LABEL, select="SC406").reported
    assert positions_of(finding) == ("ci.yml", 8, 14)  # the script
    assert finding.message == (
        "`gh issue edit` needs `issues: write`, but the workflow's `permissions:` (job `label` has none of "
        "its own) gives no `issues`"
    )
    assert finding.fix is None  # adding it to the workflow's block would widen every job


def test_a_job_block_gets_a_fix(lint_workflow):
    text = LABEL.replace(
        "permissions:\n  contents: read\njobs:\n  label:\n",
        "jobs:\n  label:\n    permissions:\n      contents: read\n",
    )
    [finding] = lint_workflow(text, select="SC406").reported
    assert finding.fix is not None and finding.fix.safe
    assert "set `issues: write`" in finding.fix.description


def test_checkout_without_contents_is_only_possible_in_an_unknown_repository(lint_workflow):
    text = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
    [finding] = lint_workflow(text, select="SC406").reported
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
    assert "only in a private repository" in finding.message
    private = lint_workflow(text, select="SC406", policy="policy:\n  repository-visibility: private\n")
    assert [f.severity for f in private.reported] == [Severity.ERROR]
    public = lint_workflow(text, select="SC406", policy="policy:\n  repository-visibility: public\n")
    assert public.reported == ()


def test_no_block_is_checked_against_the_restricted_default_when_the_policy_says_so(lint_workflow):
    text = LABEL.replace("permissions:\n  contents: read\n", "")
    assert lint_workflow(text, select="SC406").reported == ()  # unknown default: SC208's
    restricted = lint_workflow(text, select="SC406", policy="policy:\n  token-default: restricted\n")
    assert positions(restricted) == [("ci.yml", 6, 14, "SC406")]
    assert "the restricted default token gives no `issues`" in restricted.reported[0].message


def positions_of(finding):
    return (finding.span.path.rsplit("/", 1)[-1], finding.span.line, finding.span.column)
