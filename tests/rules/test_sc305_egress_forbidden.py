"""SC305 egress-forbidden: egress or remotes where the policy says `egress: none` / `allowlist`."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - https://api.example.com
        - example.com
        - address: hooks.partner.io
        - remote: billing
      client:
        - '*.example.com'
    images:
      - https://img.cdn.net/logo.png
remotes:
  - key: billing
    baseUrl: https://billing.example.com
  - key: legacy
    baseUrl: http://legacy.partner.io:8080
  - key: nourl
"""
API = ("manifest.yml", 7, 11, "SC305")
APEX = ("manifest.yml", 8, 11, "SC305")
HOOKS = ("manifest.yml", 9, 20, "SC305")
WILD = ("manifest.yml", 12, 11, "SC305")
IMG = ("manifest.yml", 14, 9, "SC305")
BILLING = ("manifest.yml", 16, 10, "SC305")
LEGACY = ("manifest.yml", 18, 10, "SC305")
NOURL = ("manifest.yml", 20, 10, "SC305")


def allow(*patterns: str) -> str:
    items = ", ".join(f"'{p}'" for p in patterns)
    return f"policy:\n  egress: allowlist\n  allow-egress: [{items}]\n"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(
            "policy:\n  egress: none\n",
            [API, APEX, HOOKS, WILD, IMG, BILLING, LEGACY, NOURL],
            id="none-forbids-every-host-and-remote-but-not-remote-items-twice",
        ),
        pytest.param(allow(), [API, APEX, HOOKS, WILD, IMG, BILLING, LEGACY, NOURL], id="empty-allowlist"),
        pytest.param(
            allow("*.example.com"), [APEX, HOOKS, IMG, LEGACY, NOURL], id="subdomains-only-not-the-apex"
        ),
        pytest.param(
            allow("example.com", "api.example.com"),
            [HOOKS, WILD, IMG, BILLING, LEGACY, NOURL],
            id="exact-hosts",
        ),
        pytest.param(
            allow("https://*.example.com", "https://hooks.partner.io/", "img.cdn.net:443"),
            [APEX, LEGACY, NOURL],
            id="patterns-written-as-urls",
        ),
        pytest.param(allow("*.partner.io", "*.cdn.net", "*"), [NOURL], id="star-allows-every-host"),
        pytest.param(
            allow("API.EXAMPLE.COM"), [APEX, HOOKS, WILD, IMG, BILLING, LEGACY, NOURL], id="case-insensitive"
        ),
        # only exact hosts and `*.domain`: `*partner.io` would also allow evilpartner.io
        pytest.param(
            allow("*.Example.com", "*partner.io"), [APEX, HOOKS, IMG, LEGACY, NOURL], id="no-fnmatch-globs"
        ),
    ],
)
def test_egress_forbidden(lint_app, policy, expected):
    assert positions(lint_app(MANIFEST, policy=policy, select="SC305")) == expected


@pytest.mark.parametrize(
    "policy",
    [
        pytest.param(None, id="no-policy"),
        pytest.param("policy:\n  egress: any\n", id="any"),
        pytest.param(
            "policy:\n  allow-egress: ['*.example.com']\n", id="allow-egress-without-allowlist-mode"
        ),
    ],
)
def test_any_allows_everything(tmp_path, policy):
    none = write_app(tmp_path / "none", MANIFEST, None, "policy:\n  egress: none\n")
    assert len(positions(run_lint([none], cwd=tmp_path, select="SC305"))) == 8
    app = write_app(tmp_path / "any", MANIFEST, None, policy)
    assert positions(run_lint([app], cwd=tmp_path, select="SC305")) == []


def test_bad_egress_mode_is_sc002(lint_app):
    report = lint_app(MANIFEST, policy="policy:\n  egress: nowhere\n", select="SC305")
    assert positions(report) == [(".scopecheck.yml", 2, 11, "SC002")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "permissions:\n  external:\n    fetch:\n      backend: [a.example.com, 'b.example.com']\n",
            [("manifest.yml", 4, 17, "SC305"), ("manifest.yml", 4, 32, "SC305")],
            id="flow-list-quoted",
        ),
        pytest.param(
            "permissions:\n  external:\n    fonts: [a.example.com]\npermissions:\n  external:\n    frames: [b.example.com]\n",
            [
                ("manifest.yml", 3, 13, "SC305"),
                ("manifest.yml", 4, 1, "SC001"),
                ("manifest.yml", 6, 14, "SC305"),
            ],
            id="duplicated-permissions",
        ),
        pytest.param(
            "permissions:\n  external:\n    fetch:\n      backend: [{address: a.example.com}, {remote: r}]\n"
            "remotes:\n  - key: r\n",
            [("manifest.yml", 4, 27, "SC305"), ("manifest.yml", 6, 10, "SC305")],
            id="remote-item-reported-once-at-the-remote",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\n  external:\n    images: [i.example.com]\n",
            [("manifest.yml", 4, 14, "SC305")],
            id="scopes-are-not-egress",
        ),
    ],
)
def test_shapes_under_none(lint_app, text, expected):
    assert positions(lint_app(text, policy="policy:\n  egress: none\n", select="SC305")) == expected


@pytest.mark.parametrize(
    ("policy", "messages"),
    [
        pytest.param(
            "policy:\n  egress: none\n",
            [
                "egress to `a.example.com` is forbidden: the policy allows no egress (`egress: none`)",
                "remote `r` is forbidden: the policy allows no egress (`egress: none`)",
            ],
            id="none",
        ),
        pytest.param(
            allow("b.example.com"),
            [
                "egress to `a.example.com` is forbidden: it is not in `policy.allow-egress`",
                "remote `r` is forbidden: its host is not in `policy.allow-egress`",
            ],
            id="allowlist",
        ),
    ],
)
def test_messages(lint_app, policy, messages):
    text = "permissions:\n  external:\n    images: [a.example.com]\nremotes:\n  - key: r\n    baseUrl: https://r.example.com\n"
    report = lint_app(text, policy=policy, select="SC305")
    assert [f.message for f in report.reported] == messages
    assert [f.subject for f in report.reported] == ["a.example.com", "remote:r"]
    assert {f.severity for f in report.reported} == {Severity.ERROR}


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("https://evil.com#.example.com", id="fragment"),
        pytest.param("https://evil.com?.example.com", id="query"),
    ],
)
def test_allowlist_is_not_fooled_by_query_or_fragment(lint_app, address):
    text = f"permissions:\n  external:\n    fetch:\n      backend:\n        - '{address}'\n"
    report = lint_app(text, policy=allow("*.example.com"), select="SC305")
    assert positions(report) == [("manifest.yml", 5, 11, "SC305")]


@pytest.mark.parametrize(
    ("rules", "severity"),
    [
        pytest.param("rules:\n  SC305: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  egress-forbidden: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, rules, severity):
    text = "permissions:\n  external:\n    images: [a.example.com]\n"
    report = lint_app(text, policy="policy:\n  egress: none\n" + rules, select="SC305")
    assert [(f.span.line, f.severity) for f in report.reported] == [(3, severity)]


def test_off_and_ignore(tmp_path):
    policy = "policy:\n  egress: none\n"
    off = write_app(tmp_path / "off", MANIFEST, None, policy + "rules:\n  egress-forbidden: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC305") == []
    ignore = "rules:\n  SC305: {ignore: ['https://api.example.com', example.com, 'remote:billing', 'remote:legacy']}\n"
    ign = write_app(tmp_path / "ign", MANIFEST, None, policy + ignore)
    report = run_lint([ign], cwd=tmp_path, select="SC305")
    assert positions(report) == [HOOKS, WILD, IMG, NOURL]
    assert [f.subject for f in report.ignored] == [
        "https://api.example.com",
        "example.com",
        "remote:billing",
        "remote:legacy",
    ]
