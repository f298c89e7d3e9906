"""Atlassian Forge apps: `manifest.yml`, its scopes, egress, content relaxations and remotes."""

from __future__ import annotations

from pathlib import Path

from scopecheck.core.ecosystem import Ecosystem
from scopecheck.core.findings import Span
from scopecheck.ecosystems.forge.adapter import read_manifest
from scopecheck.ecosystems.forge.catalog import load_catalog
from scopecheck.ecosystems.forge.code.read import analyze
from scopecheck.ecosystems.forge.model import Manifest
from scopecheck.ecosystems.forge.requests import requests
from scopecheck.ecosystems.forge.rules.sc105_unknown_module import unknown_module
from scopecheck.ecosystems.forge.rules.sc205_classic_scope import classic_scope
from scopecheck.ecosystems.forge.rules.sc206_redundant_scope import redundant_scope
from scopecheck.ecosystems.forge.rules.sc304_unsafe_content import unsafe_content
from scopecheck.ecosystems.forge.rules.sc401_missing_scope import missing_scope
from scopecheck.ecosystems.forge.rules.sc402_unused_scope import unused_scope
from scopecheck.ecosystems.forge.rules.sc403_missing_egress import missing_egress
from scopecheck.ecosystems.forge.rules.sc404_unused_egress import unused_egress

MANIFEST_NAMES = ("manifest.yml", "manifest.yaml")


def detect(path: Path) -> bool:
    """`manifest.yml`, or a copy named `*manifest.yml` given by path."""
    return path.name.endswith(MANIFEST_NAMES)


def registry_path(app_file: Path, registry_name: str) -> Path:
    """The registry sits next to the manifest."""
    return app_file.parent / registry_name


def requests_span(manifest: Manifest) -> Span | None:
    return manifest.permissions_span


ECOSYSTEM = Ecosystem(
    name="forge",
    platform="Forge",
    detect=detect,
    load=read_manifest,
    requests=requests,
    catalog=load_catalog,
    rules=(
        unknown_module,
        classic_scope,
        redundant_scope,
        unsafe_content,
        missing_scope,
        unused_scope,
        missing_egress,
        unused_egress,
    ),
    registry_path=registry_path,
    requests_span=requests_span,
    analyze=analyze,
    claims=True,
)
