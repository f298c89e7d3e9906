"""`scopecheck claims` and the claims on the `docs` page: formats, exit codes, the commit and
date from git (repositories with fixed dates), bad claim config, and the example app."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, REPO, invoke_cli

DATE = "2026-03-01T10:00:00+00:00"
ROLE_DELETE = """
export async function removeRole(id) {
  return api.asApp().requestJira(route`/rest/api/3/role/${id}`, { method: 'DELETE' });
}
"""


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    return invoke_cli(*args, cwd=cwd)


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_DATE": DATE,
        "GIT_COMMITTER_DATE": DATE,
    }
    done = subprocess.run(
        ["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", *args],
        cwd=repo, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The trusted example, committed on 2026-03-01."""
    shutil.copytree(EXAMPLES / "trusted-app", tmp_path / "trusted-app")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Trusted app")
    return tmp_path


def break_roles(repo: Path, *, commit: bool) -> None:
    source = repo / "trusted-app" / "src" / "index.js"
    source.write_text(source.read_text() + ROLE_DELETE)
    if commit:
        git(repo, "commit", "-q", "-am", "Remove roles")


def test_text_lists_every_claim_verified_at_the_commit(repo):
    code, out, _ = cli("claims", "trusted-app", cwd=repo)
    sha = git(repo, "rev-parse", "--short=7", "HEAD")
    assert code == 0
    assert out.splitlines()[0] == (
        f"Claims of trusted-app/manifest.yml (policy trusted-app/.scopecheck.yml), checked at {sha} (2026-03-01)"
    )
    assert out.rstrip().endswith("8 claims: 8 verified, 0 broken, 0 unverified.")
    assert (
        "  verified    roles-never-deleted   Roles are created only when configured and never deleted." in out
    )


def test_a_broken_claim_exits_1_with_the_breaking_line(repo):
    break_roles(repo, commit=True)
    code, out, _ = cli("claims", "trusted-app", cwd=repo)
    assert code == 1
    assert "  broken      roles-never-deleted" in out
    assert (
        "      x trusted-app/src/index.js:32:10: the code calls `DELETE /rest/api/3/role/{}` "
        "(DELETE /rest/api/{2,3}/role/* is forbidden)"
    ) in out
    lint_code, lint_out, _ = cli("lint", "trusted-app", "-q", "--select", "SC601", cwd=repo)
    assert lint_code == 1
    assert lint_out.startswith("trusted-app/src/index.js:32:10: error[SC601 claim-broken] the code calls")


def test_json_meets_its_schema(repo):
    break_roles(repo, commit=True)
    code, out, _ = cli("claims", "trusted-app", "-f", "json", cwd=repo)
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "claims.schema.json").read_text())
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert code == 1 and document["summary"] == {"verified": 7, "unverified": 0, "broken": 1}
    app_claims = document["apps"][0]
    assert app_claims["commit"] == git(repo, "rev-parse", "HEAD") and app_claims["date"] == "2026-03-01"
    assert app_claims["uncommitted_changes"] is False
    broken = next(c for c in app_claims["claims"] if c["status"] == "broken")
    assert broken["name"] == "roles-never-deleted"
    assert broken["evidence"][0] | {"message": ""} == {
        "status": "broken", "message": "", "path": "trusted-app/src/index.js", "line": 32, "column": 10,
    }  # fmt: skip


def test_markdown_for_a_pull_request_comment(repo):
    break_roles(repo, commit=False)
    code, out, _ = cli("claims", "trusted-app", "--format", "md", cwd=repo)
    assert code == 1
    assert "checked on uncommitted changes to" in out
    assert (
        "| `roles-never-deleted` | **broken** | Roles are created only when configured and never deleted. |"
        in out
    )
    assert "<details><summary>roles-never-deleted: broken</summary>" in out


def test_unverified_passes_unless_strict(tmp_path):
    shutil.copytree(EXAMPLES / "trusted-app", tmp_path / "app")
    (tmp_path / ".git").mkdir()
    source = tmp_path / "app" / "src" / "index.js"
    source.write_text(
        source.read_text()
        + "export async function call(path, method) {\n"
        + "  return api.asApp().requestJira(route`/rest/api/3/${path}`, { method });\n}\n"
    )
    code, out, _ = cli("claims", "app", cwd=tmp_path)
    assert code == 0 and "  unverified  roles-never-deleted" in out
    assert "method is parameter `method` of `call`, which is never called" in out
    assert "outside a git repository (no commit)" in out
    assert cli("claims", "app", "--strict", cwd=tmp_path)[0] == 1


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        (
            "  x:\n    kind: no-delete\n    claim: Never.\n",
            ("app/.scopecheck.yml:3:11: ", "`claims.x.kind` must be one of"),
        ),
        (
            "  x:\n    kind: forbid-operations\n    claim: Never.\n",
            (
                "app/.scopecheck.yml:2:3: ",
                "claim `x` (forbid-operations) needs `operations:` with at least one entry",
            ),
        ),
        (
            "  x:\n    kind: forbid-operations\n    claim: Never.\n    operations: ['DELETE /a/{id}']\n",
            ("app/.scopecheck.yml:5:18: ", "claim `x`: `{id}` is not an alternation such as `{2,3}`"),
        ),
        (
            "  x:\n    kind: no-egress\n    claim: Never.\n    scopes: [admin:*]\n",
            ("app/.scopecheck.yml:5:5: ", "claim `x`: `scopes` does not apply to a `no-egress` claim"),
        ),
        (
            "  x:\n    kind: no-egress\n",
            ("app/.scopecheck.yml:3:5: ", "`claims.x` is missing 'claim'"),
        ),
    ],
    ids=["unknown-kind", "no-operations", "bad-pattern", "foreign-field", "no-sentence"],
)
@pytest.mark.parametrize("command", ["claims", "lint", "docs"])
def test_bad_claim_config_is_one_line_and_exit_2(tmp_path, claims, message, command):
    (tmp_path / ".git").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "manifest.yml").write_text("permissions:\n  scopes: [storage:app]\n")
    (tmp_path / "app" / ".scopecheck.yml").write_text("claims:\n" + claims)
    code, out, err = cli(command, "app", "-q" if command == "lint" else "app", cwd=tmp_path)
    text = out + err
    assert code == 2, text
    where, what = message
    assert where in text and what in text, text
    assert "Traceback" not in text


# --- the docs page --------------------------------------------------------------------------


def test_docs_page_shows_each_claim_with_its_commit_and_date(repo):
    code, out, _ = cli("docs", "trusted-app", cwd=repo)
    sha = git(repo, "rev-parse", "--short=7", "HEAD")
    assert code == 0
    assert "## Our claims, checked on every commit" in out
    assert (
        f"| Roles are created only when configured and never deleted. | **Verified.** Checked at {sha} (2026-03-01). |"
        in out
    )


def test_docs_never_shows_a_broken_claim_as_verified(repo):
    break_roles(repo, commit=True)
    code, out, err = cli("docs", "trusted-app", cwd=repo)
    row = next(line for line in out.splitlines() if line.startswith("| Roles are created"))
    assert code == 0
    assert "Verified" not in row and "**Broken.**" in row
    assert "the code calls \\`DELETE /rest/api/3/role/{}\\`" in row
    assert "claim `roles-never-deleted` is broken" in err
    html_code, html, _ = cli("docs", "trusted-app", "-f", "html", cwd=repo)
    cell = html.split("Roles are created only when configured and never deleted.</th>", 1)[1].split(
        "</tr>", 1
    )[0]
    assert html_code == 0
    assert '<span class="status status-broken">Broken</span>' in cell and "Verified" not in cell


def test_docs_says_when_the_check_ran_on_uncommitted_changes(repo):
    (repo / "trusted-app" / "src" / "index.js").write_text("export const handler = 1;\n")
    out = cli("docs", "trusted-app", cwd=repo)[1]
    assert "Checked on uncommitted changes to" in out


def test_example_app_lints_clean_and_every_claim_is_verified():
    code, out, _ = cli("claims", str(EXAMPLES / "trusted-app"), "-f", "json", cwd=REPO)
    statuses = {c["name"]: c["status"] for c in json.loads(out)["apps"][0]["claims"]}
    assert code == 0 and set(statuses.values()) == {"verified"} and len(statuses) == 8
    assert cli("lint", "examples/trusted-app", "-q", cwd=REPO)[0] == 0
