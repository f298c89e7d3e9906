"""`scopecheck history` output: text for people, CSV for spreadsheets, JSON for tools (see
`schemas/history.schema.json`), Markdown for a report or a pull request.

Every value that comes from the repository (author, subject, name, justification, path) is
made safe for where it goes: one line without control characters in text, a formula-safe
cell in CSV (`registry.pages.csv.cell`), escaped in Markdown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from scopecheck.diff.consent import KIND_LABEL
from scopecheck.history.trail import UNDOCUMENTED, Entry, Trail
from scopecheck.registry.pages.csv import cell
from scopecheck.reporters._common import folded, json_text, md_code, md_text, one_line, plural

_SIGN = {"added": "+", "removed": "-", "changed": "~", "unreadable": "!"}
CSV_COLUMNS = (
    "date",
    "commit",
    "author",
    "email",
    "manifest",
    "change",
    "kind",
    "name",
    "detail",
    "admin_consent",
    "consent_reason",
    "justification",
    "subject",
)


def action(entry: Entry) -> str:
    return entry.change.action if entry.change is not None else "unreadable"


def _detail(entry: Entry) -> str:
    change = entry.change
    if change is None:
        return ""
    if change.previous is not None:
        return f"base URL {change.previous or 'none'} -> {change.detail or 'none'}"
    return change.detail or ""


def _window(trail: Trail) -> str:
    parts = [f"since {trail.since}" if trail.since else "", f"until {trail.until}" if trail.until else ""]
    return ", ".join(p for p in parts if p)


def _consent_commits(trail: Trail) -> list[str]:
    return list(dict.fromkeys(e.commit.sha for e in trail.entries if e.needs_consent))


def _summary(trail: Trail) -> str:
    changes = sum(1 for e in trail.entries if e.change is not None)
    consent = _consent_commits(trail)
    text = f"{plural(changes, 'permission change')} in {plural(trail.commits, 'commit')}"
    if consent:
        text += f"; {plural(len(consent), 'commit')} made admins consent again: " + ", ".join(
            sha[:7] for sha in consent
        )
    else:
        text += "; none made admins consent again"
    unreadable = sum(1 for e in trail.entries if e.change is None)
    if unreadable:
        text += f"; the manifest could not be read at {plural(unreadable, 'commit')}"
    return text + "."


def render_text(trail: Trail) -> str:
    window = _window(trail)
    lines = [f"Permission history of {one_line(trail.path)}" + (f" ({window})" if window else "")]
    if not trail.entries:
        lines.append("  (no permission was added or removed)")
    last: tuple[str, str] | None = None
    for entry in trail.entries:
        commit = entry.commit
        if (entry.manifest, commit.sha) != last:
            last = (entry.manifest, commit.sha)
            moved = f" (renamed from {one_line(entry.renamed_from)})" if entry.renamed_from else ""
            lines.append("")
            lines.append(
                f"{commit.date[:10]}  {commit.sha[:7]}  {one_line(commit.author)}  "
                f"{one_line(entry.manifest)}{moved}: {one_line(commit.subject)}"
            )
        if entry.change is None:
            lines.append(f"  ! unreadable: {one_line(entry.problem or '')}")
            continue
        change = entry.change
        detail = _detail(entry)
        risk = f", {change.risk} risk" if change.risk else ""
        extra = (
            f" ({one_line(detail)}{risk})" if detail else (f" ({change.risk} risk)" if change.risk else "")
        )
        lines.append(f"  {_SIGN[action(entry)]} {change.kind:<7} {one_line(change.name)}{extra}")
        verdict = "yes" if entry.needs_consent else "no"
        who = "user" if change.verdict is not None else "admin"  # a browser asks the users
        lines.append(f"      {who} consent: {verdict}: {one_line(entry.consent_reason)}")
        where = " (at the parent commit)" if entry.justified_at == "parent" else ""
        lines.append(f"      justification{where}: {one_line(entry.justification or UNDOCUMENTED)}")
    lines += ["", _summary(trail)]
    return "\n".join(lines) + "\n"


def as_dict(trail: Trail) -> dict[str, Any]:
    return {
        "version": 1,
        "path": trail.path,
        "since": trail.since,
        "until": trail.until,
        "commits": trail.commits,
        "manifests": list(trail.manifests),
        "consent_commits": _consent_commits(trail),
        "entries": [_entry_dict(e) for e in trail.entries],
    }


def _entry_dict(entry: Entry) -> dict[str, Any]:
    change = entry.change
    return {
        "manifest": entry.manifest,
        "renamed_from": entry.renamed_from,
        "commit": entry.commit.sha,
        "date": entry.commit.date,
        "author_date": entry.commit.author_date,
        "author": entry.commit.author,
        "email": entry.commit.email,
        "subject": entry.commit.subject,
        "change": action(entry),
        "situation": entry.situation,
        "kind": change.kind if change else None,
        "name": change.name if change else None,
        "detail": change.detail if change else None,
        "previous": change.previous if change else None,
        "risk": change.risk if change else None,
        "admin_consent": entry.needs_consent,
        "consent_reason": entry.consent_reason,
        "justification": entry.justification,
        "justified_at": entry.justified_at,
        "problem": entry.problem,
    }


def render_json(trail: Trail) -> str:
    return json_text(as_dict(trail))


def render_csv(trail: Trail) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in trail.entries:
        change = entry.change
        writer.writerow(
            [
                entry.commit.date,
                entry.commit.sha,
                cell(entry.commit.author),
                cell(entry.commit.email),
                cell(entry.manifest),
                action(entry),
                change.kind if change else "",
                cell(change.name if change else entry.problem),
                cell(_detail(entry)),
                "yes" if entry.needs_consent else "no",
                cell(entry.consent_reason),
                cell(entry.justification or (UNDOCUMENTED if change else "")),
                cell(entry.commit.subject),
            ]
        )
    return buffer.getvalue()


def render_markdown(trail: Trail) -> str:
    window = _window(trail)
    lines = [
        f"## Permission history of {md_code(trail.path)}" + (f" ({md_text(window)})" if window else ""),
        "",
        f"**{md_text(_summary(trail))}**",
        "",
    ]
    if trail.entries:
        lines += [
            "| date | commit | author | manifest | change | name | admin consent | justification |",
            "|---|---|---|---|---|---|---|---|",
        ]
    for entry in trail.entries:
        change = entry.change
        name = md_code(change.name) if change else md_text(entry.problem or "")
        what = f"{action(entry)} {KIND_LABEL[change.kind]}" if change else "unreadable"
        consent = f"{'**yes**' if entry.needs_consent else 'no'}: {md_text(folded(entry.consent_reason))}"
        justification = md_text(folded(entry.justification or UNDOCUMENTED)) if change else ""
        lines.append(
            f"| {entry.commit.date[:10]} | `{entry.commit.sha[:7]}` | {md_text(folded(entry.commit.author))} "
            f"| {md_code(entry.manifest)} | {what} | {name} | {consent} | {justification} |"
        )
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Trail], str]] = {
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "markdown": render_markdown,
}
