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
    called = (
        "import { purge } from './old/purge';\nexport const run = (k) => { helper(k); return purge(k); };\n"
    )
    files = {**FILES, "src/index.js": INDEX.replace("export const run = (k) => helper(k);\n", called)}
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
    bridge = (
        "import { requestJira } from '@forge/bridge';\nexport const del = (k) => requestJira(`/rest/api/3/issue/${k}`, { method: 'DELETE' });\n"
        "document.body.onclick = () => del('X-1');\n"
    )
    files = {**FILES, "static/ui/src/api.js": bridge}
    report = lint_app(text, files=files, select="SC402")
    assert positions(report) == []


UI_KIT = "  jira:issuePanel:\n    - key: p\n      resource: ui\n      render: native\n      title: P\nresources:\n  - key: ui\n    path: src/frontend/index.jsx\npermissions:"
PANEL = "import { requestJira } from '@forge/bridge';\nconst App = () => requestJira('/rest/api/3/myself');\nApp();\n"


def test_a_ui_kit_resource_reaches_only_what_its_entry_file_imports(lint_app):
    """`path: src/frontend/index.jsx` is where the bundle starts, not every file of the folder."""
    text = manifest("read:jira-user", "read:jira-work", "write:jira-work").replace("permissions:", UI_KIT)
    files = {**FILES, "src/frontend/index.jsx": PANEL, "src/frontend/purge.js": OLD}
    report = lint_app(text, files=files, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.MEDIUM)]
    assert "app/src/frontend/purge.js" in report.reported[0].message


def test_a_ui_kit_entry_file_that_imports_a_file_reaches_it(lint_app):
    text = manifest("read:jira-user", "read:jira-work", "write:jira-work").replace("permissions:", UI_KIT)
    panel = PANEL + "export { purge } from './purge';\n"
    files = {**FILES, "src/frontend/index.jsx": panel, "src/frontend/purge.js": OLD}
    report = lint_app(text, files=files, select="SC402")
    assert list(report.reported) == []


def test_an_import_written_in_a_comment_leaves_reachability_known(lint_app):
    """A doc comment's `import { x } from './gone'` is an example: it names no file, but loads none."""
    helper = "/**\n * Use: import { helper } from './gone';\n */\n" + HELPER
    report = lint_app(
        manifest("read:jira-work", "write:jira-work"),
        files={**FILES, "src/lib/helper.js": helper},
        select="SC402",
    )
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.MEDIUM)]


def test_an_import_of_a_missing_file_in_code_leaves_every_file_reachable(lint_app):
    helper = "import { gone } from './gone';\n" + HELPER
    report = lint_app(
        manifest("read:jira-work", "write:jira-work"),
        files={**FILES, "src/lib/helper.js": helper},
        select="SC402",
    )
    assert list(report.reported) == []


BASE_URL = {"tsconfig.json": '{"compilerOptions": {"baseUrl": "./"}}'}


def test_a_base_url_leaves_every_file_reachable(lint_app):
    """A bare import may name a file below `baseUrl`: not followed, so no file is unreached."""
    report = lint_app(
        manifest("read:jira-work", "write:jira-work"), files={**FILES, **BASE_URL}, select="SC402"
    )
    assert list(report.reported) == []


def test_an_import_below_a_base_url_is_not_followed_and_leaves_every_file_reachable(lint_app):
    """`from 'src/old/purge'` may name app/src/old/purge.js below `baseUrl` (or a package the
    bundler finds first): not followed, so no file is called unreached."""
    index = INDEX.replace("helper(k);", "[helper(k), purge(k)];") + "import { purge } from 'src/old/purge';\n"
    files = {**FILES, **BASE_URL, "src/index.js": index}
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=files, select="SC402")
    assert list(report.reported) == []


def test_a_bare_import_naming_an_unread_folder_below_a_base_url_leaves_every_file_reachable(lint_app):
    """`from 'src/vendor'` names a folder below `baseUrl` with no file read: what it loads is
    not known, so no file is called unreached."""
    index = INDEX + "import v from 'src/vendor';\nexport const d = v;\n"
    files = {**FILES, **BASE_URL, "src/index.js": index, "src/vendor/README.md": "vendored\n"}
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=files, select="SC402")
    assert list(report.reported) == []


def test_a_base_url_set_by_an_extended_config_counts_too(lint_app):
    files = {
        **FILES,
        "src/index.js": INDEX + "import { purge } from 'src/old/purge';\nexport const p = purge;\n",
        "tsconfig.json": '{"extends": "./tsconfig.base.json"}',
        "tsconfig.base.json": '{"compilerOptions": {"baseUrl": "."}}',
    }
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=files, select="SC402")
    assert list(report.reported) == []


def test_a_helper_imported_below_a_base_url_may_be_called_with_any_path(lint_app):
    """The helper's relative caller passes `/myself`; `src/lib/http` may name its file too,
    and the call through that import (`get(path)`) is not followed."""
    files = {
        **BASE_URL,
        "src/index.js": "import { getJson } from './lib/http';\nexport const run = () => getJson('/rest/api/3/myself');\n",
        "src/other.js": "import { getJson as get } from 'src/lib/http';\nexport const more = (path) => get(path);\n",
        "src/lib/http.js": "import api, { assumeTrustedRoute } from '@forge/api';\n"
        "export const getJson = (path) => api.asApp().requestJira(assumeTrustedRoute(path));\nexport const x = 1;\n",
    }
    report = lint_app(manifest("read:jira-user", "read:jira-work"), files=files, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("read:jira-work", Confidence.LOW)]
