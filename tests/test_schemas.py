"""The JSON Schemas in schemas/: shipped as they are, met by the examples, explained
well when broken, and read the same way by the fast checker and by jsonschema."""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, REPO, run_lint
from scopecheck.core import schemas as schemas_check
from scopecheck.core.schemas import ANNOTATIONS, SUPPORTED, is_valid, load_schema, schema_errors
from scopecheck.source.yaml_nodes import load_yaml, to_python

SCHEMAS = REPO / "schemas"
SCHEMA_NAMES = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
REPORT_SNAPSHOTS = sorted((REPO / "tests" / "reporters" / "snapshots").glob("*.json"))
EXAMPLE_APPS = sorted(p for p in EXAMPLES.iterdir() if (p / "manifest.yml").is_file())


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_yaml(path: Path) -> Any:
    """As the linter reads a registry or policy: positioned YAML made JSON-like."""
    document = load_yaml(path, path.name)
    assert document.usable, [p.message for p in document.problems]
    return to_python(document.root)


# --- the schemas themselves -------------------------------------------------------


def test_the_five_schemas_are_there():
    assert SCHEMA_NAMES == [
        "claims.schema.json",
        "history.schema.json",
        "policy.schema.json",
        "registry.schema.json",
        "report.schema.json",
    ]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_package_loads_the_schema_in_the_repository(name):
    assert load_schema(name) == read_json(SCHEMAS / name)


def test_package_ships_every_schema_and_no_other():
    shipped = Path(schemas_check.__file__).parent.parent / "schemas"
    assert sorted(p.name for p in shipped.glob("*.json")) == SCHEMA_NAMES


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = read_json(SCHEMAS / name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}")
    Draft202012Validator.check_schema(schema)


#: keywords whose value is one subschema, a name -> subschema map, or a list of subschemas
ONE_SCHEMA = {"additionalProperties", "propertyNames", "items"}
SCHEMA_MAP = {"properties", "patternProperties", "$defs"}
SCHEMA_LIST = {"anyOf", "oneOf", "allOf"}


def keyword_uses(schema: Any, where: str = "#") -> list[tuple[str, str]]:
    """(location, keyword) for every keyword of every subschema."""
    if isinstance(schema, bool):
        return [(where, f"boolean schema {schema}")]
    uses = [(where, keyword) for keyword in schema]
    for keyword, value in schema.items():
        if keyword in ONE_SCHEMA:
            if keyword == "additionalProperties" and value is False:
                continue  # the one boolean schema the fast checker reads
            uses += keyword_uses(value, f"{where}/{keyword}")
        elif keyword in SCHEMA_MAP:
            for name, sub in value.items():
                uses += keyword_uses(sub, f"{where}/{keyword}/{name}")
        elif keyword in SCHEMA_LIST:
            for index, sub in enumerate(value):
                uses += keyword_uses(sub, f"{where}/{keyword}/{index}")
    return uses


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_uses_only_keywords_the_fast_checker_supports(name):
    schema = read_json(SCHEMAS / name)
    unsupported = [(where, k) for where, k in keyword_uses(schema) if k not in SUPPORTED | ANNOTATIONS]
    assert unsupported == []
    for target in refs(schema):
        assert target.startswith("#/$defs/") and target.removeprefix("#/$defs/") in schema["$defs"], target


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in refs(item)]
    return []


# --- the examples meet them ---------------------------------------------------------------

EXAMPLE_FILES = [
    (app / name, schema)
    for app in EXAMPLE_APPS
    for name, schema in (
        ("permissions.yml", "registry.schema.json"),
        (".scopecheck.yml", "policy.schema.json"),
    )
    if (app / name).is_file()
]


@pytest.mark.parametrize(
    ("path", "schema_name"), EXAMPLE_FILES, ids=[f"{p.parent.name}/{p.name}" for p, _ in EXAMPLE_FILES]
)
def test_example_file_validates(path, schema_name):
    instance = read_yaml(path)
    schema = load_schema(schema_name)
    assert [e.message for e in Draft202012Validator(schema).iter_errors(instance)] == []
    assert is_valid(instance, schema)
    assert schema_errors(instance, schema_name, None, path.name) == []


def test_every_example_has_a_registry_and_two_have_a_policy():
    assert len(EXAMPLE_APPS) == 5
    assert sum(1 for _, schema in EXAMPLE_FILES if schema == "registry.schema.json") == 5
    assert sum(1 for _, schema in EXAMPLE_FILES if schema == "policy.schema.json") >= 2


@pytest.mark.parametrize("app", EXAMPLE_APPS, ids=[p.name for p in EXAMPLE_APPS])
def test_linting_an_example_reports_no_input_errors(app):
    report = run_lint([app], cwd=REPO)
    assert [f.message for f in report.reported if f.rule_id in ("SC001", "SC002")] == []


# --- broken files: SC002 at the right place, in words a user understands --------------------

MANIFEST = """\
    modules:
      jira:issuePanel:
        - key: approval-panel
          resource: main
          title: Approvals
    resources:
      - key: main
        path: static/panel
    permissions:
      scopes:
        - storage:app
    """
REGISTRY = """\
    version: 1
    scopes:
      storage:app:
        justification: Keeps each project's approval rules in app storage, inside Atlassian.
    """
POLICY = "fail-on: warning\n"


@dataclass(frozen=True)
class Broken:
    id: str
    file: str  # "permissions.yml" or ".scopecheck.yml"
    text: str
    line: int
    column: int
    says: tuple[str, ...]  # fragments the message must contain
    position_bug: str | None = None
    message_bug: str | None = None


BROKEN = [
    Broken(
        "registry-unknown-key-in-entry",
        "permissions.yml",
        "version: 1\nscopes:\n  storage:app:\n    justifcation: Keeps approval rules in app storage.\n",
        4,
        5,
        ("`justifcation`",),
    ),
    Broken(
        "registry-unknown-optional-key",
        "permissions.yml",
        "version: 1\nscopes:\n  storage:app:\n    justification: Keeps approval rules in app storage.\n"
        "    reviwed: 2026-11-01\n",
        5,
        5,
        ("`reviwed`",),
    ),
    Broken(
        "registry-unknown-top-level-key",
        "permissions.yml",
        "version: 1\nscope:\n  storage:app: Keeps approval rules in app storage.\n",
        2,
        1,
        ("unknown key `scope`", "scopes"),
    ),
    Broken(
        "registry-justification-not-a-string",
        "permissions.yml",
        "version: 1\nscopes:\n  storage:app:\n    justification: 42\n",
        4,
        20,
        ("`scopes.storage:app.justification`", "must be a string", "found a number"),
    ),
    Broken(
        "registry-modules-not-a-list",
        "permissions.yml",
        "version: 1\nscopes:\n  storage:app:\n    justification: Keeps approval rules in app storage.\n"
        "    modules: approval-panel\n",
        5,
        14,
        ("`scopes.storage:app.modules`", "must be a list", "found a string"),
    ),
    Broken(
        "registry-bad-date",
        "permissions.yml",
        "version: 1\nscopes:\n  storage:app:\n    justification: Keeps approval rules in app storage.\n"
        "    reviewed: yesterday\n",
        5,
        15,
        ("`scopes.storage:app.reviewed`", "date like", "yesterday"),
    ),
    Broken(
        "registry-section-is-a-list",
        "permissions.yml",
        "version: 1\nscopes: [storage:app]\n",
        2,
        9,
        ("`scopes`", "a list"),
    ),
    Broken(
        "registry-version-2", "permissions.yml", "version: 2\nscopes: {}\n", 1, 10, ("`version`", "1", "2")
    ),
    Broken("registry-no-version", "permissions.yml", "scopes: {}\n", 1, 1, ("version",)),
    Broken(
        "policy-unknown-fail-on",
        ".scopecheck.yml",
        "fail-on: warnings\n",
        1,
        10,
        ("`fail-on`", "warning", "warnings"),
    ),
    Broken(
        "policy-unknown-rule-id", ".scopecheck.yml", "rules:\n  SC999: off\n", 2, 3, ("unknown rule `SC999`",)
    ),
    Broken(
        "policy-unknown-rule-name",
        ".scopecheck.yml",
        "rules:\n  undocumented-scopes: off\n",
        2,
        3,
        ("unknown rule `undocumented-scopes`",),
    ),
    Broken(
        "policy-unknown-option",
        ".scopecheck.yml",
        "rules:\n  SC104: {max-age-dayz: 10}\n",
        2,
        11,
        ("SC104", "`max-age-dayz`", "max-age-days"),
    ),
    Broken(
        "policy-option-of-the-wrong-type",
        ".scopecheck.yml",
        "rules:\n  SC104: {max-age-days: soon}\n",
        2,
        25,
        ("`max-age-days`", "SC104", "soon"),
    ),
    Broken(
        "policy-bad-rule-setting",
        ".scopecheck.yml",
        "rules:\n  SC101: fatal\n",
        2,
        10,
        ("`rules.SC101`", "off", "fatal"),
    ),
    Broken(
        "policy-unknown-top-level-key",
        ".scopecheck.yml",
        "registy: perms.yml\n",
        1,
        1,
        ("`registy`", "registry"),
    ),
    Broken(
        "policy-unknown-key-in-policy",
        ".scopecheck.yml",
        "policy:\n  deny-scope: [manage:*]\n",
        2,
        3,
        ("unknown key `deny-scope`", "deny-scopes"),
    ),
    Broken(
        "policy-deny-scopes-not-a-list",
        ".scopecheck.yml",
        "policy:\n  deny-scopes: manage:*\n",
        2,
        16,
        ("`policy.deny-scopes`", "must be a list", "found a string"),
    ),
    Broken(
        "policy-egress-unknown-word",
        ".scopecheck.yml",
        "policy:\n  egress: some\n",
        2,
        11,
        ("`policy.egress`", "any, allowlist, none", "some"),
    ),
]


def sc002(broken: Broken, lint_app) -> Any:
    registry = broken.text if broken.file == "permissions.yml" else REGISTRY
    policy = broken.text if broken.file == ".scopecheck.yml" else POLICY
    report = lint_app(MANIFEST, registry=registry, policy=policy, select="SC101")
    findings = [f for f in report.reported if f.rule_id == "SC002"]
    assert len(findings) == 1, [f"{f.span.line}:{f.span.column} {f.message}" for f in findings]
    return findings[0]


@pytest.mark.parametrize("broken", BROKEN, ids=[b.id for b in BROKEN])
def test_broken_file_gives_sc002_at_the_right_place(broken, lint_app, request):
    if broken.position_bug:
        request.applymarker(pytest.mark.xfail(strict=True, reason=broken.position_bug))
    finding = sc002(broken, lint_app)
    assert (Path(finding.span.path).name, finding.span.line, finding.span.column) == (
        broken.file,
        broken.line,
        broken.column,
    )


@pytest.mark.parametrize("broken", BROKEN, ids=[b.id for b in BROKEN])
def test_broken_file_gives_a_readable_sc002_message(broken, lint_app, request):
    if broken.message_bug:
        request.applymarker(pytest.mark.xfail(strict=True, reason=broken.message_bug))
    message = sc002(broken, lint_app).message
    assert "\n" not in message
    for fragment in broken.says:
        assert fragment in message
    for jargon in ("is not valid under any of the given schemas", "Additional properties", "$defs"):
        assert jargon not in message


# --- the fast checker and jsonschema always agree --------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


def vocabulary(schema: Any) -> tuple[list[str], list[Any]]:
    """Property names, and constants the schema cares about, to build near-valid documents."""
    names: set[str] = set()
    constants: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            constants.extend(node.get("enum", []))
            if "const" in node:
                constants.append(node["const"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    constants += ["", "x", "SC101", "SC999", "undocumented-scope", "2026-11-29", "2026-11-29\n", "yesterday"]
    constants += ["0123456789abcdef0123456789abcdef", 0, 1, 1.0, -1, 2, True, False, None, [], {}]
    return sorted(names), constants


#: keys a schema may refuse: empty, upper case, near misses of rule ids, unknown names
ODD_KEYS = ["", "X", "sc101", "SC1010", "SC101", "undocumented-scope", "justifcation", "x-extra"]


def key_strategy(names: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted({*names, *ODD_KEYS})) | st.text(max_size=6)


def near_valid_values(schema: Any) -> st.SearchStrategy[Any]:
    """Mostly the schema's own names and constants (and near misses), sometimes anything."""
    names, constants = vocabulary(schema)
    keys = key_strategy(names)
    known = st.sampled_from(constants).map(copy.deepcopy)  # lists and dicts get changed later
    leaves = st.one_of(known, known, SCALARS)
    nested = st.recursive(
        leaves,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=4),
        max_leaves=20,
    )
    return st.one_of(leaves, nested)


def mutate(draw: Any, node: Any, keys: st.SearchStrategy[str], values: st.SearchStrategy[Any]) -> Any:
    """One random change somewhere in `node`: replace, delete or add a value."""
    if isinstance(node, dict) and node and draw(st.integers(0, 3)) > 0:
        key = draw(st.sampled_from(sorted(node)))
        node[key] = mutate(draw, node[key], keys, values)
        return node
    if isinstance(node, list) and node and draw(st.integers(0, 3)) > 0:
        index = draw(st.integers(0, len(node) - 1))
        node[index] = mutate(draw, node[index], keys, values)
        return node
    operation = draw(st.sampled_from(["replace", "delete", "add", "copy"]))
    if operation == "delete" and isinstance(node, dict) and node:
        del node[draw(st.sampled_from(sorted(node)))]
    elif operation == "delete" and isinstance(node, list) and node:
        node.pop(draw(st.integers(0, len(node) - 1)))
    elif operation == "add" and isinstance(node, dict):
        node[draw(keys)] = draw(values)
    elif operation == "add" and isinstance(node, list):
        node.append(draw(values))
    elif operation == "copy" and isinstance(node, list) and node:
        node.append(copy.deepcopy(node[0]))
    else:
        return draw(values)
    return node


def mutated(schema: Any, bases: list[Any]) -> st.SearchStrategy[Any]:
    keys = key_strategy(vocabulary(schema)[0])
    values = near_valid_values(schema)

    @st.composite
    def build(draw: Any) -> Any:
        document = copy.deepcopy(draw(st.sampled_from(bases)))
        for _ in range(draw(st.integers(1, 3))):
            document = mutate(draw, document, keys, values)
        return document

    return build()


def _resolve(schema: dict, root: dict) -> dict:
    """A subschema with its `$ref` followed (sibling keywords kept, `properties` merged)."""
    while "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        merged = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        if "properties" in target and "properties" in schema:
            merged["properties"] = {**target["properties"], **schema["properties"]}
        schema = merged
    return schema


def _string(schema: dict) -> st.SearchStrategy[str]:
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    return st.text(min_size=schema.get("minLength", 0), max_size=max(schema.get("minLength", 0), 12))


def _twins(value: Any) -> list[Any]:
    """Values JSON tells apart from `value` but a sloppy comparison might not."""
    if isinstance(value, bool):
        return [int(value), float(value), int(value), float(value), str(value).lower(), not value]
    if isinstance(value, int | float):
        return [value + 1, value - 1, float(value) + 0.5, value == 1, str(value)]
    if isinstance(value, str):
        return [value.upper(), value + "\n", value + " ", value[:-1], "", [value]]
    return [None, [], {}]


def _near_miss(draw: Any, schema: dict, root: dict) -> Any:
    """A value that just misses `schema`: an enum's twin, one below the minimum, a pattern plus a newline."""
    schema = _resolve(schema, root)
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            schema = _resolve(draw(st.sampled_from(schema[keyword])), root)
    close: list[Any] = []
    members = [*schema.get("enum", []), *([schema["const"]] if "const" in schema else [])]
    if members:
        close += _twins(draw(st.sampled_from(members)))
    if "minimum" in schema:
        close += [schema["minimum"] - 1, schema["minimum"] - 0.5]
    if "maximum" in schema:
        close += [schema["maximum"] + 1, schema["maximum"] + 0.5]
    close += _near_miss_texts(draw, schema)
    if close and draw(st.integers(0, 3)) > 0:
        return copy.deepcopy(draw(st.sampled_from(close)))
    return copy.deepcopy(draw(st.sampled_from([None, True, 0, 1.5, "", [], {}])))


def _near_miss_texts(draw: Any, schema: dict) -> list[str]:
    texts: list[str] = []
    if "pattern" in schema:
        text = draw(st.from_regex(schema["pattern"], fullmatch=True))
        texts += [text + "\n", text[1:], text + "x", " " + text, text.upper()]
    if schema.get("minLength"):
        texts.append("x" * (schema["minLength"] - 1))
    return texts


def subschemas(schema: Any) -> list[dict]:
    """Every subschema object, each once: the places a generated document can get wrong."""
    found: list[dict] = []

    def walk(node: Any) -> None:
        if not isinstance(node, dict):
            return
        found.append(node)
        for keyword, value in node.items():
            if keyword in ONE_SCHEMA:
                walk(value)
            elif keyword in SCHEMA_MAP:
                for sub in value.values():
                    walk(sub)
            elif keyword in SCHEMA_LIST:
                for sub in value:
                    walk(sub)

    walk(schema)
    return found


class _Builder:
    """Builds a value by following a schema, and gets it wrong at the `focus` subschema, if it is reached."""

    def __init__(self, draw: Any, root: dict, broken: st.SearchStrategy[Any], focus: dict | None):
        self.draw, self.root, self.broken, self.focus = draw, root, broken, focus
        self.fired = False

    def value(self, schema: Any, depth: int = 0) -> Any:
        draw = self.draw
        here = schema is self.focus and not self.fired
        if here:
            self.fired = True
            if draw(st.integers(0, 2)) == 0:
                return draw(self.broken)
        schema = _resolve(schema, self.root)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                branch = draw(st.sampled_from(schema[keyword]))
                if here:
                    self.focus, self.fired = branch, False  # the mistake moves into the branch taken
                return self.value(branch, depth + 1)
        is_mapping = "properties" in schema or "additionalProperties" in schema
        if here and not (is_mapping and draw(st.booleans())):
            return _near_miss(draw, schema, self.root)
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if "enum" in schema:
            return copy.deepcopy(draw(st.sampled_from(schema["enum"])))
        kinds = schema.get("type")
        if kinds is None:
            return draw(JSON_VALUES)
        kind = draw(st.sampled_from([kinds] if isinstance(kinds, str) else kinds))
        if kind == "object":
            return self.mapping(schema, depth, mistake=here)
        if kind == "array":
            return [self.value(schema.get("items", {}), depth + 1) for _ in range(draw(st.integers(0, 3)))]
        if kind == "string":
            return draw(_string(schema))
        if kind == "integer":
            return draw(st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum")))
        if kind == "number":
            return draw(st.integers() | st.floats(allow_nan=False))
        if kind == "boolean":
            return draw(st.booleans())
        return None

    def mapping(self, schema: dict, depth: int, mistake: bool) -> dict:
        draw = self.draw
        result = {}
        for name, sub in schema.get("properties", {}).items():
            if name in schema.get("required", ()) or draw(st.integers(0, 3)) > 0:
                result[name] = self.value(sub, depth + 1)
        extra = schema.get("additionalProperties", True)
        if isinstance(extra, dict) and depth < 6:
            name_schema = _resolve(schema.get("propertyNames", {}), self.root)
            for _ in range(draw(st.integers(1, 2))):
                result[draw(_string(name_schema))] = self.value(extra, depth + 1)
        if mistake:
            kind = draw(st.sampled_from(["unknown key", "bad key", "missing key"]))
            value = self.value(extra, depth + 1) if isinstance(extra, dict) else draw(JSON_VALUES)
            if kind == "unknown key":
                result[draw(st.sampled_from(ODD_KEYS))] = value
            elif kind == "bad key" and "propertyNames" in schema:
                names = _near_miss_texts(draw, _resolve(schema["propertyNames"], self.root)) or [""]
                result[draw(st.sampled_from(names))] = value
            elif result:
                del result[draw(st.sampled_from(sorted(result)))]  # perhaps a required one
        return result


def from_schema(schema: dict) -> st.SearchStrategy[Any]:
    """Documents built by following the schema, wrong (if at all) at one chosen subschema."""
    broken = near_valid_values(schema)
    places = subschemas(schema)
    subtle = ("enum", "const", "pattern", "minimum", "maximum", "minLength", "propertyNames")
    places += [place for place in places if any(k in place for k in subtle)] * 3  # where mistakes hide

    @st.composite
    def build(draw: Any) -> Any:
        focus = draw(st.none() | st.sampled_from(places))
        return _Builder(draw, schema, broken, focus).value(schema)

    return build()


def valid_documents(name: str) -> list[Any]:
    if name == "registry.schema.json":
        return [read_yaml(app / "permissions.yml") for app in EXAMPLE_APPS] + [{"version": 1}]
    if name == "policy.schema.json":
        design = {
            "registry": "permissions.yml",
            "fail-on": "warning",
            "rules": {"SC205": "off", "SC104": {"max-age-days": 365}, "unused-scope": {"ignore": ["a"]}},
            "policy": {
                "deny-scopes": ["manage:jira-configuration"],
                "risk-acceptance-required": "high",
                "egress": "allowlist",
                "allow-egress": ["*.example.com"],
            },
        }
        return [read_yaml(p) for p, s in EXAMPLE_FILES if s == name] + [design, {}]
    if name == "history.schema.json":
        return HISTORY_DOCUMENTS
    if name == "claims.schema.json":
        return CLAIMS_DOCUMENTS
    return [read_json(path) for path in REPORT_SNAPSHOTS]


_EVIDENCE = {
    "status": "broken",
    "message": "the code calls `DELETE /x`",
    "path": "a.js",
    "line": 3,
    "column": 9,
}
CLAIMS_DOCUMENTS = [
    {
        "version": 1,
        "tool": "scopecheck 0.1.0",
        "summary": {"verified": 0, "unverified": 0, "broken": 0},
        "apps": [],
    },
    {
        "version": 1,
        "tool": "scopecheck 0.1.0",
        "summary": {"verified": 1, "unverified": 0, "broken": 1},
        "apps": [
            {
                "manifest": "app/manifest.yml",
                "policy": None,
                "commit": "0" * 40,
                "date": "2026-03-01",
                "uncommitted_changes": False,
                "claims": [
                    {
                        "name": "a",
                        "kind": "no-egress",
                        "claim": "No egress.",
                        "status": "verified",
                        "evidence": [],
                    },
                    {
                        "name": "b",
                        "kind": "forbid-operations",
                        "claim": "Never deletes.",
                        "status": "broken",
                        "evidence": [_EVIDENCE, {**_EVIDENCE, "path": None, "line": None, "column": None}],
                    },
                ],
            }
        ],
    },
]


_HISTORY_ENTRY = {
    "manifest": "app/manifest.yml",
    "renamed_from": None,
    "commit": "0" * 40,
    "date": "2026-01-05T10:00:00+00:00",
    "author_date": "2026-01-05T10:00:00+00:00",
    "author": "Ada",
    "email": "ada@example.com",
    "subject": "Write approvals",
    "change": "added",
    "situation": "update",
    "kind": "scope",
    "name": "write:jira-work",
    "detail": None,
    "previous": None,
    "risk": "high",
    "admin_consent": True,
    "consent_reason": "Forge: 'increases or changes to scopes' need admin approval (a major version)",
    "justification": "Writes the approval state.",
    "justified_at": "commit",
    "problem": None,
}
#: `scopecheck history -f json` of an empty window and of one change (tests/test_history.py
#: checks real output against the schema too)
HISTORY_DOCUMENTS = [
    {
        "version": 1,
        "path": ".",
        "since": "2027-01-01",
        "until": None,
        "commits": 0,
        "manifests": [],
        "consent_commits": [],
        "entries": [],
    },
    {
        "version": 1,
        "path": "app",
        "since": None,
        "until": None,
        "commits": 1,
        "manifests": ["app/manifest.yml"],
        "consent_commits": ["0" * 40],
        "entries": [_HISTORY_ENTRY, {**_HISTORY_ENTRY, "change": "unreadable", "kind": None, "name": None}],
    },
]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_the_documents_to_mutate_are_valid(name):
    schema = load_schema(name)
    documents = valid_documents(name)
    assert len(documents) >= 2
    for document in documents:
        assert Draft202012Validator(schema).is_valid(document)
        assert is_valid(document, schema)


def agree(document: Any, schema: Any) -> None:
    expected = Draft202012Validator(schema).is_valid(document)
    assert is_valid(document, schema) == expected, f"jsonschema says {'valid' if expected else 'invalid'}"


CROSS_CHECK = settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_fast_checker_agrees_with_jsonschema_on_mutated_valid_documents(name):
    schema = load_schema(name)

    @CROSS_CHECK
    @given(mutated(schema, valid_documents(name)))
    def check(document):
        agree(document, schema)

    check()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_fast_checker_agrees_with_jsonschema_on_documents_built_from_the_schema(name):
    schema = load_schema(name)

    @CROSS_CHECK
    @given(from_schema(schema))
    def check(document):
        agree(document, schema)

    check()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_fast_checker_agrees_with_jsonschema_on_near_valid_documents(name):
    schema = load_schema(name)

    @CROSS_CHECK
    @given(near_valid_values(schema))
    def check(document):
        agree(document, schema)

    check()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_fast_checker_agrees_with_jsonschema_on_any_json(name):
    schema = load_schema(name)

    @settings(CROSS_CHECK, max_examples=150)
    @given(JSON_VALUES)
    def check(document):
        agree(document, schema)

    check()


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_generated_documents_are_both_valid_and_invalid(name):
    """Otherwise the cross-check above would compare only one answer."""
    schema = load_schema(name)
    validator = Draft202012Validator(schema)
    quick = settings(database=None, max_examples=500, suppress_health_check=list(HealthCheck))
    for strategy in (mutated(schema, valid_documents(name)), from_schema(schema)):
        find(strategy, validator.is_valid, settings=quick)
        find(strategy, lambda d: not validator.is_valid(d), settings=quick)


#: one small schema per keyword the fast checker implements
KEYWORD_SCHEMAS = [
    {"type": "integer"},
    {"type": ["string", "null", "number"]},
    {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]},
    {"properties": {"a": {"const": 1}}, "additionalProperties": False},
    {"additionalProperties": {"type": "boolean"}, "patternProperties": {"^x": {"type": "null"}}},
    {"propertyNames": {"pattern": "^[a-z]+$", "minLength": 1, "maxLength": 3}},
    {"enum": [1, "a", None, [0], {"a": 0}]},
    {"enum": ["off", False]},
    {"const": 0},
    {"const": {"a": [1, False]}},
    {"pattern": "^[0-9]{2}$"},
    {"minLength": 2, "maxLength": 3},
    {"minimum": 0, "maximum": 10},
    {"items": {"type": "integer"}, "minItems": 1, "maxItems": 2},
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    {"oneOf": [{"type": "integer"}, {"minimum": 0}]},
    {"allOf": [{"type": "array"}, {"maxItems": 1}]},
    {"$defs": {"n": {"type": "null"}}, "$ref": "#/$defs/n"},
]


def test_keyword_schemas_cover_every_supported_keyword():
    used = {keyword for schema in KEYWORD_SCHEMAS for _, keyword in keyword_uses(schema)}
    assert used >= SUPPORTED


@pytest.mark.parametrize("schema", KEYWORD_SCHEMAS, ids=[json.dumps(s)[:40] for s in KEYWORD_SCHEMAS])
def test_fast_checker_agrees_with_jsonschema_keyword_by_keyword(schema):
    @settings(CROSS_CHECK, max_examples=200)
    @given(JSON_VALUES | near_valid_values(schema))
    def check(document):
        agree(document, schema)

    check()


def test_fast_checker_agrees_with_jsonschema_on_nan():
    agree(math.nan, {"minimum": 0})
