from collections.abc import Iterator

from scopecheck.core.findings import Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.rules._common import blocks
from scopecheck.registry.model import workflow_key

#: triggers whose workflow runs with the base repository's token on behalf of outside code
PRIVILEGED = ("pull_request_target", "workflow_run")


@rule("SC210", "privileged-trigger-write", Severity.ERROR, carries_risk=True, settled_by_accepted_risk=True)
def privileged_trigger_write(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags write permissions (`name: write`, `write-all`) in a workflow triggered by
    `pull_request_target` or `workflow_run`.

    ## Why is this bad?
    Those triggers run in the base repository with its secrets and a token that can write,
    on events a stranger's fork can cause. One step that checks out or runs the pull
    request's code hands that token to the stranger. Keep such workflows read-only, or
    record the decision (`risk-accepted` in the registry) when a bot must write.

    ## Example
    ```yaml title=".github/workflows/label.yml"
    on: pull_request_target
    permissions:
      pull-requests: write
    jobs:
      label:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/labeler@v5
    ```

    ## Fix
    Trigger on `pull_request` (the fork's token is read-only) when the job does not need to
    write, or settle it in the registry with the accepted risk:
    ```yaml title="permissions.yml"
    version: 1
    workflows:
      label.yml:
        permissions:
          pull-requests:
            justification: Labels pull requests from forks by the files they change.
            risk-accepted: SEC-31
    ```

    ## References
    - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
    """
    workflow = ctx.app
    triggers = [t for t in workflow.triggers if t.value in PRIVILEGED]
    if not triggers:
        return
    trigger = triggers[0]
    for block in blocks(workflow):
        writes = [(e.permission, e.span) for e in block.grant.entries if e.level == "write"]
        if block.grant.shorthand == "write-all":
            writes = [("write-all", block.grant.span)]
        for permission, span in writes:
            what = f"`{permission}: write`" if permission != "write-all" else "`write-all`"
            yield Violation(
                span=span,
                subject=workflow_key(workflow.name, block.job.id if block.job else None, permission),
                message=f"{what} in a workflow run by `{trigger.value}`: code from a fork can reach a token that writes",
                help="trigger on `pull_request` instead, or accept the risk in the registry",
                related=(Related(trigger.span, f"`{trigger.value}` here"),),
            )
