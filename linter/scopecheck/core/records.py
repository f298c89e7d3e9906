"""`@record`: a frozen, slotted dataclass that costs half as much to define.

A pre-commit hook pays for every class the linter defines, on every commit:
`dataclass` writes and compiles six methods per class, about 1 ms each class here,
and scopecheck has some 170 of them. `record` lets dataclass only collect the fields and
make the slots, compiles one `__init__` per class, and shares one `__eq__`, `__hash__`,
`__repr__` and the frozen `__setattr__`/`__delattr__` between all records. Semantics are dataclass's: fields compare in
order, only with the same class; `dataclasses.replace` and `fields` work as usual.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields, is_dataclass
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


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self._record_fields]


def _setstate(self: Any, state: list[Any]) -> None:
    """Unpickling (worker processes, copies) sets slots past the frozen `__setattr__`."""
    for name, value in zip(self._record_fields, state, strict=True):
        object.__setattr__(self, name, value)


def _init(cls: type, names: tuple[str, ...]) -> Any:
    """The `__init__` of a record: one function compiled per class (dataclass compiles three)."""
    params = []
    defaults: dict[str, Any] = {}
    for f in fields(cls):
        if f.default is not MISSING:
            defaults[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        elif f.default_factory is not MISSING:
            defaults[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_HAS_FACTORY")
        else:
            params.append(f.name)
    body = []
    for name in names:
        value = f"_f_{name}() if {name} is _HAS_FACTORY else {name}" if f"_f_{name}" in defaults else name
        body.append(f"  _set(self, {name!r}, {value})")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "  pass")
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY, **defaults}
    exec(source, namespace)  # generated from field names only, as dataclass does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


#: names the generated `__init__` uses itself
_RESERVED = frozenset({"self", "_set", "_HAS_FACTORY"})


class _HasFactory:
    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()


@dataclass_transform(frozen_default=True)
def record(cls: T) -> T:
    # dataclass only collects the fields and makes the slots; the methods are ours
    if any(is_dataclass(base) for base in cls.__mro__[1:]) or "__post_init__" in vars(cls):
        raise TypeError(f"@record {cls.__qualname__}: no record base class and no __post_init__")
    # without a docstring, dataclass writes one from inspect.signature, which on a class with
    # object's __init__ tokenizes its text signature (a few ms of every start-up, once)
    doc = cls.__doc__
    cls.__doc__ = doc or cls.__name__
    made: Any = dataclass(cls, init=False, repr=False, eq=False, slots=True)
    made.__doc__ = doc
    names = tuple(f.name for f in fields(made))
    for f in fields(made):
        if not f.init or f.kw_only is True or f.name in _RESERVED or f.name.startswith(("_d_", "_f_")):
            raise TypeError(f"@record {cls.__qualname__}: field {f.name!r} needs a plain dataclass")
    made._record_fields = names
    made.__init__ = _init(made, names)
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    made.__setattr__ = _frozen_setattr
    made.__delattr__ = _frozen_delattr
    made.__getstate__ = _getstate
    made.__setstate__ = _setstate
    made.__dataclass_params__ = _FROZEN_PARAMS
    return cast(T, made)


_FROZEN_PARAMS: Any = type(
    "_DataclassParams",
    (),
    {"frozen": True, "init": True, "repr": False, "eq": False, "order": False, "unsafe_hash": False},
)()
