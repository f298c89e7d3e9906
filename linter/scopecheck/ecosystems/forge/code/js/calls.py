"""Call sites → requests and scope needs, through the app's own helper functions.

A request whose path, method or URL depends on a parameter of an app function
is that function's "sink": it is not reported where it is written but at each
call of the function, with the caller's arguments put in place of the
parameter and the helper's request in `via`. Helpers calling helpers compose
the same way. A sink of a function nobody calls is reported where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from scopecheck.core.records import record
from scopecheck.ecosystems.forge.code.js import forge_api
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.classes import this_field
from scopecheck.ecosystems.forge.code.js.grammar import first_named, text_of
from scopecheck.ecosystems.forge.code.js.kept_params import EVERY, kept_params
from scopecheck.ecosystems.forge.code.js.program import (
    WRAPPERS,
    builds_routes,
    changed_through,
    describe,
    holds_a_function,
    only_read_through,
)
from scopecheck.ecosystems.forge.code.js.unit import (
    NAMESPACES,
    Decl,
    enclosing,
    property_name,
    return_statements,
    string_value,
)
from scopecheck.ecosystems.forge.code.usage import ANY_PRODUCT, GATEWAY
from scopecheck.ecosystems.forge.code.web_assets import PRELOAD_KINDS

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.core.findings import Span
    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit


@record
class Request:
    """A product request, fetch or image before its values are rendered to strings."""

    kind: str  # "api" | "fetch" | "images"
    span: Span
    target: v.Value  # the path (api) or the URL (fetch, images)
    method: v.Value = v.MISSING
    product: str = ""
    origin: str = "api"
    as_user: bool | None = None
    fetch_kind: str = ""
    via: tuple[Span, ...] = ()
    loose: bool = False  # `<unknown>.fetch(url)`: a fetch only if the URL names a host
    doubt: str = ""  # why the request may not be made as read (a class field followed)

    @property
    def params(self) -> frozenset[v.FnRef]:
        return v.params_in(self.target) | v.params_in(self.method)


@record
class Need:
    alternatives: tuple[tuple[str, ...], ...]
    reason: str
    span: Span
    doubt: str = ""


@record
class ParamCall:
    """A call of a parameter or of one of its methods (`api.fetch(url)`, `callback(x)`): what
    it calls is known only at each call of the function, from the caller's argument."""

    callee: v.Param
    args: tuple[v.Value, ...]
    span: Span
    via: tuple[Span, ...] = ()
    #: "" for a call. Otherwise the parameter is not called here but handed on (`PASSED` to
    #: code not followed, or `STORED` in a property): a Forge object the caller gives may
    #: send requests from there
    escape: str = ""


Item = Request | Need | ParamCall

PASSED = "passed to code scopecheck does not follow"
STORED = "kept in a property, where calls through it are not followed"
RETURNED_BY_A_CLASS = "returned by a class's method or getter, whose callers are not followed"
#: statements that hand a value to code the analysis does not follow: the `catch` that
#: receives it, the consumer of a generator, the caller of a class's method
_LEAVES_THE_FUNCTION = {
    "throw_statement": "thrown, and caught where calls through it are not followed",
    "yield_expression": "yielded by a generator, whose consumer is not followed",
    "return_statement": RETURNED_BY_A_CLASS,
    "arrow_function": RETURNED_BY_A_CLASS,  # a class field's `() => app.requestJira`: its body
}
DEFAULT_OF_A_CLASS = "the default value of a class method's parameter, whose callers are not followed"
ARRAY_DEFAULT = "the default of a name taken from an array, which scopecheck does not follow"
IN_A_NAMESPACE = "exported by a TypeScript namespace, whose members scopecheck does not follow"
#: where a class or a TypeScript namespace keeps a value (a field, a method's parameter
#: default, an exported variable), by node kind
_KEPT_WHERE_NOT_FOLLOWED = {
    "field_definition": STORED,
    "public_field_definition": STORED,
    "required_parameter": DEFAULT_OF_A_CLASS,  # TypeScript's own parameter properties are fields
    "optional_parameter": DEFAULT_OF_A_CLASS,
    "assignment_pattern": DEFAULT_OF_A_CLASS,
    "variable_declarator": IN_A_NAMESPACE,  # `namespace N { export const send = … }`
}
PROP = "given to a component as a prop, where calls through it are not followed"
DECORATED = "returned by a decorator, which replaces what it decorates; its callers are not followed"
#: ways of handing on after which a requester's methods are still found by their names
_CALLED_BY_NAME_AFTER = frozenset(
    {STORED, RETURNED_BY_A_CLASS, DEFAULT_OF_A_CLASS, PROP, ARRAY_DEFAULT, IN_A_NAMESPACE, DECORATED}
)

#: how many functions passed as arguments one request is followed through
_MAX_HIGHER_ORDER = 4
#: how many times a function's calls of itself are followed before what they send is unknown
_MAX_RECURSION_ROUNDS = 3
_TOO_DEEP = v.Unknown("sent through functions passed as arguments nested too deeply to follow")


class CallAnalyzer:
    """Classifies each call and JSX element once; remembers helpers and whether they are called."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.called: set[v.FnRef] = set()
        self._results: dict[tuple[str, int], tuple[Item, ...]] = {}
        self._sinks: dict[v.FnRef, tuple[Request, ...]] = {}
        self._param_calls: dict[v.FnRef, tuple[ParamCall, ...]] = {}
        self._expanding = 0
        self._defaults_open: set[tuple[v.FnRef, int]] = set()
        #: function -> its calls of itself (node, arguments, span), while its sinks are found
        self._recursive: dict[v.FnRef, list[tuple[Node, list[v.Value], Span]]] = {}
        self._active: set[tuple[str, int]] = set()  # calls of a function whose sinks are being found
        self._open: set[tuple[str, int]] = set()  # calls being classified
        self._reentered: set[tuple[str, int]] = set()  # calls reached again while classified
        self._properties: dict[str, dict[str, list[v.Value]]] = {}
        self._diverging: set[v.FnRef] = set()  # recursive functions whose arguments never settle
        self._kept_params: dict[v.FnRef, frozenset[int]] = {}  # kept_params.py, by function
        self._returned: dict[tuple[v.FnRef, int], list[v.Value]] = {}  # `_returned_held`
        self._reading_properties = 0  # `_forge_properties` calls open
        #: while a search goes on past the depth limit: the expressions it has read (each is
        #: read once, at no depth); what such searches found, by where they started
        self._past: set[tuple[str, int]] | None = None
        self._past_found: dict[tuple[str, int], list[v.Value]] = {}
        self._assignments: dict[tuple[str, str, int], list[Node | None]] = {}  # `_assigned`

    def call(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        key = (unit.key, node.id)
        known = self._results.get(key)
        if known is not None:
            if key in self._open:  # reached again while it is analysed: `a` calls `b` calls `a`
                self._reentered.add(key)
            return known
        self._results[key] = ()
        self._open.add(key)
        try:
            items = self._out_of_scope_params_unknown(unit, node, self._call(unit, node))
        finally:
            self._open.discard(key)
        if key in self._reentered and _sends_known(items) and not self._calls_itself(unit, node):
            # what the inner round sends was not followed (a cycle that sends nothing is fine)
            why = v.Unknown("sent through functions that call each other, which are not followed")
            items = (*items, Request("api", unit.positions.span(node), why, why, ANY_PRODUCT, "api", None))
        self._results[key] = items
        return items

    def _calls_itself(self, unit: Unit, node: Node) -> bool:
        """Whether `node` is a call of the function it is written in (followed round by round
        in `sinks`), not one that comes back through another function."""
        function = node.child_by_field_name("function")
        callee = self.program.value(unit, function) if function is not None else None
        return (
            isinstance(callee, v.Func)
            and callee.unit is unit
            and callee.node.start_byte <= node.start_byte < callee.node.end_byte
        )

    def _out_of_scope_params_unknown(
        self, unit: Unit, node: Node, items: tuple[Item, ...]
    ) -> tuple[Item, ...]:
        """A request from this call still built from a parameter of a function the call is not
        inside (`client('PUT').send(k)`: `send` closes over `client`'s `m`) is unknown: no
        caller further up can give that parameter, so it would never be put in place."""
        changed = False
        settled: list[Item] = []
        for item in items:
            if isinstance(item, Request) and item.params:
                outside = {ref for ref in item.params if not self._encloses(ref, unit, node)}
                if outside:
                    item = _out_of_scope(item, outside)
                    changed = True
            settled.append(item)
        return tuple(settled) if changed else items

    def _encloses(self, ref: v.FnRef, unit: Unit, node: Node) -> bool:
        func = self.program.functions.get(ref)
        return (
            func is not None
            and func.unit.key == unit.key
            and func.node.start_byte <= node.start_byte
            and node.end_byte <= func.node.end_byte
        )

    def helpers(self) -> set[v.FnRef]:
        """The functions called somewhere whose requests depend on their parameters."""
        return {ref for ref in self.called if self._sinks.get(ref)}

    def sinks(self, func: v.Func) -> tuple[Request, ...]:
        """The requests inside `func` that depend on its parameters."""
        known = self._sinks.get(func.ref)
        if known is not None:
            return known
        self._sinks[func.ref] = ()
        recursive = self._recursive[func.ref] = []
        found: list[Request] = []
        for call in func.unit.calls_within(func.node):
            if (func.unit.key, call.id) in self._active:  # being analysed further up: a call of itself?
                self._note_self_call(func, call, recursive)
                continue
            for item in self.call(func.unit, call):
                if isinstance(item, Request) and func.ref in item.params:
                    found.append(item)
        result = self._sinks[func.ref] = tuple(found)
        self._recursive.pop(func.ref)
        settled = list(found)
        for _round in range(_MAX_RECURSION_ROUNDS if recursive else 0):
            # `send(k, 'PUT')` inside `send`: what the function sends, with these arguments
            grown = False
            for node, values, span in recursive:
                items = self._through(func, values, span, (), recursive=True)
                self._results[(func.unit.key, node.id)] = items
                for item in items:
                    if isinstance(item, Request) and func.ref in item.params and item not in found:
                        found.append(item)
                        grown = True
            result = self._sinks[func.ref] = tuple(found)
            if not grown:
                break
        else:
            if recursive:  # each round of the recursion sends something new: not followed
                self._diverging.add(func.ref)
                for node, _values, span in recursive:
                    self._results[(func.unit.key, node.id)] = (_diverging_request(span),)
                result = self._sinks[func.ref] = tuple(settled)
        return result

    def _note_self_call(
        self, func: v.Func, call: Node, recursive: list[tuple[Node, list[v.Value], Span]]
    ) -> None:
        unit = func.unit
        function, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or args is None or args.type != "arguments":
            return
        callee = self.program.value(unit, function)
        if isinstance(callee, v.Func) and callee.ref == func.ref:
            recursive.append((call, self._arguments(unit, args), unit.positions.span(call)))

    def param_calls(self, func: v.Func) -> tuple[ParamCall, ...]:
        """The calls inside `func` of its parameters or their methods."""
        known = self._param_calls.get(func.ref)
        if known is not None:
            return known
        self._param_calls[func.ref] = ()
        found = [
            item
            for call in func.unit.calls_within(func.node)
            for item in self.call(func.unit, call)
            if isinstance(item, ParamCall) and item.callee.fn == func.ref
        ]
        result = self._param_calls[func.ref] = tuple(found)
        return result

    def _call(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        if node.type == "with_statement":
            return (_unfollowed_code(unit, node, "`with`, whose names scopecheck does not resolve"),)
        if node.type == "new_expression":
            constructor = node.child_by_field_name("constructor")
            if _global_named(unit, constructor, b"Function"):
                return (_unfollowed_code(unit, node, "`new Function`, code built from a string"),)
            args = node.child_by_field_name("arguments")
            return self._handed_on(unit, args, node) if args is not None else ()
        if node.type in ("assignment_expression", "export_statement"):  # `export = {...}`
            return self._stored(unit, node)
        if node.type in _LEAVES_THE_FUNCTION:
            return self._thrown_or_yielded(unit, node)
        if node.type == "decorator":
            return self._decorated(unit, node)
        if node.type in _KEPT_WHERE_NOT_FOLLOWED:
            return self._kept_where_not_followed(unit, node)
        function = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if function is None or args is None or args.type not in ("arguments", "template_string"):
            return ()
        if args.type == "template_string" and not isinstance(
            self.program.value(unit, function), v.Func | v.Param
        ):
            tag = self.program.value(unit, function)
            if isinstance(tag, v.Bound | v.AtlassianFn | v.GraphFn | v.FetchFn | v.OpaqueRequestFn):
                # `app.requestAtlassian`/me``: called with the template's strings as its path
                how = "used as a template tag, whose path scopecheck does not read"
                return _sent_by_handed_on(
                    tag, unit.positions.span(node), (), how, self.program.is_frontend(unit)
                )
            return ()  # route`...`, gql`...`: a tag, not a helper of the app (or one it is given)
        if _global_named(unit, function, b"eval"):
            return (_unfollowed_code(unit, node, "`eval`, code built from a string"),)
        program = self.program
        callee = program.value(unit, function)
        if isinstance(callee, v.Namespace):
            callee = program.export_value(callee.unit, "default", set())
        through = self._param_callee(unit, function, callee)
        if through is not None:
            values = self._arguments(unit, args)
            higher = ParamCall(through, tuple(values), unit.positions.span(node))
            if isinstance(callee, v.Param):
                return (higher,)
            return (*self._items(unit, node, args, callee), higher)
        if isinstance(callee, v.Unknown) and _may_choose(unit, function):
            # `(c ? api.asUser() : api.asApp()).requestJira`, `opts.fetch ?? fetch`, `fns[0]`
            options = self._held(unit, function, 0)
            chosen = [held for held in options if isinstance(held, _TAKES_DATA)]
            chosen = [
                held for held in chosen if not isinstance(held, v.Func | v.FetchFn) or _strict_fetch(held)
            ]
            if READ_TOO_FAR in options:  # a search that gave up: it may be any Forge function
                chosen_items = [item for held in chosen for item in self._items(unit, node, args, held)]
                return (*chosen_items, _read_too_far(unit.positions.span(node)))
            if chosen:
                return tuple(item for held in chosen for item in self._items(unit, node, args, held))
        items = self._items(unit, node, args, callee)
        if isinstance(callee, v.Func):
            items = (*items, *self._given_back(unit, node, args, callee))
        if not any(isinstance(item, Request) and item.kind == "api" for item in items):
            items = (*items, *self._through_a_field(unit, function, node, args))
        if isinstance(callee, v.Unknown) and not any(isinstance(item, Request) for item in items):
            items = (*items, *self._named_at_run_time(unit, function, node, args))
        if isinstance(callee, _MODELLED) and not isinstance(callee, v.Module):
            return items
        if not args.named_child_count and function.type != "member_expression":
            return items  # `f()`: nothing handed on
        if isinstance(callee, v.Unknown):
            method = self._method_of_forge_object(unit, function, node)
            if method:  # `app.requestJira.bind(app)`: its arguments are the same object
                return (*items, *method)
        if _reads_only(unit, function):
            return items
        return (*items, *self._handed_on(unit, args, node), *self._receiver_handed_on(unit, function, node))

    def _through_a_field(self, unit: Unit, function: Node, node: Node, args: Node) -> tuple[Item, ...]:
        """`this.api.fetch(x)` in a class method: the product requests of the call made through
        a field taken to hold what `new` gives the class (classes.py). They carry a doubt, as
        JavaScript may give the field or the method's `this` another value; fetches are left
        out (they would be certain)."""
        holder = function.child_by_field_name("object") if function.type == "member_expression" else None
        this = (
            holder.child_by_field_name("object")
            if holder is not None and holder.type == "member_expression"
            else None
        )
        if holder is None or this is None or this.type != "this":
            return ()
        field = property_name(holder.child_by_field_name("property"))
        method = property_name(function.child_by_field_name("property"))
        value = this_field(self.program, unit, this, field) if field is not None else None
        if method is None or value is None or isinstance(value, v.Unknown):
            return ()
        doubt = (
            f"it is made through `this.{field}`, taken to be what `new` gives the class; "
            "JavaScript may give the field another value"
        )
        found: list[Item] = []
        for item in self._items(unit, node, args, self.program.member(value, method, None)):
            if isinstance(item, Request) and item.kind == "api":
                found.append(replace(item, doubt=doubt))
            elif isinstance(item, Need):
                found.append(replace(item, doubt=item.doubt or doubt))
        return tuple(found)

    def _named_at_run_time(self, unit: Unit, function: Node, node: Node, args: Node) -> tuple[Item, ...]:
        """`client[m](route`/me`)`: a method named at run time of a value the analysis does
        not pin (what a class method, a getter or a destructured call returns, an imported
        conditional requester), or a function taken by a computed key from such a value
        (`const { [m]: send } = client`), in a file that uses @forge/api or builds routes.
        It may be a Forge requester's request method, so what it sends is unknown; read by
        name, it would send nothing. Also through `.call`/`.apply`/`.bind`, `(0, c[m])`,
        `Reflect.apply(c[m], ...)` and a variable given `c[m]`."""
        data = unit.file.data
        if not args.named_child_count or (b"@forge/api" not in data and not builds_routes(data)):
            return ()
        callee = _run_time_callee(unit, function, node)
        if callee is None:
            return ()
        if callee.type == "subscript_expression":  # else a name a computed key binds
            receiver, index = callee.child_by_field_name("object"), callee.child_by_field_name("index")
            if receiver is None or index is None:
                return ()
            name = self.program.value(unit, index)
            if isinstance(name, v.Str) or (
                isinstance(name, v.OneOf) and all(isinstance(one, v.Str) for one in name.options)
            ):
                return ()  # a method named in the code: read by that name
            if not isinstance(self.program.value(unit, receiver), v.Unknown | v.Param):
                return ()  # the app's own object or a Forge object: followed
        why = v.Unknown(
            f"sent through {describe(callee)}, a method named at run time of a value scopecheck "
            "does not pin, which may be a Forge requester"
        )
        return (Request("api", unit.positions.span(node), why, why, ANY_PRODUCT, "api", None),)

    def _receiver_handed_on(self, unit: Unit, function: Node, node: Node) -> tuple[Item, ...]:
        """`[api.asApp().requestJira].map(f => f(...))`: the Forge objects an array (or a
        variable the analysis cannot pin) holds go to the method called on it; so do those a
        call may return (`get().then(f => f(...))`, where `get` returns `app.requestJira`)."""
        if function.type != "member_expression":
            return ()
        receiver = function.child_by_field_name("object")
        while receiver is not None and receiver.type in ("parenthesized_expression", "await_expression"):
            receiver = first_named(receiver)
        if receiver is None or receiver.type not in _RECEIVERS:
            return ()
        values = self._held(unit, receiver, 0)
        if receiver.type in ("identifier", "call_expression"):
            # the variable's own value, what the call is known to give: a Forge object's
            # methods are followed
            values = values[1:]
        if not any(_may_hand_on(value) for value in values):
            return ()
        return self._passed_on(values, unit.positions.span(node), (), PASSED, self.program.is_frontend(unit))

    def handed_to_a_parameter(self, item: ParamCall, frontend: bool) -> tuple[Item, ...]:
        """The Forge objects a function gives to its own parameter (`run = (k, send) =>
        send(api.asApp())`), for a function whose callers are not known."""
        values = [value for value in item.args if not isinstance(value, v.Param)]
        return self._passed_on(values, item.span, item.via, PASSED, frontend)

    def _handed_on(self, unit: Unit, args: Node, node: Node) -> tuple[Item, ...]:
        """The Forge objects among the arguments of a call that is not followed (a package's
        function, `new Client(api.asApp())`): what they may send is not known."""
        values = [value for child in args.named_children for value in self._held(unit, child, 0)]
        if not any(_may_hand_on(value) for value in values):
            return ()
        span = unit.positions.span(node)
        return self._passed_on(values, span, (), PASSED, self.program.is_frontend(unit))

    def _held(self, unit: Unit, node: Node, depth: int) -> list[v.Value]:
        """The values an argument may carry into code not followed: each branch of `a ? b : c`
        and `a || b`, each element of an array (written there or in the variable it names),
        each value a reassigned variable is given."""
        kind = node.type
        if kind in _NOT_FORGE_OBJECTS:
            return []
        if self._past is not None:
            key = (unit.key, node.id)
            if key in self._past:
                return []
            if depth > _MAX_PAST_DEPTH or len(self._past) >= _MAX_PAST_THE_LIMIT:
                return [READ_TOO_FAR]
            self._past.add(key)
        elif depth > _MAX_HELD_DEPTH:
            return self._held_past_the_limit(unit, node)
        if kind in WRAPPERS or kind == "spread_element":
            inner = [child for child in node.named_children if child.type != "comment"]
            return self._held(unit, inner[0], depth) if inner else []
        if kind == "array":
            return [value for child in node.named_children for value in self._held(unit, child, depth + 1)]
        if kind == "ternary_expression":
            sides = (node.child_by_field_name("consequence"), node.child_by_field_name("alternative"))
            return [
                value for side in sides if side is not None for value in self._held(unit, side, depth + 1)
            ]
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.type not in ("||", "&&", "??"):
                return []
            sides = (node.child_by_field_name("left"), node.child_by_field_name("right"))
            return [
                value for side in sides if side is not None for value in self._held(unit, side, depth + 1)
            ]
        if kind == "subscript_expression":  # `[api][0]`, `clients[k]`
            held = node.child_by_field_name("object")
            found = self._held(unit, held, depth + 1) if held is not None else []
            if not isinstance(self.program.value(unit, node), v.Unknown):
                return found
            # `fns[k]` with `k` not known: any value the object literal holds
            return [
                one
                for value in found
                for one in (
                    [value, *self._object_values(value, depth)] if isinstance(value, v.Obj) else [value]
                )
            ]
        value = self.program.value(unit, node)
        if kind == "identifier" and isinstance(value, v.Unknown):
            return [value, *self._given_to(unit, node, depth)]
        if kind == "identifier" and isinstance(value, v.Param):  # `(send = app.requestJira) => send`
            binding = unit.lookup(text_of(node), node)
            default = binding[1].default if isinstance(binding, tuple) else None
            return [value, *self._held(unit, default, depth + 1)] if default is not None else [value]
        if kind == "call_expression" and isinstance(value, v.Unknown):  # `pick(ctx)`, `make[k]()`
            return [value, *self._call_results(unit, node, depth)]
        if kind == "member_expression" and isinstance(value, v.Unknown):  # `this.client`
            name = property_name(node.child_by_field_name("property"))
            holder = node.child_by_field_name("object")
            module = self.program.value(unit, holder) if holder is not None else None
            if isinstance(module, v.Namespace) and name is not None:  # `a.send`, a `let` a.js reassigns
                return [value, *self._given_to_a_module(module.unit, name, depth)]
            return [value, *self._forge_properties(unit).get(name or "", ())]
        return [value]

    def _held_past_the_limit(self, unit: Unit, node: Node) -> list[v.Value]:
        """`_held` of an expression met past the depth limit (a chain of defaults of defaults,
        helpers returning helpers): the search goes on, reading each expression once, so a
        chain is read to its end in linear time; one that goes further than `_MAX_PAST_DEPTH`
        or reads more than `_MAX_PAST_THE_LIMIT` expressions ends with `READ_TOO_FAR`, a doubt."""
        key = (unit.key, node.id)
        found = self._past_found.get(key)
        if found is None:
            self._past = set()
            try:
                read = self._held(unit, node, 0)
            finally:
                self._past = None
            # what callers can use, once each: the plain unknowns a long search meets would
            # multiply along every path that reaches it
            found = self._past_found[key] = list(
                dict.fromkeys(
                    value for value in read if _may_hand_on(value) or isinstance(value, _TAKES_DATA)
                )
            )
        return found

    def _stops_at(self, depth: int) -> bool:
        """Whether a search at `depth` stops before a step deeper (one already past the depth
        limit does not: it reads each expression once instead)."""
        return self._past is None and depth >= _MAX_HELD_DEPTH

    def _forge_properties(self, unit: Unit) -> dict[str, list[v.Value]]:
        """The properties this file gives a Forge object, by name: `this.c = api.asApp()`,
        a class field `c = api.asApp()`, `constructor(private c = api.asApp())`. Which
        object a property belongs to is not followed, so the name is all that is matched."""
        known = self._properties.get(unit.key)
        if known is not None:
            return known
        self._properties[unit.key] = {}  # what a property's value reads of `this.x` while found
        self._reading_properties += 1
        past, self._past = self._past, None  # read whole, as any search would, to be kept
        try:
            found = self._read_forge_properties(unit)
        finally:
            self._reading_properties -= 1
            self._past = past
        self._properties[unit.key] = found
        return found

    def _read_forge_properties(self, unit: Unit) -> dict[str, list[v.Value]]:
        found: dict[str, list[v.Value]] = {}
        pairs: list[tuple[Node | None, Node | None]] = []
        for node in unit.calls:
            if node.type == "assignment_expression":
                left = node.child_by_field_name("left")
                key = left.child_by_field_name("property") if left is not None else None
                pairs.append((key, node.child_by_field_name("right")))
        for node in unit.fields:
            key = node.child_by_field_name("property") or node.child_by_field_name("name")
            key = key or node.child_by_field_name("pattern")
            pairs.append((key, node.child_by_field_name("value")))
        for key, value_node in pairs:
            name = property_name(key) if key is not None else None
            if name is None and key is not None and key.type == "identifier":
                name = text_of(key)
            if name is None or value_node is None:
                continue
            value = self.program.value(unit, value_node)
            # `this.c = app ? api.asApp() : api.asUser()`: each branch it may hold
            held = self._held(unit, value_node, 1) if isinstance(value, v.Unknown) else [value]
            found.setdefault(name, []).extend(one for one in held if is_forge_sender(one))
        return {name: values for name, values in found.items() if values}

    def _object_values(self, obj: v.Obj, depth: int) -> list[v.Value]:
        """The values an object literal holds (its methods are functions: skipped)."""
        unit = obj.unit
        values: list[v.Value] = []
        for child in obj.node.named_children:
            if child.type == "pair":
                value = child.child_by_field_name("value")
                if value is not None:
                    values.extend(self._held(unit, value, depth + 1))
            elif child.type == "shorthand_property_identifier":
                values.append(self.program.name_value(unit, text_of(child), child))
            elif child.type == "spread_element":
                values.extend(self._held(unit, child, depth + 1))
            elif child.type == "method_definition":  # `{ get() { return api.asApp(); } }`
                values.append(self.program.func(unit, child))
        return values

    def _given_to(self, unit: Unit, name: Node, depth: int) -> list[v.Value]:
        """What a variable the analysis cannot pin may hold: an array literal's elements, or
        each value a reassigned `let` is given."""
        text = text_of(name)
        decl = unit.lookup(text, name)
        if isinstance(decl, Decl) and decl.kind == "import":  # a `let` another module reassigns
            source = decl.source
            target = self.program.resolve(unit, source) if source.startswith((".", "#")) else None
            return self._given_to_a_module(target, decl.imported, depth) if target is not None else []
        return self._variable_given(unit, text, decl, depth)

    def _given_to_a_module(self, unit: Unit, name: str, depth: int) -> list[v.Value]:
        """What the app module `unit`'s exported variable `name` may hold: each value it is
        given there (`export let send; export function init() { send = app.requestJira; }`)."""
        entry = unit.exports.get(name)
        if entry is None or entry.kind != "local" or unit.root is None:
            return []
        return self._variable_given(unit, entry.name, unit.lookup(entry.name, unit.root), depth)

    def _variable_given(self, unit: Unit, text: str, decl: object, depth: int) -> list[v.Value]:
        declarator = getattr(decl, "node", None)
        if getattr(decl, "kind", "") not in ("var", "unknown") or declarator is None:
            return []
        if declarator.type == "for_in_statement":  # `for (const c of [api.asApp()])`
            given = [declarator.child_by_field_name("right")]
        elif declarator.type == "variable_declarator":
            given = [declarator.child_by_field_name("value")]
            if text not in unit.reassigned and (given[0] is None or given[0].type not in _MAY_HOLD):
                return []  # its one value is the one already evaluated
        else:
            return []
        given.extend(self._assigned(unit, text, decl, declarator))
        return [value for node in given if node is not None for value in self._held(unit, node, depth + 1)]

    def _assigned(self, unit: Unit, text: str, decl: object, declarator: Node) -> list[Node | None]:
        """The values assigned to the variable `decl` binds (`c = …`, `c ??= …`), found once:
        a variable assigned in hundreds of places is read on many paths."""
        key = (unit.key, text, declarator.id)
        known = self._assignments.get(key)
        if known is not None:
            return known
        found: list[Node | None] = [
            node for node in unit.assignments.get(text, ()) if unit.lookup(text, node) is decl
        ]
        for written in unit.writes.get(text, ()):  # `c ??= api.asApp()`
            parent = written.parent
            if (
                parent is not None
                and parent.type == "augmented_assignment_expression"
                and unit.lookup(text, written) is decl
            ):
                found.append(parent.child_by_field_name("right"))
        self._assignments[key] = found
        return found

    def _thrown_or_yielded(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`throw api.asApp()`, `yield app.requestJira`, `return app.requestJira` in a class's
        method or getter: the object reaches a `catch`, the generator's consumer or the
        method's caller, where calls through it are not followed."""
        if node.type == "arrow_function":
            body = node.child_by_field_name("body")
            inner = [body] if body is not None else []
        else:
            inner = [child for child in node.named_children if child.type != "comment"]
        values = self._held(unit, inner[0], 0) if inner else []
        if not any(_may_hand_on(value) for value in values):
            return ()
        span = unit.positions.span(node)
        how = _LEAVES_THE_FUNCTION[node.type]
        if node.type == "return_statement" and _in_a_namespace(node):
            how = IN_A_NAMESPACE  # what an exported function of a namespace returns
        return self._passed_on(values, span, (), how, self.program.is_frontend(unit))

    def _decorated(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`@viaForge send;`: what the decorator function returns replaces the class, method or
        field (a field's initializer), and reaches callers through the class."""
        inner = [child for child in node.named_children if child.type != "comment"]
        values = self._held(unit, inner[0], 0) if inner else []  # `@make(x)`: what `make` returns
        if not any(isinstance(value, v.Func) for value in values):
            return ()
        span = unit.positions.span(node)
        return self._passed_on(values, span, (), DECORATED, self.program.is_frontend(unit))

    def _given_back(self, unit: Unit, node: Node, args: Node, func: v.Func) -> tuple[Item, ...]:
        """`pick(app.requestAtlassian)(route`/me`)` where `pick` returns, stores or wraps its
        parameter (kept_params.py): the Forge function comes back where calls through it are
        not followed."""
        kept = self._kept_params.get(func.ref)
        if kept is None:
            kept = self._kept_params[func.ref] = kept_params(func.unit, func.node)
        if not kept:
            return ()
        given = [child for child in args.named_children if child.type != "comment"]
        rest = min((index for index in kept if index != EVERY), default=0) if EVERY in kept else len(given)
        values = [
            value
            for index, child in enumerate(given)
            if index in kept or index >= rest or child.type == "spread_element"
            for value in self._held(unit, child, 0)
        ]
        if not any(_may_hand_on(value) for value in values):
            return ()
        how = f"given to `{_short(func.node.child_by_field_name('name') or func.node)}`, which returns or keeps it"
        return self._passed_on(values, unit.positions.span(node), (), how, self.program.is_frontend(unit))

    def _kept_where_not_followed(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`send = app.requestJira` as a class field, `me(send = app.requestJira)` in a class
        method: the value reaches code through the class, which is not followed. Also a
        variable a TypeScript namespace exports, and the default of a name taken from an array
        (`const [send = app.requestJira] = xs`)."""
        value = node.child_by_field_name("value") or node.child_by_field_name("right")
        if value is None:
            return ()
        how = _KEPT_WHERE_NOT_FOLLOWED[node.type]
        if node.parent is not None and node.parent.type == "array_pattern":
            how = ARRAY_DEFAULT  # `[send = app.requestJira] = xs`, in a class or not
        elif node.type == "required_parameter" and any(
            c.type == "accessibility_modifier" for c in node.children
        ):
            how = STORED  # `constructor(private send = app.requestJira)`: a field
        values = self._held(unit, value, 0)
        if not any(_may_hand_on(one) for one in values):
            return ()
        return self._passed_on(values, unit.positions.span(node), (), how, self.program.is_frontend(unit))

    def _stored(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`x.fetcher = app.requestJira`, `module.exports = { send: app.requestJira }` or
        TypeScript's `export = …`: a request function kept in a property is called where the
        analysis does not follow it (a requester is not: its methods go by name)."""
        right, left = node.child_by_field_name("right"), node.child_by_field_name("left")
        if node.type == "export_statement":  # TypeScript's `export = value`: the module object
            right, left = first_named(node), node
        if right is None or left is None:
            return ()
        if left.type == "member_expression":
            name = property_name(left.child_by_field_name("property"))
            if name is not None and forge_api.unknown_member(name, self.program.uses_compass) is not None:
                return ()  # `bridge.requestJira = …`: calls of `x.requestJira` are found by name
        value = self.program.value(unit, right)
        span = unit.positions.span(node)
        return self._passed_on([value], span, (), STORED, self.program.is_frontend(unit))

    def _method_of_forge_object(self, unit: Unit, function: Node, node: Node) -> tuple[Item, ...]:
        """`app.requestJira.call(app, path)`, `.apply`, `.bind`, a method of a Forge object
        scopecheck does not model, or one named at run time (`api.asApp()[fn](...)`): what it
        sends is not known."""
        if function.type not in ("member_expression", "subscript_expression"):
            return ()
        obj = function.child_by_field_name("object")
        if obj is None:
            return ()
        if (
            function.type == "member_expression"
            and obj.type == "subscript_expression"
            and property_name(function.child_by_field_name("property")) in ("call", "apply")
        ):  # `c[m].call(c, path)`: the member named at run time is what is called
            function, obj = obj, obj.child_by_field_name("object")
            if obj is None:
                return ()
        receiver = self.program.value(unit, obj)
        if isinstance(receiver, v.Param) and function.type == "subscript_expression":
            # `(client, url) => client[verb](url, ...)`: followed at the callers, which may
            # give it a Forge object whose method is then named at run time
            how = "with a method named at run time, which scopecheck does not follow"
            return self._passed_on(
                [receiver], unit.positions.span(node), (), how, self.program.is_frontend(unit)
            )
        if not isinstance(receiver, _FORGE_SENDERS):
            if function.type != "subscript_expression" or not isinstance(receiver, v.Unknown):
                return ()
            # `clients[mode]()[verb](path)`, `client(ctx)[verb](path)`, `c[verb](path)` after
            # `const c = pick()`: a requester any branch of what it calls returns is named here
            held = [value for value in self._held(unit, obj, 0) if isinstance(value, _FORGE_SENDERS)]
            how = "with a method named at run time, which scopecheck does not follow"
            return self._passed_on(held, unit.positions.span(node), (), how, self.program.is_frontend(unit))
        if function.type == "subscript_expression":
            how = "with a method named at run time, which scopecheck does not follow"
        else:
            name = property_name(function.child_by_field_name("property")) or "?"
            if name in _SENDS_NOTHING.get(type(receiver), ()):
                return ()
            how = f"with its `.{name}`, which scopecheck does not follow"
        span = unit.positions.span(node)
        return self._passed_on([receiver], span, (), how, self.program.is_frontend(unit))

    def _passed_on(
        self,
        values: list[v.Value],
        span: Span,
        via: tuple[Span, ...],
        how: str,
        frontend: bool,
        depth: int = 0,
    ) -> tuple[Item, ...]:
        """What the Forge objects among `values`, handed on `how`, may send: an unknown
        request of their product (a need, unsure, for storage and SDK objects). A parameter
        handed on is followed at the function's callers; an object literal, into its values."""
        found: list[Item] = []
        for value in values:
            if isinstance(value, v.Param):
                found.append(ParamCall(value, (), span, via, escape=how))
            elif isinstance(value, v.Func):  # `lib(() => api.asApp())`: the package may call it
                if not self._stops_at(depth):
                    returned = self._returned_held(value, depth)
                    found.extend(self._passed_on(returned, span, via, how, frontend, depth + 1))
            elif isinstance(value, v.Obj):
                if not self._stops_at(depth):
                    inner = self._object_values(value, depth)
                    found.extend(self._passed_on(inner, span, via, how, frontend, depth + 1))
            elif value is READ_TOO_FAR:
                found.append(_read_too_far(span, via))
            elif isinstance(value, _FORGE_SENDERS) and not (
                how in _CALLED_BY_NAME_AFTER and isinstance(value, _GO_BY_NAME)
            ):
                found.extend(_sent_by_handed_on(value, span, via, how, frontend))
        return tuple(found)

    def _call_results(self, unit: Unit, call: Node, depth: int) -> list[v.Value]:
        """What a call may return: the returns of each function it may call (one an object
        holds when the function is picked from it by a key known at run time)."""
        made = call.child_by_field_name("function")
        if made is None or self._stops_at(depth):
            return []
        found: list[v.Value] = []
        # which function is called and what it returns each take one step from here: a call
        # level costs one step of the returned value's depth, not two
        for callee in self._held(unit, made, depth + 1):
            options = self._object_values(callee, depth + 1) if isinstance(callee, v.Obj) else [callee]
            for option in options:
                if isinstance(option, v.Func):
                    found.extend(self._returned_held(option, depth))
                elif option is READ_TOO_FAR:  # which function it calls is not known
                    found.append(option)
        return found

    def _returned_held(self, func: v.Func, depth: int) -> list[v.Value]:
        """What a function may return, each branch of a `return c ? a : b` (or of its arrow
        body) on its own, as `_held` reads an argument. Kept per function and depth: helpers
        that call the same helpers would read them again for each path that reaches them."""
        key = (func.ref, depth)
        known = self._returned.get(key)
        if known is None:
            known = self._read_returned(func, depth)
            # else it may lack properties still being read, or what a search past the depth
            # limit read before on another path
            if not self._reading_properties and self._past is None:
                self._returned[key] = known
        return known

    def _read_returned(self, func: v.Func, depth: int) -> list[v.Value]:
        body = func.node.child_by_field_name("body")
        if body is None:
            return []
        if body.type != "statement_block":
            return self._held(func.unit, body, depth + 1)
        found: list[v.Value] = []
        for statement in return_statements(body):
            inner = [child for child in statement.named_children if child.type != "comment"]
            if inner:
                found.extend(self._held(func.unit, inner[0], depth + 1))
        return found

    def _param_callee(self, unit: Unit, function: Node, callee: v.Value) -> v.Param | None:
        """The parameter a call calls (`cb(x)`, `api.fetch(x)`): one whose method forge lint
        knows by name (`api.requestJira`, `api.fetch`) is also called through it."""
        if isinstance(callee, v.Param):
            return callee
        if function.type != "member_expression":
            return None
        name = property_name(function.child_by_field_name("property"))
        obj = function.child_by_field_name("object")
        if name is None or obj is None:
            return None
        receiver = self.program.value(unit, obj)
        return receiver.attr(name) if isinstance(receiver, v.Param) else None

    def _items(self, unit: Unit, node: Node, args: Node, callee: v.Value) -> tuple[Item, ...]:
        program = self.program
        kind = type(callee)
        if kind is v.Bound:
            values = self._arguments(unit, args)
            path = _arg(values, 0)
            method = _method(program, _arg(values, 1))
            changed = _changed_options(unit, args, self.program)
            if changed is not None and not isinstance(method, v.Unknown):
                method = v.Unknown(f"taken from options `{changed}`, which may change after they are made")
            span = unit.positions.span(node)
            paths, methods = _each(path), _each(method)
            doubt = callee.doubt or (_PAIRED if len(paths) > 1 and len(methods) > 1 else "")
            return tuple(
                Request("api", span, one, verb, callee.product, callee.origin, callee.as_user, doubt=doubt)
                for one in paths
                for verb in methods
            )
        if kind is v.FetchFn:
            values = self._arguments(unit, args)
            backend = callee.backend if callee.backend is not None else not program.is_frontend(unit)
            fetch_kind = "fetch.backend" if backend else "fetch.client"
            span = unit.positions.span(node)
            url = _arg(values, 0)
            return tuple(
                Request("fetch", span, one, fetch_kind=fetch_kind, loose=callee.loose)
                for one in (url.options if isinstance(url, v.OneOf) else (url,))
            )
        if kind is v.GraphFn:
            span = unit.positions.span(node)
            # a Teamwork Graph query goes through the gateway too: what else it reads is unknown
            query = Request("api", span, forge_api.GRAPHQL_QUERY, v.Str("POST"), GATEWAY, "api", None)
            return (
                Need(forge_api.graph_scopes(), forge_api.GRAPH, span, callee.doubt),
                replace(query, doubt=callee.doubt),
            )
        if kind is v.CompassFn:
            from scopecheck.ecosystems.forge.catalog import load_compass

            span = unit.positions.span(node)
            needed = load_compass().methods.get(callee.name)
            if needed is not None:
                return (Need(needed, f"compass.{callee.name}", span),)
            why = v.Unknown(f"sent by `compass.{callee.name}`, a Compass method scopecheck does not know")
            return (Request("api", span, why, v.Str("POST"), GATEWAY, "api", None),)
        if kind is v.OpaqueRequestFn:
            span = unit.positions.span(node)
            why = v.Unknown(f"sent by `{callee.name}`, a request function scopecheck does not model")
            product = GATEWAY if callee.gateway else ANY_PRODUCT
            return (Request("api", span, why, v.MISSING, product, "api", callee.as_user),)
        if kind is v.StorageOp:
            return (Need(forge_api.STORAGE_SCOPES, callee.reason, unit.positions.span(node), callee.doubt),)
        if kind is v.Hook:
            span = unit.positions.span(node)
            need = Need(
                forge_api.hook_scopes(callee.name, bool(callee.doubt)), callee.name, span, callee.doubt
            )
            if not callee.doubt:
                return (need,)
            # its requests are not known: any scope of its product may be the one it needs
            why = v.Unknown(f"sent by `{callee.name}`: {callee.doubt}")
            product = forge_api.HOOK_PRODUCT[callee.name]
            return (need, Request("api", span, why, v.MISSING, product, "api", None))
        if kind is v.NeedFn:
            return (Need(callee.alternatives, callee.reason, unit.positions.span(node)),)
        if kind is v.AtlassianFn:
            values = self._arguments(unit, args)
            span = unit.positions.span(node)
            if callee.graph:
                post = v.Str("POST")
                query = Request(
                    "api",
                    span,
                    forge_api.GRAPHQL_QUERY,
                    post,
                    GATEWAY,
                    "api",
                    callee.as_user,
                    doubt=callee.doubt,
                )
                document = _arg(values, 0) if _fixed_text(unit, args) else v.MISSING
                needs, certain = _compass_document(document, span)
                if callee.doubt:
                    needs = tuple(replace(need, doubt=need.doubt or callee.doubt) for need in needs)
                return needs if certain else (*needs, query)
            path = _arg(values, 0)
            text = path.text if isinstance(path, v.Str) else None
            if isinstance(path, v.Tmpl) and path.parts and isinstance(path.parts[0], str):
                text = path.parts[0]
            if text is not None and text.split("?", 1)[0].rstrip("/") in forge_api.READ_ME_PATHS:
                doubt = (
                    f"{callee.doubt}; {forge_api.READ_ME_DOUBT}" if callee.doubt else forge_api.READ_ME_DOUBT
                )
                return (Need((("read:me",),), "requestAtlassian('/me')", span, doubt),)
            method = _method(self.program, _arg(values, 1))
            return (Request("api", span, path, method, GATEWAY, "api", callee.as_user, doubt=callee.doubt),)
        if kind is v.PropertyStore and callee.sdk == "authorize" and not callee.bound:
            # `authorize().onJiraIssue(k)`: counted where the checks are made for an entity, as
            # the checker may be returned or picked at run time before `.canEdit()` is called
            return (_permission_check(callee.target, unit.positions.span(node)),)
        if kind is v.PropertyOp and callee.sdk == "authorize":
            # `.canEdit()` of a checker was counted where the checker was made; `onJira(...)` sends
            return () if callee.method else (_permission_check(callee.target, unit.positions.span(node)),)
        if kind is v.PropertyOp:
            product, requests = forge_api.PROPERTY_REQUESTS[(callee.target, callee.method)]
            span = unit.positions.span(node)
            return tuple(
                Request("api", span, v.Str(path.replace("{}", "_")), v.Str(method), product, "api", False)
                for method, path in requests
            )
        if kind is v.Func:
            inner = callee.node
            inside = callee.unit is unit and inner.start_byte <= node.start_byte < inner.end_byte
            if not inside:
                self.called.add(callee.ref)  # a function calling itself does not count as called
            open_calls = self._recursive.get(callee.ref)
            if open_calls is not None:  # its sinks are being found: a recursive call
                values = self._arguments(unit, args)
                span = unit.positions.span(node)
                if inside:
                    open_calls.append((node, values, span))
                    return ()
                why = v.Unknown("sent through functions that call each other, which are not followed")
                return (Request("api", span, why, why, ANY_PRODUCT, "api", None),)
            key = (unit.key, node.id)
            self._active.add(key)  # a call of its own callee found while its sinks are: recursion
            try:
                sinks = self.sinks(callee)
                higher = self.param_calls(callee)
            finally:
                self._active.discard(key)
            if not sinks and not higher:
                return ()
            if inside and callee.ref in self._diverging:
                return (_diverging_request(unit.positions.span(node)),)
            values = self._arguments(unit, args)
            nodes = [child for child in args.named_children if child.type != "comment"]
            for index, (value, given) in enumerate(zip(values, nodes, strict=False)):
                # options the caller may still change before the helper reads them (an object
                # of methods, a client, is changed only by writing to it)
                changed = None
                if isinstance(value, v.Param) or (isinstance(value, v.Obj) and _data_only(value)):
                    changed = _changed_argument(unit, given, self.program)
                elif (
                    isinstance(value, v.Obj) and given.type == "identifier" and _written(unit, text_of(given))
                ):
                    changed = text_of(given)
                if changed is not None:
                    values[index] = v.Unknown(f"options `{changed}`, which may change after they are made")
            span = unit.positions.span(node)
            hands_on = any(call.escape for call in higher)
            held = {
                index: self._held(unit, given, 0)
                for index, (value, given) in enumerate(zip(values, nodes, strict=False))
                if hands_on and isinstance(value, v.Unknown)
            }
            return self._through(callee, values, span, (), recursive=inside, held=held)
        return ()

    def _through(
        self,
        func: v.Func,
        values: list[v.Value],
        span: Span,
        via: tuple[Span, ...],
        recursive: bool = False,
        held: dict[int, list[v.Value]] | None = None,
    ) -> tuple[Item, ...]:
        """The requests a call of `func` with `values` makes at `span`: its sinks with the
        arguments in place, and what the functions it is given and calls send. `held`: what
        an argument the evaluator leaves unknown may carry (`c ? api.asApp() : api.asUser()`),
        by its index, for a parameter `func` hands on."""
        # a call of itself passes the function's own parameters on: they stay parameters
        settled = _same if recursive else _own_params_unknown
        found: list[Item] = []
        for sink in self.sinks(func):
            # an argument that is one of several paths (`c ? route`a` : route`b``): a request each
            targets = _each(self._substitute(sink.target, func, values))
            methods = _each(self._substitute(sink.method, func, values))
            # which path goes with which method: a product request's doubt, not a fetch's
            paired = sink.kind == "api" and len(targets) > 1 and len(methods) > 1
            doubt = _PAIRED if paired else sink.doubt
            found.extend(
                settled(
                    replace(
                        sink,
                        span=span,
                        via=(*via, sink.span, *sink.via),
                        target=target,
                        method=method,
                        doubt=doubt,
                    ),
                    func.ref,
                )
                for target in targets
                for method in methods
            )
        frontend = self.program.is_frontend(func.unit)
        for higher in self.param_calls(func):
            target = self._callee_argument(higher.callee, func, values)
            inner_via = (*via, higher.span, *higher.via)
            if higher.escape:
                given = [target]
                own = higher.callee.fn == func.ref and not higher.callee.attrs
                if held and own and isinstance(target, v.Unknown):  # `send(c ? api.asApp() : …)`
                    given = held.get(higher.callee.index, given)
                found.extend(self._passed_on(given, span, inner_via, higher.escape, frontend))
                continue
            args = [self._substitute(arg, func, values) for arg in higher.args]
            if isinstance(target, v.Param):  # passed on from the caller's own parameter
                found.append(ParamCall(target, tuple(args), span, inner_via))
            elif isinstance(target, v.Func) and self._expanding >= _MAX_HIGHER_ORDER:
                if self.sinks(target) or self.param_calls(target):  # what it sends is not followed
                    found.append(
                        Request("api", span, _TOO_DEEP, v.MISSING, ANY_PRODUCT, "api", None, via=inner_via)
                    )
            elif isinstance(target, v.Func):
                self.called.add(target.ref)
                self._expanding += 1
                try:
                    found.extend(self._through(target, args, span, inner_via))
                finally:
                    self._expanding -= 1
            elif (
                higher.callee.attrs
                and forge_api.unknown_member(higher.callee.attrs[-1], self.program.uses_compass) is not None
            ):
                pass  # `client.requestJira(...)`: reported where it is written, by its name
            elif isinstance(target, v.Bound):  # `retry(app.requestJira, path)`
                found.extend(self._bound_called(target, args, span, inner_via))
            elif isinstance(target, _FORGE_SENDERS):
                how = "called through a function parameter, with arguments scopecheck does not follow"
                found.extend(_sent_by_handed_on(target, span, inner_via, how, frontend))
            else:  # a function not followed: the Forge objects it is given may send anything
                found.extend(self._passed_on(args, span, inner_via, PASSED, frontend))
        return tuple(found)

    def _bound_called(
        self, callee: v.Bound, args: list[v.Value], span: Span, via: tuple[Span, ...]
    ) -> tuple[Item, ...]:
        """A product request function given as an argument and called with `args`. Its
        options are read only when written in the call (`{ method: 'POST' }`), or absent."""
        options = _arg(args, 1)
        if options is v.MISSING:
            method: v.Value = v.MISSING
        elif isinstance(options, v.Obj) and _written_in_a_call(options.node):
            method = _method(self.program, options)
        else:
            method = v.Unknown("taken from options handed to a function parameter, not followed")
        path = _arg(args, 0)
        paths = path.options if isinstance(path, v.OneOf) else (path,)
        methods = method.options if isinstance(method, v.OneOf) else (method,)
        return tuple(
            Request(
                "api",
                span,
                one,
                verb,
                callee.product,
                callee.origin,
                callee.as_user,
                via=via,
                doubt=callee.doubt,
            )
            for one in paths
            for verb in methods
        )

    def jsx(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`<Image src="https://...">` from UI Kit, and the DOM elements of a Custom UI that
        load from a host (`<img src srcSet>`, `<iframe src>`, `<script src>`, `<link href>` by
        its `rel` and `as`, `<video src poster>`, `<audio>`/`<source src>`, `<object data>`,
        `<embed src>`, SVG `<image href>`, `<a ping>`), each of its egress kind."""
        name = node.child_by_field_name("name")
        if name is None:
            return ()
        props = self._props_handed_on(unit, node)
        if props:
            return props
        if name.type == "identifier" and text_of(name) in DOM_KINDS and self.program.is_frontend(unit):
            element = text_of(name)
            loads = DOM_KINDS[element]
            if _inside_noscript(node) or (element == "iframe" and self._sets_srcdoc(unit, node)):
                return ()  # React renders no `<noscript>` children; a `srcDoc` wins over `src`
            if element == "link":
                rel = (self._attribute_text(node, "rel") or "").split()
                kind = (
                    "styles"
                    if "stylesheet" in rel
                    else PRELOAD_KINDS.get(self._attribute_text(node, "as") or "")
                    # an icon is fetched for a top-level page only, never for a Custom UI's frame
                )
                loads = (("href", kind),) if kind else ()
            found = tuple(
                item
                for attribute, kind in loads
                for item in self._loads(unit, node, attribute, kind, literal_only=True)
            )
            if element == "script":
                return tuple(
                    replace(item, doubt=_RENDERED_SCRIPT) if isinstance(item, Request) else item
                    for item in found
                )
            return found
        if not _may_be_image(unit, name):
            return ()
        if not isinstance(self.program.value(unit, name), v.ImageComponent):
            return ()
        return self._loads(unit, node, "src", "images")

    def _props_handed_on(self, unit: Unit, node: Node) -> tuple[Item, ...]:
        """`<Issue request={requestJira} />`, `<Issue {...{ request }} />`: a Forge function given
        to a component reaches its props, where calls through it are not followed."""
        given: list[Node] = []
        for attribute in node.named_children:
            if attribute.type == "jsx_attribute":
                value = attribute.named_children[-1] if attribute.named_child_count > 1 else None
                if value is not None and value.type == "jsx_expression":
                    given.extend(child for child in value.named_children if child.type != "comment")
            elif attribute.type == "jsx_expression":  # `{...props}`
                given.extend(child for child in attribute.named_children if child.type != "comment")
        values = [value for child in given for value in self._held(unit, child, 0)]
        if not any(is_forge_sender(value) or isinstance(value, v.Obj) for value in values):
            return ()
        return self._passed_on(values, unit.positions.span(node), (), PROP, self.program.is_frontend(unit))

    def _sets_srcdoc(self, unit: Unit, node: Node) -> bool:
        """Whether an `<iframe>` is given a `srcDoc` string (a literal, or a value the code
        fixes): the browser then shows it and never loads `src`."""
        for attribute in node.named_children:
            parts = [child for child in attribute.named_children if child.type != "comment"]
            if attribute.type != "jsx_attribute" or len(parts) != 2 or parts[0].text != b"srcDoc":
                continue
            if parts[1].type == "string":
                return True
            inner = [c for c in parts[1].named_children if c.type != "comment"]
            if parts[1].type == "jsx_expression" and len(inner) == 1:
                return isinstance(self.program.value(unit, inner[0]), v.Str)
        return False

    def _attribute_text(self, node: Node, wanted: str) -> str | None:
        for attribute in node.named_children:
            parts = [child for child in attribute.named_children if child.type != "comment"]
            if attribute.type == "jsx_attribute" and len(parts) == 2 and parts[0].text == wanted.encode():
                return string_value(parts[1]).lower() if parts[1].type == "string" else None
        return None

    def _loads(
        self, unit: Unit, node: Node, wanted: str, kind: str, literal_only: bool = False
    ) -> tuple[Item, ...]:
        """The requests an element's `src` (or `href`) makes: each branch of a conditional.
        `literal_only`: a DOM element whose URL is not a literal is not reported as unknown
        (most are the app's own assets, bundled)."""
        for attribute in node.named_children:
            if attribute.type != "jsx_attribute":
                continue
            parts = [child for child in attribute.named_children if child.type != "comment"]
            if not parts or parts[0].text != wanted.encode():
                continue
            if len(parts) < 2:
                return ()
            value_node = parts[1]
            if value_node.type == "string":
                urls: list[v.Value] = [v.Str(string_value(value_node))]
            elif value_node.type == "jsx_expression":
                inner = [child for child in value_node.named_children if child.type != "comment"]
                urls = (
                    [self.program.value(unit, leaf) for leaf in branches(inner[0])] if inner else [v.MISSING]
                )
            else:
                urls = [v.Unknown(f"the expression `{text_of(value_node)}`")]
            if literal_only:
                urls = [url for url in urls if isinstance(url, v.Str | v.Tmpl)]
            if wanted == "srcSet":  # `url 1x, url 2x`: each candidate
                urls = [
                    v.Str(candidate.split()[0]) if isinstance(url, v.Str) else url
                    for url in urls
                    for candidate in (url.text.split(",") if isinstance(url, v.Str) else ["-"])
                    if candidate.strip()
                ]
            elif wanted == "ping":  # `url url`: each
                urls = [
                    v.Str(one) if isinstance(url, v.Str) else url
                    for url in urls
                    for one in (url.text.split() if isinstance(url, v.Str) else ["-"])
                ]
            span = unit.positions.span(node)
            return tuple(Request(kind, span, url, fetch_kind=kind) for url in urls)
        return ()

    def _arguments(self, unit: Unit, args: Node) -> list[v.Value]:
        if args.type == "template_string":  # send`${k}${'PUT'}`: (strings, k, 'PUT')
            values = [_TAG_STRINGS]
            for child in args.named_children:
                if child.type == "template_substitution":
                    inner = [part for part in child.named_children if part.type != "comment"]
                    values.append(self.program.value(unit, inner[0]) if len(inner) == 1 else _TAG_STRINGS)
            return values
        values = []
        for child in args.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                values.append(_SPREAD)
                break
            values.append(self.program.value(unit, child))
        return values

    def _substitute(self, value: v.Value, func: v.Func, args: list[v.Value]) -> v.Value:
        """`value` with the parameters of `func` replaced by a call's arguments."""
        ref = func.ref
        if isinstance(value, v.Param):
            return self._argument(value, func, args) if value.fn == ref else value
        if not isinstance(value, v.Tmpl):
            return value
        variants: list[list[v.Part]] = [[]]
        for part in value.parts:
            if not isinstance(part, v.Slot) or part.param.fn != ref:
                variants = [[*variant, part] for variant in variants]
                continue
            pieces = []
            for arg in _each(self._argument(part.param, func, args)):  # `op ? 'read' : 'update'`
                piece = _slot_piece(part, arg)
                if isinstance(piece, v.Unknown):
                    return piece
                pieces.append(piece)
            if len(variants) * len(pieces) > _MAX_SUBSTITUTED_PATHS:
                return v.Unknown("a path built from one of many values")
            variants = [[*variant, *piece] for variant in variants for piece in pieces]
        made = tuple(v.make_string(variant) for variant in variants)
        return made[0] if len(made) == 1 else v.OneOf(made)

    def _callee_argument(self, callee: v.Param, func: v.Func, args: list[v.Value]) -> v.Value:
        """What a call of `callee` calls, given the arguments of `func`; a parameter of the
        caller stays one (`api.fetch` of the caller's `api`), not a method known by name."""
        return self._argument(callee, func, args, keep_params=True)

    def _argument(
        self, param: v.Param, func: v.Func, args: list[v.Value], keep_params: bool = False
    ) -> v.Value:
        """The caller's value for `param` (a parameter, or a property of one). Where the
        caller's value is one of its own parameters, the defaults that would replace an
        `undefined` there travel with it (`update(k, m) { return send(k, m); }` with `send(k,
        method = 'PUT')`): they apply where that parameter is given in turn."""
        defaults = {
            (info.index, info.attrs): info.default
            for info in func.unit.params_of(func.node).values()
            if info.default is not None
        }
        value = _arg(args, param.index)
        signature = defaults.get((param.index, ()))
        defaulted = value is v.MISSING and signature is not None
        if signature is not None:
            value = self._with_default(value, partial(self._default, func, signature, args))
        value = changed_through(func.unit, param.name.partition(".")[0], value)
        value = self._carried(param, 0, "", None, value, func, args)
        for depth, name in enumerate(param.attrs, start=1):
            holder = value
            if keep_params and isinstance(value, v.Param):
                value = value.attr(name)
            else:
                value = self.program.member(value, name, None)
            node = defaults.get((param.index, param.attrs[:depth]))
            if node is not None:
                value = self._with_default(value, partial(self._default, func, node, args))
            elif defaulted and isinstance(value, v.Param | v.Tmpl):
                # `(k, m, opts = { method: m })`: a property of the default, read from the call
                value = self._default_part(func, value, args)
            value = self._carried(param, depth, name, holder, value, func, args)
        return value

    @staticmethod
    def _with_default(value: v.Value, default: Callable[[], v.Value], absent_only: bool = False) -> v.Value:
        """`value`, or the default where it is undefined; a caller's parameter carries it on."""
        if value is v.MISSING:
            return default()
        if isinstance(value, v.Param):
            return value.defaulted(default(), absent_only)
        return value

    def _carried(
        self,
        param: v.Param,
        depth: int,
        name: str,
        holder: v.Value | None,
        value: v.Value,
        func: v.Func,
        args: list[v.Value],
    ) -> v.Value:
        """`value` with the defaults `param` carries for this depth (`const { method = 'PUT' }
        = opts`; `{ method: 'GET', ...opts }`, which applies only where the key is absent)."""
        for at, fallback, absent_only in param.defaults:
            if at != depth:
                continue
            if absent_only and isinstance(value, v.Param | v.Missing):
                lacking = self.program.lacks(holder, name)
                if lacking is False:
                    continue  # the caller's object has the key (`{ method: opts.method }`): it wins
                if lacking is None and value is v.MISSING:
                    return v.Unknown(f"`{name}`, which the caller's object may or may not set")
            value = self._with_default(value, partial(self._substitute, fallback, func, args), absent_only)
        return value

    def _default_part(self, func: v.Func, value: v.Value, args: list[v.Value]) -> v.Value:
        key = (func.ref, -1)
        if key in self._defaults_open:
            return v.Unknown("a default value defined in terms of itself")
        self._defaults_open.add(key)
        try:
            return self._substitute(value, func, args)
        finally:
            self._defaults_open.discard(key)

    def _default(self, func: v.Func, node: Node, args: list[v.Value]) -> v.Value:
        """A parameter's default, which may use the parameters before it
        (`(k, p = route`/issue/${k}`) => ...`): those take the call's arguments too."""
        key = (func.ref, node.id)
        if key in self._defaults_open:
            return v.Unknown("a default value defined in terms of itself")
        self._defaults_open.add(key)
        try:
            return self._substitute(self.program.value(func.unit, node), func, args)
        finally:
            self._defaults_open.discard(key)


def _permission_check(target: str, span: Span) -> Request:
    """The POST an `authorize()` check sends, as the user (forge_api.AUTHORIZE_REQUESTS)."""
    product, path, _checks = forge_api.AUTHORIZE_REQUESTS[target]
    return Request("api", span, v.Str(path.replace("{}", "_")), v.Str("POST"), product, "api", True)


_SPREAD = v.Unknown("a spread argument")
_TAG_STRINGS = v.Unknown("the strings of a tagged template")

#: callees whose arguments are data (paths, options, keys), never handed on
_TAKES_DATA = (
    v.Func,
    v.Bound,
    v.FetchFn,
    v.GraphFn,
    v.CompassFn,
    v.OpaqueRequestFn,
    v.StorageOp,
    v.Hook,
    v.NeedFn,
    v.AtlassianFn,
    v.PropertyOp,
)
#: arguments that cannot be a Forge object (a function's calls are analysed where it is written)
_NOT_FORGE_OBJECTS = frozenset(
    {
        "string",
        "template_string",
        "number",
        "true",
        "false",
        "null",
        "undefined",
        "regex",
        "comment",
        "unary_expression",
    }
)
#: how deep into arrays, objects and conditionals an argument is searched for Forge objects
_MAX_HELD_DEPTH = 3
#: how far a search past `_MAX_HELD_DEPTH` goes from where it starts before it gives up (a
#: step costs a few Python frames: a chain of 200 defaults would overflow the stack), and how
#: many expressions it reads (on real apps the largest read 124)
_MAX_PAST_DEPTH = 40
_MAX_PAST_THE_LIMIT = 5000
#: what a search that gave up may find: an unknown request of any product
READ_TOO_FAR = v.Unknown("a value read through more steps than scopecheck follows")
#: Forge objects that send requests (or need scopes) when used
_FORGE_SENDERS = (
    v.Module,
    v.AsFn,
    v.Requester,
    v.Bound,
    v.FetchFn,
    v.GraphFn,
    v.StorageRef,
    v.StorageOp,
    v.SdkObject,
    v.NeedFn,
    v.CompassGateway,
    v.CompassApi,
    v.CompassAs,
    v.CompassClient,
    v.CompassFn,
    v.OpaqueRequestFn,
    v.AtlassianFn,
    v.PropertiesApi,
    v.PropertyStore,
    v.PropertyOp,
    v.AuthorizeFn,
)
#: callees the analysis models: a Forge function, or one of the app's own
_MODELLED = (*_TAKES_DATA, *_FORGE_SENDERS, v.RouteTag, v.TrustedRoute, v.ImageComponent)
#: methods of Forge objects that are known to send no product request (`withProvider` talks
#: to an external OAuth provider's own remote)
_SENDS_NOTHING: dict[type, frozenset[str]] = {
    v.Requester: frozenset({"withProvider"}),
    v.Module: frozenset(
        {
            "getAppContext",
            "startsWith",
            "routeFromAbsolute",
            "requireSafeUrl",
            "isForgePlatformError",
            "isHostedCodeError",
            "isExpectedError",
            "bindInvocationContext",
        }
    ),
}
#: Forge objects whose request methods are found by name wherever they are called
#: (`this.api.requestJira(...)`), so keeping them in a property hides nothing
_GO_BY_NAME = (v.AsFn, v.Requester, v.CompassGateway, v.CompassApi, v.CompassAs, v.CompassClient)
_FORGE_PACKAGES_THAT_SEND = frozenset({"@forge/api", "@forge/bridge"})


#: receivers whose method is given what they hold (`xs.map(f)`, `get().then(f)`)
_RECEIVERS = frozenset({"array", "identifier", "subscript_expression", "call_expression"})
#: expressions whose value the evaluator leaves unknown but may hold a Forge object
_HOLDERS = frozenset({"array", "object", "ternary_expression", "binary_expression", "subscript_expression"})
#: what a variable's one value may be for it to hold what the evaluator does not pin: a
#: holder, or a call (`const c = clients[mode]()`), maybe awaited
_MAY_HOLD = _HOLDERS | {"call_expression", "await_expression"}


def _may_hand_on(value: v.Value) -> bool:
    """Whether `_passed_on` can find anything in a value (most are plain unknowns)."""
    return isinstance(value, v.Param | v.Obj | v.Func) or is_forge_sender(value) or value is READ_TOO_FAR


#: built-in functions that only read their arguments: nothing given to them sends a request
_READ_ONLY_GLOBALS = frozenset({"JSON", "console", "Math", "Number", "String", "Boolean", "Array", "Date"})
_READ_ONLY_FUNCTIONS = frozenset(
    {
        b"parseInt",
        b"parseFloat",
        b"encodeURIComponent",
        b"decodeURIComponent",
        b"encodeURI",
        b"decodeURI",
        b"isNaN",
        b"String",
        b"Number",
        b"Boolean",
    }
)


def _reads_only(unit: Unit, function: Node) -> bool:
    """`JSON.stringify(x)`, `console.log(x)`, `encodeURIComponent(x)`: a global that only
    reads what it is given (not one the app declares itself)."""
    if function.type == "identifier":
        return function.text in _READ_ONLY_FUNCTIONS and unit.lookup(text_of(function), function) is None
    if function.type != "member_expression":
        return False
    obj = function.child_by_field_name("object")
    if obj is None or obj.type != "identifier":
        return False
    name = text_of(obj)
    return name in _READ_ONLY_GLOBALS and unit.lookup(name, obj) is None


def _may_choose(unit: Unit, function: Node) -> bool:
    """Whether a callee the evaluator leaves unknown may still be one of several functions:
    not a name declared nowhere (`f()`, a global the app does not define)."""
    if function.type != "identifier":
        return True
    name = text_of(function)
    return name in unit.decls


def _strict_fetch(value: v.Value) -> bool:
    """A Forge or global `fetch` (not a loose `x.fetch`, nor an app function: those are
    followed where they are called by name)."""
    return isinstance(value, v.FetchFn) and not value.loose


def _sends_known(items: tuple[Item, ...]) -> bool:
    """Whether `items` send something and none is already an unknown request of any product."""
    requests = [item for item in items if isinstance(item, Request)]
    return bool(requests) and not any(
        item.product == ANY_PRODUCT and isinstance(item.target, v.Unknown) for item in requests
    )


#: what calls the function it is given or read from: `f.call(t, ...)`, `f.apply(t, args)`,
#: `f.bind(t)(...)`
_CALLERS = frozenset({"call", "apply", "bind"})


def _run_time_callee(unit: Unit, function: Node, call: Node) -> Node | None:
    """The `x[m]` (or a name a computed key binds) a call runs, seen through `.call`/`.apply`/
    `.bind`, parentheses, `(0, f)`, `Reflect.apply(f, ...)`, `Function.prototype.call.call(f,
    ...)` and a `const` given it (at most six such steps); None when it runs something else."""
    node: Node | None = function
    for _step in range(6):
        if node is None:
            return None
        kind = node.type
        if kind == "subscript_expression":
            return node
        if kind in ("parenthesized_expression", "sequence_expression"):
            inner = [child for child in node.named_children if child.type != "comment"]
            node = inner[-1] if inner else None
        elif kind == "call_expression":  # `c[m].bind(c)(...)`
            node = node.child_by_field_name("function")
            if (
                node is None
                or node.type != "member_expression"
                or property_name(node.child_by_field_name("property")) != "bind"
            ):
                return None
        elif kind == "member_expression":
            name = property_name(node.child_by_field_name("property"))
            holder = node.child_by_field_name("object")
            reflected = name == "apply" and holder is not None and text_of(holder) == "Reflect"
            called_twice = (
                name in _CALLERS
                and holder is not None
                and holder.type == "member_expression"
                and property_name(holder.child_by_field_name("property")) in _CALLERS
            )
            if reflected or called_twice:
                # `Reflect.apply(f, t, args)`, `Function.prototype.call.call(f, t, ...)`
                args = call.child_by_field_name("arguments")
                given = [c for c in args.named_children if c.type != "comment"] if args is not None else []
                node = given[0] if given else None
            elif name in _CALLERS:
                node = holder
            else:
                return None
        elif kind == "identifier":
            if _bound_by_a_computed_key(unit, node):
                return node
            decl = unit.lookup(text_of(node), node)
            declarator = getattr(decl, "node", None)
            if getattr(decl, "kind", "") != "var" or declarator is None or text_of(node) in unit.reassigned:
                return None
            node = declarator.child_by_field_name("value")  # `const f = c[m]; f.call(c, p)`
        else:
            return None
    return None


def _bound_by_a_computed_key(unit: Unit, name: Node) -> bool:
    """Whether a name is bound or written by a computed key of a pattern anywhere in its file:
    `const { [m]: send } = x`, `({ [m]: send }) => ...`, `({ [m]: send } = x)`,
    `for (const { [m]: send } of xs)`, at any depth."""
    text = text_of(name)
    data = unit.file.data
    if b"[" not in data:
        return False
    for start in unit.word_starts(text):
        node = unit.root.descendant_for_byte_range(start, start + len(text))
        for _ in range(4):
            parent = node.parent if node is not None else None
            if parent is None:
                break
            if parent.type == "pair_pattern":
                key = parent.child_by_field_name("key")
                value = parent.child_by_field_name("value")
                computed = key is not None and key.type == "computed_property_name"
                if computed and value is not None and value.start_byte <= start < value.end_byte:
                    return True
                break
            if parent.type not in ("assignment_pattern", "object_assignment_pattern"):
                break
            node = parent
    return False


def _in_a_namespace(node: Node) -> bool:
    """Whether the nearest class or namespace around `node` is a TypeScript namespace."""
    around = enclosing(node, _CLASS_OR_NAMESPACE)
    return around is not None and around.type != "class_body"


_CLASS_OR_NAMESPACE = frozenset({"class_body", *NAMESPACES})


def _short(node: Node) -> str:
    text = " ".join(text_of(node).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _read_too_far(span: Span, via: tuple[Span, ...] = ()) -> Request:
    """What a search past the depth limit that gave up may have found: any request."""
    return Request("api", span, READ_TOO_FAR, READ_TOO_FAR, ANY_PRODUCT, "api", None, via=via)


def _diverging_request(span: Span) -> Request:
    why = v.Unknown("sent through a recursive call whose arguments change on every round")
    return Request("api", span, why, why, ANY_PRODUCT, "api", None)


def _data_only(obj: v.Obj) -> bool:
    """An object literal of data (options), not one holding functions (a client)."""
    for child in obj.node.named_children:
        if child.type == "method_definition":
            return False
        if child.type == "pair":
            value = child.child_by_field_name("value")
            if value is not None and value.type in ("arrow_function", "function_expression", "function"):
                return False
    return True


def _global_named(unit: Unit, node: Node | None, name: bytes) -> bool:
    """Whether `node` is the global `name` (`eval`); asked of every call, so the length is
    compared before the text, which tree-sitter copies on each read."""
    return (
        node is not None
        and node.end_byte - node.start_byte == len(name)
        and node.type == "identifier"
        and node.text == name
        and unit.lookup(name.decode(), node) is None
    )


def _unfollowed_code(unit: Unit, node: Node, what: str) -> Request:
    """Code the analysis cannot read (`eval`, `with`): it may send any request."""
    why = v.Unknown(f"sent from code that uses {what}")
    return Request("api", unit.positions.span(node), why, why, ANY_PRODUCT, "api", None)


def is_forge_sender(value: v.Value) -> bool:
    """A Forge object that sends requests or needs scopes when used (`api`, `api.asApp()`,
    `requestJira`, `storage`...), not a package that merely has a Forge-like name."""
    if isinstance(value, v.Module):
        return value.package in _FORGE_PACKAGES_THAT_SEND
    return isinstance(value, _FORGE_SENDERS)


def _same(request: Request, _ref: v.FnRef) -> Request:
    return request


def _own_params_unknown(request: Request, ref: v.FnRef) -> Request:
    """A request still built from the called function's own parameters once the call's
    arguments are in place (a value the substitution could not reach) is unknown there:
    left as it is, it would wait for callers that already gave their arguments."""
    if ref not in request.params:
        return request
    return _params_unknown(
        request, {ref}, "built from a parameter's value the analysis could not put in place"
    )


def _out_of_scope(request: Request, refs: set[v.FnRef]) -> Request:
    """`request` with the parameters of `refs` unknown: a `${k}` of a route is one unknown
    path segment (as for any unknown value there); anything else built from them is unknown."""
    why = v.Unknown("a parameter of a function this call is not inside")

    def settle(value: v.Value) -> v.Value:
        if isinstance(value, v.Param):
            return why if value.fn in refs else value
        if not isinstance(value, v.Tmpl):
            return value
        parts: list[v.Part] = []
        for part in value.parts:
            if isinstance(part, v.Slot) and part.param.fn in refs:
                if not part.hole:
                    return why
                parts.append(v.SPAN if part.spans else v.HOLE)
            else:
                parts.append(part)
        return v.Tmpl(tuple(parts))

    return replace(request, target=settle(request.target), method=settle(request.method))


def _params_unknown(request: Request, refs: set[v.FnRef], why: str) -> Request:
    """`request` with its path and method unknown where they are built from parameters of `refs`."""
    unknown = v.Unknown(why)
    target = unknown if refs & v.params_in(request.target) else request.target
    method = unknown if refs & v.params_in(request.method) else request.method
    return replace(request, target=target, method=method)


def _sent_by_handed_on(
    value: v.Value, span: Span, via: tuple[Span, ...], how: str, frontend: bool
) -> tuple[Item, ...]:
    """What a Forge object handed on `how` may send: an unknown request of every product it
    reaches, or, for storage and SDK objects, their scopes (unsure)."""
    if isinstance(value, v.Module) and value.package not in _FORGE_PACKAGES_THAT_SEND:
        return ()
    what = _forge_object_name(value)
    why = v.Unknown(f"sent by {what}, {how}")
    doubt = f"{what} is {how}; whether it is used there is not known"
    if isinstance(value, v.StorageRef | v.StorageOp):
        return (Need(forge_api.STORAGE_SCOPES, what, span, doubt),)
    if isinstance(value, v.NeedFn):
        return (Need(value.alternatives, what, span, doubt),)
    if isinstance(value, v.SdkObject):
        alternatives = tuple(
            scopes
            for (name, _method_name), needed in forge_api.SDK_METHODS.items()
            if name == value.name
            for scopes in needed
        )
        return (Need(alternatives, what, span, doubt),)
    if isinstance(value, v.FetchFn):
        if value.loose:
            return ()
        backend = value.backend if value.backend is not None else not frontend
        fetch_kind = "fetch.backend" if backend else "fetch.client"
        return (Request("fetch", span, why, fetch_kind=fetch_kind, via=via),)
    if isinstance(value, v.Bound):
        return (Request("api", span, why, why, value.product, value.origin, value.as_user, via=via),)
    if isinstance(value, v.PropertyStore | v.PropertyOp):
        product = "confluence" if value.target.startswith("onConfluence") else "jira"
        return (Request("api", span, why, why, product, "api", value.sdk == "authorize", via=via),)
    gateway = isinstance(
        value,
        v.GraphFn
        | v.AtlassianFn
        | v.CompassGateway
        | v.CompassApi
        | v.CompassAs
        | v.CompassClient
        | v.CompassFn,
    ) or (isinstance(value, v.OpaqueRequestFn) and value.gateway)
    as_user = getattr(value, "as_user", None)
    origin = "bridge" if isinstance(value, v.Module) and value.package == "@forge/bridge" else "api"
    requests: list[Item] = [
        Request("api", span, why, why, GATEWAY if gateway else ANY_PRODUCT, origin, as_user, via=via)
    ]
    if isinstance(value, v.Module) and value.package == "@forge/api":
        requests.append(Need(forge_api.STORAGE_SCOPES, what, span, doubt))
    return tuple(requests)


def _forge_object_name(value: v.Value) -> str:
    if isinstance(value, v.Module):
        return f"`{value.package}`"
    if isinstance(value, v.Requester | v.AsFn):
        return "a requester (`asUser`)" if value.as_user else "a requester (`asApp`)"
    if isinstance(value, v.Bound):
        return f"a {value.product} request function"
    if isinstance(value, v.FetchFn):
        return "`fetch`"
    if isinstance(value, v.StorageRef | v.StorageOp):
        return "Forge storage"
    if isinstance(value, v.NeedFn):
        return f"`{value.reason}`"
    if isinstance(value, v.SdkObject):
        return f"`{value.name}` from @forge/api"
    if isinstance(value, v.OpaqueRequestFn):
        return f"`{value.name}`"
    if isinstance(value, v.PropertiesApi | v.PropertyStore | v.PropertyOp):
        return "`authorize()`" if value.sdk == "authorize" else "Forge entity properties"
    if isinstance(value, v.AuthorizeFn):
        return "`authorize`"
    if isinstance(value, v.AtlassianFn):
        return "`requestGraph`" if value.graph else "`requestAtlassian`"
    if isinstance(value, v.GraphFn):
        return "`requestTeamworkGraph`"
    return "a Compass client"


def _written_in_a_call(node: Node) -> bool:
    """An object literal written as a call's argument, without spreads: nothing else holds it."""
    parent = node.parent
    return (
        parent is not None
        and parent.type == "arguments"
        and not any(child.type == "spread_element" for child in node.named_children)
    )


#: several paths and several methods may go together in fewer ways than every pair
#: (`write ? 'PUT' : 'GET'` with `write ? route`/issue` : route`/myself``): each pair is unsure
_PAIRED = "its path and its method are each one of several values, which may not go together this way"
#: how many paths one helper call may send before the path counts as unknown
_MAX_SUBSTITUTED_PATHS = 8


def _slot_piece(part: v.Slot, arg: v.Value) -> list[v.Part] | v.Unknown:
    """What a call's argument puts where a parameter stood in a path."""
    if isinstance(arg, v.Param):
        return [v.Slot(arg, hole=part.hole, spans=part.spans)]
    if isinstance(arg, v.Str | v.Num):
        return [arg.text]
    if isinstance(arg, v.Tmpl):
        # inside `route`, the argument is one encoded segment whatever it holds
        return [p if part.spans or p != v.SPAN else v.HOLE for p in arg.parts]
    if part.hole:
        return [v.SPAN if part.spans else v.HOLE]
    what = arg.why if isinstance(arg, v.Unknown) else "a value that is not a string"
    return v.Unknown(f"a concatenation with {what}")


def _each(value: v.Value) -> tuple[v.Value, ...]:
    return value.options if isinstance(value, v.OneOf) else (value,)


def _arg(values: list[v.Value], index: int) -> v.Value:
    if index < len(values):
        return values[index]
    if values and values[-1] is _SPREAD:
        return _SPREAD
    return v.MISSING


def _compass_document(query: v.Value, span: Span) -> tuple[tuple[Need, ...], bool]:
    """The Compass scopes a literal GraphQL document needs, one need per root field under
    `compass`, and whether they are all it needs (no nested selection, which may need another
    scope: the schema data does not cover every nested field)."""
    from scopecheck.ecosystems.forge.catalog import load_compass
    from scopecheck.ecosystems.forge.code.js.graphql import compass_fields

    found = compass_fields(query.text) if isinstance(query, v.Str) else None
    if found is None:
        return (), False
    kind, fields, nested = found
    table = load_compass().mutation if kind == "mutation" else load_compass().query
    if not fields or any(field not in table for field in fields):
        return (), False
    needs = tuple(Need(table[field], f"requestGraph {kind} compass.{field}", span) for field in fields)
    return needs, not nested


def _fixed_text(unit: Unit, args: Node) -> bool:
    """Whether a call's first argument is a string written there, or a `const` of this file
    given one and used nowhere else (nothing can change what it holds)."""
    nodes = [child for child in args.named_children if child.type != "comment"]
    if not nodes:
        return False
    first = nodes[0]
    if first.type in ("string", "template_string"):
        return True
    if first.type != "identifier":
        return False
    name = text_of(first)
    decl = unit.lookup(name, first)
    node = getattr(decl, "node", None)
    if node is None or node.type != "variable_declarator" or node.parent is None:
        return False
    value = node.child_by_field_name("value")
    const = (node.parent.text or b"").startswith(b"const")
    uses = len(unit.word_starts(name))
    return const and value is not None and value.type in ("string", "template_string") and uses == 2


def _changed_options(unit: Unit, args: Node, program: Program) -> str | None:
    """The name of a call's options when something may change them after they are made: a
    variable (or the source of a spread) that is not a `const` of this file used only here,
    or options read from an object's property. None when they are written in the call, or
    are such a `const`."""
    nodes = [child for child in args.named_children if child.type != "comment"]
    return _changed_argument(unit, nodes[1], program) if len(nodes) >= 2 else None


def _changed_argument(unit: Unit, options: Node, program: Program) -> str | None:
    """`_changed_options` for one argument: the name of what may change it, or None."""
    if options.type == "member_expression":
        return text_of(options)
    names = [options] if options.type == "identifier" else []
    if options.type == "object":
        # a spread matters only when no `method` written after it overrides it
        for child in options.named_children:
            if child.type == "pair" and property_name(child.child_by_field_name("key")) == "method":
                names = []
            elif child.type == "spread_element":
                names.extend(inner for inner in child.named_children if inner.type == "identifier")
    for node in names:
        if isinstance(unit.lookup(text_of(node), node), tuple):
            # a parameter: the callers' values replace it; a change here is still a change
            if _written(unit, text_of(node)):
                return text_of(node)
            continue
        if not _private_const(unit, node, program):
            return text_of(node)
    return None


def _written(unit: Unit, name: str) -> bool:
    """`name.x = ...`, `name[k] = ...`, `name.x ||= ...`, `Object.assign(name, ...)`."""
    return unit.properties_written(name)


def _private_const(unit: Unit, node: Node, program: Program) -> bool:
    """A `const` of this file, not exported, that nothing changes: named only at its
    declaration, where its properties are read, and where it is handed to a request, spread,
    or handed to a call that only reads it (`logRequest(path, opts)`)."""
    name = text_of(node)
    decl = unit.lookup(name, node)
    declarator = getattr(decl, "node", None)
    if declarator is None or declarator.type != "variable_declarator" or declarator.parent is None:
        return False
    statement = declarator.parent
    if not (statement.text or b"").startswith(b"const") or (
        statement.parent is not None and statement.parent.type == "export_statement"
    ):
        return False
    if unit.properties_written(name):
        return False
    data = unit.file.data
    for start in unit.word_starts(name):
        end = start + len(name.encode())
        if start == declarator.start_byte or unit.means_another(name, start, declarator):
            continue  # the declaration, or another variable of that name
        before = data[max(start - 3, 0) : start]
        if before.endswith(b".") and before != b"...":
            continue  # `x.name`: another object's property
        left = data[max(start - 256, 0) : start].rstrip()[-3:]
        right = data[end:].lstrip()[:1]
        # read-only uses: a request's options (`requestJira(p, name)`) or a spread (`{ ...name }`)
        if left == b"..." and right in (b",", b"}"):
            continue
        mention = unit.root.descendant_for_byte_range(start, end)
        if mention is not None and only_read_through(mention) and _plain_data(declarator):
            continue  # `name.method`: read (no method of its own may change it through `this`)
        if left.endswith(b",") and right in (b")", b",") and _request_argument(unit, start, end):
            continue
        if not (_plain_data(declarator) and program.handed_to_reader(unit, start, end, 0)):
            return False
    return True


def _plain_data(declarator: Node) -> bool:
    """Whether a `const` holds an object literal with no function in it: reading its
    properties changes nothing (a method could change it through `this`)."""
    value = declarator.child_by_field_name("value")
    return value is not None and value.type == "object" and not holds_a_function(value)


def _request_argument(unit: Unit, start: int, end: int) -> bool:
    """Whether the name at `start` is an argument of a call to a product request or `fetch`
    (which read their options); any other function may change what it is given."""
    node = unit.root.descendant_for_byte_range(start, end)
    call = node.parent.parent if node is not None and node.parent is not None else None
    if call is None or call.type != "call_expression":
        return False
    callee = call.child_by_field_name("function")
    if callee is None:
        return False
    if callee.type == "identifier":
        # a function of that name the app declares itself may do anything with its arguments
        name = text_of(callee)
        decls = unit.decls.get(name, ())
        own = any(decl.kind != "import" for decl in decls)
        return name in _READING_CALLS and not own and (bool(decls) or name == "fetch")
    return property_name(callee.child_by_field_name("property")) in _READING_CALLS


#: Forge request functions and `fetch`: they read the options they are given, never change them
_READING_CALLS = frozenset(
    {
        "fetch",
        "requestJira",
        "requestConfluence",
        "requestBitbucket",
        "requestGraph",
        "requestAtlassian",
        "requestTeamworkGraph",
        "requestConnectedData",
    }
)


def _method(program: Program, options: v.Value) -> v.Value:
    """The HTTP method in a request's options: MISSING (so GET) when there is none."""
    if options is v.MISSING:
        return v.MISSING
    if isinstance(options, v.Unknown):
        return v.Unknown(f"taken from options that are {options.why}")
    if isinstance(options, v.Obj | v.Param):
        return program.member(options, "method", None)
    return v.Unknown("taken from options that are not an object")


def _inside_noscript(node: Node) -> bool:
    """Whether a JSX element stands inside a `<noscript>`: React renders nothing there in the
    browser, so what it names is never loaded."""
    parent = node.parent
    while parent is not None:
        if parent.type == "jsx_element":
            opening = parent.child_by_field_name("open_tag")
            name = opening.child_by_field_name("name") if opening is not None else None
            if name is not None and name.type == "identifier" and name.text == b"noscript":
                return True
        parent = parent.parent
    return False


#: why a `<script src>` in JSX may load nothing: React DOM creates the element so that the
#: browser never runs it; React 19 loads one marked `async`, and other JSX libraries (Preact)
#: insert a script that runs
_RENDERED_SCRIPT = "React does not run a `<script>` it renders (React 19 runs one marked `async`)"
#: DOM elements of a Custom UI that load from a host: each attribute and its egress kind (a
#: `<link>`'s kind comes from its `rel` and `as`)
DOM_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "img": (("src", "images"), ("srcSet", "images")),
    "iframe": (("src", "frames"),),
    "script": (("src", "scripts"),),
    "link": (("href", "styles"),),
    "video": (("src", "media"), ("poster", "images")),
    "audio": (("src", "media"),),
    "source": (("src", "media"), ("srcSet", "images")),  # a <picture>'s sources are images
    "object": (("data", "frames"),),  # the browser frames them (CSP object-src, frame-src)
    "embed": (("src", "frames"),),
    "image": (("href", "images"), ("xlinkHref", "images")),  # SVG <image>
    # `ping="url ..."`: the browser POSTs to each when the link is followed
    "a": (("ping", "fetch.client"),),
    "area": (("ping", "fetch.client"),),
}

#: `a || b`, `a ?? b`: either operand may be the value; `a && b`: only `b` can be a URL
_EITHER_OPERAND = frozenset({"||", "??"})
_NO_URL = frozenset({"null", "undefined", "true", "false"})


def branches(node: Node) -> list[Node]:
    """The expressions whose value `node` may take: both branches of `?:` and of `||`/`??`,
    the right of `&&` (forge lint reads the string literals among them), recursively, inside
    parentheses, `await`, `as` and `!`; `null`, `undefined` and booleans load no image and
    are left out."""
    kind = node.type
    if kind in _NO_URL:
        return []
    if kind in WRAPPERS:
        inner = [child for child in node.named_children if child.type != "comment"]
        if not inner or (kind == "parenthesized_expression" and len(inner) > 1):
            return [node]
        return branches(inner[0])  # `x as T`, `x satisfies T`: the expression comes first
    if kind == "ternary_expression":
        found: list[Node] = []
        for field in ("consequence", "alternative"):
            branch = node.child_by_field_name(field)
            if branch is not None:
                found.extend(branches(branch))
        return found
    if kind == "binary_expression":
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return [node]
        if operator.type in _EITHER_OPERAND:
            return [*branches(left), *branches(right)]
        if operator.type == "&&":
            return branches(right)
    return [node]


def _may_be_image(unit: Unit, name: Node) -> bool:
    """A cheap test before evaluating a JSX element name: is it bound to an `Image` import?"""
    if name.type == "identifier":
        decls = unit.decls.get(text_of(name), ())
        return any(
            (decl.kind == "import" and decl.imported == "Image")
            or (decl.kind == "pattern" and decl.keys[-1:] == ("Image",))
            for decl in decls
        )
    if name.type in ("member_expression", "nested_identifier"):
        return property_name(name.child_by_field_name("property")) == "Image" or text_of(name).endswith(
            ".Image"
        )
    return False
