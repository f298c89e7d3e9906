"""SC104 review-expired: `reviewed` older than `max-age-days`, or missing when `required`.

Ages are measured against conftest.TODAY (2026-11-29).
"""

from __future__ import annotations

import datetime

import pytest

from conftest import TODAY, positions, run_lint, write_app
from scopecheck.core.findings import Severity

MANIFEST = """\
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
    - storage:app
  external:
    fetch:
      backend:
        - api.example.com
"""
READ = "Reads issue fields to evaluate approval rules in the issue panel."
WRITE = "Writes the approval status back to a custom field on the issue."
STORE = "Stores the approval rules of each project in the app storage."
SEND = "Sends approval notifications to the chat tool of the customer."


def registry(read: str = "", write: str = "", storage: str = "", egress: str = "") -> str:
    """Each argument is the `reviewed:` value for that entry ('' leaves it out)."""

    def entry(key: str, text: str, reviewed: str) -> str:
        line = f"  {key}:\n    justification: {text}\n"
        return line + (f"    reviewed: {reviewed}\n" if reviewed else "")

    return (
        "version: 1\nscopes:\n"
        + entry("read:jira-work", READ, read)
        + entry("write:jira-work", WRITE, write)
        + entry("storage:app", STORE, storage)
        + "egress:\n"
        + entry("api.example.com", SEND, egress)
    )


@pytest.mark.parametrize(
    ("registry_text", "expected"),
    [
        pytest.param(
            registry(read="2025-11-29", write="2025-11-28"),
            [("permissions.yml", 8, 15, "SC104")],
            id="365-days-is-fine-366-is-not",
        ),
        pytest.param(
            registry(read="2026-11-29", write="2020-01-15", storage="2027-01-01", egress="2019-06-30"),
            # the future date (line 11) is flagged too: a review cannot have happened yet
            [
                ("permissions.yml", 8, 15, "SC104"),
                ("permissions.yml", 11, 15, "SC104"),
                ("permissions.yml", 15, 15, "SC104"),
            ],
            id="today-future-and-egress-entries",
        ),
        pytest.param(
            registry(write="2020-01-15"),
            [("permissions.yml", 7, 15, "SC104")],
            id="entries-without-reviewed-are-fine-by-default",
        ),
        pytest.param(
            "version: 1\nscopes:\n  read:jira-work: {justification: x y z w, reviewed: 2024-02-29}\n",
            [("permissions.yml", 3, 54, "SC104")],
            id="flow-mapping-leap-day",
        ),
        pytest.param(
            "version: 1\nscopes:\n  read:jira-work: A shorthand entry has no review date to age.\n"
            "  storage:app: {justification: x y z w, reviewed: 2000-01-01}\n",
            [("permissions.yml", 4, 51, "SC104")],
            id="shorthand-entry-is-never-aged",
        ),
    ],
)
def test_review_expired(lint_app, registry_text, expected):
    assert positions(lint_app(MANIFEST, registry=registry_text, select="SC104")) == expected


def test_message_and_help(lint_app):
    report = lint_app(MANIFEST, registry=registry(write="2025-11-28"), select="SC104")
    [finding] = report.reported
    assert finding.message == "`write:jira-work` was last reviewed 2025-11-28, 366 days ago (limit 365)"
    assert finding.help == f"review the entry, then set `reviewed: {TODAY.isoformat()}`"
    assert finding.subject == "write:jira-work"
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(
            None,
            [("permissions.yml", 8, 15, "SC104")],
            id="default-365",
        ),
        pytest.param(
            "rules:\n  SC104: {max-age-days: 30}\n",
            [("permissions.yml", 5, 15, "SC104"), ("permissions.yml", 8, 15, "SC104")],
            id="max-age-days-30",
        ),
        pytest.param(
            "rules:\n  review-expired: {max-age-days: 31}\n",
            [("permissions.yml", 8, 15, "SC104")],
            id="max-age-days-31-by-name",
        ),
        pytest.param(
            "rules:\n  SC104: {max-age-days: 0}\n",
            [
                ("permissions.yml", 5, 15, "SC104"),
                ("permissions.yml", 8, 15, "SC104"),
                ("permissions.yml", 14, 15, "SC104"),
            ],
            id="max-age-days-0",
        ),
        pytest.param(
            "rules:\n  SC104: {required: true}\n",
            [
                ("permissions.yml", 8, 15, "SC104"),
                ("permissions.yml", 9, 3, "SC104"),
            ],
            id="required-flags-the-key-of-an-unreviewed-entry",
        ),
        pytest.param(
            "rules:\n  SC104: {required: true, max-age-days: 10000}\n",
            [("permissions.yml", 9, 3, "SC104")],
            id="required-and-long-limit",
        ),
    ],
)
def test_options(tmp_path, policy, expected):
    # read reviewed 31 days ago, write 366 days ago, storage never, egress yesterday
    text = registry(read="2026-10-29", write="2025-11-28", egress="2026-11-28")
    app = write_app(tmp_path, MANIFEST, text, policy)
    assert positions(run_lint([app], cwd=tmp_path, select="SC104")) == expected


def test_required_message(lint_app):
    report = lint_app(
        MANIFEST, registry=registry(), policy="rules:\n  SC104: {required: true}\n", select="SC104"
    )
    assert [f.message for f in report.reported] == [
        "`read:jira-work` has no `reviewed` date",
        "`write:jira-work` has no `reviewed` date",
        "`storage:app` has no `reviewed` date",
        "`api.example.com` has no `reviewed` date",
    ]
    assert report.reported[0].help == f"add `reviewed: {TODAY.isoformat()}` after reviewing the entry"


@pytest.mark.parametrize(
    ("option", "column"),
    [
        # at the offending value, or at the key of an unknown option
        pytest.param("{max-age-days: -1}", 25, id="negative"),
        pytest.param("{max-age-days: '30'}", 25, id="string"),
        pytest.param("{max-days: 30}", 11, id="unknown-option"),
        pytest.param("{required: sometimes}", 21, id="required-not-boolean"),
    ],
)
def test_bad_options_are_sc002_and_defaults_apply(lint_app, option, column):
    report = lint_app(
        MANIFEST, registry=registry(write="2025-11-28"), policy=f"rules:\n  SC104: {option}\n", select="SC104"
    )
    assert positions(report) == [(".scopecheck.yml", 2, column, "SC002"), ("permissions.yml", 7, 15, "SC104")]


def test_quoted_date_is_aged(lint_app):
    text = registry(write="'2020-01-15'")
    report = lint_app(MANIFEST, registry=text, select="SC002,SC104")
    assert positions(report) == [("permissions.yml", 7, 15, "SC104")]


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC104: error\n", Severity.ERROR, id="by-id"),
        pytest.param(
            "rules:\n  review-expired: {severity: info, max-age-days: 30}\n", Severity.INFO, id="by-name"
        ),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(MANIFEST, registry=registry(write="2020-01-01"), policy=policy, select="SC104")
    assert [(f.span.line, f.severity) for f in report.reported] == [(7, severity)]


def test_off_and_ignore(tmp_path):
    text = registry(read="2020-01-01", write="2020-01-01")
    off = write_app(tmp_path / "off", MANIFEST, text, "rules:\n  SC104: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC104") == []
    ign = write_app(
        tmp_path / "ign", MANIFEST, text, "rules:\n  review-expired: {ignore: [read:jira-work]}\n"
    )
    report = run_lint([ign], cwd=tmp_path, select="SC104")
    assert positions(report) == [("permissions.yml", 8, 15, "SC104")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:jira-work", "config")]


def test_today_moves_the_limit(tmp_path):
    app = write_app(tmp_path, MANIFEST, registry(write="2025-11-28"))
    earlier = run_lint([app], cwd=tmp_path, select="SC104", today=datetime.date(2026, 11, 28))
    assert positions(earlier) == []
    later = run_lint([app], cwd=tmp_path, select="SC104")
    assert positions(later) == [("permissions.yml", 7, 15, "SC104")]


def test_future_review_date_message(lint_app):
    registry = "version: 1\nscopes:\n  storage:app:\n    justification: Keeps each project's rules in storage.\n    reviewed: 2999-01-01\n"
    report = lint_app("permissions:\n  scopes: [storage:app]\n", registry=registry, select="SC104")
    (finding,) = report.reported
    assert finding.message == "`storage:app` claims a review on 2999-01-01, which is in the future"
