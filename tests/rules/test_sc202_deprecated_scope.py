"""SC202 deprecated-scope: a deprecated scope, with its replacement.

No Forge scope is deprecated in the packaged catalog today, so these tests lint
against a copy of it in which `read:jira-work` (with a replacement) and
`read:jira-user` (without one) are deprecated.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import TODAY, positions, write_app
from scopecheck.core.engine import lint
from scopecheck.core.findings import Severity
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import RULES, TOOLKIT
from scopecheck.ecosystems.forge.catalog import Catalog, load_catalog


def deprecated_catalog() -> Catalog:
    real = load_catalog()
    scopes = dict(real.scopes)
    scopes["read:jira-work"] = dataclasses.replace(
        scopes["read:jira-work"], deprecated=True, replacement="read:issue:jira"
    )
    scopes["read:jira-user"] = dataclasses.replace(scopes["read:jira-user"], deprecated=True)
    return Catalog(scopes, real.connect_implies)


def run(root: Path, manifest: str, policy: str | None = None, select: str | None = "SC202"):
    app = write_app(root, manifest, None, policy)
    selected = RULES.resolve([select])[0] if select else None
    return lint(
        [app],
        CliOverrides(select=selected, today=TODAY),
        cwd=root,
        catalog=deprecated_catalog(),
        toolkit=TOOLKIT,
    )


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - write:jira-work\n    - read:jira-work\n",
            [("manifest.yml", 4, 7, "SC202")],
            id="block-list",
        ),
        pytest.param(
            "permissions:\n  scopes: [write:jira-work, read:jira-user, 'read:jira-work']\n",
            [("manifest.yml", 2, 29, "SC202"), ("manifest.yml", 2, 45, "SC202")],
            id="flow-list-quoted",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work: {allowImpersonation: true}\n",
            [("manifest.yml", 3, 5, "SC202")],
            id="object-form",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-user]\npermissions:\n  scopes: [read:jira-work]\n",
            [
                ("manifest.yml", 2, 12, "SC202"),
                ("manifest.yml", 3, 1, "SC001"),
                ("manifest.yml", 4, 12, "SC202"),
            ],
            id="duplicated-permissions",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, read:jira-wrok, Read:Jira-Work, write:jira-work]\n",
            [("manifest.yml", 2, 12, "SC202")],
            id="unknown-and-current-scopes-are-not-deprecated",
        ),
    ],
)
def test_deprecated_scope(tmp_path, manifest, expected):
    assert positions(run(tmp_path, manifest)) == expected


def test_packaged_catalog_deprecates_nothing(lint_app):
    # documents why the other tests patch the catalog: with the shipped data SC202 is silent
    assert not [s for s in load_catalog().scopes.values() if s.deprecated]
    assert positions(lint_app("permissions:\n  scopes: [read:jira-work]\n", select="SC202")) == []


def test_message_with_replacement(tmp_path):
    [finding] = run(tmp_path, "permissions:\n  scopes: [read:jira-work]\n").reported
    assert finding.message == "scope `read:jira-work` is deprecated; use `read:issue:jira` instead"
    assert finding.help == "replace it with `read:issue:jira`"
    assert finding.subject == "read:jira-work"
    assert finding.severity is Severity.WARNING


def test_message_without_replacement(tmp_path):
    [finding] = run(tmp_path, "permissions:\n  scopes: [read:jira-user]\n").reported
    assert finding.message == "scope `read:jira-user` is deprecated"
    assert finding.help == "find the scope that replaces it in Atlassian's changelog"


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC202: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  deprecated-scope: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(tmp_path, policy, severity):
    report = run(tmp_path, "permissions:\n  scopes: [read:jira-work]\n", policy)
    assert [(f.span.line, f.severity) for f in report.reported] == [(2, severity)]


def test_off_and_ignore(tmp_path):
    manifest = "permissions:\n  scopes: [read:jira-work, read:jira-user]\n"
    off = run(tmp_path / "off", manifest, "rules:\n  deprecated-scope: off\n", select=None)
    assert positions(off, rule="SC202") == []
    report = run(tmp_path / "ign", manifest, "rules:\n  SC202: {ignore: [read:jira-user]}\n")
    assert positions(report) == [("manifest.yml", 2, 12, "SC202")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("read:jira-user", "config")]
