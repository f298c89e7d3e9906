"""What an expression is known to be, statically: the small value lattice of the analysis.

Strings are folded when every piece is known (`Str`); templates keep one `HOLE`
per unknown `${...}` of a `route` (one path segment) and one `SPAN` per unknown `${...}`
elsewhere (it may hold several segments) (`Tmpl`); a helper's parameter stays symbolic (`Param`)
until a caller's argument replaces it. Forge objects (`api`, `api.asApp()`,
`storage`...) are values too, so aliases and destructuring need no special case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from scopecheck.core.records import record

if TYPE_CHECKING:
    from tree_sitter import Node

#: a function of the app: (file key, start byte)
FnRef: TypeAlias = tuple[str, int]


class Unknown:
    """Not known statically; `why` completes "path is ..." ("the variable `p`").

    `why` may be given as a callable, so the text is only built for reported items.
    """

    __slots__ = ("_why",)

    def __init__(self, why: str | Callable[[], str]) -> None:
        self._why = why

    @property
    def why(self) -> str:
        why = self._why
        if not isinstance(why, str):
            why = self._why = why()
        return why

    def __repr__(self) -> str:
        return f"Unknown({self.why!r})"


@record
class Missing:
    """An argument or property that is not there (`undefined`)."""


MISSING = Missing()


@record
class Str:
    text: str


@record
class Num:
    """A number literal: added to numbers, or spelled out in strings."""

    value: int | float

    @property
    def text(self) -> str:
        value = self.value
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


@record
class Hole:
    """One `${...}` of a template whose value is not known: becomes `{}`. Inside `route`
    it is one path segment (route encodes it); anywhere else it may hold `/` and so span
    several segments (`spans`): a path shows it as `{*}`."""

    spans: bool = False


HOLE = Hole()
SPAN = Hole(spans=True)


@record
class Param:
    """A parameter of an app function (or a property of it: `opts.method`)."""

    fn: FnRef
    index: int
    attrs: tuple[str, ...]
    name: str
    #: values that stand in where the caller's argument lacks the property: (number of attrs
    #: read, the value, only where the key is absent). A default (`const { method = 'PUT' }
    #: = opts`, `(k, method = 'PUT')` given a caller's parameter) also replaces `undefined`;
    #: a property before a spread (`{ method: 'GET', ...opts }`) only an absent key
    defaults: tuple[tuple[int, Value, bool], ...] = ()

    def attr(self, name: str) -> Param:
        return Param(self.fn, self.index, (*self.attrs, name), f"{self.name}.{name}", self.defaults)

    def defaulted(self, fallback: Value, absent_only: bool = False) -> Param:
        """This value, or `fallback` where the caller's lacks it."""
        entry = (len(self.attrs), fallback, absent_only)
        return Param(self.fn, self.index, self.attrs, self.name, (*self.defaults, entry))


@record
class Slot:
    """A parameter inside a string: `hole` when it came from `${...}`, not from `+`."""

    param: Param
    hole: bool
    spans: bool = False  # a `${...}` outside `route`: its value may span path segments


Part: TypeAlias = str | Hole | Slot


@record
class Tmpl:
    parts: tuple[Part, ...]


# Forge objects ----------------------------------------------------------------------------


@record
class Module:
    """A whole package: `import api from '@forge/api'`, `require('@forge/api')`."""

    package: str


@record
class AsFn:
    """`asApp` / `asUser`, not called yet."""

    as_user: bool


@record
class Requester:
    """`api.asApp()` / `api.asUser()`."""

    as_user: bool


@record
class Bound:
    """A product request function: `api.asApp().requestJira`, bridge `requestJira`."""

    product: str
    origin: str
    as_user: bool | None
    doubt: str = ""  # found by its name on a value not pinned, where it may be the app's own


@record
class FetchFn:
    """`fetch`: `backend` None means the global one (the file decides backend or client).

    `loose`: the `fetch` method of an object that is not known (`http.fetch(url)`, `this.fetch`):
    as forge lint does, a fetch only when its URL names a host (a cache's `fetch(key)` is not).
    """

    backend: bool | None
    loose: bool = False


@record
class GraphFn:
    """`requestTeamworkGraph`, on a requester or any object: needs one Teamwork Graph scope."""

    doubt: str = ""


@record
class StorageRef:
    """`storage` from @forge/api, or anything from @forge/kvs."""

    reason: str | None  # None: "storage.<method>"; else the fixed reason ("@forge/kvs")
    doubt: str = ""  # why it may not be storage at all (an export chosen at run time)


@record
class StorageOp:
    reason: str
    doubt: str = ""


@record
class Hook:
    name: str
    doubt: str = ""  # why its scopes are not certain (a package whose source is not known)


@record
class SdkObject:
    """A Forge SDK object whose methods need fixed scopes (`privacy` from @forge/api)."""

    name: str


@record
class NeedFn:
    """A Forge SDK function whose call needs fixed scopes (`privacy.reportPersonalData`)."""

    reason: str
    alternatives: tuple[tuple[str, ...], ...]


@record
class CompassGateway:
    """`graphqlGateway` from @atlassian/forge-graphql; `.compass` is the Compass API."""


@record
class CompassApi:
    """`graphqlGateway.compass` (or its `configAsCode`): `asApp()`/`asUser()` give a client."""


@record
class CompassAs:
    """`graphqlGateway.compass.asApp`, not called yet."""


@record
class CompassClient:
    """`graphqlGateway.compass.asApp()`: each method sends Compass GraphQL requests."""


@record
class CompassFn:
    """A method of the Compass client (`getComponent`)."""

    name: str


@record
class OpaqueRequestFn:
    """A request function scopecheck does not model (`__requestAtlassian`, `requestX`): it
    may call any product, so every product's unused scopes are unsure."""

    name: str
    as_user: bool | None = None
    gateway: bool = False  # it can reach the Atlassian gateway only (Compass), not products


@record
class AtlassianFn:
    """`requestAtlassian` (a path) or `requestGraph` (a GraphQL query) on a requester: a call
    to the api.atlassian.com gateway."""

    graph: bool = False
    as_user: bool | None = None
    doubt: str = ""


@record
class OneOf:
    """A `let` variable given different paths on different branches (`if`/`else`): a call
    with it sends one of them, so each is a request the code may make."""

    options: tuple[Any, ...]


@record
class AuthorizeFn:
    """`authorize` from @forge/api: calling it gives the permission checks (`PropertiesApi`
    of the `authorize` SDK), which POST to the product as the user (@forge/auth)."""


@record
class PropertiesApi:
    """`properties` from @forge/api: entity properties of issues, projects, pages, spaces; or,
    with `sdk` "authorize", what `authorize()` returns (`onJiraIssue(key).canEdit()`...)."""

    sdk: str = "properties"


@record
class PropertyStore:
    """`properties.onJiraIssue` (not yet called) or `properties.onJiraIssue(key)` (`bound`)."""

    target: str  # onJiraIssue | onJiraProject | onConfluencePage | onConfluenceSpace
    bound: bool = False
    sdk: str = "properties"


@record
class PropertyOp:
    """`properties.onJiraIssue(key).get` and the like: product requests the SDK sends."""

    target: str
    method: str
    sdk: str = "properties"


@record
class ImageComponent:
    pass


@record
class RouteTag:
    pass


@record
class TrustedRoute:
    pass


# The app's own code -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Func:
    unit: Any  # Unit
    node: Node
    ref: FnRef


@dataclass(frozen=True, slots=True, eq=False)
class Obj:
    """An object literal, read property by property. `changed`: why its properties may not be
    what the literal says (it was reached through a name whose properties the code sets)."""

    unit: Any  # Unit
    node: Node
    changed: str = ""


@dataclass(frozen=True, slots=True, eq=False)
class Namespace:
    """A relative module as a whole: `import * as c from './c'`, `require('./c')`."""

    unit: Any  # Unit


Value: TypeAlias = Any


def as_parts(value: Value) -> tuple[Part, ...] | None:
    """The string pieces of `value` when it is string-like, else None."""
    if isinstance(value, Str | Num):
        return (value.text,)
    if isinstance(value, Tmpl):
        return value.parts
    if isinstance(value, Param):
        return (Slot(value, hole=False),)
    return None


def make_string(parts: list[Part] | tuple[Part, ...]) -> Str | Tmpl:
    """Join adjacent literal pieces; a template with no unknown piece is a `Str`."""
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
                continue
        merged.append(part)
    if all(isinstance(part, str) for part in merged):
        return Str("".join(merged))  # type: ignore[arg-type]
    return Tmpl(tuple(merged))


def concat(left: Value, right: Value) -> Value:
    """`left + right`: numbers add, strings join; unknown as soon as one side is."""
    if isinstance(left, Num) and isinstance(right, Num):
        return Num(left.value + right.value)
    left_parts, right_parts = as_parts(left), as_parts(right)
    if left_parts is not None and right_parts is None and _has_query(left_parts):
        return make_string((*left_parts, HOLE))  # `'/search?jql=' + q`: only the query is unknown
    if left_parts is None or right_parts is None:
        other = left if left_parts is None else right
        if isinstance(other, Unknown) and other.why.startswith("a concatenation with "):
            return other
        what = other.why if isinstance(other, Unknown) else "a value that is not a string"
        return Unknown(f"a concatenation with {what}")
    return make_string((*left_parts, *right_parts))


def _has_query(parts: tuple[Part, ...]) -> bool:
    """Whether a literal `?` comes before any unknown piece: what follows is the query."""
    for part in parts:
        if not isinstance(part, str):
            return False
        if "?" in part:
            return True
    return False


def params_in(value: Value) -> frozenset[FnRef]:
    if isinstance(value, Param):
        return frozenset((value.fn,))
    if isinstance(value, Tmpl):
        return frozenset(part.param.fn for part in value.parts if isinstance(part, Slot))
    return frozenset()
