"""SC103 weak-justification: empty, placeholder, too short, or copied justifications."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
"""
GOOD = "Reads issue fields to evaluate approval rules in the issue panel."
OTHER = "Writes the approval status back to a custom field on the issue."


def registry(read: str, write: str = OTHER) -> str:
    return f"version: 1\nscopes:\n  read:jira-work: {read}\n  write:jira-work: {write}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("TODO", "is a placeholder: 'TODO'", id="todo"),
        pytest.param("tbd", "is a placeholder: 'tbd'", id="tbd-lower-case"),
        pytest.param("Needed.", "is a placeholder: 'Needed.'", id="needed-with-period"),
        pytest.param("n/a", "is a placeholder: 'n/a'", id="n-a"),
        pytest.param(
            "Required by the app", "is a placeholder: 'Required by the app'", id="required-by-the-app"
        ),
        pytest.param(
            "TBD - ask the approvals team what this is for",
            "is a placeholder: 'TBD - ask the approvals team what this …'",
            id="leading-marker-with-more-words",
        ),
        pytest.param("'FIXME: explain why'", "is a placeholder: 'FIXME: explain why'", id="fixme-prefix"),
        pytest.param("''", "is empty", id="empty-quoted"),
        pytest.param("'   '", "is empty", id="blank"),
        pytest.param("Reads issues.", "is too short (2 words; at least 4)", id="two-words"),
        pytest.param("Reads the issues", "is too short (3 words; at least 4)", id="three-words"),
        pytest.param(OTHER.upper(), "is copied from `read:jira-work`", id="copied-ignoring-case"),
        pytest.param(
            OTHER.replace(" ", "  ").rstrip("."),
            "is copied from `read:jira-work`",
            id="copied-ignoring-spacing",
        ),
    ],
)
def test_weak_text(lint_app, text, message):
    # write:jira-work comes second, so a copy is reported on it; every other case on read:jira-work
    copied = "copied" in message
    reg = registry(OTHER if copied else text, text if copied else OTHER)
    report = lint_app(MANIFEST, registry=reg, select="SC103")
    line, column = (4, 20) if copied else (3, 19)
    assert positions(report) == [("permissions.yml", line, column, "SC103")]
    key = "write:jira-work" if copied else "read:jira-work"
    assert report.reported[0].message == f"justification for `{key}` {message}"
    assert report.reported[0].subject == key


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GOOD, id="a-sentence"),
        pytest.param("Reads the approval rules", id="exactly-four-words"),
        pytest.param("Reads issues; TODO split by project later", id="todo-not-at-the-start"),
        pytest.param("Needed to show approvers their pending issues", id="starts-with-needed"),
        pytest.param('"Reads issue fields: status, assignee #and labels"', id="quoted-with-punctuation"),
    ],
)
def test_good_text_is_not_flagged(lint_app, text):
    # the second entry is always weak, so the rule is known to be running
    report = lint_app(MANIFEST, registry=registry(text, "TODO"), select="SC103")
    assert positions(report) == [("permissions.yml", 4, 20, "SC103")]


@pytest.mark.parametrize(
    ("registry_text", "expected"),
    [
        pytest.param(
            f"""\
            version: 1
            scopes:
              read:jira-work:
                justification: TODO
                reviewed: 2026-10-01
              write:jira-work:
                justification: >-
                  {OTHER}
            """,
            [("permissions.yml", 4, 20, "SC103")],
            id="long-form-points-at-the-justification",
        ),
        pytest.param(
            f"""\
            version: 1
            scopes:
              read:jira-work:
                owner: approvals-team
              write:jira-work: {OTHER}
            """,
            [("permissions.yml", 4, 5, "SC002")],  # SC002 names the missing key; SC103 stays quiet
            id="missing-justification-is-left-to-sc002",
        ),
        pytest.param(
            f"""\
            version: 1
            scopes:
              read:jira-work:
                justification: 42
              write:jira-work: {OTHER}
            """,
            [("permissions.yml", 4, 20, "SC002")],
            id="number-is-left-to-sc002",
        ),
        pytest.param(
            f"""\
            version: 1
            scopes:
              read:jira-work: {GOOD}
              write:jira-work: {OTHER}
            egress:
              api.example.com: TODO
            content:
              unsafe-inline: {GOOD}
            remotes:
              billing: tbd
            """,
            [
                ("permissions.yml", 6, 20, "SC103"),
                ("permissions.yml", 8, 18, "SC103"),
                ("permissions.yml", 10, 12, "SC103"),
            ],
            id="every-section-is-checked-and-copies-across-sections",
        ),
        pytest.param(
            f"""\
            version: 1
            scopes:
              read:jira-work: {GOOD}
              write:jira-work: {GOOD}
              storage:app: {GOOD}
            """,
            [("permissions.yml", 4, 20, "SC103"), ("permissions.yml", 5, 16, "SC103")],
            id="every-copy-after-the-first",
        ),
        pytest.param(
            """\
            version: 1
            scopes:
              read:jira-work: TODO
              write:jira-work: TODO
            """,
            [("permissions.yml", 3, 19, "SC103"), ("permissions.yml", 4, 20, "SC103")],
            id="same-placeholder-twice-is-two-placeholders-not-a-copy",
        ),
    ],
)
def test_entries(lint_app, registry_text, expected):
    assert positions(lint_app(MANIFEST, registry=registry_text, select="SC103")) == expected


def test_ellipsis_is_a_placeholder(lint_app):
    report = lint_app(MANIFEST, registry=registry("'...'"), select="SC103")
    assert report.reported[0].message == "justification for `read:jira-work` is a placeholder: '...'"


def test_copy_relates_the_original(lint_app):
    report = lint_app(MANIFEST, registry=registry(GOOD, GOOD), select="SC103")
    [finding] = report.reported
    assert finding.message == "justification for `write:jira-work` is copied from `read:jira-work`"
    assert [(r.span.line, r.span.column, r.label) for r in finding.related] == [
        (3, 19, "same text for `read:jira-work`")
    ]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(None, [("permissions.yml", 4, 20, "SC103")], id="default-min-words-4"),
        pytest.param(
            "rules:\n  SC103: {min-words: 11}\n",
            [("permissions.yml", 4, 20, "SC103")],
            id="min-words-11-eleven-words-enough",
        ),
        pytest.param(
            "rules:\n  SC103: {min-words: 12}\n",
            [("permissions.yml", 3, 19, "SC103"), ("permissions.yml", 4, 20, "SC103")],
            id="min-words-12-eleven-words-too-short",
        ),
        pytest.param(
            "rules:\n  weak-justification: {min-words: 3}\n",
            [],
            id="min-words-3-by-name-three-words-enough",
        ),
        pytest.param(
            "rules:\n  SC103: {placeholders: [Reads issue fields to evaluate approval rules in the issue panel]}\n",
            [("permissions.yml", 3, 19, "SC103"), ("permissions.yml", 4, 20, "SC103")],
            id="custom-placeholder-whole-text",
        ),
    ],
)
def test_options(tmp_path, policy, expected):
    # GOOD has 11 words, the second entry 3
    app = write_app(tmp_path, MANIFEST, registry(GOOD, "Reads the issues"), policy)
    assert positions(run_lint([app], cwd=tmp_path, select="SC103")) == expected


def test_too_short_message_uses_min_words(lint_app):
    report = lint_app(
        MANIFEST, registry=registry(GOOD), policy="rules:\n  SC103: {min-words: 12}\n", select="SC103"
    )
    assert (
        report.reported[0].message
        == "justification for `read:jira-work` is too short (11 words; at least 12)"
    )


def test_custom_placeholder_is_any_case(lint_app):
    report = lint_app(
        MANIFEST,
        registry=registry("See the wiki page for details!"),
        policy="rules:\n  SC103: {placeholders: [see the WIKI page for details]}\n",
        select="SC103",
    )
    assert (
        report.reported[0].message
        == "justification for `read:jira-work` is a placeholder: 'See the wiki page for details!'"
    )


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param(None, Severity.WARNING, id="default"),
        pytest.param("rules:\n  SC103: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  weak-justification: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(tmp_path, policy, severity):
    app = write_app(tmp_path, MANIFEST, registry("TODO"), policy)
    report = run_lint([app], cwd=tmp_path, select="SC103")
    assert [(f.span.line, f.severity) for f in report.reported] == [(3, severity)]


def test_off_and_ignore(tmp_path):
    weak = registry("TODO", "tbd")
    off = write_app(tmp_path / "off", MANIFEST, weak, "rules:\n  SC103: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC103") == []
    ign = write_app(
        tmp_path / "ign", MANIFEST, weak, "rules:\n  weak-justification: {ignore: [read:jira-work]}\n"
    )
    report = run_lint([ign], cwd=tmp_path, select="SC103")
    assert positions(report) == [("permissions.yml", 4, 20, "SC103")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:jira-work", "config")]
