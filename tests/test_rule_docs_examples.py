"""Executable docs: each rule's `## Example` makes it fire, its `## Fix` does not."""

from __future__ import annotations

import dataclasses
import re
import subprocess

import pytest

from conftest import TODAY, run_lint, write_app
from scopecheck.core.engine import lint
from scopecheck.core.rules import doc_sections
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import RULES, TOOLKIT
from scopecheck.ecosystems.forge.catalog import load_catalog

ALL_RULES = RULES.rules

BLOCK = re.compile(r'```(?:yaml|json|js|ts|jsx|tsx) title="([^"]+)"\n(.*?)```', re.DOTALL)
FILES = {
    "manifest.yml": "manifest",
    "permissions.yml": "registry",
    ".scopecheck.yml": "policy",
    "manifest.yml (base)": "base",  # SC501: the manifest at the base revision
}
EXAMPLE_MANIFEST = "permissions:\n  scopes: []\n"


def blocks(section: str) -> dict[str, str]:
    """Role ("manifest", "registry", "policy") or, for code, the file's path -> its text."""
    return {FILES.get(name, name): text for name, text in BLOCK.findall(section)}


def deprecated_for_docs(code: str):
    """SC202's example scope is marked deprecated: no Forge scope is deprecated today
    (every other rule runs with each ecosystem's own catalog)."""
    if code != "SC202":
        return None
    catalog = load_catalog()
    scopes = dict(catalog.scopes)
    scopes["read:jira-work"] = dataclasses.replace(scopes["read:jira-work"], deprecated=True)
    return dataclasses.replace(catalog, scopes=scopes)


def fired(tmp_path, rule, files: dict[str, str]) -> list[str]:
    code = {name: text for name, text in files.items() if name not in FILES.values()}
    base_ref = None
    if "base" in files:
        base_ref = commit_base(tmp_path, files["base"])
    app = write_app(
        tmp_path,
        files.get("manifest", EXAMPLE_MANIFEST),
        files.get("registry", "version: 1\n"),
        files.get("policy"),
        code,
    )
    # SC003 judges ignore comments only for rules that ran, so it runs with every rule
    select = None if rule.origin == "engine" else frozenset({rule.code})
    cli = CliOverrides(select=select, today=TODAY, base_ref=base_ref)
    report = lint([app], cli, cwd=tmp_path, catalog=deprecated_for_docs(rule.code), toolkit=TOOLKIT)
    return [f.rule_id for f in report.reported]


def commit_base(root, manifest: str) -> str:
    """A real git repository whose first commit holds the base manifest; returns the revision."""

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    (root / "app").mkdir(parents=True)
    git("init", "-q")
    (root / "app" / "manifest.yml").write_text(manifest)
    git("add", "app/manifest.yml")
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base")
    return "HEAD"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_example_fires_and_fix_does_not(tmp_path, rule):
    sections = doc_sections(rule.docs)
    example = blocks(sections["Example"])
    fix = {**example, **blocks(sections["Fix"])}
    assert example, f"{rule.code}: no yaml block in ## Example"
    assert rule.code in fired(tmp_path / "example", rule, example)
    assert rule.code not in fired(tmp_path / "fix", rule, fix)


def test_run_lint_helper_is_used_by_docs_tests(tmp_path):
    # the helper and the docs harness must agree on where apps live
    app = write_app(tmp_path, EXAMPLE_MANIFEST, "version: 1\n")
    assert run_lint([app], cwd=tmp_path).apps[0].manifest == "app/manifest.yml"
