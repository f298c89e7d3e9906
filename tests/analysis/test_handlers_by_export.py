"""The function a handler `index.run` runs is the export `run` of src/index.*, followed
through re-exports and renames; another function that only shares the name is not run by
Forge. Review 35 (cases A1–A4) found certain SC401s on requests in such functions: an
export renamed over a local `run`, a helper file's old `run`, and a helper's old `handler` beside
a resolver's `handler` (a CommonJS `exports.run` that `module.exports = { run }` replaces is
not read as a function at all, and stays certain: the note of session 20 says so).
When the handler's export cannot be followed, any function of its name may be it."""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_review34 import TRIGGER

from conftest import run_lint
from scopecheck.core.findings import Confidence

HEAD = "import api, { route } from '@forge/api';\n"
GET = "await api.asApp().requestJira(route`/rest/api/3/issue/${{{key}}}/comment`);"
PUT = "await api.asApp().requestJira(route`/rest/api/3/issue/${{{key}}}`, {{ method: 'PUT', body: '{{}}' }});"


def _put(tmp_path, files: dict[str, str], manifest: str = TRIGGER):
    write_files(
        tmp_path,
        {
            "app/manifest.yml": manifest,
            "app/package.json": '{"dependencies": {"@forge/api": "^5", "@forge/resolver": "^1"}}',
            **{f"app/src/{name}": text for name, text in files.items()},
        },
    )
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    found = [f for f in report.reported if "PUT" in f.subject or "DELETE" in f.subject]
    assert len(found) == 1, report.reported
    return found[0]


RENAMED = {
    "index.js": HEAD
    + f"async function run(event) {{ {PUT.format(key='event.issue.key')} }}\n"
    + f"async function readOnly(event) {{ {GET.format(key='event.issue.key')} }}\n"
    + "export { readOnly as run };\n"
}
HELPER_RUN = {
    "index.js": HEAD
    + "import { summarize } from './tools';\n"
    + f"export async function run(event) {{ {GET.format(key='event.issue.key')} return summarize(event); }}\n",
    "tools.js": HEAD
    + "export const summarize = (e) => e.issue.key;\n"
    + f"export async function run(key) {{ {PUT.format(key='key')} }}\n",
}
PANEL = (
    "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      resolver:\n        function: main\n"
    "      render: native\n      title: Summary\n  function:\n    - key: main\n      handler: index.handler\n"
    "resources:\n  - key: main\n    path: src/frontend/index.jsx\n"
    "app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n"
    "permissions:\n  scopes: [read:jira-work]\n"
)
RESOLVER_AND_OLD_HANDLER = {
    "index.js": "import Resolver from '@forge/resolver';\n"
    + HEAD
    + "import { toSummary } from './webhook';\n"
    + "const resolver = new Resolver();\n"
    + "resolver.define('getSummary', async ({ payload }) => toSummary(await (await api.asUser().requestJira(route`/rest/api/3/issue/${payload.key}`)).json()));\n"
    + "export const handler = resolver.getDefinitions();\n",
    "webhook.js": HEAD
    + "export const toSummary = (issue) => issue.key;\n"
    + "export async function handler(request) {\n"
    + "  await api.asApp().requestJira(route`/rest/api/3/issue/${request.key}`, { method: 'DELETE' });\n}\n",
    "frontend/index.jsx": "import { invoke } from '@forge/bridge';\nexport const App = () => { invoke('getSummary', { key: 'A-1' }); return null; };\n",
}


@pytest.mark.parametrize(
    ("files", "manifest"),
    [(RENAMED, TRIGGER), (HELPER_RUN, TRIGGER), (RESOLVER_AND_OLD_HANDLER, PANEL)],
    ids=["renamed-export", "a-helpers-run", "a-helpers-handler"],
)
def test_a_function_that_only_shares_the_handlers_name_never_runs(tmp_path, files, manifest):
    found = _put(tmp_path, files, manifest)
    assert found.confidence is not Confidence.HIGH, found.message
    assert "which no code calls" in found.message, found.message


RE_EXPORTED = {
    "index.js": "export { run } from './jobs';\n",
    "jobs.js": HEAD + f"export async function run(event) {{ {PUT.format(key='event.issue.key')} }}\n",
}
FROM_A_PACKAGE = {
    "index.js": "export { run } from 'job-runner';\n",
    "jobs.js": HEAD + f"export async function run(event) {{ {PUT.format(key='event.issue.key')} }}\n",
}
DIRECT = {
    "index.js": HEAD + f"export const run = async (event) => {{ {PUT.format(key='event.issue.key')} }};\n"
}


@pytest.mark.parametrize(
    ("files", "certain"),
    [(RE_EXPORTED, True), (DIRECT, True), (FROM_A_PACKAGE, False)],
    ids=["re-exported", "direct", "re-exported-from-a-package"],
)
def test_the_handlers_own_function_runs(tmp_path, files, certain):
    """Controls: the export, followed through a re-export, runs; when the export comes from a
    package (not read), a function of the handler's name may be it, so it is not called dead
    (the request stays, unsure only for the package)."""
    found = _put(tmp_path, files)
    assert "which no code calls" not in found.message, found.message
    if certain:
        assert found.confidence is Confidence.HIGH, found.message
