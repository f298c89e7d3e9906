"""Reading one app's inputs, the same way for every command.

`lint` turns each problem into an SC001/SC002 finding and goes on; `init`, `docs` and
`diff` need the whole manifest, so `manifest_or_error` stops at the first problem
(exit 2, one line naming the file and line), as `lint` would exit 2 too.
"""

from __future__ import annotations

from pathlib import Path

from scopecheck.adapters.forge import read_manifest
from scopecheck.errors import InputError
from scopecheck.model.manifest import Manifest
from scopecheck.settings import REGISTRY_FILE, PolicyFile, find_policy, load_policy
from scopecheck.source.yaml_nodes import YamlDocument, YamlProblem, load_yaml


def read_manifest_file(
    path: Path, display: str, text: str | None = None
) -> tuple[YamlDocument, Manifest | None, list[YamlProblem]]:
    """The document, the model (None when unusable) and every problem, YAML or shape."""
    doc = load_yaml(path, display, text)
    manifest, problems = read_manifest(doc)
    return doc, manifest, [*doc.problems, *problems]


def manifest_or_error(path: Path, display: str, text: str | None = None) -> Manifest:
    _doc, manifest, problems = read_manifest_file(path, display, text)
    if manifest is None or problems:
        _raise(display, problems, "not a Forge manifest")
    assert manifest is not None
    return manifest


def policy_path_for(manifest_path: Path, config: Path | None) -> Path | None:
    """`--config`, else the nearest `.scopecheck.yml` above the manifest (not past the repository)."""
    return config if config is not None else find_policy(manifest_path.parent)


def policy_or_error(path: Path | None, display: str) -> PolicyFile:
    if path is None:
        return PolicyFile()
    policy, problems = load_policy(path, display)
    if problems:
        _raise(display, problems, "cannot read the policy")
    return policy


def registry_path_for(manifest_path: Path, policy: PolicyFile, registry: Path | None) -> Path:
    """`--registry`, else the policy's `registry:` (or permissions.yml) next to the manifest."""
    return registry if registry is not None else manifest_path.parent / (policy.registry or REGISTRY_FILE)


def _raise(display: str, problems: list[YamlProblem], fallback: str) -> None:
    if not problems:
        raise InputError(display, fallback)
    first = problems[0]
    raise InputError(first.span.path or display, first.message, first.span.line, first.span.column)
