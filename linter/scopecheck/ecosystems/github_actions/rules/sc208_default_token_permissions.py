from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import block_fix
from scopecheck.ecosystems.github_actions.levels import LEVEL_ORDER
from scopecheck.ecosystems.github_actions.rules._common import (
    counts,
    grant_text,
    needs_of,
    required,
    unknowns,
)
from scopecheck.registry.model import workflow_key

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.needs import JobNeeds


@rule("SC208", "default-token-permissions", Severity.WARNING, needs_code=True)
def default_token_permissions(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a job that runs with no `permissions:` block of its own or of its workflow: its
    token gets the repository's default, and names the block its steps need.

    ## Why is this bad?
    Under the permissive default (the setting of many older repositories and organisations)
    that token can write to contents, packages, issues, pull requests and more; nothing in
    the file says, or limits, what the job may do. The policy can say which default the
    repository uses (`policy.token-default`); SC406 then checks the steps against it.

    ## Example
    ```yaml title=".github/workflows/ci.yml"
    on: push
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make test
    ```

    ## Fix
    `scopecheck lint --fix` writes the block the job's steps need:
    ```yaml title=".github/workflows/ci.yml"
    on: push
    jobs:
      test:
        permissions:
          contents: read
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make test
    ```

    ## Known limitations
    A job that calls a reusable workflow of another repository, or runs a step scopecheck
    cannot follow, or a step that needs a permission only in some cases (an input set at run
    time), gets the suggestion without an automatic fix. A reusable workflow (only
    `on: workflow_call`) is not flagged: its jobs get what the calling job grants.
    """
    workflow = ctx.app
    if workflow.permissions is not None:
        return
    if workflow.trigger_names == {"workflow_call"}:
        return  # a reusable workflow: its jobs get what the calling job grants, not the default
    default = ctx.policy.token_default or "unknown"
    for job in workflow.jobs:
        if job.permissions is not None:
            continue
        needs = needs_of(ctx, (job,))
        smallest = required(needs, ctx.policy.repository_visibility)
        unknown = unknowns(needs)
        gets = {
            "permissive": "read and write to everything",
            "restricted": "contents and packages read",
            "unknown": "what the repository's default gives (read and write to everything if it is permissive)",
        }[default]
        message = f"job `{job.id}` sets no `permissions:`: its token gets {gets}; its steps need {grant_text(smallest)}"
        maybe = _possible(needs, smallest, ctx.policy.repository_visibility)
        if maybe:
            message += f", and perhaps {grant_text(maybe)}"
        if unknown:
            message += f"; maybe more: {unknown[0]}"
        safe = not unknown and not maybe
        fix = block_fix(workflow, job, smallest, safe=safe) if ctx.analysis is not None else None
        yield Violation(
            span=job.span,
            subject=workflow_key(workflow.name, job.id, "default"),
            message=message,
            help=f"give job `{job.id}` a `permissions:` block: {grant_text(smallest)}",
            fix=fix,
            confidence=Confidence.HIGH,
        )


def _possible(needs: list[JobNeeds], smallest: dict[str, str], visibility: str | None) -> dict[str, str]:
    """What steps need only in some cases, beyond `smallest`: a block without it may break
    the job, so the fix that writes one is not safe."""
    maybe: dict[str, str] = {}
    for job in needs:
        for need in job.needs:
            if need.certain or counts(need, visibility, for_missing=False) is False:
                continue
            if any(smallest.get(alt) for alt in need.instead):
                continue
            have = max(
                LEVEL_ORDER[smallest.get(need.permission, "none")],
                LEVEL_ORDER[maybe.get(need.permission, "none")],
            )
            if LEVEL_ORDER[need.level] > have:
                maybe[need.permission] = need.level
    return maybe
