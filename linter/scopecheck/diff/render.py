"""`scopecheck diff` output: text for people, JSON for tools, Markdown for a PR comment."""

from __future__ import annotations

from typing import Any

from scopecheck.diff.consent import KIND_LABEL, Change, ConsentDiff
from scopecheck.reporters._common import json_text, md_code, one_line, plural

_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _verdict(diff: ConsentDiff) -> str:
    """What the changes ask of whom: Forge puts any change to scopes, egress or content
    permissions, a new remote or a remote's new base URL to every site admin (see consent.py)."""
    consent = [c for c in diff.changes if c.needs_consent]
    if not consent:
        if diff.changes:
            return "No new consent needed: only a remote was removed."
        return "No new consent needed: nothing was added."
    counts: dict[str, int] = {}
    for change in consent:
        what = f"{KIND_LABEL[change.kind]} {change.action}"
        counts[what] = counts.get(what, 0) + 1
    listed = ", ".join(_counted(n, what) for what, n in counts.items())
    if all(c.kind == "token" for c in consent):
        return f"Review before merging: {listed}."
    return f"Admins must consent again: {listed}."


def _counted(count: int, what: str) -> str:
    noun, action = what.rsplit(" ", 1)
    return f"{plural(count, noun)} {action}"


def _line(change: Change, width: int) -> str:
    sign = _SIGN[change.action]
    risk = f"{change.risk} risk" if change.risk else ""
    detail = f"({change.detail})" if change.detail else ""
    if change.previous is not None:
        detail = f"(base URL {change.previous or 'none'} -> {change.detail or 'none'})"
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
                "change": c.action,
                "kind": c.kind,
                "name": c.name,
                "risk": c.risk,
                "detail": c.detail,
                "needs_consent": c.needs_consent,
                "consent_reason": c.consent_reason,
                "previous": c.previous,
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
            sign = {"added": "➕ added", "removed": "➖ removed", "changed": "✏️ changed"}[c.action]
            lines.append(
                f"| {sign} | {c.kind} | {md_code(c.name)} | {c.risk or ''} | {'required' if c.needs_consent else ''} |"
            )
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
