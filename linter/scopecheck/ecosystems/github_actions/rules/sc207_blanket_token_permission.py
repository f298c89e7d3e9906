from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import block_fix
from scopecheck.ecosystems.github_actions.rules._common import (
    blocks,
    grant_text,
    needs_of,
    required,
    unknowns,
)
from scopecheck.registry.model import workflow_key


@rule(
    "SC207",
    "blanket-token-permission",
    Severity.ERROR,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def blanket_token_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags `permissions: write-all` (an error) and `permissions: read-all` (a warning), and
    names the smallest block the jobs' steps need instead.

    ## Why is this bad?
    `write-all` lets every step push code, publish packages and releases, and change issues,
    pull requests and settings the token can reach; `read-all` reads everything, security
    alerts included. Neither says what the workflow needs.

    ## Example
    ```yaml title=".github/workflows/ci.yml"
    on: push
    permissions: write-all
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make test
    ```

    ## Fix
    `scopecheck lint --fix` writes the block the steps need:
    ```yaml title=".github/workflows/ci.yml"
    on: push
    permissions:
      contents: read
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make test
    ```

    ## Known limitations
    When a step cannot be followed the block is a suggestion only (no automatic fix).
    """
    workflow = ctx.app
    for block in blocks(workflow):
        shorthand = block.grant.shorthand
        if shorthand is None:
            continue
        needs = needs_of(ctx, block.jobs)
        smallest = required(needs, ctx.policy.repository_visibility)
        unknown = unknowns(needs)
        message = f"`permissions: {shorthand}` in {block.where}"
        message += (
            ": every step can write wherever the token reaches"
            if shorthand == "write-all"
            else ": every step can read everything the token reaches"
        )
        message += f"; the steps need {grant_text(smallest)}"
        if unknown:
            message += f"; maybe more: {unknown[0]}"
        fix = block_fix(workflow, block.job, smallest, safe=not unknown) if ctx.analysis is not None else None
        yield Violation(
            span=block.grant.span,
            subject=workflow_key(workflow.name, block.job.id if block.job else None, shorthand),
            message=message,
            help=f"replace it with the permissions the jobs need: {grant_text(smallest)}",
            fix=fix,
            severity=Severity.WARNING if shorthand == "read-all" else None,
            confidence=Confidence.HIGH,
            risk=ctx.catalog.get(shorthand).risk.label if ctx.catalog.get(shorthand) else None,
        )
