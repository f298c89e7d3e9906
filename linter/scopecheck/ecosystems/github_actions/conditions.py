"""The conditions in the action data (`conditional[].when`), as checks on a step.

The data writes each condition in words ("push-to-registry: true (OCI image)"). Each one is
mapped here, by hand, to a check over the step's inputs, its job's later steps and the
workflow's triggers, answering True, False, or None when the file cannot tell (the
repository's visibility, what a config file says). A condition that is not in this table is
unknown too; a test lists every condition of the data so a new one cannot go unnoticed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from scopecheck.ecosystems.github_actions.model import Job, Step, Workflow
from scopecheck.ecosystems.github_actions.shell import GIT_PUSH
from scopecheck.ecosystems.github_actions.tokens import credential


@dataclass(frozen=True)
class StepScope:
    """What a condition may look at: the step, the steps after it in its job, the workflow."""

    step: Step
    job: Job
    workflow: Workflow

    @property
    def later(self) -> tuple[Step, ...]:
        return tuple(s for s in self.job.steps if s.index > self.step.index)

    def value(self, name: str) -> str | None:
        """An input's value, with `${{ env.NAME }}` replaced by the workflow's, job's or step's
        own value of NAME where it sets one."""
        found = self.step.input(name)
        if found is None:
            return None
        env = {k: v.value for pairs in (self.workflow.env, self.job.env, self.step.env) for k, v in pairs}
        return re.sub(
            r"\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}",
            lambda m: env.get(m.group(1), m.group(0)),
            found.value,
        ).strip()

    def true(self, name: str) -> bool | None:
        """Whether an input is `true`; None when an expression decides it at run time."""
        return self.equals(name, "true")

    def equals(self, name: str, *values: str) -> bool | None:
        """Whether an input is one of `values`; None when it is an expression (`${{ ... }}`)."""
        value = self.value(name) or ""
        if "${{" in value:
            return None
        return value.lower() in values

    def has(self, *names: str) -> bool:
        return any(self.value(name) for name in names)

    def later_runs(self, pattern: str) -> bool:
        return any(s.run is not None and re.search(pattern, s.run.value) for s in self.later)

    def later_uses(self, action: str) -> list[Step]:
        return [s for s in self.later if s.uses is not None and s.uses.value.lower().startswith(action)]


Check = Callable[[StepScope], bool | None]


def _unknown(_scope: StepScope) -> None:
    return None


def _never(_scope: StepScope) -> bool:
    """Conditions about later steps that scopecheck analyses as steps of their own."""
    return False


def _push_with_checkout_credential(scope: StepScope) -> bool | None:
    """A later `git push` with the credential this checkout persisted: certain only for a push
    in the checked-out folder; one elsewhere (another clone) leaves it open."""
    persisted = (scope.value("persist-credentials") or "true").lower() != "false"
    if not persisted or credential(scope.step.input("token")) == "other":
        return False
    found: bool | None = False
    for step in scope.later:
        if step.run is not None and GIT_PUSH.search(step.run.value):
            where = push_target(scope.workflow, scope.job, step, scope.value("path"))
            if where is True:
                return True
            found = None
    return found


def push_target(workflow: Workflow, job: Job, step: Step, checkout_path: str | None = None) -> bool | None:
    """Whether the `git push` in `step` pushes the checked-out repository: True when it runs
    in the checkout's folder and nothing clones or changes folder; None when it may push
    another clone (a working directory, a `cd`, `git -C`, a `git clone` in the job, a URL)."""
    assert step.run is not None
    folder = step.working_directory or job.working_directory or workflow.working_directory
    if _folder(folder) != _folder(checkout_path):
        return None
    if re.search(r"(^|[;&|\n(]\s*)(cd|pushd)\s", step.run.value) or re.search(
        r"\bgit\s+-C\b", step.run.value
    ):
        return None
    if re.search(r"\bgit\s+push\s+(\S+\s+)*?(https?://|git@)", step.run.value):
        return None
    clones = any(s.run is not None and re.search(r"\bgit\s+clone\b", s.run.value) for s in job.steps)
    return None if clones else True


def _folder(path: str | None) -> str:
    """A working directory as one comparable form: `.`, `./`, `` and None are the workspace."""
    if not path or not path.strip():
        return "."
    return posixpath.normpath(path.strip())


def _other_credential(*inputs: str) -> Check:
    return lambda scope: any(credential(scope.step.input(name)) == "other" for name in inputs)


def _flag(name: str) -> Check:
    return lambda scope: scope.true(name)


def _set(*names: str) -> Check:
    return lambda scope: scope.has(*names)


def _major_at_least(version: int) -> Check:
    def check(scope: StepScope) -> bool | None:
        ref = (scope.step.uses.value if scope.step.uses else "").rpartition("@")[2]
        match = re.fullmatch(r"v?(\d+)(\..*)?", ref)
        return int(match.group(1)) >= version if match else None

    return check


def _ghcr_login(push: bool) -> Check:
    """A login to ghcr.io with the GITHUB_TOKEN, followed (or not) by a push: `docker push`,
    `buildx imagetools create`, `build --push`, or docker/build-push-action with `push: true`
    or `push=true` in its outputs; an expression in `push:` leaves it open."""

    def check(scope: StepScope) -> bool | None:
        registry = (scope.value("registry") or "").lower()
        if credential(scope.step.input("password")) != "github":
            return False
        if "${{" in registry:
            return None  # the registry is only known at run time
        if not registry.startswith("ghcr.io"):
            return False
        pushes: bool | None = scope.later_runs(
            r"\bdocker\s+(image\s+)?push\b|imagetools\s+create|buildx\s+build\b[^\n]*--push|\bdocker\s+manifest\s+push"
        )
        for step in scope.later_uses("docker/build-push-action"):
            flag = _input_value(step, "push").strip().lower()
            output = re.search(r"\bpush=(\$\{\{.*?\}\}|\w+)", _input_value(step, "outputs"))
            if output is not None and not flag:
                flag = output.group(1).lower()
            if flag == "true":
                pushes = True
            elif "${{" in flag and pushes is not True:
                pushes = None
        if pushes is None:
            return None
        return pushes if push else not pushes

    return check


def _input_value(step: Step, name: str) -> str:
    found = step.input(name)
    return found.value if found is not None else ""


def _non_pr_trigger(scope: StepScope) -> bool:
    return any(t not in ("pull_request", "pull_request_target") for t in scope.workflow.trigger_names)


def _comment_summary(scope: StepScope) -> bool | None:
    return scope.equals("comment-summary-in-pr", "always", "on-failure", "true")


def _aws_oidc(scope: StepScope) -> bool:
    return scope.has("role-to-assume") and not scope.has("aws-access-key-id", "web-identity-token-file")


def _azure_oidc(scope: StepScope) -> bool:
    return scope.has("client-id") and scope.has("tenant-id") and not scope.has("creds")


def _other_repository(scope: StepScope) -> bool:
    value = scope.value("repository")
    return bool(value) and "github.repository" not in (value or "")


def _value_is(name: str, *values: str) -> Check:
    return lambda scope: scope.equals(name, *values)


#: (action, condition as the data words it) -> how to tell from the workflow
CHECKS: dict[tuple[str, str], Check] = {
    ("actions/checkout", "public repository"): _unknown,
    (
        "actions/checkout",
        "later run step does git push with the persisted credential (persist-credentials default true)",
    ): _push_with_checkout_credential,
    ("actions/checkout", "token or ssh-key input set to another credential"): lambda s: (
        credential(s.step.input("token")) == "other" or s.has("ssh-key")
    ),
    (
        "actions/setup-node",
        "registry-url is GitHub Packages and a later npm install/publish step uses NODE_AUTH_TOKEN=GITHUB_TOKEN",
    ): lambda s: None if "npm.pkg.github.com" in (s.value("registry-url") or "") else False,
    (
        "actions/setup-java",
        "a later 'mvn deploy' / 'gradle publish' step uses GITHUB_TOKEN for GitHub Packages",
    ): _never,
    ("actions/setup-dotnet", "a later 'dotnet nuget push' to nuget.pkg.github.com uses GITHUB_TOKEN"): _never,
    (
        "actions/download-artifact",
        "github-token + run-id/repository set (artifact from another run or repo)",
    ): (lambda s: s.has("github-token") and s.has("run-id", "repository")),
    ("actions/configure-pages", "enablement: true"): _flag("enablement"),
    ("actions/attest", "create-storage-record (default) in actions/attest v4+"): _major_at_least(4),
    ("actions/attest", "push-to-registry: true (OCI image)"): _flag("push-to-registry"),
    ("actions/attest", "private repo checkout in the same job"): _unknown,
    (
        "actions/attest-build-provenance",
        "create-storage-record (default) in actions/attest v4+",
    ): _major_at_least(4),
    ("actions/attest-build-provenance", "push-to-registry: true (OCI image)"): _flag("push-to-registry"),
    ("actions/attest-build-provenance", "private repo checkout in the same job"): _unknown,
    ("actions/attest-sbom", "create-storage-record (default) in actions/attest v4+"): _major_at_least(4),
    ("actions/attest-sbom", "push-to-registry: true (OCI image)"): _flag("push-to-registry"),
    ("actions/attest-sbom", "private repo checkout in the same job"): _unknown,
    ("actions/labeler", "labels in .github/labeler.yml do not exist yet"): _unknown,
    ("actions/stale", "delete-branch: true"): _flag("delete-branch"),
    ("actions/stale", "only issue options used (no PR options)"): _unknown,
    ("actions/stale", "README recommended set (state kept in the Actions cache)"): _unknown,
    ("actions/dependency-review-action", "comment-summary-in-pr: always|on-failure|true"): _comment_summary,
    ("github/codeql-action/init", "private repository"): _unknown,
    ("github/codeql-action/init", "private CodeQL packs"): _unknown,
    ("github/codeql-action/upload-sarif", "private repository"): _unknown,
    ("docker/login-action", "registry: ghcr.io with password: GITHUB_TOKEN and later push"): _ghcr_login(
        push=True
    ),
    ("docker/login-action", "ghcr.io pull of private images only"): _ghcr_login(push=False),
    ("softprops/action-gh-release", "discussion_category_name set"): _set("discussion_category_name"),
    ("softprops/action-gh-release", "repository: other/repo"): _other_repository,
    ("peaceiris/actions-gh-pages", "deploy_key or personal_token used instead of github_token"): _set(
        "deploy_key", "personal_token"
    ),
    ("jamesives/github-pages-deploy-action", "ssh-key or token set to another credential"): (
        lambda s: s.has("ssh-key") or credential(s.step.input("token")) == "other"
    ),
    ("changesets/action", "npm trusted publishing"): _unknown,
    ("release-drafter/release-drafter", "disable-autolabeler"): _flag("disable-autolabeler"),
    ("release-drafter/release-drafter", "disable-releaser"): _flag("disable-releaser"),
    ("goreleaser/goreleaser-action", "pushes images to ghcr.io"): _unknown,
    ("goreleaser/goreleaser-action", "signs with cosign keyless"): _unknown,
    ("dependabot/fetch-metadata", "followed by 'gh pr review --approve'"): _never,
    ("dependabot/fetch-metadata", "followed by 'gh pr merge --auto'"): _never,
    ("dependabot/fetch-metadata", "followed by 'gh pr edit --add-label'"): _never,
    ("amannn/action-semantic-pull-request", "wip: true (sets a commit status)"): _flag("wip"),
    ("dessant/lock-threads", "process-only: issues"): _value_is("process-only", "issues"),
    ("dessant/lock-threads", "process-only: prs"): _value_is("process-only", "prs"),
    ("dorny/paths-filter", "non-PR events (git diff on checkout)"): _non_pr_trigger,
    ("enricomi/publish-unit-test-result-action", "private repository"): _unknown,
    ("enricomi/publish-unit-test-result-action", "comment_mode: off"): _value_is("comment_mode", "off"),
    ("golangci/golangci-lint-action", "only-new-issues: true"): _flag("only-new-issues"),
    ("ossf/scorecard-action", "private repository"): _unknown,
    ("codecov/codecov-action", "use_oidc: true"): _flag("use_oidc"),
    (
        "aws-actions/configure-aws-credentials",
        "role-to-assume without aws-access-key-id / web-identity-token-file (GitHub OIDC)",
    ): _aws_oidc,
    ("google-github-actions/auth", "workload_identity_provider (Workload Identity Federation)"): _set(
        "workload_identity_provider"
    ),
    ("azure/login", "client-id + tenant-id + subscription-id without creds secret (OIDC)"): _azure_oidc,
    ("pypa/gh-action-pypi-publish", "trusted publishing (no password input)"): lambda s: (
        not s.has("password")
    ),
    ("aquasecurity/trivy-action", "SARIF uploaded with github/codeql-action/upload-sarif"): _never,
}


def check(action: str, when: str, scope: StepScope) -> bool | None:
    """Whether `when` holds for this step: True, False, or None (the workflow cannot tell)."""
    found = CHECKS.get((action.lower(), when))
    return found(scope) if found is not None else None
