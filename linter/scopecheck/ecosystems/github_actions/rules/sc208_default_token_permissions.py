from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import block_fix
from scopecheck.ecosystems.github_actions.rules._common import grant_text, needs_of, required, unknowns
from scopecheck.registry.model import workflow_key


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
    cannot follow, gets the suggestion without an automatic fix.
    """
    workflow = ctx.app
    if workflow.permissions is not None:
        return
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
        if unknown:
            message += f" (and what {unknown[0]} needs)"
        fix = block_fix(workflow, job, smallest, safe=not unknown) if ctx.analysis is not None else None
        yield Violation(
            span=job.span,
            subject=workflow_key(workflow.name, job.id, "default"),
            message=message,
            help=f"give job `{job.id}` a `permissions:` block: {grant_text(smallest)}",
            fix=fix,
            confidence=Confidence.HIGH,
        )
