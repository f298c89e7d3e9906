"""Resolver functions no front end invokes: code that never runs.

A Custom UI or UI Kit front end runs a resolver by its name: `invoke('getIssues')` from
@forge/bridge runs the function given to `resolver.define('getIssues', fn)`. A function
defined under a name that no code invokes never runs, unless the manifest names it (a queue
consumer's `method`); that last check is the caller's, which has the manifest (needs.py).
Nor does one defined on a `new Resolver()` that its module uses only to `define` on (no
`getDefinitions()`, no export, not handed on): Forge runs resolvers only through the handler
`getDefinitions()` makes. That holds whatever the front ends invoke, so it is told always.

When it cannot be told who invokes what, no resolver is called uninvoked: an app with no
front end, or one whose sources are not here (a resource folder with no source files, and
no package.json beside a build folder that would say where they are), a file not analysed (too large, a
syntax error), an `invoke` whose name is not a string literal, or `invoke` used as a value,
renamed, or re-exported. A resolver given as a named function (`define('a', load)`) may run
from elsewhere and is not considered either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.unit import enclosing, property_name, string_value
from scopecheck.ecosystems.forge.code.usage import Resolver

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.files import SourceFile
    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

_INVOKE = re.compile(rb"(?<![\w$])invoke(?![\w$])")
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})
_RESOLVER_PACKAGE = "@forge/resolver"
#: `require('@forge/resolver')`, `require("@forge/resolver").default`
_REQUIRE = re.compile(rb"""require\(\s*['"]@forge/resolver['"]\s*\)(?:\.default)?""")


def uninvoked_resolvers(
    program: Program,
    files: Sequence[SourceFile],
    analyzed: Iterable[str],
    frontend_dirs: Sequence[str],
    any_problem: bool,
    live: set[str] | None = None,
    modules: tuple[str, Sequence[tuple[str, tuple[str, ...]]]] | None = None,
) -> tuple[Resolver, ...]:
    """The resolvers defined in analysed files under a name no code that may run invokes;
    () when that cannot be told (`any_problem`: a file not analysed, or a package built on
    Forge whose code may invoke them). `live`: the files an entry point reaches, when known;
    an `invoke` in any other file, or in a statement no path reaches, never runs. `modules`
    (the app's folder, and each front-end folder with the handler modules of the resolvers its
    `invoke`s reach), given when reachability is known: an `invoke` in a front end reaches
    only the resolvers its modules' handlers import (review 36, app13). A resolver
    defined on a `new Resolver()` whose definitions nothing takes never runs either, whoever
    invokes its name."""
    defined = {
        key: list(_defined_on(program, program.units[key]))
        for key in sorted(analyzed)
        if b"define" in program.units[key].file.data and b"@forge/resolver" in program.units[key].file.data
    }
    idle = _on_idle_resolvers(program, defined)
    taken = {resolver.span for resolver in idle}
    found = _uninvoked(program, files, defined, frontend_dirs, any_problem, live, modules)
    return (*idle, *(resolver for resolver in found if resolver.span not in taken))


def _uninvoked(
    program: Program,
    files: Sequence[SourceFile],
    defined: dict[str, list[tuple[str, Node, Node]]],
    frontend_dirs: Sequence[str],
    any_problem: bool,
    live: set[str] | None,
    modules: tuple[str, Sequence[tuple[str, tuple[str, ...]]]] | None,
) -> tuple[Resolver, ...]:
    if not frontend_dirs or any_problem:
        return ()
    for folder in frontend_dirs:
        if _sources_of(folder, files) is None:
            return ()  # a front end whose sources are not here may invoke anything
    backends = _InvokeTargets(program, files, modules, frontend_dirs)
    #: each name a running `invoke` names -> the files of the resolvers it may reach (None: any)
    invoked: dict[str, set[str] | None] = {}
    dead: dict[str, str] = {}  # a name only code that never runs invokes: how it never runs
    other: dict[str, str] = {}  # a name only other modules' front ends invoke: which
    for file in files:
        if b"invoke" not in file.data:
            continue
        unit = program.unit(file.key)
        calls = _invocations(unit)
        if calls is None:
            return ()
        if live is not None and file.key not in live:
            for name in calls:
                dead.setdefault(
                    name, f"which only {file.display} invokes, a file no handler or resource imports"
                )
            continue
        never = _never_running(program, unit, [call for found in calls.values() for call in found])
        for name, found in calls.items():
            running = [call for call in found if call.id not in never]
            if running:
                reached = backends.of(file.key)
                known = invoked.get(name, set())
                invoked[name] = None if reached is None or known is None else known | reached
                other.setdefault(name, file.display)
            else:
                line = found[0].start_point[0] + 1
                where = f"{file.display}:{line}: {never[found[0].id]}"
                dead.setdefault(name, f"which only code that never runs invokes ({where})")
    found_resolvers: list[Resolver] = []
    for key, definitions in defined.items():
        unit = program.units[key]
        for name, function, _receiver in definitions:
            reached = invoked.get(name, set())
            if reached is not None and key not in reached:
                why = dead.get(name, "")
                if name in other:
                    why = (
                        f"which is invoked only from front ends ({other[name]}) whose modules' "
                        "resolver functions do not import this file"
                    )
                found_resolvers.append(Resolver(name, unit.positions.span(function), why))
    return tuple(found_resolvers)


#: `new Modal({ resource: 'settings' })` of @forge/bridge: the resource runs in the opener's
#: module, whose resolver its `invoke`s reach (review 39)
_MODAL = re.compile(rb"\bModal\b")


class _InvokeTargets:
    """Which resolver files an `invoke` in a front-end file may reach: those the handlers of
    its modules' resolver functions import. None (any) for a file no mapped front end's
    imports hold, and for every file when reachability is not known (`modules` is None)."""

    def __init__(
        self,
        program: Program,
        files: Sequence[SourceFile],
        modules: tuple[str, Sequence[tuple[str, tuple[str, ...]]]] | None,
        frontend_dirs: Sequence[str],
    ) -> None:
        from scopecheck.ecosystems.forge.code.js.reach import handler_files

        self._fronts: list[tuple[set[str], set[str] | None]] = []
        if modules is None or any(_MODAL.search(file.data) for file in files):
            return  # a Modal shows a resource under its opener's module and resolver
        root, invokers = modules

        def imported_by(folder: str) -> set[str]:
            prefix = folder.rstrip(os.sep) + os.sep
            return program.import_closure(file.key for file in files if file.key.startswith(prefix))

        for folder, handlers in invokers:
            entries = handler_files(program, root, handlers)
            self._fronts.append(
                (imported_by(folder), None if entries is None else program.import_closure(entries))
            )
        # a front end no module maps to a resolver function may invoke any: so may what it imports
        mapped = {os.path.normpath(folder) for folder, _handlers in invokers}
        for folder in frontend_dirs:
            if os.path.normpath(folder) not in mapped:
                self._fronts.append((imported_by(folder), None))

    def of(self, key: str) -> set[str] | None:
        targets = [backend for front, backend in self._fronts if key in front]
        if not targets or any(backend is None for backend in targets):
            return None
        return set().union(*(backend for backend in targets if backend is not None))


def _never_running(program: Program, unit: Unit, calls: list[Node]) -> dict[int, str]:
    """The calls among `calls` in a statement or expression no path reaches, or in a function
    of the module nothing names, by node id, with why it never runs (`if (false)`, after a
    `return`)."""
    if not calls:
        return {}
    from scopecheck.ecosystems.forge.code.js.uncalled import never_run, unnamed_module_functions

    dead: dict[int, str] = {}
    targets = sorted(call.start_byte for call in calls)
    unnamed = [
        (function, f"it is in `{name}`, which nothing in its module names")
        for name, function in unnamed_module_functions(unit, targets)
    ]
    for node, why in (*never_run(unit, targets, program), *unnamed):
        for call in calls:
            if node.start_byte <= call.start_byte < node.end_byte:
                dead.setdefault(call.id, why)
    return dead


def _sources_of(folder: str, files: Sequence[SourceFile]) -> str | None:
    """The folder holding a front end's sources: the resource folder itself, or, for a
    build output that is not checked in (`static/ui/build`), the project it is built from
    (`static/ui`, with its package.json). None when neither holds source files."""
    for candidate in (folder, os.path.dirname(folder.rstrip(os.sep))):
        prefix = candidate.rstrip(os.sep) + os.sep
        here = any(file.key.startswith(prefix) for file in files)
        if here and (candidate == folder or os.path.isfile(os.path.join(candidate, "package.json"))):
            return candidate
    return None


def _invocations(unit: Unit) -> dict[str, list[Node]] | None:
    """The calls of each name this file invokes (`invoke('name')`, `bridge.invoke("name",
    payload)`), or None when one is not a string literal or `invoke` is used any other way."""
    if unit.error is not None:
        return None
    names: dict[str, list[Node]] = {}
    for match in _INVOKE.finditer(unit.file.data):
        node = unit.root.descendant_for_byte_range(match.start(), match.end())
        if node is None:
            return None
        kind = node.type
        if kind in ("string_fragment", "string", "template_string"):
            text = node if kind != "string_fragment" else node.parent
            holder = text.parent if text is not None else None
            if holder is not None and holder.type == "subscript_expression":
                return None  # `bridge['invoke'](...)`: called by a computed name
            continue
        if kind in ("comment", "jsx_text"):
            continue
        if node.start_byte != match.start() or node.end_byte != match.end():
            return None
        parent = node.parent
        if parent is None:
            return None
        if parent.type == "import_specifier":
            alias = parent.child_by_field_name("alias")
            if alias is None or alias.text == b"invoke":
                continue  # `import { invoke } from '@forge/bridge'`
            return None
        callee = node
        if kind == "property_identifier" and parent.type == "member_expression":
            callee = parent
        elif kind != "identifier":
            return None
        call = callee.parent
        if call is None or call.type != "call_expression" or call.child_by_field_name("function") != callee:
            return None  # `invoke` passed, stored or defined by the app
        name = _literal_first_argument(call)
        if name is None:
            return None
        names.setdefault(name, []).append(call)
    return names


def _literal_first_argument(call: Node) -> str | None:
    args = call.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return None
    first = next((child for child in args.named_children if child.type != "comment"), None)
    if first is None:
        return None
    if first.type == "string":
        return string_value(first)
    if first.type == "template_string" and not any(
        c.type == "template_substitution" for c in first.named_children
    ):
        return "".join(text_of(c) for c in first.named_children if c.type == "string_fragment")
    return None


def _on_idle_resolvers(program: Program, defined: dict[str, list[tuple[str, Node, Node]]]) -> list[Resolver]:
    """The resolvers defined on a `new Resolver()` that its module uses for nothing but
    `define` (review 36, app49: a second Resolver, never exported): Forge runs a resolver only
    through the handler `getDefinitions()` makes, so none of them ever runs."""
    found: list[Resolver] = []
    for key, definitions in defined.items():
        unit = program.units[key]
        idle: dict[str, bool] = {}
        for name, function, receiver in definitions:
            variable = text_of(receiver)
            if variable not in idle:
                # `resolver.getDefinitions` written out (the usual case): taken, no word scan
                taken = (variable + ".getDefinitions").encode() in unit.file.data
                idle[variable] = not taken and _only_defined_on(unit, receiver)
            if idle[variable]:
                why = (
                    f"which is defined on `{variable}`, a `new Resolver()` whose definitions nothing "
                    f"takes (no `{variable}.getDefinitions()` is exported or handed on)"
                )
                found.append(Resolver(name, unit.positions.span(function), why))
    return found


def _only_defined_on(unit: Unit, receiver: Node) -> bool:
    """Whether every word in the module that names the resolver variable `receiver` names is
    its declaration or the object of a `.define(...)` call that is a statement of its own (not
    a `getDefinitions()`, an export, an argument, another write, or a call whose result, the
    resolver again, is used). Words in strings and comments name nothing."""
    name = text_of(receiver)
    decl = unit.lookup(name, receiver)
    declarator = getattr(decl, "node", None)
    if declarator is None or enclosing(declarator, _EXPORTS) is not None:
        return False  # `export const resolver = new Resolver()`
    declared = declarator.child_by_field_name("name")
    for start in unit.word_starts(name):
        node = unit.root.descendant_for_byte_range(start, start + len(name.encode()))
        if node is None:
            return False
        if node.type not in ("identifier", "shorthand_property_identifier", "property_identifier"):
            continue  # in a string or a comment
        if node.type == "property_identifier" or unit.means_another(name, start, declarator):
            continue  # `x.resolver`, or another variable of that name
        if declared is not None and node.id == declared.id:
            continue
        member = node.parent
        call = member.parent if member is not None else None
        if (
            member is None
            or call is None
            or member.type != "member_expression"
            or member.child_by_field_name("object") != node
            or property_name(member.child_by_field_name("property")) != "define"
            or call.type != "call_expression"
            or call.child_by_field_name("function") != member
            # `define` returns the resolver: `r.define(…).getDefinitions()` takes them
            or call.parent is None
            or call.parent.type != "expression_statement"
        ):
            return False
    return True


#: where a declaration is exported with it
_EXPORTS = frozenset({"export_statement"})


def _defined_on(program: Program, unit: Unit) -> Iterable[tuple[str, Node, Node]]:
    """`resolver.define('name', (req) => ...)` on a `new Resolver()` from @forge/resolver:
    each literal name, the function written in the call and the resolver variable."""
    for call in unit.calls:
        if call.type != "call_expression":
            continue
        function = call.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            continue
        if property_name(function.child_by_field_name("property")) != "define":
            continue
        receiver = function.child_by_field_name("object")
        if receiver is None or receiver.type != "identifier" or not _is_resolver(program, unit, receiver):
            continue
        args = call.child_by_field_name("arguments")
        parts = (
            [child for child in args.named_children if child.type != "comment"] if args is not None else []
        )
        if len(parts) == 2 and parts[0].type == "string" and parts[1].type in _FUNCTIONS:
            yield string_value(parts[0]), parts[1], receiver


def _is_resolver(program: Program, unit: Unit, receiver: Node) -> bool:
    """The variable is `new Resolver()`, Resolver being @forge/resolver's default export."""
    decl = unit.lookup(text_of(receiver), receiver)
    declarator = getattr(decl, "node", None)
    if decl is None or getattr(decl, "kind", "") != "var" or declarator is None:
        return False
    value = declarator.child_by_field_name("value")
    if value is None or value.type != "new_expression":
        return False
    constructor = value.child_by_field_name("constructor")
    if constructor is None or constructor.type != "identifier":
        return False
    binding = unit.lookup(text_of(constructor), constructor)
    if getattr(binding, "kind", "") == "import":
        return binding.source == _RESOLVER_PACKAGE and binding.imported == "default"  # type: ignore[union-attr]
    required = getattr(binding, "node", None)
    if getattr(binding, "kind", "") != "var" or required is None:
        return False
    source = required.child_by_field_name("value")
    return source is not None and _REQUIRE.fullmatch(source.text or b"") is not None
