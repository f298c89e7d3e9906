"""SC208: a job with no `permissions:` anywhere runs with the repository's default token."""

from __future__ import annotations

from conftest import positions

NO_BLOCK = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""


def test_a_job_without_a_block_and_its_fix(lint_workflow):
    report = lint_workflow(NO_BLOCK, select="SC208")
    assert positions(report) == [("ci.yml", 3, 3, "SC208")]
    [finding] = report.reported
    assert finding.message.startswith(
        "job `test` sets no `permissions:`: its token gets what the repository's default"
    )
    assert finding.message.endswith("its steps need `contents: read`")
    text = NO_BLOCK
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    assert text == NO_BLOCK.replace("    runs-on:", "    permissions:\n      contents: read\n    runs-on:")


def test_a_workflow_block_covers_the_jobs(lint_workflow):
    assert (
        lint_workflow("on: push\npermissions: {}\n" + NO_BLOCK.split("\n", 1)[1], select="SC208").reported
        == ()
    )


def test_the_policy_names_the_default(lint_workflow):
    report = lint_workflow(NO_BLOCK, select="SC208", policy="policy:\n  token-default: permissive\n")
    assert "its token gets read and write to everything" in report.reported[0].message


def test_a_reusable_workflow_gets_what_its_caller_grants(lint_workflow):
    """A `workflow_call`-only workflow never runs with the repository default (found in
    docker/build-push-action's `.e2e-run.yml`)."""
    callee = (
        "on: workflow_call\njobs:\n  run:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    assert lint_workflow(callee, select="SC208").reported == ()
    both = callee.replace("on: workflow_call", "on: [workflow_call, push]")
    assert len(lint_workflow(both, select="SC208").reported) == 1


def test_a_need_that_depends_on_run_time_input_makes_the_fix_unsafe(lint_workflow):
    text = (
        "on: push\njobs:\n  image:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n"
        "          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n"
        "      - uses: docker/build-push-action@v6\n        with:\n"
        "          push: ${{ github.event_name != 'pull_request' }}\n"
    )
    [finding] = lint_workflow(text, select="SC208").reported
    assert "and perhaps `packages: write`" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_an_unknown_step_makes_the_block_a_suggestion(lint_workflow):
    text = NO_BLOCK.replace("      - run: make test\n", "      - uses: acme/labeler@v1\n")
    [finding] = lint_workflow(text, select="SC208").reported
    assert finding.message.endswith(
        "its steps need `contents: read`; maybe more: step 2 uses `acme/labeler`, which scopecheck's data does not know"
    )
    assert finding.fix is not None and not finding.fix.safe
