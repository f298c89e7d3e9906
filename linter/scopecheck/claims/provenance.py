"""Which commit a claim check ran at, as git says: the commit, its date, and whether the
app's files had uncommitted changes (then the check is of the work tree, not the commit)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scopecheck.core import gitio
from scopecheck.core.errors import InputError
from scopecheck.core.records import record


@record
class Provenance:
    commit: str | None = None  # the full hash of HEAD; None outside a git repository
    date: str | None = None  # its committer date, YYYY-MM-DD
    #: the app's files (or its policy) differ from that commit
    changed: bool = False

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None

    def describe(self) -> str:
        """`at 3b87607 (2026-03-01)`, `on uncommitted changes to 3b87607 (2026-03-01)`."""
        if self.commit is None:
            return "outside a git repository (no commit)"
        at = f"{self.short} ({self.date})"
        return f"on uncommitted changes to {at}" if self.changed else f"at {at}"


def provenance(paths: Sequence[Path]) -> Provenance:
    """The commit the files at `paths` (an app's folder, its policy) were checked at."""
    if not paths:
        return Provenance()
    start = paths[0] if paths[0].is_dir() else paths[0].parent
    try:
        root = gitio.repo_root(start)
        if root is None:
            return Provenance()
        head = gitio.run(["log", "-1", "--format=%H%x00%cs", "HEAD"], root)
        if head.returncode != 0 or b"\0" not in head.stdout:
            return Provenance()  # a repository with no commit yet
        commit, date = head.stdout.decode("utf-8", "replace").strip().split("\0", 1)
        status = gitio.run(["status", "--porcelain", "--", *(str(p.resolve()) for p in paths)], root)
        changed = status.returncode != 0 or bool(status.stdout.strip())
    except InputError:  # git missing or stuck: say there is no commit rather than guess one
        return Provenance()
    return Provenance(commit, date, changed)
