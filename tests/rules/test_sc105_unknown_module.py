"""SC105 unknown-module: the registry names a module key the manifest does not have."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: approval-panel
      title: Approvals
  trigger:
    - key: 'on-issue-created'
      function: main
      events: [avi:jira:created:issue]
permissions:
  scopes:
    - read:jira-work
"""
J = "Reads issue fields to evaluate approval rules in the issue panel."


def registry(modules: str) -> str:
    return f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    modules: {modules}\n"


@pytest.mark.parametrize(
    ("manifest", "registry_text", "expected"),
    [
        pytest.param(
            MANIFEST,
            registry("[approval-panel, on-issue-created, approvals-panel]"),
            [("permissions.yml", 5, 49, "SC105")],
            id="flow-list-one-typo",
        ),
        pytest.param(
            MANIFEST,
            registry("\n      - approval-panel\n      - 'gone-module'\n      - on-issue-created\n"),
            [("permissions.yml", 7, 9, "SC105")],
            id="block-list-quoted-item",
        ),
        pytest.param(
            MANIFEST,
            registry("[Approval-Panel]"),
            [("permissions.yml", 5, 15, "SC105")],
            id="keys-are-case-sensitive",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n",
            registry("[approval-panel, main]"),
            [("permissions.yml", 5, 15, "SC105"), ("permissions.yml", 5, 31, "SC105")],
            id="manifest-without-modules",
        ),
        pytest.param(
            MANIFEST,
            registry("[main, jira:issuePanel]"),
            [("permissions.yml", 5, 15, "SC105"), ("permissions.yml", 5, 21, "SC105")],
            id="function-names-and-module-types-are-not-keys",
        ),
        pytest.param(
            MANIFEST + "modules:\n  jira:globalPage:\n    - key: settings-page\n",
            registry("[approval-panel, settings-page, nope]"),
            [("manifest.yml", 12, 1, "SC001"), ("permissions.yml", 5, 46, "SC105")],
            id="keys-from-both-duplicated-modules-sections",
        ),
        pytest.param(
            MANIFEST,
            f"""\
            version: 1
            scopes:
              read:jira-work: {J}
            egress:
              api.example.com:
                justification: Sends approval notifications to the chat tool of the customer.
                modules: [approval-panel, notifier]
            content:
              unsafe-inline:
                justification: The charting library of the panel injects inline styles.
                modules: [chart]
            remotes:
              billing:
                justification: Sends usage counts to the vendor billing service for plans.
                modules: [on-issue-created]
            """,
            [("permissions.yml", 7, 31, "SC105"), ("permissions.yml", 11, 15, "SC105")],
            id="every-section",
        ),
    ],
)
def test_unknown_module(lint_app, manifest, registry_text, expected):
    assert positions(lint_app(manifest, registry=registry_text, select="SC105")) == expected


def test_non_string_module_item_is_a_schema_error_not_a_crash(lint_app):
    report = lint_app(MANIFEST, registry=registry("[42, approvals-panel]"), select="SC105")
    assert positions(report) == [("permissions.yml", 5, 15, "SC002"), ("permissions.yml", 5, 19, "SC105")]


@pytest.mark.parametrize(
    ("module", "hint"),
    [
        pytest.param("approvals-panel", "did you mean `approval-panel`?", id="near-miss"),
        pytest.param("on-issue-create", "did you mean `on-issue-created`?", id="near-miss-trigger"),
        pytest.param("billing-sync", "use a `key` from `modules:` in the manifest", id="far-off"),
    ],
)
def test_suggestion(lint_app, module, hint):
    report = lint_app(MANIFEST, registry=registry(f"[{module}]"), select="SC105")
    [finding] = report.reported
    assert finding.help == hint
    assert finding.message == f"module `{module}` (for `read:jira-work`) is not in app/manifest.yml"
    assert finding.subject == f"read:jira-work:{module}"
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC105: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  unknown-module: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(MANIFEST, registry=registry("[nope]"), policy=policy, select="SC105")
    assert [(f.span.line, f.severity) for f in report.reported] == [(5, severity)]


def test_off_and_ignore_by_entry_and_module(tmp_path):
    text = registry("[nope, gone]")
    off = write_app(tmp_path / "off", MANIFEST, text, "rules:\n  unknown-module: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC105") == []
    ign = write_app(tmp_path / "ign", MANIFEST, text, "rules:\n  SC105: {ignore: ['read:jira-work:gone']}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC105")
    assert positions(report) == [("permissions.yml", 5, 15, "SC105")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:jira-work:gone", "config")]
