"""Blobs read through one long-running `git cat-file --batch`, not a process per commit.

Each request is one line (a blob id, or `commit:path`); git answers `<id> <type> <size>`,
the bytes and a newline, or `<name> missing`. A file over the size limit is read and thrown
away, so one huge blob cannot fill memory, and the answer says why it was not kept.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import TracebackType

from scopecheck.core import gitio
from scopecheck.core.errors import InputError
from scopecheck.core.records import record
from scopecheck.source.files import MAX_FILE_BYTES

_CHUNK = 1 << 16


@record
class Blob:
    oid: str
    data: bytes | None  # None: larger than the limit (`size` says how large)
    size: int


class BlobReader:
    """`with BlobReader(root) as blobs: blobs.read("HEAD:app/manifest.yml")`."""

    def __init__(self, root: Path, limit: int = MAX_FILE_BYTES):
        self.root = root
        self.limit = limit
        self._process: subprocess.Popen[bytes] | None = None
        self.requests = 0

    def __enter__(self) -> BlobReader:
        self._process = gitio.start(["cat-file", "--batch"], self.root)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def read(self, name: str) -> Blob | None:
        """The blob `name` names (an id or `commit:path`); None if there is no such blob."""
        process = self._process
        if process is None or process.stdin is None or process.stdout is None:
            raise RuntimeError("BlobReader is used outside its `with` block")
        request = name.encode("utf-8", "surrogateescape")
        if b"\n" in request or not request:
            return None  # cat-file reads one name per line: such a path cannot be asked for
        self.requests += 1
        try:
            process.stdin.write(request + b"\n")
            process.stdin.flush()
            header = process.stdout.readline()
        except (BrokenPipeError, OSError):
            raise InputError(str(self.root), "git cat-file stopped answering") from None
        if not header:
            raise InputError(str(self.root), "git cat-file stopped answering")
        parts = header.split()
        if len(parts) != 3:  # `<name> missing`, `<name> ambiguous`
            return None
        oid, kind, size_text = parts
        size = int(size_text)
        data = self._take(process.stdout, size)
        return Blob(oid.decode(), data, size) if kind == b"blob" else None

    def _take(self, stream: object, size: int) -> bytes | None:
        read = stream.read  # type: ignore[attr-defined]
        if size <= self.limit:
            data: bytes = read(size + 1)  # the blob and its newline
            return data[:-1]
        left = size + 1
        while left > 0:
            left -= len(read(min(left, _CHUNK))) or left
        return None
