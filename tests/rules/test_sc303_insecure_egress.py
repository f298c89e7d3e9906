"""SC303 insecure-egress: `http://` (and `ws://`) egress and remote base URLs."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


def manifest(*items: str) -> str:
    body = "".join(f"        - {item}\n" for item in items)
    return f"permissions:\n  external:\n    fetch:\n      backend:\n{body}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            manifest("https://api.example.com", "http://api.example.com"),
            [("manifest.yml", 6, 11, "SC303")],
            id="http-next-to-https",
        ),
        pytest.param(
            manifest(
                "api.example.com", "//cdn.example.com", "wss://sock.example.com", "ws://sock.example.com"
            ),
            [("manifest.yml", 8, 11, "SC303")],
            id="no-scheme-and-wss-are-fine-ws-is-not",
        ),
        pytest.param(
            manifest(
                "HTTP://Upper.Example.com",
                "'http://quoted.example.com'",
                "{address: http://flow.example.com}",
            ),
            [
                ("manifest.yml", 5, 11, "SC303"),
                ("manifest.yml", 6, 11, "SC303"),
                ("manifest.yml", 7, 21, "SC303"),
            ],
            id="upper-case-quoted-and-address-item",
        ),
        pytest.param(
            "permissions:\n  external:\n    images: [http://img.example.com]\n    scripts:\n      - http://js.example.com\n",
            [("manifest.yml", 3, 14, "SC303"), ("manifest.yml", 5, 9, "SC303")],
            id="other-kinds",
        ),
        pytest.param(
            "remotes:\n  - key: a\n    baseUrl: http://a.example.com\n  - key: b\n    baseUrl: https://b.example.com\n"
            "  - key: c\n",
            [("manifest.yml", 3, 14, "SC303")],
            id="remote-base-url",
        ),
        pytest.param(
            manifest("http://a.example.com")
            + "permissions:\n  external:\n    fonts: [http://font.example.com]\n",
            [
                ("manifest.yml", 5, 11, "SC303"),
                ("manifest.yml", 6, 1, "SC001"),
                ("manifest.yml", 8, 13, "SC303"),
            ],
            id="duplicated-permissions",
        ),
    ],
)
def test_insecure_egress(lint_app, text, expected):
    assert positions(lint_app(text, select="SC303")) == expected


def test_other_schemes_and_http_in_the_path(tmp_path):
    fine = write_app(
        tmp_path / "fine",
        manifest("ftp://files.example.com", "remote: billing", "https://http.example.com/http://"),
    )
    assert positions(run_lint([fine], cwd=tmp_path, select="SC303")) == []
    bad = write_app(tmp_path / "bad", manifest("ftp://files.example.com", "http://http.example.com/https://"))
    assert positions(run_lint([bad], cwd=tmp_path, select="SC303")) == [("manifest.yml", 6, 11, "SC303")]


def test_message_help_and_fix(lint_app):
    text = manifest("http://api.example.com/v1")
    report = lint_app(text, select="SC303")
    [finding] = report.reported
    assert finding.message == "`http://api.example.com/v1` uses unencrypted http://"
    assert finding.help == "use `https://api.example.com/v1`"
    assert finding.severity is Severity.ERROR
    assert finding.fix.safe  # no code fetches the http:// URL
    [edit] = finding.fix.edits
    start = text.index("http://")
    assert (edit.start, edit.end) == (start, start + len("http://api.example.com/v1"))
    fixed = text[: edit.start] + edit.text + text[edit.end :]
    assert "- https://api.example.com/v1" in fixed


def test_ws_fix(lint_app):
    text = manifest("ws://sock.example.com")
    [finding] = lint_app(text, select="SC303").reported
    [edit] = finding.fix.edits
    assert text[: edit.start] + edit.text + text[edit.end :] == manifest("wss://sock.example.com")


def test_quoted_address_keeps_its_quotes(lint_app):
    text = manifest("'http://q.example.com'")
    [finding] = lint_app(text, select="SC303").reported
    [edit] = finding.fix.edits
    assert text[: edit.start] + edit.text + text[edit.end :] == manifest("'https://q.example.com'")
    assert finding.help == "use `https://q.example.com`"


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC303: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  insecure-egress: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(manifest("http://a.example.com"), policy=policy, select="SC303")
    assert [(f.span.line, f.severity) for f in report.reported] == [(5, severity)]


def test_off_and_ignore(tmp_path):
    text = manifest("http://a.example.com", "http://b.example.com")
    off = write_app(tmp_path / "off", text, None, "rules:\n  insecure-egress: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC303") == []
    ign = write_app(tmp_path / "ign", text, None, "rules:\n  SC303: {ignore: ['http://b.example.com']}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC303")
    assert positions(report) == [("manifest.yml", 5, 11, "SC303")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("http://b.example.com", "config")]
