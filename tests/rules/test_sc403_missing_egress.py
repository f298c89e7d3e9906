"""SC403 missing-egress: code fetches a host the manifest does not declare."""

from __future__ import annotations

import pytest

from conftest import positions

FETCH = """\
import { fetch } from '@forge/api';

export const run = () => fetch('https://hooks.slack.com/services/T/B/X', { method: 'POST' });
"""


def manifest(egress: str = "") -> str:
    return (
        "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes: []\n"
        + egress
    )


@pytest.mark.parametrize(
    ("egress", "expected"),
    [
        ("", [("index.js", 3, 26, "SC403")]),
        ("  external:\n    fetch:\n      backend:\n        - https://hooks.slack.com\n", []),
        ("  external:\n    fetch:\n      backend:\n        - hooks.slack.com\n", []),
        ("  external:\n    fetch:\n      backend:\n        - '*.slack.com'\n", []),
        ("  external:\n    fetch:\n      backend:\n        - address: hooks.slack.com\n", []),
        # declared for the browser only: the backend fetch is still missing
        (
            "  external:\n    fetch:\n      client:\n        - hooks.slack.com\n",
            [("index.js", 3, 26, "SC403")],
        ),
        (
            "  external:\n    fetch:\n      backend:\n        - api.slack.com\n",
            [("index.js", 3, 26, "SC403")],
        ),
    ],
)
def test_missing_egress(lint_app, egress, expected):
    report = lint_app(manifest(egress), files={"src/index.js": FETCH}, select="SC403")
    assert positions(report) == expected


def test_message_and_remote_reference(lint_app):
    report = lint_app(manifest(), files={"src/index.js": FETCH}, select="SC403")
    (finding,) = report.reported
    assert (
        finding.message
        == "`hooks.slack.com` is fetched here but not declared in `permissions.external.fetch.backend`"
    )
    assert finding.subject == "hooks.slack.com"
    remote = (
        "  external:\n    fetch:\n      backend:\n        - remote: slack\n"
        "remotes:\n  - key: slack\n    baseUrl: https://hooks.slack.com\n"
    )
    assert positions(lint_app(manifest(remote), files={"src/index.js": FETCH}, select="SC403")) == []


def test_dynamic_urls_are_not_guessed(lint_app):
    code = "import { fetch } from '@forge/api';\nexport const run = (url) => fetch(url);\n"
    assert positions(lint_app(manifest(), files={"src/index.js": code}, select="SC403")) == []
