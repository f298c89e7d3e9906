"""Functions nothing uses: code that never runs, though its file is reached.

A named function (`function f() {}`, `const f = () => ...`, at any depth), a method of a
class declaration, or a method of an object literal only ever read as `obj.name` (never
passed, exported, spread, indexed or enumerated) that makes a request is uncalled when its
name, and every name it is imported or exported under, stands nowhere in the app's code except
where it is declared, exported or imported, in a comment, in a message handed to `console`, or
inside another function that is uncalled (its body never runs), or in the elements a UI Kit 1
`render(<App />)` at a module's top makes into a handler nothing uses. Any other mention counts as a
use, even in a string (a name built at run time cannot be seen, so a module some file loads
whole, with `import * as`, `require()` or `import()`, keeps all its functions). The manifest
can name one too (a handler `index.run`): the caller checks the names, the dead callers' too,
against it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.ecosystems.forge.code.js.data_files import WORD
from scopecheck.ecosystems.forge.code.js.grammar import first_named, text_of
from scopecheck.ecosystems.forge.code.js.program import NUMBER_ORDER, Program
from scopecheck.ecosystems.forge.code.js.unit import (
    FUNCTION_TYPES,
    NAMESPACES,
    Decl,
    Unit,
    enclosing,
    return_statements,
    string_value,
)
from scopecheck.ecosystems.forge.code.usage import Uncalled

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.values import FnRef

_FUNCTION_VALUES = frozenset({"arrow_function", "function_expression", "function", "generator_function"})
#: a module loaded whole: its exports may be read by a name known only at run time
_LOADED_WHOLE = re.compile(rb"\bimport\s*\*|\brequire\s*\(|\bimport\s*\(|\bexport\s*\*")
#: how many names one function may be known by before the search gives up (it is then used)
_MAX_NAMES = 8


@record
class HandlerTargets:
    """What the manifest's function handlers run: the functions their exports were followed
    to, and the names of handlers whose export was not followed (any function of that name
    may be the one)."""

    functions: dict[FnRef, str]
    unsure_names: frozenset[str] = frozenset()

    def may_run(self, ref: FnRef, name: str) -> bool:
        return ref in self.functions or name in self.unsure_names


def uncalled_functions(
    program: Program,
    keys: Iterable[str],
    sites: Sequence[Span],
    handlers: HandlerTargets,
    also_statements: Iterable[str] = (),
) -> tuple[Uncalled, ...]:
    """The uncalled functions of the files `keys`, and the statements no path reaches in
    them and in `also_statements` (front-end files too), that hold one of `sites` (the
    requests and needs found). A function a handler runs is called (by Forge)."""
    keys = list(keys)
    by_path: dict[str, list[Span]] = {}
    for site in sites:
        by_path.setdefault(site.path, []).append(site)
    dead: _DeadCallers | None = None
    found: list[Uncalled] = []
    for key in sorted(keys):
        unit = program.units[key]
        here = by_path.get(unit.file.display)
        if not here or unit.error is not None:
            continue
        if dead is None:
            dead = _DeadCallers(program, set(keys), handlers)
        if key in dead.whole:
            continue
        for name, declared, function in dead.functions(unit):
            span = unit.positions.span(function)
            if not any(span.start_offset <= s.start_offset < span.end_offset for s in here):
                continue
            unused = dead.unused(unit, name, declared, function)
            if unused is not None:
                names, callers = unused
                found.append(Uncalled((*names, *callers), span, _only_dead_callers(callers)))
    searched = set(keys)
    for key in sorted(searched | set(also_statements)):
        unit = program.units[key]
        here = by_path.get(unit.file.display)
        if here and unit.error is None:
            # in an ASCII file a character offset is a byte offset: only the branches of the
            # tree that hold a site are walked
            targets = sorted(s.start_offset for s in here) if unit.file.data.isascii() else None
            for node, why in never_run(unit, targets, program):
                span = unit.positions.span(node)
                if any(span.start_offset <= s.start_offset < span.end_offset for s in here):
                    found.append(Uncalled((), span, why))
            if key in searched or targets is None:
                continue
            # a front end's file: only a function its module keeps to itself is known uncalled
            for name, function in unnamed_module_functions(unit, targets):
                span = unit.positions.span(function)
                if any(span.start_offset <= s.start_offset < span.end_offset for s in here):
                    found.append(Uncalled((name,), span, "nothing in its module names it"))
    return tuple(found)


#: statements after which the rest of their block never runs
_JUMPS = {
    "return_statement": "return",
    "throw_statement": "throw",
    "break_statement": "break",
    "continue_statement": "continue",
}
_THROW = frozenset({"throw_statement"})
#: declarations that take effect before the code above them runs (hoisted)
_HOISTED = frozenset({"function_declaration", "generator_function_declaration", "empty_statement"})


def never_run(
    unit: Unit, targets: list[int] | None, program: Program | None = None
) -> Iterable[tuple[Node, str]]:
    """Statements and expressions no path reaches: after a `return`, `throw`, `break` or
    `continue` in the same block (or an `if`/`else` each of whose branches ends so), the
    side of an `if`/`?:`/`&&`/`||` a constant condition never takes, and a `while (false)`
    body. Only nodes holding a byte of `targets` are searched (None: all). With `program`,
    a constant may be one another file exports."""
    stack = [unit.root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in ("statement_block", "program", "switch_case", "switch_default"):
            jumped = ""
            for child in node.named_children:
                if jumped and child.type not in _HOISTED and child.type != "comment":
                    yield child, jumped
                elif not jumped:
                    jumped = _ends_the_block(unit, child, program)
        elif kind in ("if_statement", "while_statement", "ternary_expression", "binary_expression"):
            yield from _untaken(unit, node, program)
        elif kind == "for_statement" and _never_loops(unit, node, program):
            body = node.child_by_field_name("body")
            if body is not None:
                line = node.start_point[0] + 1
                yield body, f"the `for` on line {line} starts with its condition false, so it never runs"
        elif kind == "switch_statement":
            yield from _unmatched_cases(unit, node, program)
        elif kind in ("for_in_statement", "call_expression"):
            yield from _over_an_empty_array(unit, node)
        elif kind == "object":
            yield from _overwritten_keys(node)
        if targets is None:
            stack.extend(node.named_children)
        else:
            stack.extend(child for child in node.named_children if _holds_one(child, targets))


def _overwritten_keys(node: Node) -> Iterable[tuple[Node, str]]:
    """The function an object literal gives a key that a later member of the same literal
    gives again (`{ getLinks: a, getLinks: b }`): the later one wins, so the first is never
    called. Getters and setters (which pair up) and `__proto__` are left alone."""
    members = [child for child in node.named_children if child.type != "comment"]
    names = [_plain_member_name(member) for member in members]
    last = {name: index for index, name in enumerate(names) if name is not None}
    for index, (member, name) in enumerate(zip(members, names, strict=True)):
        value = member.child_by_field_name("value") if member.type == "pair" else member
        if name is None or name == "__proto__" or value is None or value.type not in _MEMBER_FUNCTIONS:
            continue
        if last[name] > index:
            line = members[last[name]].start_point[0] + 1
            yield value, f"the object gives `{name}` again on line {line}, which replaces it"


#: what an object literal's member may hold as a function
_MEMBER_FUNCTIONS = frozenset({*_FUNCTION_VALUES, "method_definition"})


def _plain_member_name(member: Node) -> str | None:
    """The name a member of an object literal sets (`a: …`, `'a': …`, `a() {}`, `{ a }`), or
    None for a spread, a computed key, a getter or a setter."""
    if member.type == "shorthand_property_identifier":
        return text_of(member)
    if member.type == "method_definition" and any(c.type in ("get", "set") for c in member.children):
        return None
    key = member.child_by_field_name("key") or member.child_by_field_name("name")
    if member.type not in ("pair", "method_definition") or key is None:
        return None
    if key.type in ("property_identifier", "identifier"):
        return text_of(key)
    if key.type == "string":
        return string_value(key)
    return None


def _over_an_empty_array(unit: Unit, node: Node) -> Iterable[tuple[Node, str]]:
    """The body of `for (x of EMPTY)` and the callback of `EMPTY.map(...)` (`forEach`, `filter`
    and the other methods that call it per item), where `EMPTY` is a constant empty array, or
    `Object.entries(EMPTY)` (`keys`, `values`) of a constant empty object; and the body of
    `for (k in EMPTY)` of such an object."""
    from scopecheck.ecosystems.forge.code.js.program import empty_constant_object

    line = node.start_point[0] + 1
    if node.type == "for_in_statement":
        kind = node.child_by_field_name("operator")
        right = node.child_by_field_name("right")
        body = node.child_by_field_name("body")
        if body is None or kind is None:
            return
        empty = _empty_items(unit, right) if kind.type == "of" else None
        if kind.type == "in" and (name := empty_constant_object(unit, right)):
            empty = f"`{name}`, an empty constant object"
        if empty:
            yield body, f"the `for` on line {line} goes over {empty}, so it never runs"
        return
    callee = node.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return
    method = callee.child_by_field_name("property")
    if method is None or text_of(method) not in _PER_ITEM:
        return
    empty = _empty_items(unit, callee.child_by_field_name("object"))
    args = node.child_by_field_name("arguments")
    given = first_named(args)
    if empty and given is not None and given.type in _FUNCTION_VALUES:
        yield (
            given,
            f"the function `{text_of(method)}` calls per item on line {line} never runs: it goes over {empty}",
        )


def _empty_items(unit: Unit, node: Node | None) -> str:
    """How `node` is a list with no items ("`TARGETS`, an empty constant array",
    "`Object.entries(RENAMES)` of an empty constant object"), or ""."""
    from scopecheck.ecosystems.forge.code.js.program import empty_constant_array, empty_constant_object

    name = empty_constant_array(unit, node)
    if name:
        return f"`{name}`, an empty constant array"
    callee = (
        node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    )
    holder = (
        callee.child_by_field_name("object")
        if callee is not None and callee.type == "member_expression"
        else None
    )
    method = callee.child_by_field_name("property") if callee is not None and holder is not None else None
    if holder is None or method is None or holder.type != "identifier" or text_of(holder) != "Object":
        return ""
    if text_of(method) not in ("entries", "keys", "values") or unit.lookup("Object", holder) is not None:
        return ""
    assert node is not None  # it has a callee
    name = empty_constant_object(unit, first_named(node.child_by_field_name("arguments")))
    return f"`Object.{text_of(method)}({name})` of an empty constant object" if name else ""


#: array methods that call their first argument once per item
_PER_ITEM = frozenset(
    {"map", "forEach", "filter", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap"}
)


def _ends_the_block(unit: Unit, child: Node, program: Program | None) -> str:
    """Why the statements after `child` in its block never run, or "": a `return`, `throw`,
    `break` or `continue`; an `if` each of whose branches leaves, or whose constant condition
    always takes a branch that leaves; a call of the app's function that always throws."""
    line = child.start_point[0] + 1
    kind = child.type
    if kind in _JUMPS:
        return f"it comes after the `{_JUMPS[kind]}` on line {line}, so it never runs"
    if kind == "if_statement" and _always_leaves(child):
        return f"it comes after the `if` on line {line}, each of whose branches leaves, so it never runs"
    if kind == "if_statement" and _leaves_by_a_constant(unit, child, program):
        return (
            f"it comes after the `if` on line {line}, whose condition is constant and whose "
            "branch it always takes leaves, so it never runs"
        )
    if kind in _LOOPS and _endless(child, unit, program):
        return f"it comes after the loop on line {line}, which no `break` leaves, so it never runs"
    if kind in ("try_statement", "switch_statement") and _always_leaves(child):
        what = "each of whose paths leaves" if kind == "try_statement" else "each of whose cases leaves"
        return f"it comes after the `{kind.split('_')[0]}` on line {line}, {what}, so it never runs"
    thrower = _calls_a_thrower(unit, child, program) if kind == "expression_statement" else ""
    if thrower:
        return f"it comes after the call of `{thrower}` on line {line}, which always throws, so it never runs"
    return ""


def _calls_a_thrower(unit: Unit, statement: Node, program: Program | None) -> str:
    """The name of the app's function a statement calls (`notImplemented('x');`, or awaited)
    when every path through that function's body ends in a `throw`; "" otherwise. A call of
    an `async` function that is not awaited returns a promise: the code after it runs."""
    if program is None:
        return ""
    from scopecheck.ecosystems.forge.code.js import values as v

    call = first_named(statement)
    awaited = call is not None and call.type == "await_expression"
    if awaited:
        call = first_named(call)
    if call is None or call.type != "call_expression":
        return ""
    function = call.child_by_field_name("function")
    named = function is not None and function.type in ("identifier", "member_expression")
    callee = program.value(unit, function) if function is not None and named else None
    if function is None or not isinstance(callee, v.Func) or callee.node.type not in _THROWER_KINDS:
        return ""
    if any(child.type in ("get", "set", "*") for child in callee.node.children):
        return ""  # an accessor is not what the call runs; a generator's body runs when iterated
    body = callee.node.child_by_field_name("body")
    is_async = any(child.type == "async" for child in callee.node.children)
    if body is None or body.type != "statement_block" or (is_async and not awaited):
        return ""
    if return_statements(body):  # `if (ok) return;` anywhere: it may come back
        return ""
    return text_of(function) if _always_throws(body) else ""


#: functions whose call runs their body (not a generator's, which runs when it is iterated)
_THROWER_KINDS = frozenset(
    {"function_declaration", "function_expression", "function", "arrow_function", "method_definition"}
)


def _always_throws(body: Node) -> bool:
    """Whether every path through a function body without a `return` ends in a `throw`."""
    return _always_leaves(body, exits=_THROW)


def _never_loops(unit: Unit, loop: Node, program: Program | None) -> bool:
    """`for (let i = 0; i < MAX_RETRIES; i++)` with `MAX_RETRIES` a constant 0: the condition
    is false for the counter's first value, so the body never runs."""
    from scopecheck.ecosystems.forge.code.js.program import constant_value

    start = loop.child_by_field_name("initializer")
    declarators = [c for c in start.named_children if c.type == "variable_declarator"] if start else []
    condition = loop.child_by_field_name("condition")
    if len(declarators) != 1 or condition is None or condition.type != "binary_expression":
        return False
    name, first = declarators[0].child_by_field_name("name"), declarators[0].child_by_field_name("value")
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    operator = condition.child_by_field_name("operator")
    if name is None or first is None or left is None or operator is None or left.text != name.text:
        return False
    initial = constant_value(unit, first, program=program)
    bound = constant_value(unit, right, program=program)
    if initial is None or bound is None or initial[0] != "number" or bound[0] != "number":
        return False
    compare = NUMBER_ORDER.get(operator.type)  # the comparisons a loop may make of its counter
    return compare is not None and not compare(initial[1], bound[1])


def _leaves_by_a_constant(unit: Unit, node: Node, program: Program | None) -> bool:
    """`if (!SYNC_ENABLED) return;`, `if (MODE !== 'rw') { throw … }`: a condition always of
    one value takes one branch, which always leaves."""
    from scopecheck.ecosystems.forge.code.js.program import constant_truth

    truth = constant_truth(unit, node.child_by_field_name("condition"), program=program)
    if truth is None:
        return False
    return _always_leaves(node.child_by_field_name("consequence" if truth else "alternative"))


def _always_leaves(node: Node | None, depth: int = 0, exits: Collection[str] = _JUMPS) -> bool:
    """Whether every path through a statement ends in one of `exits` (a `return`, `throw`,
    `break` or `continue`): one of those, a block holding one, an `if` with an `else` both of
    whose branches always leave, a `try` whose body and `catch` (or `finally`) always leave, a
    `switch` with a `default` each of whose cases leaves other than by `break` (which only
    ends the `switch`), or (leaving by a jump) a `while (true)` no `break` leaves."""
    if node is None or depth > 8:
        return False
    kind = node.type
    if kind in exits:
        return True
    if kind == "else_clause":
        inner = [child for child in node.named_children if child.type != "comment"]
        return len(inner) == 1 and _always_leaves(inner[0], depth + 1, exits)
    if kind == "statement_block":
        return any(_always_leaves(child, depth + 1, exits) for child in node.named_children)
    if kind == "if_statement":
        return _always_leaves(node.child_by_field_name("consequence"), depth + 1, exits) and _always_leaves(
            node.child_by_field_name("alternative"), depth + 1, exits
        )
    if kind == "try_statement":
        finalizer = node.child_by_field_name("finalizer")
        if finalizer is not None and _always_leaves(finalizer.child_by_field_name("body"), depth + 1, exits):
            return True
        handler = node.child_by_field_name("handler")
        return _always_leaves(node.child_by_field_name("body"), depth + 1, exits) and (
            handler is None or _always_leaves(handler.child_by_field_name("body"), depth + 1, exits)
        )
    if kind == "switch_statement":
        return _every_case_leaves(node, depth, frozenset(e for e in exits if e != "break_statement"))
    if kind in _LOOPS and exits is _JUMPS:
        return _endless(node)
    return False


def _every_case_leaves(switch: Node, depth: int, exits: Collection[str]) -> bool:
    """A `switch` with a `default` each of whose cases with statements leaves, the last one
    included (an empty case falls through to the next)."""
    body = switch.child_by_field_name("body")
    cases = [c for c in body.named_children if c.type in ("switch_case", "switch_default")] if body else []
    if not any(case.type == "switch_default" for case in cases):
        return False
    for index, case in enumerate(cases):
        statements = _case_statements(case)
        if not statements and index < len(cases) - 1:
            continue
        if not any(_always_leaves(statement, depth + 1, exits) for statement in statements):
            return False
    return True


#: loops, which only a `break` (or a jump out of their function) ends when their condition holds
_LOOPS = frozenset({"while_statement", "do_statement", "for_statement"})
#: `break outer;`, `continue outer;`: a labelled jump may leave any loop around it
_LABELLED_JUMP = re.compile(rb"\b(?:break|continue)[ \t]+[\w$]")


def _endless(loop: Node, unit: Unit | None = None, program: Program | None = None) -> bool:
    """A `while (true)`, `do … while (true)` or `for (;;)` (with `unit`, any constant true
    condition) whose body has no `break` of its own and no labelled jump: the code after it
    never runs (a `return` or `throw` inside leaves the function, not to it)."""
    from scopecheck.ecosystems.forge.code.js.program import constant_truth

    condition = loop.child_by_field_name("condition")
    if loop.type == "for_statement" and condition is not None and condition.type == "expression_statement":
        condition = first_named(condition)
    if condition is not None and condition.type != "empty_statement":
        truth = (
            constant_truth(unit, condition, program=program)
            if unit is not None
            else _literal_truth(condition)
        )
        if truth is not True:
            return False
    body = loop.child_by_field_name("body")
    if body is None or _LABELLED_JUMP.search(body.text or b""):
        return False
    stack = list(body.named_children)
    while stack:
        node = stack.pop()
        if node.type == "break_statement":
            return False
        if node.type not in _LOOPS and node.type not in _OWN_BREAKS:
            stack.extend(node.named_children)
    return True


#: where an unlabelled `break` inside belongs to something else: other loops, a `switch`,
#: and functions (and classes) defined in the body
_OWN_BREAKS = frozenset(
    {"for_in_statement", "switch_statement", "class_body", *FUNCTION_TYPES, "method_definition"}
)


def _literal_truth(condition: Node) -> bool | None:
    """`(true)`, `(1)`: the value of a literal condition, else None."""
    inner = first_named(condition) if condition.type == "parenthesized_expression" else condition
    if inner is None:
        return None
    if inner.type in ("true", "false"):
        return inner.type == "true"
    return True if inner.type == "number" and text_of(inner) not in ("0", "0.0") else None


def _holds_one(node: Node, targets: list[int]) -> bool:
    """Whether `node` holds one of the (sorted) byte offsets `targets`."""
    at = bisect_left(targets, node.start_byte)
    return at < len(targets) and targets[at] < node.end_byte


def _untaken(unit: Unit, node: Node, program: Program | None) -> Iterable[tuple[Node, str]]:
    from scopecheck.ecosystems.forge.code.js.program import constant_truth

    kind = node.type
    if kind == "binary_expression":
        operator = node.child_by_field_name("operator")
        if operator is None or operator.type not in ("&&", "||"):
            return
        truth = constant_truth(unit, node.child_by_field_name("left"), program=program)
        right = node.child_by_field_name("right")
        if truth is not None and right is not None and truth == (operator.type == "||"):
            yield right, f"the `{operator.type}` before it always decides, so it never runs"
        return
    truth = constant_truth(unit, node.child_by_field_name("condition"), program=program)
    if truth is None:
        return
    why = f"its condition on line {node.start_point[0] + 1} is always {'true' if truth else 'false'}, so it never runs"
    if kind == "while_statement":
        body = node.child_by_field_name("body")
        if not truth and body is not None:
            yield body, why
        return
    untaken = node.child_by_field_name("alternative" if truth else "consequence")
    if untaken is not None:
        yield untaken, why


def _unmatched_cases(unit: Unit, node: Node, program: Program | None) -> Iterable[tuple[Node, str]]:
    """The statements of the cases a `switch` on a constant never enters: the one whose label
    equals it (else `default`) runs, then falls through until a case jumps out."""
    from scopecheck.ecosystems.forge.code.js.program import constant_value

    subject = constant_value(unit, node.child_by_field_name("value"), program=program)
    body = node.child_by_field_name("body")
    if subject is None or body is None:
        return
    cases = [c for c in body.named_children if c.type in ("switch_case", "switch_default")]
    start = None
    for index, case in enumerate(cases):
        if case.type == "switch_case":
            label = constant_value(unit, case.child_by_field_name("value"), program=program)
            if label is None:
                return  # a label we cannot tell may match
            if label == subject and start is None:
                start = index
    if start is None:
        start = next((i for i, c in enumerate(cases) if c.type == "switch_default"), len(cases))
    entered = set()
    for index in range(start, len(cases)):
        entered.add(index)
        if any(child.type in _JUMPS for child in cases[index].named_children):
            break
    why = f"the `switch` on line {node.start_point[0] + 1} tests a constant this case never matches, so it never runs"
    for index, case in enumerate(cases):
        if index not in entered:
            yield from ((child, why) for child in _case_statements(case) if child.type not in _HOISTED)


def _case_statements(case: Node) -> list[Node]:
    """The statements of a `case` (not the value it tests) or of `default`."""
    tested = case.child_by_field_name("value")
    return [c for c in case.named_children if c.type != "comment" and (tested is None or c.id != tested.id)]


def _top_level_functions(unit: Unit) -> Iterable[tuple[str, Node, Node]]:
    """(name, the node naming it, the function) for each named function of the file: declared
    anywhere (`function f`, `const f = () =>`), or a method of a class declaration. Not a
    default export (imported under any name), a method of an object literal that may be handed
    on whole (`_only_read_by_name`), a method of a class that extends another (the base may
    call it) or a constructor (`new` calls it). Read from the nodes the file's query captured,
    in the order they start."""
    defaults = [(node.start_byte, node.end_byte) for node in unit.default_exports]
    for node in unit.function_sites:
        if defaults and any(start <= node.start_byte < end for start, end in defaults):
            continue
        kind = node.type
        if kind in ("function_declaration", "generator_function_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                yield text_of(name), name, node
        elif kind == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and name.type == "identifier" and value is not None:
                if value.type in _FUNCTION_VALUES:
                    yield text_of(name), name, value
                elif value.type == "object" and _only_read_by_name(unit, name, value):
                    yield from _object_methods(value)
        elif kind == "method_definition":
            name = node.child_by_field_name("name")
            owner = node.parent.parent if node.parent is not None else None
            if (
                name is not None
                and name.type == "property_identifier"
                and text_of(name) != "constructor"
                and owner is not None
                and owner.type == "class_declaration"
                and not _extends(owner)
            ):
                yield text_of(name), name, node


def unnamed_module_functions(unit: Unit, targets: list[int]) -> Iterable[tuple[str, Node]]:
    """(name, function) for each function of an ES module that holds a byte of `targets` and
    that nothing can call: declared, not exported, and named nowhere else in the file (a
    module's own names are seen by no other file or page; a direct `eval` could reach them,
    so a file that says `eval` has none, nor one that spells a name with a `\\u` escape,
    where `s\\u0061ve()` names `save`)."""
    data = unit.file.data
    if (
        b"eval" in data
        or unit.escaped_name is not None
        or not any(
            child.type in ("import_statement", "export_statement") for child in unit.root.named_children
        )
    ):
        return
    for name, declared, function in _top_level_functions(unit):
        if function.type == "method_definition" or not _holds_one(function, targets):
            continue
        declarator = declared.parent
        statement = function if function.type.endswith("declaration") else declarator and declarator.parent
        if (
            statement is not None
            and statement.parent is not None
            and statement.parent.type == "export_statement"
        ):
            continue
        if len(re.findall(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])", data)) == 1:
            yield name, function


def _extends(declaration: Node) -> bool:
    """Whether a class extends another: the base class (a library's, often) may call its
    methods by name (`process`, `render`) without the app's code naming them."""
    return any(
        child.type == "class_heritage" and b"extends" in (child.text or b"")
        for child in declaration.named_children
    )


def _object_methods(literal: Node) -> Iterable[tuple[str, Node, Node]]:
    """(name, key, function) for each method of an object literal named by a plain key."""
    for entry in literal.named_children:
        key = entry.child_by_field_name("name" if entry.type == "method_definition" else "key")
        if key is None or key.type != "property_identifier":
            continue
        if entry.type == "method_definition":
            yield text_of(key), key, entry
        elif entry.type == "pair":
            value = entry.child_by_field_name("value")
            if value is not None and value.type in _FUNCTION_VALUES:
                yield text_of(key), key, value


def _only_read_by_name(unit: Unit, name: Node, literal: Node) -> bool:
    """Whether the object a variable holds is only ever read as `name.method`: never passed,
    exported, spread, enumerated or indexed, nor handed on by `this` in its own methods. Then
    a method whose name stands nowhere else cannot be called."""
    declaration = name.parent.parent if name.parent is not None else None
    if declaration is None or (
        declaration.parent is not None and declaration.parent.type == "export_statement"
    ):
        return False
    word = text_of(name).encode()
    pattern = re.compile(rb"(?<![\w$])" + re.escape(word) + rb"(?![\w$])")
    for match in pattern.finditer(unit.file.data):
        node = unit.root.descendant_for_byte_range(match.start(), match.end())
        if node is None or node == name:
            continue
        if not _read_by_name(node) and not (
            node.type == "comment" or node.type in ("string_fragment", "string")
        ):
            return False
    stack = [literal]
    while stack:
        node = stack.pop()
        if node.type == "this" and not _read_by_name(node):
            return False
        stack.extend(node.named_children)
    return True


def _read_by_name(node: Node) -> bool:
    """`node.name` (not `node[x]`, not `node.name = ...`)."""
    parent = node.parent
    if parent is None or parent.type != "member_expression" or parent.child_by_field_name("object") != node:
        return False
    prop = parent.child_by_field_name("property")
    above = parent.parent
    written = (
        above is not None
        and above.type in ("assignment_expression", "augmented_assignment_expression")
        and (above.child_by_field_name("left") == parent)
    )
    return prop is not None and prop.type == "property_identifier" and not written


def _loaded_whole(program: Program) -> set[str]:
    """The modules some file loads whole, or re-exports all of."""
    return {
        target
        for key, file in program.files.items()
        if _LOADED_WHOLE.search(file.data)
        for target in program.imports_of(key)
        if target != key
    }


def _files_by_word(program: Program) -> dict[bytes, list[str]]:
    """word -> the files it stands in, for every file of the app (one pass)."""
    index: dict[bytes, list[str]] = {}
    for key, file in program.files.items():
        for word in set(WORD.findall(file.data)):
            index.setdefault(word, []).append(key)
    return index


#: how many dead callers deep a function is followed before it counts as used
_MAX_CALLER_DEPTH = 4


class _DeadCallers:
    """Which functions nothing uses, where a mention inside another function nothing uses
    (its whole body never runs) is no use either: `postDescription` called only from a
    click handler whose button is commented out. A comment never calls anything."""

    def __init__(self, program: Program, keys: set[str], handlers: HandlerTargets) -> None:
        self.program = program
        self.handlers = handlers
        #: files whose functions may be looked at: back-end code a module reaches
        self.keys = keys
        self.whole = _loaded_whole(program)
        self._words: dict[bytes, list[str]] | None = None
        #: `actions[event.type]()` somewhere: a method may be called by a name built at run time
        self._computed_calls = any(_chooses_a_member(file.data) for file in program.files.values())
        self._known: dict[tuple[str, int, int], tuple[tuple[str, ...], tuple[str, ...]] | None] = {}
        self._open: set[tuple[str, int, int]] = set()
        self._candidates: dict[str, dict[tuple[int, int], tuple[str, Node]]] = {}

    def functions(self, unit: Unit) -> Iterable[tuple[str, Node, Node]]:
        """The file's named functions that may be uncalled: methods too, unless some code
        calls a member chosen at run time (`handlers[name]()`), which may be any method."""
        for name, declared, function in _top_level_functions(unit):
            if _is_method(function) and (
                self._computed_calls or name in _CALLED_BY_THE_RUNTIME or _decorated(function)
            ):
                continue
            yield name, declared, function

    def unused(
        self, unit: Unit, name: str, declared: Node, function: Node, depth: int = 0
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(every name the function goes by, and those of the dead functions that mention
        it), or None when it is used somewhere."""
        if self.handlers.may_run((unit.key, function.start_byte), name):
            return None  # Forge calls it
        ref = (unit.key, function.start_byte, function.end_byte)
        if ref in self._known:
            return self._known[ref]
        if ref in self._open or depth > _MAX_CALLER_DEPTH:
            return None  # a function mentioned by itself, or a chain too long: counted as used
        self._open.add(ref)
        try:
            result = self._unused(unit, name, declared, function, depth)
        finally:
            self._open.discard(ref)
        self._known[ref] = result
        return result

    def _unused(
        self, home: Unit, name: str, declared: Node, function: Node, depth: int
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        names = [name]
        callers: list[str] = []
        index = 0
        while index < len(names):
            current = names[index]
            index += 1
            pattern = re.compile(rb"(?<![\w$])" + re.escape(current.encode()) + rb"(?![\w$])")
            if self._words is None:
                self._words = _files_by_word(self.program)
            for key in self._words.get(current.encode(), ()):
                unit = self.program.unit(key)
                for match in pattern.finditer(unit.file.data):
                    node = unit.root.descendant_for_byte_range(match.start(), match.end())
                    if node is None or node == declared or node.type == "comment" or _logged(node):
                        continue
                    if unit.key == home.key and function.start_byte <= node.start_byte < function.end_byte:
                        continue  # in its own body, which runs only once something else calls it
                    if not _is_method(function) and _names_something_else(unit, home, node, declared):
                        continue
                    if (
                        _is_method(function)
                        and _a_built_in_member(unit, node)
                        and not self.program.sets_a_property(current)  # `seen.delete = client.delete`
                    ):
                        continue
                    alias = _alias_if_benign(node)
                    if alias is None:
                        caller = self._dead_caller(unit, node, depth)
                        if caller is None:
                            return None  # a use
                        callers.extend(n for n in caller if n not in callers)
                        continue
                    if alias and alias not in names:
                        if alias == "default" or len(names) >= _MAX_NAMES:
                            return None
                        names.append(alias)
        return tuple(names), tuple(callers)

    def _dead_caller(self, unit: Unit, node: Node, depth: int) -> tuple[str, ...] | None:
        """The names of the innermost function around `node` when nothing uses it (with
        those of its own dead callers), else None."""
        if unit.key not in self.keys or unit.key in self.whole or unit.error is not None:
            return None
        candidates = self._candidates.get(unit.key)
        if candidates is None:
            candidates = self._candidates[unit.key] = {
                (function.start_byte, function.end_byte): (name, declared)
                for name, declared, function in self.functions(unit)
            }
        around = node.parent
        while around is not None:
            found = candidates.get((around.start_byte, around.end_byte))
            handler = found is None
            if handler:
                found = _ui_kit_handler(unit, around)
            if found is not None:
                name, declared = found
                unused = self.unused(unit, name, declared, around, depth + 1)
                if handler and unused is not None and unused[0] != (name,):
                    return None  # exported or imported under another name, which the manifest may name
                return None if unused is None else (*unused[0], *unused[1])
            around = around.parent
        return None


def _ui_kit_handler(unit: Unit, node: Node) -> tuple[str, Node] | None:
    """(name, its declaration) when `node` is the call in `const run = render(<App />)` at a
    module's top, `render` being UI Kit 1's (@forge/ui): it makes the handler Forge calls, and
    the elements it is given are rendered, their components called, only when `run` runs
    (review 38, Domminique/gen-ai: a `run` no module names)."""
    declarator = node.parent
    if node.type != "call_expression" or declarator is None or declarator.type != "variable_declarator":
        return None
    declaration = declarator.parent
    top = declaration.parent if declaration is not None else None
    if top is not None and top.type == "export_statement":
        top = top.parent
    name = declarator.child_by_field_name("name")
    callee = node.child_by_field_name("function")
    if top is None or top.type != "program" or name is None or name.type != "identifier" or callee is None:
        return None
    if callee.type != "identifier" or declarator.child_by_field_name("value") != node:
        return None
    binding = unit.lookup(text_of(callee), callee)
    if getattr(binding, "kind", "") != "import" or getattr(binding, "source", "") != "@forge/ui":
        return None
    return (text_of(name), name) if getattr(binding, "imported", "") == "render" else None


#: a call of a member chosen at run time: `actions[event.action](...)`, `this[name](...)`,
#: `ops[name].call(ops, ...)` (also `.apply`, `.bind`)
_COMPUTED_CALL = re.compile(
    rb"[\w$)\]]\s*\[\s*[^\]'\"`\s\d][^\]]*\]\s*(?:\?\.)?\s*(?:\.\s*(?:call|apply|bind)\s*(?:\?\.)?\s*)?\("
)
#: a Proxy, whose handler's methods (`get`, `apply`...) JavaScript calls by their names, and
#: reflection that lists a class's members (`getOwnPropertyDescriptors(Job.prototype)`)
_PROXY = re.compile(
    rb"(?<![\w$.])Proxy\b|\bgetOwnPropertyDescriptors?\b|\bgetOwnPropertyNames\b|\bReflect\s*\.\s*ownKeys\b"
)


#: `x = new Actions(...)`: an instance whose member read at run time may be a method
_INSTANCE = re.compile(rb"([\w$]+)\s*=\s*new\s+[\w$.]+")
#: a member read with a key known only at run time (not a string or number literal)
_COMPUTED_KEY = rb"\s*\[\s*[^\]'\"`\s\d]"


def _chooses_a_member(data: bytes) -> bool:
    """Whether code may pick a method by a name known at run time: a computed member call
    (`handlers[name](...)`, `ops[name].call(...)`), `this[name]`, a computed read of a `new`
    instance (`const h = actions[event.action]`), a Proxy (its handler's traps), or reflection
    over members (`Object.getOwnPropertyDescriptors`)."""
    if _COMPUTED_CALL.search(data) or re.search(rb"\bthis" + _COMPUTED_KEY, data) or _PROXY.search(data):
        return True
    instances = {match.group(1) for match in _INSTANCE.finditer(data)}
    return any(re.search(rb"(?<![\w$.])" + re.escape(name) + _COMPUTED_KEY, data) for name in instances)


#: methods JavaScript itself calls: `JSON.stringify` (`toJSON`), string and number
#: conversion, `await` (`then`), Node's `util.inspect`, DOM events (`handleEvent`), and an
#: iterator's `next`/`return`/`throw` (`for...of`, spreading, destructuring, `yield*`)
_CALLED_BY_THE_RUNTIME = frozenset(
    {"toJSON", "toString", "valueOf", "then", "inspect", "handleEvent", "next", "return", "throw"}
)


def _decorated(function: Node) -> bool:
    """A method (or its class) with a decorator, which may register it to be called by name."""
    owner = function.parent.parent if function.parent is not None else None
    before = function.prev_named_sibling  # TypeScript puts a method's decorators before it
    return (
        any(child.type == "decorator" for child in function.children)
        or (before is not None and before.type == "decorator")
        or (owner is not None and any(child.type == "decorator" for child in owner.children))
    )


def _is_method(function: Node) -> bool:
    """A class or object-literal method (`m() {}`, `m: () => ...`): what a computed member
    call may reach."""
    parent = function.parent
    return function.type == "method_definition" or (parent is not None and parent.type == "pair")


def _names_something_else(unit: Unit, home: Unit, node: Node, declared: Node) -> bool:
    """Whether a mention of a function's name (not a method's) in `unit` is sure not to be the
    function declared at `declared` in `home`: another object's property (`console.log`,
    `data.transition`, a key `assign:`; unless the function is a namespace's or a classic
    script's, which a property reaches), a word of a longer string (`/issue/${k}/comment`), a
    TypeScript type (`typeof archiveIssue`), or a name that another binding of its scope holds
    (a local `const notify`, a parameter). An import of the name, a global and a string of the
    name alone may still be it."""
    kind = node.type
    if kind == "property_identifier":  # not a namespace's member (`N.get`) nor a script's global
        return not _in_a_namespace(declared) and _a_module(home)
    if kind == "string_fragment":  # a word of a longer text (`/issue/${k}/comment`); not with `eval`
        return text_of(node) != text_of(declared) and b"eval" not in unit.file.data
    if kind != "identifier":
        return False
    if _an_imported_name(node):
        return False  # `import { run as inner }`: another module's `run`, whatever is local
    up = node.parent
    for _ in range(_TYPE_DEPTH):
        if up is None:
            break
        if up.type in _TYPE_CONTEXTS:
            return True
        up = up.parent
    bound = unit.lookup(text_of(node), node)
    if bound is None:
        return False  # a global: a script's top-level function is one
    if isinstance(bound, tuple):
        return True  # a parameter
    if getattr(bound, "kind", "") in ("import", "namespace"):
        return False  # may be this function, imported
    return unit.key != home.key or getattr(bound, "node", None) not in (declared.parent, declared)


def _an_imported_name(node: Node) -> bool:
    """Whether `node` is the name another module exports in `import { run as inner }` or
    `export { run as main } from './panel'`: it names no binding of this module."""
    specifier = node.parent
    if specifier is None or specifier.child_by_field_name("name") != node:
        return False
    if specifier.type == "import_specifier":
        return True
    statement = enclosing(node, frozenset({"export_statement"}))
    return (
        specifier.type == "export_specifier"
        and statement is not None
        and statement.child_by_field_name("source") is not None
    )


#: built-in objects whose methods share names with an app's own (`delete`, `get`, `append`)
_BUILT_IN_CONSTRUCTORS = frozenset(
    {"Map", "Set", "WeakMap", "WeakSet", "URLSearchParams", "Headers", "FormData", "Array", "Date"}
)


def _a_built_in_member(unit: Unit, node: Node) -> bool:
    """Whether a method's name at `node` is read on a variable that holds a built-in object
    made where it is declared and never written again (`const seen = new Map()`, then
    `seen.delete(k)`, or an array literal): what it reaches is the built-in's method, not the
    app's own of that name. A constructor the file binds itself (`class Map`) may be anything."""
    member = node.parent
    if node.type != "property_identifier" or member is None or member.type != "member_expression":
        return False
    target = member.child_by_field_name("object")
    if target is None or target.type != "identifier" or text_of(target) in unit.reassigned:
        return False
    bound = unit.lookup(text_of(target), target)
    if not isinstance(bound, Decl) or bound.kind != "var":
        return False
    value = bound.node.child_by_field_name("value")
    if value is None or value.type == "array":
        return value is not None
    made = value.child_by_field_name("constructor") if value.type == "new_expression" else None
    return (
        made is not None
        and made.type == "identifier"
        and text_of(made) in _BUILT_IN_CONSTRUCTORS
        and unit.lookup(text_of(made), made) is None
    )


def _in_a_namespace(node: Node) -> bool:
    """Whether `node` is inside a TypeScript namespace, whose functions `N.get` reaches."""
    return enclosing(node, NAMESPACES) is not None


def _a_module(unit: Unit) -> bool:
    """An ES or CommonJS module, whose top-level functions are not properties of the global
    object (a classic script's are: `window.track()` reaches `function track`)."""
    data = unit.file.data
    return b"import" in data or b"export" in data or b"require" in data


#: where a name stands for a type, not a value, and how far up one is looked for
_TYPE_CONTEXTS = frozenset(
    {"type_query", "type_annotation", "type_alias_declaration", "interface_declaration", "type_arguments"}
)
_TYPE_DEPTH = 6


def _logged(node: Node) -> bool:
    """Whether `node` is (in) text handed straight to `console.log(...)` and the like: a message
    names a function without calling it."""
    text = node
    while text.type in ("string_fragment", "string", "template_string", "template_substitution"):
        if text.parent is None:
            return False
        text = text.parent
    if text is node or text.type != "arguments":
        return False
    call = text.parent
    callee = call.child_by_field_name("function") if call is not None else None
    target = (
        callee.child_by_field_name("object")
        if callee is not None and callee.type == "member_expression"
        else None
    )
    return target is not None and target.type == "identifier" and text_of(target) == "console"


def _only_dead_callers(callers: tuple[str, ...]) -> str:
    """Why a function some code names never runs: only functions that never run name it."""
    if not callers:
        return ""
    named = ", ".join(f"`{name}`" for name in callers[:3])
    return f"only code that never runs calls it ({named})"


def _alias_if_benign(node: Node) -> str | None:
    """ "" when the name stands in an import or export list (the other name, when it is
    renamed there); None when it stands anywhere else (a use)."""
    parent = node.parent
    if parent is None or parent.type not in ("import_specifier", "export_specifier"):
        return None
    alias = parent.child_by_field_name("alias")
    if alias is None or alias == node:
        return ""
    return text_of(alias)
