"""Browser extensions: detection, the manifest.json model, requests, the catalog, and lint runs
next to Forge apps and workflows in every output format."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import SHARED, positions, run_lint, write_app, write_extension
from scopecheck.core.permissions import RiskTier
from scopecheck.ecosystems import browser_extension
from scopecheck.ecosystems.browser_extension.adapter import read_extension
from scopecheck.ecosystems.browser_extension.catalog import build, load_catalog
from scopecheck.ecosystems.browser_extension.requests import requests
from scopecheck.reporters import REPORTERS, RenderOptions
from scopecheck.source.files import SourceText
from scopecheck.source.json_nodes import parse_json

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "tab-notes-extension"

MANIFEST = """{
  "name": "Notes",
  "version": "1.0",
  "manifest_version": 3,
  // what the extension asks for
  "permissions": ["storage", "tabs"],
  "optional_permissions": ["notifications"],
  "host_permissions": ["https://api.example.com/*"],
  "optional_host_permissions": ["<all_urls>"],
  "background": {"service_worker": "bg.js", "type": "module"},
  "action": {"default_popup": "popup.html"},
  "options_ui": {"page": "options.html"},
  "content_scripts": [
    {"matches": ["https://api.example.com/*", "https://docs.example.com/*"], "js": ["content.js"]}
  ],
  "web_accessible_resources": [{"resources": ["img/*"], "matches": ["https://docs.example.com/*"]}],
  "externally_connectable": {"matches": ["https://app.example.com/*"]},
  "content_security_policy": {"extension_pages": "script-src 'self'"},
  "browser_specific_settings": {"gecko": {"id": "notes@example.com"}}
}
"""


def read(text: str):
    doc = parse_json(SourceText.from_text(Path("manifest.json"), "manifest.json", text))
    return read_extension(doc)


def test_model_keeps_every_value_with_its_position():
    extension, problems = read(MANIFEST)
    assert problems == [] and extension is not None
    assert extension.manifest_version == 3 and extension.name == "Notes"
    assert [(v.value, v.span.line, v.span.column) for v in extension.permissions] == [
        ("storage", 6, 19),
        ("tabs", 6, 30),
    ]
    assert [v.value for v in extension.optional_host_permissions] == ["<all_urls>"]
    assert extension.background is not None and extension.background.module
    assert extension.background.service_worker is not None
    assert extension.background.service_worker.value == "bg.js"
    assert [(label, page.value) for label, page in extension.pages] == [
        ("popup", "popup.html"),
        ("options page", "options.html"),
    ]
    assert [m.value for m in extension.content_scripts[0].matches] == [
        "https://api.example.com/*",
        "https://docs.example.com/*",
    ]
    assert [m.value for m in extension.web_accessible_resources[0].matches] == ["https://docs.example.com/*"]
    assert extension.externally_connectable is not None
    assert [m.value for m in extension.externally_connectable.matches] == ["https://app.example.com/*"]
    assert [(k, v.value) for k, v in extension.content_security_policy] == [
        ("extension_pages", "script-src 'self'")
    ]
    assert extension.gecko is not None and extension.gecko.id is not None
    assert extension.gecko.id.value == "notes@example.com"


def test_requests_are_permissions_and_hosts_each_once():
    extension, _ = read(MANIFEST)
    found = [(r.name, r.section, r.detail, r.label, r.span.line) for r in requests(extension)]
    assert found == [
        ("storage", "permissions", "permissions", "permission", 6),
        ("tabs", "permissions", "permissions", "permission", 6),
        ("notifications", "permissions", "optional_permissions", "optional permission", 7),
        ("https://api.example.com/*", "hosts", "host_permissions", "host permission", 8),
        ("<all_urls>", "hosts", "optional_host_permissions", "optional host permission", 9),
        # the content script's first pattern is already a host permission
        ("https://docs.example.com/*", "hosts", "content_scripts", "content script match", 14),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "manifest.json must be a JSON object, found a list"),
        ('{"manifest_version": "3"}', "`manifest_version` must be 2 or 3, found 3"),
        ('{"manifest_version": 3, "permissions": "tabs"}', "`permissions` must be a list of strings"),
        ('{"manifest_version": 3, "permissions": [1]}', "an item of `permissions` must be a string"),
        (
            '{"manifest_version": 3, "permissions": ["https://a.example/*"]}',
            "Manifest V3 takes it in `host_permissions`",
        ),
        ('{"manifest_version": 2, "host_permissions": ["https://a.example/*"]}', "is a Manifest V3 key"),
    ],
)
def test_shape_problems(text, message):
    _extension, problems = read(text)
    assert [message in p.message for p in problems] == [True]


def test_mv2_host_patterns_in_permissions_are_host_permissions():
    extension, problems = read('{"manifest_version": 2, "permissions": ["tabs", "<all_urls>", "http://*/*"]}')
    assert problems == [] and extension is not None
    assert [v.value for v in extension.permissions] == ["tabs"]
    assert [v.value for v in extension.host_permissions] == ["<all_urls>", "http://*/*"]


def test_detect(tmp_path):
    ext = tmp_path / "ext"
    ext.mkdir()
    (ext / "manifest.json").write_text('{\n  "manifest_version": 3\n}\n')
    assert browser_extension.detect(ext / "manifest.json")
    web_app = tmp_path / "web" / "manifest.json"
    web_app.parent.mkdir()
    web_app.write_text('{"name": "a PWA", "start_url": "/"}')
    assert not browser_extension.detect(web_app)
    vendored = tmp_path / "node_modules" / "x" / "manifest.json"
    vendored.parent.mkdir(parents=True)
    vendored.write_text('{"manifest_version": 3}')
    assert not browser_extension.detect(vendored)
    assert not browser_extension.detect(tmp_path / "missing" / "manifest.json")


def test_lint_finds_extensions_next_to_forge_apps_and_workflows(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes: []\n", "version: 1\n")
    write_extension(tmp_path, MANIFEST, "version: 1\n")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text("on: push\npermissions:\n  contents: read\njobs: {}\n")
    report = run_lint([tmp_path], cwd=tmp_path)
    assert [(a.manifest, a.unit) for a in report.apps] == [
        (".github/workflows/ci.yml", "workflow"),
        ("app/manifest.yml", "app"),
        ("ext/manifest.json", "extension"),
    ]
    undocumented = [(f.span.line, f.subject) for f in report.reported if f.rule_id == "SC101"]
    assert (6, "storage") in undocumented and (8, "https://api.example.com/*") in undocumented


def test_shared_rules_work_for_extensions(lint_extension):
    manifest = (
        '{"manifest_version": 3, "permissions": ["storgae", "tabs"],\n'
        ' "host_permissions": ["<all_urls>", "htps://x.example/*"]}'
    )
    report = lint_extension(
        manifest,
        registry="version: 1\npermissions:\n  tabs: Lists open tabs by title.\n  bookmarks: Reads the user's bookmarks to list them.\n",
    )
    found = {(f.rule_id, f.subject) for f in report.reported}
    assert ("SC201", "storgae") in found and "did you mean `storage`?" in _message(report, "SC201", "storgae")
    assert ("SC201", "htps://x.example/*") in found  # not a valid match pattern
    assert ("SC101", "<all_urls>") in found
    assert ("SC204", "<all_urls>") in found  # critical: every site
    assert ("SC102", "bookmarks") in found
    assert ("SC101", "tabs") not in found


def _message(report, rule, subject):
    return next(f.message for f in report.reported if f.rule_id == rule and f.subject == subject)


def test_ignore_comment_in_manifest_json(lint_extension):
    manifest = '{\n  "manifest_version": 3,\n  "permissions": [\n    "tabs" // scopecheck: ignore[SC101] -- reviewed\n  ]\n}\n'
    report = lint_extension(manifest, registry="version: 1\n", select="SC101")
    assert report.reported == ()
    assert [(f.rule_id, f.suppression.reason) for f in report.ignored] == [("SC101", "reviewed")]


def test_syntax_error_names_line_and_column(lint_extension):
    report = lint_extension('{\n  "manifest_version": 3,\n  "permissions": ["tabs",],\n}\n')
    assert positions(report) == [("manifest.json", 3, 25, "SC001")]
    assert "trailing comma" in report.reported[0].message


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_output_format(tmp_path, fmt):
    write_extension(tmp_path, MANIFEST, "version: 1\n")
    report = run_lint([tmp_path], cwd=tmp_path)
    out = REPORTERS[fmt](report, RenderOptions())
    text = out.decode() if isinstance(out, bytes) else out
    assert "ext/manifest.json" in text
    if fmt == "json":
        assert json.loads(text)["apps"][0]["manifest"] == "ext/manifest.json"


def test_the_example_extension_is_clean_and_fast():
    started = time.perf_counter()
    report = run_lint([EXAMPLE], cwd=EXAMPLE.parent.parent)
    elapsed = time.perf_counter() - started
    assert report.reported == () and [a.unit for a in report.apps] == ["extension"]
    assert elapsed < 1.0  # the budget is 150 ms for the whole run; this is a loose guard


# --- catalog ---------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (SHARED / "data" / "chrome-extension" / "permissions.json").is_file(),
    reason="../shared/data/chrome-extension is not beside the repository; CI has it",
)
def test_regenerating_gives_the_committed_files():
    built = build.build(SHARED / "data")
    committed = sorted(p.name for p in build.OUTPUT.glob("*.json"))
    assert committed == sorted(built)
    for name, text in built.items():
        assert (build.OUTPUT / name).read_text(encoding="utf-8") == text, f"{name} is stale: run the build"


def test_catalog_names_tiers_and_warnings():
    catalog = load_catalog()
    assert catalog.get("storage").risk is RiskTier.LOW
    assert catalog.get("debugger").risk is RiskTier.CRITICAL
    assert catalog.get("tabs").warning == ("Read your browsing history.",)
    assert catalog.get("menus").browsers == ("firefox",)  # Firefox only
    assert catalog.get("webRequestBlocking").mv3_install_location == "policy"
    assert catalog.get("<all_urls>").risk is RiskTier.CRITICAL
    assert catalog.get("*://*/*").risk is RiskTier.CRITICAL
    assert catalog.get("https://*/*").risk is RiskTier.CRITICAL
    assert catalog.get("https://*.example.com/*").risk is RiskTier.HIGH
    assert catalog.get("https://api.example.com/*").risk is RiskTier.MEDIUM
    assert catalog.get("http://localhost:8080/*") is not None
    for bad in ("https://example.com", "htps://x/*", "https://a.*.com/*", "<specific host pattern>", "Tabs"):
        assert catalog.get(bad) is None, bad
    assert catalog.nearest("storgae") == "storage"
    assert catalog.nearest("Tabs") == "tabs"
    assert catalog.nearest("https://x/*") is None


def test_api_needs_and_browser_namespace():
    catalog = load_catalog()
    assert catalog.api("storage.local.get").any_of == (("storage",),)
    assert catalog.api("tabs.query").any_of == ()  # tabs.query needs no permission
    assert catalog.api("history.search").any_of == (("history",),)
    assert catalog.api("nothing.here") is None
