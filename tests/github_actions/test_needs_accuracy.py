"""One test per mistake found by scoring real workflows against hand-made answer keys
(scripts/gha_accuracy.py): each workflow below is written for the test, shaped like the one
that misled scopecheck."""

from __future__ import annotations

from conftest import run_lint, write_workflows
from scopecheck.core.findings import Confidence
from scopecheck.ecosystems.github_actions.shell import analyse, rest_needs

GITHUB = "${{ secrets.GITHUB_TOKEN }}"


def _findings(report, code: str):
    return [f for f in report.reported if f.rule_id == code]


# --- ghcr.io: the login names the registry through env, the push happens several ways -------


def _ghcr(registry: str, push_step: str, env: str = "") -> str:
    return (
        f"on: push\n{env}jobs:\n  image:\n    permissions:\n      contents: read\n      packages: write\n"
        "    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
        f"      - uses: docker/login-action@v3\n        with:\n          registry: {registry}\n"
        f"          username: ${{{{ github.actor }}}}\n          password: {GITHUB}\n"
        f"{push_step}"
    )


def test_a_registry_named_in_workflow_env_is_resolved(lint_workflow):
    text = _ghcr(
        "${{ env.REGISTRY }}",
        "      - uses: docker/build-push-action@v6\n        with:\n          push: true\n",
        env="env:\n  REGISTRY: ghcr.io\n",
    )
    assert _findings(lint_workflow(text, select="SC405"), "SC405") == []


def test_a_registry_only_known_at_run_time_leaves_packages_unsure(lint_workflow):
    text = _ghcr(
        "${{ matrix.registry }}",
        "      - uses: docker/build-push-action@v6\n        with:\n          push: true\n",
    )
    for finding in _findings(lint_workflow(text, select="SC405"), "SC405"):
        assert finding.confidence is Confidence.LOW


def test_a_push_decided_by_an_expression_is_unsure(lint_workflow):
    text = _ghcr(
        "ghcr.io",
        "      - uses: docker/build-push-action@v6\n        with:\n"
        "          push: ${{ github.event_name != 'pull_request' }}\n",
    )
    for finding in _findings(lint_workflow(text, select="SC405"), "SC405"):
        assert finding.confidence is Confidence.LOW


def test_buildx_imagetools_and_outputs_push_count_as_pushes(lint_workflow):
    imagetools = _ghcr("ghcr.io", "      - run: docker buildx imagetools create -t ghcr.io/o/i:1 a b\n")
    outputs = _ghcr(
        "ghcr.io",
        "      - uses: docker/build-push-action@v6\n        with:\n"
        "          outputs: type=image,name=ghcr.io/o/i,push=true\n",
    )
    assert _findings(lint_workflow(imagetools, select="SC405"), "SC405") == []
    assert _findings(lint_workflow(outputs, select="SC405"), "SC405") == []


def test_a_login_that_never_pushes_still_flags_packages_write(lint_workflow):
    text = _ghcr("ghcr.io", "      - run: docker pull ghcr.io/o/i:1\n")
    [finding] = _findings(lint_workflow(text, select="SC405"), "SC405")
    assert "packages: write" in finding.message and finding.confidence is Confidence.HIGH


# --- local actions and reusable workflows --------------------------------------------------


def test_a_local_javascript_action_makes_every_grant_unsure(tmp_path):
    action = "runs:\n  using: node20\n  main: index.js\n"
    text = (
        "on: push\njobs:\n  j:\n    permissions:\n      issues: write\n    runs-on: x\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: ./.github/actions/label\n"
    )
    root = write_workflows(
        tmp_path / "repo", {"ci.yml": text}, files={".github/actions/label/action.yml": action}
    )
    [finding] = _findings(run_lint([root], cwd=root, select="SC405"), "SC405")
    assert finding.confidence is Confidence.LOW
    assert "`./.github/actions/label`, whose code is not read" in finding.message


def test_a_checkout_inside_a_local_composite_action_stays_private_only(tmp_path):
    """actions/checkout needs `contents: read` only in a private repository; reached through a
    composite action it must stay so, or a public repository's missing grant is 'certain'."""
    action = "runs:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n"
    text = (
        "on: push\njobs:\n  j:\n    permissions:\n      issues: read\n    runs-on: x\n    steps:\n"
        "      - uses: ./.github/actions/setup\n"
    )
    root = write_workflows(
        tmp_path / "repo",
        {"ci.yml": text},
        files={".github/actions/setup/action.yml": action},
        policy="policy:\n  token-default: restricted\n",
    )
    [finding] = _findings(run_lint([root], cwd=root, select="SC406"), "SC406")
    assert finding.confidence is Confidence.LOW and "only in a private repository" in finding.message


def test_a_local_path_that_leaves_the_repository_is_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "action.yml").write_text(
        "runs:\n  using: composite\n  steps:\n    - uses: actions/checkout@v4\n", encoding="utf-8"
    )
    text = (
        "on: push\njobs:\n  j:\n    permissions:\n      contents: read\n    runs-on: x\n    steps:\n"
        "      - uses: ./../elsewhere\n"
    )
    root = write_workflows(tmp_path / "repo", {"ci.yml": text})
    report = run_lint([root], cwd=root, select="SC405")
    [finding] = _findings(report, "SC405")
    assert finding.confidence is Confidence.LOW and "could not be read" in finding.message


# --- comments: the issues API serves a pull request with either permission -----------------


def test_a_comment_action_is_served_by_issues_or_pull_requests(lint_workflow):
    for action in ("marocchino/sticky-pull-request-comment@v2", "peter-evans/create-or-update-comment@v4"):
        for granted in ("issues", "pull-requests"):
            text = (
                f"on: pull_request\njobs:\n  j:\n    permissions:\n      {granted}: write\n"
                f"    runs-on: x\n    steps:\n      - uses: {action}\n"
            )
            report = lint_workflow(
                text, select="SC405,SC406", policy="policy:\n  token-default: restricted\n"
            )
            assert [f for f in report.reported if f.confidence is Confidence.HIGH] == [], (action, granted)


# --- actions/github-script: the client handed to local modules ------------------------------


def _script(body: str) -> str:
    lines = "".join(f"            {line}\n" for line in body.splitlines())
    return (
        "on: issues\njobs:\n  j:\n    permissions:\n      issues: write\n    runs-on: x\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: actions/github-script@v7\n        with:\n"
        f"          script: |\n{lines}"
    )


def test_octokit_calls_in_a_required_module_are_the_steps(tmp_path):
    module = (
        "module.exports = async ({ github, context }) => {\n"
        "  await github.rest.issues.addLabels({ ...context.repo, issue_number: 1, labels: ['x'] });\n"
        "};\n"
    )
    text = _script("const run = require('./scripts/label.js')\nawait run({ github, context })")
    root = write_workflows(tmp_path / "repo", {"ci.yml": text}, files={"scripts/label.js": module})
    assert _findings(run_lint([root], cwd=root, select="SC405"), "SC405") == []


def test_a_required_module_that_uses_nothing_leaves_the_grant_flagged(tmp_path):
    module = "module.exports = async ({ core }) => { core.info('hi') };\n"
    text = _script("const run = require('./scripts/hello')\nawait run({ github, core })")
    root = write_workflows(tmp_path / "repo", {"ci.yml": text}, files={"scripts/hello.js": module})
    [finding] = _findings(run_lint([root], cwd=root, select="SC405"), "SC405")
    assert finding.confidence is Confidence.HIGH


def test_a_client_handed_to_a_package_is_unknown(lint_workflow):
    text = _script("const { label } = require('@acme/triage')\nawait label(github, context)")
    [finding] = _findings(lint_workflow(text, select="SC405"), "SC405")
    assert finding.confidence is Confidence.LOW
    assert "hands the client to code scopecheck does not read" in finding.message


def test_a_client_passed_to_an_inline_function_is_unknown(lint_workflow):
    text = _script("async function go(client) { await client.rest.issues.lock({}) }\nawait go(github)")
    [finding] = _findings(lint_workflow(text, select="SC405"), "SC405")
    assert finding.confidence is Confidence.LOW


# --- REST paths in shell: variables for owner/repo and endpoints that share a shape ---------


def test_repository_variables_match_the_owner_repo_template():
    for path in (
        "/repos/${{ github.repository }}/issues/12/comments",
        "/repos/$GITHUB_REPOSITORY/issues/12/comments",
        "/repos/${REPO}/issues/$PR/comments",
    ):
        assert rest_needs("POST", path) is not None, path
        needs, _any_of = rest_needs("POST", path)  # type: ignore[misc]
        assert set(needs) <= {"issues", "pull-requests"} and "write" in needs.values(), path


def test_the_more_literal_endpoint_wins_and_a_tie_of_different_needs_is_unknown():
    # /repos/{o}/{r}/pulls/{n}/merge is more literal than /repos/{o}/{r}/pulls/{n}/{anything}
    needs = rest_needs("PUT", "/repos/o/r/pulls/1/merge")
    assert needs is not None and needs[0] == {"contents": "write"}
    # every segment a variable: it fits endpoints that need different permissions
    assert rest_needs("GET", "/repos/o/r/$KIND/$ID") is None


# --- shell: what can read the token ---------------------------------------------------------


def test_gh_after_a_shell_keyword_is_still_gh():
    result = analyse(
        'if gh pr view "$PR" --json state; then gh pr merge "$PR" --squash; fi\n',
        {"GH_TOKEN": GITHUB},
        git_credential=False,
    )
    assert {p for need in result.needs for p in need.needs} >= {"pull-requests", "contents"}


def test_text_tools_with_the_token_in_env_are_not_unknown_but_scripts_are():
    env = {"GH_TOKEN": GITHUB}
    assert analyse("grep -c x file | sort | head -n 1\n", env, git_credential=False).unknown == []
    for script in ("source ./release.sh\n", "find . -name '*.md' | xargs ./check\n", "./deploy.sh\n"):
        assert analyse(script, env, git_credential=False).unknown != [], script


def test_a_push_decided_by_an_expression_in_outputs_is_unsure(lint_workflow):
    """astral-sh/ruff build-docker.yml: `outputs: type=image,...,push=${{ inputs.x }}`."""
    text = _ghcr(
        "ghcr.io",
        "      - uses: docker/build-push-action@v6\n        with:\n"
        "          outputs: type=image,name=ghcr.io/o/i,push-by-digest=true,push=${{ inputs.release }}\n",
    )
    for finding in _findings(lint_workflow(text, select="SC405"), "SC405"):
        assert finding.confidence is Confidence.LOW, finding.message


# --- reads of a public repository's data need no permission ---------------------------------


def _metadata_job(policy: str = "") -> tuple[str, str]:
    text = (
        "on: push\njobs:\n  tags:\n    permissions:\n      packages: read\n    runs-on: x\n    steps:\n"
        "      - uses: docker/metadata-action@v5\n        with:\n          images: ghcr.io/o/i\n"
    )
    return text, "policy:\n  token-default: restricted\n" + policy


def test_a_missing_read_is_unsure_while_the_repository_may_be_public(lint_workflow):
    """astral-sh/ruff build-docker.yml: metadata-action reads the repository, which a public
    repository serves to any token; the workflow works without `contents: read`."""
    text, policy = _metadata_job()
    [finding] = _findings(lint_workflow(text, select="SC406", policy=policy), "SC406")
    assert finding.confidence is Confidence.LOW and "only in a private repository" in finding.message
    assert finding.fix is None


def test_the_policy_settles_a_missing_read_either_way(lint_workflow):
    text, policy = _metadata_job("  repository-visibility: private\n")
    [finding] = _findings(lint_workflow(text, select="SC406", policy=policy), "SC406")
    assert finding.confidence is Confidence.HIGH and finding.fix is not None
    text, policy = _metadata_job("  repository-visibility: public\n")
    assert _findings(lint_workflow(text, select="SC406", policy=policy), "SC406") == []


def test_a_missing_write_stays_certain(lint_workflow):
    text = (
        "on: push\njobs:\n  scan:\n    permissions:\n      contents: read\n    runs-on: x\n    steps:\n"
        "      - uses: github/codeql-action/upload-sarif@v3\n        with:\n          sarif_file: r.sarif\n"
    )
    findings = _findings(lint_workflow(text, select="SC406"), "SC406")
    [sure] = [f for f in findings if f.confidence is Confidence.HIGH]
    assert "security-events: write" in sure.message
    # and its private-repository need of `actions: read` is unsure, said once
    [unsure] = [f for f in findings if f.confidence is Confidence.LOW]
    assert unsure.message.count("private repository") == 1


# --- git push: the checked-out repository, or another clone ---------------------------------


def _pusher(push_step: str) -> str:
    return (
        "on: push\npermissions:\n  contents: read\njobs:\n  docs:\n    runs-on: x\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: git clone https://${{ secrets.DOCS_PAT }}@github.com/o/docs.git docs\n"
        f"{push_step}"
    )


def test_a_push_from_another_clone_is_not_the_checkouts(lint_workflow):
    """astral-sh/ruff publish-docs.yml pushes a PAT clone in `working-directory: astral-docs`;
    the job needs no `contents: write` of the GITHUB_TOKEN."""
    text = _pusher("      - working-directory: docs\n        run: git push origin HEAD\n")
    findings = _findings(lint_workflow(text, select="SC406"), "SC406")
    assert [f for f in findings if f.confidence is Confidence.HIGH] == []


def test_a_push_after_cd_or_to_a_url_is_unsure(lint_workflow):
    for run in ("cd docs && git push", "git push https://x@github.com/o/docs.git HEAD"):
        text = _pusher(f"      - run: {run}\n")
        findings = _findings(lint_workflow(text, select="SC406"), "SC406")
        assert [f for f in findings if f.confidence is Confidence.HIGH] == [], run


def test_a_push_in_the_checkout_still_needs_contents_write(lint_workflow):
    text = (
        "on: push\npermissions:\n  contents: read\njobs:\n  tag:\n    runs-on: x\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: git tag v1 && git push origin v1\n"
    )
    [finding] = _findings(lint_workflow(text, select="SC406"), "SC406")
    assert finding.confidence is Confidence.HIGH and "contents: write" in finding.message


def test_write_where_a_step_may_read_is_lowered_not_removed(lint_workflow):
    """aws-actions pull-request-lint.yml: amannn/action-semantic-pull-request reads the pull
    request (the data doubts it); `pull-requests: write` is too much, but removing it could
    break the step in a private repository."""
    text = (
        "on: pull_request_target\njobs:\n  validate:\n    permissions:\n      pull-requests: write\n"
        "    runs-on: x\n    steps:\n      - uses: amannn/action-semantic-pull-request@v5\n"
        "        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
    )
    [finding] = _findings(lint_workflow(text, select="SC405"), "SC405")
    assert finding.confidence is Confidence.HIGH
    assert "its steps read at most (pull-requests: read)" in finding.message
    assert "set `pull-requests: read`" in finding.fix.description


def test_a_flag_passed_through_an_array_is_a_possible_need():
    """cli/cli deployment.yml builds `release_args+=( --discussion-category General )` and runs
    `gh release create "${release_args[@]}"`: discussions: write may be needed."""
    script = (
        'release_args=( "$TAG" )\n'
        "if [[ $TAG == *-* ]]; then release_args+=( --prerelease ); "
        'else release_args+=( --discussion-category "General" ); fi\n'
        'gh release create "${release_args[@]}"\n'
    )
    result = analyse(script, {"GH_TOKEN": GITHUB}, git_credential=False)
    sure = [n for n in result.needs if n.certain]
    maybe = [n for n in result.needs if not n.certain]
    assert [n.needs for n in sure] == [{"contents": "write"}]
    assert [n.needs.get("discussions") for n in maybe] == ["write"]


def test_gh_behind_xargs_and_a_dry_run_variable_is_a_possible_need():
    """cli/cli deployment.yml: `script/label-assets dist/* | xargs $guard gh release create ...`
    where `$guard` is `echo` for a dry run."""
    result = analyse(
        'script/label-assets dist/gh_* | xargs $guard gh release create "$TAG" --\n',
        {"GH_TOKEN": GITHUB},
        git_credential=False,
    )
    assert [(n.needs, n.certain) for n in result.needs] == [({"contents": "write"}, False)]
    plain = analyse("cat ids | xargs -I {} gh issue close {}\n", {"GH_TOKEN": GITHUB}, git_credential=False)
    assert [(n.needs, n.certain) for n in plain.needs] == [({"issues": "write"}, True)]


# --- missing permissions: reusable workflows, and either of two ------------------------------


def test_a_reusable_workflow_is_not_checked_against_the_default(lint_workflow):
    """docker/build-push-action .e2e-run.yml (workflow_call only): its jobs get the caller's
    grant, so a restricted default says nothing about them."""
    text = (
        "on: workflow_call\njobs:\n  run:\n    runs-on: x\n    steps:\n"
        "      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n"
        "          role-to-assume: arn:aws:iam::1:role/x\n          aws-region: eu-west-1\n"
    )
    policy = "policy:\n  token-default: restricted\n"
    assert lint_workflow(text, select="SC406", policy=policy).reported == ()


def test_a_comment_missing_both_permissions_is_one_finding_naming_both(lint_workflow):
    policy = "policy:\n  token-default: restricted\n"
    step = "    runs-on: x\n    steps:\n      - uses: peter-evans/create-or-update-comment@v4\n"
    on_pr = lint_workflow("on: pull_request\njobs:\n  c:\n" + step, select="SC406", policy=policy)
    [finding] = on_pr.reported
    assert "needs `pull-requests: write` or `issues: write`" in finding.message
    on_run = lint_workflow(
        "on: workflow_run\npermissions: {}\njobs:\n  c:\n    permissions:\n      contents: read\n" + step,
        select="SC406",
    )
    [finding] = on_run.reported
    assert finding.fix is not None and not finding.fix.safe  # issue or pull request: not known
