"""Errors that end a run with exit code 2 and one line naming the file."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be used: a path that does not exist, an unreadable file, a bad flag."""

    def __init__(self, path: str | None, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message
