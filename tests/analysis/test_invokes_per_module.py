"""An `invoke` reaches only the resolver of its own module (review 36, app13).

Two modules, each with a Custom UI and its own resolver function. Both resolver files
define `save`; only the panel's front end invokes it. The admin page's `save` never runs, so
the certain SC401 on the call in it was wrong: it is info now, "in code no module reaches".
Controls: the admin front end invoking `save` too, a front-end file both front ends import
invoking it, and reachability not known keep it running."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence, Severity

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: panel-ui
      resolver:
        function: panel-resolver
      title: Panel
  jira:adminPage:
    - key: admin
      resource: admin-ui
      resolver:
        function: admin-resolver
      title: Admin
  function:
    - key: panel-resolver
      handler: panel.handler
    - key: admin-resolver
      handler: admin.handler
resources:
  - key: panel-ui
    path: static/panel/build
  - key: admin-ui
    path: static/admin/build
permissions:
  scopes:
    - read:jira-work
"""
RESOLVER = """\
import Resolver from '@forge/resolver';
import api, {{ route }} from '@forge/api';
const resolver = new Resolver();
resolver.define('save', async ({{ payload }}) => {{
  await api.asApp().requestJira(route`/rest/api/3/issue/${{payload.k}}`, {{ method: '{method}' }});
}});
export const handler = resolver.getDefinitions();
"""
SAVE = "import {{ invoke }} from '@forge/bridge';\n{imports}export const save = (k) => invoke('save', {{ k }});\n"
LOAD = "import {{ invoke }} from '@forge/bridge';\n{imports}export const load = () => invoke('load');\n"


def _files(admin_ui: str = LOAD, panel_ui: str = SAVE, imports: str = "") -> dict[str, str]:
    return {
        "src/panel.js": RESOLVER.format(method="GET"),
        "src/admin.js": RESOLVER.format(method="DELETE"),
        "static/panel/package.json": '{"name": "panel"}\n',
        "static/panel/src/index.js": panel_ui.format(imports=imports),
        "static/admin/package.json": '{"name": "admin"}\n',
        "static/admin/src/index.js": admin_ui.format(imports=imports),
        "static/shared/ui.js": "export const x = 1;\n",
    }


def _delete(lint_app, files: dict[str, str]):
    report = lint_app(MANIFEST, files=files, select="SC401")
    (finding,) = [f for f in report.reported if "DELETE" in f.message]
    return finding


def test_a_resolver_only_another_modules_front_end_invokes_never_runs(lint_app):
    finding = _delete(lint_app, _files())
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW), finding.message
    assert "it is in the resolver `save` (app/src/admin.js:4), which is invoked only from front ends" in (
        finding.message
    )


@pytest.mark.parametrize(
    "files",
    [
        _files(admin_ui=SAVE),
        # the shared file invokes `save`, and both front ends import it
        {
            **_files(imports="import { save } from '../../shared/ui';\n"),
            "static/shared/ui.js": SAVE.format(imports=""),
        },
        # the panel opens the admin page's resource in a Modal, which runs under the panel's
        # module and resolver (review 39): which resolver an invoke reaches is not known
        _files(
            panel_ui=SAVE
            + "import {{ Modal }} from '@forge/bridge';\nnew Modal({{ resource: 'admin-ui' }}).open();\n"
        ),
        # reachability not known (a module named at run time): any front end may invoke it
        {**_files(), "static/panel/src/plugins.js": "export const load = (name) => require(name);\n"},
    ],
    ids=["its-own-front-end-invokes-it", "a-shared-front-end-file", "a-modal", "reachability-unknown"],
)
def test_a_resolver_its_own_module_may_invoke_runs(lint_app, files):
    finding = _delete(lint_app, files)
    assert (finding.severity, finding.confidence) == (Severity.ERROR, Confidence.HIGH), finding.message


def test_a_file_a_front_end_of_unknown_resolver_imports_may_reach_any(lint_app):
    """A shared file both the panel's front end and a front end whose module names a resolver
    function the manifest lacks import: under the latter, its `invoke('save')` may reach any
    resolver, the admin page's too."""
    manifest = MANIFEST.replace(
        "  function:\n",
        "  jira:issueGlance:\n    - key: glance\n      resource: glance-ui\n      resolver:\n"
        "        function: no-such-function\n      title: Glance\n      label: Glance\n  function:\n",
    ).replace("resources:\n", "resources:\n  - key: glance-ui\n    path: static/glance/build\n")
    shared = "import { save } from '../../shared/ui';\n"
    files = {
        **_files(panel_ui=LOAD, imports=shared),
        "static/shared/ui.js": SAVE.format(imports=""),
        "static/glance/package.json": '{"name": "glance"}\n',
        "static/glance/src/index.js": shared,
    }
    files["static/admin/src/index.js"] = LOAD.format(imports="")
    report = lint_app(manifest, files=files, select="SC401")
    (finding,) = [f for f in report.reported if "DELETE" in f.message]
    assert (finding.severity, finding.confidence) == (Severity.ERROR, Confidence.HIGH), finding.message
