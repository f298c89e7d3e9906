"""SC404 unused-egress: declared fetch hosts that no code reaches."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.findings import Confidence, Severity

FETCH = """\
import { fetch } from '@forge/api';

export const run = () => fetch('https://hooks.slack.com/services/T/B/X', { method: 'POST' });
"""


def manifest(*backend: str, images: str = "") -> str:
    hosts = "".join(f"        - {h}\n" for h in backend)
    return (
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        f"permissions:\n  external:\n    fetch:\n      backend:\n{hosts}{images}"
    )


@pytest.mark.parametrize(
    ("hosts", "expected"),
    [
        (("https://hooks.slack.com",), []),
        (("https://hooks.slack.com", "https://api.old.example"), [("manifest.yml", 10, 11, "SC404")]),
        (("'*.slack.com'",), []),
        (("api.old.example", "hooks.slack.com"), [("manifest.yml", 9, 11, "SC404")]),
    ],
)
def test_unused_egress(lint_app, hosts, expected):
    report = lint_app(manifest(*hosts), files={"src/index.js": FETCH}, select="SC404")
    assert positions(report) == expected


def test_images_and_other_kinds_are_not_judged(lint_app):
    images = "    images:\n      - https://cdn.example.com\n"
    report = lint_app(
        manifest("hooks.slack.com", images=images), files={"src/index.js": FETCH}, select="SC404"
    )
    assert positions(report) == []


def test_no_code_no_finding(lint_app):
    assert positions(lint_app(manifest("api.old.example"), select="SC404")) == []


def test_dynamic_url_makes_it_unsure(lint_app):
    code = FETCH + "export const other = (url) => fetch(url);\n"
    report = lint_app(
        manifest("hooks.slack.com", "api.old.example"), files={"src/index.js": code}, select="SC404"
    )
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert finding.severity is Severity.INFO
    assert "built at run time: app/src/index.js:4" in finding.message
