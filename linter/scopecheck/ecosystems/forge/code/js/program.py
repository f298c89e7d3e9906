"""The app as a whole: files parsed on demand, relative imports resolved, expressions evaluated.

`Program.value(unit, node)` answers "what is this expression, statically?"
with a value from `values.py`. It follows names to their declarations, through
destructuring, aliases and relative imports (ES modules and CommonJS), and
folds string constants and templates. It never runs any code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from scopecheck.ecosystems.forge.code.js import forge_api
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.files import LANGUAGE_BY_SUFFIX, SKIPPED_SUFFIXES
from scopecheck.ecosystems.forge.code.js.grammar import first_named, text_of
from scopecheck.ecosystems.forge.code.js.import_syntax import IMPORT_GAP, IMPORT_HEAD
from scopecheck.ecosystems.forge.code.js.own_methods import own_definition
from scopecheck.ecosystems.forge.code.js.subpath_imports import SubpathImports
from scopecheck.ecosystems.forge.code.js.unit import (
    COMPUTED_KEY,
    FUNCTION_TYPES,
    WORD_BYTES,
    WRITES_AFTER,
    WRITES_BEFORE,
    Decl,
    Unit,
    decode_escape,
    enclosing,
    pattern_names,
    property_name,
    return_statements,
    string_value,
    value_used_up,
)
from scopecheck.ecosystems.forge.code.packages import read_json

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from tree_sitter import Node

    from scopecheck.ecosystems.forge.code.js.files import SourceFile
    from scopecheck.ecosystems.forge.code.js.grammar import Grammars

#: expressions that are their inner expression, for this analysis
WRAPPERS = frozenset(
    {
        "parenthesized_expression",
        "await_expression",
        "non_null_expression",
        "as_expression",
        "satisfies_expression",
    }
)
_FUNCTIONS = frozenset(
    {
        "arrow_function",
        "function_expression",
        "function",
        "generator_function",
        "function_declaration",
        "generator_function_declaration",
    }
)
_FORGE_OBJECTS = (
    v.Module,
    v.AsFn,
    v.Requester,
    v.Bound,
    v.FetchFn,
    v.GraphFn,
    v.StorageRef,
    v.PropertiesApi,
    v.PropertyStore,
    v.SdkObject,
    v.CompassGateway,
    v.CompassApi,
    v.CompassClient,
    v.Str,
)
_GLOBAL_OBJECTS = frozenset({"window", "globalThis", "self"})
_TYPE_DECLARATIONS = tuple(suffix for suffix in SKIPPED_SUFFIXES if ".d." in suffix)
#: what an import may load that is no code: styles, data, images, fonts, text
NOT_CODE = (
    ".css", ".scss", ".sass", ".less", ".styl", ".json", ".json5", ".yaml", ".yml", ".toml",
    ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".woff", ".woff2",
    ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".webm", ".wav", ".txt", ".md", ".html", ".htm",
    ".graphql", ".gql", ".csv", ".xml", ".wasm", ".pdf",
    *_TYPE_DECLARATIONS,
)  # fmt: skip
#: a relative module path in `import`, `export ... from`, `require()` or `import()`
RELATIVE_IMPORT = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"](\.\.?(?:/[^'"\n]*)?)['"]""", re.M)
#: an import of a relative path or of a package.json `imports` name (`#lib/bb`)
LOCAL_IMPORT = re.compile(
    IMPORT_HEAD + IMPORT_GAP + rb"""['"]((?:\.\.?(?:/[^'"\n]*)?)|#[^'"\n]+)['"]""", re.M
)
_FRONT_END_IMPORT = re.compile(
    rb"""(?:\bfrom|\brequire\s*\(|^import)\s*['"](?:@forge/bridge|@forge/react|react)['"]""", re.M
)


def _imports_a_front_end_package(data: bytes) -> bool:
    """Whether a file imports `react`, `@forge/react` or `@forge/bridge` (the regex, slow on a
    whole file, runs only where one of the names stands)."""
    return (b"react" in data or b"@forge/bridge" in data) and _FRONT_END_IMPORT.search(data) is not None


#: methods of strings, numbers and arrays a `${...}` in a path commonly calls: a string
_STRING_METHODS = frozenset(
    {
        "toString", "toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd", "replace",
        "replaceAll", "slice", "substring", "substr", "padStart", "padEnd", "join", "toFixed",
        "normalize", "concat", "at", "charAt", "repeat", "valueOf", "toISOString", "getTime",
    }
)  # fmt: skip


def constant_truth(
    unit: Unit, node: Node | None, depth: int = 0, program: Program | None = None
) -> bool | None:
    """`true`, `false`, a number literal, `!x`, `a === b` of two constants, or a `const`
    never written again given one (with `program`, also one another file exports as
    `export const`): its value; else None."""
    node = _unwrapped(node)
    if node is None or depth > 3:
        return None
    if node.type in ("true", "false"):
        return node.type == "true"
    if node.type == "number":  # `while (0)`; a BigInt `0n` is false too
        text = text_of(node)
        number = _number_literal(
            text[:-1] if text.endswith("n") and text[:2].lower() not in ("0x", "0o", "0b") else text
        )
        return number != 0 if number is not None else None
    if node.type == "null" or (node.type == "undefined" and not unit.binds_undefined()):
        return False
    if node.type in ("string", "template_string"):  # `const TARGET = ''`
        string = constant_value(unit, node, depth + 1, program)
        return bool(string[1]) if string is not None else None
    if node.type == "unary_expression" and node.child_by_field_name("operator") is not None:
        operator = node.child_by_field_name("operator")
        if operator is not None and operator.type == "void":  # `void 0`
            return False
        inner = constant_truth(unit, node.child_by_field_name("argument"), depth + 1, program)
        return (not inner) if operator is not None and operator.type == "!" and inner is not None else None
    if node.type == "binary_expression":
        return _constant_comparison(unit, node, depth, program)
    if node.type == "call_expression":
        return _constant_call(unit, node, depth, program)
    if (
        node.type == "member_expression" and program is not None
    ):  # `cfg.write` of `const cfg = { write: false }`
        held = _constant_property(program, unit, node)
        return constant_truth(*held, depth + 1, program) if held is not None else None
    declared = _constant_declared(unit, node, program)
    return constant_truth(*declared, depth + 1, program) if declared is not None else None


def constant_value(
    unit: Unit, node: Node | None, depth: int = 0, program: Program | None = None
) -> tuple[str, object] | None:
    """A literal string, number or boolean (or a `const` given one) as (type, value), the
    pair `===` compares; None for anything else."""
    node = _unwrapped(node)
    if node is None or depth > 3:
        return None
    if node.type in ("true", "false"):
        return ("boolean", node.type == "true")
    if node.type == "number":
        number = _number_literal(text_of(node))
        return ("number", number) if number is not None else None
    if node.type in ("string", "template_string") and all(
        child.type == "string_fragment" for child in node.named_children
    ):  # no `${...}`, no escape whose decoding is a guess
        return ("string", string_value(node))
    if (
        node.type == "unary_expression"
        and program is not None
        and _a_browser_global_on_the_server(unit, node, program)
    ):
        return ("string", "undefined")
    if (
        node.type == "member_expression"
        and property_name(node.child_by_field_name("property")) == "length"
        and empty_constant_array(unit, node.child_by_field_name("object"))  # `TARGETS.length`
    ):
        return ("number", 0.0)
    declared = _constant_declared(unit, node, program)
    return constant_value(*declared, depth + 1, program) if declared is not None else None


#: globals a browser defines and Forge's Node.js runtime does not (Node 21 has `navigator`)
_BROWSER_GLOBALS = frozenset({"window", "document"})


def _a_browser_global_on_the_server(unit: Unit, node: Node, program: Program) -> bool:
    """`typeof window` in a file only function handlers load: "undefined", unless the file
    binds the name itself or some file sets a global of that name (`global.window = dom.window`
    for jsdom)."""
    operator = node.child_by_field_name("operator")
    argument = _unwrapped(node.child_by_field_name("argument"))
    if operator is None or operator.type != "typeof" or argument is None or argument.type != "identifier":
        return False
    name = text_of(argument)
    return (
        name in _BROWSER_GLOBALS
        and unit.lookup(name, argument) is None
        and program.only_on_the_server(unit.key)
        and not program.sets_a_property(name)
        and not program.may_define_globals
    )


#: code that may define globals without naming them after a dot: `Object.assign(globalThis,
#: {...})`, `Object.defineProperty(global, ...)`, or a DOM made for Node (`jsdom-global/register`)
_DEFINES_GLOBALS = re.compile(
    rb"\b(?:assign|defineProperty|defineProperties)\s*\(\s*(?:globalThis|global|self)\b"
    rb"|jsdom|happy-dom|linkedom|domino"
)


def empty_constant_array(unit: Unit, node: Node | None) -> str | None:
    """The name of the `const` this identifier names when it holds an empty array literal the
    file only reads (`const TARGETS = [];`, then only `TARGETS.length`, `TARGETS.map(...)`,
    `for (x of TARGETS)`): never exported, handed on or changed, so it stays empty."""
    return _empty_and_only_read(
        unit,
        node,
        "array",
        lambda word: (
            rb"(?<![\w$.])" + word + rb"\s*(?:\??\.\s*)(?:" + _ARRAY_READS + rb")\b(?!\s*=[^=])",
            rb"\bof\s+" + word + rb"\s*\)",
        ),
    )


def empty_constant_object(unit: Unit, node: Node | None) -> str | None:
    """The name of the `const` this identifier names when it holds an empty object literal the
    file only enumerates (`const RENAMES = {};`, then only `Object.entries(RENAMES)`,
    `Object.keys(…)`, `Object.values(…)` or `for (k in RENAMES)`): never exported, handed on
    or given a property, so it stays empty."""
    return _empty_and_only_read(
        unit,
        node,
        "object",
        lambda word: (
            rb"\bObject\s*\.\s*(?:keys|values|entries)\s*\(\s*" + word + rb"\s*\)",
            rb"\bin\s+" + word + rb"\s*\)",
        ),
    )


def _empty_and_only_read(
    unit: Unit, node: Node | None, literal_type: str, reads: Callable[[bytes], tuple[bytes, ...]]
) -> str | None:
    """The name of the `const` this identifier names when it holds an empty `literal_type`
    literal (`[]`, `{}`, also under `as`) that is not exported and that its file mentions only
    where it is declared and in the `reads` patterns (given the escaped name)."""
    node = _unwrapped(node)
    declared = _constant_declared(unit, node) if node is not None else None
    if declared is None or node is None:
        return None
    literal = _unwrapped(declared[1])
    if (
        literal is None
        or literal.type != literal_type
        or any(c.type != "comment" for c in literal.named_children)
    ):
        return None
    declarator = declared[1].parent  # `[] as string[]`: the literal's parent is the `as`
    statement = declarator.parent if declarator is not None else None
    if statement is None or (statement.parent is not None and statement.parent.type == "export_statement"):
        return None
    name = text_of(node)
    word = re.escape(name.encode())
    data = unit.file.data
    mentions = len(re.findall(rb"(?<![\w$.])" + word + rb"(?![\w$])", data))
    return name if mentions == 1 + sum(len(re.findall(pattern, data)) for pattern in reads(word)) else None


#: what reading an array never changes it through: its length and the methods that only read
_ARRAY_READS = (
    rb"length|map|forEach|filter|some|every|find|findIndex|findLast|findLastIndex|flatMap|reduce"
    rb"|reduceRight|includes|indexOf|lastIndexOf|join|slice|concat|at|flat|entries|keys|values"
)


def _constant_call(unit: Unit, node: Node, depth: int, program: Program | None) -> bool | None:
    """`Boolean(X)` and `['sync', 'full'].includes(X)` of constants: what they give."""
    function = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    given = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if function is None or args is None or args.type != "arguments" or len(given) != 1:
        return None
    if function.type == "identifier" and text_of(function) == "Boolean":
        # the global only: an app may bind its own `Boolean`
        return (
            constant_truth(unit, given[0], depth + 1, program)
            if unit.lookup("Boolean", function) is None
            else None
        )
    array = (
        _unwrapped(function.child_by_field_name("object")) if function.type == "member_expression" else None
    )
    if (
        array is None
        or array.type != "array"
        or property_name(function.child_by_field_name("property")) != "includes"
    ):
        return None
    wanted = constant_value(unit, given[0], depth + 1, program)
    listed = [
        constant_value(unit, element, depth + 1, program)
        for element in array.named_children
        if element.type != "comment"
    ]
    if wanted is None or None in listed:  # a spread, a hole or a value the code does not fix
        return None
    return wanted in listed  # same type and value, as `includes` compares (NaN is never constant)


def _constant_comparison(unit: Unit, node: Node, depth: int, program: Program | None) -> bool | None:
    operator = node.child_by_field_name("operator")
    if operator is None or operator.type not in (*_EQUALITY, *NUMBER_ORDER):
        return None
    left = constant_value(unit, node.child_by_field_name("left"), depth + 1, program)
    right = constant_value(unit, node.child_by_field_name("right"), depth + 1, program)
    if left is None or right is None or (left[0] != right[0] and operator.type in ("==", "!=")):
        return None  # `==` between types converts: not worth modelling
    if operator.type in NUMBER_ORDER:  # `RETRIES > 0`: numbers only (strings compare by code unit)
        if left[0] != "number" or right[0] != "number":
            return None
        return NUMBER_ORDER[operator.type](left[1], right[1])
    equal = left == right
    return equal if operator.type in ("===", "==") else not equal


_EQUALITY = ("===", "!==", "==", "!=")
#: `<`, `>` and the like between two numbers
NUMBER_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
#: TypeScript around a value that leaves it as it is: `x as T`, `x satisfies T`, `x!`
_TYPE_WRAPPERS = frozenset({"as_expression", "satisfies_expression", "non_null_expression"})


def _unwrapped(node: Node | None) -> Node | None:
    while node is not None and node.named_children:
        if node.type == "parenthesized_expression":
            node = node.named_children[-1]
        elif node.type in _TYPE_WRAPPERS:
            node = node.named_children[0]
        else:
            break
    return node


def _constant_declared(unit: Unit, node: Node, program: Program | None = None) -> tuple[Unit, Node] | None:
    """The file and value of the `const` this identifier names (None: not a `const`); with
    `program`, also an `export const` of another file the name is imported from."""
    if node.type != "identifier":
        return None
    binding = unit.lookup(text_of(node), node)
    if program is not None and isinstance(binding, Decl) and binding.kind == "import":
        return _exported_constant(program, unit, binding)
    declarator = binding.node if isinstance(binding, Decl) and binding.kind == "var" else None
    statement = declarator.parent if declarator is not None else None
    if (
        statement is not None
        and statement.type == "lexical_declaration"
        # a `let` the file never writes again holds its first value (no other file can write it)
        and (statement.children[0].type == "const" or text_of(node) not in unit.reassigned)
        and declarator is not None
    ):
        value = declarator.child_by_field_name("value")
        return (unit, value) if value is not None else None
    return None


def _constant_property(program: Program, unit: Unit, node: Node) -> tuple[Unit, Node] | None:
    """The file and value node of `obj.name` where `obj` is an object literal that holds
    `name` as a plain key (no spread or computed key) and that nothing may change."""
    name = property_name(node.child_by_field_name("property"))
    holder = node.child_by_field_name("object")
    obj = program.value(unit, holder) if holder is not None and name is not None else None
    declared = _constant_declared(unit, holder, program) if holder is not None else None
    frozen = _frozen_literal(declared[1]) if declared is not None else None
    if frozen is not None and declared is not None:  # `const FLAGS = Object.freeze({ ... })`
        obj = program.value(declared[0], frozen)
    if not isinstance(obj, v.Obj) or name is None or program.property_changes(obj, name):
        return None
    found: Node | None = None
    for child in obj.node.named_children:
        if child.type == "spread_element":
            return None
        key = child.child_by_field_name("key") or child.child_by_field_name("name")
        if child.type == "shorthand_property_identifier" and text_of(child) == name:
            return None  # `{ write }`: another variable's value
        if key is None or child.type not in ("pair", "method_definition"):
            continue
        if key.type == "computed_property_name" or property_name(key) == name:
            if child.type != "pair" or key.type == "computed_property_name":
                return None  # a key known at run time, or a method or accessor of that name
            found = child.child_by_field_name("value")
    return (obj.unit, found) if found is not None else None


def _frozen_literal(node: Node | None) -> Node | None:
    """The object literal of `Object.freeze({ ... })`: the same object, which nothing changes."""
    function = (
        node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    )
    args = node.child_by_field_name("arguments") if node is not None else None
    given = [c for c in args.named_children if c.type != "comment"] if args is not None else []
    if function is None or text_of(function) != "Object.freeze" or len(given) != 1:
        return None
    literal = _unwrapped(given[0])  # `Object.freeze({ ... } as const)`
    return literal if literal is not None and literal.type == "object" else None


def _exported_constant(program: Program, unit: Unit, binding: Decl) -> tuple[Unit, Node] | None:
    """`import { WRITE } from './flags'` of `export const WRITE = false`: that file's value
    (not a CommonJS export, which any importer may change)."""
    if not binding.source.startswith((".", "#")):
        return None
    target = program.resolve(unit, binding.source)
    entry = target.exports.get(binding.imported) if target is not None else None
    if (
        target is None
        or entry is None
        or entry.kind != "local"
        or target.is_commonjs_export(binding.imported)
    ):
        return None
    # the module's own binding of the name (an inner `const` of that name is another one)
    top = target.lookup(entry.name, target.root)
    declarator = top.node if isinstance(top, Decl) and top.kind == "var" and not top.keys else None
    statement = declarator.parent if declarator is not None else None
    around = statement.parent if statement is not None else None
    if declarator is None or around is None or around.type not in ("program", "export_statement"):
        return None
    name = declarator.child_by_field_name("name")
    return _constant_declared(target, name) if name is not None else None


def _number_literal(text: str) -> float | None:
    text = text.replace("_", "")
    if re.match(r"0\d", text):
        return None  # `010` is octal outside strict mode
    try:
        if text[:2].lower() in ("0x", "0o", "0b"):
            return float(int(text, 0))
        return float(text) if not text.lower().endswith("n") else None
    except OverflowError:  # `0xfff…` beyond a double is Infinity in JavaScript
        return float("inf")
    except ValueError:
        return None


def builds_routes(text: bytes | None) -> bool:
    """Whether code builds Forge routes (`route`...``), which only a product request takes."""
    return text is not None and (b"route`" in text or b"route `" in text or b"Route(" in text)


#: what @forge/api's `route` refuses in a value it puts in a path (safeUrl.js), spelled as it
#: spells them: it lets `%2E%2E` and `%2e%2E` through (URL parsing then reads them as `..`)
_MANIPULATES_PATH = re.compile(r"[/\\?#]|\.\.|\.%2e|%2e\.|%2e%2e|\.%2E|%2E\.|%2E%2e")
#: how deep `lacks` follows spreads of spreads
_MAX_LACKS_DEPTH = 6
#: how many strings one template may stand for (`${a ? 'x' : 'y'}` twice makes four)
_MAX_TEMPLATE_VARIANTS = 8
#: how deep evaluation may nest before giving up (Python's own stack is the real limit)
MAX_DEPTH = 150
#: the most paths one reassigned variable is followed through
_MAX_OPTIONS = 8
_JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs")
_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


#: what may stand above a property read and write it (`o.m = x`, `o.m++`,
#: `({ a: o.m } = x)`, `for (o.m in x)`); `delete o.m` is a unary expression
_WRITING_PARENTS = frozenset(
    {
        "assignment_expression",
        "augmented_assignment_expression",
        "update_expression",
        "pair_pattern",
        "object_pattern",
        "array_pattern",
        "assignment_pattern",
        "rest_pattern",
        "for_in_statement",
    }
)


def _member_chain(node: Node) -> Node:
    """The longest `node.a.b[c]` that starts at `node`."""
    top, parent = node, node.parent
    while (
        parent is not None
        and parent.type in ("member_expression", "subscript_expression")
        and parent.child_by_field_name("object") == top
    ):
        top, parent = parent, parent.parent
    return top


def only_read_through(node: Node) -> bool:
    """Whether the identifier `node` is the object of a property read that changes nothing:
    `o.a`, `o?.a`, `o[k]`, `o.a.b`; not a write, `delete`, update, destructuring target or a
    method call (a method may change its object through `this`)."""
    top = _member_chain(node)
    parent = top.parent
    if top == node:
        return False
    if parent is None:
        return True
    if parent.type in _WRITING_PARENTS:
        return False
    if (
        parent.type == "unary_expression"
        and getattr(parent.child_by_field_name("operator"), "type", "") == "delete"
    ):
        return False
    return not (parent.type == "call_expression" and parent.child_by_field_name("function") == top)


def holds_a_function(node: Node) -> bool:
    """Whether a function (or method) stands anywhere inside `node`."""
    stack = [node]
    while stack:
        inner = stack.pop()
        if inner.type in FUNCTION_TYPES:
            return True
        stack.extend(inner.named_children)
    return False


#: how many calls deep an object handed on is followed to see that it is only read
_MAX_READER_DEPTH = 3


class Program:
    """Every source file of one app, and the evaluator over them. One per `analyze_app` run."""

    def __init__(self, files: Sequence[SourceFile], grammars: Grammars, frontend_dirs: Sequence[str]) -> None:
        self.files = {file.key: file for file in files}
        self.units: dict[str, Unit] = {}
        self.functions: dict[v.FnRef, v.Func] = {}
        self._returns: dict[v.FnRef, list[Node]] = {}  # each function's `return` statements
        self._open_getters: set[v.FnRef] = set()  # getters whose value is being found
        self._sets_property: dict[bytes, dict[str, int]] = {}  # property -> files that set it, how often
        self._registry_used: bool | None = None  # some file uses `require.cache` and the like
        self._changer: dict[bool, str] = {}  # by side: a file with `Object.assign(o, …)` and the like
        self._changes: dict[tuple[str, int, bool], str] = {}  # why an object literal may change
        self.grammars = grammars
        self._frontend_dirs = tuple(d.rstrip(os.sep) + os.sep for d in frontend_dirs)
        self._front_only: frozenset[str] | None = None
        self._both_sides: frozenset[str] = frozenset()
        self._browser: frozenset[str] = frozenset()
        #: files a function handler's module reaches through imports: Forge runs them on its
        #: servers, even inside a resource's folder (a UI Kit resource at `src/index.jsx`)
        self._backend: frozenset[str] = frozenset()
        self._imports: dict[str, list[str]] = {}
        self._frontend: dict[str, bool] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._subpath_imports = SubpathImports()
        self._importers: dict[str, frozenset[str]] | None = None
        self._entries: frozenset[str] = frozenset()  # the function handlers' modules
        #: (file, class node id, field) -> what `this.<field>` holds in the class's methods
        self.class_fields: dict[tuple[str, int, str], v.Value | None] = {}
        #: request method name -> where the app defines its own (own_methods.py), "" for nowhere
        self._own_definitions: dict[str, str] = {}
        self._own_search: list[bool] = []  # open searches: whether one read a name found by name
        #: files the app imports that were not read (not app code by the policy's patterns):
        #: path -> the importing file; whatever they do is unknown
        self.unread_imports: dict[str, str] = {}
        self._depth = 0
        self._cut = False

    # files -------------------------------------------------------------------------------

    def unit(self, key: str) -> Unit:
        unit = self.units.get(key)
        if unit is None:
            file = self.files[key]
            unit = self.units[key] = Unit(file, self.grammars.get(file.language))
        return unit

    def resolve(self, unit: Unit, spec: str) -> Unit | None:
        """The file a relative import names (with or without extension, or a folder's index),
        or a package.json `imports` name (`#lib/bb`)."""
        if spec.startswith("#"):
            target = self._subpath_imports.target(os.path.dirname(unit.key), spec)
            return self.resolve_in(*target) if target is not None else None
        if not spec.startswith("."):
            return None
        return self.resolve_in(os.path.dirname(unit.key), spec)

    def in_comment(self, key: str, offset: int, also: tuple[str, ...] = ()) -> bool:
        """Whether byte `offset` of a file stands in a comment (or a node of a kind in `also`),
        by its syntax tree: a `/*` in a string or a regular expression opens none."""
        unit = self.unit(key)
        node = unit.root.descendant_for_byte_range(offset, offset + 1) if unit.root is not None else None
        while node is not None:
            if node.type == "comment" or node.type in also:
                return True
            node = node.parent
        return False

    def subpath_targets(self, folder: str, spec: str) -> list[tuple[str, str]]:
        """Each (package folder, `./relative/path`) a package.json `imports` name may load:
        every branch of its conditions and fallbacks that names a file."""
        found = self._subpath_imports.files(folder, spec)
        return [(found[0], relative) for relative in found[1]] if found is not None else []

    def find_import(self, folder: str, spec: str) -> str | None:
        """The key of the read file a relative or `#` import in `folder` names, or None."""
        if spec.startswith("#"):
            target = self._subpath_imports.target(folder, spec)
            return self._find_module(*target) if target is not None else None
        return self._find_module(folder, spec)

    def resolve_in(self, folder: str, spec: str) -> Unit | None:
        """The file `spec` (`./index`, `../lib/x.js`) names from `folder` (an absolute path)."""
        cache_key = (folder, spec)
        if cache_key in self._resolved:
            key = self._resolved[cache_key]
            return self.unit(key) if key is not None else None
        key = self._find_module(folder, spec)
        if key is not None and self._ambiguous(folder, spec):
            key = None  # `config.ts` beside a stale `config.js`: which one is bundled is not known
        self._resolved[cache_key] = key
        return self.unit(key) if key is not None else None

    def _not_resolved(self, unit: Unit, spec: str) -> str:
        """Why a relative import gives no file, for a message."""
        if self._ambiguous(os.path.dirname(unit.key), spec):
            return (
                "which names two files (`.ts` and `.js` or the like): which one a bundler loads is not known"
            )
        return "a file that was not found"

    def _ambiguous(self, folder: str, spec: str) -> bool:
        """Whether an import without a suffix (`./config`) names two read files of different
        suffixes (`config.ts` and a compiled `config.js` left beside it): bundlers try the
        suffixes in different orders (Forge's webpack `.ts` first, Node `.js`)."""
        base = os.path.normpath(os.path.join(folder, spec))
        if base in self.files:
            return False
        return sum(base + suffix in self.files for suffix in LANGUAGE_BY_SUFFIX) > 1

    def note_unread(self, unit: Unit, spec: str) -> None:
        self.note_unread_in(unit.key, unit.file.display, spec)

    def note_unread_in(self, key: str, display: str, spec: str) -> None:
        """An import of a file that exists but was not read (a test helper, a mock, a minified
        bundle, a package.json `imports` target in `dist/` under any condition, a file by its
        absolute path): whatever its code does is not known."""
        folder = os.path.dirname(key)
        targets = [(folder, spec)]
        if spec.startswith("#"):
            target = self._subpath_imports.target(folder, spec)
            branches = self._subpath_imports.branches(folder, spec)
            targets = [target] if target is not None else []
            if branches is not None:  # `{"node": "./dist/x.js", "default": "./src/x.js"}`
                targets += [(branches[0], path) for path in branches[1]]
        for where, name in targets:
            unread = self.unread_target(where, name)
            if unread is not None:
                self.unread_imports.setdefault(unread, display)
                return

    def unread_target(self, folder: str, spec: str) -> str | None:
        """The file not read that `spec` may load from `folder`, or None."""
        base = os.path.normpath(os.path.join(folder, spec))
        # bundlers try the name as written first (`./sync` beside sync.js), and a folder's
        # package.json `main` before its index (`main: dist/index.js` beside index.js)
        if base not in self.files and os.path.isfile(base) and not base.lower().endswith(NOT_CODE):
            return base
        manifest = read_json(os.path.join(base, "package.json")) if os.path.isdir(base) else None
        if isinstance(manifest, dict):
            for field in ("main", "module", "browser"):
                entry = manifest.get(field)
                if not isinstance(entry, str):
                    continue
                named = os.path.normpath(os.path.join(base, entry))
                for candidate in (named, *self._candidates(base, entry)):
                    if candidate not in self.files and os.path.isfile(candidate):
                        return candidate
        if self._find_module(folder, spec) is not None:
            return None
        for candidate in (
            *(base + s for s in LANGUAGE_BY_SUFFIX),
            *(os.path.join(base, "index" + s) for s in LANGUAGE_BY_SUFFIX),
        ):
            if (
                candidate not in self.files
                and not candidate.endswith(_TYPE_DECLARATIONS)  # types only: they run nothing
                and os.path.isfile(candidate)
            ):
                return candidate
        return None

    def imports_of(self, key: str) -> list[str]:
        """The read files a file imports by a relative path (`import`, `require`, `import()`)."""
        known = self._imports.get(key)
        if known is None:
            folder = os.path.dirname(key)
            known = []
            for raw in LOCAL_IMPORT.findall(self.files[key].data):
                spec = raw.decode("utf-8", "replace")
                if spec.startswith("#"):
                    target = self.find_import(folder, spec)
                    known.extend([target] if target is not None else [])
                else:  # `./Panel` with Panel.jsx and Panel.tsx: bundlers differ, so both
                    known.extend(self._module_candidates(folder, spec))
            self._imports[key] = known
        return known

    def _imported_by_front_ends_only(self) -> frozenset[str]:
        """Files that only front-end code imports (`shared/rates.js`, imported by
        `static/ui/src/App.js` alone): they run in the browser too. A file some back-end file
        imports, or no file at all, is not one of them."""
        if self._front_only is not None:
            return self._front_only
        importers = self._importer_map()
        # a function handler's module, and what it imports, runs on Forge's servers whatever
        # it imports (`react` for JSX, `@forge/bridge` by mistake)
        front = {
            key
            for key, file in self.files.items()
            if self.in_frontend_dir(key)
            or (_imports_a_front_end_package(file.data) and key not in self._backend)
        }
        only: set[str] = set()
        changed = True
        while changed:  # a file whose every importer runs in the browser runs there too
            changed = False
            for key, sources in importers.items():
                if key in self._backend:
                    continue
                if key not in front and key not in only and all(s in front or s in only for s in sources):
                    only.add(key)
                    changed = True
        browser = front | only
        both: set[str] = set()
        changed = True
        while changed:  # some importer runs in the browser, another on Forge's servers
            changed = False
            for key, sources in importers.items():
                if key not in browser and key not in both and any(s in browser or s in both for s in sources):
                    both.add(key)
                    changed = True
        self._front_only = frozenset(only)
        self._both_sides = frozenset(both)
        self._browser = frozenset(browser)
        return self._front_only

    def sides(self, key: str) -> tuple[str, ...]:
        """Where a file runs: ("client",) in a browser only (a front end's file, one only front
        ends import), ("backend",) on Forge's servers only, or both when both kinds import it."""
        self._imported_by_front_ends_only()
        if key in self._both_sides:
            return ("client", "backend")
        return ("client",) if key in self._browser else ("backend",)

    @cached_property
    def may_define_globals(self) -> bool:
        """Whether some file may set globals in ways `.name =` does not show (`_DEFINES_GLOBALS`)."""
        return any(_DEFINES_GLOBALS.search(file.data) for file in self.files.values())

    def only_on_the_server(self, key: str) -> bool:
        """Whether a function handler loads the file (directly or not) and no front end does."""
        return key in self._backend and self.sides(key) == ("backend",)

    def runs_on_both_sides(self, key: str) -> bool:
        """Whether front-end code and back-end code both import the file (directly or through
        other such files): which side makes its fetches is not known."""
        self._imported_by_front_ends_only()
        return key in self._both_sides

    def import_closure(self, keys: Iterable[str]) -> set[str]:
        """`keys` and every app file they import, directly or not."""
        seen = set(keys)
        stack = list(seen)
        while stack:
            key = stack.pop()
            if key not in self.files:
                continue
            for target in self.imports_of(key):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def set_backend_entries(self, keys: Sequence[str]) -> None:
        """The function handlers' modules: they and what they import are back-end code."""
        self._backend = frozenset(self.import_closure(keys))
        self._entries = frozenset(keys)
        self._frontend.clear()
        self._front_only = None

    @cached_property
    def uses_compass(self) -> bool:
        """Whether some file names the Compass client package, or Compass at all (a wrapper
        package, `@acme/compass-kit`, may hand its client out): only then can a method called
        on a value not followed (`client.deleteLink(...)`) be one of the client's."""
        for file in self.files.values():
            lower = file.data.lower()  # a case-blind search of the regex kind would be slower
            if b"compass" in lower or b"forge-graphql" in lower:
                return True
        return False

    def in_frontend_dir(self, key: str) -> bool:
        """Under a resource's source folder, and not reached from a function handler."""
        return key.startswith(self._frontend_dirs) and key not in self._backend

    def find_module(self, folder: str, spec: str) -> str | None:
        """The key of the read file `spec` names from `folder`, or None."""
        return self._find_module(folder, spec)

    def _find_module(self, folder: str, spec: str) -> str | None:
        """The first file `_module_candidates` gives: the name as a file, else the folder's
        package.json entry, else its index."""
        return next(iter(self._module_candidates(folder, spec)), None)

    def _candidates(self, folder: str, spec: str) -> list[str]:
        base = os.path.normpath(os.path.join(folder, spec))
        return [*_file_candidates(base), *_index_candidates(base)]

    def module_files(self, folder: str, spec: str) -> list[str]:
        """Every read file `spec` may load from `folder` (a handler's module `index` with both
        index.js and index.jsx: the bundler's choice is not known, so both)."""
        return self._module_candidates(folder, spec)

    def _module_candidates(self, folder: str, spec: str) -> list[str]:
        """Every read file a relative import may load. Node, webpack and esbuild all try the
        name as a file (`./jira` as jira.js, jira.ts…) before they try it as a folder, but in
        different orders of extension: every file that matches is taken. In a folder, a
        package.json `main`, `module` or `browser` that names a file comes before its index
        (which field counts depends on the target: all are taken). Reachability takes them
        all; a stale `jira/index.js` beside `jira.js` is not loaded."""
        base = os.path.normpath(os.path.join(folder, spec))
        as_file = _file_candidates(base)
        found = [c for c in as_file if c in self.files]
        if found or any(os.path.isfile(c) for c in as_file):
            return found  # a file not read (left out for its size) is what loads: noted elsewhere
        manifest = read_json(os.path.join(base, "package.json")) if os.path.isdir(base) else None
        entries = [
            entry
            for field in ("main", "module", "browser")
            if isinstance(manifest, dict) and isinstance(entry := manifest.get(field), str)
        ]
        named = [c for entry in entries for c in self._candidates(base, entry)]
        found = [c for c in named if c in self.files]
        if found or any(os.path.isfile(c) for c in named):
            return found
        return [c for c in _index_candidates(base) if c in self.files]

    def is_frontend(self, unit: Unit) -> bool:
        known = self._frontend.get(unit.key)
        if known is None:
            known = (
                (bool(unit.imported_sources & forge_api.FRONTEND_PACKAGES) and unit.key not in self._backend)
                or self.in_frontend_dir(unit.key)
                or unit.key in self._imported_by_front_ends_only()
            )
            self._frontend[unit.key] = known
        return known

    # evaluation ---------------------------------------------------------------------------

    def value(self, unit: Unit, node: Node) -> v.Value:
        key = node.id
        memo = unit.memo
        if key in memo:
            return memo[key]
        if key in unit.busy:
            return v.Unknown("a value defined in terms of itself")
        if self._depth >= MAX_DEPTH:  # long `a + b + ...` chains, deep helper nesting
            self._cut = True
            return v.Unknown("an expression nested too deeply to follow")
        unit.busy.add(key)
        self._depth += 1
        outer_cut, self._cut = self._cut, False
        try:
            result = self._evaluate(unit, node)
        finally:
            self._depth -= 1
            unit.busy.discard(key)
        if not self._cut:  # a result cut short by the depth limit may be complete from elsewhere
            memo[key] = result
        self._cut = self._cut or outer_cut
        return result

    def _evaluate(self, unit: Unit, node: Node) -> v.Value:
        kind = node.type
        if kind == "identifier":
            return self.name_value(unit, text_of(node), node)
        if kind == "member_expression":
            obj = node.child_by_field_name("object")
            name = property_name(node.child_by_field_name("property"))
            if obj is None or name is None:
                return v.Unknown(partial(describe, node))
            if (
                name == "fetch"
                and obj.type == "identifier"
                and text_of(obj) in _GLOBAL_OBJECTS
                and unit.lookup(text_of(obj), obj) is None
            ):
                return v.FetchFn(backend=None)
            return self.member(self.value(unit, obj), name, node)
        if kind == "call_expression":
            return self._call_value(unit, node)
        if kind == "string":
            return v.Str(string_value(node))
        if kind == "template_string":
            return self.template(unit, node)
        if kind in WRAPPERS or kind == "type_assertion":
            inner = [child for child in node.named_children if child.type != "comment"]
            if not inner:
                return v.Unknown(partial(describe, node))
            return self.value(unit, inner[-1] if kind == "type_assertion" else inner[0])
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator is not None and operator.type == "+" and left is not None and right is not None:
                return v.concat(self.value(unit, left), self.value(unit, right))
            return v.Unknown(partial(describe, node))
        if kind == "sequence_expression":  # `(0, api.asApp)`: the last expression's value
            inner = [child for child in node.named_children if child.type != "comment"]
            return self.value(unit, inner[-1]) if inner else v.Unknown(partial(describe, node))
        if kind == "ternary_expression":
            return self._either(unit, node)
        if kind == "number":
            return _number(text_of(node))
        if kind in _FUNCTIONS:
            return self.func(unit, node)
        if kind == "object":
            return v.Obj(unit, node)
        if kind == "undefined":
            if unit.binds_undefined():
                return v.Unknown("`undefined`, which this file declares as a name")
            return v.MISSING
        if kind == "subscript_expression":
            obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
            if obj is not None and index is not None and index.type == "string":
                return self.member(self.value(unit, obj), string_value(index), node)
            if obj is not None and index is not None:  # `api.asApp()[NAME]` with a constant NAME
                key = self.value(unit, index)
                held = self.value(unit, obj)
                if isinstance(key, v.Str | v.Num):  # `o[0]` is `o['0']`
                    return self.member(held, key.text, node)
                chosen = _member_chosen_at_run_time(held)
                if chosen is None and isinstance(held, v.Unknown):  # `(app ? asApp() : asUser())[m]`
                    chosen = next(
                        (c for one in self._choices(unit, obj, 0) if (c := _member_chosen_at_run_time(one))),
                        None,
                    )
                return chosen or v.Unknown(partial(describe, node))
        return v.Unknown(partial(describe, node))

    def name_value(self, unit: Unit, name: str, at: Node) -> v.Value:
        binding = unit.lookup(name, at)
        if binding is None:
            if name == "fetch":
                return v.FetchFn(backend=None)
            if name == forge_api.GRAPH:
                return v.GraphFn()
            if name == "undefined":
                return v.MISSING
            return v.Unknown(f"the variable `{name}`")
        if isinstance(binding, tuple):
            function, info = binding
            if info.element:
                return v.Unknown(f"the parameter `{name}`, taken from an array or a rest")
            if (name in unit.reassigned or unit.may_write_arguments) and unit.param_written(function, name):
                return v.Unknown(f"the parameter `{name}`, which is reassigned")
            if info.attrs:  # `({ requestJira }) => requestJira(...)`: by name, as forge lint goes
                by_name = self.by_name(info.attrs[-1])
                if by_name is not None:
                    return by_name
            ref = self.func(unit, function).ref
            return v.Param(ref, info.index, info.attrs, name)
        return self._decl_value(unit, name, binding, at)

    def _decl_value(self, unit: Unit, name: str, decl: Decl, at: Node | None = None) -> v.Value:
        kind = decl.kind
        if kind == "import":
            return self.import_value(unit, decl.source, decl.imported)
        if kind == "namespace":
            return self.namespace_value(unit, decl.source)
        if kind == "function":
            if name in unit.reassigned:  # `function verb() {...}` then `verb = () => 'PUT'`
                return v.Unknown(f"the function `{name}`, which is reassigned")
            return self.func(unit, decl.node)
        if kind == "unknown":
            if decl.reason == COMPUTED_KEY:  # `const { [m]: send } = api.asUser()`
                chosen = _member_chosen_at_run_time(self._destructured(unit, decl))
                if chosen is not None:
                    return chosen
            return v.Unknown(f"the variable `{name}`, {decl.reason}")
        declarator = decl.node
        if at is not None and _read_before_var(declarator, at):
            return v.Unknown(f"the variable `{name}`, read before its `var` declaration runs")
        value_node = declarator.child_by_field_name("value")
        if name in unit.reassigned and not _is_const(declarator):
            return self._assigned_paths(unit, name, decl, value_node, at)
        if value_node is None:
            return v.Unknown(f"the variable `{name}`")
        value = self.value(unit, value_node)
        defaults = dict(decl.defaults)
        for depth, key in enumerate(decl.keys, start=1):
            value = self.member(value, key, None)
            default = defaults.get(depth)
            if default is not None:  # `const { method = 'PUT' } = opts`
                if value is v.MISSING:
                    value = self.value(unit, default)
                elif isinstance(value, v.Param):  # the caller's argument decides
                    value = value.defaulted(self.value(unit, default))
        return changed_through(unit, name, value)

    def _destructured(self, unit: Unit, decl: Decl) -> v.Value:
        """The object a computed key of a declarator's pattern is read from."""
        value_node = decl.node.child_by_field_name("value")
        if value_node is None:
            return v.MISSING
        value = self.value(unit, value_node)
        for key in decl.keys:
            value = self.member(value, key, None)
        return value

    def _assigned_paths(
        self, unit: Unit, name: str, decl: Decl, initial: Node | None, at: Node | None
    ) -> v.Value:
        """A reassigned `let` read at `at`: the paths it may hold, when every value given to it
        is a literal path and each assignment is on a branch (`if`/`else`, `switch`, `catch`)
        before `at` in the same function: `if (c) url = route`a`; else url = route`b``. Any
        other shape stays unknown: an unconditional or later assignment could make a path
        that is never sent look sent, or hide one that is."""
        unknown = v.Unknown(f"the variable `{name}`, which is reassigned")
        if name in unit.rewritten or decl.kind != "var" or at is None:
            return unknown
        # assignments to another variable of the same name (a parameter, another function's
        # `let`) are not this one's
        nodes = [node for node in unit.assignments.get(name, ()) if unit.lookup(name, node) is decl]
        if not nodes or len(nodes) + 1 > _MAX_OPTIONS:
            return unknown
        for node in nodes:
            if node.start_byte > at.start_byte or not _on_a_branch(node, decl.node):
                return unknown
        if initial is not None and initial.type not in ("null", "undefined"):
            nodes.insert(0, initial)
        elif not _every_branch_assigns(nodes, decl.node) and not _guarded(name, decl.node, at):
            return v.Unknown(f"the variable `{name}`, which some paths leave unassigned")
        return _one_of_paths([self.value(unit, node) for node in nodes]) or unknown

    def _branches_taken(self, unit: Unit, node: Node) -> tuple[str, ...]:
        """The sides of `c ? a : b` that may run: one when `c` is `true`/`false`, or a `const`
        given one of them (`const LEGACY = false`), or `!` of such a value."""
        truth = constant_truth(unit, node.child_by_field_name("condition"), program=self)
        if truth is None:
            return ("consequence", "alternative")
        return ("consequence",) if truth else ("alternative",)

    def _either(self, unit: Unit, node: Node) -> v.Value:
        """`c ? route`a` : route`b``: one of the two paths (each a request the code may send);
        anything but literal paths on both sides stays unknown."""
        options: list[v.Value] = []
        for field in self._branches_taken(unit, node):
            side = node.child_by_field_name(field)
            value = self.value(unit, side) if side is not None else v.MISSING
            for one in value.options if isinstance(value, v.OneOf) else (value,):
                if not isinstance(one, v.Str | v.Tmpl | v.Param):
                    return v.Unknown(partial(describe, node))
                if one not in options:
                    options.append(one)
        if len(options) == 1:  # `typeof p === 'string' ? assumeTrustedRoute(p) : p` is `p`
            return options[0]
        if len(options) > _MAX_OPTIONS or any(isinstance(one, v.Param) for one in options):
            return v.Unknown(partial(describe, node))
        return v.OneOf(tuple(options))

    def member(self, obj: v.Value, name: str, node: Node | None) -> v.Value:
        forge = forge_api.member_value(obj, name)
        if forge is not None:
            return forge
        if isinstance(obj, v.Namespace):
            return self.export_value(obj.unit, name, set())
        if isinstance(obj, v.Obj):
            found = self.property(obj, name)
            if found is v.MISSING:  # forge lint goes by the name: `x.requestJira` is a call
                return self.by_name(name) or found
            return found
        if isinstance(obj, v.Param | v.Unknown):
            by_name = self.by_name(name)
            if by_name is not None:
                return by_name
        if isinstance(obj, v.Param):
            return obj.attr(name)
        if obj is v.MISSING:
            return v.MISSING
        if node is not None:
            return v.Unknown(partial(describe, node))
        if isinstance(obj, v.Unknown):
            return v.Unknown(f"the property `{name}` of {obj.why}")
        return v.Unknown(f"the property `{name}`")

    def by_name(self, name: str) -> v.Value | None:
        """What `x.name` is taken to be when `x` is not pinned, as forge lint takes it
        (`requestJira`: a Jira request function); a request function carries a doubt when
        the app defines its own property of that name, which the call may reach instead."""
        found = forge_api.unknown_member(name, self.uses_compass)
        if not isinstance(found, v.Bound | v.AtlassianFn | v.GraphFn):
            return found
        if self._own_search:  # a value read while definitions are looked for
            self._own_search[-1] = True
            return found
        where = self._own_definitions.get(name)
        if where is None:
            self._own_search.append(False)
            try:
                where = self._own_definitions[name] = own_definition(self, name)
            finally:
                touched = self._own_search.pop()
            if touched:  # values the search read took names found by name without this doubt
                for unit in self.units.values():
                    unit.memo.clear()
                self.class_fields.clear()
        if not where:
            return found
        doubt = (
            f"`{name}` is taken by its name to be Forge's, but the app defines its own `{name}` "
            f"({where}), which this call may reach"
        )
        if isinstance(found, v.Bound):
            return v.Bound(found.product, found.origin, found.as_user, doubt)
        if isinstance(found, v.AtlassianFn):
            return v.AtlassianFn(found.graph, found.as_user, doubt)
        return v.GraphFn(doubt)

    def property(self, obj: v.Obj, name: str) -> v.Value:
        """`obj.name` for an object literal; MISSING when it has no such key. Unknown when
        the object may have changed since it was written (see `_object_changes`)."""
        if obj.changed:
            return v.Unknown(f"the property `{name}` of {obj.changed}")
        found = self._literal_property(obj, name)
        why = self.property_changes(obj, name, found is v.MISSING or not isinstance(found, v.Func | v.Obj))
        if why:
            return v.Unknown(f"the property `{name}` of {why}")
        return found

    def property_changes(self, obj: v.Obj, name: str, data: bool = True) -> str:
        """Why the object literal's property `name` may not hold what is written there ("":
        it does); `data`: the property holds data, not a function or an object."""
        if obj.changed:
            return obj.changed
        key = (obj.unit.key, obj.node.id, data)
        why = self._changes.get(key)
        if why is None:
            why = self._changes[key] = self._object_changes(obj, data)
        if not why and data:
            why = self._changed_elsewhere(obj, name)
        return why

    def _changed_elsewhere(self, obj: v.Obj, name: str) -> str:
        """Why an object literal's property `name` may be changed by code that does not name the
        variable holding it ("" when it may not). An exported literal (`export const cfg =
        {...}`, `module.exports = {...}`): another file sets a property `name` (`x.name = ...`,
        whatever x is: an import may rename it), or a file that imports it changes objects in
        other ways (`x['name'] =`, `Object.assign`). A literal no variable holds (returned by
        a factory, given to a helper): any file sets a `.name`, or changes objects with
        `Object.assign` and the like (an alias of it may be anywhere)."""
        outermost = _outermost_literal(obj.node)
        holder = _holder(outermost)
        if holder is not None and holder.type == "variable_declarator":
            if not _exported_literal(holder, obj.unit):
                return ""  # `_object_changes` follows the variable
        elif not _exported_literal(holder, obj.unit):
            if holder is not None and self._request_options(
                obj.unit, outermost.start_byte, outermost.end_byte
            ):
                return ""  # `requestJira(path, { method: 'PUT' })`: Forge alone holds it
            return self._loose_changes(obj.unit.key, name)
        why = self._set_by_another_file(obj.unit, name)
        if why:
            return f"an object {why}"
        if _USES_THIS.search(outermost.text or b""):
            return "an object whose own methods may change it (they use `this`)"
        return self._changed_by_importers(obj.unit, "an object")

    def _loose_changes(self, key: str, name: str) -> str:
        """Why a literal of file `key` no variable holds may have its property `name` changed:
        a file on its side (back end or front end: they are separate bundles) sets a `.name`,
        or changes objects it is given (`Object.assign(o, ...)`, `target[k] = v`)."""
        side = self.in_frontend_dir(key)
        setters = [file_key for file_key in self._dot_writes(name) if self._same_side(file_key, side)]
        if setters:
            shown = self.files[min(setters)].display
            return f"an object literal that code may change through another name ({shown} sets a `.{name}`)"
        changer = self._object_changer(side)
        if changer:
            return f"an object literal that code may change through another name ({changer} uses `Object.assign`, `o[key] =` or the like)"
        return ""

    def _same_side(self, key: str, frontend: bool) -> bool:
        return self.in_frontend_dir(key) == frontend or self.runs_on_both_sides(key)

    def _object_changer(self, frontend: bool) -> str:
        """The first file on one side that changes an object it did not make (`Object.assign(o,
        ...)`, `Object.defineProperty`, `Reflect.set`, `target[name] = value` on a parameter, an
        import or a variable not given a fresh `{}`), or ""."""
        found = self._changer.get(frontend)
        if found is None:
            found = self._changer[frontend] = next(
                (
                    file.display
                    for key, file in sorted(self.files.items())
                    if self._same_side(key, frontend)
                    and (_CHANGES_AN_OBJECT.search(file.data) or self._writes_by_run_time_key(key))
                ),
                "",
            )
        return found

    def _writes_by_run_time_key(self, key: str) -> bool:
        """Whether file `key` sets `target[name] = …` on a target that may be an object it did
        not make: not a variable given a fresh `{}` or `[]` (`const seen = {}; seen[id] = 1`)."""
        data = self.files[key].data
        writes = _run_time_key_writes(data)
        if not writes:
            return False
        unit = self.units.get(key)
        if unit is None:  # not parsed (no Forge trigger word): by the text, not worth a parse
            return any(name is None or not _declared_fresh(data, name) for _start, name in writes)
        for start, _name in writes:
            node = unit.root.descendant_for_byte_range(start, start + 1)
            while node is not None and node.type != "subscript_expression":
                node = node.parent
            target = node.child_by_field_name("object") if node is not None else None
            if target is None or target.type != "identifier":
                return True
            binding = unit.lookup(text_of(target), target)
            value = (
                binding.node.child_by_field_name("value")
                if isinstance(binding, Decl) and binding.kind == "var"
                else None
            )
            while value is not None and value.type in WRAPPERS:
                value = value.named_children[0] if value.named_children else None
            if value is None or value.type not in ("object", "array"):
                return True
        return False

    def _dot_writes(self, name: str) -> dict[str, int]:
        """The files that set a property `name` of something (`x.name = …`, `x['name'] =`,
        `x. name /* c */ ||= …`, `x.name++`, `x.name += …`, `delete x.name`), with how many
        times each does."""
        key = name.encode()
        written = self._sets_property.get(key)
        if written is None:
            gap = rb"(?:\s|/\*[^*]*\*/)*"  # `x. method /* why */ =`
            pattern = re.compile(
                rb"(?:\."
                + gap
                + re.escape(key)
                + rb"|\[\s*(['\"`])"  # `o['method'] =`
                + re.escape(key)
                + rb"\1\s*\])"
                + gap
                + rb"(?:\??\.[\w$]+|\[[^\]]*\])*"
                + gap
                + WRITES_AFTER
                # `++x.name`, `delete x['name']`, `delete x.name.y`
                + rb"|"
                + WRITES_BEFORE
                + gap
                + rb"[\w$]+(?:"
                + gap
                + rb"(?:\??\.[\w$]+|\[[^\]]*\]))*?(?:\."
                + gap
                + re.escape(key)
                + rb"(?![\w$])|\[\s*['\"`]"
                + re.escape(key)
                + rb"['\"`]\s*\])"
            )
            written = {}
            for file_key, file in self.files.items():
                if key not in file.data:  # every write names it: a plain search rules most files out
                    continue
                count = len(pattern.findall(file.data))
                if count:
                    written[file_key] = count
            self._sets_property[key] = written
        return written

    def sets_a_property(self, name: str) -> bool:
        """Whether some file sets a property `name` of something (`x.name = …`, `delete x.name`)."""
        return bool(self._dot_writes(name))

    def _set_by_another_file(self, unit: Unit, name: str, own_writes: int | None = None) -> str:
        """ "another file may change (it sets a `.name`)" when a file other than `unit` sets a
        property `name` of something (an import may rename the object); "" when none does.
        With `own_writes`, also when `unit` itself sets more than that many."""
        written = self._dot_writes(name)
        if any(file_key != unit.key for file_key in written):
            return f"another file may change (it sets a `.{name}`)"
        if own_writes is not None and written.get(unit.key, 0) > own_writes:
            return f"{unit.file.display} may change through another name (it sets a `.{name}` again)"
        return ""

    def _changed_by_importers(self, unit: Unit, what: str) -> str:
        """Why `what` (exported by `unit`) may be changed by a file that imports it, directly or
        through re-exports, without naming the property after a dot, or handed to code that
        does (`merge(cfg, ...)`); "" when no importer does so."""
        closure = self._importers_closure(unit.key)
        sources = closure | {unit.key}
        for importer in sorted(closure):
            shown = self.files[importer].display
            data = self.files[importer].data
            if _CHANGES_AN_IMPORT.search(data):
                return f"{what} {shown}, which imports it, may change (a computed key or `Object.assign`)"
            if _LOADS_AT_RUN_TIME.search(data):
                # `import('./cfg').then((m) => ...)`: what it does with the module is not followed
                return f"{what} {shown} loads with `import()`, where it may be changed"
            if self._imports_used_whole(importer, sources):
                return f"{what} {shown} imports and uses as a whole, where it may be changed"
        return ""

    def _importers_closure(self, key: str) -> frozenset[str]:
        """The files that import `key`, directly or through files that import it (a
        re-export: `export * from './cfg'`)."""
        seen: set[str] = set()
        stack = [key]
        while stack:
            for importer in self.importers_of(stack.pop()):
                if importer not in seen and importer != key:
                    seen.add(importer)
                    stack.append(importer)
        return frozenset(seen)

    def _imports_used_whole(self, key: str, sources: frozenset[str]) -> bool:
        """Whether the file `key` uses a name it imports from one of `sources` other than by
        reading a property of it (`cfg.url`, `cfg[k]`, `ns.cfg.url`): an argument, an alias,
        a spread target may change it."""
        unit = self.unit(key)
        if unit.root is None:
            return True
        data = unit.file.data
        for name, decls in unit.decls.items():
            kinds = {
                d.kind
                for d in decls
                if d.kind in ("import", "namespace")
                and (target := self.resolve(unit, d.source)) is not None
                and target.key in sources
            }
            kinds |= {
                d.kind
                for d in decls
                if d.kind in ("var", "pattern") and self._requires(unit, d.node, sources)
            }
            if not kinds:
                continue
            # `ns.cfg.url` takes two steps to a property, `cfg.url` one; a name destructured from
            # `require(...)` is a property already
            reads = 2 if "namespace" in kinds else 0 if kinds == {"pattern"} else 1
            for start in unit.word_starts(name):
                node = unit.root.descendant_for_byte_range(start, start + len(name))
                if node is None or node.type != "identifier" or _in_import(node) or _declared_here(node):
                    continue
                if not _member_read(data, start + len(name), reads):
                    return True
                if self._inner_object_handed_on(unit, node):
                    return True
        return False

    def _requires(self, unit: Unit, declarator: Node | None, sources: frozenset[str]) -> bool:
        """Whether a declarator's value is `require('<one of sources>')`."""
        value = declarator.child_by_field_name("value") if declarator is not None else None
        callee = (
            value.child_by_field_name("function")
            if value is not None and value.type == "call_expression"
            else None
        )
        if callee is None or callee.type != "identifier" or text_of(callee) != "require":
            return False
        arguments = value.child_by_field_name("arguments") if value is not None else None
        args = [c for c in (arguments.named_children if arguments is not None else []) if c.type == "string"]
        target = self.resolve(unit, string_value(args[0])) if args else None
        return target is not None and target.key in sources

    def _inner_object_handed_on(self, unit: Unit, node: Node) -> bool:
        """Whether `cfg.opts` (the chain of reads from `node`) is an object handed on as a
        whole (an argument, a value stored or returned) where it may be changed."""
        top = node
        while top.parent is not None and top.parent.type in ("member_expression", "subscript_expression"):
            if top.parent.child_by_field_name("object") != top:
                break
            top = top.parent
        parent = top.parent
        if parent is None or parent.type in ("expression_statement", "binary_expression", "unary_expression"):
            return False
        if parent.type == "call_expression" and parent.child_by_field_name("function") == top:
            return False  # `cfg.opts.get()`: a method, whose own changes `_USES_THIS` covers
        if parent.type in ("member_expression", "subscript_expression", "template_substitution"):
            return False
        return isinstance(self.value(unit, top), v.Obj)

    def conditional_branches(self) -> dict[str, str]:
        """Read files that are one of several a `#` import names under different conditions
        (`import` and `require`, node and browser): key -> the import (`#lib/bb`). Which one
        loads is not decided, so code in them may never run."""
        found: dict[str, str] = {}
        for key, file in self.files.items():
            for raw in LOCAL_IMPORT.findall(file.data):
                spec = raw.decode("utf-8", "replace")
                branches = (
                    self._subpath_imports.branches(os.path.dirname(key), spec)
                    if spec.startswith("#")
                    else None
                )
                for relative in branches[1] if branches is not None else ():
                    target = self._find_module(branches[0], relative) if branches is not None else None
                    if target is not None and target not in self._entries:  # a handler's module loads
                        found.setdefault(target, spec)
        return found

    def importers_of(self, key: str) -> frozenset[str]:
        """The read files that import the file `key` (by a relative or `#` path)."""
        return self._importer_map().get(key, frozenset())

    def _importer_map(self) -> dict[str, frozenset[str]]:
        """File -> the read files that import it, made once (imports do not change)."""
        if self._importers is None:
            found: dict[str, set[str]] = {}
            for other in self.files:
                for target in self.imports_of(other):
                    if target != other:
                        found.setdefault(target, set()).add(other)
            self._importers = {k: frozenset(v) for k, v in found.items()}
        return self._importers

    def _object_changes(self, obj: v.Obj, data: bool) -> str:
        """Why an object literal's properties may not be what is written ("" when they
        are as written): `cfg.m = 'PUT'` anywhere, `Object.assign(cfg, ...)`, a `__proto__`
        key; for data (not methods), also `cfg` used other than by reading a property or
        spreading it (an alias or a function may change it), or changed in another file."""
        node = obj.node
        if any(
            child.type == "pair" and property_name(child.child_by_field_name("key")) == "__proto__"
            for child in node.named_children
        ):
            return "an object with a `__proto__`"
        outermost = _outermost_literal(node)
        if data and holds_a_function(outermost) and _USES_THIS.search(outermost.text or b""):
            return "an object whose own methods may change it (they use `this`)"
        declarator = _holder(outermost)  # `cfg.http.m` is changed through `cfg`
        if declarator is None or declarator.type != "variable_declarator":
            return ""
        target = declarator.child_by_field_name("name")
        if target is None or target.type != "identifier":
            return ""
        unit, name = obj.unit, text_of(target)
        if unit.properties_written(name):
            return f"`{name}`, which the code changes"
        if not data:
            return ""
        data_bytes = unit.file.data
        nested = any(_unwrapped_literal(child) is not None for child in _pair_values(outermost))
        plain = not holds_a_function(outermost)  # no method of its own may change it through `this`
        for start in unit.word_starts(name):
            if start == target.start_byte or unit.means_another(name, start, declarator):
                continue
            if nested and _nested_object_used_whole(outermost, data_bytes, start + len(name)):
                return f"`{name}`, an inner object of which is used as a whole where it may be changed"
            after = data_bytes[start + len(name) : start + len(name) + 64].lstrip()[:1]
            before = data_bytes[max(start - 3, 0) : start]
            if after in (b".", b"[", b"?") or before == b"...":
                continue  # `cfg.m`, `cfg[k]`, `cfg?.m`, `{ ...cfg }`
            if before.endswith(b".") or after == b":":
                continue  # another object's property `x.cfg`, or a key `cfg: ...`
            if self._request_options(unit, start, start + len(name)):
                continue  # `requestJira(path, cfg)` only reads it
            if plain and self.handed_to_reader(unit, start, start + len(name), 0, nested):
                continue  # `logRequest(path, cfg)` that only reads `cfg.method`
            return f"`{name}`, which is used as a whole where it may be changed"
        return ""  # another file's changes: `_changed_elsewhere`

    def _request_options(self, unit: Unit, start: int, end: int) -> bool:
        """Whether the name at `start` is an argument of a Forge request or `fetch` (which
        read their options and change nothing)."""
        node = unit.root.descendant_for_byte_range(start, end)
        args = node.parent if node is not None else None
        call = args.parent if args is not None and args.type == "arguments" else None
        callee = call.child_by_field_name("function") if call is not None else None
        if callee is None:
            return False
        return isinstance(self.value(unit, callee), v.Bound | v.FetchFn | v.AtlassianFn)

    def handed_to_reader(self, unit: Unit, start: int, end: int, depth: int, nested: bool = False) -> bool:
        """Whether the name at `start` is an argument of a call that only reads it: `console.*`,
        `JSON.stringify(x)` (no replacer), or an app function whose parameter there is only
        read (its properties read, destructured, or itself handed to such a call)."""
        node = unit.root.descendant_for_byte_range(start, end)
        args = node.parent if node is not None else None
        call = args.parent if args is not None and args.type == "arguments" else None
        callee = call.child_by_field_name("function") if call is not None else None
        if node is None or args is None or callee is None:
            return False
        given = [child for child in args.named_children if child.type != "comment"]
        if callee.type == "member_expression":
            target = callee.child_by_field_name("object")
            method = property_name(callee.child_by_field_name("property"))
            global_name = (
                text_of(target)
                if target is not None
                and target.type == "identifier"
                and unit.lookup(text_of(target), target) is None
                else ""
            )
            if global_name == "console" or (
                (global_name, method) == ("JSON", "stringify") and len(given) == 1
            ):
                return True  # a global that only reads what it is given
        if depth >= _MAX_READER_DEPTH:
            return False
        function = self.value(unit, callee)
        if not isinstance(function, v.Func):
            return False
        return self._param_only_read(function, given.index(node), depth + 1, nested)

    def _param_only_read(self, function: v.Func, index: int, depth: int, nested: bool = False) -> bool:
        """Whether `function` only reads the object its parameter `index` is given: every
        mention of the parameter in it reads a property, or hands it to a request or to
        another such reader. `arguments` may reach it any other way."""
        node = function.node
        params = node.child_by_field_name("parameters")
        single = node.child_by_field_name("parameter")  # `opts => ...`
        found = [c for c in params.named_children if c.type != "comment"] if params is not None else []
        if params is None and single is not None:
            found = [single]
        if index >= len(found):
            return False  # read through `arguments`, perhaps
        param = found[index]
        if param.type in ("required_parameter", "optional_parameter"):  # TypeScript
            param = param.child_by_field_name("pattern") or param
        if param.type == "assignment_pattern":
            param = param.child_by_field_name("left") or param
        unit = function.unit
        if any(node.start_byte <= at < node.end_byte for at in unit.word_starts("arguments")):
            return False
        if param.type == "object_pattern":  # `({ init }) => ...`: each name it binds, only read
            return all(
                self._only_read_in(function, name, param, depth, nested) for name in pattern_names(param)
            )
        if param.type != "identifier":
            return False
        return self._only_read_in(function, text_of(param), param, depth, nested)

    def _only_read_in(
        self, function: v.Func, name: str, declared: Node, depth: int, nested: bool = False
    ) -> bool:
        """Whether every mention of `name` in `function` (but in `declared`, where it is bound)
        reads a property, or hands it to a request or to another such reader."""
        node, unit = function.node, function.unit
        for start in unit.word_starts(name):
            if (
                not node.start_byte <= start < node.end_byte
                or declared.start_byte <= start < declared.end_byte
            ):
                continue
            mention = unit.root.descendant_for_byte_range(start, start + len(name))
            if mention is None or mention.type in ("comment", "string_fragment", "string"):
                continue  # text: it reaches no object
            if only_read_through(mention):
                inner = _member_chain(mention)
                parent = inner.parent
                if inner == mention or parent is None:
                    continue
                if parent.type == "arguments":
                    # `Object.assign(s.http, …)`: an inner object handed to code that may change it
                    if self.handed_to_reader(unit, inner.start_byte, inner.end_byte, depth, nested):
                        continue
                    return False
                if nested and not value_used_up(inner):
                    return False  # `const h = s.http`, `return s.http`: an inner object goes on
                continue
            if self._request_options(unit, start, start + len(name)):
                continue
            if not self.handed_to_reader(unit, start, start + len(name), depth, nested):
                return False
        return True

    def _accessor_value(self, getter: v.Func, name: str, node: Node) -> v.Value:
        """What reading an accessor property gives: what its getter returns (a setter alone
        gives `undefined`, a getter that reads itself, nothing known)."""
        unknown = v.Unknown(f"the accessor `{name}`, whose value is not followed")
        if not any(part.type == "get" for part in node.children) or getter.ref in self._open_getters:
            return unknown
        self._open_getters.add(getter.ref)
        try:
            value = self.returned(getter)
        finally:
            self._open_getters.discard(getter.ref)
        return unknown if isinstance(value, v.Unknown) or value is v.MISSING else value

    def _literal_property(self, obj: v.Obj, name: str) -> v.Value:
        found: v.Value = v.MISSING
        spreads: list[Node] = []
        computed = False  # a key only known at run time (`[k]: v`) may be `name`
        for child in obj.node.named_children:
            kind = child.type
            if kind == "pair":
                key = child.child_by_field_name("key")
                key_name = property_name(key)
                if key_name is None and key is not None and key.type == "computed_property_name":
                    inner = [c for c in key.named_children if c.type != "comment"]
                    if inner and inner[0].type == "string":
                        key_name = string_value(inner[0])
                    else:
                        computed = True
                if key_name == name:
                    value = child.child_by_field_name("value")
                    found = self.value(obj.unit, value) if value is not None else v.MISSING
                    spreads.clear()
            elif kind == "shorthand_property_identifier":
                if text_of(child) == name:
                    found = self.name_value(obj.unit, name, child)
                    spreads.clear()
            elif kind == "method_definition":
                if property_name(child.child_by_field_name("name")) == name:
                    found = self.func(obj.unit, child)
                    if any(part.type in ("get", "set") for part in child.children):
                        # `{ get client() { return api.asUser(); } }`: reading it runs the getter
                        found = self._accessor_value(found, name, child)
                    spreads.clear()
            elif kind == "spread_element":
                spreads.extend(c for c in child.named_children if c.type != "comment")
        if computed:
            return v.Unknown(f"an object with a computed key that may be `{name}`")
        for index in range(len(spreads) - 1, -1, -1):
            value = self._spread_member(obj.unit, spreads[index], name)
            if isinstance(value, v.Param) and len(spreads) == 1 and found is not v.MISSING:
                # `{ method: 'GET', ...opts }`: the caller's `opts.method`, or GET where it has none
                return value.defaulted(found, absent_only=True)
            if isinstance(value, v.Param) and (found is not v.MISSING or index > 0):
                # `{ method: 'PUT', ...opts }`: the caller's options may set it or not
                return v.Unknown(
                    f"`{name}` may come from a spread of `{value.name}` or from what stands before it"
                )
            if value is not v.MISSING:
                return value
        return found

    def lacks(self, holder: v.Value | None, name: str, depth: int = 0) -> bool | None:
        """Whether `holder` has no key `name` at all (not even `name: undefined`): True for an
        argument not given or an object literal without the key (spreads of literals and
        getters of other names included), False where it has one, None where it cannot be
        told (a spread of something not followed, a computed key)."""
        if holder is v.MISSING:
            return True
        if not isinstance(holder, v.Obj) or holder.changed or depth > _MAX_LACKS_DEPTH:
            return None
        answers: list[bool | None] = []
        for child in holder.node.named_children:
            kind = child.type
            if kind in ("pair", "method_definition"):
                key = child.child_by_field_name("key" if kind == "pair" else "name")
                if key is None or key.type == "computed_property_name":
                    answers.append(None)
                elif property_name(key) == name:
                    return False
            elif kind == "shorthand_property_identifier" and text_of(child) == name:
                return False
            elif kind == "spread_element":
                inner = [c for c in child.named_children if c.type != "comment"]
                answer = self._spread_lacks(holder.unit, inner[0], name, depth) if inner else None
                if answer is False:
                    return False
                answers.append(answer)
        return None if None in answers else True

    def _spread_lacks(self, unit: Unit, node: Node, name: str, depth: int) -> bool | None:
        """`lacks` for what `...node` spreads (each side of `c ? {...} : {...}`, `c && {...}`)."""
        while node.type == "parenthesized_expression" and node.named_child_count == 1:
            node = node.named_children[0]
        if node.type in ("null", "undefined"):
            return True
        found: set[bool | None] = set()
        if node.type == "ternary_expression":
            sides = [node.child_by_field_name(field) for field in self._branches_taken(unit, node)]
        elif (
            node.type == "binary_expression"
            and getattr(node.child_by_field_name("operator"), "type", "") == "&&"
        ):
            sides = [node.child_by_field_name("right")]
            found.add(True)  # a falsy left side spreads nothing
        else:
            return self.lacks(self.value(unit, node), name, depth + 1)
        found.update(
            self._spread_lacks(unit, side, name, depth + 1) if side is not None else None for side in sides
        )
        return found.pop() if len(found) == 1 else None  # sides that differ: either may run

    def _spread_member(self, unit: Unit, node: Node, name: str) -> v.Value:
        """`name` of what `...node` spreads: of each object literal a `c ? {...} : {...}` or a
        `c && {...}` may give (MISSING when none has it: `...(body ? { body } : {})` keeps the
        `method` before it); unknown when the sides differ."""
        while node.type == "parenthesized_expression" and node.named_child_count == 1:
            node = node.named_children[0]
        sides: list[Node | None] = []
        if node.type == "ternary_expression":
            sides = [node.child_by_field_name(field) for field in self._branches_taken(unit, node)]
        elif (
            node.type == "binary_expression"
            and getattr(node.child_by_field_name("operator"), "type", "") == "&&"
        ):
            sides = [node.child_by_field_name("right"), None]  # a falsy left side spreads nothing
        else:
            return self.member(self.value(unit, node), name, None)
        found = {self._spread_member(unit, side, name) if side is not None else v.MISSING for side in sides}
        if len(found) == 1:
            return found.pop()
        return v.Unknown(partial(describe, node))

    def template(self, unit: Unit, node: Node, routed: bool = False) -> v.Value:
        """A template string; in a `route` tag (`routed`) each `${...}` is one path segment,
        except a Route a helper returns (`route` puts it in as it is: it may hold `/`). A
        `${...}` that is one of several values (`${q ? 'search' : id}`) makes one string each."""
        variants: list[list[v.Part]] = [[]]
        in_query = False  # after a `?` or `#` of the template, `route` encodes values
        for child in node.named_children:
            kind = child.type
            if kind == "string_fragment":
                in_query = in_query or "?" in text_of(child) or "#" in text_of(child)
                pieces: list[list[v.Part]] = [[text_of(child)]]
            elif kind == "escape_sequence":
                pieces = [[decode_escape(text_of(child))]]
            elif kind == "template_substitution":
                inner = [c for c in child.named_children if c.type != "comment"]
                choices = self._choices(unit, inner[0], 0) if inner else [v.MISSING]
                options = tuple(o for c in choices for o in (c.options if isinstance(c, v.OneOf) else (c,)))
                if len(options) * len(variants) > _MAX_TEMPLATE_VARIANTS:
                    options = (v.Unknown("one of several values"),)
                pieces = [self._template_part(unit, inner, option, routed, in_query) for option in options]
            else:
                continue
            variants = [[*variant, *piece] for variant in variants for piece in pieces]
        if len(variants) == 1:
            return v.make_string(variants[0])
        return v.OneOf(tuple(v.make_string(variant) for variant in variants))

    def _choices(self, unit: Unit, node: Node, depth: int) -> list[v.Value]:
        """The values an expression may take, each branch of `a ? b : c`, `a || b` and `a ??
        b` on its own (also through a `const` given one): a template makes a string of each."""
        while node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[-1]
        sides: list[Node | None] = []
        if node.type == "ternary_expression":
            sides = [node.child_by_field_name(field) for field in self._branches_taken(unit, node)]
        elif node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is not None and operator.type in ("||", "??"):
                sides = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        elif node.type == "identifier" and depth == 0:
            name = text_of(node)
            binding = unit.lookup(name, node)
            declarator = binding.node if isinstance(binding, Decl) and binding.kind == "var" else None
            value = declarator.child_by_field_name("value") if declarator is not None else None
            if value is not None and name not in unit.rewritten:
                # its first value and each one a plain `name = …` gives it (the union of all)
                given = [r for r in unit.assignments.get(name, ()) if unit.lookup(name, r) == binding]
                if given or value.type in ("ternary_expression", "binary_expression"):
                    return [c for one in (value, *given) for c in self._choices(unit, one, depth + 1)]
        if not sides or depth > 3 or any(side is None for side in sides):
            return [self.value(unit, node)]
        return [
            choice for side in sides if side is not None for choice in self._choices(unit, side, depth + 1)
        ]

    def _template_part(
        self, unit: Unit, inner: list[Node], value: v.Value, routed: bool, in_query: bool = False
    ) -> list[v.Part]:
        if routed and not in_query and isinstance(value, v.Str) and _MANIPULATES_PATH.search(value.text):
            if inner and self._may_return_a_route(unit, inner[0]):
                return [value.text]  # a Route (`route`..``) goes in as it is: `route` checks strings
            # `route` throws on a string with `/`, `\`, `?`, `#` or `..` ("path manipulation"):
            # that request is never sent as written; what is sent instead is not known
            return [v.HOLE]
        if isinstance(value, v.Str | v.Num):
            return [value.text]
        if isinstance(value, v.Tmpl):
            return list(value.parts)
        if isinstance(value, v.Param):
            return [v.Slot(value, hole=True, spans=not routed)]
        if routed and inner and self._may_return_a_route(unit, inner[0]):
            return [v.SPAN]
        return [v.HOLE if routed else v.SPAN]

    def _may_return_a_route(self, unit: Unit, node: Node, depth: int = 0) -> bool:
        """Whether a `${...}` in a `route` tag may be a Route, which `route` puts in as it is:
        a call of an app function whose code (or a function it calls) builds routes, a method
        of an object not followed that some file defining it builds routes in, or a variable
        or array given a route (`let sub; sub = route`...``, `[route`...`][0]`)."""
        while node.type in ("await_expression", "parenthesized_expression") and node.named_children:
            node = node.named_children[-1]
        if node.type == "subscript_expression":
            held = node.child_by_field_name("object")
            return held is not None and self._may_return_a_route(unit, held, depth + 1)
        if node.type == "identifier":
            binding = unit.lookup(text_of(node), node)
            declarator = (
                binding.node if isinstance(binding, Decl) and binding.kind in ("var", "unknown") else None
            )
            givens = [*unit.assignments.get(text_of(node), ())]
            if declarator is not None and declarator.type == "variable_declarator":
                givens.append(declarator)
            return any(builds_routes(given.text) for given in givens)
        if node.type != "call_expression":
            return False
        function = node.child_by_field_name("function")
        callee = self.value(unit, function) if function is not None else v.MISSING
        if not isinstance(callee, v.Func):
            # a method of an object not followed (`new Pages().comments(id)`) may be the app's:
            # it may return a Route when a file that names the method builds routes; a global
            # or a string method (`encodeURIComponent`, `key.trim()`) gives a string
            if function is None or function.type != "member_expression":
                return False
            method = property_name(function.child_by_field_name("property")) or ""
            if method in _STRING_METHODS:
                return False
            wanted = method.encode() + b"("
            return any(builds_routes(file.data) and wanted in file.data for file in self.files.values())
        if builds_routes(callee.node.text):
            return True
        return depth < 2 and any(  # `const sub = (k) => mk(k)`, where `mk` builds the route
            self._may_return_a_route(callee.unit, call, depth + 1)
            for call in callee.unit.calls_within(callee.node)
            if call.type == "call_expression"
        )

    def _call_value(self, unit: Unit, node: Node) -> v.Value:
        function = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if function is None or args is None:
            return v.Unknown(partial(describe, node))
        if args.type == "template_string":  # a tagged template: route`...`
            if isinstance(self.value(unit, function), v.RouteTag):
                return self.template(unit, args, routed=True)
            return v.Unknown(partial(describe, node))
        if function.type == "import" or (  # `await import('@forge/api')`: the module
            function.type == "identifier"
            and function.text == b"require"
            and unit.lookup("require", node) is None
        ):
            first = _arguments(args)
            if first and first[0].type == "string":
                return self.namespace_value(unit, string_value(first[0]))
            return v.Unknown(partial(describe, node))
        callee = self.value(unit, function)
        if isinstance(callee, v.RouteTag):  # `route('/wiki/...')`: a call, not a tag
            return v.Unknown(describe(node) + _ROUTE_CALLED)
        if isinstance(callee, v.AsFn):
            return v.Requester(callee.as_user)
        if isinstance(callee, v.CompassAs):
            return v.CompassClient()
        if isinstance(callee, v.PropertyStore) and not callee.bound:
            return v.PropertyStore(callee.target, bound=True, sdk=callee.sdk)
        if isinstance(callee, v.AuthorizeFn):
            return v.PropertiesApi("authorize")
        if isinstance(callee, v.TrustedRoute):
            first = _arguments(args)
            arg = self.value(unit, first[0]) if first else v.MISSING
            if isinstance(arg, v.Str | v.Tmpl | v.Param):
                return arg
            why = arg.why if isinstance(arg, v.Unknown) else "missing"
            return v.Unknown(f"an assumeTrustedRoute() argument that is {why}")
        if isinstance(callee, v.Namespace):
            callee = self.export_value(callee.unit, "default", set())
        if isinstance(callee, v.Func):
            result = self.returned(callee)
            if isinstance(result, _FORGE_OBJECTS):
                return result
            if isinstance(result, v.Obj) and not self._uses_params(result, callee):
                return result  # an object literal: a helper that builds request options
        return v.Unknown(partial(describe, node))

    def _uses_params(self, obj: v.Obj, func: v.Func) -> bool:
        """Whether what the analysis reads of a returned object literal (its `method`, and any
        spread that may set it) holds the function's own parameters: they are not the caller's
        values, so such an object stays unknown."""
        names = {name.encode() for name in func.unit.params_of(func.node)}
        if not names:
            return False
        for child in obj.node.named_children:
            if child.type == "pair" and property_name(child.child_by_field_name("key")) != "method":
                continue
            if child.type not in ("pair", "spread_element", "shorthand_property_identifier"):
                continue
            if child.type == "shorthand_property_identifier" and text_of(child) != "method":
                continue
            if any(word in names for word in re.findall(rb"[A-Za-z_$][\w$]*", child.text or b"")):
                return True
        return False

    def returned(self, func: v.Func) -> v.Value:
        """What a function returns: its arrow body, its one `return`, or, with several
        (`if (w) return 'PUT'; return 'GET';`), one of the paths or methods they give when
        each is a literal and the body ends in a `return`."""
        body = func.node.child_by_field_name("body")
        unknown = v.Unknown("the result of a function")
        if body is None:
            return unknown
        if body.type != "statement_block":
            return self.value(func.unit, body)
        returns = self._returns.get(func.ref)
        if returns is None:
            returns = self._returns[func.ref] = return_statements(body)
        values: list[v.Value] = []
        for statement in returns:
            inner = [child for child in statement.named_children if child.type != "comment"]
            values.append(self.value(func.unit, inner[0]) if inner else v.MISSING)
        last = next((c for c in reversed(body.named_children) if c.type != "comment"), None)
        if not values or last is None or last.type != "return_statement":
            return unknown  # it may end without a `return`: `undefined`
        if len(values) == 1:
            return values[0]
        return _one_of_paths(values) or unknown

    def func(self, unit: Unit, node: Node) -> v.Func:
        ref = (unit.key, node.start_byte)
        func = self.functions.get(ref)
        if func is None:
            func = self.functions[ref] = v.Func(unit, node, ref)
        return func

    def function_name(self, ref: v.FnRef) -> str | None:
        func = self.functions.get(ref)
        if func is None:
            return None
        node = func.node
        name = node.child_by_field_name("name")
        if name is not None:
            return text_of(name)
        parent = node.parent
        if parent is not None:
            if parent.type == "variable_declarator":
                target = parent.child_by_field_name("name")
                return text_of(target) if target is not None else None
            if parent.type == "pair":
                return property_name(parent.child_by_field_name("key"))
            if parent.type == "assignment_expression":
                target = parent.child_by_field_name("left")
                return text_of(target) if target is not None else None
        return None

    # modules ------------------------------------------------------------------------------

    def import_value(self, unit: Unit, source: str, name: str, seen: set | None = None) -> v.Value:
        source = forge_api.package_of(source)
        if source in forge_api.FORGE_PACKAGES or source in forge_api.FETCH_PACKAGES:
            return forge_api.export_value(source, name)
        if source.startswith("."):
            target = self.resolve(unit, source)
            if target is None:
                self.note_unread(unit, source)
                return v.Unknown(f"`{name}` from `{source}`, {self._not_resolved(unit, source)}")
            return self.export_value(target, name, seen if seen is not None else set())
        if source.startswith("#"):  # package.json `imports`
            target = self.resolve(unit, source)
            if target is not None:
                return self.export_value(target, name, seen if seen is not None else set())
        return forge_api.other_export(source, name) or v.Unknown(f"`{name}` from `{source}`")

    def namespace_value(self, unit: Unit, source: str) -> v.Value:
        """`import * as x from source`, `require(source)`: the module object."""
        source = forge_api.package_of(source)
        if source in forge_api.FETCH_PACKAGES:
            return v.FetchFn(backend=None)
        if source in forge_api.FORGE_PACKAGES:
            return v.Module(source)
        if source.startswith("."):
            target = self.resolve(unit, source)
            if target is not None:
                return v.Namespace(target)
            self.note_unread(unit, source)
            return v.Unknown(f"`{source}`, {self._not_resolved(unit, source)}")
        if source.startswith("#"):  # package.json `imports`
            target = self.resolve(unit, source)
            if target is not None:
                return v.Namespace(target)
        return v.Unknown(f"the module `{source}`")

    def export_value(self, unit: Unit, name: str, seen: set) -> v.Value:
        """What module `unit` exports as `name` (ES exports, re-exports and CommonJS)."""
        key = (unit.key, name)
        if key in seen:
            return v.Unknown(f"`{name}`, exported in a cycle")
        seen.add(key)
        entry = unit.exports.get(name)
        commonjs = (entry is not None and unit.is_commonjs_export(name)) or (
            entry is None and unit.module_value is not None and not unit.module_unsure
        )
        if commonjs and self._requires_itself(unit):  # `require('./config')['method'] = …` in config.js
            return v.Unknown(f"`{name}` exported by {unit.file.display}, which loads itself")
        if entry is not None and unit.is_commonjs_export(name):  # the exports object is shared
            value = self.value(unit, entry.node)
            why = self._set_by_another_file(unit, name, own_writes=1)  # `exports.name =` itself
            if not why and not isinstance(value, v.Func | v.Obj):
                why = self._changed_by_importers(unit, "an export")
            if why:
                return v.Unknown(f"`{name}` exported by {unit.file.display}, {why}")
            return value
        if entry is not None:
            if entry.kind == "local":
                return self.name_value(unit, entry.name, unit.root)
            if entry.kind == "node":
                return self.value(unit, entry.node)
            if entry.kind == "unknown":
                return v.Unknown(f"`{name}`, which {unit.file.display} exports in more than one way")
            if entry.name == "*":
                return self.namespace_value(unit, entry.source)
            return self.import_value(unit, entry.source, entry.name, seen)
        if unit.module_value is not None:
            if unit.module_unsure:
                return v.Unknown(
                    f"`{name}` of `module.exports`, which {unit.file.display} sets more than once"
                )
            module = self.value(unit, unit.module_value)
            return module if name == "default" else self.member(module, name, None)
        for source in unit.star_exports:
            value = self.import_value(unit, source, name, seen)
            if not isinstance(value, v.Unknown):
                return value
        return v.Unknown(f"`{name}`, which {unit.file.display} does not export")

    def _requires_itself(self, unit: Unit) -> bool:
        """Whether the file loads its own module (`require('./config')` inside config.js), or
        some file reaches modules' exports through Node's module registry (`require.cache`,
        `module.children`): names for the exports object the analysis does not follow."""
        if self._registry_used is None:
            self._registry_used = any(_MODULE_REGISTRY.search(file.data) for file in self.files.values())
        if self._registry_used:
            return True
        folder = os.path.dirname(unit.key)
        return any(
            source.startswith(".") and self.find_import(folder, source) == unit.key
            for source in unit.imported_sources
        )

    def export_names(self, unit: Unit) -> set[str]:
        """The names other files can import from `unit`."""
        names = set(unit.exports)
        module = unit.module_value
        if module is not None:
            names.add("default")
            if module.type == "object":
                names.update(object_keys(module))
        return names


def changed_through(unit: Unit, name: str, value: v.Value) -> v.Value:
    """An object reached through `name` in `unit`, marked as changed when the file sets
    properties of `name` (`const o = defaults(); o.method = 'PUT'`, a parameter `o` the
    function changes): the literal alone no longer says what it holds."""
    if isinstance(value, v.Obj) and not value.changed and unit.properties_written(name):
        return v.Obj(value.unit, value.node, f"`{name}`, which the code changes")
    return value


def object_keys(node: Node) -> list[str]:
    """The literal keys of an object literal (pairs, shorthands and methods)."""
    keys: list[str] = []
    for child in node.named_children:
        kind = child.type
        if kind == "pair":
            key = property_name(child.child_by_field_name("key"))
        elif kind == "method_definition":
            key = property_name(child.child_by_field_name("name"))
        elif kind == "shorthand_property_identifier":
            key = text_of(child)
        else:
            continue
        if key is not None:
            keys.append(key)
    return keys


def _number(text: str) -> v.Value:
    try:
        return v.Num(int(text.replace("_", ""), 0))
    except ValueError:
        try:
            return v.Num(float(text.replace("_", "")))
        except ValueError:
            return v.Str(text)


_BRANCHES = frozenset({"if_statement", "else_clause", "switch_case", "switch_default", "catch_clause"})


def _on_a_branch(assigned: Node, declarator: Node) -> bool:
    """Whether the assignment of `assigned` runs only on some branch below the declaration's
    block, and in the same function."""
    scope = declarator.parent.parent if declarator.parent is not None else None
    node = assigned.parent
    branch = False
    while node is not None and node != scope:
        if node.type in _FUNCTIONS:
            return False
        branch = branch or node.type in _BRANCHES
        node = node.parent
    return branch and node is not None


#: `.a`, `?.a`, `['a']` after a name: the property path it reads
_PROPERTY_STEP = re.compile(rb"""\s*(?:\??\.\s*([A-Za-z_$][\w$]*)|\[\s*['"]([^'"\]]+)['"]\s*\]|(\[))""")


def _pair_values(literal: Node) -> list[Node]:
    return [
        value
        for child in literal.named_children
        if child.type == "pair" and (value := child.child_by_field_name("value")) is not None
    ]


def _file_candidates(base: str) -> list[str]:
    """The files an import of `base` may name as a file: itself with a code suffix, the
    TypeScript source of a `.js` name (`./client.js` for client.ts), `base` plus a suffix."""
    candidates = [base] if os.path.splitext(base)[1] in LANGUAGE_BY_SUFFIX else []
    if base.endswith(_JS_SUFFIXES):
        stem = os.path.splitext(base)[0]
        candidates.extend(stem + suffix for suffix in _TS_SUFFIXES)
    candidates.extend(base + suffix for suffix in LANGUAGE_BY_SUFFIX)
    return candidates


def _index_candidates(base: str) -> list[str]:
    """The files an import of `base` may name as a folder: its index script."""
    return [os.path.join(base, "index" + suffix) for suffix in LANGUAGE_BY_SUFFIX]


def _unwrapped_literal(node: Node) -> Node | None:
    """The object literal `node` is, past parentheses and TypeScript's `as`, `satisfies`,
    `<T>` and `!`; None when it is something else."""
    while node.type in WRAPPERS or node.type == "type_assertion":
        inner = [child for child in node.named_children if child.type not in ("comment", "type_arguments")]
        if not inner:
            return None
        node = inner[-1] if node.type == "type_assertion" else inner[0]
    return node if node.type == "object" else None


def _nested_object_used_whole(literal: Node, data: bytes, end: int) -> bool:
    """Whether `cfg.mode` (the property path after the name ending at `end`) names an inner
    object literal that is then used as a whole (`f(cfg.mode)`, `const m = cfg.mode`): a
    function or an alias may change it. A computed step (`cfg[k]`) may name any of them."""
    node: Node | None = literal
    steps = 0
    while True:
        match = _PROPERTY_STEP.match(data, end)
        if match is None:
            break
        if match.group(3) is not None:  # `cfg[k]...`: which inner object is not known
            return True
        key = (match.group(1) or match.group(2)).decode("utf-8", "replace")
        end = match.end()
        steps += 1
        found = next(
            (
                child.child_by_field_name("value")
                for child in (node.named_children if node is not None else ())
                if child.type == "pair" and property_name(child.child_by_field_name("key")) == key
            ),
            None,
        )
        node = _unwrapped_literal(found) if found is not None else None
        if node is None:
            return False  # a value that is not an inner object literal
    if steps == 0:
        return False
    following = data[end : end + 2].lstrip()[:1]
    return following not in (b"(", b"=") or data[end : end + 3].lstrip().startswith(b"==")


def _one_of_paths(values: list[v.Value]) -> v.Value | None:
    """The literal paths (or methods) `values` may be, as one value: a single one, or
    `OneOf`; None when one is not a literal or there are too many."""
    options: list[v.Value] = []
    for value in values:
        for one in value.options if isinstance(value, v.OneOf) else (value,):
            if not isinstance(one, v.Str | v.Tmpl):
                return None
            if one not in options:
                options.append(one)
    if not options or len(options) > _MAX_OPTIONS:
        return None
    return options[0] if len(options) == 1 else v.OneOf(tuple(options))


#: what changes an object's properties without `.name =`: a computed or quoted key
#: (`cfg['method'] =`), `Object.assign`, `Object.defineProperty`, `Reflect.set`
_CHANGES_AN_IMPORT = re.compile(
    rb"\]\s*"
    + WRITES_AFTER
    + rb"|"
    + WRITES_BEFORE
    + rb"\s*[\w$]+\s*(?:\??\.\s*[\w$]+\s*)*\[|\bObject\s*\.\s*(?:assign|defineProperty|defineProperties|setPrototypeOf)\b|\bReflect\s*\.\s*(?:set|defineProperty)\b"
)


#: Node's module registry, which hands out any module's exports object
_MODULE_REGISTRY = re.compile(
    rb"\brequire\s*\.\s*cache\b|\bmodule\s*\.\s*(?:children|parent)\b|\brequire\s*\.\s*main\b"
)
#: code that changes an object it did not make: `Object.assign(o, …)` (not a fresh `{}`),
#: `defineProperty`, `Reflect.set`
_CHANGES_AN_OBJECT = re.compile(
    rb"\bObject\s*\.\s*(?:assign\s*\(\s*(?!\{)|defineProperty\b|defineProperties\b|setPrototypeOf\b)"
    rb"|\bReflect\s*\.\s*(?:set|defineProperty)\b"
)
#: `[key] = value` with a key known at run time, the part of `target[key] = value` that a
#: search can find fast (it starts with a fixed `[`)
_RUN_TIME_KEY_WRITE = re.compile(rb"\[\s*[A-Za-z_$][^\]\n]*\]\s*" + WRITES_AFTER)
_NAME_START = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$")


def _run_time_key_writes(data: bytes) -> list[tuple[int, bytes | None]]:
    """Each `target[key] = value` with a key known at run time (no space before `[`: not
    `const [a] =`): where the target starts, and its name when it is a plain variable (not
    `a.b[k]`, `f()[k]`, `x[0][k]`, where it is None)."""
    found: list[tuple[int, bytes | None]] = []
    position = 0
    while (match := _RUN_TIME_KEY_WRITE.search(data, position)) is not None:
        bracket = match.start()
        start = bracket
        while start and data[start - 1] in WORD_BYTES:
            start -= 1
        if start < bracket and data[start] in _NAME_START and data[start - 1 : start] != b".":
            found.append((start, data[start:bracket]))
        elif bracket and (data[bracket - 1] in WORD_BYTES or data[bracket - 1] in b")]"):
            found.append((bracket - 1, None))
        else:  # `([k] = ...`: not a write by key; another may start inside this one
            position = bracket + 1
            continue
        position = match.end()
    return found


def _declared_fresh(data: bytes, name: bytes) -> bool:
    """Whether the file declares `name` only once, given a fresh `{}` or `[]` (`const seen:
    Record<string, number> = {}`), and not as a parameter-like name elsewhere."""
    words = re.findall(rb"(?<![\w$.])" + re.escape(name) + rb"(?![\w$])", data)
    fresh = re.findall(rb"\b(?:const|let|var)\s+" + re.escape(name) + rb"\s*(?::[^=;\n]*)?=\s*[{\[]", data)
    declared = re.findall(rb"\b(?:const|let|var|function|class)\s+" + re.escape(name) + rb"\b", data)
    return len(fresh) == 1 and len(declared) == 1 and len(words) > 1 and not _as_parameter(name).search(data)


def _as_parameter(name: bytes) -> re.Pattern[bytes]:
    """`name` in a parameter list: `(acc, x) =>`, `function f(name)`, `name =>`."""
    word = re.escape(name)
    return re.compile(
        rb"[(,]\s*" + word + rb"\s*(?::[^,)=]*)?(?:=[^,)]*)?[,)]|(?<![\w$.])" + word + rb"\s*=>"
    )


#: `this` in an object literal: its own methods may change it (`this.x =`, `const self = this`)
_USES_THIS = re.compile(rb"(?<![\w$.])this(?![\w$])")
#: a module loaded by a call, whose value the file may then change
_LOADS_AT_RUN_TIME = re.compile(rb"""(?<![\w$.])import\s*\(\s*['"`]""")
_MEMBER_STEP = re.compile(rb"\s*(?:\??\.\s*[\w$]+|\[[^\]]*\])")


def _member_read(data: bytes, end: int, steps: int) -> bool:
    """Whether `steps` property accesses follow the name ending at `end` (`cfg.url`)."""
    position = end
    for _ in range(steps):
        match = _MEMBER_STEP.match(data, position)
        if match is None:
            return False
        position = match.end()
    return True


def _declared_here(node: Node) -> bool:
    """`cfg` in `const cfg = require('./cfg')`: the name being bound, not a use."""
    parent = node.parent
    return (
        parent is not None
        and parent.type == "variable_declarator"
        and parent.child_by_field_name("name") == node
    )


def _in_import(node: Node) -> bool:
    current = node.parent
    while current is not None:
        if current.type in ("import_statement", "export_statement", "import_specifier", "export_specifier"):
            return current.type != "export_statement" or current.child_by_field_name("declaration") is None
        if current.type in ("program", "statement_block"):
            return False
        current = current.parent
    return False


def _member_chosen_at_run_time(held: v.Value) -> v.Value | None:
    """`x[key]` with a key known only at run time, for a Forge object whose members send
    requests: every check of `authorize()` sends the same one; any other member may send
    anything (None: not such an object)."""
    if isinstance(held, v.OneOf):  # `(app ? api.asApp() : api.asUser())[method](path)`
        chosen = [_member_chosen_at_run_time(option) for option in held.options]
        if any(isinstance(c, v.OpaqueRequestFn) for c in chosen):
            return v.OpaqueRequestFn("a member chosen at run time", None)
        return next((c for c in chosen if c is not None), None)
    if isinstance(held, v.PropertyStore) and held.bound and held.sdk == "authorize":
        return v.PropertyOp(held.target, "*", "authorize")  # a check: counted where the checker is made
    if isinstance(held, v.Requester | v.PropertiesApi | v.PropertyStore):
        as_user = held.as_user if isinstance(held, v.Requester) else None
        return v.OpaqueRequestFn("a member chosen at run time", as_user)
    if isinstance(held, v.Module) and held.package == "@forge/kvs":  # `mod[which].get(key)`
        return v.StorageRef(
            "@forge/kvs", "an export of @forge/kvs chosen at run time, which may not be `kvs`"
        )
    return None


def _exported_literal(holder: Node | None, unit: Unit) -> bool:
    """Whether the literal `holder` gives a value to is exported: `module.exports = {...}`,
    `exports.x = {...}`, `export default {...}`, `export const cfg = {...}` or a `cfg` named
    in an export clause."""
    if holder is None:
        return False
    if holder.type == "export_statement":  # `export default { method: 'GET' }`
        return True
    if holder.type == "assignment_expression":
        left = holder.child_by_field_name("left")
        return left is not None and (left.text or b"").startswith((b"module.exports", b"exports."))
    if holder.type != "variable_declarator":
        return False
    statement = holder.parent
    if statement is not None and statement.parent is not None and statement.parent.type == "export_statement":
        return True
    name = holder.child_by_field_name("name")
    return name is not None and any(
        e.kind == "local" and e.name == text_of(name) for e in unit.exports.values()
    )


def _holder(literal: Node) -> Node | None:
    """What an object literal's value goes to, past parentheses, `await`, `as` and the like:
    a declarator, an export, a call's arguments, a `return`..."""
    node = literal.parent
    while node is not None and (node.type in WRAPPERS or node.type == "type_assertion"):
        node = node.parent
    return node


def _outermost_literal(node: Node) -> Node:
    """The object literal `node` is nested in (`{ http: { m: 'GET' } }`, also `{ http: ({...})
    as Http }`), or itself."""
    while True:
        parent = node.parent
        while parent is not None and (parent.type in WRAPPERS or parent.type == "type_assertion"):
            parent = parent.parent
        if parent is None or parent.type != "pair" or parent.parent is None or parent.parent.type != "object":
            return node
        node = parent.parent


def _read_before_var(declarator: Node, at: Node) -> bool:
    """`f(m); var m = 'PUT';`: a `var` read above its declaration, in the same function,
    is still `undefined` there."""
    statement = declarator.parent
    return (
        statement is not None
        and statement.type == "variable_declaration"
        and at.start_byte < declarator.start_byte
        and enclosing(at, FUNCTION_TYPES) == enclosing(declarator, FUNCTION_TYPES)
    )


def _guarded(name: str, declarator: Node, at: Node) -> bool:
    """`if (!url) return;` (or `throw`, or `url == null`) in the declaration's block before
    the read: past it the variable holds one of the values given to it."""
    scope = declarator.parent.parent if declarator.parent is not None else None
    if scope is None:
        return False
    unset = {
        f"!{name}",
        f"{name} == null",
        f"{name} === null",
        f"{name} === undefined",
        f"{name} == undefined",
    }
    for statement in scope.named_children:
        if statement.start_byte <= declarator.start_byte or statement.start_byte >= at.start_byte:
            continue
        if statement.type != "if_statement" or statement.child_by_field_name("alternative") is not None:
            continue
        condition = statement.child_by_field_name("condition")
        test = " ".join(text_of(condition).strip("() \n").split()) if condition is not None else ""
        leaves = statement.child_by_field_name("consequence")
        if leaves is not None and leaves.type == "statement_block" and leaves.named_child_count == 1:
            leaves = leaves.named_children[0]
        if test in unset and leaves is not None and leaves.type in ("return_statement", "throw_statement"):
            return True
    return False


def _every_branch_assigns(values: list[Node], declarator: Node) -> bool:
    """Whether one `if`/`else if`/`else` chain right in the declaration's block assigns on
    every branch (`let url; if (c) url = a; else url = b;`), so the variable never keeps
    the `undefined` (or `null`) it was declared with."""
    statements = {
        value.parent.parent.id
        for value in values
        if value.parent is not None
        and value.parent.parent is not None
        and value.parent.parent.type == "expression_statement"
    }
    scope = declarator.parent.parent if declarator.parent is not None else None
    if scope is None:
        return False

    def assigns(statement: Node | None) -> bool:
        if statement is None:
            return False
        if statement.type == "statement_block":
            return any(child.id in statements for child in statement.named_children)
        if statement.type == "if_statement":
            return chain(statement)
        return statement.id in statements

    def chain(branching: Node) -> bool:
        otherwise = first_named(branching.child_by_field_name("alternative"))
        return assigns(branching.child_by_field_name("consequence")) and assigns(otherwise)

    return any(child.type == "if_statement" and chain(child) for child in scope.named_children)


def _is_const(declarator: Node) -> bool:
    parent = declarator.parent
    if parent is None or parent.type != "lexical_declaration":
        return False
    kind = parent.child_by_field_name("kind")
    return kind is not None and kind.type == "const"


#: @forge/api's `route` reads its first argument as a tag's strings, one per index: given a
#: plain string it keeps the first character (safeUrl.js), so the request goes to `/`
_ROUTE_CALLED = (
    ", `route` called with parentheses, not as a tag: @forge/api then keeps only the first "
    "character of a string (write route`...`)"
)


def _arguments(args: Node) -> list[Node]:
    return [child for child in args.named_children if child.type != "comment"]


def describe(node: Node) -> str:
    """A short description of an expression for "path is ..." reasons."""
    text = " ".join((node.text or b"").decode("utf-8", "replace").split())
    if len(text) > 40:
        text = text[:37] + "..."
    if node.type == "call_expression":
        return f"the result of `{text}`"
    if node.type in ("identifier", "member_expression"):
        return f"the value `{text}`"
    return f"the expression `{text}`"
