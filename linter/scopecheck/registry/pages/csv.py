"""The permissions as CSV, one row per permission, for spreadsheets and security questionnaires.

A cell that a spreadsheet would run as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP
advises for CSV exports of user text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from scopecheck.registry.pages import AppPage, Permission
from scopecheck.reporters._common import folded

COLUMNS = (
    "app",
    "kind",
    "name",
    "risk",
    "description",
    "justification",
    "modules",
    "data",
    "user_data",
    "reviewed",
    "owner",
    "risk_accepted",
    "granted_to",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | None) -> str:
    """User text as one line with control characters escaped (a CSV printed in a CI log must
    not move the cursor or start a workflow command), formula-safe."""
    text = folded(value or "")
    return "'" + text if text.startswith(_FORMULA) else text


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def row(page: AppPage, permission: Permission) -> list[str]:
    return [
        cell(page.name),
        permission.kind,
        cell(permission.name),
        permission.risk or "",
        cell(permission.description),
        cell(permission.justification),
        cell("; ".join(permission.modules)),
        cell("; ".join(permission.data)),
        _flag(permission.user_data),
        permission.reviewed.isoformat() if permission.reviewed else "",
        cell(permission.owner),
        cell(permission.risk_accepted),
        cell(permission.where),
    ]


def render(pages: Sequence[AppPage]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for page in pages:
        for permission in page.permissions:
            writer.writerow(row(page, permission))
    return buffer.getvalue()
