"""`scopecheck diff` output: text for people, JSON for tools, Markdown for a PR comment."""

from __future__ import annotations

from typing import Any

from scopecheck.diff.consent import KIND_LABEL, Change, ConsentDiff
from scopecheck.reporters._common import json_text, md_code, one_line, plural


def _verdict(diff: ConsentDiff) -> str:
    consent = [c for c in diff.added if c.needs_consent]
    if not consent:
        return "No new consent needed: nothing was added."
    counts: dict[str, int] = {}
    for change in consent:
        counts[KIND_LABEL[change.kind]] = counts.get(KIND_LABEL[change.kind], 0) + 1
    what = ", ".join(plural(n, kind) for kind, n in counts.items())
    if all(c.kind == "token" for c in consent):
        return f"Review before merging: {what} added."
    return f"Admins must consent again: {what} added."


def _line(change: Change, width: int) -> str:
    sign = "+" if change.added else "-"
    risk = f"{change.risk} risk" if change.risk else ""
    detail = f"({change.detail})" if change.detail else ""
    extra = " ".join(x for x in (risk, detail) if x)
    return f"  {sign} {change.kind:<7} {one_line(change.name):<{width}}  {one_line(extra)}".rstrip()


def render_text(diff: ConsentDiff) -> str:
    lines = [f"Permission changes: {one_line(diff.base)} -> {one_line(diff.head)}"]
    width = min(60, max((len(one_line(c.name)) for c in diff.changes), default=0))
    lines += [_line(c, width) for c in diff.changes] or ["  (none)"]
    if diff.unchanged:
        lines.append(
            "  = unchanged: " + ", ".join(plural(n, KIND_LABEL[k]) for k, n in sorted(diff.unchanged.items()))
        )
    lines.append(_verdict(diff))
    return "\n".join(lines) + "\n"


def as_dict(diff: ConsentDiff) -> dict[str, Any]:
    return {
        "version": 1,
        "base": diff.base,
        "head": diff.head,
        "needs_consent": any(c.needs_consent for c in diff.changes),
        "changes": [
            {
                "change": "added" if c.added else "removed",
                "kind": c.kind,
                "name": c.name,
                "risk": c.risk,
                "detail": c.detail,
                "needs_consent": c.needs_consent,
                "path": c.span.path if c.span else None,
                "line": c.span.line if c.span else None,
            }
            for c in diff.changes
        ],
        "unchanged": dict(sorted(diff.unchanged.items())),
    }


def render_json(diff: ConsentDiff) -> str:
    return json_text(as_dict(diff))


def render_markdown(diff: ConsentDiff) -> str:
    """Escaped as the lint Markdown reporter does: a name cannot open a link, raw HTML or a cell."""
    lines = [
        f"## Permission changes: {md_code(diff.base)} → {md_code(diff.head)}",
        "",
        f"**{_verdict(diff)}**",
        "",
    ]
    if diff.changes:
        lines += ["| | kind | name | risk | admin consent |", "|---|---|---|---|---|"]
        for c in diff.changes:
            sign = "➕ added" if c.added else "➖ removed"
            lines.append(
                f"| {sign} | {c.kind} | {md_code(c.name)} | {c.risk or ''} | {'required' if c.needs_consent else ''} |"
            )
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
