"""Review 28b (f07, f11, f13): a resolver that only code that never runs invokes never runs
either: an `invoke` in a statement no path reaches, or in a front-end file no resource
imports (a UI Kit resource's bundle starts at the file its `path` names). What only such a
resolver needs is possibly unused (medium, no fix); a scope it lacks is info."""

from __future__ import annotations

import json

import pytest

# the app of test_uninvoked_resolvers: resolvers `read` (a GET) and `old` (a DELETE)
from test_uninvoked_resolvers import BACKEND
from test_uninvoked_resolvers import MANIFEST as CUSTOM_UI

from scopecheck.core.findings import Confidence, Severity

UI_KIT = CUSTOM_UI.replace("static/ui/build", "src/frontend/index.jsx").replace(
    "      title: Panel", "      title: Panel\n      render: native"
)
IMPORT = "import { invoke } from '@forge/bridge';\n"


def scopes(*names: str) -> str:
    return "".join(f"    - {name}\n" for name in names)


def custom_ui(app_js: str) -> dict[str, str]:
    return {"src/index.js": BACKEND, "static/ui/src/App.js": app_js, "static/ui/package.json": "{}\n"}


def ui_kit(old_imported: bool) -> dict[str, str]:
    entry = "import React from 'react';\nimport ForgeReconciler, { Text } from '@forge/react';\n" + IMPORT
    if old_imported:
        entry += "import { remove } from './Old';\n"
    entry += "const App = () => { invoke('read', { k: 'A-1' }); return <Text>hi</Text>; };\n"
    entry += "ForgeReconciler.render(<App />);\n"
    old = IMPORT + "export const remove = (k) => invoke('old', { k });\n"
    deps = ["@forge/api", "@forge/bridge", "@forge/react", "@forge/resolver", "react"]
    package = json.dumps({"dependencies": dict.fromkeys(deps, "*")})
    return {
        "package.json": package,
        "src/index.js": BACKEND,
        "src/frontend/index.jsx": entry,
        "src/frontend/Old.jsx": old,
    }


@pytest.mark.parametrize(
    ("app_js", "why"),
    [
        (
            IMPORT + "invoke('read', { k: 'A-1' });\nif (false) invoke('old', { k: 'A-1' });\n",
            "which only code that never runs invokes (app/static/ui/src/App.js:3: its condition on "
            "line 3 is always false, so it never runs)",
        ),
        (
            IMPORT + "export function load(k) {\n  return invoke('read', { k });\n"
            "  invoke('old', { k });\n}\n",
            "which only code that never runs invokes (app/static/ui/src/App.js:4: it comes after the "
            "`return` on line 3, so it never runs)",
        ),
        (
            IMPORT + "invoke('read', { k: 'A-1' });\nfunction save(k) { return invoke('old', { k }); }\n",
            "which only code that never runs invokes (app/static/ui/src/App.js:3: it is in `save`, "
            "which nothing in its module names)",
        ),
        (
            IMPORT
            + "export const App = () => {\n  const save = async (k) => { await invoke('old', { k }); };\n"
            "  return invoke('read', { k: 'A-1' });\n};\n",
            "which only code that never runs invokes (app/static/ui/src/App.js:3: it is in `save`, "
            "which nothing in its module names)",
        ),
    ],
    ids=["if-false", "after-return", "function-nothing-names", "inner-function-nothing-names"],
)
def test_a_resolver_invoked_only_in_a_statement_that_never_runs(lint_app, app_js, why):
    text = CUSTOM_UI.format(scopes=scopes("read:jira-work", "write:jira-work"))
    (finding,) = lint_app(text, files=custom_ui(app_js), select="SC402").reported
    assert (finding.subject, finding.confidence, finding.fix) == ("write:jira-work", Confidence.MEDIUM, None)
    assert finding.message == (
        "scope `write:jira-work` is only needed in code no module reaches (it is in the resolver `old` "
        f"(app/src/index.js:5), {why})"
    )


def test_a_resolver_invoked_only_from_a_file_the_ui_kit_bundle_leaves_out(lint_app):
    text = UI_KIT.format(scopes=scopes("read:jira-work", "write:jira-work"))
    (finding,) = lint_app(text, files=ui_kit(old_imported=False), select="SC402").reported
    assert (finding.subject, finding.confidence, finding.fix) == ("write:jira-work", Confidence.MEDIUM, None)
    assert finding.message.endswith(
        "(it is in the resolver `old` (app/src/index.js:5), which only app/src/frontend/Old.jsx "
        "invokes, a file no handler or resource imports)"
    )
    text = UI_KIT.format(scopes=scopes("read:jira-work"))
    (missing,) = lint_app(text, files=ui_kit(old_imported=False), select="SC401").reported
    assert (missing.subject, missing.severity, missing.confidence) == (
        "DELETE /rest/api/3/issue/{}",
        Severity.INFO,
        Confidence.LOW,
    )
    assert "which only app/src/frontend/Old.jsx invokes" in missing.message


@pytest.mark.parametrize(
    "files",
    [
        ui_kit(old_imported=True),
        # invoked where it runs as well as where it does not
        custom_ui(IMPORT + "invoke('read', { k: 'A-1' });\nif (false) invoke('old', {});\ninvoke('old', {});\n"),
        # Custom UI: the bundler's entry is not known, so every file of the folder counts
        {**custom_ui(IMPORT + "invoke('read', { k: 'A-1' });\n"), "static/ui/src/Old.js": ui_kit(False)["src/frontend/Old.jsx"]},
        # a function its module exports, names, or that a page or `eval` may call by name
        custom_ui(IMPORT + "invoke('read', {});\nexport function save(k) { return invoke('old', { k }); }\n"),
        custom_ui(IMPORT + "const save = () => invoke('old', {});\n"
                  "export const App = () => <button onClick={save}>{invoke('read', {})}</button>;\n"),
        custom_ui("function save(k) { return bridge.invoke('old', { k }); }\nbridge.invoke('read', {});\n"),
        custom_ui(IMPORT + "function save(k) { return invoke('old', { k }); }\neval(window.code);\ninvoke('read', {});\n"),
    ],
    ids=[
        "ui-kit-imported",
        "also-live",
        "custom-ui-any-file",
        "exported",
        "named-in-jsx",
        "classic-script",
        "eval",
    ],
)  # fmt: skip
def test_a_resolver_invoked_from_code_that_may_run_is_needed(lint_app, files):
    text = (UI_KIT if "src/frontend/index.jsx" in files else CUSTOM_UI).format(
        scopes=scopes("read:jira-work", "write:jira-work")
    )
    assert lint_app(text, files=files, select="SC402").reported == ()
