"""`scopecheck history`: the permission audit trail from a hand-made git history."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO

V1 = """\
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
permissions:
  scopes:
    - read:jira-work
"""
V2 = """\
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
  external:
    fetch:
      backend:
        - https://hooks.slack.com
"""
V3_BROKEN = "permissions: [this is: not, a manifest\n"
V4 = """\
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
permissions:
  scopes:
    - write:jira-work
  external:
    fetch:
      backend:
        - https://hooks.slack.com
  content:
    styles:
      - unsafe-inline
remotes:
  - key: billing
    baseUrl: https://billing.example.com
"""
REGISTRY_V2 = """\
version: 1
scopes:
  read:jira-work: Reads issue fields to evaluate the approval rules in the panel.
  write:jira-work:
    justification: =HYPERLINK("http://evil.example","click") writes the approval state.
"""
REGISTRY_V4 = """\
version: 1
scopes:
  write:jira-work: Writes the approval state back to each issue.
egress:
  https://hooks.slack.com: Posts to the customer's own Slack webhook.
"""


def git(repo: Path, *args: str, date: str | None = None, author: str = "Ada Lovelace") -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", f"user.name={author}", "-c", "user.email=dev@example.com", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def commit(
    repo: Path, files: dict[str, str | None], message: str, date: str, author: str = "Ada Lovelace"
) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            git(repo, "rm", "-q", name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message, date=date, author=author)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("history")
    git(root, "init", "-q", "-b", "main")
    shas = [
        commit(
            root, {"app/manifest.yml": V1, "README.md": "app\n"}, "First version", "2026-01-05T10:00:00+00:00"
        ),
        commit(root, {"README.md": "app, documented\n"}, "Docs only", "2026-01-10T10:00:00+00:00"),
        commit(
            root,
            {"app/manifest.yml": V2, "app/permissions.yml": REGISTRY_V2},
            "Write approvals and notify Slack",
            "2026-02-01T10:00:00+00:00",
            author="=cmd|' /C calc'!A0",
        ),
        commit(root, {"app/manifest.yml": V3_BROKEN}, "Oops", "2026-02-15T10:00:00+00:00"),
        commit(
            root,
            {"app/manifest.yml": V4, "app/permissions.yml": REGISTRY_V4},
            "Billing remote, inline styles, drop read",
            "2026-03-01T10:00:00+00:00",
        ),
        commit(
            root,
            {"app/manifest.yml": V4.replace("billing.example.com", "billing.example.org")},
            "Move billing",
            "2026-03-20T10:00:00+00:00",
        ),
        commit(root, {"other/manifest.yml": V1}, "A second app", "2026-04-01T10:00:00+00:00"),
        commit(root, {"other/manifest.yml": None}, "Retire the second app", "2026-04-02T10:00:00+00:00"),
    ]
    return {"root": root, "shas": shas}


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "linter")}
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", "history", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=env,
    )


def entries(repo: dict[str, object], *args: str) -> list[dict]:
    result = scopecheck(*args, "-f", "json", cwd=repo["root"])  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["entries"]


def test_every_change_with_its_commit_consent_and_justification(repo):
    shas = repo["shas"]
    rows = [
        (e["commit"], e["change"], e["kind"], e["name"], e["admin_consent"], e["justification"])
        for e in entries(repo, "app")
    ]
    assert rows == [
        (shas[0], "added", "scope", "read:jira-work", False, None),
        (
            shas[2],
            "added",
            "scope",
            "write:jira-work",
            True,
            '=HYPERLINK("http://evil.example","click") writes the approval state.',
        ),
        (shas[2], "added", "egress", "hooks.slack.com", True, None),
        (shas[3], "unreadable", None, None, False, None),
        (shas[4], "added", "remote", "billing", True, None),
        (shas[4], "added", "content", "styles:unsafe-inline", True, None),
        # documented at the parent commit only: the registry dropped it with the scope
        (
            shas[4],
            "removed",
            "scope",
            "read:jira-work",
            True,
            "Reads issue fields to evaluate the approval rules in the panel.",
        ),
        (shas[5], "changed", "remote", "billing", True, None),
    ]


def test_first_version_and_reasons_follow_forge_rules(repo):
    found = entries(repo, "app")
    assert found[0]["situation"] == "new"
    assert found[0]["consent_reason"].startswith("first version of the app")
    assert "increases or changes to scopes" in found[1]["consent_reason"]
    assert "modifying external permissions" in found[2]["consent_reason"]
    assert found[3]["problem"].startswith("app/manifest.yml:2:1: invalid YAML")
    assert "modifying content permissions" in found[5]["consent_reason"]
    assert found[6]["justified_at"] == "parent"
    assert found[7]["previous"] == "https://billing.example.com"
    assert found[7]["detail"] == "https://billing.example.org"
    assert "baseUrl" in found[7]["consent_reason"]
    # the broken commit is skipped: V4 is compared with V2, so nothing is added twice
    assert [e["name"] for e in found if e["change"] == "added"].count("write:jira-work") == 1


def test_a_repository_with_several_apps_and_a_deleted_one(repo):
    data = json.loads(scopecheck("-f", "json", cwd=repo["root"]).stdout)
    assert data["manifests"] == ["app/manifest.yml", "other/manifest.yml"]
    other = [
        (e["change"], e["situation"], e["admin_consent"])
        for e in data["entries"]
        if e["manifest"] == "other/manifest.yml"
    ]
    assert other == [("added", "new", False), ("removed", "deleted", False)]
    assert data["consent_commits"] == [repo["shas"][2], repo["shas"][4], repo["shas"][5]]


def test_since_and_until_read_dates_as_git_does(repo):
    shas = repo["shas"]
    assert {e["commit"] for e in entries(repo, "app", "--since", "2026-02-20")} == {shas[4], shas[5]}
    assert {e["commit"] for e in entries(repo, "app", "--until", "2026-01-31")} == {shas[0]}
    # the state before the window is read from the parent: a new base URL, not a new remote
    window = entries(repo, "app", "--since", "2026-03-10", "--until", "2026-03-31")
    assert [(e["change"], e["name"], e["situation"]) for e in window] == [("changed", "billing", "update")]
    # where the parent cannot be read (the broken commit), everything is listed as added,
    # and no consent is claimed
    after_broken = entries(repo, "app", "--since", "2026-02-20", "--until", "2026-03-10")
    assert {(e["situation"], e["change"], e["admin_consent"]) for e in after_broken} == {
        ("after-unreadable", "added", False)
    }
    assert entries(repo, "app", "--since", "2027-01-01") == []


def test_text_output(repo):
    result = scopecheck("app", "--until", "2026-02-02", cwd=repo["root"])
    assert result.returncode == 0
    shas = repo["shas"]
    assert result.stdout.splitlines() == [
        "Permission history of app (until 2026-02-02)",
        "",
        f"2026-01-05  {shas[0][:7]}  Ada Lovelace  app/manifest.yml: First version",
        "  + scope   read:jira-work (medium risk)",
        "      admin consent: no: first version of the app: an admin grants every permission at install",
        "      justification: undocumented",
        "",
        f"2026-02-01  {shas[2][:7]}  =cmd|' /C calc'!A0  app/manifest.yml: Write approvals and notify Slack",
        "  + scope   write:jira-work (high risk)",
        "      admin consent: yes: Forge: 'increases or changes to scopes' need admin approval (a major version)",
        '      justification: =HYPERLINK("http://evil.example","click") writes the approval state.',
        "  + egress  hooks.slack.com (fetch.backend)",
        "      admin consent: yes: Forge: 'modifying external permissions ... URLs' needs admin approval (a major version)",
        "      justification: undocumented",
        "",
        f"3 permission changes in 2 commits; 1 commit made admins consent again: {shas[2][:7]}.",
    ]


def test_csv_is_safe_against_formula_injection(repo):
    result = scopecheck("app", "-f", "csv", cwd=repo["root"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8
    slack = rows[1]
    assert slack["author"] == "'=cmd|' /C calc'!A0"
    assert (
        slack["justification"] == """'=HYPERLINK("http://evil.example","click") writes the approval state."""
    )
    assert (slack["change"], slack["kind"], slack["admin_consent"]) == ("added", "scope", "yes")
    # no cell a spreadsheet would run: every one starts with a safe character
    assert not [v for row in rows for v in row.values() if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert rows[3]["change"] == "unreadable"
    assert rows[0]["justification"] == "undocumented"


def test_markdown_output(repo):
    result = scopecheck("app", "-f", "md", cwd=repo["root"])
    lines = result.stdout.splitlines()
    assert lines[0] == "## Permission history of `app`"
    assert "3 commits made admins consent again" in lines[2]
    assert (
        f"| 2026-03-20 | `{repo['shas'][5][:7]}` | Ada Lovelace | `app/manifest.yml` | changed remote | `billing` | **yes**: Forge: 'changing the baseUrl of a Remote' needs admin approval (a major version) | undocumented |"
        in lines
    )


def test_json_output_meets_its_schema(repo):
    schema = json.loads((REPO / "schemas" / "history.schema.json").read_text())
    data = json.loads(scopecheck("-f", "json", cwd=repo["root"]).stdout)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["version"] == 1


def test_output_file(repo, tmp_path):
    out = tmp_path / "trail.csv"
    result = scopecheck("app", "-f", "csv", "-o", str(out), cwd=repo["root"])
    assert result.returncode == 0
    assert result.stdout == ""
    assert out.read_text().startswith("date,commit,author,")


def test_a_renamed_app_keeps_its_history(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, {"old/manifest.yml": V1}, "one", "2026-01-01T00:00:00+00:00")
    git(tmp_path, "mv", "old", "new")
    (tmp_path / "new" / "manifest.yml").write_text(V1 + "    - write:jira-work\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "move and widen", date="2026-01-02T00:00:00+00:00")
    data = json.loads(scopecheck("-f", "json", cwd=tmp_path).stdout)
    assert [
        (e["manifest"], e["renamed_from"], e["change"], e["name"], e["admin_consent"])
        for e in data["entries"]
    ] == [
        ("old/manifest.yml", None, "added", "read:jira-work", False),
        ("new/manifest.yml", "old/manifest.yml", "added", "write:jira-work", True),
    ]


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        ("plain", ["."], "not in a git repository"),
        ("empty-repo", ["."], "no commits yet"),
        ("repo", ["README.md"], "not a manifest scopecheck reads"),
        ("repo", ["docs"], "no manifest.yml in the git history of this path"),
        # an option git would read never reaches git: argparse takes no value that starts with `-`
        ("repo", [".", "--since", "--all"], "argument --since: expected one argument"),
        ("repo", [".", "--since=--all"], "is not a date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, args, message):
    if make != "plain":
        git(tmp_path, "init", "-q", "-b", "main")
    if make == "repo":
        commit(tmp_path, {"README.md": "x\n", "docs/a.md": "y\n"}, "docs", "2026-01-01T00:00:00+00:00")
    result = scopecheck(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_blobs_come_from_one_cat_file_process(repo):
    """Reading goes through one `git cat-file --batch`, asked once per blob it needs."""
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.history.command import run_history

    trail = run_history(Path("."), TOOLKIT, cwd=repo["root"])
    assert trail.commits == 7
    # 8 manifest versions plus a registry per commit with changes (and one parent's registry)
    assert trail.blob_requests < 20
