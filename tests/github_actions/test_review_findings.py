"""One test per problem a review of the GitHub Actions work found (each reproduced first):
a confident finding that was wrong, a fix that lost data, a crash, a read outside the
repository. The workflows are written for the test."""

from __future__ import annotations

import dataclasses
import os

import pytest

from conftest import run_lint, write_workflows
from scopecheck.core.findings import Confidence
from scopecheck.ecosystems.github_actions.shell import analyse

GITHUB = "${{ secrets.GITHUB_TOKEN }}"
TOKEN_ENV = {"GH_TOKEN": GITHUB}


def _confident(report, *codes: str):
    return [f for f in report.reported if f.rule_id in codes and f.confidence is Confidence.HIGH]


def _job(steps: str, grant: str = "contents: write\n      issues: write", on: str = "push") -> str:
    return f"on: {on}\njobs:\n  j:\n    permissions:\n      {grant}\n    runs-on: x\n    steps:\n{steps}"


# --- 1. a crash in the analysis made every grant look unused, and --fix wrote that -----------


@pytest.mark.parametrize("uses", ['"./a\\0b"', "./" + "x" * 5000], ids=["nul", "too-long"])
def test_an_odd_local_path_is_unknown_not_a_crash(lint_workflow, uses):
    text = _job(
        f"      - uses: {uses}\n      - run: gh issue close 1\n        env:\n          GH_TOKEN: {GITHUB}\n"
    )
    report = lint_workflow(text, select="SC405,SC209,SC406")
    assert report.crashes == ()
    assert _confident(report, "SC405", "SC209") == []


def test_fix_writes_nothing_when_a_rule_crashed(tmp_path, monkeypatch):
    from scopecheck.core import fixes
    from scopecheck.core.engine import lint
    from scopecheck.core.findings import RuleCrash
    from scopecheck.core.settings import CliOverrides
    from scopecheck.ecosystems import TOOLKIT

    root = write_workflows(tmp_path / "repo", {"ci.yml": _job("      - uses: actions/checkout@v4\n")})

    def crashed(overlay):
        report = lint([root], CliOverrides(cache=False), cwd=root, toolkit=TOOLKIT, overlay=overlay)
        return dataclasses.replace(report, crashes=(RuleCrash("SC405", "ci.yml", "boom", ""),))

    with pytest.raises(fixes.FixError, match="crashed"):
        fixes.fix_until_stable(crashed)


# --- 2, 3, 7: uses of the token the shell reading missed ------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        '$RETRY curl -X POST -H "Authorization: Bearer ${{ github.token }}" https://api.github.com/repos/o/r/issues',
        'echo "url=$(gh issue create --title t --body b)" >> $GITHUB_OUTPUT',
        "GH_TOKEN=${{ github.token }} gh issue edit 1 --add-label x",
        'gh auth login --with-token <<< "${{ github.token }}"\ngh issue close 1',
    ],
    ids=["variable-prefix-curl", "command-substitution", "inline-env", "gh-auth-login"],
)
def test_the_token_used_in_these_ways_is_seen(script):
    env = {} if "github.token" in script and "RETRY" not in script else TOKEN_ENV
    result = analyse(script + "\n", env, git_credential=False)
    assert result.needs or result.unknown, script
    issues = [n for n in result.needs if "issues" in n.needs]
    assert issues or result.unknown, script


def test_git_push_with_global_options_is_a_push(lint_workflow):
    text = _job(
        "      - uses: actions/checkout@v4\n      - run: git -C . push origin HEAD\n", grant="contents: write"
    )
    assert _confident(lint_workflow(text, select="SC405"), "SC405") == []


def test_keyless_cosign_and_release_tools_are_not_ignored(lint_workflow):
    cosign = _job("      - run: cosign sign --yes ghcr.io/o/i@sha256:abc\n", grant="id-token: write")
    assert _confident(lint_workflow(cosign, select="SC209"), "SC209") == []
    release = _job(
        "      - uses: actions/checkout@v4\n      - run: npx semantic-release\n"
        f"        env:\n          GITHUB_TOKEN: {GITHUB}\n",
        grant="contents: write\n      issues: write\n      pull-requests: write",
    )
    assert _confident(lint_workflow(release, select="SC405"), "SC405") == []


def test_a_repository_script_is_read(tmp_path):
    script = "#!/usr/bin/env bash\nset -e\ngit tag v1\ngit push origin v1\n"
    text = _job(
        "      - uses: actions/checkout@v4\n      - run: ./scripts/release.sh\n", grant="contents: write"
    )
    root = write_workflows(tmp_path / "repo", {"ci.yml": text}, files={"scripts/release.sh": script})
    report = run_lint([root], cwd=root, select="SC405")
    assert _confident(report, "SC405") == []


def test_a_push_inside_a_local_composite_action_uses_the_jobs_checkout(tmp_path):
    action = "runs:\n  using: composite\n  steps:\n    - run: git push origin HEAD\n      shell: bash\n"
    text = _job(
        "      - uses: actions/checkout@v4\n      - uses: ./.github/actions/push\n", grant="contents: write"
    )
    root = write_workflows(
        tmp_path / "repo", {"ci.yml": text}, files={".github/actions/push/action.yml": action}
    )
    assert _confident(run_lint([root], cwd=root, select="SC405"), "SC405") == []


# --- 4. a fix must keep a comment that sits after a tag -------------------------------------


def test_a_comment_after_a_tag_survives_or_the_fix_is_refused(tmp_path):
    import subprocess
    import sys

    from conftest import REPO  # noqa: F401  (the CLI runs from the repository)

    text = (
        "on: push\njobs:\n  j:\n    permissions:\n      contents: !!str # keep: needed for release (#12)\n"
        "        write\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    root = write_workflows(tmp_path / "repo", {"ci.yml": text})
    subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", ".", "--fix", "--select", "SC405"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    after = (root / ".github" / "workflows" / "ci.yml").read_text()
    assert "# keep: needed for release (#12)" in after


# --- 5, 6: needs the data makes conditional --------------------------------------------------


def test_packages_read_is_needed_in_a_public_repository_too(lint_workflow):
    text = _job(
        "      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n"
        f"          username: ${{{{ github.actor }}}}\n          password: {GITHUB}\n"
        "      - run: docker run ghcr.io/o/private-image\n",
        grant="packages: read",
    )
    policy = "policy:\n  repository-visibility: public\n"
    assert _confident(lint_workflow(text, select="SC405", policy=policy), "SC405") == []


def test_an_input_set_by_an_expression_is_unknown_not_false(lint_workflow):
    codecov = _job(
        "      - uses: codecov/codecov-action@v5\n        with:\n"
        "          use_oidc: ${{ !(github.event_name == 'pull_request' && github.event.pull_request.head.repo.fork) }}\n",
        grant="id-token: write",
    )
    assert _confident(lint_workflow(codecov, select="SC209"), "SC209") == []


# --- 8, 9: SC406's choice between two permissions, and its level ----------------------------


def test_mixed_triggers_do_not_settle_issues_or_pull_requests(lint_workflow):
    text = _job(
        "      - uses: peter-evans/create-or-update-comment@v4\n",
        grant="contents: read",
        on="[pull_request_target, issues]",
    )
    [finding] = lint_workflow(text, select="SC406").reported
    assert finding.fix is not None and not finding.fix.safe


def test_a_confident_missing_grant_asks_only_for_the_sure_level(lint_workflow):
    text = _job(
        "      - uses: actions/checkout@v4\n      - run: npx semantic-release\n",
        grant="issues: write",
    )
    policy = "policy:\n  repository-visibility: private\n"
    [finding] = [
        f
        for f in lint_workflow(text, select="SC406", policy=policy).reported
        if f.confidence is Confidence.HIGH
    ]
    assert "`contents: read`" in finding.message and "contents: write" not in finding.message


# --- 11, 12b: paths ----------------------------------------------------------------------


def test_an_action_file_linked_outside_the_repository_is_not_read(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(
        "runs:\n  using: composite\n  steps:\n    - uses: secret/leaked-name@v1\n", encoding="utf-8"
    )
    text = _job("      - uses: ./.github/actions/x\n", grant="contents: read")
    root = write_workflows(tmp_path / "repo", {"ci.yml": text})
    folder = root / ".github" / "actions" / "x"
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "action.yml")
    report = run_lint([root], cwd=root, select="SC405")
    assert all("leaked-name" not in f.message for f in report.reported)


def test_defaults_working_directory_makes_a_push_another_clones(lint_workflow):
    text = (
        "on: push\njobs:\n  j:\n    permissions:\n      contents: read\n    defaults:\n      run:\n"
        "        working-directory: ../docs\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: git push origin HEAD\n"
    )
    assert _confident(lint_workflow(text, select="SC406"), "SC406") == []


def test_a_working_directory_that_only_looks_like_the_checkout_path_is_not_it():
    from scopecheck.ecosystems.github_actions.conditions import _folder

    assert _folder("../x") != _folder("x")
    assert _folder("./") == _folder(None) == _folder(".")
    assert _folder("x/") == _folder("./x")
