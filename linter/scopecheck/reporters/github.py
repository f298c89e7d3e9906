"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=...,line=...,col=...,title=...::message`; values are escaped as the runner
expects (`%`, CR, LF, and in properties also `:` and `,`), so a hostile scope name
cannot inject a second command.
"""

from __future__ import annotations

from scopecheck.core.findings import Report, Severity
from scopecheck.core.fingerprint import repo_relative
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import clean, summary_line

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """A message: user text is `clean`ed first, so only our own line breaks become %0A."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(clean(text)).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for finding in report.reported:
        span = finding.span
        props = ",".join(
            [
                f"file={_property(repo_relative(span.path, report))}",
                f"line={span.line}",
                f"col={span.column}",
                f"endLine={span.end_line}",
                f"endColumn={span.end_column}",
                f"title={_property(f'{finding.rule_id} {finding.rule_name}')}",
            ]
        )
        message = clean(finding.message) + (f"\nhelp: {clean(finding.help)}" if finding.help else "")
        lines.append(f"::{COMMAND[finding.severity]} {props}::{_data(message)}")
    for crash in report.crashes:
        lines.append(
            f"::error title=scopecheck internal error::{_data(clean(f'rule {crash.rule_id} crashed on {crash.path}: {crash.error}'))}"
        )
    for notice in report.notices:
        where = _property(repo_relative(notice.path, report))
        lines.append(f"::warning file={where},title=scopecheck note::{_data(clean(notice.message))}")
    lines.append(f"::notice title=scopecheck::{_data(clean(summary_line(report)))}")
    return "\n".join(lines) + "\n"
