"""What the GitHub Actions rules read of a workflow: each job's needs."""

from __future__ import annotations

from typing import Any

from scopecheck.core.ecosystem import AnalysisRequest
from scopecheck.core.records import record
from scopecheck.ecosystems.github_actions.model import Job, Workflow
from scopecheck.ecosystems.github_actions.needs import JobNeeds, Reads, job_needs


@record
class WorkflowAnalysis:
    jobs: dict[str, JobNeeds]

    #: a workflow fetches nothing scopecheck checks egress for, and its files are all read
    fetches = None
    problems: tuple[Any, ...] = ()


def analyze(request: AnalysisRequest, catalog: Any) -> WorkflowAnalysis:
    workflow: Workflow = request.app
    reads = Reads()
    return WorkflowAnalysis({job.id: _contained(workflow, job, reads) for job in workflow.jobs})


def _contained(workflow: Workflow, job: Job, reads: Reads) -> JobNeeds:
    """A job's needs; if following it fails (a scopecheck bug on odd input), the job's needs
    are unknown, so no finding about it is confident."""
    try:
        return job_needs(workflow, job, reads=reads)
    except Exception as exc:
        return JobNeeds(
            job.id, (), ((f"scopecheck could not follow job `{job.id}` ({type(exc).__name__})", job.span),)
        )


def analysis_of(ctx: Any) -> WorkflowAnalysis | None:
    return ctx.analysis if isinstance(ctx.analysis, WorkflowAnalysis) else None
