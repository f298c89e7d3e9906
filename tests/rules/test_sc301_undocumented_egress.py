"""SC301 undocumented-egress: egress hosts, content relaxations and remotes need a justification."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

J = "Explains in a full sentence what the app does with this permission for admins."


def egress_manifest(*items: str, kind: str = "fetch:\n      backend") -> str:
    body = "".join(f"        - {item}\n" for item in items)
    return f"permissions:\n  external:\n    {kind}:\n{body}"


def egress_registry(*keys: str) -> str:
    return "version: 1\negress:\n" + "".join(f"  {key}: {J}\n" for key in keys)


@pytest.mark.parametrize(
    ("manifest", "registry", "expected"),
    [
        pytest.param(
            egress_manifest("api.example.com", "hooks.example.com"),
            egress_registry("api.example.com"),
            [("manifest.yml", 6, 11, "SC301")],
            id="one-documented-one-not",
        ),
        pytest.param(
            egress_manifest("https://api.example.com", "hooks.example.com", "cdn.example.com"),
            egress_registry("api.example.com", "https://hooks.example.com"),
            [("manifest.yml", 7, 11, "SC301")],
            id="scheme-in-manifest-or-registry-only",
        ),
        pytest.param(
            egress_manifest("https://API.Example.COM/v1/notify", "api.example.com:8443"),
            egress_registry("api.example.com"),
            [("manifest.yml", 6, 11, "SC301")],
            id="path-and-case-ignored-port-matters",
        ),
        pytest.param(
            egress_manifest("{address: 'https://addr.example.com'}", "address: other.example.com"),
            egress_registry("addr.example.com"),
            [("manifest.yml", 6, 20, "SC301")],
            id="address-items-flow-and-block",
        ),
        pytest.param(
            egress_manifest("'*.example.com'", "'*'"),
            egress_registry("'*.example.com'"),
            [("manifest.yml", 6, 11, "SC301")],
            id="wildcards-documented-verbatim",
        ),
        pytest.param(
            egress_manifest("remote: billing", "{remote: reporting}")
            + "remotes:\n  - key: billing\n  - key: reporting\n",
            f"version: 1\nremotes:\n  billing: {J}\n",
            [("manifest.yml", 9, 10, "SC301")],
            id="remote-items-are-covered-by-the-remotes-finding",
        ),
        pytest.param(
            egress_manifest("remote: billing") + "remotes:\n  - key: billing\n",
            egress_registry("billing"),
            [("manifest.yml", 7, 10, "SC301")],
            id="remote-documented-under-egress-does-not-count",
        ),
        pytest.param(
            "permissions:\n  external:\n    images: [img.example.com]\n    media: [media.example.com]\n"
            "    scripts: [js.example.com]\n    styles: [css.example.com]\n    frames: [frame.example.com]\n"
            "    fonts: [font.example.com]\n    navigation: [nav.example.com]\n"
            "    fetch:\n      client: [client.example.com]\n",
            egress_registry("img.example.com", "js.example.com", "frame.example.com", "nav.example.com"),
            [
                ("manifest.yml", 4, 13, "SC301"),
                ("manifest.yml", 6, 14, "SC301"),
                ("manifest.yml", 8, 13, "SC301"),
                ("manifest.yml", 11, 16, "SC301"),
            ],
            id="every-egress-kind",
        ),
        pytest.param(
            egress_manifest("a.example.com") + "permissions:\n  external:\n    images: [b.example.com]\n",
            egress_registry("c.example.com"),
            [
                ("manifest.yml", 5, 11, "SC301"),
                ("manifest.yml", 6, 1, "SC001"),
                ("manifest.yml", 8, 14, "SC301"),
            ],
            id="duplicated-permissions-both-checked",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts:\n      - unsafe-inline\n      - unsafe-eval\n"
            "    styles:\n      - unsafe-inline\n      - 'sha256-abc='\n",
            f"version: 1\ncontent:\n  scripts:unsafe-inline: {J}\n  unsafe-eval: {J} 2\n",
            [("manifest.yml", 7, 9, "SC301"), ("manifest.yml", 8, 9, "SC301")],
            id="content-by-value-or-kind-and-value",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: https://billing.example.com\n  - key: reports\n",
            f"version: 1\nremotes:\n  billing: {J}\n",
            [("manifest.yml", 4, 10, "SC301")],
            id="remotes-by-key",
        ),
        pytest.param(
            egress_manifest("api.example.com") + "remotes:\n  - key: billing\n",
            None,
            [("manifest.yml", 5, 11, "SC301"), ("manifest.yml", 7, 10, "SC301")],
            id="no-registry",
        ),
    ],
)
def test_undocumented_egress(lint_app, manifest, registry, expected):
    assert positions(lint_app(manifest, registry=registry, select="SC301")) == expected


def test_csp_quoted_content_matches_its_entry(lint_app):
    manifest = "permissions:\n  content:\n    styles:\n      - \"'unsafe-inline'\"\n      - unsafe-eval\n"
    registry = f"version: 1\ncontent:\n  unsafe-inline: {J}\n"
    report = lint_app(manifest, registry=registry, select="SC102,SC301")
    assert positions(report) == [("manifest.yml", 5, 9, "SC301")]


@pytest.mark.parametrize(
    ("manifest", "subject", "message"),
    [
        pytest.param(
            egress_manifest("api.example.com"),
            "api.example.com",
            "egress to `api.example.com` (fetch.backend) has no justification in app/permissions.yml",
            id="host",
        ),
        pytest.param(
            egress_manifest("remote: billing", kind="fetch:\n      client"),
            "remote:billing",
            "egress to remote `billing` has no justification in app/permissions.yml",
            id="remote-item",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts: [unsafe-eval]\n",
            "scripts:unsafe-eval",
            "content relaxation `unsafe-eval` for scripts has no justification in app/permissions.yml",
            id="content",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n",
            "remote:billing",
            "remote `billing` has no justification in app/permissions.yml",
            id="remote",
        ),
    ],
)
def test_messages(lint_app, manifest, subject, message):
    [finding] = lint_app(manifest, select="SC301").reported
    assert (finding.subject, finding.message) == (subject, message)
    assert finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC301: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  undocumented-egress: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(egress_manifest("api.example.com"), policy=policy, select="SC301")
    assert [(f.span.line, f.severity) for f in report.reported] == [(5, severity)]


def test_off_and_ignore(tmp_path):
    manifest = egress_manifest("api.example.com", "hooks.example.com") + "remotes:\n  - key: billing\n"
    off = write_app(tmp_path / "off", manifest, None, "rules:\n  undocumented-egress: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC301") == []
    policy = "rules:\n  SC301: {ignore: [hooks.example.com, 'remote:billing']}\n"
    ign = write_app(tmp_path / "ign", manifest, None, policy)
    report = run_lint([ign], cwd=tmp_path, select="SC301")
    assert positions(report) == [("manifest.yml", 5, 11, "SC301")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [
        ("hooks.example.com", "config"),
        ("remote:billing", "config"),
    ]
