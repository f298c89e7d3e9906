"""A resolver defined on a `new Resolver()` whose definitions nothing takes never runs
(review 36, app49): Forge runs resolver functions only through the handler that
`getDefinitions()` makes. The app's front end invoked the name, and the certain SC401 on the
call inside was wrong. Controls: the same resolver exported, or handed on, runs."""

from __future__ import annotations

import pytest
from test_uninvoked_resolvers import app, manifest

from scopecheck.core.findings import Confidence, Severity

BACKEND = """\
import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';
const resolver = new Resolver();
resolver.define('read', ({ payload }) => api.asUser().requestJira(route`/rest/api/3/issue/${payload.k}`));
export const handler = resolver.getDefinitions();

// an older draft, kept: its definitions are never exported
const drafts = new Resolver();
drafts.define('old', async ({ payload }) => {
  await api.asUser().requestJira(route`/rest/api/3/issue/${payload.k}`, { method: 'DELETE' });
});
"""
INVOKES_BOTH = """\
import { invoke } from '@forge/bridge';
export const load = (k) => invoke('read', { k });
export const drop = (k) => invoke('old', { k });
"""


def _delete(lint_app, backend: str):
    report = lint_app(manifest("read:jira-work"), files=app(INVOKES_BOTH, backend), select="SC401")
    (finding,) = report.reported
    return finding


def test_a_resolver_nothing_takes_the_definitions_of_never_runs(lint_app):
    finding = _delete(lint_app, BACKEND)
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
    assert (
        "it is in the resolver `old` (app/src/index.js:9), which is defined on `drafts`, a `new Resolver()` "
        "whose definitions nothing takes" in finding.message
    ), finding.message


@pytest.mark.parametrize(
    "taken",
    [
        "export const drafted = drafts.getDefinitions();\n",
        "register(drafts);\n",
        "export { drafts };\n",
        "module.exports.drafts = drafts;\n",
        "export const all = { ...resolver.getDefinitions(), more: `${drafts}` };\n",
        # `define` returns the resolver (review 39): the chain takes its definitions
        "export const drafted = drafts.define('other', () => 1).getDefinitions();\n",
    ],
    ids=[
        "exported-definitions",
        "handed-on",
        "exported",
        "commonjs-export",
        "in-a-template",
        "a-define-chain",
    ],
)
def test_a_resolver_whose_definitions_are_taken_runs(lint_app, taken):
    finding = _delete(lint_app, BACKEND + taken)
    assert (finding.severity, finding.confidence) == (Severity.ERROR, Confidence.HIGH), finding.message


def test_an_exported_resolver_declaration_runs(lint_app):
    finding = _delete(lint_app, BACKEND.replace("const drafts", "export const drafts"))
    assert finding.severity is Severity.ERROR
