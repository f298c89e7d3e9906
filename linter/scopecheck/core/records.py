"""`@record`: a frozen, slotted dataclass that costs half as much to define.

A pre-commit hook pays for every class the linter defines, on every commit:
`dataclass` writes and compiles six methods per class, about 1 ms each class here,
and scopecheck has some 80 of them. `record` lets dataclass write only `__init__`
and the frozen `__setattr__`/`__delattr__`, and shares one `__eq__`, `__hash__`
and `__repr__` between all records. Semantics are dataclass's: fields compare in
order, only with the same class; `dataclasses.replace` and `fields` work as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T", bound=type)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, name) == getattr(other, name) for name in self._record_fields)


def _hash(self: Any) -> int:
    return hash((self.__class__, *(getattr(self, name) for name in self._record_fields)))


def _repr(self: Any) -> str:
    values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
    return f"{self.__class__.__qualname__}({values})"


@dataclass_transform(frozen_default=True)
def record(cls: T) -> T:
    made: Any = dataclass(cls, frozen=True, slots=True, repr=False, eq=False)
    made._record_fields = tuple(f.name for f in fields(made))
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return cast(T, made)
