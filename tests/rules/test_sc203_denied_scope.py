"""SC203 denied-scope: a scope matching `policy.deny-scopes` (exact names or globs)."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
permissions:
  scopes:
    - read:jira-work
    - manage:jira-configuration
    - write:issue:jira
    - delete:issue:jira
    - storage:app
"""


def deny(*patterns: str) -> str:
    items = ", ".join(f'"{p}"' for p in patterns)
    return f"policy:\n  deny-scopes: [{items}]\n"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(deny("manage:jira-configuration"), [("manifest.yml", 4, 7, "SC203")], id="exact-name"),
        pytest.param(
            deny("delete:*", "*:issue:jira"),
            [("manifest.yml", 5, 7, "SC203"), ("manifest.yml", 6, 7, "SC203")],
            id="globs",
        ),
        pytest.param(
            deny("[mw]*:jira-*"),
            [("manifest.yml", 4, 7, "SC203")],
            id="character-class",
        ),
        pytest.param(deny("*"), [("manifest.yml", n, 7, "SC203") for n in range(3, 8)], id="star-denies-all"),
        pytest.param(
            deny("storage:?pp", "read:jira-work"),
            [("manifest.yml", 3, 7, "SC203"), ("manifest.yml", 7, 7, "SC203")],
            id="question-mark",
        ),
        pytest.param(
            deny("Manage:Jira-Configuration", "manage:jira", "read:jira-work"),
            [("manifest.yml", 3, 7, "SC203"), ("manifest.yml", 4, 7, "SC203")],
            id="case-insensitive-and-whole-name",
        ),
        pytest.param(
            "policy:\n  deny-scopes:\n    - read:jira-work\n  egress: any\n",
            [("manifest.yml", 3, 7, "SC203")],
            id="block-list",
        ),
    ],
)
def test_denied_scope(lint_app, policy, expected):
    assert positions(lint_app(MANIFEST, policy=policy, select="SC203")) == expected


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, manage:jira-configuration]\n",
            [("manifest.yml", 2, 28, "SC203")],
            id="flow-list",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    manage:jira-configuration: {allowImpersonation: true}\n",
            [("manifest.yml", 3, 5, "SC203")],
            id="object-form",
        ),
        pytest.param(
            'permissions:\n  scopes:\n    - "manage:jira-configuration"\n',
            [("manifest.yml", 3, 7, "SC203")],
            id="quoted",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\npermissions:\n  scopes: [manage:jira-configuration]\n",
            [("manifest.yml", 3, 1, "SC001"), ("manifest.yml", 4, 12, "SC203")],
            id="duplicated-permissions",
        ),
    ],
)
def test_manifest_shapes(lint_app, manifest, expected):
    assert positions(lint_app(manifest, policy=deny("manage:*"), select="SC203")) == expected


def test_no_policy_denies_nothing(tmp_path):
    plain = write_app(tmp_path / "plain", MANIFEST)
    assert positions(run_lint([plain], cwd=tmp_path, select="SC203")) == []
    empty = write_app(tmp_path / "empty", MANIFEST, None, "policy:\n  deny-scopes: []\n")
    assert positions(run_lint([empty], cwd=tmp_path, select="SC203")) == []
    denied = write_app(tmp_path / "denied", MANIFEST, None, deny("storage:app"))
    assert positions(run_lint([denied], cwd=tmp_path, select="SC203")) == [("manifest.yml", 7, 7, "SC203")]


def test_deny_scopes_must_be_a_list(lint_app):
    report = lint_app(MANIFEST, policy="policy:\n  deny-scopes: manage:jira-configuration\n", select="SC203")
    assert positions(report) == [(".scopecheck.yml", 2, 16, "SC002")]


def test_messages(lint_app):
    report = lint_app(MANIFEST, policy=deny("manage:jira-configuration", "delete:*"), select="SC203")
    assert [f.message for f in report.reported] == [
        "scope `manage:jira-configuration` is denied by the policy",
        "scope `delete:issue:jira` is denied by the policy (pattern `delete:*`)",
    ]
    assert report.reported[0].severity is Severity.ERROR
    assert report.reported[0].subject == "manage:jira-configuration"


@pytest.mark.parametrize(
    ("rules", "severity"),
    [
        pytest.param("rules:\n  SC203: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  denied-scope: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, rules, severity):
    report = lint_app(MANIFEST, policy=deny("storage:app") + rules, select="SC203")
    assert [(f.span.line, f.severity) for f in report.reported] == [(7, severity)]


def test_off_and_ignore(tmp_path):
    policy = deny("*:jira-*", "storage:app")
    off = write_app(tmp_path / "off", MANIFEST, None, policy + "rules:\n  denied-scope: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC203") == []
    ign = write_app(tmp_path / "ign", MANIFEST, None, policy + "rules:\n  SC203: {ignore: [storage:app]}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC203")
    assert positions(report) == [("manifest.yml", 3, 7, "SC203"), ("manifest.yml", 4, 7, "SC203")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("storage:app", "config")]
