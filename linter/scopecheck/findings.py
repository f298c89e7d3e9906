"""The values every stage passes along: spans, findings and the report.

Everything here is frozen so a finding cannot change after a rule made it.
"""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum

from scopecheck.records import record


class Severity(IntEnum):
    """Ordered, so `fail-on` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose {choices})") from None


class Confidence(IntEnum):
    """How sure a rule is; code analysis can be unsure, manifest rules never are."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@record
class Span:
    """A range in one file: 1-based line and column, 0-based character offsets for edits."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start_offset: int = 0
    end_offset: int = 0

    @classmethod
    def at_file(cls, path: str) -> Span:
        """The whole-file position, for problems that have no better place."""
        return cls(path, 1, 1, 1, 1, 0, 0)


@record
class Related:
    """A second location that explains a finding (the registry entry, a call site)."""

    span: Span
    label: str


@record
class Edit:
    """Replace `[start, end)` characters of `path` with `text`."""

    path: str
    start: int
    end: int
    text: str


@record
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@record
class Suppression:
    """Why a finding is not reported: an ignore comment or a config entry."""

    kind: str  # "comment" | "config"
    reason: str | None
    span: Span | None = None


@record
class Finding:
    rule_id: str
    rule_name: str
    severity: Severity
    confidence: Confidence
    message: str
    span: Span
    subject: str | None = None
    related: tuple[Related, ...] = ()
    help: str | None = None
    fix: Fix | None = None
    suppression: Suppression | None = None
    risk: str | None = None  # the catalog's tier of the scope this finding is about
    app: str = ""  # the manifest of the app this finding belongs to
    #: every scope set that would settle the finding, in full (SC401: the proposed one first)
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.column, self.rule_id, self.subject or "")


@record
class RuleCrash:
    """A rule raised: the run goes on, the exit code says so."""

    rule_id: str
    path: str
    error: str
    traceback: str


@record
class AppReport:
    """What was linted for one app: its manifest, and the other files read for it."""

    manifest: str
    registry: str | None
    policy: str | None
    files: tuple[str, ...] = ()
    fail_on: str = "error"  # from the app's policy, or the command line
    worst: Severity | None = None  # highest severity among its reported findings
    rules: tuple[str, ...] = ()  # ids of the rules that ran for it (none over an unreadable manifest)


@record
class Report:
    """Everything a reporter needs; reporters only render it."""

    reported: tuple[Finding, ...]
    ignored: tuple[Finding, ...]
    apps: tuple[AppReport, ...]
    crashes: tuple[RuleCrash, ...] = ()
    root: str = "."  # repository root (absolute): SARIF paths are relative to it
    cwd: str = "."  # where span paths are relative to
    tool_version: str = ""
    #: the lines of every file a finding points at, so reporters can quote them
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.reported if f.severity == severity)
