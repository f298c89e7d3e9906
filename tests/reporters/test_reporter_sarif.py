"""`--format sarif` is valid SARIF 2.1.0 and gives GitHub code scanning what it needs.

GitHub's expectations are from its "SARIF support for code scanning" reference
(docs.github.com, code-security/code-scanning/integrating-with-code-scanning/
sarif-support-for-code-scanning): `$schema`, `version` 2.1.0 and `runs`;
`tool.driver.name` and `rules`; per rule an `id`, a `name` of at most 255
characters, `shortDescription.text` and `fullDescription.text` of at most 1024,
`help.text` (and `help.markdown`, shown instead when present), `properties.tags`
(filtering, `security`), `properties.precision` (very-high, high, medium, low)
and `properties.security-severity`, a string holding a number greater than 0.0
and at most 10.0; per result `message.text`, one to ten `locations` whose
`artifactLocation.uri` is relative to the repository root, a region with
`startLine`, `startColumn`, `endLine` and `endColumn` (the column after the
end), and `partialFingerprints`. Required strings must not be empty.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from reporter_cases import CASES, DUPLICATE_APP, copy_example, new_repository, render, write_files

from conftest import SHARED, needs_shared, run_lint
from scopecheck.core.findings import Severity

SARIF_SCHEMA = SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PRECISIONS = {"very-high", "high", "medium", "low"}


def sarif_of(report) -> dict:
    return json.loads(render(report, "sarif"))


def the_run(document: dict) -> dict:
    assert len(document["runs"]) == 1
    return document["runs"][0]


@needs_shared
@pytest.mark.parametrize("case", list(CASES))
def test_sarif_validates_against_the_oasis_schema(case, tmp_path, monkeypatch):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"{SARIF_SCHEMA} is not there")
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)
    document = sarif_of(CASES[case](tmp_path, monkeypatch))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)] == []


def check_score(value: object, where: str) -> None:
    assert isinstance(value, str), f"{where}: security-severity must be a string, found {value!r}"
    assert 0.0 < float(value) <= 10.0, f"{where}: security-severity {value} is outside (0, 10]"


def check_region(region: dict, lines: list[str], where: str) -> None:
    start_line, start_column = region["startLine"], region["startColumn"]
    end_line, end_column = region["endLine"], region["endColumn"]
    assert 1 <= start_line <= end_line, where
    assert start_column >= 1 and end_column >= 1, where
    if start_line == end_line:
        assert end_column > start_column, f"{where}: empty region"
    assert start_line <= len(lines), f"{where}: line {start_line} is past the end of the file"
    assert start_column <= len(lines[start_line - 1]) + 1, f"{where}: column past the end of the line"


def check_location(location: dict, run: dict, root: Path, where: str) -> None:
    physical = location["physicalLocation"]
    artifact = physical["artifactLocation"]
    uri = artifact["uri"]
    assert urlparse(uri).scheme == "" and not uri.startswith("/"), f"{where}: {uri} is not relative"
    assert ".." not in uri.split("/") and "\\" not in uri, f"{where}: {uri}"
    assert artifact["uriBaseId"] in run["originalUriBaseIds"], where
    path = root / uri
    assert path.is_file(), f"{where}: {uri} is not a file under the repository root"
    check_region(physical["region"], path.read_text(encoding="utf-8").splitlines(), where)


@pytest.mark.parametrize("case", list(CASES))
def test_sarif_meets_github_code_scanning_expectations(case, tmp_path, monkeypatch):
    report = CASES[case](tmp_path, monkeypatch)
    document = sarif_of(report)
    assert document["$schema"] and document["version"] == "2.1.0"
    run = the_run(document)
    driver = run["tool"]["driver"]
    assert driver["name"] == "scopecheck"
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for rule in rules:
        where = f"rule {rule['id']}"
        assert 0 < len(rule["name"]) <= 255, where
        assert 0 < len(rule["shortDescription"]["text"]) <= 1024, where
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024, where
        assert rule["help"]["text"].strip(), where
        assert rule["help"]["markdown"].strip(), where
        assert "security" in rule["properties"]["tags"], where
        assert rule["properties"]["precision"] in PRECISIONS, where
        check_score(rule["properties"]["security-severity"], where)
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note"), where

    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    root = Path(report.root)
    assert Path(urlparse(base).path) == root

    results = run["results"]
    assert len(results) == len(report.reported) + len(report.ignored)
    for result, finding in zip(results, report.reported + report.ignored, strict=True):
        where = f"{result['ruleId']} at {finding.span.path}:{finding.span.line}"
        assert result["ruleId"] == finding.rule_id
        assert result["ruleId"] in ids, f"{where}: rule missing from tool.driver.rules"
        assert ids[result["ruleIndex"]] == result["ruleId"], where
        assert result["level"] == LEVELS[finding.severity], where
        assert result["message"]["text"].strip(), where
        assert 1 <= len(result["locations"]) <= 10, where
        for location in result["locations"]:
            check_location(location, run, root, where)
        for related in result.get("relatedLocations", []):
            check_location(related, run, root, f"{where} (related)")
            assert related["message"]["text"], where
        related_ids = [r["id"] for r in result.get("relatedLocations", [])]
        assert len(related_ids) == len(set(related_ids)), where
        fingerprints = result["partialFingerprints"]
        assert fingerprints and all(isinstance(v, str) and v for v in fingerprints.values()), where
        if "security-severity" in result.get("properties", {}):
            check_score(result["properties"]["security-severity"], where)
        assert result["properties"]["precision"] in PRECISIONS, where


#: rules whose region is a value of the entry their subject names, not the subject itself
POINTS_AT_A_VALUE = {"SC103": "the justification", "SC104": "the review date"}


def test_sarif_regions_cover_the_text_the_finding_is_about(tmp_path, monkeypatch):
    """Each region, read back from the file, is the scope, host, key or comment the finding is about."""
    run = the_run(sarif_of(CASES["leaky-app"](tmp_path, monkeypatch)))
    checked = 0
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        region = physical["region"]
        lines = (tmp_path / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines()
        assert region["startLine"] == region["endLine"]
        text = lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
        subject = result["properties"]["subject"]
        where = f"{result['ruleId']} about {subject!r} at line {region['startLine']}: {text!r}"
        if result["ruleId"] in POINTS_AT_A_VALUE:
            assert text.strip(), where
        elif result["ruleId"] == "SC003":
            assert text.startswith("# scopecheck: ") and subject in text, where
        else:
            assert text.strip("\"'") in subject, where
        checked += 1
    assert checked >= 20


def test_ignored_findings_are_suppressed_results_with_their_reason(tmp_path, monkeypatch):
    report = CASES["broken-inputs"](tmp_path, monkeypatch)
    results = the_run(sarif_of(report))["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == len(report.ignored) == 2
    kinds = {r["properties"]["subject"]: r["suppressions"][0] for r in suppressed}
    assert kinds["read:jira-work"] == {
        "kind": "inSource",
        "status": "accepted",
        "justification": "granular scopes tracked in PROJ-7",
    }
    assert kinds["read:jira-user"]["kind"] == "external"
    assert all(not r.get("suppressions") for r in results[: len(report.reported)])


def test_a_crash_is_reported_as_a_failed_invocation(tmp_path, monkeypatch):
    run = the_run(sarif_of(CASES["broken-inputs"](tmp_path, monkeypatch)))
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    # the crash is the one error; the fixture's unread front end is a note beside it
    (notification,) = [n for n in invocation["toolExecutionNotifications"] if n["level"] == "error"]
    assert notification["descriptor"]["id"] == "SC104"


def test_json_and_sarif_fingerprints_agree(tmp_path, monkeypatch):
    report = CASES["leaky-app"](tmp_path, monkeypatch)
    document = json.loads(render(report, "json"))
    from_json = [f["fingerprint"] for f in document["findings"] + document["ignored"]]
    from_sarif = [r["partialFingerprints"]["scopecheck/v1"] for r in the_run(sarif_of(report))["results"]]
    assert from_json == from_sarif
    assert len(set(from_sarif)) == len(from_sarif), "fingerprints must tell findings apart"


# --- fingerprints survive moved lines --------------------------------------------

PREAMBLE = "# scopecheck example, with a preamble that moves every line down\n\n# another comment\n\n"


def fingerprints_by_rule(report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for result in the_run(sarif_of(report))["results"]:
        out.setdefault(result["ruleId"], []).append(result["partialFingerprints"]["scopecheck/v1"])
    return {rule: sorted(values) for rule, values in out.items()}


def make_app(root: Path, name: str) -> Path:
    return copy_example(root, name) if name == "leaky-app" else write_files(root / name, DUPLICATE_APP)


@pytest.mark.parametrize("name", ["leaky-app", "duplicate-app"])
def test_fingerprints_stay_the_same_when_lines_move(name, tmp_path):
    """Lint an app; add blank lines and comments at the top of its YAML files; lint again."""
    root = new_repository(tmp_path)
    app = make_app(root, name)
    first = run_lint([app], cwd=root)
    for file in ("manifest.yml", "permissions.yml"):
        path = app / file
        path.write_text(PREAMBLE + path.read_text(encoding="utf-8"), encoding="utf-8")
    second = run_lint([app], cwd=root)
    assert [f.span.line + PREAMBLE.count("\n") for f in first.reported] == [
        f.span.line for f in second.reported
    ]
    before, after = fingerprints_by_rule(first), fingerprints_by_rule(second)
    assert len(before) >= 3
    changed = sorted(rule for rule in before.keys() | after.keys() if before.get(rule) != after.get(rule))
    assert changed == [], f"fingerprints of {changed} changed when lines moved"


def test_sarif_paths_are_relative_to_the_repository_not_the_working_directory(tmp_path):
    """Run from a subdirectory, spans are relative to it, but code scanning needs repository paths."""
    root = new_repository(tmp_path)
    app = copy_example(root, "leaky-app")
    report = run_lint([app], cwd=root / "examples")
    assert report.reported[0].span.path.startswith("leaky-app/")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in the_run(sarif_of(report))["results"]
    }
    assert uris == {"examples/leaky-app/manifest.yml", "examples/leaky-app/permissions.yml"}
    annotated = set(re.findall(r"file=([^,]+),", render(report, "github")))
    assert annotated == uris  # GitHub annotations too
