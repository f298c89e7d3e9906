"""A claim, and what checking it found: verified, broken or unverified, with the evidence."""

from __future__ import annotations

from enum import StrEnum

from scopecheck.core.findings import Related, Span
from scopecheck.core.records import record

#: every kind of claim, in the order the docs list them
KINDS = (
    "no-egress",
    "no-external-storage",
    "forbid-operations",
    "forbid-scopes",
    "read-only",
    "documented",
    "least-privilege",
)


class Status(StrEnum):
    """What checking a claim found. Broken wins over unverified, unverified over verified:
    a claim is verified only when every input it rests on was read and resolved."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    BROKEN = "broken"

    @property
    def rank(self) -> int:
        return (Status.VERIFIED, Status.UNVERIFIED, Status.BROKEN).index(self)


@record
class OperationPattern:
    """`DELETE /rest/api/{2,3}/role/*` as written, with its alternations expanded."""

    text: str
    method: str  # upper case, or `*` for any method
    paths: tuple[str, ...]  # `/rest/api/2/role/*`, `/rest/api/3/role/*`
    span: Span


@record
class Claim:
    """One named promise of the policy's `claims:` section."""

    name: str
    kind: str
    sentence: str  # the words for the public page
    span: Span  # the claim's key in the policy
    operations: tuple[OperationPattern, ...] = ()  # forbid-operations
    scopes: tuple[str, ...] = ()  # forbid-scopes: glob patterns
    products: tuple[str, ...] = ()  # read-only: `jira`, `confluence`...
    storage_hosts: tuple[str, ...] = ()  # no-external-storage: host patterns of storage services


@record
class Evidence:
    """One thing checking a claim found: what breaks it, what leaves it unverified, or a fact
    that supports it (status verified)."""

    status: Status
    message: str
    span: Span | None = None
    subject: str | None = None  # what it is about (a scope, a call), for suppressions
    related: tuple[Related, ...] = ()


@record
class ClaimResult:
    claim: Claim
    status: Status
    evidence: tuple[Evidence, ...]

    @property
    def breaking(self) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.status is Status.BROKEN)

    @property
    def doubts(self) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.status is Status.UNVERIFIED)


def result(claim: Claim, evidence: list[Evidence]) -> ClaimResult:
    """The claim's status from its evidence: the worst one wins."""
    worst = max((e.status for e in evidence), key=lambda s: s.rank, default=Status.VERIFIED)
    return ClaimResult(claim, worst, tuple(evidence))
