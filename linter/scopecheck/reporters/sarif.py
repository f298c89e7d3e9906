"""SARIF 2.1.0 for code scanning (GitHub and others).

Paths are relative to the repository root under `%SRCROOT%`; regions are
1-based; each rule carries its rendered docs as `help.markdown`; a
`security-severity` score and `precision` let GitHub rank alerts; and
`partialFingerprints` come from rule, file and subject, not the line, so an
alert survives the manifest being re-ordered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scopecheck.core.findings import Confidence, Finding, Notice, Report, Severity, Span
from scopecheck.core.fingerprint import fingerprints, repo_relative
from scopecheck.core.rules import Rule, doc_section
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import clean, json_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: GitHub's bands: critical >= 9.0, high >= 7.0, medium >= 4.0, low below
RISK_SCORE = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
SEVERITY_SCORE = {Severity.ERROR: "7.5", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
PRECISION = {Confidence.HIGH: "very-high", Confidence.MEDIUM: "medium", Confidence.LOW: "low"}
FAMILY = {"0": "input", "1": "registry", "2": "scopes", "3": "egress", "4": "usage", "5": "diff"}


def render(report: Report, options: RenderOptions) -> str:
    return json_text(as_dict(report))


def as_dict(report: Report) -> dict[str, Any]:
    rules: list[Rule] = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for findings in (report.reported, report.ignored):
        for finding, fingerprint in zip(findings, fingerprints(findings, report), strict=True):
            results.append(_result(finding, fingerprint, index, report))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "scopecheck",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "informationUri": "https://github.com/scopecheck/scopecheck",
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(report.root).as_uri() + "/"}},
                "automationDetails": {"id": "scopecheck/"},
                "invocations": [
                    {
                        "executionSuccessful": not report.crashes,
                        "toolExecutionNotifications": [
                            *(
                                {
                                    "level": "error",
                                    "message": {"text": f"rule {c.rule_id} crashed on {c.path}: {c.error}"},
                                    "descriptor": {"id": c.rule_id},
                                }
                                for c in report.crashes
                            ),
                            *(_notice(n, report) for n in report.notices),
                        ],
                    }
                ],
                "results": results,
            }
        ],
    }


def _notice(notice: Notice, report: Report) -> dict[str, Any]:
    """A file the analysis left out: a warning about the run, located at the file."""
    where = {"artifactLocation": {"uri": uri(repo_relative(notice.path, report)), "uriBaseId": "%SRCROOT%"}}
    return {
        "level": "warning",
        "message": {"text": notice.message},
        "locations": [{"physicalLocation": where}],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    family = FAMILY.get(rule.code[2], "other")
    properties: dict[str, Any] = {
        "tags": ["security", family],
        "security-severity": SEVERITY_SCORE[rule.default_severity],
        "precision": "medium" if family == "usage" else "very-high",
    }
    what = " ".join(doc_section(rule.docs, "What it does").split())
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what[:1000]},
        "help": {"text": rule.docs, "markdown": f"# {rule.code} {rule.name}\n\n{rule.docs}"},
        "defaultConfiguration": {
            "level": LEVEL[rule.default_severity],
            "enabled": rule.default_enabled,
        },
        "properties": properties,
    }


def uri(path: str) -> str:
    """A relative path as a URI reference: bytes outside the unreserved set are percent-encoded,
    so a space, `#` or a file name that is not UTF-8 (kept as surrogates) still names the file."""
    from urllib.parse import quote

    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no file-system byte
        raw = clean(path).encode("utf-8")
    return quote(raw, safe="/")


def _location(span: Span, report: Report) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(repo_relative(span.path, report)), "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": max(span.end_column, span.column + 1)
                if span.end_line == span.line
                else span.end_column,
            },
        }
    }


def _result(finding: Finding, fingerprint: str, index: dict[str, int], report: Report) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "confidence": finding.confidence.label,
        "precision": PRECISION[finding.confidence],
    }
    if finding.subject is not None:
        properties["subject"] = finding.subject
    if finding.risk is not None:
        properties["risk"] = finding.risk
        if finding.severity >= Severity.WARNING:  # a note never ranks as a critical alert
            properties["security-severity"] = RISK_SCORE[finding.risk]
    text = finding.message + (f"\nhelp: {finding.help}" if finding.help else "")
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index.get(finding.rule_id, 0),
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [_location(finding.span, report)],
        "partialFingerprints": {"scopecheck/v1": fingerprint},
        "properties": properties,
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, **_location(r.span, report), "message": {"text": r.label}}
            for i, r in enumerate(finding.related, start=1)
        ]
    if finding.suppression is not None:
        kind = "inSource" if finding.suppression.kind == "comment" else "external"
        suppression: dict[str, Any] = {"kind": kind, "status": "accepted"}
        if finding.suppression.reason:
            suppression["justification"] = finding.suppression.reason
        result["suppressions"] = [suppression]
    return result
