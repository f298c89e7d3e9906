"""What a workflow asks of the GITHUB_TOKEN, as PermissionRequests: the one place this is computed.

Each `name: read|write` line of a `permissions:` block is one request (`contents:write`),
justified in the registry under `workflows: {file: {permissions: ...}}` for the
workflow-level block or `{file: {jobs: {job: ...}}}` for a job's; `read-all`/`write-all`
is one request of its own. `none` asks for nothing. A job without a block asks for nothing
written down: what it gets then is the repository's default (SC208 says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopecheck.core.permissions import PermissionRequest
from scopecheck.registry.model import workflow_key

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.model import Grant, Workflow

NOUN = "token permission"


def requests(workflow: Workflow) -> tuple[PermissionRequest, ...]:
    found: list[PermissionRequest] = []
    found.extend(_grant(workflow, None, workflow.permissions))
    for job in workflow.jobs:
        found.extend(_grant(workflow, job.id, job.permissions))
    return tuple(found)


def _grant(workflow: Workflow, job: str | None, grant: Grant | None) -> list[PermissionRequest]:
    if grant is None:
        return []
    where = "the workflow" if job is None else f"job `{job}`"
    block = ("permissions",) if job is None else ("jobs", job)
    if grant.shorthand is not None:
        return [
            PermissionRequest(
                "scope",
                grant.shorthand,
                grant.span,
                "workflows",
                workflow_key(workflow.name, job, grant.shorthand),
                detail=where,
                noun=NOUN,
                entry_path=("workflows", workflow.name, *block, grant.shorthand),
            )
        ]
    return [
        PermissionRequest(
            "scope",
            f"{entry.permission}: {entry.level}",
            entry.span,
            "workflows",
            workflow_key(workflow.name, job, entry.permission),
            detail=where,
            noun=NOUN,
            entry_path=("workflows", workflow.name, *block, entry.permission),
        )
        for entry in grant.entries
        if entry.level != "none"
    ]
