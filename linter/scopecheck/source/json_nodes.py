"""JSON (with comments, as Chrome reads `manifest.json`) to positioned nodes.

The nodes are the YAML reader's own (`Scalar`, `Mapping`, `Sequence` in a `YamlDocument`,
problems as `YamlProblem`): JSON is a subset of YAML's data model, so everything written for
those nodes (`node_at`, `to_python`, schema checks, `strings_with_spans`, suppressions) works
on a JSON file unchanged. Tags are YAML's core tags (`tag:yaml.org,2002:str`...).

What is accepted is what Chrome's manifest reader accepts (`base::JSONReader` with
`JSON_PARSE_CHROMIUM_EXTENSIONS`): `//` and `/* */` comments, a raw newline inside a string
and `\\xNN` escapes, a leading byte-order mark. A trailing comma (`[1, 2,]`) is an error,
as it is for Chrome. A duplicate key is a problem with its line (Chrome silently keeps the
last one). A syntax error is one problem naming its line and column; nothing raises.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from scopecheck.core.findings import Span
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_nodes import (
    MAX_DEPTH,
    MAX_NODES,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlDocument,
    YamlProblem,
    duplicate_key,
    load_document,
)

_CORE = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null"))
MAP, SEQ = f"{_CORE}map", f"{_CORE}seq"

_SPACE = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?P<frac>\.[0-9]+)?(?P<exp>[eE][+-]?[0-9]+)?")
#: the plain run of a string: anything but a quote, a backslash or a control character
#: (Chrome allows a raw CR or LF inside a string)
_PLAIN = re.compile(r'[^"\\\x00-\x09\x0b\x0c\x0e-\x1f]*')
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_WORDS = {"true": (True, BOOL), "false": (False, BOOL), "null": (None, NULL)}


def load_json(path: Path, display: str, text: str | None = None) -> YamlDocument:
    """Read and parse `path` (or `text` in its place); problems come back, nothing raises."""
    return load_document(path, display, text, parse_json)


def parse_json(source: SourceText) -> YamlDocument:
    parser = _Parser(source)
    try:
        root = parser.document()
    except _Stop as stop:
        return YamlDocument(source, None, [*parser.problems, stop.problem])
    return YamlDocument(source, root, parser.problems)


def json_comment_start(line: str) -> tuple[int, int] | None:
    """Where a `//` or `/*` comment starts on one line of JSON, outside strings, and where its
    text starts: (index of the first slash, index after the marker)."""
    index = 0
    in_string = False
    while index < len(line):
        char = line[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "/" and line[index + 1 : index + 2] in ("/", "*"):
            return index, index + 2
        index += 1
    return None


class _Stop(Exception):
    def __init__(self, problem: YamlProblem):
        self.problem = problem


class _Parser:
    """Recursive descent over the text; one instance per document."""

    def __init__(self, source: SourceText):
        self.source = source
        self.text = source.text
        self.pos = 0
        self.nodes = 0
        self.problems: list[YamlProblem] = []
        self.comma = 0  # where the last comma was, to point a trailing-comma error at it
        self.line_starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", self.text))]

    # positions

    def point(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.point(start)
        end_line, end_column = self.point(end)
        return Span(self.source.display, line, column, end_line, end_column, start, end)

    def stop(self, message: str, offset: int | None = None) -> _Stop:
        at = self.pos if offset is None else offset
        return _Stop(YamlProblem(f"invalid JSON: {message}", self.span(at, at), subject="json"))

    def found(self) -> str:
        """How the text at the current position reads in a message."""
        if self.pos >= len(self.text):
            return "the end of the file"
        char = self.text[self.pos]
        return f"`{char}`" if char.strip() else repr(char)

    # layout

    def skip(self) -> None:
        """Whitespace and comments."""
        text = self.text
        while True:
            self.pos = _SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
            if text.startswith("//", self.pos):
                end = min(
                    (i for i in (text.find("\n", self.pos), text.find("\r", self.pos)) if i != -1), default=-1
                )
                self.pos = len(text) if end == -1 else end
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end == -1:
                    raise self.stop("a `/*` comment is never closed with `*/`")
                self.pos = end + 2
            else:
                return

    # values

    def document(self) -> Node | None:
        if self.text.startswith("\ufeff"):  # a byte-order mark the decoder did not remove
            self.pos = 1
        self.skip()
        if self.pos >= len(self.text):
            span = self.span(self.pos, self.pos)
            self.problems.append(
                YamlProblem("the file is empty: expected a JSON object", span, subject="empty")
            )
            return None
        root = self.value(depth=1)
        self.skip()
        if self.pos < len(self.text):
            raise self.stop(f"unexpected {self.found()} after the end of the top-level value")
        return root

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise self.stop(f"nesting is deeper than {MAX_DEPTH} levels")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.stop(f"the document has more than {MAX_NODES:,} values")
        char = self.text[self.pos : self.pos + 1]
        if char == "{":
            return self.mapping(depth)
        if char == "[":
            return self.sequence(depth)
        if char == '"':
            start = self.pos
            value = self.string()
            return Scalar(self.span(start, self.pos), STR, value, value, quoted=True)
        number = _NUMBER.match(self.text, self.pos)
        if number is not None and number.end() > self.pos:
            return self.number(number)
        for word, (constant, tag) in _WORDS.items():
            if self.text.startswith(word, self.pos):
                start, self.pos = self.pos, self.pos + len(word)
                return Scalar(self.span(start, self.pos), tag, word, constant)
        if char == "'":
            raise self.stop('strings must be in double quotes (`"`), not single quotes')
        raise self.stop(f"expected a value, found {self.found()}")

    def number(self, match: re.Match[str]) -> Scalar:
        start, self.pos = self.pos, match.end()
        text = match.group()
        if match.group("frac") is None and match.group("exp") is None:
            return Scalar(self.span(start, self.pos), INT, text, int(text))
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise self.stop(f"the number {text} is too large", start)
        return Scalar(self.span(start, self.pos), FLOAT, text, value)

    def string(self) -> str:
        """The decoded string starting at the opening quote; leaves pos after the closing one."""
        text = self.text
        start = self.pos
        self.pos += 1
        parts: list[str] = []
        while True:
            plain = _PLAIN.match(text, self.pos)
            assert plain is not None  # the pattern matches the empty string
            parts.append(plain.group())
            self.pos = plain.end()
            if self.pos >= len(text):
                raise self.stop('a string is never closed with `"`', start)
            char = text[self.pos]
            if char == '"':
                self.pos += 1
                return "".join(parts)
            if char == "\\":
                parts.append(self.escape())
            else:
                raise self.stop(f"control character U+{ord(char):04X} inside a string: write it escaped")

    def escape(self) -> str:
        text = self.text
        at = self.pos
        kind = text[at + 1 : at + 2]
        if kind in _SIMPLE_ESCAPES:
            self.pos += 2
            return _SIMPLE_ESCAPES[kind]
        if kind == "x":  # Chrome's extension: \xNN is the code point NN
            digits = text[at + 2 : at + 4]
            if not re.fullmatch(r"[0-9a-fA-F]{2}", digits):
                raise self.stop("`\\x` must be followed by two hex digits", at)
            self.pos += 4
            return chr(int(digits, 16))
        if kind == "u":
            code = self.hex4(at)
            self.pos += 6
            if 0xD800 <= code < 0xDC00:  # a high surrogate must be followed by a low one
                if text[self.pos : self.pos + 2] == "\\u":
                    low = self.hex4(self.pos)
                    if 0xDC00 <= low < 0xE000:
                        self.pos += 6
                        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                raise self.stop(f"`\\u{code:04x}` starts a surrogate pair that is not completed", at)
            if 0xDC00 <= code < 0xE000:
                raise self.stop(f"`\\u{code:04x}` is half of a surrogate pair on its own", at)
            return chr(code)
        shown = kind if kind.strip() else repr(kind)
        raise self.stop(f"unknown escape `\\{shown}` in a string", at)

    def hex4(self, at: int) -> int:
        digits = self.text[at + 2 : at + 6]
        if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
            raise self.stop("`\\u` must be followed by four hex digits", at)
        return int(digits, 16)

    def mapping(self, depth: int) -> Mapping:
        start = self.pos
        self.pos += 1
        pairs: list[tuple[Node, Node]] = []
        seen: dict[str, Scalar] = {}
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return Mapping(self.span(start, self.pos), MAP, pairs)
        while True:
            if not self.text.startswith('"', self.pos):
                if self.text.startswith("}", self.pos) and pairs:
                    raise self.stop(
                        "trailing comma before `}`: Chrome does not accept a comma after the last member",
                        self.comma,
                    )
                raise self.stop(f"expected a key in double quotes, found {self.found()}")
            key_start = self.pos
            name = self.string()
            key = Scalar(self.span(key_start, self.pos), STR, name, name, quoted=True)
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.stop(f"expected `:` after the key `{name}`, found {self.found()}")
            self.pos += 1
            self.skip()
            value = self.value(depth + 1)
            if name in seen:
                self.duplicate(seen[name], key)
            else:
                seen[name] = key
            pairs.append((key, value))
            if self.closed("}", f"the value of `{name}`"):
                return Mapping(self.span(start, self.pos), MAP, pairs)

    def sequence(self, depth: int) -> Sequence:
        start = self.pos
        self.pos += 1
        items: list[Node] = []
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return Sequence(self.span(start, self.pos), SEQ, items)
        while True:
            if self.text.startswith("]", self.pos) and items:
                raise self.stop(
                    "trailing comma before `]`: Chrome does not accept a comma after the last item",
                    self.comma,
                )
            items.append(self.value(depth + 1))
            if self.closed("]", "a list item"):
                return Sequence(self.span(start, self.pos), SEQ, items)

    def closed(self, closing: str, after: str) -> bool:
        """After a member or item: a comma (more follow: False) or the closing bracket (True)."""
        self.skip()
        if self.text.startswith(",", self.pos):
            self.comma = self.pos
            self.pos += 1
            self.skip()
            return False
        if self.text.startswith(closing, self.pos):
            self.pos += 1
            return True
        raise self.stop(f"expected `,` or `{closing}` after {after}, found {self.found()}")

    def duplicate(self, first: Scalar, again: Scalar) -> None:
        self.problems.append(duplicate_key(first, again, "Chrome"))
