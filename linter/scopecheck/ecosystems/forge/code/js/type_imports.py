"""Which imports a TypeScript build drops: `import type`, `export type ... from`, and an
import whose names the file uses only as types (`import { RequestInit } from 'node-fetch'`
read only in `options?: RequestInit`). tsc, Babel, esbuild and SWC all drop them, so such an
import loads no module, and an alias it might name reaches no app file. A setting that keeps
them (`verbatimModuleSyntax`, `preserveValueImports`, `importsNotUsedAsValues`, Babel's
`onlyRemoveTypeImports`) or a tsconfig that extends one scopecheck cannot read makes every
import count as kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scopecheck.ecosystems.forge.code.js.import_settings import ALIAS_CONFIGS

if TYPE_CHECKING:
    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.program import Program

_TYPESCRIPT = frozenset({"typescript", "tsx"})
#: settings under which a compiler keeps an import whose names are only types
#: (`emitDecoratorMetadata` writes a decorated parameter's type out as a value)
_KEEPS = re.compile(
    r"verbatimModuleSyntax|preserveValueImports|importsNotUsedAsValues|onlyRemoveTypeImports|emitDecoratorMetadata",
    re.I,
)
_EXTENDS = re.compile(r'"extends"\s*:\s*(\[[^\]]*\]|"[^"]*")')
#: where a name stands without being a use of the binding: a type, a property, a comment, a string
_NOT_A_USE = frozenset({"type_identifier", "property_identifier", "comment", "string_fragment"})


def keeps_type_imports(places: Iterable[str]) -> bool:
    """Whether a setting in `places` (js/import_settings.py `setting_places`) may keep an import
    whose names are only types, or extends a tsconfig that is not among them (unknown)."""
    places = sorted(set(places))
    known = set(places)
    for place in places:
        try:
            names = sorted(os.listdir(place))
        except OSError:
            continue
        for name in names:
            lowered = name.lower()
            typescript = lowered.startswith(("tsconfig", "jsconfig"))
            if not (typescript or lowered == "package.json" or lowered.startswith(ALIAS_CONFIGS)):
                continue
            text = _read(os.path.join(place, name))
            if _KEEPS.search(text):
                return True
            if typescript and not _extends_known(place, text, known):
                return True
    return False


def _extends_known(place: str, text: str, known: set[str]) -> bool:
    """Whether every config a tsconfig extends is a tsconfig/jsconfig file in a known place
    (so it is read too); a package's config (`@tsconfig/node18`) is not read."""
    for match in _EXTENDS.finditer(text):
        for target in re.findall(r'"([^"]*)"', match.group(1)):
            if not target.startswith("."):
                return False
            path = os.path.normpath(os.path.join(place, target))
            base = os.path.basename(path).lower()
            if not (
                os.path.isfile(path)
                and os.path.dirname(path) in known
                and base.startswith(("tsconfig", "jsconfig"))
            ):
                return False
    return True


def dropped(program: Program, key: str, offset: int) -> bool:
    """Whether the import whose module path starts at byte `offset` of a TypeScript file is
    dropped when compiled (the caller has checked that no setting keeps such imports)."""
    unit = program.unit(key)
    if unit.file.language not in _TYPESCRIPT or unit.root.has_error:
        return False
    if unit.file.language == "tsx" and (b"/>" in unit.file.data or b"</" in unit.file.data):
        return False  # JSX may use an import no name shows (`React`, a `jsxFactory` like `h`)
    node: Node | None = unit.root.descendant_for_byte_range(offset, offset + 1)
    while node is not None and node.type not in ("import_statement", "export_statement"):
        node = node.parent
    if node is None:
        return False  # `require()` or `import()`: always loaded
    if any(child.type == "type" for child in node.children):
        return True  # `import type { X } from`, `export type { X } from`
    if node.type == "export_statement":
        return False
    clause = next((child for child in node.named_children if child.type == "import_clause"), None)
    if clause is None:
        return False  # `import 'x'` runs the module; `import x = require('x')` is kept
    names = _bound_names(clause)
    return names is not None and not any(
        _used_as_value(unit.root, unit.file.data, name, node) for name in names
    )


def _bound_names(clause: Node) -> list[bytes] | None:
    """The local names an import clause binds, leaving out `type` specifiers; None for a form
    not known here."""
    names: list[bytes] = []
    for child in clause.named_children:
        if child.type == "identifier":
            names.append(child.text or b"")
        elif child.type == "namespace_import":
            inner = next((c for c in child.named_children if c.type == "identifier"), None)
            if inner is None:
                return None
            names.append(inner.text or b"")
        elif child.type == "named_imports":
            for specifier in child.named_children:
                if specifier.type != "import_specifier":
                    continue  # a comment
                if any(c.type == "type" for c in specifier.children):
                    continue
                local = specifier.child_by_field_name("alias") or specifier.child_by_field_name("name")
                if local is None or local.type != "identifier":
                    return None  # `{ 'a-b' as x }` and other forms
                names.append(local.text or b"")
        else:
            return None
    return names


def _used_as_value(root: Node, data: bytes, name: bytes, statement: Node) -> bool:
    """Whether `name` stands anywhere outside `statement` where it is more than a type, a
    property name, a comment or a string (a shorthand property, JSX, `typeof` all count)."""
    pattern = re.compile(rb"(?<![\w$])" + re.escape(name) + rb"(?![\w$])")
    for match in pattern.finditer(data):
        if statement.start_byte <= match.start() < statement.end_byte:
            continue
        node = root.descendant_for_byte_range(match.start(), match.end())
        if node is None:
            return True
        namespace = (
            node.type == "identifier"
            and node.parent is not None
            and node.parent.type == "nested_type_identifier"
        )
        if node.type not in _NOT_A_USE and not namespace:  # `F.RequestInit` as a type: F is a namespace
            return True
    return False


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(1024 * 1024)
    except (OSError, ValueError):
        return ""
