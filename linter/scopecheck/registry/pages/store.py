"""The justifications as the stores ask for them, ready to paste: one block per field.

The Chrome Web Store's Privacy practices tab asks for a justification per permission and one
"host permission justification" for all host patterns; addons.mozilla.org shows the data
types an extension declares. Plain text, one block per field, so each can be copied as is.
A permission with no justification says so instead of leaving the field empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from scopecheck.registry.pages import NOT_DOCUMENTED, AppPage, Permission


def _text(permission: Permission) -> str:
    return (permission.justification or "").strip() if permission.documented else f"({NOT_DOCUMENTED})"


def render_app(page: AppPage) -> list[str]:
    if page.unit != "extension":
        return [f"{page.name}: not a browser extension; use -f md, html or csv for its page.", ""]
    lines = [f"{page.name}: justifications for the Chrome Web Store (Privacy practices tab)", ""]
    for permission in page.of("permission"):
        optional = " (optional)" if permission.where == "optional" else ""
        lines += [f"== {permission.name} justification{optional} ==", _text(permission), ""]
    hosts = page.of("host")
    if hosts:
        lines.append("== Host permission justification ==")
        lines += [f"{host.name}: {_text(host)}" for host in hosts]
        lines.append("")
    data = page.of("data")
    if data:
        lines += [
            "== Firefox data collection (addons.mozilla.org) ==",
            *(f"{d.name}: {_text(d)}" for d in data),
            "",
        ]
    return lines


def render(pages: Sequence[AppPage]) -> str:
    lines: list[str] = []
    for page in pages:
        lines += render_app(page)
    return "\n".join(lines).rstrip("\n") + "\n"
