"""`@record` behaves as a frozen dataclass: fields, defaults, factories, equality, pickling."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, field, fields, replace

import pytest

from scopecheck.core.findings import Span
from scopecheck.core.records import record


@record
class Sample:
    name: str
    count: int = 1
    tags: dict = field(default_factory=dict)


def test_defaults_factories_and_equality():
    first, second = Sample("a"), Sample("a")
    assert first == second
    assert hash(Span("a", 1, 1, 1, 1)) == hash(Span("a", 1, 1, 1, 1))
    assert first.tags == {} and first.tags is not second.tags
    assert repr(Sample("b", 2)) == "Sample(name='b', count=2, tags={})"
    assert [f.name for f in fields(Sample)] == ["name", "count", "tags"]
    assert replace(first, count=3) == Sample("a", 3)
    assert Sample("a") != Span("a", 1, 1, 1, 1)


def test_frozen():
    sample = Sample("a")
    with pytest.raises(FrozenInstanceError):
        sample.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del sample.count  # type: ignore[misc]


def test_pickle_and_copy_round_trip():
    span = Span("a.js", 1, 2, 3, 4, 5, 6)
    assert pickle.loads(pickle.dumps(span)) == span
    assert copy.deepcopy(Sample("x", 2, {"k": 1})) == Sample("x", 2, {"k": 1})


def test_what_a_record_cannot_be_is_refused_when_it_is_defined():
    with pytest.raises(TypeError):

        @record
        class Child(Sample):
            extra: int = 0

    with pytest.raises(TypeError):

        @record
        class Later:
            name: str
            hidden: int = field(default=0, init=False)

    with pytest.raises(TypeError):

        @record
        class Checked:
            name: str

            def __post_init__(self) -> None:
                pass
