from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import grant_fix
from scopecheck.ecosystems.github_actions.levels import LEVEL_ORDER
from scopecheck.ecosystems.github_actions.rules._common import blocks, highest, needs_of, unknowns
from scopecheck.registry.model import workflow_key


@rule(
    "SC405",
    "unused-token-permission",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def unused_token_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a GITHUB_TOKEN permission a workflow's `permissions:` block grants that no step of
    the jobs it covers needs, or grants `write` where the steps only read.

    It reads each step: the actions it uses (what they need is data gathered from the
    actions' own documentation), `actions/github-script` scripts (their `github.rest.*`
    calls), `run:` scripts (`gh` commands, `gh api` and `curl` calls to the REST API,
    `git push` with the checkout's credential, publishes, OIDC requests), local composite
    actions and reusable workflows of the same repository. `id-token` is SC209's.

    ## Why is this bad?
    Every permission the token holds is one a compromised step, a malicious dependency or a
    script injection can use. "We request only what we need" holds only if each job's token
    can do no more than its steps do.

    ## Example
    ```yaml title=".github/workflows/ci.yml"
    on: push
    permissions:
      contents: read
      issues: write
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: make test
    ```

    ## Fix
    `scopecheck lint --fix` removes the line (or lowers `write` to `read`):
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
    A step scopecheck cannot follow (an action its data does not list, a script of the
    repository's own given the token, a reusable workflow of another repository) makes the
    finding unsure (info, low confidence, no automatic fix), and the message names it.
    """
    workflow = ctx.app
    visibility = ctx.policy.repository_visibility
    for block in blocks(workflow):
        if block.grant.shorthand is not None:
            continue  # read-all / write-all: SC207
        if not block.jobs:
            continue  # every job sets its own block: this one grants nothing to anyone
        needs = needs_of(ctx, block.jobs)
        unknown = unknowns(needs)
        for entry in block.grant.entries:
            if entry.level == "none" or entry.permission == "id-token":
                continue
            certain, possible = highest(needs, entry.permission, visibility, block.grant)
            if LEVEL_ORDER[entry.level] <= LEVEL_ORDER[certain]:
                continue
            # write where read is the most any step may need: lowering it is safe even when
            # that read itself is unsure
            narrower = "read" if "read" in (certain, possible) and entry.level == "write" else None
            unsure = (LEVEL_ORDER[possible] >= LEVEL_ORDER[entry.level] or bool(unknown)) and not ctx.strict
            what = f"`{entry.permission}: {entry.level}`"
            if narrower and certain == "read":
                message = f"{block.where} grants {what} but its steps only read ({entry.permission}: read)"
            elif narrower:
                message = f"{block.where} grants {what} but its steps read at most ({entry.permission}: read)"
            else:
                jobs = ", ".join(f"`{j.id}`" for j in block.jobs)
                message = f"{block.where} grants {what} but no step of {jobs} needs it"
            if unsure:
                reasons = (
                    unknown[:2]
                    or [
                        n.why for job in needs for n in job.for_permission(entry.permission) if not n.certain
                    ][:2]
                )
                message += f" (unsure: {'; '.join(reasons)})"
            change = ("set", entry.permission, narrower) if narrower else ("remove", entry.permission, None)
            fix = None if unsure else grant_fix(workflow, block.job, [change])
            related = tuple(
                Related(n.span, f"{n.why} needs `{n.permission}: {n.level}`")
                for job in needs
                for n in job.for_permission(entry.permission)
            )[:3]
            yield Violation(
                span=entry.span,
                subject=workflow_key(workflow.name, block.job.id if block.job else None, entry.permission),
                message=message,
                help=f"lower it to `{entry.permission}: read`" if narrower else "remove the line",
                related=related,
                fix=fix,
                confidence=Confidence.LOW if unsure else Confidence.HIGH,
                severity=Severity.INFO if unsure else None,
                risk=ctx.catalog.get(f"{entry.permission}:{entry.level}").risk.label
                if ctx.catalog.get(f"{entry.permission}:{entry.level}")
                else None,
            )
