"""Shared by the GitHub Actions rules: which jobs a grant covers, and how sure a judgement is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scopecheck.core.records import record
from scopecheck.core.rules import Context
from scopecheck.ecosystems.github_actions.levels import LEVEL_ORDER

if TYPE_CHECKING:  # the step analysis loads only when a workflow is checked
    from scopecheck.ecosystems.github_actions.model import Grant, Job, Workflow
    from scopecheck.ecosystems.github_actions.needs import JobNeeds, Need


@record
class Covered:
    """A `permissions:` block and the jobs that run with it."""

    grant: Grant
    jobs: tuple[Job, ...]
    where: str  # "the workflow" or "job `build`"
    job: Job | None  # None for the workflow-level block


def blocks(workflow: Workflow) -> Iterator[Covered]:
    """Every written `permissions:` block with the jobs it applies to (a workflow-level block
    applies to the jobs without their own)."""
    if workflow.permissions is not None:
        inheriting = tuple(j for j in workflow.jobs if j.permissions is None)
        yield Covered(workflow.permissions, inheriting, "the workflow", None)
    for job in workflow.jobs:
        if job.permissions is not None:
            yield Covered(job.permissions, (job,), f"job `{job.id}`", job)


def needs_of(ctx: Context, jobs: tuple[Job, ...]) -> list[JobNeeds]:
    """What each job needs; with no analysis (it crashed), every job's needs are unknown."""
    from scopecheck.ecosystems.github_actions.analysis import analysis_of
    from scopecheck.ecosystems.github_actions.needs import JobNeeds

    analysis = analysis_of(ctx)
    if analysis is None:
        return [JobNeeds(j.id, (), (("the workflow's steps could not be analysed", j.span),)) for j in jobs]
    return [
        analysis.jobs.get(j.id) or JobNeeds(j.id, (), (("the job was not analysed", j.span),)) for j in jobs
    ]


def counts(need: Need, visibility: str | None, *, for_missing: bool) -> bool | None:
    """Whether a need counts: True, False (a public repository needs none of it), or None
    (unknown visibility, when asking whether it is missing)."""
    if not need.private_only:
        return True
    if visibility == "public":
        return False
    if visibility == "private":
        return True
    return None if for_missing else True


def highest(needs: list[JobNeeds], permission: str, visibility: str | None, grant: Grant) -> tuple[str, str]:
    """(the level certain needs ask of `permission`, the level any need might ask).

    A need any one of several permissions serves (`issues` or `pull-requests`) is certain for
    `permission` when the grant gives none of the others enough.
    """
    certain, possible = "none", "none"
    for job in needs:
        for need in job.for_permission(permission):
            if counts(need, visibility, for_missing=False) is False:
                continue
            if LEVEL_ORDER[need.level] > LEVEL_ORDER[possible]:
                possible = need.level
            others = [p for p in (need.permission, *need.instead) if p != permission]
            served_elsewhere = any(LEVEL_ORDER[grant.level(p)] >= LEVEL_ORDER[need.level] for p in others)
            if need.certain and not served_elsewhere and LEVEL_ORDER[need.level] > LEVEL_ORDER[certain]:
                certain = need.level
    return certain, possible


def unknowns(needs: list[JobNeeds]) -> list[str]:
    return [why for job in needs for why, _span in job.unknown]


def grant_text(grant: dict[str, str]) -> str:
    if not grant:
        return "`{}` (nothing)"
    return ", ".join(f"`{name}: {level}`" for name, level in sorted(grant.items()))


def required(needs: list[JobNeeds], visibility: str | None) -> dict[str, str]:
    """The smallest grant that serves every certain need of these jobs."""
    grant: dict[str, str] = {}
    for job in needs:
        for need in job.needs:
            if not need.certain or counts(need, visibility, for_missing=False) is False:
                continue
            if need.instead and any(grant.get(alt) for alt in need.instead):
                continue
            if LEVEL_ORDER[need.level] > LEVEL_ORDER.get(grant.get(need.permission, "none"), 0):
                grant[need.permission] = need.level
    return dict(sorted(grant.items()))
