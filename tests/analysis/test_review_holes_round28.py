"""Review 28b (older holes): a certain SC401 on code that never runs. The manifest makes code
run only through a function handler (`index.run`: the export `run` of `src/index.*`) and a
queue consumer's resolver `method`; any other word of it (a module key, a title, an interval,
a section name) that happens to be a function's or a resolver's name does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

PUT = "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body: '{}' })"
SCHEDULED = """\
modules:
  function:
    - key: main
      handler: index.run
  scheduledTrigger:
    - key: t
      function: main
      interval: hour
permissions:
  scopes:
    - storage:app
"""


def _missing(tmp_path: Path, manifest: str, files: dict[str, str]) -> dict:
    base = {"app/manifest.yml": manifest, "app/package.json": '{"dependencies": {"@forge/api": "^5"}}'}
    write_files(tmp_path, {**base, **{f"app/{name}": text for name, text in files.items()}})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize("name", ["main", "hour", "permissions", "scheduledTrigger"])
def test_a_dead_function_named_like_a_manifest_word_does_not_run(tmp_path, name):
    code = (
        "import api, { route } from '@forge/api';\n"
        f"async function {name}(key) {{ await {PUT}; }}\n"
        "export async function run() { return 1; }\n"
    )
    found = _missing(tmp_path, SCHEDULED, {"src/index.js": code})
    [finding] = found.values()
    assert finding.confidence is not Confidence.HIGH
    assert f"it is in `{name}`" in finding.message


def test_the_handlers_export_runs(tmp_path):
    """A control: `index.run` names `run` of src/index.js, whose PUT is certain."""
    code = f"import api, {{ route }} from '@forge/api';\nexport async function run(key) {{ await {PUT}; }}\n"
    found = _missing(tmp_path, SCHEDULED, {"src/index.js": code})
    assert [f.confidence for f in found.values()] == [Confidence.HIGH]


def test_an_export_of_another_file_named_like_the_handler_does_not_run(tmp_path):
    """A control: `run` of a file no handler names is not the handler's `run`."""
    files = {
        "src/index.js": "export async function run() { return 1; }\n",
        "src/old.js": f"import api, {{ route }} from '@forge/api';\nexport async function run(key) {{ await {PUT}; }}\n",
    }
    found = _missing(tmp_path, SCHEDULED, files)
    assert [f.confidence for f in found.values()] != [Confidence.HIGH]


UI = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: resolver
      title: Save
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: main
    path: static/hello
permissions:
  scopes:
    - read:jira-work
"""


@pytest.mark.parametrize("name", ["panel", "Save", "resolver"])
def test_a_resolver_no_front_end_invokes_is_not_named_by_a_module_key_or_title(tmp_path, name):
    code = (
        "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\n"
        "const resolver = new Resolver();\n"
        f"resolver.define('{name}', async ({{ payload: {{ key }} }}) => {{ await {PUT}; }});\n"
        "export const handler = resolver.getDefinitions();\n"
    )
    front = "import { invoke } from '@forge/bridge';\nexport const go = () => invoke('other');\n"
    found = _missing(tmp_path, UI, {"src/index.js": code, "static/hello/index.js": front})
    [finding] = found.values()
    assert finding.confidence is not Confidence.HIGH
    assert f"the resolver `{name}`" in finding.message


def test_a_queue_consumers_method_runs_its_resolver(tmp_path):
    """A control: `method: event-listener` makes that resolver run."""
    manifest = (
        "modules:\n  consumer:\n    - key: c\n      queue: q\n      resolver:\n"
        "        function: consumer\n        method: event-listener\n"
        "  function:\n    - key: consumer\n      handler: index.handler\n"
        "permissions:\n  scopes:\n    - storage:app\n"
    )
    code = (
        "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\n"
        "const resolver = new Resolver();\n"
        f"resolver.define('event-listener', async ({{ payload: {{ key }} }}) => {{ await {PUT}; }});\n"
        "export const handler = resolver.getDefinitions();\n"
    )
    found = _missing(tmp_path, manifest, {"src/index.js": code})
    assert [f.confidence for f in found.values()] == [Confidence.HIGH]


def test_a_handler_export_re_exported_from_another_file_runs(tmp_path):
    """A control: `index.run` is `run` of src/jobs.js when src/index.js re-exports it (a first
    version of the change above matched the handler's file and called it dead code)."""
    files = {
        "src/index.js": "export { run } from './jobs';\n",
        "src/jobs.js": f"import api, {{ route }} from '@forge/api';\nexport async function run(key) {{ await {PUT}; }}\n",
    }
    found = _missing(tmp_path, SCHEDULED, files)
    assert [f.confidence for f in found.values()] == [Confidence.HIGH]


ORPHAN = SCHEDULED.replace(
    "permissions:", "resources:\n  - key: {key}\n    path: static/old/build\npermissions:"
)


def test_a_resource_no_module_shows_never_runs(tmp_path):
    """Review 28b t02: `resources: - key: old` that no module names is never served."""
    files = {
        "src/index.js": "export async function run() { return 1; }\n",
        "static/old/src/index.js": "import { requestJira } from '@forge/bridge';\n"
        "requestJira('/rest/api/3/issue/A-1', { method: 'PUT', body: '{}' });\n",
        "static/old/package.json": '{"name": "old"}\n',
    }
    found = _missing(tmp_path, ORPHAN.format(key="old"), files)
    [finding] = found.values()
    assert finding.confidence is not Confidence.HIGH
    assert "no handler or resource imports" in finding.message


def test_a_resource_a_module_shows_runs(tmp_path):
    """A control: the same front end shown by an issue panel is served, its PUT certain."""
    manifest = ORPHAN.format(key="old").replace(
        "  scheduledTrigger:",
        "  jira:issuePanel:\n    - key: p\n      resource: old\n      title: P\n  scheduledTrigger:",
    )
    files = {
        "src/index.js": "export async function run() { return 1; }\n",
        "static/old/src/index.js": "import { requestJira } from '@forge/bridge';\n"
        "requestJira('/rest/api/3/issue/A-1', { method: 'PUT', body: '{}' });\n",
        "static/old/package.json": '{"name": "old"}\n',
    }
    found = _missing(tmp_path, manifest, files)
    assert [f.confidence for f in found.values()] == [Confidence.HIGH]
