"""SC204 unaccepted-risk: a scope at or above `risk-acceptance-required` with no `risk-accepted`.

Catalog tiers used here: storage:app low, read:jira-work medium, write:jira-work high,
delete:project:jira and manage:jira-configuration critical (delete:issue:jira is high: `write:jira-work` includes it).
"""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
permissions:
  scopes:
    - storage:app
    - read:jira-work
    - write:jira-work
    - manage:jira-configuration
    - delete:project:jira
"""
REGISTRY = """\
version: 1
scopes:
  storage:app: Stores the approval rules of each project in the app storage.
  write:jira-work:
    justification: Writes the approval status back to a custom field on the issue.
  manage:jira-configuration:
    justification: Creates the approval-chain project roles an admin configures.
    risk-accepted: SEC-142
  delete:project:jira:
    justification: Deletes the sandbox projects an abandoned approval flow created.
"""
# read:jira-work has no entry, so its finding points at the manifest; the others at the registry key
LOW = ("permissions.yml", 3, 3, "SC204")
MEDIUM = ("manifest.yml", 4, 7, "SC204")
HIGH = ("permissions.yml", 4, 3, "SC204")
CRITICAL = ("permissions.yml", 9, 3, "SC204")


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        pytest.param(None, [CRITICAL], id="default-critical"),
        pytest.param("critical", [CRITICAL], id="critical"),
        pytest.param("high", [HIGH, CRITICAL], id="high"),
        pytest.param("medium", [MEDIUM, HIGH, CRITICAL], id="medium"),
        pytest.param("low", [MEDIUM, LOW, HIGH, CRITICAL], id="low"),
    ],
)
def test_tiers(lint_app, tier, expected):
    policy = f"policy:\n  risk-acceptance-required: {tier}\n" if tier else None
    assert positions(lint_app(MANIFEST, registry=REGISTRY, policy=policy, select="SC204")) == expected


def test_never_turns_it_off(tmp_path):
    on = write_app(tmp_path / "on", MANIFEST, REGISTRY)
    assert positions(run_lint([on], cwd=tmp_path, select="SC204")) == [CRITICAL]
    never = write_app(tmp_path / "never", MANIFEST, REGISTRY, "policy:\n  risk-acceptance-required: never\n")
    assert positions(run_lint([never], cwd=tmp_path, select="SC204")) == []


def test_unknown_tier_is_sc002_and_keeps_the_default(lint_app):
    report = lint_app(MANIFEST, registry=REGISTRY, policy="policy:\n  risk-acceptance-required: bogus\n")
    assert positions(report, rule="SC002") == [(".scopecheck.yml", 2, 29, "SC002")]
    assert positions(report, rule="SC204") == [CRITICAL]


@pytest.mark.parametrize(
    ("manifest", "registry", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes: [storage:app, delete:project:jira]\n",
            "version: 1\nscopes: {}\n",  # an empty registry: no registry at all is SC101's alone
            [("manifest.yml", 2, 25, "SC204")],
            id="flow-list-empty-registry",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    delete:project:jira: {allowImpersonation: true}\n",
            "version: 1\nscopes: {}\n",  # an empty registry: no registry at all is SC101's alone
            [("manifest.yml", 3, 5, "SC204")],
            id="object-form",
        ),
        pytest.param(
            "permissions:\n  scopes: ['delete:project:jira', \"admin:connect-jira\"]\n",
            "version: 1\nscopes: {}\n",  # an empty registry: no registry at all is SC101's alone
            [("manifest.yml", 2, 12, "SC204"), ("manifest.yml", 2, 35, "SC204")],
            id="quoted",
        ),
        pytest.param(
            "permissions:\n  scopes: [delete:project:jira]\n",
            "version: 1\nscopes:\n  delete:project:jira: Deletes the sandbox projects an abandoned approval flow created.\n",
            [("permissions.yml", 3, 3, "SC204")],
            id="shorthand-entry-cannot-accept-risk",
        ),
        pytest.param(
            "permissions:\n  scopes: [delete:project:jira]\n",
            "version: 1\nscopes:\n  delete:project:jira:\n    justification: Deletes drafts.\n    risk-accepted: ''\n",
            [("permissions.yml", 3, 3, "SC204"), ("permissions.yml", 5, 20, "SC002")],
            id="empty-risk-accepted-is-not-accepted",
        ),
        pytest.param(
            "permissions:\n  scopes: [delete:project:jira, read:jira-wrok, '${SCOPE}', manage:jira-project]\n",
            "version: 1\nscopes:\n  delete:project:jira:\n    justification: Deletes drafts.\n    risk-accepted: RISK-1\n",
            [("manifest.yml", 2, 61, "SC204")],
            id="accepted-unknown-and-interpolated",
        ),
        pytest.param(
            "permissions:\n  scopes: [manage:jira-configuration]\npermissions:\n  scopes: [delete:project:jira]\n",
            "version: 1\nscopes: {}\n",  # an empty registry: no registry at all is SC101's alone
            [
                ("manifest.yml", 2, 12, "SC204"),
                ("manifest.yml", 3, 1, "SC001"),
                ("manifest.yml", 4, 12, "SC204"),
            ],
            id="duplicated-permissions",
        ),
    ],
)
def test_shapes(lint_app, manifest, registry, expected):
    assert positions(lint_app(manifest, registry=registry, select="SC204")) == expected


def test_message(lint_app):
    report = lint_app(MANIFEST, registry=REGISTRY, select="SC204")
    [finding] = report.reported
    assert (
        finding.message
        == "`delete:project:jira` is a critical-risk scope with no `risk-accepted` in the registry"
    )
    assert finding.help == (
        "add `risk-accepted: <ticket>` to `delete:project:jira:` under `scopes:` in app/permissions.yml once the risk is accepted"
    )
    assert finding.severity is Severity.ERROR
    assert finding.risk == "critical"


@pytest.mark.parametrize(
    ("rules", "severity"),
    [
        pytest.param("rules:\n  SC204: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  unaccepted-risk: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, rules, severity):
    report = lint_app(MANIFEST, registry=REGISTRY, policy=rules, select="SC204")
    assert [(f.span.line, f.severity) for f in report.reported] == [(9, severity)]


def test_off_and_ignore(tmp_path):
    policy = "policy:\n  risk-acceptance-required: high\n"
    off = write_app(tmp_path / "off", MANIFEST, REGISTRY, policy + "rules:\n  unaccepted-risk: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC204") == []
    ign = write_app(
        tmp_path / "ign", MANIFEST, REGISTRY, policy + "rules:\n  SC204: {ignore: [write:jira-work]}\n"
    )
    report = run_lint([ign], cwd=tmp_path, select="SC204")
    assert positions(report) == [CRITICAL]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("write:jira-work", "config")]


def test_message_gives_a_specific_reason(lint_app):
    manifest = "permissions:\n  scopes:\n    - read:app-system-token\n"
    report = lint_app(manifest, registry="version: 1\n", select="SC204")
    assert report.reported[0].message == (
        "`read:app-system-token` is a critical-risk scope (lets a remote call Atlassian APIs as the app, "
        "with every scope it has) with no `risk-accepted` in the registry"
    )


def test_issue_8_19_no_registry_at_all_leaves_it_to_sc101(lint_app):
    report = lint_app("permissions:\n  scopes: [delete:project:jira]\n", select="SC101,SC204")
    assert positions(report) == [("manifest.yml", 2, 12, "SC101")]


def test_issue_8_granular_delete_is_no_riskier_than_the_classic_write(lint_app):
    """Moving from `write:jira-work` (high) to `delete:issue:jira` must not add an SC204."""
    registry = (
        "version: 1\nscopes:\n  {scope}: Deletes the draft issues an abandoned approval flow created.\n"
    )
    for scope in ("write:jira-work", "delete:issue:jira"):
        report = lint_app(
            f"permissions:\n  scopes: [{scope}]\n", registry=registry.format(scope=scope), select="SC204"
        )
        assert positions(report) == [], scope
