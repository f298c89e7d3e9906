"""Tree-sitter counts bytes; spans count characters. This converts one to the other."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from scopecheck.core.findings import Span

if TYPE_CHECKING:
    from tree_sitter import Node


class Positions:
    """Byte offsets of one UTF-8 file → 1-based line/column and 0-based offsets, in characters."""

    __slots__ = ("_ascii", "_byte_starts", "_char_starts", "_data", "path")

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self._data = data
        self._ascii = data.isascii()
        self._byte_starts: list[int] | None = None
        self._char_starts: list[int] | None = None

    def span(self, node: Node) -> Span:
        start, end = node.start_byte, node.end_byte
        if self._ascii:
            (row, col), (end_row, end_col) = node.start_point, node.end_point
            return Span(self.path, row + 1, col + 1, end_row + 1, end_col + 1, start, end)
        line, column, start_offset = self._convert(start)
        end_line, end_column, end_offset = self._convert(end)
        return Span(self.path, line, column, end_line, end_column, start_offset, end_offset)

    def _convert(self, offset: int) -> tuple[int, int, int]:
        if self._byte_starts is None:
            self._index_lines()
        assert self._byte_starts is not None and self._char_starts is not None
        row = bisect_right(self._byte_starts, offset) - 1
        line_start = self._byte_starts[row]
        column = len(self._data[line_start:offset].decode("utf-8", "replace"))
        return row + 1, column + 1, self._char_starts[row] + column

    def _index_lines(self) -> None:
        byte_starts = [0]
        char_starts = [0]
        chars = 0
        for line in self._data.split(b"\n")[:-1]:
            chars += len(line.decode("utf-8", "replace")) + 1
            byte_starts.append(byte_starts[-1] + len(line) + 1)
            char_starts.append(chars)
        self._byte_starts = byte_starts
        self._char_starts = char_starts
