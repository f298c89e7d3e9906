"""A Markdown summary for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY)."""

from __future__ import annotations

from scopecheck.core.findings import Finding, Report, Severity
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import ignored_text, md_code, md_text, summary_line

MAX_ROWS = 100  # a PR comment has a size limit; the rest is counted, not listed
ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def _row(finding: Finding) -> str:
    where = md_code(f"{finding.span.path}:{finding.span.line}")
    return f"| {ICON[finding.severity]} | `{finding.rule_id}` {finding.rule_name} | {where} | {md_text(finding.message)} |"


def render(report: Report, options: RenderOptions) -> str:
    lines = ["## scopecheck", "", f"**{summary_line(report)}**", ""]
    if report.reported:
        lines += ["| severity | rule | where | finding |", "|---|---|---|---|"]
        lines += [_row(f) for f in report.reported[:MAX_ROWS]]
        if len(report.reported) > MAX_ROWS:
            lines += [
                "",
                f"… and {len(report.reported) - MAX_ROWS} more: run `scopecheck lint` locally for all of them.",
            ]
    if report.ignored:
        lines += [
            "",
            f"<details><summary>{len(report.ignored)} ignored: {ignored_text(report)}</summary>",
            "",
        ]
        lines += ["| rule | where | reason |", "|---|---|---|"]
        for finding in report.ignored[:MAX_ROWS]:
            reason = (
                finding.suppression.reason
                if finding.suppression and finding.suppression.reason
                else "no reason given"
            )
            lines.append(
                f"| `{finding.rule_id}` | {md_code(f'{finding.span.path}:{finding.span.line}')} | {md_text(reason)} |"
            )
        lines += ["", "</details>"]
    if report.notices:
        lines += ["", "**Not fully analysed** (findings that need all of the code are unsure):", ""]
        lines += [f"- {md_text(n.message)}" for n in report.notices[:MAX_ROWS]]
        if len(report.notices) > MAX_ROWS:
            lines.append(f"- … and {len(report.notices) - MAX_ROWS} more")
    for crash in report.crashes:
        lines += [
            "",
            f"> **internal error**: rule {crash.rule_id} crashed on {md_code(crash.path)}: {md_text(crash.error)}",
        ]
    return "\n".join(lines) + "\n"
