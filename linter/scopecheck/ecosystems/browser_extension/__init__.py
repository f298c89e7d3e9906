"""Browser extensions (Chrome and Firefox): `manifest.json`, its permissions and host patterns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scopecheck.core.ecosystem import AnalysisRequest, Ecosystem, UpdatePrompt
from scopecheck.core.findings import Span
from scopecheck.core.permissions import PermissionRequest
from scopecheck.ecosystems.browser_extension.requests import DATA, HOSTS, PERMISSIONS, requests
from scopecheck.ecosystems.browser_extension.rules.sc211_legacy_manifest_version import (
    legacy_manifest_version,
)
from scopecheck.ecosystems.browser_extension.rules.sc407_unused_extension_permission import (
    unused_extension_permission,
)
from scopecheck.ecosystems.browser_extension.rules.sc408_missing_extension_permission import (
    missing_extension_permission,
)
from scopecheck.ecosystems.browser_extension.rules.sc409_broad_host_permission import broad_host_permission
from scopecheck.ecosystems.browser_extension.rules.sc410_all_urls_for_active_tab import (
    all_urls_for_active_tab,
)
from scopecheck.ecosystems.browser_extension.rules.sc411_ineffective_permission import ineffective_permission
from scopecheck.ecosystems.browser_extension.rules.sc412_optional_permission_mismatch import (
    optional_permission_mismatch,
)
from scopecheck.ecosystems.browser_extension.rules.sc413_missing_data_collection import (
    missing_data_collection,
)
from scopecheck.ecosystems.browser_extension.rules.sc414_undeclared_data_transmission import (
    undeclared_data_transmission,
)
from scopecheck.source.json_nodes import parse_json
from scopecheck.source.yaml_nodes import YamlDocument, YamlProblem

if TYPE_CHECKING:
    from scopecheck.ecosystems.browser_extension.model import Extension

#: how much of a `manifest.json` is read to tell an extension from a web app manifest
_SNIFF_BYTES = 64 * 1024
_VERSION_KEY = re.compile(rb'"manifest_version"\s*:\s*[0-9]')
#: the per-browser names real extensions give their manifests: `manifest.chromium.json`,
#: `manifest-chrome.json`, `manifest.firefox.json`, `manifest-v3.json`, `manifest_v2.json`
_NAME = re.compile(r"manifest(?:[._-][A-Za-z0-9]+){0,2}\.json")


def detect(path: Path) -> bool:
    """`manifest.json`, or a per-browser name (`manifest.firefox.json`), whose text has a
    `manifest_version` key with a number (a web app manifest has none; a partial manifest a
    build merges into one, such as SponsorBlock's, has none either), not inside
    node_modules."""
    if _NAME.fullmatch(path.name) is None or "node_modules" in path.parts:
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


# The reader, the catalog, the install warnings and the code analysis load when an
# extension is read: a lint of a Forge app or a workflow never pays for them.


def read_extension(document: YamlDocument) -> tuple[Any | None, list[YamlProblem]]:
    from scopecheck.ecosystems.browser_extension.adapter import read_extension as read

    return read(document)


def load_catalog() -> Any:
    from scopecheck.ecosystems.browser_extension.catalog import load_catalog as load

    return load()


def update_prompt(
    base: tuple[PermissionRequest, ...] | None, head: tuple[PermissionRequest, ...]
) -> UpdatePrompt:
    from scopecheck.ecosystems.browser_extension.warnings import update_prompt as prompt

    return prompt(base, head)


def analyze(request: AnalysisRequest, catalog: Any) -> Any:
    """Read the extension's code (imported here: tree-sitter loads only when a rule needs it)."""
    from scopecheck.ecosystems.browser_extension.code.usage import analyze as read_code

    return read_code(request, catalog)


def requests_span(extension: Extension) -> Span | None:
    return extension.permissions_span


ECOSYSTEM = Ecosystem(
    name="browser-extension",
    platform="Chrome",
    detect=detect,
    load=read_extension,
    requests=requests,
    catalog=load_catalog,
    rules=(
        legacy_manifest_version,
        unused_extension_permission,
        missing_extension_permission,
        broad_host_permission,
        all_urls_for_active_tab,
        ineffective_permission,
        optional_permission_mismatch,
        missing_data_collection,
        undeclared_data_transmission,
    ),
    analyze=analyze,
    registry_path=registry_path,
    requests_span=requests_span,
    sections=(PERMISSIONS, HOSTS, DATA),
    unit="extension",
    parse=parse_json,
    update_prompt=update_prompt,
)
