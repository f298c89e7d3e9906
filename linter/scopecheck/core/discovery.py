"""Which app files to lint: under directories, or the apps that changed files belong to.

An app file is one an ecosystem reads (`detect`): a Forge `manifest.yml`, a workflow under
`.github/workflows/`. Directories are walked without node_modules, VCS folders, build output
and dot-folders (but `.github`, where workflows live). In a repository with several apps,
files that git ignores are dropped (one `git check-ignore` call, only when there is more than
one, so a single-app run never pays for a subprocess).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from scopecheck.core.errors import InputError
from scopecheck.core.settings import POLICY_NAMES, REGISTRY_FILE

SKIP_DIRS = frozenset(
    {"node_modules", ".git", ".hg", ".svn", "dist", "build", "out", ".venv", "venv", "coverage",
     ".next", ".turbo", ".cache", "__pycache__", ".forge", "target"}
)  # fmt: skip
#: a file an ecosystem reads as an app
Detect = Callable[[Path], bool]


def discover(paths: Sequence[Path], detect: Detect) -> list[Path]:
    """App files under each path; a file is itself when an ecosystem reads it, else the app it
    belongs to (a registry, a source file)."""
    found: list[Path] = []
    for path in paths:
        if path.is_file() or (path.exists() and not path.is_dir()):
            found.append(_app_for_file(path, detect))
            continue
        if not path.is_dir():
            raise InputError(str(path), "no such file or directory")
        below = _walk(path, detect)
        found.extend(_not_ignored(below, path) if len(below) > 1 else below)
    return list(dict.fromkeys(found))


def _app_for_file(path: Path, detect: Detect) -> Path:
    if detect(path):
        return path
    manifest = _owning_app(path, detect)
    if manifest is None:
        raise InputError(str(path), "not a manifest.yml or workflow, and no folder above it holds a manifest")
    return manifest


def _walk(root: Path, detect: Detect) -> list[Path]:
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        here = Path(directory)
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS and _enter(here / d, root))
        found.extend(here / name for name in sorted(files) if detect(here / name))
    return found


def _enter(folder: Path, root: Path) -> bool:
    """Dot-folders are skipped, but `.github` and its `workflows`."""
    if not folder.name.startswith("."):
        return True
    return folder.name == ".github"


def _not_ignored(apps: list[Path], root: Path) -> list[Path]:
    """Drop app files .gitignore covers (a copy in a fixture folder, a vendored app)."""
    from scopecheck.core import gitio

    ignored = gitio.ignored([m.absolute() for m in apps], root)
    return [m for m in apps if m.absolute() not in ignored]


def apps_for_changed(files: Sequence[Path], detect: Detect) -> list[Path]:
    """The app files that changed files belong to (for pre-commit).

    An app file is its own app; a policy or a registry covers every app below its folder (a
    registry at the repository root also serves the workflows); any other file belongs to the
    nearest folder above it that holds a manifest.
    """
    found: list[Path] = []
    for file in files:
        if detect(file):
            if file.is_file():
                found.append(file)
        elif file.name in (*POLICY_NAMES, REGISTRY_FILE):
            found.extend(_walk(file.parent, detect))
        else:
            manifest = _owning_app(file, detect)
            if manifest is not None:
                found.append(manifest)
    return list(dict.fromkeys(found))


def _owning_app(file: Path, detect: Detect) -> Path | None:
    """The app file in the nearest folder above `file` that holds one (not past the
    repository root)."""
    for directory in file.absolute().parents:
        try:
            entries = sorted(p for p in directory.iterdir() if p.is_file())
        except OSError:
            return None
        for entry in entries:
            if detect(entry):
                return entry
        if (directory / ".git").exists():
            return None
    return None
