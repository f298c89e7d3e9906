"""Reads a user's text file with limits, so bad input becomes a message, not a crash."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scopecheck.core.records import record

#: Forge manifests and registries are a few kilobytes; anything this big is not one.
MAX_FILE_BYTES = 4 * 1024 * 1024


@record
class ReadProblem:
    message: str
    line: int | None = None


@record
class SourceText:
    """A file's text plus what is needed to turn offsets into lines."""

    path: Path
    display: str
    text: str
    lines: tuple[str, ...]

    @classmethod
    def from_text(cls, path: Path, display: str, text: str) -> SourceText:
        return cls(path, display, text, tuple(text.splitlines()))

    def line_text(self, line: int) -> str:
        """The 1-based `line` without its newline ('' past the end)."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def read_text(path: Path, display: str) -> SourceText | ReadProblem:
    """Return the decoded text, or a one-line reason it cannot be read."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ReadProblem("no such file")
    except PermissionError:
        return ReadProblem("permission denied")
    except OSError as exc:
        return ReadProblem(f"cannot read: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        return ReadProblem("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        return ReadProblem("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        return ReadProblem(
            f"file is too large ({info.st_size / 1_000_000:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        return ReadProblem("permission denied")
    except OSError as exc:
        return ReadProblem(f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:
        return ReadProblem("file is too large")
    return decode(path, display, data)


def decode(path: Path, display: str, data: bytes) -> SourceText | ReadProblem:
    nul = data.find(b"\x00")
    if nul != -1:
        return ReadProblem("binary file (NUL byte), expected UTF-8 YAML", data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        return ReadProblem(f"not UTF-8 text (byte 0x{bad} cannot be decoded)", line)
    return SourceText.from_text(path, display, text)
