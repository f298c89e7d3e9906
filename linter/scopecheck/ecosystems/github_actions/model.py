"""A GitHub Actions workflow (or a composite action), each value with the span to point at.

Only what decides the GITHUB_TOKEN's permissions is kept: the `permissions:` blocks, the
triggers, and each job's steps (the actions they use, their inputs and environment, the
scripts they run), plus the calls to reusable workflows.
"""

from __future__ import annotations

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.source.files import SourceText

#: the levels a `permissions:` entry can take
LEVELS = ("none", "read", "write")
SHORTHANDS = ("read-all", "write-all")


@record
class Setting:
    """A scalar value with where it is written."""

    value: str
    span: Span


@record
class GrantEntry:
    """One `name: level` line of a `permissions:` block."""

    permission: str  # contents, id-token...
    level: str  # none | read | write
    span: Span  # the key
    value_span: Span


@record
class Grant:
    """A `permissions:` value: a mapping (`{}` is empty: every permission `none`), or a
    shorthand (`read-all`, `write-all`)."""

    key_span: Span  # the `permissions` key
    span: Span  # the value
    shorthand: str | None = None
    entries: tuple[GrantEntry, ...] = ()

    def level(self, permission: str) -> str:
        """What this grant gives `permission`: none, read or write."""
        if self.shorthand == "write-all":
            return "write"
        if self.shorthand == "read-all":
            return "read"
        found = next((e for e in self.entries if e.permission == permission), None)
        return found.level if found is not None else "none"

    def entry(self, permission: str) -> GrantEntry | None:
        return next((e for e in self.entries if e.permission == permission), None)


@record
class Step:
    index: int  # 1-based, as a person counts
    span: Span  # the step (its first key)
    uses: Setting | None = None
    run: Setting | None = None
    with_: tuple[tuple[str, Setting], ...] = ()
    env: tuple[tuple[str, Setting], ...] = ()
    name: str | None = None
    working_directory: str | None = None

    def input(self, name: str) -> Setting | None:
        return next((value for key, value in self.with_ if key == name), None)


@record
class Job:
    id: str
    span: Span  # the job's key
    body_span: Span  # the job's mapping
    permissions: Grant | None = None
    steps: tuple[Step, ...] = ()
    #: a reusable workflow this job calls (`uses: ./.github/workflows/x.yml` or `o/r/...@ref`)
    uses: Setting | None = None
    env: tuple[tuple[str, Setting], ...] = ()
    #: the column of the job's keys and of a step list's dash, for edits
    indent: int = 4
    #: `defaults: run: working-directory:` of the job
    working_directory: str | None = None


@record
class Workflow:
    path: str  # display path
    source: SourceText
    #: how the registry names it: the file under `.github/workflows/`, or the action's path
    name: str
    kind: str = "workflow"  # workflow | action
    triggers: tuple[Setting, ...] = ()
    permissions: Grant | None = None
    env: tuple[tuple[str, Setting], ...] = ()
    jobs: tuple[Job, ...] = ()
    #: the `jobs:` key, where a workflow-level `permissions:` block would go before
    jobs_span: Span | None = None
    #: `defaults: run: working-directory:` of the workflow
    working_directory: str | None = None

    def effective(self, job: Job) -> Grant | None:
        """The grant a job runs with: its own block, else the workflow's, else None (the
        repository's default applies)."""
        return job.permissions if job.permissions is not None else self.permissions

    @property
    def trigger_names(self) -> frozenset[str]:
        return frozenset(t.value for t in self.triggers)
