"""Reading one app's inputs, the same way for every command.

`lint` turns each problem into an SC001/SC002 finding and goes on; `init`, `docs` and
`diff` need the whole app, so `app_or_error` stops at the first problem (exit 2, one line
naming the file and line), as `lint` would exit 2 too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scopecheck.core.ecosystem import Ecosystem, Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.rules import RuleBook
from scopecheck.core.settings import REGISTRY_FILE, PolicyFile, find_policy, load_policy
from scopecheck.source.yaml_nodes import YamlProblem, load_document


def app_or_error(
    path: Path, display: str, toolkit: Toolkit, text: str | None = None
) -> tuple[Ecosystem, Any]:
    """The ecosystem that reads `path` and its model of the file; any problem is an error."""
    ecosystem = toolkit.ecosystem_for(path) or toolkit.ecosystems[0]
    doc = load_document(path, display, text, ecosystem.parse)
    app, problems = ecosystem.load(doc)
    problems = [*doc.problems, *problems]
    if app is None or problems:
        _raise(display, problems, f"not a {ecosystem.platform} file scopecheck can read")
    return ecosystem, app


def policy_path_for(app_file: Path, config: Path | None) -> Path | None:
    """`--config`, else the nearest `.scopecheck.yml` above the app (not past the repository)."""
    return config if config is not None else find_policy(app_file.parent)


def policy_or_error(path: Path | None, display: str, book: RuleBook) -> PolicyFile:
    if path is None:
        return PolicyFile()
    policy, problems = load_policy(path, display, book)
    if problems:
        _raise(display, problems, "cannot read the policy")
    return policy


def registry_path_for(
    app_file: Path, ecosystem: Ecosystem, policy: PolicyFile, registry: Path | None
) -> Path:
    """`--registry`, else the policy's `registry:` (or permissions.yml) where the ecosystem
    keeps it (next to a Forge manifest)."""
    if registry is not None:
        return registry
    return ecosystem.registry_path(app_file, policy.registry or REGISTRY_FILE)


def _raise(display: str, problems: list[YamlProblem], fallback: str) -> None:
    if not problems:
        raise InputError(display, fallback)
    first = problems[0]
    raise InputError(first.span.path or display, first.message, first.span.line, first.span.column)
