"""The few git questions scopecheck asks, answered by the local `git` (never the network)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from scopecheck.core.errors import InputError

#: a checkout's own .git/config must not make scopecheck run commands (fsmonitor, hooks)
_SAFE = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false"]


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_CONFIG_NOSYSTEM": "1"}


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *_SAFE, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=60,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise InputError(None, "git is not installed, so revisions cannot be read") from None
    except subprocess.TimeoutExpired:
        raise InputError(None, f"git {' '.join(args)} took too long") from None


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd` with the safe settings above; InputError if git is missing or hangs."""
    return _git(args, cwd)


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """A long-running `git ARGS` (such as `cat-file --batch`) with pipes to talk to it."""
    try:
        return subprocess.Popen(
            ["git", *_SAFE, *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(),
        )
    except FileNotFoundError:
        raise InputError(None, "git is not installed, so revisions cannot be read") from None


def repo_root(start: Path) -> Path | None:
    result = _git(["rev-parse", "--show-toplevel"], start if start.is_dir() else start.parent)
    return Path(result.stdout.decode().strip()) if result.returncode == 0 else None


def show(revision: str, path: Path) -> str | None:
    """`path` (a file in the work tree) as it was at `revision`; None if it did not exist then."""
    root = repo_root(path.parent)
    if root is None:
        raise InputError(str(path), f"not in a git repository, so it has no version at {revision}")
    if revision.startswith("-"):
        raise InputError(None, f"{revision!r} is not a git revision")
    verify = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    if verify.returncode != 0:
        raise InputError(None, f"unknown git revision {revision!r}")
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    result = _git(["show", f"{revision}:{relative}"], root)
    if result.returncode != 0:
        return None
    try:
        return result.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), f"at {revision} it is not UTF-8 text") from None


def is_revision(text: str, cwd: Path) -> bool:
    if text.startswith("-") or repo_root(cwd) is None:
        return False
    return _git(["rev-parse", "--verify", "--quiet", f"{text}^{{commit}}"], cwd).returncode == 0


def ignored(paths: list[Path], cwd: Path) -> set[Path]:
    """Which of `paths` .gitignore covers (an empty set outside a repository or without git)."""
    try:
        result = _git(["check-ignore", "--stdin", "-z"], cwd, "\0".join(str(p) for p in paths).encode())
    except InputError:
        return set()
    if result.returncode not in (0, 1):  # 128: not a repository
        return set()
    return {Path(p) for p in result.stdout.decode("utf-8", "replace").split("\0") if p}
