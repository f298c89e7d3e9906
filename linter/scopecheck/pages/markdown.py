"""The permissions page as Markdown: for a README, a docs site or a Marketplace listing.

Everything that comes from a user's files is escaped, so a justification
cannot open a link, an image, raw HTML or a new table cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scopecheck import __version__
from scopecheck.pages import NOT_DOCUMENTED, AppPage, Permission, yes_no
from scopecheck.reporters._common import clean

_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")

#: (kind, heading, first column, columns, text when there is none)
SECTIONS = (
    ("scope", "Scopes", "Scope", ("Risk", "What it allows", "Why the app needs it", "Used by", "Data"),
     "None: the app requests no OAuth scopes."),
    ("egress", "Hosts outside Atlassian (egress)", "Host",
     ("How it is used", "Why the app needs it", "User data leaves Atlassian", "Data"),
     "None: the app declares no host outside Atlassian to send requests to."),
    ("remote", "Remote services", "Remote",
     ("What it is", "Why the app needs it", "User data leaves Atlassian", "Data"),
     "None: the app declares no remote services."),
    ("content", "Content security relaxations", "Relaxation", ("What it allows", "Why the app needs it"),
     "None: the app keeps the default Content Security Policy of Forge."),
)  # fmt: skip


def text(value: str) -> str:
    """User text for a table cell or a line: one line, Markdown syntax escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(clean(value).split()))


def code(value: str) -> str:
    """A name in a code span; names with backticks fall back to escaped text."""
    value = " ".join(clean(value).split())
    if "`" in value or not value:
        return text(value)
    return "`" + value.replace("|", "\\|") + "`"


def _why(permission: Permission) -> str:
    return text(permission.justification or "") if permission.documented else f"_{NOT_DOCUMENTED}_"


def _list(values: Sequence[str]) -> str:
    return ", ".join(text(v) for v in values) if values else "–"


def _cells(permission: Permission) -> list[str]:
    description = text(permission.description or "")
    if permission.kind == "scope":
        return [
            code(permission.name),
            permission.risk or "unknown",
            description,
            _why(permission),
            _list(permission.modules),
            _list(permission.data),
        ]
    if permission.kind in ("egress", "remote"):
        return [
            code(permission.name),
            description,
            _why(permission),
            yes_no(permission.user_data),
            _list(permission.data),
        ]
    return [code(permission.name), description, _why(permission)]


def lede(page: AppPage) -> str:
    """The first sentence under an app's heading (the HTML page says the same)."""
    who = f" by {page.vendor}" if page.vendor else ""
    return f"Every permission {page.name}{who} requests in an Atlassian site: what it allows and why the app needs it."


def notes(page: AppPage) -> list[tuple[str, str]]:
    """(kind, sentence) remarks under the review line: `note` for good news, `warn` for gaps."""
    found = []
    if not page.of("egress") and not page.of("remote"):
        found.append(
            (
                "note",
                "The app declares no hosts or services outside Atlassian, so Forge lets it send "
                "no data out of Atlassian.",
            )
        )
    if page.undocumented:
        count = len(page.undocumented)
        found.append(("warn", f"{count} of {len(page.permissions)} permissions are not documented yet."))
    return found


RISK_NOTE = (
    "Risk tiers (low, medium, high, critical) rate how much a scope lets the app read or change; "
    "scopecheck derives them from the scope's verb and the data it covers."
)


def render_app(page: AppPage, level: int) -> list[str]:
    hashes = "#" * level
    lines = [f"{hashes} {text(page.name)}: permissions", ""]
    for line in (lede(page), page.summary(), page.review_line(), *(n for _kind, n in notes(page))):
        lines += [text(line), ""]
    if page.contact:
        lines += [f"Contact: {text(page.contact)}", ""]
    for kind, heading, first, columns, none in SECTIONS:
        rows = page.of(kind)
        lines += [f"{hashes}# {heading}", ""]
        if not rows:
            lines += [none, ""]
            continue
        header = [first, *columns]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
        lines.append("")
        if kind == "scope":
            lines += [RISK_NOTE, ""]
    return lines


def render(pages: Sequence[AppPage]) -> str:
    lines: list[str] = []
    if len(pages) == 1:
        lines += render_app(pages[0], 1)
    else:
        lines += ["# Documented permissions", ""]
        for page in pages:
            lines += render_app(page, 2)
    sources = ", ".join(code(p.registry) for p in pages)
    lines += ["---", "", f"_Generated by scopecheck {__version__} from {sources}._"]
    return "\n".join(lines) + "\n"
