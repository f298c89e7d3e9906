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
#: settings under which a compiler keeps an import whose names are only types (matched in the
#: text and in parsed keys): `emitDecoratorMetadata` and SWC's `decoratorMetadata` write a
#: decorated parameter's type out as a value, as does babel-plugin-transform-typescript-metadata
_KEEPS = re.compile(
    r"verbatimModuleSyntax|preserveValueImports|importsNotUsedAsValues|onlyRemoveTypeImports"
    r"|decoratorMetadata|typescript-metadata|jsxFactory|jsxFragmentFactory|pragma",
    re.I,
)
#: in a JSON-with-comments file: a string, or a comment (an unclosed one runs to the end);
#: then a string, or a comma before a closing bracket. Two passes, each linear
_JSONC_COMMENTS = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)')
_JSONC_COMMAS = re.compile(r'"(?:[^"\\\n]|\\.)*"|,\s*(?=[}\]])')
_BABEL_CONFIGS = (".babelrc", "babel.config")
#: where a name stands without being a use of the binding: a type, a property, a comment, a string
_NOT_A_USE = frozenset({"type_identifier", "property_identifier", "comment", "string_fragment"})
#: names a JSX factory goes by (classic React, Preact, UI Kit 1's `ForgeUI.createElement`);
#: another one is named in a setting (`jsxFactory`, Babel's `pragma`), which keeps every import
_JSX_FACTORIES = frozenset(
    {b"React", b"h", b"Fragment", b"createElement", b"jsx", b"jsxs", b"Preact", b"ForgeUI"}
)


def keeps_type_imports(places: Iterable[str]) -> bool:
    """Whether a setting in `places` (js/import_settings.py `setting_places`) may keep an import
    whose names are only types (or writes a decorated parameter's type out as a value), or
    cannot be read: a tsconfig that is no JSON, extends one not among them, or a Babel config
    that names a preset or plugin of another package (it may set `onlyRemoveTypeImports`)."""
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
            babel = lowered.startswith(_BABEL_CONFIGS)
            if not (typescript or lowered == "package.json" or lowered.startswith(ALIAS_CONFIGS)):
                continue
            text = _read(os.path.join(place, name))
            if text is None or _KEEPS.search(text):
                return True
            if typescript and not _tsconfig_drops(place, text, known):
                return True
            if (babel or (lowered == "package.json" and '"babel"' in text)) and _babel_unknown(lowered, text):
                return True
    return False


def _tsconfig_drops(place: str, text: str, known: set[str]) -> bool:
    """Whether a tsconfig (JSON with comments) is read whole, names no setting that keeps type
    imports (a key may be spelled with escapes), and extends only tsconfig files in a known
    place (read too); a package's config (`@tsconfig/node18`) is not read."""
    data = _jsonc(text)
    if not isinstance(data, dict) or any(_KEEPS.search(key) for key in _keys(data)):
        return False
    extends = data.get("extends", [])
    for target in [extends] if isinstance(extends, str) else extends if isinstance(extends, list) else [None]:
        if not isinstance(target, str) or not target.startswith("."):
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


def _babel_unknown(name: str, text: str) -> bool:
    """Whether a Babel config may set what scopecheck cannot see: it is code (`babel.config.js`),
    extends another, or names a preset or plugin that is not one of `@babel/`'s (a shared
    preset may set `onlyRemoveTypeImports`; a short name like `transform-x` is a package too)."""
    data = _jsonc(text)
    if name == "package.json":
        data = data.get("babel") if isinstance(data, dict) else None
        if data is None:
            return False
    if not isinstance(data, dict) or "extends" in data or "env" in data or "overrides" in data:
        return True
    for field in ("presets", "plugins"):
        for entry in data.get(field) or []:
            part = entry[0] if isinstance(entry, list) and entry else entry
            if not (isinstance(part, str) and part.startswith("@babel/")):
                return True
    return False


def _jsonc(text: str) -> object:
    """JSON with comments and trailing commas (tsconfig), or None when it is not that."""
    import json

    def keep_strings(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0).startswith('"') else ""

    stripped = _JSONC_COMMAS.sub(keep_strings, _JSONC_COMMENTS.sub(keep_strings, text))
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def _keys(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def dropped(program: Program, key: str, offset: int) -> bool:
    """Whether the import whose module path starts at byte `offset` of a TypeScript file is
    dropped when compiled (the caller has checked that no setting keeps such imports)."""
    unit = program.unit(key)
    if unit.file.language not in _TYPESCRIPT or unit.root.has_error or b"\\u" in unit.file.data:
        return False  # `m\u0061rk` is `mark`: a use the name's spelling does not show
    jsx = unit.file.language == "tsx" and (b"/>" in unit.file.data or b"</" in unit.file.data)
    if jsx and b"@jsx" in unit.file.data:
        return False  # a pragma names the JSX factory (`/** @jsx h */`)
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
    if names == []:  # `{ type A }` binds no value; `{}` binds nothing: tsc drops it, Babel keeps it
        return any(child.type == "type" for spec in _specifiers(clause) for child in spec.children)
    if names is None or (jsx and not _JSX_FACTORIES.isdisjoint(names)):
        return False  # JSX uses the factory (`React.createElement`) where no name shows it
    return not any(_used_as_value(unit.root, unit.file.data, name, node) for name in names)


def _specifiers(clause: Node) -> list[Node]:
    return [
        spec
        for child in clause.named_children
        if child.type == "named_imports"
        for spec in child.named_children
        if spec.type == "import_specifier"
    ]


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
        if node.type == "type_identifier" and _in_instantiation(node):
            return True  # `a < LIMIT > -b` is two comparisons to tsc; tree-sitter reads `a<LIMIT>`
    return False


def _in_instantiation(node: Node) -> bool:
    """Whether a type name stands in `expr<...>` with no call after it, which tsc, Babel and
    esbuild may read as comparisons (`score < LIMIT > -offset`)."""
    holder = node.parent
    while holder is not None and not holder.type.endswith(("statement", "declaration")):
        if holder.type == "instantiation_expression":
            return True
        holder = holder.parent
    return False


def _read(path: str) -> str | None:
    """A settings file's text, decoded by its byte-order mark (UTF-16 is what Windows shells
    write); None for one in another encoding, which a compiler may read and scopecheck cannot."""
    import codecs

    try:
        with open(path, "rb") as handle:
            data = handle.read(1024 * 1024)
    except (OSError, ValueError):
        return ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if b"\x00" in data:
        return None
    return data.decode("utf-8-sig", "replace")
