"""`scopecheck docs`: the public permissions page in Markdown, HTML and CSV."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, invoke_cli, write_app
from scopecheck import __version__
from scopecheck.ecosystems import TOOLKIT
from scopecheck.registry.pages import build_page, render
from scopecheck.registry.pages.csv import COLUMNS

APPS = ("approvals-app", "leaky-app", "on-atlassian-app")

HOSTILE_REGISTRY = """\
    version: 1
    app:
      name: "<img src=x onerror=alert(1)> & Co"
    scopes:
      read:jira-work:
        justification: "<script>alert('x')</script> reads | issues [click](javascript:alert(1)) *now*"
        modules: ["<b>panel</b>"]
        data: ["=HYPERLINK(\\"http://evil\\")"]
    egress:
      api.example.com:
        justification: "-2+3 sends \\u001b[31mred\\u001b[0m text"
        user-data: false
    """
HOSTILE_MANIFEST = """\
    permissions:
      scopes:
        - read:jira-work
      external:
        fetch:
          backend:
            - api.example.com
    """


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    return invoke_cli(*args, cwd=cwd)


def copy_example(name: str, tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    return Path(shutil.copytree(EXAMPLES / name, tmp_path / name))


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


class Tables(HTMLParser):
    """Each table as (caption, rows of cell texts), plus every element name seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.tables.append(("", []))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            caption = " ".join("".join(self._caption).split())
            self.tables[-1] = (caption, self.tables[-1][1])
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append(self._row)
            self._row = None

    def handle_data(self, data):
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def parse(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


# --- every example, every format ------------------------------------------------------------


@pytest.mark.parametrize("name", APPS)
def test_init_then_docs_on_every_example(name, tmp_path):
    app_dir = copy_example(name, tmp_path)
    assert cli("init", name, cwd=tmp_path)[0] == 0
    for fmt in ("md", "html", "csv"):
        code, out, err = cli("docs", name, "-f", fmt, "-o", f"page.{fmt}", cwd=tmp_path)
        assert (code, out) == (0, "")
        assert f"Wrote page.{fmt} ({fmt}, 1 app)" in err
    page = build_page(app_dir, toolkit=TOOLKIT, cwd=tmp_path)
    rows = csv_rows((tmp_path / "page.csv").read_text())
    assert [(r["kind"], r["name"]) for r in rows] == [(p.kind, p.name) for p in page.permissions]
    assert all(r["app"] == page.name for r in rows)
    markdown = (tmp_path / "page.md").read_text()
    assert markdown.startswith(f"# {page.name}: permissions\n")
    html = (tmp_path / "page.html").read_text()
    tables = parse(html).tables
    listed = [row[0] for _caption, table in tables for row in table[1:]]
    assert listed == [p.name for p in page.permissions]
    assert not list(tmp_path.glob(".page.*"))  # atomic writes leave no temporary file


def test_several_apps_in_one_page(tmp_path):
    for name in APPS:
        copy_example(name, tmp_path)
    code, out, _err = cli("docs", ".", "--format", "csv", cwd=tmp_path)
    assert code == 0
    rows = csv_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    assert sorted({r["app"] for r in rows}) == [
        "Approvals for Jira",
        "Page checklist for Confluence",
        "leaky-app",
    ]
    code, out, _err = cli("docs", "approvals-app", "on-atlassian-app", cwd=tmp_path)
    assert out.startswith("# Documented permissions\n\n## Approvals for Jira: permissions\n")
    assert "\n## Page checklist for Confluence: permissions\n" in out
    assert "\n### Scopes\n" in out
    code, out, _err = cli("docs", "approvals-app", "on-atlassian-app", "-f", "html", cwd=tmp_path)
    assert '<li><a href="#app-2">Page checklist for Confluence</a></li>' in out


# --- exact content --------------------------------------------------------------------------


def test_csv_of_the_approvals_app(tmp_path):
    copy_example("approvals-app", tmp_path)
    code, _out, _err = cli("docs", "approvals-app", "-f", "csv", "-o", "p.csv", cwd=tmp_path)
    assert code == 0
    out = (tmp_path / "p.csv").read_bytes().decode()
    assert out.startswith(",".join(COLUMNS) + "\r\n")  # RFC 4180 line ends
    base = dict.fromkeys(COLUMNS, "") | {"app": "Approvals for Jira"}
    assert csv_rows(out) == [
        base
        | {
            "kind": "scope",
            "name": "read:issue.property:jira",
            "risk": "medium",
            "description": "View issue properties.",
            "justification": "Reads the approval state the app stores on each issue to show it in the issue panel.",
            "modules": "approval-panel",
            "data": "issue properties",
            "reviewed": "2026-11-01",
            "owner": "approvals-team",
        },
        base
        | {
            "kind": "scope",
            "name": "write:issue.property:jira",
            "risk": "high",
            "description": "Create and update issue properties.",
            "justification": "Saves who approved an issue, and when, as an issue property of that issue.",
            "modules": "approval-panel",
            "data": "issue properties",
            "reviewed": "2026-11-01",
            "owner": "approvals-team",
            "risk_accepted": "SEC-201",
        },
        base
        | {
            "kind": "scope",
            "name": "storage:app",
            "risk": "low",
            "description": "The app's own storage; holds no product data unless the app puts it there.",
            "justification": "Keeps each project's approval rules (approver groups and thresholds) in app storage.",
        },
        base
        | {
            "kind": "egress",
            "name": "https://hooks.slack.com",
            "description": "The app's back end calls it.",
            "justification": "Posts a message to the customer's own Slack webhook when an approval is requested.",
            "data": "issue key; issue summary; approver name",
            "user_data": "true",
            "reviewed": "2026-11-01",
        },
    ]


def test_markdown_of_the_approvals_app(tmp_path):
    copy_example("approvals-app", tmp_path)
    code, out, err = cli("docs", "approvals-app", cwd=tmp_path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:8] == [
        "# Approvals for Jira: permissions",
        "",
        "Every permission Approvals for Jira by Example Software requests in an Atlassian site: "
        "what it allows and why the app needs it.",
        "",
        "At a glance: 3 scopes (1 high risk); 1 host outside Atlassian, which receives user data; "
        "no remote services; no content security relaxations.",
        "",
        "Last reviewed on 2026-11-01 (3 of 4 entries carry a review date).",
        "",
    ]
    start = lines.index("## Scopes") + 2
    assert lines[start : start + 5] == [
        "| Scope | Risk | What it allows | Why the app needs it | Used by | Data |",
        "|---|---|---|---|---|---|",
        "| `read:issue.property:jira` | medium | View issue properties. | Reads the approval state the app "
        "stores on each issue to show it in the issue panel. | approval-panel | issue properties |",
        "| `write:issue.property:jira` | high | Create and update issue properties. | Saves who approved an "
        "issue, and when, as an issue property of that issue. | approval-panel | issue properties |",
        "| `storage:app` | low | The app's own storage; holds no product data unless the app puts it there. "
        "| Keeps each project's approval rules (approver groups and thresholds) in app storage. | – | – |",
    ]
    start = lines.index("## Hosts outside Atlassian (egress)") + 2
    assert lines[start : start + 3] == [
        "| Host | How it is used | Why the app needs it | User data leaves Atlassian | Data |",
        "|---|---|---|---|---|",
        "| `https://hooks.slack.com` | The app's back end calls it. | Posts a message to the customer's own "
        "Slack webhook when an approval is requested. | yes | issue key, issue summary, approver name |",
    ]
    assert "## Remote services\n\nNone: the app declares no remote services.\n" in out
    assert out.endswith(f"---\n\n_Generated by scopecheck {__version__} from `permissions.yml`._\n")


def test_review_dates_and_gaps_are_stated(tmp_path):
    manifest = "permissions:\n  scopes: [read:jira-work, storage:app, write:jira-work]\n"
    registry = """\
        version: 1
        scopes:
          read:jira-work: Reads issue fields to evaluate approval rules.
          storage:app: TODO
        """
    write_app(tmp_path, manifest, registry=registry)
    code, out, err = cli("docs", "app", cwd=tmp_path)
    assert code == 0
    assert "No review date is recorded in the registry." in out
    assert "2 of 3 permissions are not documented yet." in out
    assert "| `storage:app` | low |" in out and out.count("_Not documented yet._") == 2
    assert "The app declares no hosts or services outside Atlassian" in out
    assert (
        err == "scopecheck: warning: app: 2 permission(s) not documented yet: storage:app, write:jira-work\n"
    )
    rows = csv_rows(cli("docs", "app", "-f", "csv", cwd=tmp_path)[1])
    assert [r["justification"] for r in rows] == [
        "Reads issue fields to evaluate approval rules.",
        "TODO",
        "",
    ]


def test_no_registry_is_a_warning_and_every_row_says_so(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: [read:jira-work]\n")
    code, out, err = cli("docs", "app", cwd=tmp_path)
    assert code == 0
    assert "no registry (permissions.yml)" in err and "scopecheck init" in err
    assert "| `read:jira-work` | medium |" in out and "_Not documented yet._" in out


def test_user_data_falls_back_to_the_manifest_and_remotes_are_listed(tmp_path):
    manifest = """\
        permissions:
          external:
            fetch:
              backend:
                - address: api.example.com
                  inScopeEUD: true
                - remote: billing
        remotes:
          - key: billing
            baseUrl: https://billing.example.com
            storage:
              inScopeEUD: false
        """
    registry = "version: 1\nremotes:\n  billing: Reports licence usage to the vendor's billing service.\n"
    write_app(tmp_path, manifest, registry=registry)
    rows = csv_rows(cli("docs", "app", "-f", "csv", cwd=tmp_path)[1])
    assert [(r["kind"], r["name"], r["user_data"], r["description"]) for r in rows] == [
        ("egress", "api.example.com", "true", "The app's back end calls it."),
        ("remote", "billing", "false", "A server outside Atlassian at https://billing.example.com."),
    ]


# --- escaping -------------------------------------------------------------------------------


def test_hostile_text_is_escaped_in_every_format(tmp_path):
    write_app(tmp_path, HOSTILE_MANIFEST, registry=HOSTILE_REGISTRY)
    html = cli("docs", "app", "-f", "html", cwd=tmp_path)[1]
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; reads | issues" in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt; &amp; Co: permissions</title>" in html
    assert "\x1b" not in html and "\\x1b[31mred" in html  # terminal escapes shown, not sent
    assert "javascript:" not in re.sub(r"<td>[^<]*</td>", "", html)  # only inside escaped text

    markdown = cli("docs", "app", cwd=tmp_path)[1]
    assert markdown.startswith("# \\<img src=x onerror=alert(1)\\> \\& Co: permissions\n")
    assert (
        "| \\<script\\>alert('x')\\</script\\> reads \\| issues \\[click\\](javascript:alert(1)) \\*now\\* |"
        in markdown
    )
    assert "| \\<b\\>panel\\</b\\> |" in markdown

    rows = csv_rows(cli("docs", "app", "-f", "csv", cwd=tmp_path)[1])
    assert rows[0]["data"] == '\'=HYPERLINK("http://evil")'  # not a formula in a spreadsheet
    assert rows[1]["justification"].startswith("'-2+3 sends")
    assert rows[1]["user_data"] == "false"


def test_html_is_self_contained_and_accessible(tmp_path):
    copy_example("approvals-app", tmp_path)
    html = cli("docs", "approvals-app", "-f", "html", cwd=tmp_path)[1]
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    # nothing to fetch: no scripts, links to files, images or fonts
    assert not re.search(r"<(script|link|img|iframe|object)\b|src=|url\(|@import", html)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"default-src 'none'; style-src 'sha256-{digest}'" in html
    assert "@media print" in style
    tables = parse(html)
    assert [caption for caption, _rows in tables.tables] == [
        "OAuth scopes Approvals for Jira requests (3)",
        "Hosts outside Atlassian that Approvals for Jira can reach (1)",
    ]
    assert html.count("<caption>") == html.count("<table>") == 2
    assert html.count('<th scope="col">') == 6 + 5
    assert html.count('<th scope="row">') == 4
    assert '<time datetime="2026-11-01">2026-11-01</time>' in html


def test_format_follows_the_output_suffix_and_errors_are_one_line(tmp_path):
    copy_example("approvals-app", tmp_path)
    assert cli("docs", "approvals-app", "-o", "perm.csv", cwd=tmp_path)[0] == 0
    assert (tmp_path / "perm.csv").read_text().startswith("app,kind,name")
    assert cli("docs", "approvals-app", "-o", "perm.html", cwd=tmp_path)[0] == 0
    assert (tmp_path / "perm.html").read_text().startswith("<!DOCTYPE html>")
    code, _out, err = cli("docs", "approvals-app", "-o", "no/such/dir/p.md", cwd=tmp_path)
    assert code == 2 and "no/such/dir/p.md: cannot write the page" in err
    (tmp_path / "approvals-app" / "permissions.yml").write_text("version: 1\nscopes: [\n")
    code, out, err = cli("docs", "approvals-app", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith("scopecheck: error: approvals-app/permissions.yml:3:1: invalid YAML")
    assert err.count("\n") == 1
    code, _out, err = cli("docs", "nowhere", cwd=tmp_path)
    assert (code, err) == (2, "scopecheck: error: nowhere: no such file or directory\n")
    (tmp_path / "approvals-app" / "manifest.yml").write_text("permissions: [\n")
    code, _out, err = cli("docs", "approvals-app", cwd=tmp_path)
    assert code == 2 and err.startswith("scopecheck: error: approvals-app/manifest.yml:2:1: invalid YAML")


def test_render_is_pure_and_deterministic(tmp_path):
    app_dir = copy_example("approvals-app", tmp_path)
    page = build_page(app_dir, toolkit=TOOLKIT, cwd=tmp_path)
    for fmt in ("md", "html", "csv"):
        assert render([page], fmt) == render([page], fmt)


# --- the page in a real browser -------------------------------------------------------------


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


BROWSER = _browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no headless Chromium here (CI installs it: apt-get install chromium)"
)


def dump_dom(page: Path, profile: Path) -> str:
    assert BROWSER is not None
    result = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@needs_browser
def test_chromium_renders_the_tables(tmp_path):
    copy_example("approvals-app", tmp_path)
    assert cli("docs", "approvals-app", "-o", "page.html", cwd=tmp_path)[0] == 0
    dom = parse(dump_dom(tmp_path / "page.html", tmp_path / "profile"))
    assert [(caption, rows) for caption, rows in dom.tables] == [
        (
            "OAuth scopes Approvals for Jira requests (3)",
            [
                ["Scope", "Risk", "What it allows", "Why the app needs it", "Used by", "Data"],
                [
                    "read:issue.property:jira",
                    "medium",
                    "View issue properties.",
                    "Reads the approval state the app stores on each issue to show it in the issue panel.",
                    "approval-panel",
                    "issue properties",
                ],
                [
                    "write:issue.property:jira",
                    "high",
                    "Create and update issue properties.",
                    "Saves who approved an issue, and when, as an issue property of that issue.",
                    "approval-panel",
                    "issue properties",
                ],
                [
                    "storage:app",
                    "low",
                    "The app's own storage; holds no product data unless the app puts it there.",
                    "Keeps each project's approval rules (approver groups and thresholds) in app storage.",
                    "–",
                    "–",
                ],
            ],
        ),
        (
            "Hosts outside Atlassian that Approvals for Jira can reach (1)",
            [
                ["Host", "How it is used", "Why the app needs it", "User data leaves Atlassian", "Data"],
                [
                    "https://hooks.slack.com",
                    "The app's back end calls it.",
                    "Posts a message to the customer's own Slack webhook when an approval is requested.",
                    "yes",
                    "issue key, issue summary, approver name",
                ],
            ],
        ),
    ]


@needs_browser
def test_chromium_shows_hostile_text_as_text(tmp_path):
    write_app(tmp_path, HOSTILE_MANIFEST, registry=HOSTILE_REGISTRY)
    assert cli("docs", "app", "-o", "page.html", cwd=tmp_path)[0] == 0
    dom = parse(dump_dom(tmp_path / "page.html", tmp_path / "profile"))
    assert "script" not in dom.tags and "img" not in dom.tags and "b" not in dom.tags
    scopes = dom.tables[0][1]
    assert scopes[1][3] == "<script>alert('x')</script> reads | issues [click](javascript:alert(1)) *now*"
    assert scopes[1][4] == "<b>panel</b>"


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_pass_wcag_aa_contrast():
    from scopecheck.registry.pages.html import CSS

    screen = CSS.split("@media print", 1)[0]
    variables = dict(re.findall(r"--(\w+):\s*(#[0-9a-f]{3,6})", screen))
    checked = 0
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", screen):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{3,6}|var\(--\w+\))", body)
        bg = re.search(r"background:\s*(#[0-9a-f]{3,6}|var\(--\w+\))", body)
        if not fg:
            continue
        colour = fg.group(1)
        colour = variables[colour[6:-1]] if colour.startswith("var(") else colour
        backgrounds = [bg.group(1)] if bg else ["#fff", "#e9f2ff", "#fff4e5", "#f1f2f4"]
        for background in backgrounds:
            background = variables[background[6:-1]] if background.startswith("var(") else background
            assert _contrast(colour, background) >= 4.5, (selector.strip(), colour, background)
            checked += 1
    assert checked >= 10


@needs_browser
def test_chromium_renders_the_claims_of_the_trusted_example(tmp_path):
    copy_example("trusted-app", tmp_path)
    assert cli("docs", "trusted-app", "-o", "page.html", cwd=tmp_path)[0] == 0
    dom = parse(dump_dom(tmp_path / "page.html", tmp_path / "profile"))
    caption, rows = dom.tables[0]
    assert caption == "Claims about Approver Roles for Jira (8)"
    assert rows[0] == ["Claim", "Status"]
    assert [row[0] for row in rows[1:4]] == [
        "Every scope is documented with a clear justification.",
        "We request only the permissions necessary.",
        "No data leaves Atlassian: the app talks to no external servers.",
    ]
    assert all(row[1].startswith("Verified Checked ") for row in rows[1:])
