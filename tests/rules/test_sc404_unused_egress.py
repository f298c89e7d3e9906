"""SC404 unused-egress: declared fetch hosts that no code reaches."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.core.findings import Confidence, Severity

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


def test_images_and_other_asset_kinds_are_only_possibly_unused(lint_app):
    images = "    images:\n      - https://cdn.example.com\n"
    report = lint_app(
        manifest("hooks.slack.com", images=images), files={"src/index.js": FETCH}, select="SC404"
    )
    (finding,) = report.reported
    assert finding.subject.endswith("cdn.example.com") and finding.confidence.name == "LOW"
    assert "a library the front end bundles may load it" in finding.message


SERVICE = (
    "services:\n  - key: summarizer\n    containers:\n      - key: main\n        tag: v1\n"
    "        resources:\n          cpu: '1'\n          memory: 1Gi\n"
)


def test_hosts_a_forge_container_may_fetch_are_only_possibly_unused(lint_app):
    """Review 36, app 81: a container's requests leave through Forge's egress proxy, which
    allows the `fetch.backend` entries; its code is not read."""
    report = lint_app(
        manifest("hooks.slack.com", "api.openai.com") + SERVICE, files={"src/index.js": FETCH}, select="SC404"
    )
    (finding,) = report.reported
    assert finding.subject.endswith("api.openai.com")
    assert finding.confidence is Confidence.LOW and finding.severity is Severity.INFO
    assert "service `summarizer` runs a container whose code scopecheck does not read" in finding.message
    # without the service, the same entry is certainly unused
    (certain,) = lint_app(
        manifest("hooks.slack.com", "api.openai.com"), files={"src/index.js": FETCH}, select="SC404"
    ).reported
    assert certain.confidence is Confidence.HIGH


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
    assert "go to a host not known statically: app/src/index.js:4" in finding.message


@pytest.mark.parametrize(
    ("hosts", "expected"),
    [
        (("http://hooks.slack.com",), [("manifest.yml", 9, 11, "SC404")]),
        (("https://hooks.slack.com:8443",), [("manifest.yml", 9, 11, "SC404")]),
        (("https://hooks.slack.com:443",), []),
        (("'*'",), []),
    ],
)
def test_scheme_and_port_must_agree(lint_app, hosts, expected):
    report = lint_app(manifest(*hosts), files={"src/index.js": FETCH}, select="SC404")
    assert positions(report) == expected


def test_message_names_what_the_code_fetches_instead(lint_app):
    report = lint_app(manifest("http://hooks.slack.com"), files={"src/index.js": FETCH}, select="SC404")
    (finding,) = report.reported
    assert finding.message == (
        "`http://hooks.slack.com` is declared in `fetch.backend` but no fetch in the code reaches it; "
        "the code fetches `https://hooks.slack.com` (Forge matches scheme, host and port)"
    )


def test_auth_provider_remotes_are_not_unused(lint_app):
    """Forge calls an auth provider's remote itself, and wants it declared (SC403)."""
    text = manifest("hooks.slack.com", "https://www.googleapis.com") + (
        "providers:\n  auth:\n    - key: google\n      name: Google\n      type: oauth2\n"
        "      remotes:\n        - google-apis\n"
        "remotes:\n  - key: google-apis\n    baseUrl: https://www.googleapis.com\n"
    )
    assert positions(lint_app(text, files={"src/index.js": FETCH}, select="SC404")) == []
    # without the provider, nothing fetches it
    plain = manifest("hooks.slack.com", "https://www.googleapis.com")
    assert positions(lint_app(plain, files={"src/index.js": FETCH}, select="SC404")) == [
        ("manifest.yml", 10, 11, "SC404")
    ]
