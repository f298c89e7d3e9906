"""issue 9.6: a resolver no front end invokes never runs. What only it needs is possibly
unused (medium confidence, no fix), and a scope it lacks is info. When it cannot be told
who invokes what, every resolver counts as reached."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence, Severity

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: ui
      resolver:
        function: resolver
      title: Panel
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: ui
    path: static/ui/build
permissions:
  scopes:
{scopes}"""
BACKEND = """\
import Resolver from '@forge/resolver';
import api, { route } from '@forge/api';
const resolver = new Resolver();
resolver.define('read', ({ payload }) => api.asUser().requestJira(route`/rest/api/3/issue/${payload.k}`));
resolver.define('old', async ({ payload }) => {
  await api.asUser().requestJira(route`/rest/api/3/issue/${payload.k}`, { method: 'DELETE' });
});
export const handler = resolver.getDefinitions();
"""
FRONTEND = """\
import { invoke } from '@forge/bridge';
// invoke('old') was removed
export const load = (k) => invoke('read', { k });
"""


def app(frontend: str = FRONTEND, backend: str = BACKEND) -> dict[str, str]:
    return {
        "src/index.js": backend,
        "static/ui/src/App.js": frontend,
        "static/ui/package.json": '{"name": "ui"}\n',
    }


def manifest(*scopes: str) -> str:
    return MANIFEST.format(scopes="".join(f"    - {s}\n" for s in scopes))


def test_a_scope_only_an_uninvoked_resolver_needs_is_possibly_unused(lint_app):
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=app(), select="SC402")
    (finding,) = report.reported
    assert (finding.subject, finding.confidence, finding.fix) == ("write:jira-work", Confidence.MEDIUM, None)
    assert finding.message == (
        "scope `write:jira-work` is only needed in code no module reaches (it is in the resolver `old` "
        "(app/src/index.js:5), which no front end invokes)"
    )


def test_a_missing_scope_in_an_uninvoked_resolver_is_info(lint_app):
    report = lint_app(manifest("read:jira-work"), files=app(), select="SC401")
    (finding,) = report.reported
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
    assert "which no front end invokes" in finding.message


@pytest.mark.parametrize(
    "frontend",
    [
        # invoked after all, in the forms a front end writes (each beside a plain `invoke('read')`)
        "import { invoke } from '@forge/bridge';\nexport const del = (k) => invoke(`old`, { k });\n"
        "export const load = (k) => invoke('read', { k });\n",
        "import * as bridge from '@forge/bridge';\nexport const del = (k) => bridge.invoke('old', { k });\n"
        "export const load = (k) => bridge.invoke('read', { k });\n",
        "import { invoke } from '@forge/bridge';\nexport const del = (k) => invoke<void>('old', { k });\n"
        "export const load = (k) => invoke('read', { k });\n",
        # cannot tell: a name built at run time, `invoke` renamed, or passed as a value
        "import { invoke } from '@forge/bridge';\nexport const call = (name, k) => invoke(name, { k });\n",
        "import { invoke as call } from '@forge/bridge';\nexport const load = (k) => call('read', { k });\n",
        "import { invoke } from '@forge/bridge';\nexport const api = { invoke };\n",
        "import { invoke } from '@forge/bridge';\nexport const load = (k) => invoke('re' + 'ad', { k });\n",
    ],
)
def test_a_resolver_that_may_be_invoked_counts(lint_app, frontend):
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=app(frontend), select="SC402")
    assert report.reported == ()


def test_a_method_the_manifest_names_counts(lint_app):
    """An async event consumer's resolver method is called by the queue, not by a front end."""
    text = manifest("read:jira-work", "write:jira-work").replace(
        "resources:",
        "  consumer:\n    - key: c\n      queue: q\n      resolver:\n"
        "        function: resolver\n        method: old\nresources:",
    )
    report = lint_app(text, files=app(), select="SC402")
    assert report.reported == ()


@pytest.mark.parametrize(
    "files",
    [
        # the front end's sources are not here
        {"src/index.js": BACKEND},
        {"src/index.js": BACKEND, "static/other/App.js": FRONTEND},
        # a resolver given as a named function may run from elsewhere
        {**app(), "src/index.js": BACKEND.replace(
            "resolver.define('old', async", "const old = async"
        ).replace("});\nexport", "};\nresolver.define('old', old);\nexport")},
        # `define` on something that is not @forge/resolver's Resolver
        {**app(), "src/index.js": BACKEND.replace("new Resolver()", "new Map()")},
    ],
)  # fmt: skip
def test_nothing_is_called_uninvoked_when_it_cannot_be_told(lint_app, files):
    report = lint_app(manifest("read:jira-work", "write:jira-work"), files=files, select="SC402")
    assert report.reported == ()
