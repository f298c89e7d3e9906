"""GitHub Actions workflows end to end: reading, the registry, discovery beside a Forge app,
every output format, `--fix`, and the data tables behind the needs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SHARED, needs_shared, positions, run_lint, write_app, write_workflows
from scopecheck.core.findings import MappingChange
from scopecheck.core.fixes import planned_fix
from scopecheck.ecosystems.github_actions import conditions
from scopecheck.ecosystems.github_actions.catalog import build, load_actions, load_cli
from scopecheck.source.files import SourceText

RELEASE = """\
name: release
on:
  push:
    tags: ["v*"]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
  publish:
    permissions:
      contents: write   # the release
      id-token: write   # PyPI trusted publishing
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python -m build
      - uses: pypa/gh-action-pypi-publish@release/v1
      - run: gh release create "$TAG" dist/*
        env:
          GH_TOKEN: ${{ github.token }}
          TAG: ${{ github.ref_name }}
"""
REGISTRY = """\
version: 1
scopes:
  storage:app: Keeps the approval rules of each project.
workflows:
  release.yml:
    permissions:
      contents: Checks out the code to build it.
    jobs:
      publish:
        contents:
          justification: Creates the GitHub release with the built files.
          risk-accepted: SEC-7
        id-token: Publishes to PyPI with trusted publishing.
"""
MANIFEST = "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n"


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_a_justified_least_privilege_workflow_is_clean(tmp_path):
    root = write_workflows(tmp_path, {"release.yml": RELEASE}, REGISTRY)
    report = run_lint([root], cwd=tmp_path, select="SC1,SC2,SC4")
    assert report.reported == ()
    assert [a.manifest for a in report.apps] == [".github/workflows/release.yml"]


def test_undocumented_and_stale_entries_are_per_workflow(tmp_path):
    registry = REGISTRY.replace("        id-token: Publishes to PyPI with trusted publishing.\n", "")
    registry += "  gone.yml:\n    permissions:\n      issues: Comments on issues.\n"
    root = write_workflows(tmp_path, {"release.yml": RELEASE}, registry)
    report = run_lint([root], cwd=tmp_path, select="SC101,SC102")
    assert positions(report) == [("release.yml", 16, 7, "SC101")]
    [undocumented] = report.reported
    assert undocumented.help == (
        "add `id-token:` with a justification under `workflows:` › `release.yml:` › `jobs:` › `publish:` in "
        "permissions.yml"
    )
    # entries of a workflow file that is not there are not this workflow's: nothing claims them
    assert "gone.yml" not in str([f.subject for f in report.reported])


def test_a_forge_app_and_workflows_in_one_repository_share_the_registry(tmp_path):
    root = write_workflows(
        tmp_path,
        {"release.yml": RELEASE},
        REGISTRY,
        files={"manifest.yml": MANIFEST, "src/index.js": "export const run = () => 1;\n"},
    )
    report = run_lint([root], cwd=tmp_path, select="SC101,SC102")
    assert sorted(a.manifest for a in report.apps) == [".github/workflows/release.yml", "manifest.yml"]
    assert report.reported == ()  # neither reads the other's entries as stale


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "markdown"])
def test_both_kinds_are_reported_in_every_format(tmp_path, fmt):
    write_workflows(
        tmp_path,
        {
            "release.yml": RELEASE.replace(
                "      id-token: write   # PyPI trusted publishing\n", "      issues: write\n"
            )
        },
        None,
        files={"app/manifest.yml": MANIFEST.replace("storage:app", "read:jira-works")},
    )
    result = scopecheck("lint", ".", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "release.yml" in result.stdout and "app/manifest.yml" in result.stdout
    assert "SC405" in result.stdout and "SC201" in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert {a["manifest"] for a in data["apps"]} == {".github/workflows/release.yml", "app/manifest.yml"}


def test_a_changed_workflow_is_its_own_app(tmp_path):
    write_workflows(
        tmp_path,
        {
            "release.yml": RELEASE,
            "ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n",
        },
    )
    result = scopecheck(
        "lint", "--changed", ".github/workflows/ci.yml", "--select", "SC208", "-q", cwd=tmp_path
    )
    assert result.stdout.splitlines() == [
        ".github/workflows/ci.yml:3:3: warning[SC208 default-token-permissions] job `a` sets no `permissions:`: "
        "its token gets what the repository's default gives (read and write to everything if it is permissive); "
        "its steps need `{}` (nothing)"
    ]


# ---------------------------------------------------------------- SC001 from the adapter


@pytest.mark.parametrize(
    ("block", "line", "words"),
    [
        ("permissions: read\n", 1, "not a permissions value"),
        ("permissions:\n  contents: maybe\n", 2, "`contents` takes none, read, write"),
        ("permissions:\n  id-token: read\n", 2, "`id-token` takes none, write"),
        (
            "permissions:\n  contnets: read\n",
            2,
            "unknown permission `contnets` in `permissions`; did you mean `contents`?",
        ),
        ("permissions: [contents]\n", 1, "must be `read-all`, `write-all` or a mapping"),
    ],
)
def test_blocks_github_rejects_are_sc001(tmp_path, block, line, words):
    root = write_workflows(
        tmp_path, {"ci.yml": block + "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n"}
    )
    report = run_lint([root], cwd=tmp_path, select="SC001")
    [finding] = report.reported
    assert (finding.rule_id, finding.span.line) == ("SC001", line)
    assert words in finding.message


# ---------------------------------------------------------------- --fix


def test_fix_narrows_and_removes_with_comments_kept_and_converges(tmp_path):
    text = """\
        on: push
        permissions:
          contents: write   # was for docs
          issues: write
          id-token: write   # not used
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test
        """
    root = write_workflows(tmp_path, {"ci.yml": text})
    result = scopecheck("lint", ".", "--fix", "--select", "SC209,SC405", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = (root / ".github" / "workflows" / "ci.yml").read_text()
    assert fixed == textwrap.dedent(text).replace("contents: write", "contents: read").replace(
        "  issues: write\n", ""
    ).replace("  id-token: write   # not used\n", "")
    again = scopecheck("lint", ".", "--fix", "--select", "SC209,SC405", cwd=tmp_path)
    assert "Applied" not in again.stderr


def test_fix_writes_a_job_block_and_replaces_write_all(tmp_path):
    text = "on: push\njobs:\n  a:\n    runs-on: x  # linux\n    steps:\n      - uses: actions/checkout@v4\n  b:\n    permissions: write-all\n    runs-on: x\n    steps:\n      - run: echo\n"
    root = write_workflows(tmp_path, {"ci.yml": text})
    result = scopecheck("lint", ".", "--fix", "--select", "SC207,SC208", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / ".github" / "workflows" / "ci.yml").read_text() == (
        "on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: x  # linux\n"
        "    steps:\n      - uses: actions/checkout@v4\n  b:\n    permissions: {}\n    runs-on: x\n"
        "    steps:\n      - run: echo\n"
    )


@pytest.mark.parametrize(
    ("before", "change", "after"),
    [
        ("permissions:\n  a: read\n  b: write\n", MappingChange("w", ("permissions",), (("b", "read"),), ("a",)),
         "permissions:\n  b: read\n"),
        ("permissions: {a: read}\n", MappingChange("w", ("permissions",), (("c", "write"),)),
         "permissions: {a: read, c: write}\n"),
        ("permissions:\n  a: read\n", MappingChange("w", ("permissions",), (), ("a",)), "permissions: {}\n"),
        ("permissions: write-all  # broad\n", MappingChange("w", ("permissions",), (("a", "read"),), exact=True),
         "permissions:  # broad\n  a: read\n"),
        ("permissions:\r\n  a: read\r\n", MappingChange("w", ("permissions",), (("b", "write"),)),
         "permissions:\r\n  a: read\r\n  b: write\r\n"),
        ("x: 1\njobs:\n  j:\n    runs-on: y\n", MappingChange("w", ("jobs", "j", "permissions"), (), exact=True),
         "x: 1\njobs:\n  j:\n    permissions: {}\n    runs-on: y\n"),
    ],
)  # fmt: skip
def test_mapping_changes_in_every_layout(before, change, after):
    fix, refusal = planned_fix(SourceText.from_text(Path("w"), "w", before), "d", (change,))
    assert refusal is None and fix is not None
    text = before
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    assert text == after


# ---------------------------------------------------------------- the data behind the needs


def test_every_condition_of_the_action_data_is_read_by_a_check():
    in_data = {
        (name, c["when"]) for name, entry in load_actions().items() for c in entry.get("conditional", [])
    }
    assert in_data == set(conditions.CHECKS)


def test_every_gh_command_of_the_data_is_indexed():
    from scopecheck.ecosystems.github_actions.shell import _gh_index

    gh = [e for e in load_cli() if str(e["command"]).startswith("gh ")]
    assert {id(e) for e in gh} == {id(e) for e in _gh_index().values()}


@needs_shared
def test_regenerating_the_catalog_gives_the_committed_files(tmp_path):
    build.write_all(SHARED / "data", tmp_path)
    for path in sorted(build.OUTPUT.glob("*.json")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is stale: run the build"
        )


def test_init_and_docs_cover_workflows(tmp_path):
    root = write_workflows(tmp_path, {"release.yml": RELEASE})
    assert scopecheck("init", ".github/workflows/release.yml", cwd=root).returncode == 0
    registry = (root / "permissions.yml").read_text()
    assert "workflows:" in registry and "release.yml:" in registry and "id-token:" in registry
    assert run_lint([root], cwd=tmp_path, select="SC101").reported == ()
    page = scopecheck("docs", ".github/workflows/release.yml", cwd=root)
    assert page.returncode == 0 and "id-token" in page.stdout


def test_write_app_helper_still_makes_forge_apps(tmp_path):
    assert (write_app(tmp_path, MANIFEST) / "manifest.yml").is_file()


def test_the_init_hint_names_the_repository_once(tmp_path):
    """Ten workflows without a registry share one: the hint names its folder once, and counts
    workflows as workflows (it listed `.github/workflows` once per workflow before)."""
    root = write_workflows(tmp_path / "repo", {"a.yml": RELEASE, "b.yml": RELEASE})
    result = scopecheck("lint", ".", cwd=root)
    assert "hint: 2 workflows have no registry yet: `scopecheck init .` writes one" in result.stderr
    app = write_app(tmp_path / "forge", "modules: {}\npermissions:\n  scopes:\n    - storage:app\n")
    result = scopecheck("lint", str(app), cwd=tmp_path)
    assert "hint: 1 app has no registry yet: `scopecheck init forge/app` writes one" in result.stderr


def test_docs_gives_each_workflow_a_page_of_its_token_permissions_by_block():
    """Before, a workflow's page was a Forge page ("in an Atlassian site", egress sections)
    and the same permission in two blocks showed once."""
    from conftest import EXAMPLES

    def docs(*args: str) -> str:
        result = scopecheck("docs", str(EXAMPLES / "triage-app"), *args, cwd=EXAMPLES.parent)
        assert result.returncode == 0, result.stderr
        return result.stdout

    markdown = docs()
    release = markdown.split("## release.yml: permissions", 1)[1]
    assert "GitHub Actions workflow release.yml gives its jobs' GITHUB\\_TOKEN" in release
    assert "4 token permissions (3 critical, 1 high risk) in 2 permissions blocks" in release
    assert "| `contents: write` | the workflow | critical |" in release
    assert (
        "| `contents: write` | job `publish` | critical | Repository contents, commits, branches, "
        "downloads, releases and merges; read lists commits, write pushes and creates releases. | "
        "Creates the GitHub release and uploads the built app to it. |"
    ) in release
    assert "Atlassian" not in release.split("---", 1)[0]
    html = docs("-f", "html")
    assert "<caption>GITHUB_TOKEN permissions release.yml grants (4)</caption>" in html
    assert '<td>job <code class="nowrap">publish</code></td>' in html
    rows = docs("-f", "csv").splitlines()
    assert rows[0].endswith(",granted_to")
    assert any(
        r.startswith("release.yml,token,contents: write,") and r.endswith(",job `publish`") for r in rows
    )


def test_diff_and_base_ref_name_each_new_grant_with_its_block(tmp_path):
    """The same permission granted to a second job is new; the wording is a workflow's, not
    Forge's site-admin consent."""
    root = write_workflows(tmp_path / "repo", {"ci.yml": RELEASE})
    shutil.rmtree(root / ".git")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    workflow = root / ".github" / "workflows" / "ci.yml"
    text = workflow.read_text()
    workflow.write_text(text.replace("  test:\n", "  test:\n    permissions:\n      contents: write\n"))
    result = scopecheck("diff", "HEAD", "--manifest", ".github/workflows/ci.yml", cwd=root)
    assert result.returncode == 1, result.stderr
    assert "+ token   contents: write (job `test`)  critical risk" in result.stdout
    assert result.stdout.rstrip().endswith("Review before merging: 1 token permission added.")
    lint = scopecheck("lint", "--base-ref", "HEAD", "--select", "SC501", "-q", cwd=root)
    assert (
        "token permission `contents: write (job `test`)` (critical risk) is new against HEAD: "
        "the workflow's jobs can do more than before" in lint.stdout
    )


def test_an_ignore_comment_in_a_workflow_suppresses_and_an_unused_one_is_sc003(lint_workflow):
    text = (
        "on: push\npermissions:\n  contents: write  # scopecheck: ignore[SC405] -- tags pushed by a script we do not show\n"
        "  issues: write  # scopecheck: ignore[SC209] -- nothing to silence here\n"
        "jobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    report = lint_workflow(text, select="SC405,SC209,SC003")
    assert [(f.rule_id, f.span.line) for f in report.reported] == [("SC405", 4), ("SC003", 4)]
    [ignored] = report.ignored
    assert ignored.rule_id == "SC405" and ignored.span.line == 3


def test_the_policy_denies_token_permissions_by_pattern(lint_workflow):
    text = "on: push\npermissions:\n  contents: write\n  issues: read\njobs:\n  a:\n    runs-on: x\n    steps: []\n"
    report = lint_workflow(text, select="SC203", policy='policy:\n  deny-scopes: ["*: write"]\n')
    assert [f.message for f in report.reported] == [
        "token permission `contents: write` is denied by the policy (pattern `*: write`)"
    ]


def test_a_baseline_accepts_todays_workflow_findings_and_reports_new_ones(tmp_path):
    root = write_workflows(tmp_path / "repo", {"ci.yml": RELEASE})
    assert scopecheck("baseline", "-o", "baseline.json", cwd=root).returncode == 0
    clean = scopecheck("lint", "--baseline", "baseline.json", cwd=root)
    assert clean.returncode == 0 and "in the baseline" in clean.stdout
    workflow = root / ".github" / "workflows" / "ci.yml"
    workflow.write_text(
        workflow.read_text().replace("  contents: read\n", "  contents: read\n  issues: write\n", 1)
    )
    new = scopecheck("lint", "--baseline", "baseline.json", "-q", cwd=root)
    assert new.returncode == 1
    assert {line.split("[")[1].split(" ")[0] for line in new.stdout.splitlines() if "[" in line} == {
        "SC101",
        "SC405",
    }
