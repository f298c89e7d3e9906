"""`scopecheck scopes` and `scopecheck explain <scope>`: the catalog for people."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, invoke_cli
from scopecheck.ecosystems.forge.catalog import load_catalog
from scopecheck.ecosystems.forge.catalog.view import (
    api_group,
    describe,
    events_for,
    explain_scope,
    find_scopes,
    operations_for,
    scopes_markdown,
    scopes_text,
)


def cli(*args: str) -> tuple[int, str, str]:
    return invoke_cli(*args)


def names(scopes) -> list[str]:
    return [s.name for s in scopes]


# --- scopes ---------------------------------------------------------------------------------


def test_query_matches_names_first_then_descriptions():
    assert names(find_scopes("jira-work")) == ["read:jira-work", "write:jira-work"]
    found = names(find_scopes("worklog"))
    by_name = [n for n in found if "worklog" in n]
    assert found[: len(by_name)] == by_name  # name matches lead
    assert "read:jira-work" in found[len(by_name) :]  # its description mentions worklogs
    assert names(find_scopes("JIRA-WORK")) == ["read:jira-work", "write:jira-work"]


def test_filters_combine():
    catalog = load_catalog()
    high_granular_jira = find_scopes("issue", risks=["high"], kinds=["granular"], products=["jira"])
    assert high_granular_jira
    for info in high_granular_jira:
        assert (info.risk.label, info.kind, info.product) == ("high", "granular", "jira")
    assert "write:issue:jira" in names(high_granular_jira)
    critical = find_scopes(risks=["critical"])
    assert len(critical) == sum(1 for s in catalog.scopes.values() if s.risk.label == "critical")
    assert names(find_scopes(kinds=["platform"])) == sorted(
        ["storage:app", "read:me", "read:account", "report:personal-data", "read:app-system-token",
         "read:app-user-token"]
    )  # fmt: skip
    assert find_scopes("jira-work", products=["confluence"]) == []
    assert len(find_scopes()) == len(catalog.scopes)


def test_text_table():
    text = scopes_text(find_scopes("jira-work"), total=652)
    assert text.splitlines() == [
        "scope            risk      kind       ops  description",
        "read:jira-work   medium    classic    326  Read project and issue data. Search for issues and "
        "objects associated with issues (such as attachments and worklogs).",
        "write:jira-work  high      classic    162  Create and edit issues in Jira, post comments, create "
        "worklogs, and delete issues.",
        "",
        "2 of 652 scopes; `scopecheck explain <scope>` shows what needs one and what can replace it",
    ]
    narrow = scopes_text(find_scopes("jira-work"), total=652, width=80)
    assert all(len(line) <= 80 for line in narrow.splitlines()[1:3])
    assert narrow.splitlines()[1].endswith("…")
    coloured = scopes_text(find_scopes("jira-work"), total=652, color=True)
    assert "\x1b[33mmedium  \x1b[0m" in coloured


def test_cli_scopes_formats_and_exit_codes():
    code, out, _err = cli("scopes", "jira-work")
    assert code == 0 and out.splitlines()[1].startswith("read:jira-work   medium    classic    326")
    code, out, _err = cli("scopes", "jira-work", "--format", "json")
    data = json.loads(out)
    assert data["version"] == 1
    assert [s["name"] for s in data["scopes"]] == ["read:jira-work", "write:jira-work"]
    first = data["scopes"][0]
    assert (first["risk"], first["kind"], first["product"], first["operations"]) == (
        "medium",
        "classic",
        "jira",
        326,
    )
    assert "read:issue:jira" in first["granular"]
    code, out, _err = cli("scopes", "storage:app", "-f", "markdown")
    assert out.splitlines() == [
        "| scope | risk | kind | operations | description |",
        "|---|---|---|---:|---|",
        "| `storage:app` | low | platform | 0 | The app's own storage; holds no product data unless the app "
        "puts it there. |",
    ]
    code, out, err = cli("scopes", "no-such-thing-anywhere")
    assert (code, out) == (1, "")
    assert "no scope matches" in err
    code, _out, err = cli("scopes", "--product", "jirra")
    assert code == 2 and "unknown product jirra (choose from" in err
    code, _out, err = cli("scopes", "--risk", "extreme")
    assert code == 2
    code, out, _err = cli("scopes", "--risk", "critical", "--risk", "high", "--kind", "classic", "-f", "json")
    assert {s["risk"] for s in json.loads(out)["scopes"]} == {"critical", "high"}


def test_markdown_escapes_pipes():
    class Fake:
        name, kind, operations, deprecated = "x:y", "classic", 1, True
        description = plain_description = "a | b"
        risk_basis = ""

        class risk:  # shaped like RiskTier
            label = "low"

    assert (
        scopes_markdown([Fake()]).splitlines()[2] == "| `x:y` | low | classic | 1 | **Deprecated.** a \\| b |"
    )


# --- explain --------------------------------------------------------------------------------


def test_explain_read_jira_work():
    text = explain_scope("read:jira-work")
    assert text is not None
    lines = text.splitlines()
    assert lines[:2] == [
        "read:jira-work",
        "  classic jira scope; risk: medium (`read` scopes are medium risk)",
    ]
    assert (
        "Read project and issue data. Search for issues and objects associated with issues (such as" in text
    )
    # 326 operations: grouped by resource, with counts, the two API versions together
    assert "REST operations that accept it: 326 (jira 326)" in lines
    start = lines.index("REST operations that accept it: 326 (jira 326)")
    assert lines[start + 1].split() == ["/rest/api/{2,3}/project", "52", "(GET", "52)"]
    assert lines[start + 2].split() == ["/rest/api/{2,3}/issue", "48", "(GET", "42,", "POST", "6)"]
    assert any(line.startswith("  … and ") and line.endswith("other resources") for line in lines)
    # 46 events, grouped by what they are about
    assert "Product events that need it: 46" in lines
    start = lines.index("Product events that need it: 46")
    assert lines[start + 1].split() == ["jira", "attachment", "created,", "deleted"]
    assert (
        "  jira issue            assigned, commented, created, deleted, mentioned, updated, viewed" in lines
    )
    assert "  jira-software sprint  closed, created, deleted, started, updated" in lines
    # granular replacements, listed in full
    assert "Granular scopes that can replace it: 60" in lines
    assert "read:issue:jira," in text and "read:project:jira," in text
    assert "\x1b[" not in text


def test_explain_lists_few_operations_one_by_one_with_the_scopes_they_also_need():
    text = explain_scope("read:issue.property:jira")
    assert text is not None
    assert "  GET /rest/api/3/issue/{}/properties/{}" in text.splitlines()
    assert "  avi:jira:set:issue-property  (beta)" in text.splitlines()
    assert "Classic scopes it can stand in for: 1\n  read:jira-work\n" in text
    delete = explain_scope("delete:comment:jira")
    assert delete is not None
    assert (
        "  DELETE /rest/api/3/issue/{}/comment/{}  (with delete:comment.property:jira)" in delete.splitlines()
    )


def test_explain_platform_and_unknown_scopes():
    text = explain_scope("storage:app")
    assert text is not None
    assert text.splitlines()[1] == (
        "  platform scope; risk: low (the app's own storage; holds no product data unless the app puts it there)"
    )
    assert "REST operations that accept it: none in Atlassian's OpenAPI specs" in text
    assert explain_scope("read:jira-works") is None
    assert explain_scope("") is None
    assert explain_scope("SC101") is None


def test_explain_through_the_cli():
    code, out, _err = cli("explain", "read:jira-work")
    assert code == 0 and out == explain_scope("read:jira-work")
    code, _out, err = cli("explain", "read:jira-worx")
    assert code == 2 and "no rule or scope named 'read:jira-worx'" in err


def test_explain_in_colour():
    text = explain_scope("manage:jira-configuration", color=True)
    assert text is not None
    assert text.startswith("\x1b[1mmanage:jira-configuration\x1b[0m\n")
    assert "\x1b[1;97;41mcritical\x1b[0m" in text


# --- catalog facts behind the views ---------------------------------------------------------


def test_operation_counts_agree_with_the_catalog():
    catalog = load_catalog()
    for name in ("read:jira-work", "write:jira-work", "read:page:confluence", "read:pullrequest:bitbucket"):
        assert len(operations_for(name)) == catalog.scopes[name].operations


def test_events_and_descriptions():
    assert ("avi:jira:created:issue", "current") in events_for("read:jira-work")
    assert events_for("storage:app") == []
    catalog = load_catalog()
    assert describe(catalog.scopes["read:me"]) == "The signed-in user's own profile."
    assert describe(catalog.scopes["access-email-addresses:connect-jira"]) is None


@pytest.mark.parametrize(
    ("template", "group"),
    [
        ("/rest/api/3/issue/{}/comment", "/rest/api/3/issue"),
        ("/rest/agile/1.0/board/{}", "/rest/agile/1.0/board"),
        ("/wiki/api/v2/pages/{}", "/wiki/api/v2/pages"),
        ("/wiki/rest/api/content/{}/history", "/wiki/rest/api/content"),
        ("/2.0/repositories/{}/{}/pullrequests/{}", "/2.0/repositories/{}/{}/pullrequests"),
        ("/2.0/workspaces/{}/projects", "/2.0/workspaces"),
        ("/rest/servicedeskapi/request", "/rest/servicedeskapi/request"),
    ],
)
def test_api_groups(template, group):
    assert api_group(template) == group


def test_version_stays_fast_with_the_new_commands():
    """`--version` must not import the catalog views, pages or the registry writer."""
    code = (
        "import sys; from scopecheck import cli; "
        "heavy = [m for m in ('scopecheck.ecosystems.forge.catalog.view', 'scopecheck.registry.pages', 'scopecheck.registry.init', "
        ") if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(REPO),
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
    )
    assert result.stdout.strip() == "[]", result.stderr


def test_help_of_each_command_teaches():
    for command, words in (
        ("init", ("--check", "--schema", "justification: TODO", "Examples")),
        ("docs", ("--format", "--output", "Examples", "csv")),
        ("scopes", ("--risk", "--kind", "--product", "Examples")),
    ):
        code, out, _err = cli(command, "--help")
        assert code == 0
        for word in words:
            assert word in out, (command, word)


def test_issue_8_explain_classic_write_lists_the_delete_scopes():
    text = explain_scope("write:jira-work")
    assert text is not None
    assert "Granular scopes that can replace it: 57" in text.splitlines()
    assert "delete:issue:jira," in text and "delete:attachment:jira," in text
    delete = explain_scope("delete:issue:jira")
    assert delete is not None
    assert delete.splitlines()[1] == (
        "  granular jira scope; risk: high (no riskier than `write:jira-work`, the classic scope that includes it)"
    )
    assert "Classic scopes it can stand in for: 1\n  write:jira-work\n" in delete


@pytest.mark.parametrize(
    ("scope", "line"),
    [
        ("read:jira-work", "traced (SC402 can report it unused): from the REST calls in the code"),
        ("storage:app", "traced (SC402 can report it unused): from storage and @forge/kvs calls"),
        ("read:connect-jira", "traced (SC402 can report it unused): from the manifest"),
        (
            "read:component:compass",
            "traced (SC402 can report it unused): from @atlassian/forge-graphql calls",
        ),
        ("view:team:teams", "not traced (SC402 never reports it unused): no REST operation"),
        ("read:graph:board:jira", "not traced (SC402 never reports it unused): a Teamwork Graph scope"),
        (
            "read:issue-link:jira",
            "not traced (SC402 never reports it unused): no REST operation in Atlassian's jira specs accepts it",
        ),
    ],
)
def test_explain_says_whether_a_scope_is_traced(scope, line):
    from scopecheck.ecosystems.forge.catalog.view import explain_scope

    text = explain_scope(scope)
    assert text is not None and f"  {line}" in text


def test_a_forge_lint_loads_no_other_ecosystems_reader_catalog_or_analysis():
    """The start-up budget (150 ms a lint): the rule book lists every ecosystem's rules, but a
    Forge app's lint must not import the workflow step analysis or the extension reader."""
    code = (
        "import sys\nfrom scopecheck.cli import main\n"
        "try:\n    main(['lint', 'examples/approvals-app', '-q'])\nexcept SystemExit:\n    pass\n"
        "others = [m for m in sys.modules if m.startswith(('scopecheck.ecosystems.github_actions.', "
        "'scopecheck.ecosystems.browser_extension.')) and m.rsplit('.', 1)[-1] in "
        "('adapter', 'analysis', 'needs', 'shell', 'conditions', 'catalog', 'model', 'warnings')]\n"
        "print(sorted(others), 'scopecheck.ecosystems.forge.code.read' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(REPO), timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "[] True", result.stdout + result.stderr
