"""SC302 wildcard-egress: `*`, `*.com`, shared hosts are errors; `*.example.com` is a warning."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


def manifest(*items: str) -> str:
    body = "".join(f"        - {item}\n" for item in items)
    return f"permissions:\n  external:\n    fetch:\n      backend:\n{body}"


@pytest.mark.parametrize(
    ("address", "severity", "why"),
    [
        pytest.param("'*'", Severity.ERROR, "matches every host on the internet", id="star"),
        pytest.param("https://*", Severity.ERROR, "matches every host on the internet", id="https-star"),
        pytest.param(
            "'https://*:443/'", Severity.ERROR, "matches every host on the internet", id="star-port-path"
        ),
        pytest.param("'*.com'", Severity.ERROR, "covers every `.com` domain", id="tld"),
        pytest.param(
            "'*.co.uk'", Severity.ERROR, "covers every domain registered under `.co.uk`", id="co-uk"
        ),
        pytest.param(
            "'https://*.com.au'",
            Severity.ERROR,
            "covers every domain registered under `.com.au`",
            id="com-au",
        ),
        pytest.param(
            "'*.herokuapp.com'",
            Severity.ERROR,
            "covers every tenant of the shared host `herokuapp.com`, where anyone can get a subdomain",
            id="herokuapp",
        ),
        pytest.param(
            "'*.s3.amazonaws.com'",
            Severity.ERROR,
            "covers every tenant of the shared host `s3.amazonaws.com`, where anyone can get a subdomain",
            id="under-a-shared-host",
        ),
        pytest.param(
            "'*.atlassian.net'",
            Severity.ERROR,
            "covers every tenant of the shared host `atlassian.net`, where anyone can get a subdomain",
            id="atlassian-net",
        ),
        pytest.param(
            "'*example.com'",
            Severity.ERROR,
            "a wildcard is only valid as the whole first label (`*.example.com`)",
            id="partial-label",
        ),
        pytest.param(
            "'api.*.example.com'",
            Severity.ERROR,
            "a wildcard is only valid as the whole first label (`*.example.com`)",
            id="inner-label",
        ),
        pytest.param(
            "'*.*.example.com'",
            Severity.ERROR,
            "a wildcard is only valid as the whole first label (`*.example.com`)",
            id="two-wildcards",
        ),
        pytest.param(
            "'*.example.com'", Severity.WARNING, "allows every subdomain", id="named-domain-warning"
        ),
        pytest.param(
            "'https://*.Example.com/api'",
            Severity.WARNING,
            "allows every subdomain",
            id="named-with-scheme-and-path",
        ),
        pytest.param("'*.example.co.uk'", Severity.WARNING, "allows every subdomain", id="named-under-co-uk"),
        pytest.param(
            "'*.mycompany.herokuapp.com'",
            Severity.ERROR,
            "covers every tenant of the shared host",
            id="deep-shared",
        ),
    ],
)
def test_wildcard(lint_app, address, severity, why):
    report = lint_app(manifest("api.example.com", address), select="SC302")
    assert positions(report) == [("manifest.yml", 6, 11, "SC302")]
    [finding] = report.reported
    assert finding.severity is severity
    assert why in finding.message
    assert finding.subject == address.strip("'")


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("api.example.com", id="plain-host"),
        pytest.param("https://example.com/*", id="star-in-path"),
        pytest.param("'https://example.com/?q=*'", id="star-in-query"),
        pytest.param("http://localhost:8080", id="no-wildcard"),
    ],
)
def test_not_a_wildcard(lint_app, address):
    # the first item is always a wildcard, so the rule is known to run
    report = lint_app(manifest("'*'", address), select="SC302")
    assert positions(report) == [("manifest.yml", 5, 11, "SC302")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "permissions:\n  external:\n    images: ['*', img.example.com, '*.example.com']\n",
            [("manifest.yml", 3, 14, "SC302"), ("manifest.yml", 3, 36, "SC302")],
            id="flow-list-images",
        ),
        pytest.param(
            manifest("{address: '*'}", "address: '*.com'", "remote: billing"),
            [("manifest.yml", 5, 21, "SC302"), ("manifest.yml", 6, 20, "SC302")],
            id="address-items",
        ),
        pytest.param(
            "permissions:\n  external:\n    frames: ['*.example.com']\npermissions:\n  external:\n    fonts: ['*']\n",
            [
                ("manifest.yml", 3, 14, "SC302"),
                ("manifest.yml", 4, 1, "SC001"),
                ("manifest.yml", 6, 13, "SC302"),
            ],
            id="duplicated-permissions",
        ),
        pytest.param(
            'permissions:\n  external:\n    fetch:\n      client: ["*"]\n'
            "remotes:\n  - key: r\n    baseUrl: 'https://*.example.com'\n",
            [("manifest.yml", 4, 16, "SC302")],
            id="remote-base-urls-are-not-checked",
        ),
    ],
)
def test_positions(lint_app, text, expected):
    assert positions(lint_app(text, select="SC302")) == expected


def test_fragment_does_not_hide_a_tld_wildcard(lint_app):
    report = lint_app(manifest("'https://*.com#.example.com'"), select="SC302")
    assert [(f.span.line, f.severity) for f in report.reported] == [(5, Severity.ERROR)]


def test_help_depends_on_breadth(lint_app):
    report = lint_app(manifest("'*.example.com'", "'*'"), select="SC302")
    assert [f.help for f in report.reported] == [
        "list the subdomains the app calls, if you know them",
        "list the exact hosts the app calls",
    ]
    assert report.reported[1].message == "wildcard egress `*` matches every host on the internet"


@pytest.mark.parametrize(
    ("policy", "named", "broad"),
    [
        pytest.param(None, Severity.WARNING, Severity.ERROR, id="default"),
        pytest.param("rules:\n  SC302: error\n", Severity.ERROR, Severity.ERROR, id="configured-error-wins"),
        pytest.param("rules:\n  wildcard-egress: info\n", Severity.INFO, Severity.INFO, id="by-name-info"),
        pytest.param(
            "rules:\n  SC302: {severity: warning}\n", Severity.WARNING, Severity.WARNING, id="mapping-warning"
        ),
    ],
)
def test_severity(lint_app, policy, named, broad):
    report = lint_app(manifest("'*.example.com'", "'*'"), policy=policy, select="SC302")
    assert [(f.span.line, f.severity) for f in report.reported] == [(5, named), (6, broad)]


def test_off_and_ignore(tmp_path):
    text = manifest("'*'", "'*.example.com'")
    off = write_app(tmp_path / "off", text, None, "rules:\n  SC302: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC302") == []
    ign = write_app(tmp_path / "ign", text, None, "rules:\n  wildcard-egress: {ignore: ['*.example.com']}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC302")
    assert positions(report) == [("manifest.yml", 5, 11, "SC302")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("*.example.com", "config")]
