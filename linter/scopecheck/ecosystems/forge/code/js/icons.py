"""Icons that dynamic-properties functions return: images the product loads from their URLs.

A `confluence:contentBylineItem`, `jira:issueGlance` or `jira:issueContext` module with
`dynamicProperties.function` takes its title, icon or status at run time from what that
function returns, and the product loads the icon's URL as an image. Forge's always-allowed
image hosts do not count here: forge lint (@forge/lint 6.3.1 dynamic-properties-linter)
checks these icons against `permissions.external.images` alone, so each is a `Fetch`,
which SC403 judges without that exemption.

Read in each object the function returns: `icon: <url>` (Confluence bylines) and
`status: {type: 'icon', value: {url: <url>}}` (Jira glances and contexts); both shapes in
every such object, whatever the module type, as forge lint does. The URL is evaluated like a
request URL (string constants, templates and `+` across relative modules), branch by branch
(`?:`, `||`, `??`, `&&`); relative, `resource:` and `data:` URLs load nothing from another
host and are left out.

Which function: the engine passes the `handler` of the `function` module that
`dynamicProperties.function` names. As Forge resolves it, `index.props` is the export `props`
of `src/index` (any JS/TS extension, or `src/index/index.*`), followed through re-exports
and CommonJS exports. Read in it: each `return` (not those of nested functions) or an arrow's
expression body, the branches of `?:`, `||`, `??` and `&&` there, names bound to object
literals, and the returns of the app's own functions it returns the result of (`return
build(x)`), to a depth of `MAX_DEPTH`.

When a handler cannot be followed (no `function` module has the key, no such file or export,
or the export is not a function), forge lint's own heuristic is used instead: every object
literal that an arrow function's body is or a `return` gives back, in every app file that
mentions `icon`. The extra tree-sitter query this needs is compiled only then.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js import render
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.calls import Request, branches
from scopecheck.ecosystems.forge.code.js.grammar import text_of
from scopecheck.ecosystems.forge.code.js.unit import property_name, return_statements
from scopecheck.ecosystems.forge.code.usage import Fetch

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.core.findings import Span
    from scopecheck.ecosystems.forge.code.js.program import Program
    from scopecheck.ecosystems.forge.code.js.unit import Unit

#: how many app functions deep `return build(x)` is followed
MAX_DEPTH = 3
#: where Forge looks for the file a handler names (`index.run` -> `src/index.*`)
SOURCE_DIR = "src"
#: a file without this word cannot hold an icon (forge lint's heuristic reads only these)
_MARKER = b"icon"


def find_icons(program: Program, app_root: str, handlers: Sequence[str | None]) -> list[Fetch]:
    """The icons the functions named by `handlers` return (None: a function that is not known).

    `app_root` is the app's folder as an absolute path."""
    finder = _Finder(program)
    followed = True
    for handler in handlers:
        func = resolve_handler(program, app_root, handler) if handler else None
        if func is None:
            followed = False
        else:
            finder.function(func, handler, 0)
    if not followed:
        finder.everywhere()
    return sorted(
        finder.found.values(), key=lambda icon: (icon.span.path, icon.span.start_offset, icon.span.end_offset)
    )


def resolve_handler(program: Program, app_root: str, handler: str) -> v.Func | None:
    """The function a Forge handler names: `lib/props.get` -> export `get` of `src/lib/props.*`."""
    path, _dot, name = handler.strip().rpartition(".")
    if not path or not name:
        return None
    unit = program.resolve_in(os.path.join(app_root, SOURCE_DIR), "./" + path)
    if unit is None:
        return None
    value = program.export_value(unit, name, set())
    return value if isinstance(value, v.Func) else None


class _Finder:
    def __init__(self, program: Program) -> None:
        self.program = program
        self.found: dict[Span, Fetch] = {}
        self._read: set[v.FnRef] = set()

    def function(self, func: v.Func, handler: str | None, depth: int) -> None:
        """The icons in the objects `func` returns."""
        if func.ref in self._read:
            return
        self._read.add(func.ref)
        unit = func.unit
        for returned in returned_expressions(func.node):
            for leaf in branches(returned):
                if leaf.type == "call_expression":
                    callee = leaf.child_by_field_name("function")
                    value = self.program.value(unit, callee) if callee is not None else None
                    if isinstance(value, v.Func) and depth < MAX_DEPTH:
                        self.function(value, handler, depth + 1)
                    continue
                for obj in self._objects(unit, leaf):
                    self.check(obj, handler)

    def everywhere(self) -> None:
        """forge lint's heuristic: the returned object literals of every file mentioning icons."""
        program = self.program
        for file in program.files.values():
            if _MARKER not in file.data:
                continue
            unit = program.unit(file.key)
            for node in program.grammars.returned_objects(file.language, unit.root):
                self.check(v.Obj(unit, node), None)

    def check(self, obj: v.Obj, handler: str | None) -> None:
        """`icon: <url>` and `status: {type: 'icon', value: {url: <url>}}` in one object."""
        icon = _property(obj.node, "icon")
        if icon is not None:
            self._urls(obj.unit, icon, handler)
        status = _property(obj.node, "status")
        for state in self._objects(obj.unit, status) if status is not None else ():
            kind = _property(state.node, "type")
            if kind is None or not self._is_icon(state.unit, kind):
                continue
            value = _property(state.node, "value")
            for target in self._objects(state.unit, value) if value is not None else ():
                url = _property(target.node, "url")
                if url is not None:
                    self._urls(target.unit, url, handler)

    def _urls(self, unit: Unit, node: Node, handler: str | None) -> None:
        for leaf in branches(node):
            value = self._value(unit, leaf)
            if not isinstance(value, v.Str | v.Tmpl):
                continue  # forge lint reads string literals only; anything else is not known
            span = unit.positions.span(leaf)
            found = render.fetch(Request("images", span, value, fetch_kind="images"), self._owner)
            if found is not None and span not in self.found:
                self.found[span] = dataclasses.replace(found, dynamic_icon=True, icon_handler=handler)

    def _objects(self, unit: Unit, node: Node) -> Iterator[v.Obj]:
        """The object literals `node` may be (a literal, a name bound to one, either branch)."""
        for leaf in branches(node):
            value = self._value(unit, leaf)
            if isinstance(value, v.Obj):
                yield value

    def _is_icon(self, unit: Unit, node: Node) -> bool:
        """`type: 'icon'` (forge lint also takes a bare name `icon`)."""
        if node.type == "identifier" and node.text == b"icon":
            return True
        value = self._value(unit, node)
        return isinstance(value, v.Str) and value.text == "icon"

    def _value(self, unit: Unit, node: Node) -> v.Value:
        if node.type == "shorthand_property_identifier":  # `{ icon }`
            return self.program.name_value(unit, text_of(node), node)
        return self.program.value(unit, node)

    def _owner(self, ref: v.FnRef) -> str:
        name = self.program.function_name(ref)
        return f"`{name}`" if name else "an anonymous function"


def returned_expressions(function: Node) -> list[Node]:
    """What a function returns: an arrow's expression body, or the expression of each of its
    `return` statements (not those of functions or classes nested in it), in source order."""
    body = function.child_by_field_name("body")
    if body is None:
        return []
    if body.type != "statement_block":
        return [body]
    found: list[Node] = []
    for statement in return_statements(body):
        inner = [part for part in statement.named_children if part.type != "comment"]
        if inner:
            found.append(inner[0])
    return found


def _property(obj: Node, name: str) -> Node | None:
    """The value node of key `name` in an object literal (the last one written wins), or the
    shorthand `{ name }` itself."""
    found = None
    for child in obj.named_children:
        kind = child.type
        if kind == "pair":
            if property_name(child.child_by_field_name("key")) == name:
                found = child.child_by_field_name("value")
        elif kind == "shorthand_property_identifier" and text_of(child) == name:
            found = child
    return found
