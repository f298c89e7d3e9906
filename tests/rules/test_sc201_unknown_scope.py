"""SC201 unknown-scope: a scope Forge does not know, with the nearest valid name."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n    - read:jira-wrok\n",
            [("manifest.yml", 4, 7, "SC201")],
            id="block-list-typo",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, write:jira-wrk, storage:app]\n",
            [("manifest.yml", 2, 28, "SC201")],
            id="flow-list",
        ),
        pytest.param(
            "permissions:\n  scopes: {read:jira-work: {}, reed:jira-work: {allowImpersonation: true}}\n",
            [("manifest.yml", 2, 32, "SC201")],
            id="object-form-flow",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work:\n      allowImpersonation: true\n    reed:jira-work: {}\n",
            [("manifest.yml", 5, 5, "SC201")],
            id="object-form-block",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - 'read:jira-work'\n    - \"read:jira_work\"\n",
            [("manifest.yml", 4, 7, "SC201")],
            id="quoted-scalars",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-wrok\npermissions:\n  scopes:\n    - write:jira-wrok\n",
            [
                ("manifest.yml", 3, 7, "SC201"),
                ("manifest.yml", 4, 1, "SC001"),
                ("manifest.yml", 6, 7, "SC201"),
            ],
            id="duplicated-permissions-both-checked",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - ${FORGE_SCOPE}\n    - read:${PRODUCT}-work\n    - read:jira-wrok\n",
            [("manifest.yml", 5, 7, "SC201")],
            id="interpolation-is-not-judged",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - read:jira-work
                - storage:app
                - read:issue:jira
                - read:connect-jira
                - read:me
                - nonsense
            """,
            [("manifest.yml", 8, 7, "SC201")],
            id="classic-platform-granular-connect-are-known",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - ' read:jira-work'\n    - 'read:jira-work '\n",
            [("manifest.yml", 3, 7, "SC201"), ("manifest.yml", 4, 7, "SC201")],
            id="surrounding-spaces-are-not-trimmed",
        ),
    ],
)
def test_unknown_scope(lint_app, manifest, expected):
    assert positions(lint_app(manifest, select="SC201")) == expected


@pytest.mark.parametrize(
    ("scope", "near"),
    [
        pytest.param("read:jira-wrok", "read:jira-work", id="transposed"),
        pytest.param("READ:JIRA-WORK", "read:jira-work", id="upper-case"),
        pytest.param("read_jira_work", "read:jira-work", id="underscores-not-colon"),
        pytest.param("write:confluence-contents", "write:confluence-content", id="extra-letter"),
        pytest.param("read:issue:jra", "read:issue:jira", id="granular"),
    ],
)
def test_did_you_mean(lint_app, scope, near):
    report = lint_app(f"permissions:\n  scopes:\n    - {scope}\n", select="SC201")
    [finding] = report.reported
    assert finding.message == f"unknown scope `{scope}`: Forge does not accept it; did you mean `{near}`?"
    assert finding.help == f"replace it with `{near}`"
    assert finding.subject == scope
    assert finding.severity is Severity.ERROR
    [edit] = finding.fix.edits
    assert (edit.start, edit.end, edit.text) == (29, 29 + len(scope), near)
    assert finding.fix.safe is False


def test_fix_edit_covers_the_quotes(lint_app):
    text = "permissions:\n  scopes: ['read:jira-wrok']\n"
    report = lint_app(text, select="SC201")
    [edit] = report.reported[0].fix.edits
    assert text[edit.start : edit.end] == "'read:jira-wrok'"


@pytest.mark.parametrize(
    "scope",
    [
        pytest.param("completely:bogus:thing-xyz", id="far-off"),
        pytest.param("read:" + "x" * 300, id="longer-than-120"),
    ],
)
def test_no_suggestion(lint_app, scope):
    report = lint_app(f"permissions:\n  scopes:\n    - {scope}\n", select="SC201")
    [finding] = report.reported
    assert "did you mean" not in finding.message
    assert finding.help == "run `scopecheck scopes WORD` to find the scope you need"
    assert finding.fix is None


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC201: warning\n", Severity.WARNING, id="by-id"),
        pytest.param("rules:\n  unknown-scope: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app("permissions:\n  scopes: [nope]\n", policy=policy, select="SC201")
    assert [(f.span.line, f.severity) for f in report.reported] == [(2, severity)]


def test_off_and_ignore(tmp_path):
    manifest = "permissions:\n  scopes: [nope, read:my-custom]\n"
    off = write_app(tmp_path / "off", manifest, None, "rules:\n  unknown-scope: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC201") == []
    ign = write_app(tmp_path / "ign", manifest, None, "rules:\n  SC201: {ignore: [read:my-custom]}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC201")
    assert positions(report) == [("manifest.yml", 2, 12, "SC201")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:my-custom", "config")]
