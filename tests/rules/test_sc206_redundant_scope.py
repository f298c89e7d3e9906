"""SC206 redundant-scope: a scope listed twice, or already included in another requested scope."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n    - storage:app\n    - read:jira-work\n",
            [("manifest.yml", 5, 7, "SC206")],
            id="listed-twice-second-is-flagged",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, read:jira-work, read:jira-work]\n",
            [("manifest.yml", 2, 28, "SC206"), ("manifest.yml", 2, 44, "SC206")],
            id="flow-list-three-times",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n    - 'read:jira-work'\n    - \"read:jira-work\"\n",
            [("manifest.yml", 4, 7, "SC206"), ("manifest.yml", 5, 7, "SC206")],
            id="quoting-does-not-hide-a-repeat",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\npermissions:\n  scopes:\n    - read:jira-work\n",
            [("manifest.yml", 4, 1, "SC001"), ("manifest.yml", 6, 7, "SC206")],
            id="repeated-across-duplicated-permissions",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work: {}\n    read:jira-work: {allowImpersonation: true}\n",
            [("manifest.yml", 4, 5, "SC001"), ("manifest.yml", 4, 5, "SC206")],
            id="object-form-duplicate-key",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n    - Read:Jira-Work\n    - read:jira-work \n",
            [("manifest.yml", 5, 7, "SC206")],
            id="case-differs-is-not-a-repeat-trailing-space-is",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    - read:connect-jira\n    - write:connect-jira\n",
            [("manifest.yml", 3, 7, "SC206")],
            id="covered-by-connect-write",
        ),
        pytest.param(
            """\
            permissions:
              scopes:
                - admin:connect-jira
                - read:connect-jira
                - write:connect-jira
                - delete:connect-jira
                - read:connect-confluence
            """,
            [
                ("manifest.yml", 4, 7, "SC206"),
                ("manifest.yml", 5, 7, "SC206"),
                ("manifest.yml", 6, 7, "SC206"),
            ],
            id="admin-covers-the-rest-other-product-is-separate",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, write:jira-work, read:issue:jira, write:issue:jira]\n"
            "  scopes: [read:connect-jira, read:jira-work]\n",
            [("manifest.yml", 3, 3, "SC001"), ("manifest.yml", 3, 31, "SC206")],
            id="classic-and-granular-scopes-do-not-imply-each-other",
        ),
        pytest.param(
            "permissions:\n  scopes: [write:connect-jira, read:connect-jira, read:connect-jira]\n",
            [("manifest.yml", 2, 32, "SC206"), ("manifest.yml", 2, 51, "SC206")],
            id="covered-and-repeated",
        ),
    ],
)
def test_redundant_scope(lint_app, manifest, expected):
    assert positions(lint_app(manifest, select="SC206")) == expected


def test_listed_twice_message_and_related(lint_app):
    report = lint_app("permissions:\n  scopes:\n    - read:jira-work\n    - read:jira-work\n", select="SC206")
    [finding] = report.reported
    assert finding.message == "scope `read:jira-work` is listed twice"
    assert finding.help == "delete this line"
    assert [(r.span.line, r.span.column, r.label) for r in finding.related] == [(3, 7, "first listed here")]
    assert finding.severity is Severity.WARNING


def test_covered_message_names_the_covering_scope(lint_app):
    report = lint_app(
        "permissions:\n  scopes:\n    - read:connect-jira\n    - write:connect-jira\n    - admin:connect-jira\n",
        select="SC206",
    )
    assert [f.message for f in report.reported] == [
        "scope `read:connect-jira` is already included in `admin:connect-jira`",
        "scope `write:connect-jira` is already included in `admin:connect-jira`",
    ]
    assert [(r.span.line, r.label) for r in report.reported[0].related] == [
        (5, "`admin:connect-jira` requested here")
    ]


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC206: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  redundant-scope: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app("permissions:\n  scopes: [storage:app, storage:app]\n", policy=policy, select="SC206")
    assert [(f.span.column, f.severity) for f in report.reported] == [(25, severity)]


def test_off_and_ignore(tmp_path):
    manifest = "permissions:\n  scopes: [storage:app, storage:app, read:me, read:me]\n"
    off = write_app(tmp_path / "off", manifest, None, "rules:\n  redundant-scope: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC206") == []
    ign = write_app(tmp_path / "ign", manifest, None, "rules:\n  SC206: {ignore: [read:me]}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC206")
    assert positions(report) == [("manifest.yml", 2, 25, "SC206")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:me", "config")]


MYSELF = (
    "import api, { route } from '@forge/api';\n"
    "export const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
)
MYSELF_GRANULAR = ("read:application-role:jira", "read:avatar:jira", "read:group:jira", "read:user:jira")
BOTH_KINDS = "permissions:\n  scopes:\n" + "".join(
    f"    - {s}\n" for s in ("read:jira-user", *MYSELF_GRANULAR)
)


def test_issue_8_the_broad_classic_scope_is_the_redundant_one(lint_app):
    """Classic and granular sets both cover the call: drop the broad one, keep the narrow ones."""
    report = lint_app(BOTH_KINDS, files={"src/me.js": MYSELF}, select="SC206")
    assert positions(report) == [("manifest.yml", 3, 7, "SC206")]
    (finding,) = report.reported
    assert finding.subject == "read:jira-user"
    assert finding.message == (
        "scope `read:jira-user` only serves GET /rest/api/3/myself, which "
        + ", ".join(f"`{s}`" for s in MYSELF_GRANULAR)
        + " already covers"
    )
    assert finding.help == "delete this line: the scopes that cover the call stay"
    assert finding.fix is not None


def test_issue_8_prefer_classic_keeps_the_classic_scope(lint_app):
    report = lint_app(
        BOTH_KINDS, policy="policy:\n  prefer: classic\n", files={"src/me.js": MYSELF}, select="SC206"
    )
    assert [f.subject for f in report.reported] == list(MYSELF_GRANULAR)
    assert {f.help for f in report.reported} == {"delete this line: the policy prefers classic scopes"}


def test_issue_8_a_classic_scope_needed_elsewhere_stays(lint_app):
    """`read:jira-user` also serves a call no requested granular set covers: the granular
    scopes are the redundant ones, and the help says how to keep them instead."""
    code = (
        MYSELF + "export const u = () => api.asUser().requestJira(route`/rest/api/3/user/search?query=a`);\n"
    )
    report = lint_app(BOTH_KINDS, files={"src/me.js": code}, select="SC206")
    assert [f.subject for f in report.reported] == list(MYSELF_GRANULAR)
    assert report.reported[0].help == (
        "delete this line, or keep it and move every call `read:jira-user` serves to granular scopes "
        "(SC205 names them), then delete that instead"
    )
