"""SC101 undocumented-scope: a requested scope with no entry under `scopes:` in the registry."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

READ_ONLY = """\
version: 1
scopes:
  read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
"""

TWO_SCOPES = """\
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
"""


@pytest.mark.parametrize(
    ("manifest", "registry", "expected"),
    [
        pytest.param(
            TWO_SCOPES,
            READ_ONLY,
            [("manifest.yml", 4, 7, "SC101")],
            id="block-list-one-documented-one-not",
        ),
        pytest.param(
            TWO_SCOPES,
            None,
            [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 4, 7, "SC101")],
            id="no-registry-file-every-scope",
        ),
        pytest.param(
            TWO_SCOPES,
            "version: 1\nscopes: {}\n",
            [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 4, 7, "SC101")],
            id="empty-scopes-section",
        ),
        pytest.param(
            TWO_SCOPES,
            "version: 1\nscopes:\n",
            [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 4, 7, "SC101")],
            id="null-scopes-section",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, write:jira-work]\n",
            READ_ONLY,
            [("manifest.yml", 2, 28, "SC101")],
            id="flow-style-list",
        ),
        pytest.param(
            "permissions:\n  scopes: [write:jira-work, read:jira-work, storage:app]\n",
            READ_ONLY,
            [("manifest.yml", 2, 12, "SC101"), ("manifest.yml", 2, 45, "SC101")],
            id="flow-style-list-two-on-one-line",
        ),
        pytest.param(
            "permissions:\n  scopes: {read:jira-work: {allowImpersonation: true}, write:jira-work: {}}\n",
            READ_ONLY,
            [("manifest.yml", 2, 56, "SC101")],
            id="object-form-flow",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                read:jira-work:
                  allowImpersonation: true
                write:jira-work: {}
            """,
            READ_ONLY,
            [("manifest.yml", 5, 5, "SC101")],
            id="object-form-block-points-at-key",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - 'read:jira-work'
                - "write:jira-work"
            """,
            READ_ONLY,
            [("manifest.yml", 4, 7, "SC101")],
            id="quoted-scalars-match-and-point-at-quote",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - write:jira-work
            permissions:
              scopes:
                - storage:app
                - read:jira-work
            """,
            READ_ONLY,
            [
                ("manifest.yml", 3, 7, "SC101"),
                ("manifest.yml", 4, 1, "SC001"),
                ("manifest.yml", 6, 7, "SC101"),
            ],
            id="duplicated-permissions-both-sections-checked",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - write:jira-work
              scopes:
                - storage:app
            """,
            READ_ONLY,
            [
                ("manifest.yml", 3, 7, "SC101"),
                ("manifest.yml", 4, 3, "SC001"),
                ("manifest.yml", 5, 7, "SC101"),
            ],
            id="duplicated-scopes-key-both-lists-checked",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - ${FORGE_SCOPE}\n    - write:jira-work\n",
            READ_ONLY,
            [("manifest.yml", 4, 7, "SC101")],
            id="interpolated-scope-cannot-be-named-in-the-registry",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - ${FORGE_SCOPE}\n    - write:jira-work\n",
            "version: 1\nscopes:\n  ${FORGE_SCOPE}: Chosen per environment by the deploy pipeline for staging.\n",
            [("manifest.yml", 4, 7, "SC101")],
            id="interpolated-scope-documented-verbatim",
        ),
        pytest.param(
            TWO_SCOPES,
            """\
            version: 1
            scopes:
              read:jira-work:
                justification: Reads issue fields to evaluate approval rules in the issue panel.
                reviewed: 2026-10-01
            """,
            [("manifest.yml", 4, 7, "SC101")],
            id="registry-long-form",
        ),
        pytest.param(
            TWO_SCOPES + "    - storage:app\n",
            """\
            version: 1
            scopes:
              read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
              write:jira-work:
                justification: Writes the approval status back to a custom field on the issue.
            """,
            [("manifest.yml", 5, 7, "SC101")],
            id="shorthand-and-long-form-both-document",
        ),
        pytest.param(
            TWO_SCOPES,
            """\
            version: 1
            scopes:
              read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
            egress:
              write:jira-work: Written under the wrong section so it documents no scope at all.
            """,
            [("manifest.yml", 4, 7, "SC101")],
            id="entry-in-another-section-does-not-count",
        ),
        pytest.param(
            TWO_SCOPES,
            """\
            version: 1
            scopes:
              read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
              Write:Jira-Work: Case differs from the manifest so it does not document the scope.
            """,
            [("manifest.yml", 4, 7, "SC101")],
            id="scope-names-are-case-sensitive",
        ),
        pytest.param(
            TWO_SCOPES,
            """\
            version: 1
            scopes:
              read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
            scopes:
              write:jira-work: Writes the approval status back to a custom field on the issue.
            """,
            [("permissions.yml", 4, 1, "SC002")],
            id="duplicated-registry-section-both-read",
        ),
        pytest.param(
            "permissions:\n  scopes:\npermissions:\n  scopes: [storage:app]\n",
            "version: 1\nscopes: {}\n",
            [("manifest.yml", 3, 1, "SC001"), ("manifest.yml", 4, 12, "SC101")],
            id="empty-scopes-section-next-to-a-full-one",
        ),
    ],
)
def test_undocumented_scope(lint_app, manifest, registry, expected):
    assert positions(lint_app(manifest, registry=registry, select="SC101")) == expected


def test_message_names_the_scope_and_the_registry(lint_app):
    report = lint_app(TWO_SCOPES, registry=READ_ONLY, select="SC101")
    [finding] = report.reported
    assert finding.message == "scope `write:jira-work` has no justification in app/permissions.yml"
    assert (
        finding.help == "add `write:jira-work:` with a justification under `scopes:` in app/permissions.yml"
    )
    assert finding.subject == "write:jira-work"
    assert finding.severity is Severity.ERROR


def test_message_says_when_the_registry_file_is_missing(lint_app):
    report = lint_app(TWO_SCOPES, select="SC101")
    assert report.reported[0].message == (
        "scope `read:jira-work` has no justification in app/permissions.yml "
        "(app/permissions.yml does not exist)"
    )


def test_unreadable_registry_is_not_called_missing(tmp_path):
    app = write_app(tmp_path, TWO_SCOPES)
    (app / "permissions.yml").write_bytes(b"version: 1\nscopes:\n  read:jira-work: caf\xe9\n")
    report = run_lint([app], cwd=tmp_path, select="SC101")
    assert ("permissions.yml", 3, 1, "SC002") in positions(report)
    assert all("does not exist" not in f.message for f in report.reported)
    assert "(app/permissions.yml could not be read: see SC002)" in report.reported[0].message


def test_long_scope_is_shortened_in_the_message(lint_app):
    # SC101 leaves scopes Forge does not know to SC201; both keep messages short
    scope = "read:" + "x" * 5000
    report = lint_app(f"permissions:\n  scopes:\n    - {scope}\n", registry="version: 1\n", select="SC201")
    [finding] = report.reported
    assert finding.subject == scope
    assert len(finding.message) < 200
    assert "…" in finding.message


def test_registry_named_in_the_policy(lint_app):
    report = lint_app(
        TWO_SCOPES,
        registry=READ_ONLY,  # permissions.yml is not the registry here
        policy="registry: docs/perms.yml\n",
        files={
            "docs/perms.yml": "version: 1\nscopes:\n  write:jira-work: Writes the approval status back.\n"
        },
        select="SC101",
    )
    assert positions(report) == [("manifest.yml", 3, 7, "SC101")]
    assert "app/docs/perms.yml" in report.reported[0].message


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param(None, Severity.ERROR, id="default"),
        pytest.param("rules:\n  SC101: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  undocumented-scope: info\n", Severity.INFO, id="by-name"),
        pytest.param("rules:\n  sc101: {severity: warning}\n", Severity.WARNING, id="mapping-lower-case-id"),
    ],
)
def test_severity_override(lint_app, policy, severity):
    report = lint_app(TWO_SCOPES, registry=READ_ONLY, policy=policy)
    found = [f for f in report.reported if f.rule_id == "SC101"]
    assert [(f.span.line, f.severity) for f in found] == [(4, severity)]


@pytest.mark.parametrize(
    "policy",
    [
        "rules:\n  SC101: off\n",
        "rules:\n  undocumented-scope: false\n",
        "rules:\n  SC101: {enabled: false}\n",
    ],
)
def test_turned_off(lint_app, policy):
    on = lint_app(TWO_SCOPES, registry=READ_ONLY)
    assert positions(on, rule="SC101") == [("manifest.yml", 4, 7, "SC101")]
    off = lint_app(TWO_SCOPES, registry=READ_ONLY, policy=policy)
    assert positions(off, rule="SC101") == []


def test_config_ignore_by_subject(lint_app):
    manifest = TWO_SCOPES + "    - storage:app\n"
    report = lint_app(
        manifest,
        registry=READ_ONLY,
        policy="rules:\n  SC101: {ignore: [write:jira-work]}\n",
        select="SC101",
    )
    assert positions(report) == [("manifest.yml", 5, 7, "SC101")]
    [ignored] = report.ignored
    assert (ignored.rule_id, ignored.subject, ignored.span.line) == ("SC101", "write:jira-work", 4)
    assert ignored.suppression.kind == "config"
    assert "rules.SC101.ignore" in ignored.suppression.reason


def test_unknown_and_repeated_scopes_are_left_to_sc201_and_sc206(lint_app):
    manifest = "permissions:\n  scopes:\n    - read:jira-works\n    - storage:app\n    - storage:app\n"
    report = lint_app(manifest, registry="version: 1\n", select="SC101")
    assert positions(report) == [("manifest.yml", 4, 7, "SC101")]
