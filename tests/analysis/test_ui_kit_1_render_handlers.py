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
    ],
    ids=["named-by-no-module", "the-modules-handler", "used-by-code"],
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
