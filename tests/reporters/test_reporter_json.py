"""`--format json` is what schemas/report.schema.json says it is, and says what the Report says."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator
from reporter_cases import CASES, render

from conftest import REPO
from scopecheck.core.findings import Severity
from scopecheck.core.schemas import is_valid, load_schema

SCHEMA_FILE = REPO / "schemas" / "report.schema.json"


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def errors(document, schema) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(document)
    ]


@pytest.mark.parametrize("case", list(CASES))
def test_json_output_validates_against_the_report_schema(case, schema, tmp_path, monkeypatch):
    document = json.loads(render(CASES[case](tmp_path, monkeypatch), "json"))
    assert errors(document, schema) == []
    assert is_valid(document, schema)  # the fast checker agrees


@pytest.mark.parametrize("case", list(CASES))
def test_json_output_says_what_the_report_says(case, tmp_path, monkeypatch):
    report = CASES[case](tmp_path, monkeypatch)
    document = json.loads(render(report, "json"))
    summary = document["summary"]
    assert summary == {
        "apps": len(report.apps),
        "findings": len(report.reported),
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "info": report.count(Severity.INFO),
        "ignored": len(report.ignored),
        "crashes": len(report.crashes),
    }
    assert summary["findings"] == summary["errors"] + summary["warnings"] + summary["info"]
    assert [a["manifest"] for a in document["apps"]] == [a.manifest for a in report.apps]
    for key, findings in (("findings", report.reported), ("ignored", report.ignored)):
        assert [(f["rule"], f["path"], f["line"], f["column"], f["message"]) for f in document[key]] == [
            (f.rule_id, f.span.path, f.span.line, f.span.column, f.message) for f in findings
        ]
    assert all(f["suppression"] is not None for f in document["ignored"])
    assert [c["rule"] for c in document["crashes"]] == [c.rule_id for c in report.crashes]


def test_json_output_is_deterministic(tmp_path, monkeypatch):
    first = render(CASES["leaky-app"](tmp_path / "a", monkeypatch), "json")
    second = render(CASES["leaky-app"](tmp_path / "b", monkeypatch), "json")
    assert first == second


def test_report_schema_is_a_valid_draft_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_package_ships_the_report_schema(schema):
    assert load_schema("report.schema.json") == schema


def _property_schemas(node):
    """Every schema that describes a named property, anywhere in the schema."""
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _property_schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_schemas(item)


def test_every_field_has_a_description(schema):
    missing = [name for name, sub in _property_schemas(schema) if not sub.get("description")]
    assert missing == []
    assert all(sub.get("description") for sub in schema["$defs"].values())


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from _objects(item)


def test_every_object_is_closed_and_requires_all_its_fields(schema):
    """The JSON reporter always writes every key (null when empty), so the schema can say so."""
    for obj in _objects(schema):
        assert obj.get("additionalProperties") is False, obj.get("description")
        assert sorted(obj.get("required", [])) == sorted(obj["properties"]), obj.get("description")


@pytest.fixture
def leaky_document(tmp_path, monkeypatch):
    return json.loads(render(CASES["leaky-app"](tmp_path, monkeypatch), "json"))


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("a new top-level key", lambda d: d.update(extra=1)),
        ("version 2", lambda d: d.update(version=2)),
        ("a finding without a fingerprint", lambda d: d["findings"][0].pop("fingerprint")),
        ("an unknown key in a finding", lambda d: d["findings"][0].update(score=3)),
        ("a severity that does not exist", lambda d: d["findings"][0].update(severity="fatal")),
        ("line 0", lambda d: d["findings"][0].update(line=0)),
        (
            "a reported finding with a suppression",
            lambda d: d["findings"][0].update(suppression={"kind": "comment", "reason": None}),
        ),
        ("an ignored finding without a suppression", lambda d: d["ignored"][0].update(suppression=None)),
        ("a negative count", lambda d: d["summary"].update(info=-1)),
        ("a fix edit with a float offset", lambda d: _first_fix(d)["edits"][0].update(start=1.5)),
        ("an unknown suppression kind", lambda d: d["ignored"][0]["suppression"].update(kind="inline")),
    ],
)
def test_schema_rejects_what_the_reporter_never_writes(where, change, leaky_document, schema):
    document = copy.deepcopy(leaky_document)
    change(document)
    assert not Draft202012Validator(schema).is_valid(document), where
    assert not is_valid(document, schema), where


def _first_fix(document):
    return next(f["fix"] for f in document["findings"] if f["fix"] is not None)
