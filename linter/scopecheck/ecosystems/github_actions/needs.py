"""What each job's steps need from the GITHUB_TOKEN, and what could not be told.

Per step: an action the data knows (its needs, the input or variable that carries the token,
the conditions that change the need), an `actions/github-script` script (its octokit calls),
a `run:` script (`gh`, `git push`, REST calls, publishes, OIDC), a local composite action (its
own steps), and a job that calls a reusable workflow of the same repository (that workflow's
jobs). Anything else that may use the token (an action the data does not know, a script of
the repository's own given the token, a reusable workflow of another repository) is kept as
an unknown with its reason: the findings that rest on it are unsure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.ecosystems.github_actions import conditions, shell
from scopecheck.ecosystems.github_actions.catalog import load_actions, load_rest
from scopecheck.ecosystems.github_actions.levels import LEVEL_ORDER
from scopecheck.ecosystems.github_actions.model import Job, Setting, Step, Workflow
from scopecheck.ecosystems.github_actions.tokens import credential, is_github_token

#: what any token reads in a public repository without the permission (its code, issues,
#: pull requests, runs, checks): a `read` need of these counts only in a private one (not
#: packages: a public repository may pull a private image)
PUBLIC_READS = frozenset(
    [
        "actions",
        "checks",
        "contents",
        "deployments",
        "discussions",
        "issues",
        "metadata",
        "pages",
        "pull-requests",
        "statuses",
    ]
)
#: how deep local actions and reusable workflows are followed
MAX_DEPTH = 4


@record
class Need:
    permission: str
    level: str  # read | write
    why: str  # "`actions/checkout`", "`gh pr comment`", "`github.rest.issues.createComment`"
    span: Span  # the step's `uses:` or the script line
    step: int | None = None
    certain: bool = True
    #: other permissions any one of which would do instead (`issues` for `pull-requests`)
    instead: tuple[str, ...] = ()
    #: needed only in a private repository (a public one reads without the permission)
    private_only: bool = False


@record
class JobNeeds:
    job: str
    needs: tuple[Need, ...] = ()
    #: (why, where) for what may use the token in ways not followed
    unknown: tuple[tuple[str, Span], ...] = ()

    def required(self) -> dict[str, str]:
        """The smallest grant the certain needs ask for (any-of needs take their first)."""
        grant: dict[str, str] = {}
        for need in self.needs:
            if need.certain and LEVEL_ORDER[need.level] > LEVEL_ORDER.get(
                grant.get(need.permission, "none"), 0
            ):
                grant[need.permission] = need.level
        return dict(sorted(grant.items()))

    def most(self, permission: str, *, certain: bool) -> str:
        """The highest level any (certain) need asks of `permission`, alternatives included."""
        best = "none"
        for need in self.needs:
            if certain and (not need.certain or need.instead):
                continue
            mentioned = permission == need.permission or permission in need.instead
            if mentioned and LEVEL_ORDER[need.level] > LEVEL_ORDER[best]:
                best = need.level
        return best

    def for_permission(self, permission: str) -> list[Need]:
        return [n for n in self.needs if n.permission == permission or permission in n.instead]


@dataclass
class Reads:
    """Local actions and reusable workflows read for one analysis, and what their jobs need:
    a repository's own action used in every job is read once."""

    files: dict[Path, Workflow | None] = field(default_factory=dict)
    needs: dict[tuple[Path, str], JobNeeds] = field(default_factory=dict)  # (file, "job git")

    def load(self, path: Path | None) -> Workflow | None:
        if path is None:
            return None
        if path not in self.files:
            self.files[path] = _load(path)
        return self.files[path]

    def job_needs(
        self, path: Path, workflow: Workflow, job: Job, depth: int, git: bool | None = False
    ) -> JobNeeds:
        key = (path, f"{job.id} {git}")
        if key not in self.needs:
            self.needs[key] = job_needs(workflow, job, depth, self, git)
        return self.needs[key]


@dataclass
class _Collector:
    workflow: Workflow
    job: Job
    root: Path | None
    reads: Reads
    depth: int = 0
    #: the git credential a checkout before a local action's step left (its steps push with it)
    inherited_git: bool | None = False
    needs: list[Need] = field(default_factory=list)
    unknown: list[tuple[str, Span]] = field(default_factory=list)

    def add(
        self,
        grant: dict[str, str],
        why: str,
        span: Span,
        step: int | None,
        *,
        certain: bool = True,
        any_of: bool = False,
        private_only: bool = False,
    ) -> None:
        names = sorted(grant)
        for name in names:
            instead = tuple(n for n in names if n != name) if any_of else ()
            public = grant[name] == "read" and name in PUBLIC_READS
            self.needs.append(
                Need(name, grant[name], why, span, step, certain, instead, private_only or public)
            )


def job_needs(
    workflow: Workflow, job: Job, depth: int = 0, reads: Reads | None = None, git: bool | None = False
) -> JobNeeds:
    """What `job` needs, step by step (or what the reusable workflow it calls needs); `git` is
    the credential a checkout left before, when `job` is the steps of a local action."""
    collector = _Collector(workflow, job, repository_root(workflow), reads or Reads(), depth, git)
    if job.uses is not None:
        _reusable(collector, job.uses)
    for step in job.steps:
        _step(collector, step)
    return JobNeeds(job.id, tuple(collector.needs), tuple(collector.unknown))


def repository_root(workflow: Workflow) -> Path | None:
    """The folder that holds `.github/` (or the action's repository), for local references."""
    path = workflow.source.path.absolute()
    for parent in path.parents:
        if (parent / ".github").is_dir() or (parent / ".git").exists():
            return parent
    return None


def _env(collector: _Collector, step: Step) -> dict[str, str]:
    env: dict[str, str] = {}
    for pairs in (collector.workflow.env, collector.job.env, step.env):
        env.update({name: setting.value for name, setting in pairs})
    return env


def _git_credential(collector: _Collector, step: Step) -> bool | None:
    """Whether a checkout earlier in the job left the GITHUB_TOKEN to git (persist-credentials)
    for this step: None when it did, but the step may work in another clone."""
    for earlier in collector.job.steps:
        if earlier.index >= step.index:
            break
        if earlier.uses is not None and _action_name(earlier.uses.value) == "actions/checkout":
            setting = earlier.input("persist-credentials")
            persisted = setting.value if setting is not None else ""
            persists = persisted.strip().lower() != "false" and not earlier.input("ssh-key")
            if persists and credential(earlier.input("token")) != "other":
                path = earlier.input("path")
                if step.run is None or not shell.GIT_PUSH.search(step.run.value):
                    return True  # only a push can go to another clone
                return conditions.push_target(
                    collector.workflow, collector.job, step, path.value if path else None
                )
    if collector.inherited_git is True and step.run is not None and shell.GIT_PUSH.search(step.run.value):
        return conditions.push_target(collector.workflow, collector.job, step)
    return collector.inherited_git


def _action_name(uses: str) -> str:
    return uses.split("@", 1)[0].strip().lower()


def _step(collector: _Collector, step: Step) -> None:
    if step.uses is not None:
        uses = step.uses.value.strip()
        if uses.startswith("./"):
            _local_action(collector, step, uses)
        elif uses.startswith("docker://"):
            if any(is_github_token(s.value) for _name, s in (*step.with_, *step.env)):
                collector.unknown.append(
                    (f"step {step.index} gives the token to the container `{uses}`", step.uses.span)
                )
        else:
            _action(collector, step, _action_name(uses))
    if step.run is not None:
        _run(collector, step, step.run)


def _action(collector: _Collector, step: Step, name: str) -> None:
    assert step.uses is not None
    entry = load_actions().get(name)
    if entry is None:
        if not _gets_no_token(step):
            collector.unknown.append(
                (f"step {step.index} uses `{name}`, which scopecheck's data does not know", step.uses.span)
            )
        return
    scope = conditions.StepScope(step, collector.job, collector.workflow)
    needs = dict(entry["needs"])
    certain = "doubt" not in entry
    private_only = False
    for condition in entry.get("conditional", []):
        when = condition["when"]
        if when == "public repository":  # a public repository needs nothing of this: say so
            private_only = True
            continue
        if when.startswith("private"):
            collector.add(
                dict(condition["needs"]), f"`{name}` ({when})", step.uses.span, step.index, private_only=True
            )
            continue
        holds = conditions.check(name, when, scope)
        if holds is False:
            continue
        if condition["effect"] == "replace":
            if holds:
                needs = dict(condition["needs"])
                private_only = False
            else:  # it may or may not: what it would replace is only possible
                certain = False
        elif holds:
            needs = _merge(needs, condition["needs"])
        else:
            collector.add(
                dict(condition["needs"]),
                f"`{name}` ({condition['when']})",
                step.uses.span,
                step.index,
                certain=False,
            )
    if not _token_is_github(entry, step, _env(collector, step)):
        needs = {k: v for k, v in needs.items() if k == "id-token"}  # OIDC needs no token
    if name == "actions/github-script":
        _github_script(collector, step, entry)
    if "comment" in name and needs and set(needs) <= {"issues", "pull-requests"}:
        # a comment goes through the issues API: issues for an issue, pull-requests for a PR
        level = max(needs.values(), key=lambda lvl: LEVEL_ORDER[lvl])
        collector.add(
            {"issues": level, "pull-requests": level},
            f"`{name}`",
            step.uses.span,
            step.index,
            certain=certain,
            any_of=True,
        )
        return
    collector.add(needs, f"`{name}`", step.uses.span, step.index, certain=certain, private_only=private_only)


def _gets_no_token(step: Step) -> bool:
    """An unknown action can still read the token through a default input of its own; the
    only sure case is none: so an unknown action is always an unknown."""
    return False


def _token_is_github(entry: dict[str, object], step: Step, env: dict[str, str]) -> bool:
    token_input = entry.get("token_input")
    if isinstance(token_input, str):
        held = credential(step.input(token_input))
        if held == "unset":
            return bool(entry.get("token_default"))
        return held == "github"
    token_env = entry.get("token_env")
    if isinstance(token_env, str):
        value = env.get(token_env)
        return value is not None and is_github_token(value)
    return True


def _merge(needs: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    merged = dict(needs)
    for name, level in extra.items():
        if LEVEL_ORDER[level] > LEVEL_ORDER.get(merged.get(name, "none"), 0):
            merged[name] = level
    return merged


_LOCAL_REQUIRE = re.compile(r"""(?:require|import)\(\s*['"](\.{1,2}/[^'"]+)['"]""")
_ANY_REQUIRE = re.compile(r"(?:require|import)\(")


def _github_script(collector: _Collector, step: Step, entry: dict[str, object]) -> None:
    """The octokit calls of an `actions/github-script` script, and of the local modules it
    `require`s (the client is handed to them); anything else that gets the client is unknown."""
    assert step.uses is not None
    if credential(step.input("github-token")) == "other":
        return
    script = step.input("script")
    if script is None:
        return
    from scopecheck.analysis.js.members import members

    found, parsed = members(script.value)
    _octokit_calls(
        collector, step, found, lambda line: _line_span(collector.workflow, script, line), "github"
    )
    local = _LOCAL_REQUIRE.findall(script.value)
    for module in local:
        _required_module(collector, step, module, script.span)
    other_requires = len(_ANY_REQUIRE.findall(script.value)) > len(local)
    if other_requires or (_passes_client(script.value) and not local):
        collector.unknown.append(
            (
                f"the script of step {step.index} hands the client to code scopecheck does not read",
                script.span,
            )
        )
    if not parsed:
        collector.unknown.append((f"the script of step {step.index} could not be read in full", script.span))


def _passes_client(text: str) -> bool:
    """`github` used other than as `github.<member>` (passed to a function, aliased)."""
    return bool(re.search(r"\bgithub\b(?!\s*\.)(?!\s*:)", text))


def _inside(root: Path | None, relative: str) -> Path | None:
    """`relative` under the repository root, or None when it leaves it (`../..`, a symlink out)
    or is no path at all (a NUL byte, too long): scopecheck reads only the repository it was
    pointed at."""
    if root is None:
        return None
    try:
        base = root.resolve()
        path = (base / relative).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    return path if path.is_relative_to(base) else None


def _file_inside(root: Path | None, folder: Path, *names: str) -> Path | None:
    """The first of `names` in `folder` that is a file inside the repository once its links
    are followed (an `action.yml` linked to a file elsewhere is not read)."""
    for name in names:
        candidate = _inside(root, str(folder / name))
        try:
            if candidate is not None and candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def _required_module(collector: _Collector, step: Step, module: str, span: Span) -> None:
    """A local file the script `require`s: its octokit calls are the step's."""
    from scopecheck.analysis.js.members import members

    base = _inside(collector.root, module)
    path = None
    if base is not None:
        path = _file_inside(
            collector.root, base.parent, *(base.name + suffix for suffix in ("", ".js", ".mjs", ".cjs"))
        )
    if path is None or path.stat().st_size > 512 * 1024:
        collector.unknown.append((f"step {step.index}: `{module}` could not be read", span))
        return
    found, parsed = members(path.read_text(encoding="utf-8", errors="replace"))
    _octokit_calls(collector, step, found, lambda _line: span, None)
    if not parsed:
        collector.unknown.append((f"step {step.index}: `{module}` could not be read in full", span))


def _octokit_calls(
    collector: _Collector, step: Step, found: list[Any], where: Callable[[int], Span], client: str | None
) -> None:
    """Needs of `<client>.rest.<ns>.<method>` and `<client>.request("METHOD /path")`; any
    client name when `client` is None (a module names its parameter as it likes)."""
    octokit = load_rest()["octokit"]
    endpoints = load_rest()["endpoints"]
    for member in found:
        span = where(member.line)
        root, _, rest = member.chain.partition(".")
        if member.chain.endswith("getIDToken"):
            collector.add({"id-token": "write"}, "`core.getIDToken()`", span, step.index)
            continue
        if client is not None and root != client:
            continue
        if rest.startswith("rest."):
            index = octokit.get(rest.removeprefix("rest."))
            if index is None:
                collector.unknown.append((f"`{member.chain}` is in no permission table", span))
                continue
            endpoint = endpoints[index]
            by_target = endpoint.get("combine") == "by-target"
            collector.add(dict(endpoint["needs"]), f"`{member.chain}`", span, step.index, any_of=by_target)
        elif rest == "request" and member.called:
            target = member.first_argument or ""
            method, _, path = target.partition(" ")
            needs = shell.rest_needs(method.upper(), path) if path else None
            if needs is None:
                collector.unknown.append((f"`{member.chain}({target or '...'})` is not followed", span))
            else:
                collector.add(needs[0], f"`{member.chain}({target})`", span, step.index, any_of=needs[1])
        elif rest.startswith(("graphql", "request")):
            collector.unknown.append(
                (f"step {step.index} calls `{member.chain}`, whose permission is not followed", span)
            )


def _run(collector: _Collector, step: Step, run: Setting) -> None:
    result = shell.analyse(
        run.value, _env(collector, step), git_credential=_git_credential(collector, step), root=collector.root
    )
    for need in result.needs:
        span = _line_span(collector.workflow, run, need.line)
        collector.add(need.needs, need.why, span, step.index, certain=need.certain, any_of=need.any_of)
    for why, line in result.unknown:
        collector.unknown.append((f"step {step.index}: {why}", _line_span(collector.workflow, run, line)))


def _local_action(collector: _Collector, step: Step, uses: str) -> None:
    assert step.uses is not None
    folder = _inside(collector.root, uses)
    action = None
    path = None
    if folder is not None and collector.depth < MAX_DEPTH:
        path = _file_inside(collector.root, folder, "action.yml", "action.yaml")
        action = collector.reads.load(path)
    if action is None:
        collector.unknown.append(
            (f"step {step.index} uses the local action `{uses}`, which could not be read", step.uses.span)
        )
        return
    if not action.jobs:  # JavaScript or Docker: its own code may use the token or request OIDC
        collector.unknown.append(
            (f"step {step.index} runs the local action `{uses}`, whose code is not read", step.uses.span)
        )
        return
    assert path is not None
    git = _git_credential(collector, step)
    inner = collector.reads.job_needs(path, action, action.jobs[0], collector.depth + 1, git)
    for need in inner.needs:
        collector.needs.append(
            Need(
                need.permission,
                need.level,
                f"{need.why} in `{uses}`",
                step.uses.span,
                step.index,
                need.certain,
                need.instead,
                need.private_only,
            )
        )
    for why, _span in inner.unknown:
        collector.unknown.append((f"`{uses}`: {why}", step.uses.span))


def _reusable(collector: _Collector, uses: Setting) -> None:
    target = uses.value.strip()
    if not target.startswith("./") or collector.root is None or collector.depth >= MAX_DEPTH:
        collector.unknown.append(
            (f"the job calls `{target}`, a reusable workflow scopecheck does not read", uses.span)
        )
        return
    path = _inside(collector.root, target)
    callee = collector.reads.load(path)
    if callee is None or path is None:
        collector.unknown.append((f"the reusable workflow `{target}` could not be read", uses.span))
        return
    for job in callee.jobs:
        inner = collector.reads.job_needs(path, callee, job, collector.depth + 1)
        for need in inner.needs:
            collector.needs.append(
                Need(
                    need.permission,
                    need.level,
                    f"{need.why} in `{target}`",
                    uses.span,
                    None,
                    need.certain,
                    need.instead,
                    need.private_only,
                )
            )
        for why, _span in inner.unknown:
            collector.unknown.append((f"`{target}` job `{job.id}`: {why}", uses.span))


def _load(path: Path | None) -> Workflow | None:
    try:
        if path is None or not path.is_file():
            return None
    except OSError:
        return None
    from scopecheck.ecosystems.github_actions.adapter import read_workflow
    from scopecheck.source.yaml_nodes import load_yaml

    workflow, _problems = read_workflow(load_yaml(path, path.name))
    return workflow


def _line_span(workflow: Workflow, setting: Setting, line: int) -> Span:
    """Where line `line` (0-based) of a script value is in the file: a one-line value is its
    own span; a block scalar (`run: |`) starts on the next line."""
    written = workflow.source.text[setting.span.start_offset : setting.span.start_offset + 1]
    block = written in ("|", ">")
    if not block and line == 0:
        return setting.span
    number = setting.span.line + (1 if block else 0) + line
    shown = workflow.source.line_text(number)
    column = len(shown) - len(shown.lstrip()) + 1
    return Span(setting.span.path, number, column, number, len(shown) + 1)


def uses_oidc(needs: Iterable[Need]) -> bool:
    return any(n.permission == "id-token" for n in needs)
