"""A UI Kit 1 handler no module names never renders its components (review 38,
Domminique/gen-ai): `export const run = render(<IssuePanel><App /></IssuePanel>)` makes the
handler Forge calls; `App` runs only when `run` does. The manifest's function names
`index.handler` (a resolver), so `run` never runs, and the certain SC403 on the fetch in
`App` was wrong. Controls: the manifest naming `index.run`, and code that uses `run`."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence, Severity

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      function: main
      title: Panel
  function:
    - key: main
      handler: index.{handler}
"""
CODE = """\
import ForgeUI, {{ render, Text, IssuePanel }} from '@forge/ui';
import Resolver from '@forge/resolver';
import api from '@forge/api';
export const handler = new Resolver().getDefinitions();
const App = () => {{ api.fetch('https://example.org/x'); return <Text>hi</Text>; }};
export const run = render(<IssuePanel><App /></IssuePanel>);
{more}"""


@pytest.mark.parametrize(
    ("handler", "more", "runs"),
    [
        ("handler", "", False),
        ("run", "", True),
        ("handler", "export const handlers = { run };\n", True),
        # exported under another name, which the manifest names (review 39)
        ("main", "export { run as main };\n", True),
    ],
    ids=["named-by-no-module", "the-modules-handler", "used-by-code", "exported-as-the-handler"],
)
def test_a_render_handler_runs_its_components_only_when_it_runs(lint_app, handler, more, runs):
    report = lint_app(
        MANIFEST.format(handler=handler), files={"src/index.jsx": CODE.format(more=more)}, select="SC403"
    )
    (finding,) = report.reported
    if runs:
        assert (finding.severity, finding.confidence) == (Severity.ERROR, Confidence.HIGH), finding.message
    else:
        assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
        assert (
            "it is in `App`" in finding.message
            and "only code that never runs calls it (`run`)" in finding.message
        )


PANEL = """\
import ForgeUI, { render, Text, IssuePanel } from '@forge/ui';
import api from '@forge/api';
const App = () => { api.fetch('https://example.org/x'); return <Text>hi</Text>; };
export const run = render(<IssuePanel><App /></IssuePanel>);
"""
PLAIN = "import api from '@forge/api';\nexport async function run() { return api.fetch('https://example.org/x'); }\n"


@pytest.mark.parametrize("panel", [PANEL, PLAIN], ids=["a-render-handler", "a-plain-function"])
@pytest.mark.parametrize(
    "index",
    [
        "export { run as main } from './panel';\n",
        "import { run as inner } from './panel';\nexport const main = (...a) => inner(...a);\n",
        # the importing file's own `run` is another binding: the import still names panel's
        "import { run as inner } from './panel';\nexport const run = (...a) => inner(...a);\n"
        "export const main = run;\n",
    ],
    ids=["re-exported-as-the-handler", "wrapped", "wrapped-by-a-local-of-the-same-name"],
)
def test_a_handler_reached_through_another_module_runs(lint_app, panel, index):
    """Review 39: each of these ran `App` (proved with esbuild and @forge/ui), but the
    mention of `run` in another module was taken for another binding, or not followed."""
    files = {"src/panel.jsx": panel, "src/index.js": index}
    report = lint_app(MANIFEST.format(handler="main"), files=files, select="SC403")
    (finding,) = report.reported
    assert (finding.severity, finding.confidence) == (Severity.ERROR, Confidence.HIGH), finding.message
