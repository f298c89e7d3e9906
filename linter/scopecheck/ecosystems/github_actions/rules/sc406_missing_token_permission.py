from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.github_actions.fixes import grant_fix
from scopecheck.ecosystems.github_actions.levels import LEVEL_ORDER
from scopecheck.ecosystems.github_actions.rules._common import counts, needs_of
from scopecheck.registry.model import workflow_key

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.needs import Need

#: what a job without `permissions:` gets under the restricted default
RESTRICTED = {"contents": "read", "packages": "read"}


@rule("SC406", "missing-token-permission", Severity.ERROR, needs_code=True)
def missing_token_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a step that needs a GITHUB_TOKEN permission its job does not get: the job's own
    `permissions:` block, else the workflow's, lacks it (or grants only `read` where the
    step writes). With `policy.token-default: restricted`, a job without any block is
    checked against the restricted default (contents and packages read).

    ## Why is this bad?
    The step fails with "Resource not accessible by integration" the first time it runs,
    often only on the release branch or after a merge, when nobody is watching.

    ## Example
    ```yaml title=".github/workflows/triage.yml"
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
    ```

    ## Fix
    `scopecheck lint --fix` adds the permission to the job's own block (a job that only
    inherits the workflow's block gets no automatic fix: adding it there would widen every job):
    ```yaml title=".github/workflows/triage.yml"
    on: issues
    permissions:
      contents: read
      issues: write
    jobs:
      label:
        runs-on: ubuntu-latest
        steps:
          - run: gh issue edit "$NUMBER" --add-label triage
            env:
              GH_TOKEN: ${{ github.token }}
              NUMBER: ${{ github.event.issue.number }}
    ```

    ## Known limitations
    What a step needs comes from scopecheck's data on common actions, `gh` commands and REST
    endpoints; a need that depends on something the workflow does not say (a public or
    private repository, a config file) is reported as unsure (info). A step scopecheck
    cannot follow is not reported here: its needs are unknown.
    """
    workflow = ctx.app
    visibility = ctx.policy.repository_visibility
    for job in workflow.jobs:
        grant = workflow.effective(job)
        if grant is None and ctx.policy.token_default != "restricted":
            continue  # the default is unknown or permissive: SC208 is about it
        if grant is None and workflow.trigger_names == {"workflow_call"}:
            continue  # a reusable workflow's jobs get what the calling job grants
        analysis = needs_of(ctx, (job,))
        if not analysis:
            continue
        where = (
            "job" if job.permissions is not None else ("the workflow" if grant is not None else "the default")
        )
        missing: dict[str, list[Need]] = {}
        for need in analysis[0].needs:
            if counts(need, visibility, for_missing=True) is False:
                continue  # a public repository reads without it
            if _granted(grant, need.permission, need.level) or any(
                _granted(grant, alt, need.level) for alt in need.instead
            ):
                continue
            if need.instead and _preferred(need, workflow.trigger_names) != need.permission:
                continue  # one of several would do: reported once, under the likelier one
            missing.setdefault(need.permission, []).append(need)
        for permission, needs in missing.items():
            sure = [n for n in needs if n.certain and counts(n, visibility, for_missing=True)]
            # a sure finding asks for what the sure needs ask: a level only an unsure step may
            # need would make a confident fix grant more than is known to be needed
            level = max((n.level for n in (sure or needs)), key=lambda lvl: LEVEL_ORDER[lvl])
            first = (sure or needs)[0]
            has = _level(grant, permission)
            granted = f"`{permission}: {has}`" if has != "none" else f"no `{permission}`"
            source = {
                "job": f"job `{job.id}`'s `permissions:`",
                "the workflow": f"the workflow's `permissions:` (job `{job.id}` has none of its own)",
                "the default": "the restricted default token",
            }[where]
            wanted = " or ".join(f"`{p}: {level}`" for p in (permission, *first.instead))
            message = f"{first.why} needs {wanted}, but {source} gives {granted}"
            unsure = not sure and not ctx.strict
            if unsure:
                why = (
                    "only in a private repository"
                    if any(n.private_only for n in needs)
                    else "depending on inputs scopecheck cannot see"
                )
                if why not in message and "(private repository)" not in first.why:
                    message += f" (needed {why})"
            fix = None
            if job.permissions is not None and not unsure:
                # with a choice the triggers do not settle (a comment from workflow_run), the
                # fix is offered but not applied on its own
                chosen = not first.instead or _decided(workflow.trigger_names, permission)
                fix = grant_fix(workflow, job, [("set", permission, level)], safe=chosen)
            yield Violation(
                span=first.span,
                subject=workflow_key(workflow.name, job.id, permission),
                message=message,
                help=f"add `{permission}: {level}` to job `{job.id}`'s `permissions:`",
                related=tuple(Related(n.span, f"{n.why} needs it too") for n in needs if n is not first)[:3],
                fix=fix,
                confidence=Confidence.LOW if unsure else Confidence.HIGH,
                severity=Severity.INFO if unsure else None,
            )


#: events that only ever concern a pull request, or only an issue (`issue_comment` fires on
#: pull requests too, so it decides nothing)
_PR_EVENTS = frozenset(
    ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"]
)
_ISSUE_EVENTS = frozenset(["issues"])


def _preferred(need: Need, triggers: frozenset[str]) -> str:
    """Of the permissions any one of which serves `need` (issues or pull-requests for a
    comment), the one the workflow's triggers make likelier: pull-requests when pull request
    events (or workflow_run) run it, issues when issue events do, else the first."""
    options = sorted((need.permission, *need.instead))
    if triggers & (_PR_EVENTS | {"workflow_run"}) and "pull-requests" in options:
        return "pull-requests"  # workflow_run: mostly the safe way to comment on a fork's PR
    if triggers & _ISSUE_EVENTS and "issues" in options:
        return "issues"
    return options[0]


def _decided(triggers: frozenset[str], permission: str) -> bool:
    """Whether the triggers settle which of the two a comment needs: every event is a pull
    request's, or every event an issue's."""
    if not triggers:
        return False
    return (permission == "pull-requests" and triggers <= _PR_EVENTS) or (
        permission == "issues" and triggers <= _ISSUE_EVENTS
    )


def _level(grant, permission: str) -> str:
    if grant is None:
        return RESTRICTED.get(permission, "none")
    return grant.level(permission)


def _granted(grant, permission: str, level: str) -> bool:
    return LEVEL_ORDER[_level(grant, permission)] >= LEVEL_ORDER[level]
