"""`scopecheck diff` output: text for people, JSON for tools, Markdown for a PR comment."""

from __future__ import annotations

from typing import Any

from scopecheck.diff.consent import KIND_LABEL, Change, ConsentDiff
from scopecheck.reporters._common import json_text, md_code, md_text, one_line, plural

_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _verdict(diff: ConsentDiff) -> str:
    """What the changes ask of whom: Forge puts any change to scopes, egress or content
    permissions, a new remote or a remote's new base URL to every site admin (see consent.py);
    a browser shows an extension's users the install warnings an update adds."""
    if diff.prompt is not None:
        return _prompt_verdict(diff)
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


def _prompt_verdict(diff: ConsentDiff) -> str:
    prompt = diff.prompt
    assert prompt is not None
    if prompt.first:
        return f"A new extension: {prompt.who} shows {plural(len(prompt.warnings), 'install warning')} at install."
    if not prompt.warnings:
        return f"No new consent needed: {prompt.effect}."
    return f"Users must accept again: {plural(len(prompt.warnings), 'new install warning')}. {prompt.effect}"


def _warning_lines(diff: ConsentDiff) -> list[str]:
    if diff.prompt is None or not diff.prompt.warnings:
        return []
    title = "Install warnings" if diff.prompt.first else "New install warnings"
    return [f"{title} ({diff.prompt.who}):", *(f'  ! "{one_line(w)}"' for w in diff.prompt.warnings)]


def _kind(change: Change) -> str:
    """What the change is called: an extension's request by its own noun (`host permission`)."""
    if change.verdict is not None and change.request is not None and change.request.noun:
        return change.request.noun
    return change.kind


def _counted(count: int, what: str) -> str:
    noun, action = what.rsplit(" ", 1)
    return f"{plural(count, noun)} {action}"


def _line(change: Change, width: int, kind_width: int = 7) -> str:
    sign = _SIGN[change.action]
    risk = f"{change.risk} risk" if change.risk else ""
    detail = f"({change.detail})" if change.detail else ""
    if change.previous is not None:
        detail = f"(base URL {change.previous or 'none'} -> {change.detail or 'none'})"
    extra = " ".join(x for x in (risk, detail) if x)
    if change.verdict is not None and change.verdict[0]:
        extra = f"{extra}  new warning".strip()
    return (
        f"  {sign} {_kind(change):<{kind_width}} {one_line(change.name):<{width}}  {one_line(extra)}".rstrip()
    )


def render_text(diff: ConsentDiff) -> str:
    lines = [f"Permission changes: {one_line(diff.base)} -> {one_line(diff.head)}"]
    width = min(60, max((len(one_line(c.name)) for c in diff.changes), default=0))
    kind_width = max((len(_kind(c)) for c in diff.changes), default=7)
    lines += [_line(c, width, max(7, kind_width)) for c in diff.changes] or ["  (none)"]
    if diff.unchanged:
        labels = dict(KIND_LABEL, scope="permission") if diff.prompt is not None else KIND_LABEL
        lines.append(
            "  = unchanged: " + ", ".join(plural(n, labels[k]) for k, n in sorted(diff.unchanged.items()))
        )
    lines += _warning_lines(diff)
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
        "install_warnings": None
        if diff.prompt is None
        else {
            "browser": diff.prompt.who,
            "new": list(diff.prompt.warnings),
            "first_install": diff.prompt.first,
            "effect": diff.prompt.effect,
        },
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
                f"| {sign} | {_kind(c)} | {md_code(c.name)} | {c.risk or ''} | {'required' if c.needs_consent else ''} |"
            )
    if diff.prompt is not None and diff.prompt.warnings:
        lines += [
            "",
            f"{'Install' if diff.prompt.first else 'New install'} warnings ({diff.prompt.who}):",
            "",
        ]
        lines += [f"- {md_text(w)}" for w in diff.prompt.warnings]
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
