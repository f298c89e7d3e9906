"""SC205 classic-scope: a classic scope where granular scopes exist (info by default)."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - read:issue:jira\n    - read:jira-work\n",
            [("manifest.yml", 4, 7, "SC205")],
            id="classic-next-to-granular",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - storage:app
                - read:me
                - read:connect-jira
                - write:issue:jira
                - read:jira-wrok
                - moderate:confluence-content
                - write:confluence-content
            """,
            [("manifest.yml", 9, 7, "SC205")],
            id="platform-connect-granular-unknown-and-classic-without-granular",
        ),
        pytest.param(
            "permissions:\n  scopes: [storage:app, 'write:jira-work', manage:jira-webhook]\n",
            [("manifest.yml", 2, 25, "SC205"), ("manifest.yml", 2, 44, "SC205")],
            id="flow-list-quoted",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-user: {allowImpersonation: true}\n    storage:app: {}\n",
            [("manifest.yml", 3, 5, "SC205")],
            id="object-form",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\npermissions:\n  scopes: [read:jira-user]\n",
            [
                ("manifest.yml", 2, 12, "SC205"),
                ("manifest.yml", 3, 1, "SC001"),
                ("manifest.yml", 4, 12, "SC205"),
            ],
            id="duplicated-permissions",
        ),
    ],
)
def test_classic_scope(lint_app, manifest, expected):
    assert positions(lint_app(manifest, select="SC205")) == expected


def test_message_counts_operations_and_granular_scopes(lint_app):
    report = lint_app("permissions:\n  scopes: [read:jira-work]\n", select="SC205")
    [finding] = report.reported
    assert finding.message == (
        "classic scope `read:jira-work` covers 326 API operations; 60 granular scopes can replace it"
    )
    assert (
        finding.help == "run `scopecheck explain read:jira-work` to pick the granular scopes your calls need"
    )
    assert finding.severity is Severity.INFO
    assert finding.subject == "read:jira-work"


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param(None, Severity.INFO, id="default-info"),
        pytest.param("rules:\n  SC205: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  classic-scope: {severity: error}\n", Severity.ERROR, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(
        "permissions:\n  scopes: [storage:app, read:jira-work]\n", policy=policy, select="SC205"
    )
    assert [(f.span.column, f.severity) for f in report.reported] == [(25, severity)]


def test_info_does_not_fail_the_default_run(lint_app):
    report = lint_app(
        "permissions:\n  scopes: [read:jira-work]\n",
        registry="version: 1\nscopes:\n  read:jira-work: Reads issue fields to evaluate approval rules.\n",
        select="SC0,SC1,SC2,SC3",
    )
    assert positions(report) == [("manifest.yml", 2, 12, "SC205")]
    assert report.apps[0].worst is Severity.INFO


def test_off_and_ignore(tmp_path):
    manifest = "permissions:\n  scopes: [read:jira-work, write:jira-work]\n"
    off = write_app(tmp_path / "off", manifest, None, "rules:\n  SC205: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC205") == []
    ign = write_app(tmp_path / "ign", manifest, None, "rules:\n  classic-scope: {ignore: [read:jira-work]}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC205")
    assert positions(report) == [("manifest.yml", 2, 28, "SC205")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:jira-work", "config")]


CLEANUP = """\
import api, { route } from '@forge/api';

export async function run(key) {
  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`, { method: 'DELETE' });
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'DELETE' });
}
"""
APP = "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n"


def _registry(*scopes: str) -> str:
    why = {
        "write:jira-work": "Deletes the draft issues an abandoned approval flow left behind.",
        "delete:issue:jira": "Deletes the draft issues an abandoned approval flow left behind.",
        "delete:issue.property:jira": "Removes the approval state stored on an issue when a flow is cancelled.",
    }
    return "version: 1\nscopes:\n" + "".join(f"  {s}: {why[s]}\n" for s in scopes)


def test_issue_8_names_the_granular_scopes_the_calls_need(lint_app):
    report = lint_app(
        APP + "    - write:jira-work\n",
        registry=_registry("write:jira-work"),
        files={"src/index.js": CLEANUP},
    )
    [finding] = [f for f in report.reported if f.rule_id == "SC205"]
    assert finding.message == (
        "classic scope `write:jira-work` covers 162 API operations; the app's detected uses of it "
        "need only `delete:issue.property:jira`, `delete:issue:jira`"
    )
    assert finding.help == (
        "replace `write:jira-work` with `delete:issue.property:jira`, `delete:issue:jira` in `permissions.scopes`"
    )
    assert finding.alternatives == (("delete:issue.property:jira", "delete:issue:jira"),)
    assert positions(report) == [("manifest.yml", 7, 7, "SC205")]


def test_issue_8_following_the_advice_keeps_the_app_passing(lint_app):
    """Before: the delete scopes SC205 pointed to were critical, so the swap raised SC204."""
    scopes = ("delete:issue.property:jira", "delete:issue:jira")
    report = lint_app(
        APP + "".join(f"    - {s}\n" for s in scopes),
        registry=_registry(*scopes),
        files={"src/index.js": CLEANUP},
    )
    assert positions(report) == []


def test_issue_8_uses_without_a_granular_set_are_counted(lint_app):
    plan = "  await api.asApp().requestJira(route`/rest/api/3/plans/plan/7/archive`, { method: 'PUT' });\n"
    code = CLEANUP.replace("  return api", plan + "  return api")
    report = lint_app(APP + "    - write:jira-work\n", files={"src/index.js": code}, select="SC205")
    [finding] = report.reported
    assert finding.message == (
        "classic scope `write:jira-work` covers 162 API operations; 1 of the app's detected uses of it "
        "accepts no granular scope, so it cannot be replaced yet (the other uses need only "
        "`delete:issue.property:jira`, `delete:issue:jira`)"
    )
    assert finding.alternatives == ()


def test_issue_8_only_classic_uses_say_nothing(lint_app):
    code = "import api, { route } from '@forge/api';\nexport const run = () => api.asApp().requestJira(route`/rest/api/3/plans/plan/7/archive`, { method: 'PUT' });\n"
    report = lint_app(APP + "    - write:jira-work\n", files={"src/index.js": code}, select="SC205")
    assert positions(report) == []


def test_issue_8_prefer_classic_silences_it(lint_app):
    report = lint_app(
        APP + "    - write:jira-work\n",
        policy="policy:\n  prefer: classic\n",
        files={"src/index.js": CLEANUP},
        select="SC205",
    )
    assert positions(report) == []
