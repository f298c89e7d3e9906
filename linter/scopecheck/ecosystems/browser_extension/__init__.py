"""Browser extensions (Chrome and Firefox): `manifest.json`, its permissions and host patterns."""

from __future__ import annotations

import re
from pathlib import Path

from scopecheck.core.ecosystem import Ecosystem
from scopecheck.core.findings import Span
from scopecheck.ecosystems.browser_extension.adapter import read_extension
from scopecheck.ecosystems.browser_extension.catalog import load_catalog
from scopecheck.ecosystems.browser_extension.model import Extension
from scopecheck.ecosystems.browser_extension.requests import HOSTS, PERMISSIONS, requests
from scopecheck.ecosystems.browser_extension.rules.sc211_legacy_manifest_version import (
    legacy_manifest_version,
)
from scopecheck.source.json_nodes import parse_json

#: how much of a `manifest.json` is read to tell an extension from a web app manifest
_SNIFF_BYTES = 64 * 1024
_VERSION_KEY = re.compile(rb'"manifest_version"\s*:')


def detect(path: Path) -> bool:
    """A `manifest.json` with a `manifest_version` key (a web app manifest has none), not
    inside node_modules."""
    if path.name != "manifest.json" or "node_modules" in path.parts:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return _VERSION_KEY.search(head) is not None


def registry_path(app_file: Path, registry_name: str) -> Path:
    """The registry sits next to `manifest.json`."""
    return app_file.parent / registry_name


def requests_span(extension: Extension) -> Span | None:
    return extension.permissions_span


ECOSYSTEM = Ecosystem(
    name="browser-extension",
    platform="Chrome",
    detect=detect,
    load=read_extension,
    requests=requests,
    catalog=load_catalog,
    rules=(legacy_manifest_version,),
    registry_path=registry_path,
    requests_span=requests_span,
    sections=(PERMISSIONS, HOSTS),
    unit="extension",
    parse=parse_json,
)
