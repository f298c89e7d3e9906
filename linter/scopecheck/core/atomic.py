"""Files scopecheck writes are written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


class ChangedOnDisk(Exception):
    """The file is no longer what was read: someone else wrote it meanwhile."""


def write_atomic(path: Path, text: str, *, expect: bytes | None = None) -> None:
    """Write next to the target, then rename: a reader never sees half a file.

    With `expect`, the target must still hold exactly those bytes just before the rename
    (checked after the new text is on disk, so the window for a lost edit is microseconds);
    otherwise nothing changes and ChangedOnDisk is raised. An existing file keeps its
    permission bits; a new one gets the umask's, as `open` would.
    """
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # mkstemp makes 0600; a new report or page should be readable like any file
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if expect is not None and _current(path) != expect:
            raise ChangedOnDisk(str(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
