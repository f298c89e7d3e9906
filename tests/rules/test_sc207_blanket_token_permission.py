"""SC207: `write-all` and `read-all`, with the block the steps need instead."""

from __future__ import annotations

from conftest import positions
from scopecheck.core.findings import Severity
from scopecheck.core.fixes import planned_fix  # noqa: F401  (the fix is planned like every other)

WRITE_ALL = """\
on: push
permissions: write-all
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""


def test_write_all_is_an_error_with_the_block_the_steps_need(lint_workflow):
    report = lint_workflow(WRITE_ALL, select="SC207")
    assert positions(report) == [("ci.yml", 2, 14, "SC207")]
    [finding] = report.reported
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("the steps need `contents: read`")
    text = WRITE_ALL
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    assert text == WRITE_ALL.replace("permissions: write-all\n", "permissions:\n  contents: read\n")


def test_read_all_is_a_warning(lint_workflow):
    [finding] = lint_workflow(WRITE_ALL.replace("write-all", "read-all"), select="SC207").reported
    assert finding.severity is Severity.WARNING


def test_a_job_level_shorthand(lint_workflow):
    text = (
        "on: push\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n    steps:\n      - run: echo\n"
    )
    [finding] = lint_workflow(text, select="SC207").reported
    assert finding.message.startswith("`permissions: write-all` in job `a`")
    assert finding.message.endswith("the steps need `{}` (nothing)")
