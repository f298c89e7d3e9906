"""Safe YAML to positioned nodes.

We compose nodes ourselves from libyaml's event stream instead of calling
`yaml.load`, because a linter needs what loading throws away: the position of
every key and item, every duplicate key (YAML keeps the last one silently), and
control over tags and aliases. Nothing is ever constructed from a tag, so
`!!python/object/apply` cannot run code; nesting depth and alias expansion are
capped, so a hostile file costs milliseconds, not gigabytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.source.files import ReadProblem, SourceText, read_text

try:  # libyaml's parser is about ten times faster; fall back when it is not built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how pyyaml was installed
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 100
MAX_NODES = 200_000  # counted with aliases expanded, so a "billion laughs" stops early

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}
_STR = f"{_CORE}str"
_MERGE = f"{_CORE}merge"


@dataclass(eq=False, slots=True)
class Node:
    span: Span
    tag: str


@dataclass(eq=False, slots=True)
class Scalar(Node):
    text: str
    value: Any
    quoted: bool = False

    @property
    def kind(self) -> str:
        return type_name(self)


@dataclass(eq=False, slots=True)
class Mapping(Node):
    pairs: list[tuple[Node, Node]] = field(default_factory=list)

    def items(self) -> Iterator[tuple[str, Scalar, Node]]:
        """(key text, key node, value) for each pair with a scalar key."""
        for key, value in self.pairs:
            if isinstance(key, Scalar):
                yield key.text, key, value

    def get_all(self, name: str) -> list[tuple[Scalar, Node]]:
        """Every (key, value) pair named `name`: a duplicated key returns all of them."""
        return [(key, value) for text, key, value in self.items() if text == name]

    def get(self, name: str) -> Node | None:
        """The last value for `name`, as YAML itself would keep it."""
        found = self.get_all(name)
        return found[-1][1] if found else None


@dataclass(eq=False, slots=True)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@record
class YamlProblem:
    """Something wrong with the YAML itself. `fatal` problems leave no usable document."""

    message: str
    span: Span
    fatal: bool = True
    related: tuple[tuple[Span, str], ...] = ()
    subject: str | None = None


def duplicate_key(first: Scalar, again: Scalar, keeper: str) -> YamlProblem:
    """A key written twice in one mapping: `keeper` (YAML, Chrome) keeps only the last."""
    name = again.text
    return YamlProblem(
        f"duplicate key `{name}` (first at line {first.span.line}); {keeper} keeps only the "
        "last one, so the earlier one is silently lost",
        again.span,
        fatal=False,
        related=((first.span, f"first `{name}`"),),
        subject=name,
    )


@dataclass(slots=True)
class YamlDocument:
    source: SourceText | None
    root: Node | None
    problems: list[YamlProblem]
    #: offsets of every anchor (`&a`), alias (`*a`) and merge key (`<<`): an edit near one of
    #: them could change text that other places share, so fixes refuse to touch them
    references: tuple[int, ...] = ()

    @property
    def usable(self) -> bool:
        return self.root is not None and not any(p.fatal for p in self.problems)


def type_name(node: Node | None) -> str:
    """How a value reads to a user: 'a mapping', 'a number', 'null'..."""
    if node is None:
        return "nothing"
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    tag = node.tag.removeprefix(_CORE)
    return {
        "str": "a string",
        "int": "a number",
        "float": "a number",
        "bool": "a boolean",
        "null": "null",
        "timestamp": "a date",
        "binary": "binary data",
    }.get(tag, f"a {tag}")


def strings_with_spans(node: Node | None) -> tuple[tuple[str, Span], ...]:
    """The string items of a list with where each stands; other items are left to the schema check."""
    if not isinstance(node, Sequence):
        return ()
    return tuple(
        (item.value, item.span)
        for item in node.items
        if isinstance(item, Scalar) and isinstance(item.value, str)
    )


def load_yaml(path: Path, display: str, text: str | None = None) -> YamlDocument:
    """Read and compose `path` (or `text` in its place); problems come back, nothing raises."""
    return load_document(path, display, text, parse_yaml)


def load_document(
    path: Path, display: str, text: str | None, parse: Callable[[SourceText], YamlDocument]
) -> YamlDocument:
    """Read `path` (or take `text` in its place) and `parse` it: `parse_yaml`, or another
    reader that gives these nodes (`json_nodes.parse_json`). Nothing raises."""
    source = read_text(path, display) if text is None else SourceText.from_text(path, display, text)
    if isinstance(source, ReadProblem):
        span = Span(display, source.line or 1, 1, source.line or 1, 1)
        return YamlDocument(None, None, [YamlProblem(source.message, span, subject="file")])
    return parse(source)


def parse_yaml(source: SourceText) -> YamlDocument:
    composer = _Composer(source)
    try:
        root = composer.compose()
    except _Stop as stop:
        return YamlDocument(source, None, [*composer.problems, stop.problem])
    except yaml.YAMLError as exc:
        return YamlDocument(source, None, [*composer.problems, _syntax_problem(source, exc)])
    if root is None:
        span = Span(source.display, 1, 1, 1, 1)
        composer.problems.append(
            YamlProblem("the file is empty: expected a YAML mapping", span, subject="empty")
        )
    return YamlDocument(source, root, composer.problems, tuple(composer.references))


class _Stop(Exception):
    def __init__(self, problem: YamlProblem):
        self.problem = problem


def _syntax_problem(source: SourceText, exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    if "\t" in source.line_text(line) and "tab" not in text:
        text += "; YAML does not allow tabs for indentation"
    index = getattr(mark, "index", 0) if mark is not None else 0
    return YamlProblem(text, Span(source.display, line, column, line, column, index, index), subject="yaml")


class _Composer:
    """Builds nodes from parser events; one instance per document."""

    def __init__(self, source: SourceText):
        self.source = source
        self.problems: list[YamlProblem] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.references: list[int] = []
        self.weight = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def span(self, start: Any, end: Any) -> Span:
        return Span(
            self.source.display,
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
            start.index,
            end.index,
        )

    def stop(self, message: str, mark: Any) -> _Stop:
        return _Stop(YamlProblem(message, self.span(mark, mark), subject="yaml"))

    def compose(self) -> Node | None:
        events = yaml.parse(self.source.text, Loader=_Loader)
        root: Node | None = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.stop(
                        "expected one YAML document, found a second one (`---`)", event.start_mark
                    )
                root, _ = self.node(next(events), events, depth=1)
        return root

    def node(self, event: yaml.Event, events: Iterator[yaml.Event], depth: int) -> tuple[Node, int]:
        """Compose one node starting at `event`; returns it with its expanded size."""
        if depth > MAX_DEPTH:
            raise self.stop(f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.stop(f"unknown alias *{event.anchor}", event.start_mark)
            node, weight = self.anchors[event.anchor]
            self.references.append(_index(event.start_mark))
            self.add_weight(weight, event.start_mark)
            return node, weight
        tag = self.check_tag(event)
        if isinstance(event, yaml.ScalarEvent):
            node, weight = self.scalar(event, tag), 1
        elif isinstance(event, yaml.SequenceStartEvent):
            node, weight = self.sequence(event, events, depth)
        elif isinstance(event, yaml.MappingStartEvent):
            node, weight = self.mapping(event, events, depth)
        else:  # pragma: no cover - libyaml never sends anything else here
            raise self.stop(f"unexpected YAML event {type(event).__name__}", event.start_mark)
        self.add_weight(1, event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = (node, weight)
            self.references.append(_index(event.start_mark))
        return node, weight

    def add_weight(self, weight: int, mark: Any) -> None:
        self.weight += weight
        if self.weight > MAX_NODES:
            raise self.stop(
                f"the document expands to more than {MAX_NODES:,} values "
                "(aliases that multiply, like a 'billion laughs' attack)",
                mark,
            )

    def check_tag(self, event: Any) -> str | None:
        tag = event.tag
        if tag in (None, "!"):
            return None
        if tag not in _ALLOWED_TAGS:
            raise self.stop(
                f"unsupported YAML tag {_short_tag(tag)}: only plain YAML values are allowed",
                event.start_mark,
            )
        return tag

    def scalar(self, event: yaml.ScalarEvent, tag: str | None) -> Scalar:
        quoted = event.style in ("'", '"', "|", ">")
        if tag is None:
            tag = (
                _STR
                if event.tag == "!"
                else self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            )
        span = self.span(event.start_mark, event.end_mark)
        try:
            value = self.construct(tag, event.value)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            # looks like a date or number but is not one (2026-13-45): keep the text,
            # the schema then names the field that wanted a real date
            tag, value = _STR, event.value
        return Scalar(span, tag, event.value, value, quoted)

    def construct(self, tag: str, text: str) -> Any:
        if tag in (_STR, _MERGE):
            return text
        node = yaml.ScalarNode(tag, text)
        short = tag.removeprefix(_CORE)
        return getattr(self.constructor, f"construct_yaml_{short}")(node)

    def sequence(
        self, start: yaml.SequenceStartEvent, events: Iterator[yaml.Event], depth: int
    ) -> tuple[Sequence, int]:
        items: list[Node] = []
        weight = 1
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                node = Sequence(self.span(start.start_mark, event.end_mark), f"{_CORE}seq", items)
                return node, weight
            item, item_weight = self.node(event, events, depth + 1)
            items.append(item)
            weight += item_weight
        raise self.stop("unexpected end of the document inside a list", start.start_mark)

    def mapping(
        self, start: yaml.MappingStartEvent, events: Iterator[yaml.Event], depth: int
    ) -> tuple[Mapping, int]:
        pairs: list[tuple[Node, Node]] = []
        merged: list[tuple[Node, Node]] = []
        seen: dict[Any, Scalar] = {}
        weight = 1
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                pairs.extend(pair for pair in merged if _key_id(pair[0]) not in seen)
                node = Mapping(self.span(start.start_mark, event.end_mark), f"{_CORE}map", pairs)
                return node, weight
            key, key_weight = self.node(event, events, depth + 1)
            value, value_weight = self.node(next(events), events, depth + 1)
            weight += key_weight + value_weight
            if isinstance(key, Scalar) and key.tag == _MERGE:
                self.references.append(key.span.start_offset)
                merged.extend(self.merge_pairs(value))
                continue
            key_id = _key_id(key)
            if key_id is not None:
                if key_id in seen and isinstance(key, Scalar):
                    self.duplicate(seen[key_id], key)
                seen.setdefault(key_id, key)  # type: ignore[arg-type]
            pairs.append((key, value))
        raise self.stop("unexpected end of the document inside a mapping", start.start_mark)

    def merge_pairs(self, value: Node) -> list[tuple[Node, Node]]:
        sources = value.items if isinstance(value, Sequence) else [value]
        pairs: list[tuple[Node, Node]] = []
        taken: set[Any] = set()
        for source in sources:  # YAML: an earlier mapping in the list wins over a later one
            if not isinstance(source, Mapping):
                raise _Stop(YamlProblem("`<<` merge needs a mapping or a list of mappings", value.span))
            for key, item in source.pairs:
                if _key_id(key) not in taken:
                    taken.add(_key_id(key))
                    pairs.append((key, item))
        return pairs

    def duplicate(self, first: Scalar, again: Scalar) -> None:
        self.problems.append(duplicate_key(first, again, "YAML"))


def _index(mark: Any) -> int:
    """A mark's character offset (libyaml always sets marks; the stubs say they may be None)."""
    return int(mark.index) if mark is not None else 0


def _key_id(key: Node) -> Any:
    if not isinstance(key, Scalar):
        return None
    try:
        hash(key.value)
    except TypeError:
        return key.text
    return (type(key.value).__name__, key.value)


def _short_tag(tag: str) -> str:
    if tag.startswith(_CORE):
        return "!!" + tag.removeprefix(_CORE)
    return tag


def to_python(node: Node | None) -> Any:
    """JSON-like values for schema validation: dates become ISO text, keys their text.

    Aliases were already capped in size, so expanding them here is bounded.
    """
    if node is None:
        return None
    if isinstance(node, Scalar):
        if isinstance(node.value, datetime.date):
            return node.value.isoformat()
        if isinstance(node.value, bytes):
            return node.text
        return node.value
    if isinstance(node, Sequence):
        return [to_python(item) for item in node.items]
    assert isinstance(node, Mapping)
    result: dict[Any, Any] = {}
    for key, value in node.pairs:
        key_text = key.text if isinstance(key, Scalar) else repr(to_python(key))
        result[key_text] = to_python(value)
    return result


def node_at(root: Node | None, path: Iterator[Any] | list[Any]) -> tuple[Node | None, Scalar | None]:
    """Follow a JSON path (keys and indexes) down the tree; returns (value node, its key node)."""
    node, key_node = root, None
    for part in path:
        if isinstance(node, Mapping):
            found = [(k, v) for text, k, v in node.items() if text == str(part)]
            if not found:
                return node, key_node
            key_node, node = found[-1]
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
        else:
            return node, key_node
    return node, key_node


def text_lines(root: Node | None) -> frozenset[int]:
    """Lines inside multi-line scalars (after the first): text there is never a comment."""
    lines: set[int] = set()
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes
            continue
        seen.add(id(node))
        if isinstance(node, Scalar):
            # a block scalar ends at column 1 of the line after it: that line is not inside
            last = node.span.end_line - (1 if node.span.end_column == 1 else 0)
            lines.update(range(node.span.line + 1, last + 1))
        elif isinstance(node, Mapping):
            stack.extend(n for pair in node.pairs for n in pair)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
    return frozenset(lines)
