"""Machine output, version 1: described by schemas/report.schema.json.

Fields are only ever added; a change of meaning gets a new version.
"""

from __future__ import annotations

from typing import Any

from scopecheck.core.findings import Finding, Report, Severity, Span
from scopecheck.core.fingerprint import fingerprints
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import json_text

FORMAT_VERSION = 1


def render(report: Report, options: RenderOptions) -> str:
    return json_text(as_dict(report))


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "scopecheck", "version": report.tool_version},
        "summary": {
            "apps": len(report.apps),
            "findings": len(report.reported),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "ignored": len(report.ignored),
            "crashes": len(report.crashes),
        },
        "apps": [
            {
                "manifest": app.manifest,
                "registry": app.registry,
                "policy": app.policy,
                "fail_on": app.fail_on,
                "worst": app.worst.label if app.worst is not None else None,
                "rules": list(app.rules),
            }
            for app in report.apps
        ],
        "findings": _findings(report.reported, report),
        "ignored": _findings(report.ignored, report),
        "crashes": [{"rule": c.rule_id, "path": c.path, "error": c.error} for c in report.crashes],
        "notices": [{"path": n.path, "message": n.message, "app": n.app} for n in report.notices],
    }


def _span(span: Span) -> dict[str, Any]:
    return {
        "path": span.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _findings(findings: tuple[Finding, ...], report: Report) -> list[dict[str, Any]]:
    return [_finding(f, fp) for f, fp in zip(findings, fingerprints(findings, report), strict=True)]


def _finding(finding: Finding, fingerprint: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "severity": finding.severity.label,
        "confidence": finding.confidence.label,
        **_span(finding.span),
        "message": finding.message,
        "subject": finding.subject,
        "help": finding.help,
        "fingerprint": fingerprint,
        "related": [{**_span(r.span), "label": r.label} for r in finding.related],
        "alternatives": [list(scopes) for scopes in finding.alternatives],
        "fix": None,
        "suppression": None,
    }
    if finding.fix is not None:
        item["fix"] = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [
                {"path": e.path, "start": e.start, "end": e.end, "text": e.text} for e in finding.fix.edits
            ],
        }
    if finding.suppression is not None:
        item["suppression"] = {
            "kind": finding.suppression.kind,
            "reason": finding.suppression.reason,
        }
    return item
