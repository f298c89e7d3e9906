"""The permissions page as Markdown: for a README, a docs site or a Marketplace listing.

Everything that comes from a user's files is escaped, so a justification
cannot open a link, an image, raw HTML or a new table cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from scopecheck import __version__
from scopecheck.registry.pages import NOT_DOCUMENTED, AppPage, Permission, yes_no
from scopecheck.reporters._common import md_code as code
from scopecheck.reporters._common import md_text as text

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

#: a workflow's page: its GITHUB_TOKEN permissions, block by block
TOKEN_SECTIONS = (
    ("token", "Token permissions", "Permission", ("Granted to", "Risk", "What it allows", "Why it is needed"),
     "None: the workflow writes no `permissions:` block, so its jobs get the repository's default."),
)  # fmt: skip


#: a browser extension's page: its permissions, the sites it reaches, the data it sends
EXTENSION_SECTIONS = (
    ("permission", "Permissions", "Permission",
     ("Requested as", "Risk", "What it allows", "Why the extension needs it"),
     "None: the extension requests no browser permissions."),
    ("host", "Sites it can read and change", "Host pattern",
     ("Requested as", "Risk", "What it allows", "Why the extension needs it"),
     "None: the extension asks for access to no website."),
    ("data", "Data it collects or transmits (Firefox)", "Data type",
     ("Requested as", "Risk", "What it covers", "Why the extension sends it"),
     "None declared to Firefox."),
)  # fmt: skip


def sections(page: AppPage) -> tuple[tuple[str, str, str, tuple[str, ...], str], ...]:
    if page.unit == "extension":
        return EXTENSION_SECTIONS
    return TOKEN_SECTIONS if page.unit == "workflow" else SECTIONS


def _why(permission: Permission) -> str:
    return text(permission.justification or "") if permission.documented else f"_{NOT_DOCUMENTED}_"


def _list(values: Sequence[str]) -> str:
    return ", ".join(text(v) for v in values) if values else "–"


def _cells(permission: Permission) -> list[str]:
    description = text(permission.description or "")
    if permission.kind in ("token", "permission", "host", "data"):
        return [
            code(permission.name),
            where(permission.where),
            permission.risk or "unknown",
            description,
            _why(permission),
        ]
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


def where(block: str | None) -> str:
    """ "job `publish`" with the job's id as code; "the workflow" as it is."""
    if block and block.startswith("job `") and block.endswith("`"):
        return "job " + code(block[5:-1])
    return text(block or "")


def lede(page: AppPage) -> str:
    """The first sentence under an app's heading (the HTML page says the same)."""
    if page.unit == "workflow":
        return (
            f"Every permission the GitHub Actions workflow {page.name} gives its jobs' GITHUB_TOKEN: "
            "what it allows and why the jobs need it."
        )
    who = f" by {page.vendor}" if page.vendor else ""
    if page.unit == "extension":
        return (
            f"Every permission the browser extension {page.name}{who} requests: what it allows, the "
            "warning the browser shows, and why the extension needs it."
        )
    return f"Every permission {page.name}{who} requests in an Atlassian site: what it allows and why the app needs it."


def notes(page: AppPage) -> list[tuple[str, str]]:
    """(kind, sentence) remarks under the review line: `note` for good news, `warn` for gaps."""
    found = []
    if page.unit == "app" and not page.of("egress") and not page.of("remote"):
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


CLAIMS_HEADING = "Our claims, checked on every commit"
CLAIMS_LEDE = (
    "scopecheck checks each claim against the app's manifest, its registry and its code; a claim "
    "is verified only when nothing breaks it and every call it rests on could be resolved."
)
#: a word the eye finds first, never colour alone
STATUS_WORDS = {"verified": "**Verified.** ", "broken": "**Broken.** ", "unverified": "**Unverified.** "}


RISK_NOTE = (
    "Risk tiers (low, medium, high, critical) rate how much a scope lets the app read or change; "
    "scopecheck derives them from the scope's verb and the data it covers."
)
TOKEN_RISK_NOTE = (
    "Risk tiers (low, medium, high, critical) rate what a job could change with the token; "
    "scopecheck takes them from its data on GitHub's permissions."
)
EXTENSION_RISK_NOTE = (
    "Risk tiers (low, medium, high, critical) rate what the browser lets the extension read or "
    "change; scopecheck takes them from its data on Chrome's and Firefox's permissions."
)


def risk_note(kind: str) -> str | None:
    return {"scope": RISK_NOTE, "token": TOKEN_RISK_NOTE, "permission": EXTENSION_RISK_NOTE}.get(kind)


def render_app(page: AppPage, level: int) -> list[str]:
    hashes = "#" * level
    lines = [f"{hashes} {text(page.name)}: permissions", ""]
    for line in (lede(page), page.summary(), page.review_line(), *(n for _kind, n in notes(page))):
        lines += [text(line), ""]
    if page.contact:
        lines += [f"Contact: {text(page.contact)}", ""]
    if page.claims:
        lines += [f"{hashes}# {CLAIMS_HEADING}", "", text(CLAIMS_LEDE), ""]
        lines += ["| Claim | Status |", "|---|---|"]
        lines += [
            f"| {text(c.sentence)} | {STATUS_WORDS[c.status]}{text(c.status_line())} |" for c in page.claims
        ]
        lines.append("")
    for kind, heading, first, columns, none in sections(page):
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
        if note := risk_note(kind):
            lines += [note, ""]
    return lines


def render(pages: Sequence[AppPage]) -> str:
    lines: list[str] = []
    if len(pages) == 1:
        lines += render_app(pages[0], 1)
    else:
        lines += ["# Documented permissions", ""]
        for page in pages:
            lines += render_app(page, 2)
    sources = ", ".join(code(r) for r in dict.fromkeys(p.registry for p in pages))
    lines += ["---", "", f"_Generated by scopecheck {__version__} from {sources}._"]
    return "\n".join(lines) + "\n"
