"""Back-end code runs on Forge's Node.js runtime, where `window` and `document` are not
defined: `if (typeof window !== 'undefined') { … }` in a file only function handlers load
never runs its body. Review 34b's case 07 gave a certain SC401 for a request inside such a
guard. A file a front end also loads, or an app that sets a global `window` (jsdom), keeps
the guard open."""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_review34 import GUARDED_PUT, RUN, _sc401

from conftest import run_lint
from scopecheck.core.findings import Confidence


@pytest.mark.parametrize(
    "guard",
    [
        "  if (typeof window === 'undefined') return;\n",
        "  if (typeof document == 'undefined') { return; }\n",
        "  if (!(typeof window !== 'undefined')) throw new Error('browser only');\n",
    ],
    ids=["window", "document", "negated"],
)
def test_a_browser_only_branch_of_back_end_code_never_runs(tmp_path, guard):
    (missing,) = _sc401(tmp_path, RUN + guard + GUARDED_PUT)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "whose condition is constant" in missing.message, missing.message


@pytest.mark.parametrize(
    ("before", "guard"),
    [
        ("", "  if (typeof window !== 'undefined') return;\n"),
        ("", "  if (typeof process === 'undefined') return;\n"),
        ("global.window = {};\n", "  if (typeof window === 'undefined') return;\n"),
        ("const window = globalThis.jsdomWindow;\n", "  if (typeof window === 'undefined') return;\n"),
        (
            "Object.assign(globalThis, { document: {} });\n",
            "  if (typeof document === 'undefined') return;\n",
        ),
        (
            "Object.defineProperty(global, 'window', { value: {} });\n",
            "  if (typeof window === 'undefined') return;\n",
        ),
        ("import 'global-jsdom/register';\n", "  if (typeof window === 'undefined') return;\n"),
    ],
    ids=[
        "the-guard-is-not-taken",
        "process-is-not-modelled",
        "a-global-window-is-set",
        "a-local-window",
        "object-assign",
        "define-property",
        "jsdom-global",
    ],
)
def test_a_guard_that_may_be_open_keeps_the_request(tmp_path, before, guard):
    (missing,) = _sc401(tmp_path, before + RUN + guard + GUARDED_PUT)
    assert missing.confidence is Confidence.HIGH, missing.message


SHARED = (
    "import api, { route } from '@forge/api';\n"
    "export async function note(key) {\n"
    "  if (typeof window === 'undefined') return;\n"
    "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST' });\n"
    "}\n"
)


def test_a_file_a_front_end_also_loads_may_run_in_the_browser(tmp_path):
    """`src/shared.js` is imported by the handler and by a UI Kit front end: in the browser
    `window` is defined, so the guard is not constant there."""
    manifest = (
        "modules:\n  trigger:\n    - key: t\n      function: main\n      events: [avi:jira:created:issue]\n"
        "  jira:issuePanel:\n    - key: p\n      resource: ui\n      render: native\n      title: P\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        "resources:\n  - key: ui\n    path: src/frontend/index.jsx\n"
        "app:\n  id: ari:cloud:ecosystem::app/x\n  runtime:\n    name: nodejs22.x\n"
        "permissions:\n  scopes: [read:jira-work]\n"
    )
    write_files(
        tmp_path,
        {
            "app/manifest.yml": manifest,
            "app/package.json": '{"dependencies": {"@forge/api": "^5", "@forge/react": "^10"}}',
            "app/src/shared.js": SHARED,
            "app/src/index.js": "import { note } from './shared';\nexport const run = (e) => note(e.issue.key);\n",
            "app/src/frontend/index.jsx": "import { note } from '../shared';\nexport const App = () => { note('A-1'); return null; };\n",
        },
    )
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    found = [f for f in report.reported if "POST" in f.subject]
    assert found, report.reported
    assert all("whose condition is constant" not in f.message for f in found), found
