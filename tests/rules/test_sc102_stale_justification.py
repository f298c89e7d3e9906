"""SC102 stale-justification: a registry entry for something the manifest no longer requests."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

READ_ONLY = """\
permissions:
  scopes:
    - read:jira-work
"""

EGRESS_MANIFEST = """\
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - api.example.com
        - address: https://addr.example.com/v1
        - remote: billing
      client:
        - https://CDN.Example.com/assets
  content:
    scripts:
      - unsafe-inline
    styles:
      - unsafe-eval
remotes:
  - key: billing
    baseUrl: https://billing.example.com
"""

J = "Explains in a full sentence what the app does with this permission for admins."


@pytest.mark.parametrize(
    ("manifest", "registry", "expected"),
    [
        pytest.param(
            READ_ONLY,
            f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} Second.\n",
            [("permissions.yml", 4, 3, "SC102")],
            id="scope-no-longer-requested",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\n",
            f"version: 1\nscopes:\n  read:jira-work: {J}\n  storage:app:\n    justification: {J} Two.\n",
            [("permissions.yml", 4, 3, "SC102")],
            id="flow-manifest-long-form-entry-points-at-key",
        ),
        pytest.param(
            "permissions:\n  scopes: {read:jira-work: {allowImpersonation: true}}\n",
            f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} Two.\n",
            [("permissions.yml", 4, 3, "SC102")],
            id="object-form-counts-as-requested",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\npermissions:\n  scopes:\n    - write:jira-work\n",
            f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} Two.\n  storage:app: {J} 3\n",
            [("manifest.yml", 4, 1, "SC001"), ("permissions.yml", 5, 3, "SC102")],
            id="scopes-in-either-duplicated-permissions-section-are-requested",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - ${SCOPE}\n",
            f"version: 1\nscopes:\n  ${{SCOPE}}: {J}\n  read:jira-work: {J} Two.\n",
            [("permissions.yml", 4, 3, "SC102")],
            id="interpolated-scope-matched-verbatim",
        ),
        pytest.param(
            EGRESS_MANIFEST,
            f"""\
            version: 1
            scopes:
              read:jira-work: {J}
            egress:
              https://api.example.com: {J} 1
              addr.example.com: {J} 2
              cdn.example.com:
                justification: {J} 3
              https://gone.example.com: {J} 4
              gone-too.example.com: {J} 5
            content:
              scripts:unsafe-inline: {J} 6
              unsafe-eval: {J} 7
              unsafe-hashes: {J} 8
            remotes:
              billing: {J} 9
              old-remote: {J} 10
            """,
            [
                ("permissions.yml", 9, 3, "SC102"),
                ("permissions.yml", 10, 3, "SC102"),
                ("permissions.yml", 14, 3, "SC102"),
                ("permissions.yml", 17, 3, "SC102"),
            ],
            id="egress-content-remotes-with-and-without-scheme",
        ),
        pytest.param(
            EGRESS_MANIFEST,
            f"""\
            version: 1
            scopes:
              read:jira-work: {J}
            egress:
              api.example.com:443: {J} 1
              addr.example.com: {J} 2
              cdn.example.com: {J} 3
            content:
              styles:unsafe-inline: {J} 6
              scripts:unsafe-eval: {J} 7
              unsafe-inline: {J} 8
            remotes:
              billing: {J} 9
            """,
            [
                ("permissions.yml", 5, 3, "SC102"),
                ("permissions.yml", 9, 3, "SC102"),
                ("permissions.yml", 10, 3, "SC102"),
            ],
            id="port-makes-a-different-host-and-content-kind-must-match",
        ),
        pytest.param(
            "permissions:\n  scopes:\n",
            f"version: 1\nscopes:\n  read:jira-work: {J}\negress:\n  api.example.com: {J} 2\n",
            [("permissions.yml", 3, 3, "SC102"), ("permissions.yml", 5, 3, "SC102")],
            id="manifest-requests-nothing",
        ),
    ],
)
def test_stale_justification(lint_app, manifest, registry, expected):
    assert positions(lint_app(manifest, registry=registry, select="SC102")) == expected


def test_remote_only_referenced_from_egress_is_not_requested(lint_app):
    # a `{remote: key}` egress item needs the remote declared under `remotes:`
    manifest = "permissions:\n  external:\n    fetch:\n      backend:\n        - remote: billing\n"
    report = lint_app(manifest, registry=f"version: 1\nremotes:\n  billing: {J}\n", select="SC102")
    assert positions(report) == [("permissions.yml", 3, 3, "SC102")]


def test_message_and_related_location(lint_app):
    report = lint_app(
        "app:\n  id: x\n" + READ_ONLY,
        registry=f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} Two.\n",
        select="SC102",
    )
    [finding] = report.reported
    assert finding.message == (
        "scope `write:jira-work` is justified in app/permissions.yml but app/manifest.yml does not request it"
    )
    assert finding.subject == "write:jira-work"
    assert finding.severity is Severity.WARNING
    assert [(r.span.path, r.span.line, r.span.column) for r in finding.related] == [
        ("app/manifest.yml", 3, 1)
    ]


def test_egress_message_says_egress_host(lint_app):
    report = lint_app(
        READ_ONLY, registry=f"version: 1\negress:\n  https://gone.example.com: {J}\n", select="SC102"
    )
    assert report.reported[0].message.startswith("egress host `https://gone.example.com` is justified")


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC102: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  stale-justification: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity_override(lint_app, policy, severity):
    registry = f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} Two.\n"
    report = lint_app(READ_ONLY, registry=registry, policy=policy, select="SC102")
    assert [(f.span.line, f.severity) for f in report.reported] == [(4, severity)]


def test_off_and_ignore(tmp_path):
    registry = f"version: 1\nscopes:\n  read:jira-work: {J}\n  write:jira-work: {J} 2\n  storage:app: {J} 3\n"
    on = write_app(tmp_path / "on", READ_ONLY, registry)
    assert len(positions(run_lint([on], cwd=tmp_path), rule="SC102")) == 2
    off = write_app(tmp_path / "off", READ_ONLY, registry, "rules:\n  stale-justification: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC102") == []
    ignored = write_app(tmp_path / "ign", READ_ONLY, registry, "rules:\n  SC102: {ignore: [storage:app]}\n")
    report = run_lint([ignored], cwd=tmp_path, select="SC102")
    assert positions(report) == [("permissions.yml", 4, 3, "SC102")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("storage:app", "config")]
