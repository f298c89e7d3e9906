"""Ignore comments end to end, and SC003 unused-suppression for comments that silence nothing.

`# scopecheck: ignore[SC101] -- reason` on the finding's line, or alone on the line(s)
directly above it; ids or names, comma-separated. Ignored findings move to `report.ignored`.
"""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity

REGISTRY = (
    "version: 1\nscopes:\n  storage:app: Stores the approval rules of each project in the app storage.\n"
)


def ignored(report) -> list[tuple[int, str, str | None]]:
    return [(f.span.line, f.rule_id, f.suppression.reason) for f in report.ignored]


@pytest.mark.parametrize(
    ("manifest", "expected", "silenced"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC101] -- documented on the wiki\n"
            "    - write:jira-work\n",
            [("manifest.yml", 4, 7, "SC101")],
            [(3, "SC101", "documented on the wiki")],
            id="same-line-by-id-with-reason",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work # scopecheck: ignore[undocumented-scope]\n"
            "    - write:jira-work\n",
            [("manifest.yml", 4, 7, "SC101")],
            [(3, "SC101", None)],
            id="by-name-no-reason",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work #scopecheck:ignore[sc101]--short\n",
            [],
            [(3, "SC101", "short")],
            id="no-spaces-lower-case-id",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work  #   SCOPECHECK :  IGNORE[ SC101 ]   because reasons\n",
            [],
            [(3, "SC101", "because reasons")],
            id="extra-spaces-upper-case-reason-without-dashes",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    # scopecheck: ignore[SC101] -- legacy\n    - read:jira-work\n"
            "    - write:jira-work\n",
            [("manifest.yml", 5, 7, "SC101")],
            [(4, "SC101", "legacy")],
            id="comment-line-above",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n    # scopecheck: ignore[SC101] -- one\n"
            "    # a plain comment\n    # scopecheck: ignore[SC206] -- two\n    - read:jira-work\n"
            "    - write:jira-work\n",
            [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 8, 7, "SC101")],
            # SC101 reports a scope once, at its first line: only SC206 is left on line 7
            [(7, "SC206", "two")],
            id="stacked-comment-lines-apply-to-the-next-code-line-only",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    # scopecheck: ignore[SC101]\n\n    - read:jira-work\n",
            [("manifest.yml", 5, 7, "SC101")],
            [],
            id="blank-line-breaks-the-block",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, write:jira-work]  # scopecheck: ignore[SC101]\n",
            [],
            [(2, "SC101", None), (2, "SC101", None)],
            id="one-comment-silences-every-finding-of-the-rule-on-the-line",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC206, undocumented-scope]\n"
            "    - read:jira-work  # scopecheck: ignore[SC206, undocumented-scope]\n",
            [],
            [(3, "SC101", None), (4, "SC206", None)],
            id="comma-separated-ids-and-names",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - 'read:jira-work'  # scopecheck: ignore[SC101] -- a 'quoted' # reason\n",
            [],
            [(3, "SC101", "a 'quoted' # reason")],
            id="after-a-quoted-scalar",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work:  # scopecheck: ignore[SC101]\n      allowImpersonation: true\n",
            [],
            [(3, "SC101", None)],
            id="object-form-key-line",
        ),
    ],
)
def test_ignore_comments(lint_app, manifest, expected, silenced):
    report = lint_app(manifest, registry=REGISTRY, select="SC101,SC206")
    assert positions(report) == expected
    assert ignored(report) == silenced


def test_suppression_records_the_comment(lint_app):
    text = "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC101] -- see PROJ-1\n"
    report = lint_app(text, registry=REGISTRY, select="SC101")
    [finding] = report.ignored
    assert finding.suppression.kind == "comment"
    span = finding.suppression.span
    assert (span.line, span.column) == (3, 23)
    assert text.splitlines()[2][span.column - 1 :].startswith("# scopecheck")
    assert report.reported == ()


def test_hash_inside_quotes_is_not_a_comment(lint_app):
    text = (
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        '        - "http://x.example.com/a #scopecheck: ignore[SC303]"\n'
    )
    report = lint_app(text, select="SC303,SC003")
    assert positions(report) == [("manifest.yml", 5, 11, "SC303")]
    assert report.ignored == ()


def test_comments_in_the_registry(lint_app):
    registry = (
        "version: 1\nscopes:\n"
        "  read:jira-work: TODO  # scopecheck: ignore[weak-justification] -- filled in by legal\n"
        "  # scopecheck: ignore[SC102]\n"
        "  write:jira-work: Writes the approval status back to a custom field on the issue.\n"
        "  storage:app: tbd\n"
    )
    report = lint_app(
        "permissions:\n  scopes: [read:jira-work, storage:app]\n", registry=registry, select="SC1"
    )
    assert positions(report) == [("permissions.yml", 6, 16, "SC103")]
    assert [(f.span.path, f.span.line, f.rule_id) for f in report.ignored] == [
        ("app/permissions.yml", 3, "SC103"),
        ("app/permissions.yml", 5, "SC102"),
    ]


def test_comments_in_the_policy_are_not_suppressions(lint_app):
    policy = "rules:\n  SC999: off  # scopecheck: ignore[SC002]\n"
    report = lint_app("permissions:\n  scopes: []\n", policy=policy, select="SC002,SC003")
    assert positions(report) == [(".scopecheck.yml", 2, 3, "SC002")]


@pytest.mark.parametrize(
    ("manifest", "expected", "message"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[SC101]\n",
            [("manifest.yml", 3, 20, "SC003")],
            "`ignore[SC101]` silences nothing on line 3",
            id="nothing-to-silence",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    # scopecheck: ignore[SC101]\n    - storage:app\n    - read:jira-work\n",
            [("manifest.yml", 3, 5, "SC003"), ("manifest.yml", 5, 7, "SC101")],
            "`ignore[SC101]` silences nothing on line 4",
            id="comment-above-the-wrong-line",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC101, SC206]\n",
            [("manifest.yml", 3, 23, "SC003")],
            "`ignore[SC206]` silences nothing on line 3",
            id="one-name-of-two-unused",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[SC999]\n",
            [("manifest.yml", 3, 20, "SC003")],
            "ignore comment names unknown rule `SC999`",
            id="unknown-id",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[no-such-rule]\n",
            [("manifest.yml", 3, 20, "SC003")],
            "ignore comment names unknown rule `no-such-rule`",
            id="unknown-name",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[]\n",
            [("manifest.yml", 3, 20, "SC003")],
            "ignore comment names no rule: write `# scopecheck: ignore[SC101] -- reason`",
            id="empty-brackets",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore -- everything please\n",
            [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 3, 23, "SC003")],
            "ignore comment names no rule: write `# scopecheck: ignore[SC101] -- reason`",
            id="bare-ignore-silences-nothing",
        ),
    ],
)
def test_unused_suppression(lint_app, manifest, expected, message):
    report = lint_app(manifest, registry=REGISTRY, select="SC101,SC206,SC003")
    assert positions(report) == expected
    assert [f.message for f in report.reported if f.rule_id == "SC003"] == [message]
    finding = next(f for f in report.reported if f.rule_id == "SC003")
    assert finding.severity is Severity.INFO
    assert finding.help == "delete the ignore comment, or the rule name that no longer applies"


def test_unused_in_the_registry(lint_app):
    registry = REGISTRY.replace("app storage.", "app storage.  # scopecheck: ignore[SC103]")
    report = lint_app("permissions:\n  scopes: [storage:app]\n", registry=registry, select="SC1,SC003")
    assert positions(report) == [("permissions.yml", 3, 79, "SC003")]
    assert report.reported[0].subject == "ignore[SC103]"


def test_only_rules_that_ran_are_checked(tmp_path):
    text = "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[SC205]\n"
    selected = write_app(tmp_path / "selected", text, REGISTRY)
    assert positions(run_lint([selected], cwd=tmp_path, select="SC101,SC003")) == []
    everything = write_app(tmp_path / "all", text, REGISTRY)
    assert positions(run_lint([everything], cwd=tmp_path), rule="SC003") == [("manifest.yml", 3, 20, "SC003")]
    off = write_app(tmp_path / "off", text, REGISTRY, "rules:\n  classic-scope: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC003") == []


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(None, [(3, Severity.INFO)], id="default-info"),
        pytest.param("rules:\n  SC003: warning\n", [(3, Severity.WARNING)], id="by-id"),
        pytest.param("rules:\n  unused-suppression: error\n", [(3, Severity.ERROR)], id="by-name"),
        pytest.param("rules:\n  SC003: off\n", [], id="off"),
        pytest.param("rules:\n  unused-suppression: {enabled: false}\n", [], id="disabled"),
    ],
)
def test_configuration(lint_app, policy, expected):
    text = "permissions:\n  scopes:\n    - storage:app  # scopecheck: ignore[SC101]\n"
    report = lint_app(text, registry=REGISTRY, policy=policy)
    assert [(f.span.line, f.severity) for f in report.reported if f.rule_id == "SC003"] == expected


def test_used_comment_is_not_reported(lint_app):
    report = lint_app(
        "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC101]\n"
        "    - storage:app  # scopecheck: ignore[SC101]\n",
        registry=REGISTRY,
        select="SC101,SC003",
    )
    assert positions(report) == [("manifest.yml", 4, 20, "SC003")]


def test_comment_cut_off_by_a_blank_line_is_reported(lint_app):
    text = "permissions:\n  scopes:\n    # scopecheck: ignore[SC101]\n\n    - read:jira-work\n"
    report = lint_app(text, registry=REGISTRY, select="SC101,SC003")
    assert positions(report) == [("manifest.yml", 3, 5, "SC003"), ("manifest.yml", 5, 7, "SC101")]


def test_comment_at_the_end_of_the_file_is_reported(lint_app):
    text = "permissions:\n  scopes:\n    - read:jira-work\n# scopecheck: ignore[SC101]\n"
    report = lint_app(text, registry=REGISTRY, select="SC101,SC003")
    assert positions(report) == [("manifest.yml", 3, 7, "SC101"), ("manifest.yml", 4, 1, "SC003")]


def test_ignore_of_a_loader_rule_is_reported(lint_app):
    text = "permissions: {}\npermissions: {}  # scopecheck: ignore[SC001]\n"
    report = lint_app(text, select="SC001,SC003")
    assert positions(report) == [("manifest.yml", 2, 1, "SC001"), ("manifest.yml", 2, 18, "SC003")]


def test_config_ignore_and_comment_on_the_same_finding(lint_app):
    # the comment wins, so the config entry silences nothing: SC003 says so
    text = "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore[SC101] -- c\n    - write:jira-work\n"
    report = lint_app(
        text,
        registry=REGISTRY,
        policy="rules:\n  SC101: {ignore: [read:jira-work, write:jira-work]}\n",
        select="SC101,SC003",
    )
    assert positions(report) == [(".scopecheck.yml", 2, 20, "SC003")]
    assert [(f.span.line, f.suppression.kind) for f in report.ignored] == [(3, "comment"), (4, "config")]


def test_space_before_the_bracket_still_names_the_rules(lint_app):
    manifest = "permissions:\n  scopes:\n    - read:jira-work  # scopecheck: ignore [SC101]\n"
    report = lint_app(manifest, registry="version: 1\n", select="SC101,SC003")
    assert positions(report) == []
    assert [f.rule_id for f in report.ignored] == ["SC101"]


def test_config_ignore_entries_that_match_nothing(tmp_path):
    from conftest import run_lint, write_app

    policy = "rules:\n  SC101:\n    ignore: [read:jira-work, write:jira-wrok]\n"
    app = write_app(tmp_path, "permissions:\n  scopes: [read:jira-work]\n", "version: 1\n", policy)
    report = run_lint([app], cwd=tmp_path, select="SC101,SC003")
    assert positions(report) == [(".scopecheck.yml", 3, 30, "SC003")]
    assert report.reported[0].message == "`write:jira-wrok` under rules.SC101.ignore silences nothing"
    assert [f.subject for f in report.ignored] == ["read:jira-work"]
    # a rule that did not run cannot judge its entries
    assert positions(run_lint([app], cwd=tmp_path, select="SC003")) == []


def test_a_shared_policy_entry_used_by_one_app_is_not_unused(tmp_path):
    from conftest import run_lint

    (tmp_path / ".git").mkdir()
    (tmp_path / ".scopecheck.yml").write_text("rules:\n  SC101:\n    ignore: [write:jira-work]\n")
    for name, scope in (("a", "read:jira-work"), ("b", "write:jira-work")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.yml").write_text(f"permissions:\n  scopes: [{scope}]\n")
    report = run_lint([tmp_path], cwd=tmp_path, select="SC101,SC003")
    assert [f.rule_id for f in report.reported] == ["SC101"]
    assert [f.subject for f in report.ignored] == ["write:jira-work"]
