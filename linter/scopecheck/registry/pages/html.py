"""The permissions page as one self-contained HTML file.

No scripts, fonts, images or other files: it works offline, from a file or
any static host. A Content-Security-Policy allows only the page's own style
sheet (by hash), so even a mistake in escaping could not run a script. Tables
have captions and `<th scope>`; colours pass WCAG AA contrast and risk is
always written out, never shown by colour alone; printing drops the
backgrounds and repeats table headers on each page.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from scopecheck import __version__
from scopecheck.registry.pages import NOT_DOCUMENTED, AppPage, Permission, yes_no
from scopecheck.registry.pages.markdown import CLAIMS_HEADING, CLAIMS_LEDE, lede, notes, risk_note, sections
from scopecheck.reporters._common import folded

CSS = """
:root { color-scheme: light; --fg: #172b4d; --muted: #44546f; --line: #c1c7d0; --head: #f1f2f4; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 75rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .75rem; }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.25rem 0 .75rem; }
h3 { font-size: 1.2rem; line-height: 1.3; margin: 2rem 0 .75rem; }
p { margin: 0 0 .75rem; max-width: 62rem; }
a { color: #0c4fb0; }
.meta { color: var(--muted); }
.note { background: #e9f2ff; border-left: 4px solid #0c4fb0; padding: .5rem .75rem; }
.warn { background: #fff4e5; border-left: 4px solid #a54800; padding: .5rem .75rem; }
.table-wrap { overflow-x: auto; margin: 0 0 1.25rem; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .55rem .7rem; border: 1px solid var(--line); }
thead th { background: var(--head); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 400; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: .9em; overflow-wrap: break-word; }
code.nowrap { white-space: nowrap; }
.risk { display: inline-block; padding: 0 .45rem; border-radius: .25rem; border: 1px solid transparent;
  font-weight: 600; font-size: .85rem; white-space: nowrap; }
.risk-low { background: #dcfff1; color: #164b35; }
.risk-medium { background: #fff7d6; color: #533f04; }
.risk-high { background: #ffeceb; color: #ae2e24; }
.risk-critical { background: #ae2e24; color: #fff; }
.risk-unknown { background: #f1f2f4; color: #44546f; }
.missing { color: #ae2e24; font-style: italic; }
.status { display: inline-block; padding: 0 .45rem; border-radius: .25rem; font-weight: 600;
  font-size: .85rem; white-space: nowrap; }
.status-verified { background: #dcfff1; color: #164b35; }
.status-broken { background: #ae2e24; color: #fff; }
.status-unverified { background: #fff7d6; color: #533f04; }
.leaves { font-weight: 600; }
ul.apps { padding-left: 1.25rem; }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .875rem; }
@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10pt; color: #000; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  thead th, .note, .warn { background: none; }
  .risk, .status { background: none; color: #000; border: 1px solid #000; }
  .missing, .meta, caption, footer { color: #000; }
  a { color: #000; }
}
"""


CAPTIONS = {
    "scope": "OAuth scopes {app} requests ({count})",
    "egress": "Hosts outside Atlassian that {app} can reach ({count})",
    "remote": "Remote services {app} uses ({count})",
    "content": "Content security relaxations {app} requests ({count})",
    "token": "GITHUB_TOKEN permissions {app} grants ({count})",
    "permission": "Browser permissions {app} requests ({count})",
    "host": "Sites {app} can read and change ({count})",
    "data": "Data {app} collects or transmits, as declared to Firefox ({count})",
}


def esc(value: str | None) -> str:
    """User text as HTML: control characters shown as escapes, markup characters as entities."""
    return escape(folded(value or ""), quote=True)


def _style_hash() -> str:
    digest = hashlib.sha256(CSS.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _list(values: Sequence[str]) -> str:
    return esc(", ".join(values)) if values else '<span aria-label="none">–</span>'


#: names up to this long stay on one line; longer ones may wrap after `/`, `.` and `:`
NOWRAP_CHARS = 48


def name(permission: Permission) -> str:
    """A name in code style, on one line unless it is very long."""
    text = esc(permission.name)
    if len(permission.name) <= NOWRAP_CHARS:
        return f'<code class="nowrap">{text}</code>'
    for mark in ("/", ".", ":"):
        text = text.replace(mark, mark + "<wbr>")
    return f"<code>{text}</code>"


def _modules(values: Sequence[str]) -> str:
    """Module keys as code, each on one line: `approval-panel` should not break at its hyphen."""
    if not values:
        return _list(values)
    return ", ".join(f'<code class="nowrap">{esc(v)}</code>' for v in values)


def _why(permission: Permission) -> str:
    if permission.documented:
        return f"<td>{esc(permission.justification)}</td>"
    return f'<td class="missing">{NOT_DOCUMENTED}</td>'


def _user_data(value: bool | None) -> str:
    label = yes_no(value)
    return f'<td class="leaves">{label}</td>' if value else f"<td>{label}</td>"


def _row(permission: Permission) -> str:
    head = f'<th scope="row">{name(permission)}</th>'
    description = f"<td>{esc(permission.description)}</td>"
    if permission.kind in ("token", "permission", "host", "data"):
        risk = permission.risk or "unknown"
        cells = [
            f"<td>{_where(permission.where)}</td>",
            f'<td><span class="risk risk-{esc(risk)}">{esc(risk)}</span></td>',
            description,
            _why(permission),
        ]
    elif permission.kind == "scope":
        risk = permission.risk or "unknown"
        cells = [
            f'<td><span class="risk risk-{esc(risk)}">{esc(risk)}</span></td>',
            description,
            _why(permission),
            f"<td>{_modules(permission.modules)}</td>",
            f"<td>{_list(permission.data)}</td>",
        ]
    elif permission.kind in ("egress", "remote"):
        cells = [
            description,
            _why(permission),
            _user_data(permission.user_data),
            f"<td>{_list(permission.data)}</td>",
        ]
    else:
        cells = [description, _why(permission)]
    return "<tr>" + head + "".join(cells) + "</tr>"


def _where(block: str | None) -> str:
    if block and block.startswith("job `") and block.endswith("`"):
        return f'job <code class="nowrap">{esc(block[5:-1])}</code>'
    return esc(block)


def _review(page: AppPage) -> str:
    last = page.last_reviewed
    if last is None:
        return '<p class="meta">No review date is recorded in the registry.</p>'
    dated = len(page.review_dates)
    return (
        f'<p class="meta">Last reviewed on <time datetime="{last.isoformat()}">{last.isoformat()}</time> '
        f"({dated} of {len(page.permissions)} entries carry a review date).</p>"
    )


def _app(page: AppPage, index: int, level: int) -> list[str]:
    prefix = f"app-{index}"
    out = [f'<h{level} id="{prefix}">{esc(page.name)}: permissions</h{level}>']
    out.append(f"<p>{esc(lede(page))}</p>")
    out.append(f"<p>{esc(page.summary())}</p>")
    out.append(_review(page))
    out += [f'<p class="{kind}">{esc(line)}</p>' for kind, line in notes(page)]
    if page.contact:
        out.append(f'<p class="meta">Contact: {esc(page.contact)}</p>')
    if page.claims:
        out += _claims(page, prefix, level)
    for kind, heading, first, columns, none in sections(page):
        rows = page.of(kind)
        section_id = f"{prefix}-{kind}"
        out.append(f'<section aria-labelledby="{section_id}">')
        out.append(f'<h{level + 1} id="{section_id}">{esc(heading)}</h{level + 1}>')
        if not rows:
            out.append(f"<p>{esc(none)}</p>")
            out.append("</section>")
            continue
        caption = CAPTIONS[kind].format(app=page.name, count=len(rows))
        out.append(f'<div class="table-wrap" role="region" aria-labelledby="{section_id}" tabindex="0">')
        out.append("<table>")
        out.append(f"<caption>{esc(caption)}</caption>")
        header = "".join(f'<th scope="col">{esc(name)}</th>' for name in (first, *columns))
        out.append(f"<thead><tr>{header}</tr></thead>")
        out.append("<tbody>")
        out += [_row(row) for row in rows]
        out.append("</tbody>")
        out.append("</table>")
        out.append("</div>")
        if note := risk_note(kind):
            out.append(f'<p class="meta">{esc(note)}</p>')
        out.append("</section>")
    return out


STATUS_LABELS = {"verified": "Verified", "broken": "Broken", "unverified": "Unverified"}


def _claims(page: AppPage, prefix: str, level: int) -> list[str]:
    section_id = f"{prefix}-claims"
    out = [f'<section aria-labelledby="{section_id}">']
    out.append(f'<h{level + 1} id="{section_id}">{esc(CLAIMS_HEADING)}</h{level + 1}>')
    out.append(f"<p>{esc(CLAIMS_LEDE)}</p>")
    out.append(f'<div class="table-wrap" role="region" aria-labelledby="{section_id}" tabindex="0">')
    out.append("<table>")
    out.append(f"<caption>{esc(f'Claims about {page.name} ({len(page.claims)})')}</caption>")
    out.append('<thead><tr><th scope="col">Claim</th><th scope="col">Status</th></tr></thead>')
    out.append("<tbody>")
    for claim in page.claims:
        status = claim.status if claim.status in STATUS_LABELS else "unverified"
        badge = f'<span class="status status-{status}">{STATUS_LABELS[status]}</span>'
        when = esc(claim.status_line())
        if claim.date:
            when = when.replace(
                esc(claim.date), f'<time datetime="{esc(claim.date)}">{esc(claim.date)}</time>', 1
            )
        out.append(f'<tr><th scope="row">{esc(claim.sentence)}</th><td>{badge} {when}</td></tr>')
    out += ["</tbody>", "</table>", "</div>", "</section>"]
    return out


def render(pages: Sequence[AppPage]) -> str:
    if len(pages) == 1:
        title = f"{pages[0].name}: permissions"
        body = _app(pages[0], 1, 1)
    else:
        title = "Documented permissions"
        body = ["<h1>Documented permissions</h1>", '<ul class="apps">']
        body += [f'<li><a href="#app-{i}">{esc(p.name)}</a></li>' for i, p in enumerate(pages, 1)]
        body.append("</ul>")
        for index, page in enumerate(pages, 1):
            body.append(f'<article aria-labelledby="app-{index}">')
            body += _app(page, index, 2)
            body.append("</article>")
    sources = ", ".join(f"<code>{esc(r)}</code>" for r in dict.fromkeys(p.registry for p in pages))
    policy = f"default-src 'none'; style-src '{_style_hash()}'; base-uri 'none'; form-action 'none'"
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="scopecheck {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    tail = [
        f"<footer>Generated by scopecheck {esc(__version__)} from {sources}.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(head + body + tail) + "\n"
