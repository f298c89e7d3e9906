from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import grant_fix
from scopecheck.ecosystems.github_actions.rules._common import blocks, needs_of, unknowns
from scopecheck.registry.model import workflow_key


@rule(
    "SC209",
    "unused-id-token",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def unused_id_token(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags `id-token: write` in a block whose jobs have no step that requests an OIDC token
    (cloud logins such as `aws-actions/configure-aws-credentials` with a role, PyPI trusted
    publishing, artifact attestations, `npm publish --provenance`, `core.getIDToken()`).

    ## Why is this bad?
    With `id-token: write` any step can mint a signed token that cloud providers and package
    registries trust as this repository and workflow. Granted where nothing uses it, it is a
    credential waiting for a compromised step.

    ## Example
    ```yaml title=".github/workflows/release.yml"
    on: push
    permissions:
      contents: read
      id-token: write
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make dist
    ```

    ## Fix
    ```yaml title=".github/workflows/release.yml"
    on: push
    permissions:
      contents: read
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make dist
    ```

    ## Known limitations
    An action scopecheck's data does not list may request the token itself: then the
    finding is unsure (info) and names the action.
    """
    workflow = ctx.app
    for block in blocks(workflow):
        entry = block.grant.entry("id-token")
        if entry is None or entry.level != "write" or not block.jobs:
            continue
        needs = needs_of(ctx, block.jobs)
        if any(
            job.for_permission("id-token") and any(n.certain for n in job.for_permission("id-token"))
            for job in needs
        ):
            continue
        possible = [n.why for job in needs for n in job.for_permission("id-token")]
        unknown = unknowns(needs)
        unsure = bool(possible or unknown) and not ctx.strict
        message = f"`id-token: write` in {block.where}, but no step requests an OIDC token"
        if unsure:
            message += f" (unsure: {(possible or unknown)[0]})"
        yield Violation(
            span=entry.span,
            subject=workflow_key(workflow.name, block.job.id if block.job else None, "id-token"),
            message=message,
            help="remove the line; add it back to the one job that logs in to a cloud or publishes with OIDC",
            fix=None if unsure else grant_fix(workflow, block.job, [("remove", "id-token", None)]),
            confidence=Confidence.LOW if unsure else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
            risk=ctx.catalog.get("id-token:write").risk.label if ctx.catalog.get("id-token:write") else None,
        )
