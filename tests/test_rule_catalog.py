"""Meta-tests over ALL_RULES: ids, names, docs, registration and test coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import scopecheck.rules as rules_package
from conftest import REPO, SHARED, needs_shared
from scopecheck.core.rules import doc_sections
from scopecheck.ecosystems import RULES

ALL_RULES = RULES.rules
find_rule = RULES.find

REQUIRED_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix")
RULES_DIR = Path(rules_package.__file__).parent


def test_ids_are_unique_sorted_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"SC\d{3}", code) for code in codes)


def test_names_are_unique_kebab_case():
    names = [r.name for r in ALL_RULES]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_docs_have_every_section(rule):
    sections = doc_sections(rule.docs)
    missing = [s for s in REQUIRED_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code} docs lack {missing}"
    assert rule.summary.endswith(".")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_module_is_named_after_the_rule(rule):
    module = rule.check.__module__.rsplit(".", 1)[-1]
    assert module == f"{rule.code.lower()}_{rule.name.replace('-', '_')}"


def test_every_rule_module_is_registered():
    """Shared rules live in rules/<family>/, each ecosystem's in ecosystems/<name>/rules/."""
    modules = {p.stem for p in RULES_DIR.glob("*/sc[0-9][0-9][0-9]_*.py")}
    modules |= {p.stem for p in RULES_DIR.parent.glob("ecosystems/*/rules/sc[0-9][0-9][0-9]_*.py")}
    registered = {r.check.__module__.rsplit(".", 1)[-1] for r in ALL_RULES}
    assert modules == registered


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_has_a_test_file(rule):
    name = f"test_{rule.code.lower()}_{rule.name.replace('-', '_')}.py"
    assert (REPO / "tests" / "rules" / name).is_file(), f"missing tests/rules/{name}"


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if r.options_type], ids=lambda r: r.code)
def test_documented_options_exist(rule):
    listed = re.findall(r"^- `([a-z-]+)`", doc_sections(rule.docs).get("Options", ""), re.MULTILINE)
    fields = {f.replace("_", "-") for f in rule.options_type.__dataclass_fields__}
    assert set(listed) == fields


def test_find_rule_accepts_ids_and_names():
    assert find_rule("sc101") is find_rule("undocumented-scope") is ALL_RULES[3]
    assert find_rule("SC999") is None


@needs_shared
def test_every_rule_in_the_design_table_exists():
    design = (SHARED / "DESIGN.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (SC\d{3}) \| ([a-z-]+) \|", design, re.MULTILINE))
    implemented = {r.code: r.name for r in ALL_RULES}
    for code, name in table.items():
        assert implemented.get(code) == name, f"{code} {name} is in DESIGN.md but not implemented"
