"""`scopecheck history`: find the repository and the manifests below a path, build the trail,
render it. Anything that cannot be used raises InputError (exit 2, one line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scopecheck.core import gitio
from scopecheck.core.ecosystem import Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.inputs import policy_or_error, policy_path_for
from scopecheck.core.settings import REGISTRY_FILE
from scopecheck.history.gitlog import walk
from scopecheck.history.trail import Trail, build_trail


def locate(path: Path, cwd: Path) -> tuple[Path, str]:
    """(repository root, the path relative to it as a pathspec). The path may be gone from
    the work tree (a deleted app still has a history); its nearest existing folder must be
    in a repository."""
    resolved = (cwd / path).resolve()
    existing = next((p for p in (resolved, *resolved.parents) if p.exists()), resolved)
    root = gitio.repo_root(existing if existing.is_dir() else existing.parent)
    if root is None:
        raise InputError(str(path), "not in a git repository, so it has no history")
    root = root.resolve()
    try:
        relative = resolved.relative_to(root).as_posix()
    except ValueError:
        raise InputError(str(path), f"is outside the repository at {root}") from None
    return root, relative or "."


def run_history(
    path: Path,
    toolkit: Toolkit,
    *,
    since: str | None = None,
    until: str | None = None,
    cwd: Path | None = None,
) -> Trail:
    cwd = cwd or Path.cwd()
    root, pathspec = locate(path, cwd)
    if (root / pathspec).is_file() and not toolkit.detects(root / pathspec):
        raise InputError(
            str(path), "not a manifest scopecheck reads (give the app's folder or its manifest.yml)"
        )
    trail = build_trail(root, pathspec, toolkit, _registry_names(root, toolkit), since=since, until=until)
    if not trail.manifests and not _ever_had_a_manifest(root, pathspec, toolkit, trail):
        raise InputError(str(path), "no manifest.yml in the git history of this path")
    return trail


def _ever_had_a_manifest(root: Path, pathspec: str, toolkit: Toolkit, trail: Trail) -> bool:
    """With --since/--until, an empty window is an answer, not an error, if some manifest
    exists in the whole history."""
    if trail.since is None and trail.until is None:
        return False
    return bool(walk(root, pathspec, lambda p: toolkit.detects(Path(p))))


def _registry_names(root: Path, toolkit: Toolkit) -> Callable[[str], str]:
    """The registry file name each manifest uses: the `registry:` of the work tree's nearest
    policy, else permissions.yml (a history has one name per app, today's)."""
    cache: dict[Path, str] = {}

    def name(manifest: str) -> str:
        folder = (root / manifest).parent
        while not folder.is_dir() and folder != root:
            folder = folder.parent
        if folder not in cache:
            policy_path = policy_path_for(folder / "manifest.yml", None)
            display = str(policy_path.relative_to(root)) if policy_path else ""
            policy = policy_or_error(policy_path, display, toolkit.rules)
            cache[folder] = policy.registry or REGISTRY_FILE
        return cache[folder]

    return name
