"""Validates registry and policy files against the JSON Schemas in `schemas/`.

`jsonschema` costs about 100 ms to import, which is most of a pre-commit run.
So a small checker for the keywords our own schemas use answers "valid or
not" first; only an invalid file pays for jsonschema, which then words the
errors. Tests compare the two on generated documents, and reject any keyword
this checker does not know, so the shortcut cannot drift from the schema.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from scopecheck.core.findings import Span
from scopecheck.source.yaml_nodes import Node, Scalar, YamlProblem, node_at

#: keywords the fast checker implements; annotations are accepted and ignored
SUPPORTED = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "patternProperties",
        "propertyNames", "enum", "const", "pattern", "minLength", "maxLength", "minimum",
        "maximum", "items", "minItems", "maxItems", "anyOf", "oneOf", "allOf", "$ref",
    }
)  # fmt: skip
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "title",
        "description",
        "default",
        "examples",
        "format",
        "deprecated",
    }
)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped in the package (the same files as `schemas/` in the repository)."""
    text = (Path(__file__).parent.parent / "schemas" / name).read_text(encoding="utf-8")
    return json.loads(text)


def is_valid(instance: Any, schema: dict[str, Any], root: dict[str, Any] | None = None) -> bool:
    """True when `instance` satisfies `schema` (the subset of JSON Schema in SUPPORTED)."""
    root = root if root is not None else schema
    for keyword, expected in schema.items():
        if keyword in ANNOTATIONS:
            continue
        check = _CHECKS.get(keyword)
        if check is None:
            raise ValueError(f"schema keyword {keyword!r} is not supported by the fast checker")
        if not check(instance, expected, schema, root):
            return False
    return True


def _type_ok(instance: Any, expected: str | list[str]) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    for name in names:
        if name == "object" and isinstance(instance, dict):
            return True
        if name == "array" and isinstance(instance, list):
            return True
        if name == "string" and isinstance(instance, str):
            return True
        if name == "boolean" and isinstance(instance, bool):
            return True
        if name == "null" and instance is None:
            return True
        if name == "integer" and _is_integer(instance):
            return True
        if name == "number" and _is_number(instance):
            return True
    return False


def _is_integer(value: Any) -> bool:
    return _is_number(value) and (isinstance(value, int) or value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _properties(instance: Any, expected: dict, schema: dict, root: dict) -> bool:
    if not isinstance(instance, dict):
        return True
    return all(is_valid(instance[k], sub, root) for k, sub in expected.items() if k in instance)


def _additional(instance: Any, expected: Any, schema: dict, root: dict) -> bool:
    if not isinstance(instance, dict):
        return True
    known = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key, value in instance.items():
        if key in known or any(p.search(key) for p in patterns):
            continue
        if expected is False or (isinstance(expected, dict) and not is_valid(value, expected, root)):
            return False
    return True


def _pattern_properties(instance: Any, expected: dict, schema: dict, root: dict) -> bool:
    if not isinstance(instance, dict):
        return True
    for pattern, sub in expected.items():
        regex = re.compile(pattern)
        for key, value in instance.items():
            if regex.search(key) and not is_valid(value, sub, root):
                return False
    return True


def _ref(instance: Any, expected: str, schema: dict, root: dict) -> bool:
    target: Any = root
    for part in expected.removeprefix("#/").split("/"):
        target = target[part]
    return is_valid(instance, target, root)


def _length(instance: Any) -> int:
    return len(instance)  # code points, as JSON Schema counts


_CHECKS = {
    "type": lambda i, e, s, r: _type_ok(i, e),
    "properties": _properties,
    "additionalProperties": _additional,
    "patternProperties": _pattern_properties,
    "required": lambda i, e, s, r: not isinstance(i, dict) or all(k in i for k in e),
    "propertyNames": lambda i, e, s, r: not isinstance(i, dict) or all(is_valid(k, e, r) for k in i),
    "enum": lambda i, e, s, r: any(_equal(i, option) for option in e),
    "const": lambda i, e, s, r: _equal(i, e),
    "pattern": lambda i, e, s, r: not isinstance(i, str) or re.search(e, i) is not None,
    "minLength": lambda i, e, s, r: not isinstance(i, str) or _length(i) >= e,
    "maxLength": lambda i, e, s, r: not isinstance(i, str) or _length(i) <= e,
    "minimum": lambda i, e, s, r: not _is_number(i) or not i < e,  # NaN passes, as in jsonschema
    "maximum": lambda i, e, s, r: not _is_number(i) or not i > e,
    "items": lambda i, e, s, r: not isinstance(i, list) or all(is_valid(x, e, r) for x in i),
    "minItems": lambda i, e, s, r: not isinstance(i, list) or len(i) >= e,
    "maxItems": lambda i, e, s, r: not isinstance(i, list) or len(i) <= e,
    "anyOf": lambda i, e, s, r: any(is_valid(i, sub, r) for sub in e),
    "oneOf": lambda i, e, s, r: sum(1 for sub in e if is_valid(i, sub, r)) == 1,
    "allOf": lambda i, e, s, r: all(is_valid(i, sub, r) for sub in e),
    "$ref": _ref,
}


def schema_errors(instance: Any, schema_name: str, root: Node | None, display: str) -> list[YamlProblem]:
    """A problem for each way `instance` breaks the schema; [] when valid.

    The subject is the dotted path of the value, so fingerprints survive rewording.

    The fast checker decides; jsonschema (imported only here) explains.
    """
    schema = load_schema(schema_name)
    if is_valid(instance, schema):
        return []
    from jsonschema import Draft202012Validator  # heavy: only for invalid files

    validator = Draft202012Validator(schema)
    leaves = [
        leaf
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
        for leaf in _leaves(error)
    ]
    unique: dict[tuple[str, int, int], YamlProblem] = {}
    for leaf in _merge_misspellings(leaves):
        path = list(leaf.absolute_path)
        node, key = node_at(root, path)
        span = _span_for(leaf, node, key, display)
        message = _describe(leaf, path)
        subject = ".".join(str(p) for p in path) or "(top level)"
        unique.setdefault((message, span.line, span.column), YamlProblem(message, span, subject=subject))
    return sorted(unique.values(), key=lambda p: (p.span.line, p.span.column, p.message))


def _merge_misspellings(leaves: list[Any]) -> list[Any]:
    """`justifcation:` is one mistake, not two: when an unknown key looks like a missing
    required one, drop "missing `justification`" (the unknown key says "did you mean")."""
    suggested = {
        (tuple(leaf.absolute_path), _suggestion(extra, leaf))
        for leaf in leaves
        if leaf.validator == "additionalProperties"
        for extra in _extra_keys(leaf)
    }
    return [
        leaf
        for leaf in leaves
        if not (
            leaf.validator == "required"
            and leaf.message.count("'") >= 2
            and (tuple(leaf.absolute_path), leaf.message.split("'")[1]) in suggested
        )
    ]


def _suggestion(extra: str, error: Any) -> str | None:
    import difflib

    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.75)
    return close[0] if close else None


def _leaves(error: Any) -> list[Any]:
    """The most specific errors: for anyOf, the branch that fits the value's type best.

    `read:jira-work: {justifcation: ...}` fails both the string branch (wrong type) and
    the mapping branch (unknown key); the mapping branch's error is the useful one.
    """
    if error.validator in ("anyOf", "oneOf") and error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            best = [e for e in error.context if len(e.absolute_path) == deepest]
            return [leaf for e in best for leaf in _leaves(e)]
        fitting = [e for e in error.context if e.validator not in ("type", "const", "enum")]
        if fitting:
            return [leaf for e in fitting for leaf in _leaves(e)]
        return [error]
    return [error]


def _span_for(error: Any, node: Node | None, key: Scalar | None, display: str) -> Span:
    if error.validator == "additionalProperties" and node is not None:
        from scopecheck.source.yaml_nodes import Mapping

        extra = _extra_keys(error)
        if isinstance(node, Mapping):
            for text, key_node, _value in node.items():
                if text in extra:
                    return key_node.span
    if node is not None:
        return node.span
    return Span.at_file(display)


def _extra_keys(error: Any) -> set[str]:
    match = re.findall(r"'([^']+)'", error.message)
    return set(match)


def _describe(error: Any, path: list[Any]) -> str:
    where = ".".join(str(p) for p in path)
    if error.validator == "required":
        missing = error.message.split(" is a required")[0]
        return f"`{where}` is missing {missing}" if where else f"missing required key {missing}"
    subject = f"`{where}`" if path else "the file"
    if error.validator == "additionalProperties":
        extra = sorted(_extra_keys(error))
        place = f"in `{where}`" if path else "at the top level"
        guesses = [g for g in (_suggestion(e, error) for e in extra) if g]
        if len(extra) == 1 and guesses:
            return f"unknown key `{extra[0]}` {place}: did you mean `{guesses[0]}`?"
        allowed = sorted(error.schema.get("properties", {}))
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"unknown key `{'`, `'.join(extra)}` {place}{hint}"
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{subject} must be one of {options}, found {error.instance!r}"
    if error.validator == "const":
        return f"{subject} must be {error.validator_value!r}, found {error.instance!r}"
    if error.validator in ("anyOf", "oneOf"):
        choices = [
            o for branch in error.validator_value for o in branch.get("enum", []) if isinstance(o, str)
        ]
        kinds = [_article(branch["type"]) for branch in error.validator_value if "type" in branch]
        if choices:
            wanted = ", ".join(dict.fromkeys(choices)) + "".join(f", or {k}" for k in kinds)
            return f"{subject} must be one of {wanted}; found {error.instance!r}"
        return f"{subject} has the wrong shape: found {_json_type(error.instance)}"
    if error.validator == "type":
        return f"{subject} must be {_article(error.validator_value)}, found {_json_type(error.instance)}"
    if error.validator == "pattern" and path and path[-1] == "reviewed":
        return f"{subject} must be a date like 2026-10-01, found {error.instance!r}"
    return f"{subject}: {error.message}"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "null"


def _article(kind: str | list[str]) -> str:
    words = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
             "number": "a number", "boolean": "a boolean", "null": "null"}  # fmt: skip
    if isinstance(kind, list):
        return " or ".join(words.get(k, k) for k in kind)
    return words.get(kind, kind)
