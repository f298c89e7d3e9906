"""SC002 invalid-registry: a registry or policy file that cannot be read or breaks its schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, positions, run_lint, write_app
from scopecheck.core.engine import lint
from scopecheck.core.findings import Severity
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import TOOLKIT

MANIFEST = "permissions:\n  scopes:\n    - read:jira-work\n"
J = "Reads issue fields to evaluate approval rules in the issue panel."


@pytest.mark.parametrize(
    ("registry", "expected", "message"),
    [
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work:\n    justifcation: {J}\n",
            [("permissions.yml", 4, 5, "SC002")],
            "unknown key `justifcation` in `scopes.read:jira-work`: did you mean `justification`?",
            id="misspelt-justification",
        ),
        pytest.param(
            "version: 2\nscopes: {}\n",
            [("permissions.yml", 1, 10, "SC002")],
            "`version` must be 1, found 2",
            id="wrong-version",
        ),
        pytest.param(
            'version: "1"\n',
            [("permissions.yml", 1, 10, "SC002")],
            "`version` must be 1, found '1'",
            id="quoted-version",
        ),
        pytest.param(
            f"scopes:\n  read:jira-work: {J}\n",
            [("permissions.yml", 1, 1, "SC002")],
            "missing required key 'version'",
            id="missing-version",
        ),
        pytest.param(
            "version: 1\nscope: {}\n",
            [("permissions.yml", 2, 1, "SC002")],
            "unknown key `scope` at the top level: did you mean `scopes`?",
            id="unknown-section",
        ),
        pytest.param(
            "version: 1\nscopes: [read:jira-work]\n",
            [("permissions.yml", 2, 9, "SC002")],
            "`scopes` has the wrong shape: found a list",
            id="section-list",
        ),
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    modules: approval-panel\n",
            [("permissions.yml", 5, 14, "SC002")],
            "`scopes.read:jira-work.modules` must be a list, found a string",
            id="modules-string",
        ),
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    reviewed: 2026-10-01T10:00:00\n",
            [("permissions.yml", 5, 15, "SC002")],
            "`scopes.read:jira-work.reviewed` must be a date like 2026-10-01, found '2026-10-01T10:00:00'",
            id="reviewed-with-time",
        ),
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    user-data: maybe\n",
            [("permissions.yml", 5, 16, "SC002")],
            "`scopes.read:jira-work.user-data` must be a boolean, found a string",
            id="user-data-not-boolean",
        ),
        pytest.param(
            f"version: 1\napp:\n  name: Approvals\n  logo: x.png\nscopes:\n  read:jira-work: {J}\n",
            [("permissions.yml", 4, 3, "SC002")],
            "unknown key `logo` in `app` (allowed: contact, name, vendor)",
            id="unknown-app-key",
        ),
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work: {J}\n  read:jira-work: {J}\n",
            [("permissions.yml", 4, 3, "SC002")],
            "duplicate key `read:jira-work` (first at line 3); YAML keeps only the last one, "
            "so the earlier one is silently lost",
            id="duplicate-entry",
        ),
        pytest.param(
            f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    justification: {J}\n",
            [("permissions.yml", 5, 5, "SC002")],
            "duplicate key `justification` (first at line 4); YAML keeps only the last one, "
            "so the earlier one is silently lost",
            id="duplicate-field",
        ),
        pytest.param(
            "- read:jira-work\n",
            [("permissions.yml", 1, 1, "SC002")],
            "the file must be a mapping, found a list",
            id="top-level-list",
        ),
        pytest.param(
            "", [("permissions.yml", 1, 1, "SC002")], "the file is empty: expected a YAML mapping", id="empty"
        ),
        pytest.param(
            "version: 1\nscopes:\n  read:jira-work: [\n",
            [("permissions.yml", 4, 1, "SC002")],
            "invalid YAML: did not find expected node content (while parsing a flow node)",
            id="malformed",
        ),
        pytest.param(
            "version: !!python/name:os.system 1\n",
            [("permissions.yml", 1, 10, "SC002")],
            "unsupported YAML tag !!python/name:os.system: only plain YAML values are allowed",
            id="unsafe-tag",
        ),
    ],
)
def test_invalid_registry(lint_app, registry, expected, message):
    report = lint_app(MANIFEST, registry=registry, select="SC002")
    assert positions(report) == expected
    assert [f.message for f in report.reported] == [message]
    assert report.reported[0].severity is Severity.ERROR


def test_valid_registry_long_and_short_form(lint_app):
    registry = f"""\
        version: 1
        app: {{name: Approvals, vendor: Example Ltd, contact: security@example.com}}
        scopes:
          read:jira-work:
            justification: {J}
            modules: [approval-panel]
            data: [issue content]
            reviewed: 2026-10-01
            owner: approvals-team
            risk-accepted: SEC-142
          storage:app: {J}
        egress:
          https://api.example.com:
            justification: {J}
            user-data: true
        content:
        remotes: {{}}
        """
    # the second app has a bad registry, so SC002 is known to run
    assert positions(lint_app(MANIFEST, registry=registry, select="SC002")) == []
    assert positions(lint_app(MANIFEST, registry="version: 1\nsecrets: {}\n", select="SC002")) == [
        ("permissions.yml", 2, 1, "SC002")
    ]


def test_impossible_review_date(lint_app):
    registry = f"version: 1\nscopes:\n  read:jira-work:\n    justification: {J}\n    reviewed: 2026-13-45\n"
    assert positions(lint_app(MANIFEST, registry=registry, select="SC002")) == [
        ("permissions.yml", 5, 15, "SC002")
    ]


def test_entries_still_checked_next_to_a_schema_error(lint_app):
    registry = (
        f"version: 1\nscopes:\n  read:jira-work: TODO\n  write:jira-work: {{justification: {J}, oops: 1}}\n"
    )
    report = lint_app(MANIFEST, registry=registry, select="SC002,SC102,SC103")
    assert positions(report) == [
        ("permissions.yml", 3, 19, "SC103"),
        ("permissions.yml", 4, 3, "SC102"),
        ("permissions.yml", 4, 103, "SC002"),  # the unknown key itself
    ]


def test_registry_named_by_the_policy_is_a_directory(lint_app, tmp_path):
    (tmp_path / "app" / "perms").mkdir(parents=True)
    report = lint_app(MANIFEST, policy="registry: perms\n", select="SC002")
    assert positions(report) == [("perms", 1, 1, "SC002")]
    assert report.reported[0].message == "is a directory, not a file"


def test_explicit_registry_that_does_not_exist(tmp_path):
    app = write_app(tmp_path, MANIFEST)
    report = lint([app], CliOverrides(registry=Path("nope.yml"), today=TODAY), cwd=tmp_path, toolkit=TOOLKIT)
    assert positions(report, rule="SC002") == [("nope.yml", 1, 1, "SC002")]
    assert [f.message for f in report.reported if f.rule_id == "SC002"] == ["no such file"]


@pytest.mark.parametrize(
    ("policy", "expected", "message"),
    [
        pytest.param(
            "fail-on: [error]\n",
            [(".scopecheck.yml", 1, 10, "SC002")],
            "`fail-on` must be one of error, warning, info, never, found ['error']",
            id="fail-on-list",
        ),
        pytest.param(
            "rules:\n  SC999: off\n",
            [(".scopecheck.yml", 2, 3, "SC002")],
            "unknown rule `SC999` in `rules`",
            id="unknown-rule-id",
        ),
        pytest.param(
            "rules:\n  not-a-rule: on\n",
            [(".scopecheck.yml", 2, 3, "SC002")],
            "unknown rule `not-a-rule` in `rules`",
            id="unknown-rule-name",
        ),
        pytest.param(
            "rules:\n  SC104: {max-age-days: 10, bogus: 1}\n",
            [(".scopecheck.yml", 2, 29, "SC002")],  # at the option itself
            "SC104 has no option `bogus` (allowed: enabled, severity, ignore, max-age-days, required)",
            id="unknown-option",
        ),
        pytest.param(
            "rules:\n  SC101: {min-words: 3}\n",
            [(".scopecheck.yml", 2, 11, "SC002")],
            "SC101 has no option `min-words` (allowed: enabled, severity, ignore)",
            id="option-of-another-rule",
        ),
        pytest.param(
            "rules:\n  SC101: loud\n",
            [(".scopecheck.yml", 2, 10, "SC002")],
            "`rules.SC101` must be one of off, on, error, warning, info, or a mapping; found 'loud'",
            id="unknown-rule-value",
        ),
        pytest.param(
            "rules:\n  SC101: {severity: loud}\n",
            [(".scopecheck.yml", 2, 21, "SC002")],
            "`rules.SC101.severity` must be one of error, warning, info, found 'loud'",
            id="unknown-severity",
        ),
        pytest.param(
            "rules:\n  SC101: {ignore: read:jira-work}\n",
            [(".scopecheck.yml", 2, 19, "SC002")],
            "`rules.SC101.ignore` must be a list, found a string",
            id="ignore-string",
        ),
        pytest.param(
            "rules:\n  SC002: off\n",
            [(".scopecheck.yml", 2, 3, "SC002")],
            "SC002 reports input that cannot be read; it cannot be turned off or regraded",
            id="sc002-cannot-be-off",
        ),
        pytest.param(
            "policy:\n  egress: nowhere\n",
            [(".scopecheck.yml", 2, 11, "SC002")],
            "`policy.egress` must be one of any, allowlist, none, found 'nowhere'",
            id="egress-mode",
        ),
        pytest.param(
            "policy:\n  deny: []\n",
            [(".scopecheck.yml", 2, 3, "SC002")],
            "unknown key `deny` in `policy` (allowed: allow-egress, deny-scopes, egress, not-app-code, prefer, repository-visibility, risk-acceptance-required, token-default)",
            id="unknown-policy-key",
        ),
        pytest.param(
            "extra: 1\n",
            [(".scopecheck.yml", 1, 1, "SC002")],
            "unknown key `extra` at the top level (allowed: claims, fail-on, policy, registry, rules)",
            id="unknown-top-level-key",
        ),
        pytest.param(
            "rules:\n  SC101: off\nrules:\n  SC102: off\n",
            [(".scopecheck.yml", 3, 1, "SC002")],
            "duplicate key `rules` (first at line 1); YAML keeps only the last one, so the earlier one is silently lost",
            id="duplicate-key",
        ),
        pytest.param(
            'registry: ""\n',
            [(".scopecheck.yml", 1, 11, "SC002")],
            "`registry`: '' should be non-empty",
            id="empty-registry-name",
        ),
        pytest.param(
            "rules: {SC101: off\n",
            [(".scopecheck.yml", 2, 1, "SC002")],
            "invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping)",
            id="malformed",
        ),
    ],
)
def test_invalid_policy(lint_app, policy, expected, message):
    report = lint_app(MANIFEST, policy=policy, select="SC002")
    assert positions(report) == expected
    assert [f.message for f in report.reported] == [message]


def test_unknown_fail_on_is_a_finding_not_a_crash(tmp_path):
    app = write_app(tmp_path, MANIFEST, None, "fail-on: sometimes\n")
    report = run_lint([app], cwd=tmp_path, select="SC002")
    assert positions(report) == [(".scopecheck.yml", 1, 10, "SC002")]


def test_shared_policy_problem_reported_for_a_repository_of_apps(tmp_path):
    (tmp_path / ".scopecheck.yml").write_text("rules:\n  SC999: off\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    for name in ("one", "two"):  # no .git in the apps: the policy search goes up to tmp_path
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.yml").write_text(MANIFEST, encoding="utf-8")
    report = run_lint([tmp_path], cwd=tmp_path, select="SC002")
    assert {(f.span.path, f.span.line, f.rule_id) for f in report.reported} == {
        (".scopecheck.yml", 2, "SC002")
    }


def test_shared_policy_problem_reported_once(tmp_path):
    (tmp_path / ".scopecheck.yml").write_text("rules:\n  SC999: off\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    for name in ("one", "two"):  # no .git in the apps: the policy search goes up to tmp_path
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.yml").write_text(MANIFEST, encoding="utf-8")
    report = run_lint([tmp_path], cwd=tmp_path, select="SC002")
    assert positions(report) == [(".scopecheck.yml", 2, 3, "SC002")]


def test_cannot_be_suppressed_by_a_comment(lint_app):
    report = lint_app(MANIFEST, registry="version: 2  # scopecheck: ignore[SC002]\n", select="SC002")
    assert positions(report) == [("permissions.yml", 1, 10, "SC002")]
    assert report.ignored == ()
