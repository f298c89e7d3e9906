"""Code no manifest entry point reaches: SC401 there is info; a scope only it uses is only
possibly unused (medium confidence, no fix)."""

from __future__ import annotations

from conftest import positions
from scopecheck.core.findings import Confidence, Severity

MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
{scopes}"""
INDEX = """\
import api, { route } from '@forge/api';
import { helper } from './lib/helper';
export const run = (k) => helper(k);
"""
HELPER = """\
import api, { route } from '@forge/api';
export const helper = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`);
"""
OLD = """\
import api, { route } from '@forge/api';
export const purge = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' });
"""


def manifest(*scopes: str) -> str:
    return MANIFEST.format(scopes="".join(f"    - {s}\n" for s in scopes))


FILES = {"src/index.js": INDEX, "src/lib/helper.js": HELPER, "src/old/purge.js": OLD}


def test_a_scope_only_dead_code_uses_is_possibly_unused(lint_app):
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=FILES, select="SC402")
    (finding,) = report.reported
    assert (finding.subject, finding.confidence, finding.fix) == ("write:jira-work", Confidence.MEDIUM, None)
    assert (
        "only needed in code no module reaches (no handler or resource imports app/src/old/purge.js)"
        in finding.message
    )


def test_a_missing_scope_in_dead_code_is_info(lint_app):
    report = lint_app(manifest("read:jira-work"), files=FILES, select="SC401")
    (finding,) = report.reported
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
    assert "in code no module reaches" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_imported_code_is_reached(lint_app):
    files = {**FILES, "src/index.js": INDEX + "import './old/purge';\n"}
    report = lint_app(manifest("read:jira-work"), files=files, select="SC401")
    assert [(f.severity, f.confidence) for f in report.reported] == [(Severity.ERROR, Confidence.HIGH)]


def test_a_dynamic_require_makes_every_file_reachable(lint_app):
    files = {**FILES, "src/index.js": INDEX + "export const load = (name) => require(name);\n"}
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=files, select="SC402")
    assert list(report.reported) == []


def test_an_unknown_handler_module_makes_every_file_reachable(lint_app):
    text = manifest("read:jira-work", "write:jira-work").replace("index.run", "dist/index.run")
    report = lint_app(text, files=FILES, select="SC402")
    assert list(report.reported) == []


def test_resource_folders_are_entry_points(lint_app):
    text = manifest("read:jira-work", "write:jira-work").replace(
        "permissions:",
        "  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\nresources:\n  - key: ui\n"
        "    path: static/ui/build\npermissions:",
    )
    bridge = "import { requestJira } from '@forge/bridge';\nexport const del = (k) => requestJira(`/rest/api/3/issue/${k}`, { method: 'DELETE' });\n"
    files = {**FILES, "static/ui/src/api.js": bridge}
    report = lint_app(text, files=files, select="SC402")
    assert positions(report) == []
