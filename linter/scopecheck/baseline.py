"""Baselines: accept today's findings, fail only on new ones.

`scopecheck baseline` writes every reported finding's fingerprint (rule, file
and subject: not the line, so entries survive edits above them) to
`.scopecheck-baseline.json`, one entry per line so reviews read like a list.
`lint --baseline FILE` moves matching findings to "ignored" and reports entries
that match nothing any more (SC003), so the file shrinks as debt is paid.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from scopecheck.errors import InputError
from scopecheck.findings import Confidence, Finding, Report, Span, Suppression
from scopecheck.fingerprint import fingerprints, repo_relative
from scopecheck.records import record
from scopecheck.rules import UNUSED_SUPPRESSION

BASELINE_FILE = ".scopecheck-baseline.json"
FORMAT_VERSION = 1


@record
class BaselineEntry:
    fingerprint: str
    rule: str
    path: str
    subject: str | None
    line: int  # where the entry is in the baseline file


def render_baseline(report: Report) -> str:
    rows = [
        json.dumps(
            {
                "fingerprint": fp,
                "rule": f.rule_id,
                "path": repo_relative(f.span.path, report),
                "subject": f.subject,
                "message": f.message,
            },
            ensure_ascii=False,
        )
        for f, fp in zip(report.reported, fingerprints(report.reported, report), strict=True)
    ]
    body = ",\n".join(f"    {row}" for row in rows)
    return (
        "{\n"
        f'  "version": {FORMAT_VERSION},\n'
        '  "about": "Findings accepted when this file was written; `scopecheck lint --baseline` reports only new ones.",\n'
        '  "findings": [\n' + (body + "\n" if rows else "") + "  ]\n}\n"
    )


def load_baseline(path: Path, display: str) -> list[BaselineEntry]:
    from scopecheck.source.files import SourceText, read_text

    source = read_text(path, display)
    if not isinstance(source, SourceText):
        raise InputError(display, source.message, source.line)
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise InputError(display, f"not a baseline file: {exc.msg}", exc.lineno, exc.colno) from None
    if (
        not isinstance(data, dict)
        or data.get("version") != FORMAT_VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(display, "not a scopecheck baseline (expected version 1 with a findings list)")
    lines = {}
    for number, text in enumerate(source.lines, start=1):
        marker = text.find('"fingerprint": "')
        if marker != -1:
            lines.setdefault(text[marker + 16 : marker + 48], number)
    entries = []
    for item in data["findings"]:
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise InputError(display, "every baseline entry needs a fingerprint")
        fingerprint = item["fingerprint"]
        entries.append(
            BaselineEntry(
                fingerprint,
                str(item.get("rule", "")),
                str(item.get("path", "")),
                item.get("subject"),
                lines.get(fingerprint, 1),
            )
        )
    return entries


def apply_baseline(
    report: Report, entries: list[BaselineEntry], display: str, *, report_stale: bool = True
) -> Report:
    """Findings in the baseline become ignored; stale entries become SC003 findings."""
    known = {e.fingerprint: e for e in entries}
    kept: list[Finding] = []
    accepted: list[Finding] = []
    matched: set[str] = set()
    for finding, fingerprint in zip(report.reported, fingerprints(report.reported, report), strict=True):
        if fingerprint in known:
            matched.add(fingerprint)
            accepted.append(
                dataclasses.replace(finding, suppression=Suppression("baseline", f"in {display}"))
            )
        else:
            kept.append(finding)
    if report_stale:
        kept.extend(_stale(entries, matched, report, display))
    kept.sort(key=lambda f: f.sort_key)
    apps = []
    for app in report.apps:
        severities = [f.severity for f in kept if f.app == app.manifest]
        apps.append(dataclasses.replace(app, worst=max(severities) if severities else None))
    return dataclasses.replace(
        report,
        reported=tuple(kept),
        ignored=tuple(sorted((*report.ignored, *accepted), key=lambda f: f.sort_key)),
        apps=tuple(apps),
    )


def _stale(entries: list[BaselineEntry], matched: set[str], report: Report, display: str) -> list[Finding]:
    """SC003 for entries of the linted apps that match nothing; other apps' entries are
    not judged (pre-commit lints only the apps that changed)."""
    rule = UNUSED_SUPPRESSION
    folders = {
        app.manifest: repo_relative(str(Path(app.manifest).parent), report).rstrip("/") + "/"
        for app in report.apps
        if rule.code in app.rules
    }
    stale = []
    for entry in entries:
        owner = next(
            (m for m, folder in folders.items() if (entry.path + "/").startswith(folder) or folder == "./"),
            None,
        )
        if entry.fingerprint in matched or owner is None:
            continue
        what = f"{entry.rule} `{entry.subject}`" if entry.subject else entry.rule
        stale.append(
            Finding(
                rule.code,
                rule.name,
                rule.default_severity,
                Confidence.HIGH,
                f"baseline entry for {what} in {entry.path} matches nothing any more",
                Span(display, entry.line, 1, entry.line, 1),
                subject=entry.fingerprint,
                help="delete the entry, or run `scopecheck baseline` to rewrite the file",
                app=owner,
            )
        )
    return stale
