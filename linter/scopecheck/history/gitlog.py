"""One `git log` over the main line: every commit that touched a file below a path, oldest
first, with the blob ids of each file before and after.

`--first-parent` keeps the trail linear (a merge counts once, against the branch it was
merged into, as `git log --first-parent` shows it), so the state after one listed commit is
the state before the next. `--raw --no-abbrev` gives both blob ids of every changed file, so
the blobs can be read by id without asking git for trees; `-z` keeps odd file names intact.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scopecheck.core import gitio
from scopecheck.core.errors import InputError
from scopecheck.core.records import record

#: commit, committer date, author date, author name, author email, subject; \x01 starts one
_FORMAT = "%x01%H%x00%cI%x00%aI%x00%an%x00%ae%x00%s"
_HEADER_FIELDS = 6
_NO_BLOB = "0" * 40
_SUBMODULE = "160000"


@record
class FileChange:
    status: str  # A added, M modified, D deleted, R renamed, T type changed, C copied
    path: str  # repository-relative, as git spells it (odd bytes kept by surrogateescape)
    old_path: str | None  # renames and copies: where it came from
    old_blob: str | None  # None: the file did not exist before
    new_blob: str | None  # None: the file was deleted


@record
class Commit:
    sha: str
    date: str  # committer date, ISO 8601: when it landed on the branch (what --since reads)
    author_date: str
    author: str
    email: str
    subject: str
    files: tuple[FileChange, ...]


def walk(
    root: Path,
    pathspec: str,
    wanted: Callable[[str], bool],
    *,
    since: str | None = None,
    until: str | None = None,
    revision: str = "HEAD",
) -> list[Commit]:
    """Commits of `revision`'s main line that changed a file `wanted` accepts, oldest first.

    `since`/`until` are handed to git as they are, so they read dates as git does
    ("2 weeks ago", "2026-01-31", "yesterday")."""
    for value, flag in ((since, "--since"), (until, "--until")):
        if value is not None and (not value.strip() or value.startswith("-")):
            raise InputError(None, f"{flag}: {value!r} is not a date")
    args = [
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "--find-renames",
        "--no-ext-diff",
        "--no-textconv",
        "-z",
        f"--format={_FORMAT}",
    ]
    args += [f"--since={since}"] if since else []
    args += [f"--until={until}"] if until else []
    args += [revision, "--", pathspec]
    result = gitio.run(args, root)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        if any(
            "does not have any commits" in line or "bad revision 'HEAD'" in line or "unknown revision" in line
            for line in message
        ):
            raise InputError(str(root), "the repository has no commits yet")
        raise InputError(str(root), f"git log failed: {message[0] if message else result.returncode}")
    return parse(result.stdout, wanted)


def parse(output: bytes, wanted: Callable[[str], bool]) -> list[Commit]:
    """The commits in `git log -z --raw` output; commits none of whose files `wanted` accepts
    are left out."""
    tokens = output.decode("utf-8", "surrogateescape").split("\0")
    commits: list[Commit] = []
    header: list[str] | None = None
    files: list[FileChange] = []

    def finish() -> None:
        if header is not None and files:
            sha, date, author_date, author, email, subject = header
            commits.append(Commit(sha, date, author_date, author, email, subject, tuple(files)))

    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith("\x01"):
            finish()
            header = [token[1:], *tokens[i + 1 : i + _HEADER_FIELDS]]
            header += [""] * (_HEADER_FIELDS - len(header))
            files = []
            i += _HEADER_FIELDS
        elif token.startswith(":"):
            meta = token[1:].split()
            status = meta[-1][:1] if meta else ""
            if status in ("R", "C"):
                old_path, path = tokens[i + 1], tokens[i + 2] if i + 2 < len(tokens) else ""
                i += 3
            else:
                old_path, path = None, tokens[i + 1] if i + 1 < len(tokens) else ""
                i += 2
            if len(meta) < 5 or _SUBMODULE in meta[:2]:
                continue
            if not (wanted(path) or (old_path is not None and wanted(old_path))):
                continue
            old_blob = None if meta[2] == _NO_BLOB else meta[2]
            new_blob = None if meta[3] == _NO_BLOB else meta[3]
            files.append(FileChange(status, path, old_path, old_blob, new_blob))
        else:
            i += 1
    finish()
    return commits
