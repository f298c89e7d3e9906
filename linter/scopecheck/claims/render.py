"""`scopecheck claims` output: text for CI logs, JSON (`schemas/claims.schema.json`) for
tools, Markdown for a pull-request comment. Each renderer only renders."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape

from scopecheck import __version__
from scopecheck.claims.model import ClaimResult, Evidence, Status
from scopecheck.claims.provenance import Provenance
from scopecheck.core.records import record
from scopecheck.reporters._common import md_code, md_text

MARKS = {Status.BROKEN: "x", Status.UNVERIFIED: "?", Status.VERIFIED: "-"}


@record
class AppClaims:
    manifest: str
    policy: str | None
    results: tuple[ClaimResult, ...]
    at: Provenance


def counts(apps: Sequence[AppClaims]) -> dict[str, int]:
    statuses = [r.status for app in apps for r in app.results]
    return {status.value: statuses.count(status) for status in Status}


def summary(apps: Sequence[AppClaims]) -> str:
    total = sum(len(app.results) for app in apps)
    found = counts(apps)
    parts = ", ".join(
        f"{found[s.value]} {s.value}" for s in (Status.VERIFIED, Status.BROKEN, Status.UNVERIFIED)
    )
    return f"{total} claim{'s' if total != 1 else ''}: {parts}."


def _where(evidence: Evidence) -> str:
    span = evidence.span
    return f"{span.path}:{span.line}:{span.column}: " if span is not None else ""


def text(apps: Sequence[AppClaims]) -> str:
    lines: list[str] = []
    for app in apps:
        policy = f" (policy {app.policy})" if app.policy else ""
        lines.append(f"Claims of {app.manifest}{policy}, checked {app.at.describe()}")
        if not app.results:
            lines += ["  no claims: add a `claims:` section to the policy (.scopecheck.yml)", ""]
            continue
        width = max(len(r.claim.name) for r in app.results)
        for result in app.results:
            lines.append(
                f"  {result.status.value:<10}  {result.claim.name:<{width}}  {result.claim.sentence}"
            )
            for evidence in result.evidence:
                lines.append(f"      {MARKS[evidence.status]} {_where(evidence)}{evidence.message}")
        lines.append("")
    lines.append(summary(apps))
    return "\n".join(lines) + "\n"


def to_json(apps: Sequence[AppClaims]) -> str:
    document = {
        "version": 1,
        "tool": f"scopecheck {__version__}",
        "summary": counts(apps),
        "apps": [
            {
                "manifest": app.manifest,
                "policy": app.policy,
                "commit": app.at.commit,
                "date": app.at.date,
                "uncommitted_changes": app.at.changed,
                "claims": [
                    {
                        "name": r.claim.name,
                        "kind": r.claim.kind,
                        "claim": r.claim.sentence,
                        "status": r.status.value,
                        "evidence": [_evidence(e) for e in r.evidence],
                    }
                    for r in app.results
                ],
            }
            for app in apps
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _evidence(evidence: Evidence) -> dict[str, object]:
    span = evidence.span
    return {
        "status": evidence.status.value,
        "message": evidence.message,
        "path": span.path if span else None,
        "line": span.line if span else None,
        "column": span.column if span else None,
    }


BADGES = {Status.VERIFIED: "verified", Status.BROKEN: "**broken**", Status.UNVERIFIED: "_unverified_"}


def markdown(apps: Sequence[AppClaims]) -> str:
    lines = ["## Claims", ""]
    for app in apps:
        lines += [f"### {md_code(app.manifest)}, checked {md_text(app.at.describe())}", ""]
        if not app.results:
            lines += ["No claims in the policy.", ""]
            continue
        lines += ["| claim | status | promise |", "|---|---|---|"]
        lines += [
            f"| {md_code(r.claim.name)} | {BADGES[r.status]} | {md_text(r.claim.sentence)} |"
            for r in app.results
        ]
        lines.append("")
        for result in app.results:
            shown = [e for e in result.evidence if e.status is not Status.VERIFIED]
            if not shown:
                continue
            lines.append(f"<details><summary>{escape(result.claim.name)}: {result.status.value}</summary>")
            lines.append("")
            lines += [f"- {md_text(_where(e) + e.message)}" for e in shown]
            lines += ["", "</details>", ""]
    lines.append(md_text(summary(apps)))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Sequence[AppClaims]], str]] = {
    "text": text,
    "json": to_json,
    "markdown": markdown,
}
