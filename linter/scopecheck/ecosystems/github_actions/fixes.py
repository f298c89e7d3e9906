"""GitHub Actions fixes: narrow, extend or write a `permissions:` block, comments kept."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from scopecheck.core.findings import Fix, MappingChange
from scopecheck.core.fixes import planned_fix

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.model import Job, Workflow


def _keys(job: Job | None) -> tuple[str, ...]:
    return ("permissions",) if job is None else ("jobs", job.id, "permissions")


def grant_fix(
    workflow: Workflow,
    job: Job | None,
    changes: Iterable[tuple[str, str, str | None]],
    *,
    safe: bool = True,
) -> Fix | None:
    """Edit the workflow's block (`job` None) or a job's: ("set", name, level) and
    ("remove", name, None) changes."""
    set_pairs = tuple((name, level) for verb, name, level in changes if verb == "set" and level)
    removed = tuple(name for verb, name, _level in changes if verb == "remove")
    change = MappingChange(workflow.path, _keys(job), set_pairs, removed)
    description = "; ".join(
        [f"set `{name}: {level}`" for name, level in set_pairs] + [f"remove `{name}`" for name in removed]
    )
    fix, _refusal = planned_fix(workflow.source, description, (change,), safe=safe)
    return fix


def block_fix(workflow: Workflow, job: Job | None, grant: dict[str, str], *, safe: bool = True) -> Fix | None:
    """Make the block exactly `grant` (`{}` when empty), creating it when missing or replacing
    a `read-all`/`write-all`."""
    change = MappingChange(workflow.path, _keys(job), tuple(sorted(grant.items())), exact=True)
    shown = ", ".join(f"{k}: {v}" for k, v in sorted(grant.items())) or ""
    where = "the workflow" if job is None else f"job `{job.id}`"
    fix, _refusal = planned_fix(
        workflow.source, f"write `permissions: {{{shown}}}` for {where}", (change,), safe=safe
    )
    return fix
