"""The URL standard reads a host whose last label is a number as an IPv4 address, each part
decimal, octal (`010`) or hex (`0x7f`): `https://0x7f.0.0.1/` reaches 127.0.0.1. Review 35
(case D15) found a certain SC404 on the manifest's `https://127.0.0.1`, which such a fetch
reaches (`--fix` would drop the entry the app needs), and a certain SC403 on the fetch."""

from __future__ import annotations

import pytest
from test_review_holes_round26 import UI_KIT_EGRESS

from scopecheck.core.addresses import canonical_host


@pytest.mark.parametrize(
    ("host", "read"),
    [
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7F.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("203.000.113.010", "203.0.113.8"),
        ("1.2.3", "1.2.0.3"),
        ("127.0.0.1", "127.0.0.1"),
        ("example.com", "example.com"),
        ("api.v2", "api.v2"),
        ("09.1.1.1", "09.1.1.1"),  # not valid octal: no URL with it can be fetched
        ("256.1.1.1", "256.1.1.1"),
        ("1.2.3.4.5", "1.2.3.4.5"),
    ],
)
def test_a_host_read_as_an_ipv4_address_is_written_dotted(host, read):
    assert canonical_host(host) == read


@pytest.mark.parametrize(
    ("declared", "url"),
    [("https://127.0.0.1", "https://0x7f.0.0.1/x"), ("https://0x7f.1", "https://127.0.0.1/x")],
    ids=["fetched-in-hex", "declared-in-hex"],
)
def test_an_ipv4_address_spelled_otherwise_names_the_same_host(lint_app, declared, url):
    manifest = UI_KIT_EGRESS.replace("        - 'https://api.a.com'\n", f"        - '{declared}'\n")
    files = {
        "package.json": '{"dependencies": {"@forge/react": "^10", "react": "^18"}}',
        "src/frontend/index.jsx": f"export const go = () => fetch('{url}');\ngo();\n",
    }
    report = lint_app(manifest, files=files, select="SC404,SC403")
    assert [(f.rule, f.subject) for f in report.reported] == []
