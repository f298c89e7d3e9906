"""Which manifests to lint: under directories, or the apps that changed files belong to.

Directories are walked without node_modules, VCS folders, dot-folders and build
output. In a repository with several apps, manifests that git ignores are
dropped (one `git check-ignore` call, only when there is more than one app, so
a single-app run never pays for a subprocess).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from scopecheck.core.errors import InputError
from scopecheck.core.settings import POLICY_NAMES

MANIFEST_NAMES = ("manifest.yml", "manifest.yaml")
SKIP_DIRS = frozenset(
    {"node_modules", ".git", ".hg", ".svn", "dist", "build", "out", ".venv", "venv", "coverage",
     ".next", ".turbo", ".cache", "__pycache__", ".forge", "target"}
)  # fmt: skip


def discover(paths: Sequence[Path]) -> list[Path]:
    """Manifest files under each path; a file path is taken as it is."""
    found: list[Path] = []
    for path in paths:
        if path.is_file() or (path.exists() and not path.is_dir()):
            found.append(_manifest_for_file(path))
            continue
        if not path.is_dir():
            raise InputError(str(path), "no such file or directory")
        below = _walk(path)
        found.extend(_not_ignored(below, path) if len(below) > 1 else below)
    return list(dict.fromkeys(found))


def _manifest_for_file(path: Path) -> Path:
    """A manifest (`manifest.yml`, or a copy named `*manifest.yml`) is itself; another file
    (permissions.yml, src/index.js) means the app it belongs to."""
    if path.name.endswith(MANIFEST_NAMES):
        return path
    manifest = _owning_manifest(path)
    if manifest is None:
        raise InputError(str(path), "not a manifest.yml, and no folder above it holds one")
    return manifest


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS and not d.startswith("."))
        found.extend(Path(directory) / name for name in sorted(files) if name in MANIFEST_NAMES)
    return found


def _not_ignored(manifests: list[Path], root: Path) -> list[Path]:
    """Drop manifests that .gitignore covers (a copy in a fixture folder, a vendored app)."""
    from scopecheck.core import gitio

    ignored = gitio.ignored([m.absolute() for m in manifests], root)
    return [m for m in manifests if m.absolute() not in ignored]


def apps_for_changed(files: Sequence[Path]) -> list[Path]:
    """The manifests of the apps that changed files belong to (for pre-commit).

    A manifest is its own app; a policy file covers every app below it; any other
    file belongs to the nearest folder above it that holds a manifest.
    """
    found: list[Path] = []
    for file in files:
        if file.name in MANIFEST_NAMES:
            if file.is_file():
                found.append(file)
        elif file.name in POLICY_NAMES:
            found.extend(_walk(file.parent))
        else:
            manifest = _owning_manifest(file)
            if manifest is not None:
                found.append(manifest)
    return list(dict.fromkeys(found))


def _owning_manifest(file: Path) -> Path | None:
    for directory in file.absolute().parents:
        for name in MANIFEST_NAMES:
            if (directory / name).is_file():
                return directory / name
        if (directory / ".git").exists():
            return None
    return None
