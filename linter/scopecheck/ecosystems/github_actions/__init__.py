"""GitHub Actions workflows: the GITHUB_TOKEN permissions each job gets and what its steps need."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scopecheck.core.ecosystem import AnalysisRequest, Ecosystem
from scopecheck.core.findings import Span
from scopecheck.ecosystems.github_actions.requests import requests
from scopecheck.ecosystems.github_actions.rules.sc207_blanket_token_permission import blanket_token_permission
from scopecheck.ecosystems.github_actions.rules.sc208_default_token_permissions import (
    default_token_permissions,
)
from scopecheck.ecosystems.github_actions.rules.sc209_unused_id_token import unused_id_token
from scopecheck.ecosystems.github_actions.rules.sc210_privileged_trigger_write import privileged_trigger_write
from scopecheck.ecosystems.github_actions.rules.sc405_unused_token_permission import unused_token_permission
from scopecheck.ecosystems.github_actions.rules.sc406_missing_token_permission import missing_token_permission
from scopecheck.registry.model import Justification
from scopecheck.source.yaml_nodes import YamlDocument, YamlProblem

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.model import Workflow


def detect(path: Path) -> bool:
    """A workflow: a `.yml`/`.yaml` file in `.github/workflows/`."""
    return (
        path.suffix in (".yml", ".yaml")
        and path.parent.name == "workflows"
        and path.parent.parent.name == ".github"
    )


def registry_path(app_file: Path, registry_name: str) -> Path:
    """One registry per repository, next to `.github/`: the file a Forge app at the root uses too."""
    return app_file.parent.parent.parent / registry_name


# The reader, the catalog and the step analysis load when a workflow is read: a lint of a
# Forge app or an extension never pays for them.


def read_workflow(document: YamlDocument) -> tuple[Any | None, list[YamlProblem]]:
    from scopecheck.ecosystems.github_actions.adapter import read_workflow as read

    return read(document)


def load_catalog() -> Any:
    from scopecheck.ecosystems.github_actions.catalog import load_catalog as load

    return load()


def analyze(request: AnalysisRequest, catalog: Any) -> Any:
    from scopecheck.ecosystems.github_actions.analysis import analyze as read_steps

    return read_steps(request, catalog)


def requests_span(workflow: Workflow) -> Span | None:
    return workflow.permissions.key_span if workflow.permissions is not None else None


def owns_entry(workflow: Workflow, entry: Justification) -> bool:
    """A workflow's entries are the ones under its own file name."""
    return entry.key.startswith(f"{workflow.name}/")


ECOSYSTEM = Ecosystem(
    name="github-actions",
    platform="GitHub",
    detect=detect,
    load=read_workflow,
    requests=requests,
    catalog=load_catalog,
    rules=(
        blanket_token_permission,
        default_token_permissions,
        unused_id_token,
        privileged_trigger_write,
        unused_token_permission,
        missing_token_permission,
    ),
    registry_path=registry_path,
    requests_span=requests_span,
    analyze=analyze,
    owns_entry=owns_entry,
    sections=("workflows",),
    unit="workflow",
)
