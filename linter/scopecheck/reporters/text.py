"""Human output: grouped by file, `path:line:col`, the source line underlined, then help.

One layout of styled segments feeds both outputs: plain text (pipes, CI logs,
NO_COLOR) and rich colour on a terminal, so the two never disagree.
"""

from __future__ import annotations

from scopecheck.core.findings import Finding, Report, Severity, Span
from scopecheck.reporters import RenderOptions
from scopecheck.reporters._common import clean, plural, summary_line, units

Segment = tuple[str, str]  # (text, rich style; "" for none)
Line = list[Segment]

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
MAX_SNIPPET = 120
MAX_NOTES = 20  # an app over its code budget can leave out hundreds of files: JSON lists all


def render(report: Report, options: RenderOptions) -> str:
    lines = layout(report, concise=options.concise)
    if not options.color:
        return "".join("".join(text for text, _ in line) + "\n" for line in lines)
    return _rich(lines)


def layout(report: Report, *, concise: bool = False) -> list[Line]:
    out: list[Line] = []
    current_path = None
    for finding in report.reported:
        if not concise and finding.span.path != current_path:
            if current_path is not None:
                out.append([])
            current_path = finding.span.path
            out.append([(clean(current_path), "bold underline")])
        elif not concise:
            out.append([])  # a blank line between findings keeps each snippet with its headline
        out.append(_headline(finding))
        if not concise:
            out.extend(_details(finding, report))
    if report.crashes and out and not concise:
        out.append([])
    for crash in report.crashes:
        out.append(
            [
                ("internal error", "bold red"),
                (
                    f": rule {crash.rule_id} crashed on {clean(crash.path)}: {clean(crash.error)} "
                    "(run with --debug for the traceback)",
                    "",
                ),
            ]
        )
    notes = _notes(report)
    if notes and out and not concise:
        out.append([])
    out.extend(notes)
    if not concise or not report.reported:
        if out:
            out.append([])
        out.extend(_per_app(report))
        style = "bold red" if report.count(Severity.ERROR) or report.crashes else "bold green"
        if report.reported and not report.count(Severity.ERROR):
            style = "bold yellow"
        out.append([(summary_line(report), style)])
    return out


def _notes(report: Report) -> list[Line]:
    """Files the analysis left out or read in part: said even with --quiet, never silent."""
    lines: list[Line] = [
        [("note", "bold cyan"), (f": {clean(notice.message)}", "")] for notice in report.notices[:MAX_NOTES]
    ]
    more = len(report.notices) - MAX_NOTES
    if more > 0:
        lines.append([("note", "bold cyan"), (f": and {more} more (`--format json` lists them all)", "")])
    return lines


def _per_app(report: Report) -> list[Line]:
    """In a monorepo, one line per app with findings, so the summary says where they are."""
    if len(report.apps) < 2:
        return []
    lines: list[Line] = []
    for app in report.apps:
        own = [f for f in report.reported if f.app == app.manifest]
        if not own:
            continue
        counts = ", ".join(
            plural(n, severity.label)
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if (n := sum(1 for f in own if f.severity == severity))
        )
        lines.append([(f"  {clean(app.manifest)}: ", "bold"), (counts, "")])
    with_findings = {f.app for f in report.reported}
    clean_apps = [app for app in report.apps if app.manifest not in with_findings]
    if lines and clean_apps:
        lines.append([(f"  {units(clean_apps, 'other ')} without findings", "dim")])
    return lines


def _location(span: Span) -> str:
    return f"{clean(span.path)}:{span.line}:{span.column}"


def _headline(finding: Finding) -> Line:
    severity = finding.severity
    confidence = f" ({finding.confidence.label} confidence)" if finding.confidence.label != "high" else ""
    return [
        (_location(finding.span), "bold"),
        (": ", ""),
        (severity.label, SEVERITY_STYLE[severity]),
        (f"[{finding.rule_id} {finding.rule_name}]", "dim"),
        (f" {clean(finding.message)}{confidence}", ""),
    ]


def _details(finding: Finding, report: Report) -> list[Line]:
    out = _snippet(finding.span, report, SEVERITY_STYLE[finding.severity])
    gutter = " " * (len(str(finding.span.line)) + 2) + "= "
    if finding.help:
        out.append([(gutter, "dim"), ("help", "bold green"), (f": {clean(finding.help)}", "")])
    for related in finding.related:
        out.append(
            [
                (gutter, "dim"),
                ("see", "bold blue"),
                (f": {_location(related.span)}: {clean(related.label)}", ""),
            ]
        )
    if finding.fix is not None:
        kind = "fix" if finding.fix.safe else "fix (unsafe)"
        out.append([(gutter, "dim"), (kind, "bold green"), (f": {clean(finding.fix.description)}", "")])
    return out


def _snippet(span: Span, report: Report, style: str) -> list[Line]:
    lines = report.sources.get(span.path)
    if not lines or not 0 < span.line <= len(lines):
        return []
    text = clean(lines[span.line - 1].replace("\t", " "))
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(text)
    end = max(end, start + 1)
    shift = 0
    if len(text) > MAX_SNIPPET:  # a 200,000-character line shows a window, not a wall
        shift = max(0, start - 20)
        text = ("…" if shift else "") + text[shift : shift + MAX_SNIPPET] + "…"
        start, end = (
            start - shift + (1 if shift else 0),
            min(end - shift + (1 if shift else 0), MAX_SNIPPET),
        )
    number = str(span.line)
    pad = " " * len(number)
    return [
        [(f" {pad} |", "dim")],
        [(f" {number} |", "dim"), (f" {text}", "")],
        [(f" {pad} |", "dim"), (" " + " " * start, ""), ("^" * max(1, end - start), style)],
    ]


def _rich(lines: list[Line]) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    # colour was decided by the caller (RenderOptions.color): nothing in the environment
    # (TERM=dumb, NO_COLOR) may take it back here
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        width=10_000,
        highlight=False,
    )
    for line in lines:
        text = Text()
        for segment, style in line:
            text.append(segment, style=style or None)
        console.print(text, soft_wrap=True)
    return buffer.getvalue()
