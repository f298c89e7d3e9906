"""The committed catalog is exactly what the build script makes from the reference data."""

from __future__ import annotations

from pathlib import Path

from conftest import SHARED, needs_shared
from scopecheck.ecosystems.forge.catalog import RiskTier, build, load_catalog, load_events


@needs_shared
def test_regenerating_gives_the_committed_files(tmp_path):
    build.write_all(SHARED / "data", tmp_path)
    committed = Path(build.OUTPUT)
    names = sorted(p.name for p in committed.glob("*.json"))
    assert names == sorted(p.name for p in tmp_path.glob("*.json"))
    for name in names:
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), (
            f"{name} is stale: run the build"
        )


def test_catalog_knows_every_forge_scope_with_a_tier():
    catalog = load_catalog()
    assert len(catalog.scopes) > 600
    assert catalog.get("read:jira-work").risk is RiskTier.MEDIUM
    assert catalog.get("manage:jira-configuration").risk is RiskTier.CRITICAL
    assert catalog.get("read:app-system-token").risk is RiskTier.CRITICAL
    assert catalog.get("write:jira-work").risk is RiskTier.HIGH
    assert catalog.get("storage:app").risk is RiskTier.LOW
    assert catalog.get("read:status:jira").risk is RiskTier.LOW
    assert catalog.get("read:email-address:jira").risk is RiskTier.HIGH


def test_kinds_and_granular_replacements():
    catalog = load_catalog()
    assert catalog.get("read:jira-work").kind == "classic"
    assert "read:issue:jira" in catalog.get("read:jira-work").granular
    assert catalog.get("read:issue:jira").kind == "granular"
    assert catalog.get("storage:app").kind == "platform"
    assert catalog.get("write:connect-jira").kind == "connect"
    assert "read:connect-jira" in catalog.connect_implies["write:connect-jira"]


def test_nearest_scope():
    catalog = load_catalog()
    assert catalog.nearest("read:jira-works") == "read:jira-work"
    assert catalog.nearest("read:jira_work") == "read:jira-work"
    assert catalog.nearest("x" * 200_000) is None


def test_events_and_modules():
    events = load_events()
    assert events.events["avi:jira:created:issue"].current == ("read:jira-work",)
    assert "trigger" in events.module_types
    assert events.module_scopes["bitbucket:mergeCheck"] == ("read:pullrequest:bitbucket",)
    # live doc events the Confluence events page documents and @forge/manifest's mapping lacks
    for name in ("avi:confluence:initialized:page", "avi:confluence:published:page"):
        assert events.events[name].current == ("read:confluence-content.summary",)


def test_build_refuses_a_missing_data_folder(tmp_path, capsys):
    assert build.main(["--data", str(tmp_path), "--output", str(tmp_path / "out")]) == 2
    assert "forge/scopes.json" in capsys.readouterr().err


def test_operation_alternatives_keep_forge_scope_sets():
    valid = {"read:a", "write:a"}
    op = {
        "x-atlassian-oauth2-scopes": [
            {"state": "Current", "scopes": ["read:a", "write:b"]},
            {"state": "Beta", "scopes": ["write:a"]},
        ],
        "security": [{"OAuth2": ["read:a"]}],
    }
    # the set with a scope Forge does not offer is dropped while a Forge set remains
    assert build.operation_alternatives(op, valid) == [("read:a",), ("write:a",)]


def test_operation_alternatives_without_forge_sets_keep_what_forge_lint_requires():
    valid = {"admin:a"}
    op = {
        "x-atlassian-oauth2-scopes": [
            {"state": "Current", "scopes": ["write:b", "admin:a"]},
            {"state": "Deprecated", "scopes": ["old:b"]},
        ],
        "security": [{"oauth2": ["repository:admin"]}, {"basic": []}],
    }
    assert build.operation_alternatives(op, valid) == [("admin:a", "write:b")]
    # without x-atlassian-oauth2-scopes: the `security` keys forge lint reads, and only those
    assert build.operation_alternatives({"security": [{"OAuth2": ["x:y"]}]}, valid) == [("x:y",)]
    assert build.operation_alternatives({"security": [{"oauth2": ["repository"]}]}, valid) == []


def test_operations_needing_scopes_outside_forge_are_in_the_catalog():
    from scopecheck.ecosystems.forge.catalog.endpoints import load_endpoints

    operation = load_endpoints().lookup("bitbucket", "POST", "/2.0/repositories/{}/{}/deploy-keys")
    assert operation is not None
    assert operation.alternatives == (("admin:repository:bitbucket", "write:ssh-key:bitbucket"),)
    catalog = load_catalog()
    assert catalog.get("write:ssh-key:bitbucket") is None
    # an operation never mixes Forge scope sets with sets Forge cannot grant
    for op in load_endpoints().operations():
        granted = [all(catalog.get(s) for s in alt) for alt in op.alternatives]
        assert all(granted) or not any(granted), op


def test_issue_8_classic_write_is_replaced_by_delete_scopes_too():
    """`write:jira-work` is what Atlassian accepts for DELETE /issue/{id}: its granular
    replacements include the delete scopes of those operations."""
    catalog = load_catalog()
    granular = catalog.get("write:jira-work").granular
    assert "delete:issue:jira" in granular
    assert "delete:attachment:jira" in granular
    assert "write:issue:jira" in granular
    # a classic read scope still never lists delete scopes (a read never replaces a delete)
    assert not [g for g in catalog.get("read:jira-work").granular if g.startswith("delete:")]


def test_issue_8_risk_tiers_are_monotone():
    """A granular scope is never riskier than a classic scope that includes it, so swapping a
    classic scope for the granular scopes the app needs never raises a risk finding."""
    catalog = load_catalog()
    worse = [
        (name, info.risk.label, granular, catalog.get(granular).risk.label)
        for name, info in catalog.scopes.items()
        if info.kind == "classic"
        for granular in info.granular
        if catalog.get(granular).risk > info.risk
    ]
    assert worse == []
    delete_issue = catalog.get("delete:issue:jira")
    assert delete_issue.risk is RiskTier.HIGH
    assert "write:jira-work" in delete_issue.risk_basis
    # a delete scope no classic scope includes keeps its own tier
    assert catalog.get("delete:avatar:jira").risk is RiskTier.CRITICAL


def test_a_deprecation_notice_adds_the_scopes_it_announces():
    from scopecheck.ecosystems.forge.catalog.build import operation_alternatives, operation_note

    op = {
        "x-atlassian-oauth2-scopes": [
            {"scopes": [], "state": "Current"},
            {"scopes": ["read:permission:jira"], "state": "Beta"},
        ],
        "description": (
            "**Deprecation notice:** The required OAuth 2.0 scopes will be updated on June 15, 2024.\n\n"
            " *  **Classic**: `read:jira-work`\n *  **Granular**: `read:permission:jira`, `not:a-scope`\n"
        ),
    }
    valid = {"read:jira-work", "read:permission:jira"}
    assert operation_alternatives(op, valid) == [("read:jira-work",), ("read:permission:jira",)]
    assert operation_note(op, operation_alternatives(op, valid), "jira-platform-v3.json.gz") == ""


def test_an_optional_beta_scope_and_a_granular_only_jira_software_operation_carry_a_note():
    from scopecheck.ecosystems.forge.catalog.build import operation_note

    optional = {
        "x-atlassian-oauth2-scopes": [
            {"scopes": [], "state": "Current"},
            {"scopes": ["write:app-data:jira"], "state": "Beta"},
        ]
    }
    assert "requires no scope" in operation_note(
        optional, [("write:app-data:jira",)], "jira-platform-v3.json.gz"
    )
    agile = {"security": [{"OAuth2": ["read:sprint:jira-software"]}]}
    assert "classic Jira scope" in operation_note(
        agile, [("read:sprint:jira-software",)], "jira-software.json.gz"
    )
    assert operation_note(agile, [("read:jira-work",)], "jira-software.json.gz") == ""
