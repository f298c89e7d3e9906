"""The values every stage passes along: spans, findings and the report.

Everything here is frozen so a finding cannot change after a rule made it.
"""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum
from typing import Any

from scopecheck.core.records import record


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
class ListChange:
    """Items to add to and remove from one YAML list, named by its key path.

    `--fix` merges the changes of every finding on one file and plans them as one edit,
    so two findings never write two `permissions:` blocks, and it checks the result.
    """

    path: str
    keys: tuple[str, ...]  # ("permissions", "scopes")
    add: tuple[str, ...] = ()
    remove: tuple[int, ...] = ()  # start offsets of the items to delete


@record
class MappingChange:
    """`key: scalar` pairs to set in and remove from one mapping named by its key path
    (`("jobs", "build", "permissions")`). With `exact`, the mapping becomes exactly `set`,
    whatever is there now (a shorthand such as `write-all`, or nothing: then it is created
    before the parent's first key)."""

    path: str
    keys: tuple[str, ...]
    set: tuple[tuple[str, str], ...] = ()
    remove: tuple[str, ...] = ()
    exact: bool = False


@record
class EntryChange:
    """Add `keys[-1]: value` at a nested key path, creating the mappings on the way (block
    style); nothing when the key is there already."""

    path: str
    keys: tuple[str, ...]
    value: str


@record
class ScalarChange:
    """A new value for the scalar that starts at `offset` (its quoting style is kept)."""

    path: str
    offset: int
    value: str


@record
class Fix:
    """What a finding's fix does. `edits` apply this fix alone (reports show them);
    `changes` say what it means, so `--fix` can merge many fixes on one file and check them."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    changes: tuple[ListChange | ScalarChange | MappingChange | EntryChange, ...] = ()


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
class Notice:
    """Something the run could not do whole, such as a source file it did not analyse: not a
    finding (never suppressed, never failing the run), but always shown, so nothing is left
    out in silence."""

    path: str
    message: str  # a sentence naming the path: "src/big.js was not analysed (1.2 MB, ...)"
    app: str = ""  # the manifest of the app it belongs to


@record
class AppReport:
    """What was linted for one app: its manifest, and the other files read for it."""

    manifest: str
    registry: str | None
    policy: str | None
    files: tuple[str, ...] = ()
    fail_on: str = "warning"  # from the app's policy, or the command line
    worst: Severity | None = None  # highest severity among its reported findings
    rules: tuple[str, ...] = ()  # ids of the rules that ran for it (none over an unreadable manifest)
    unit: str = "app"  # what its ecosystem calls one file: app, workflow
    registry_at: str = ""  # where its registry is, or would be (`init` writes it there)
    #: what checking the policy's claims found (scopecheck.claims.model.ClaimResult)
    claims: tuple[Any, ...] = ()


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
    #: sha256 of the text of each manifest as it was read: `--fix` edits only that text
    digests: dict[str, str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()
    #: every rule of the run (scopecheck.core.rules.Rule), for reporters' rule metadata
    rules: tuple[Any, ...] = ()

    def rule(self, code: str) -> Any:
        """The rule with this id, or None."""
        return next((r for r in self.rules if r.code == code), None)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.reported if f.severity == severity)
