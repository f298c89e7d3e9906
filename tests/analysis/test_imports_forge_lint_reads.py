"""An import forge lint requires scopes for counts only where forge lint reads it (review 38,
Kiranvki/forge-trail): it reads `src/` and the folders of UI Kit resources, not a Custom UI's
sources. `import { storage } from '@forge/api'` left unused in static/hello-world/src/App.js
(code that runs in a browser, where @forge/api's storage cannot) got a certain SC401 with a
fix that adds storage:app. Controls: the same import under src/, and a property hook's import
in a UI Kit resource's folder outside src/."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: {resource}
      {render}resolver:
        function: resolver
      title: Panel
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: main
    path: static/main/build
  - key: native
    path: ui/index.jsx
permissions:
  scopes: []
"""
RESOLVER = (
    "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\n"
    "resolver.define('ping', () => 'pong');\nexport const handler = resolver.getDefinitions();\n"
)
CUSTOM_UI = (
    "import { invoke } from '@forge/bridge';\nimport { storage } from '@forge/api'; // unused\n"
    "export default function App() { invoke('ping'); return null; }\n"
)
UI_KIT = (
    "import ForgeReconciler, { Text, useIssueProperty } from '@forge/react';\n"
    "const App = () => <Text>hi</Text>;\nForgeReconciler.render(<App />);\n"
)


def _sc401(lint_app, files: dict[str, str], native: bool = False) -> list:
    manifest = MANIFEST.format(
        resource="native" if native else "main", render="render: native\n      " if native else ""
    )
    report = lint_app(manifest, files={"src/index.js": RESOLVER, **files}, select="SC401")
    return [(f.message, f.confidence) for f in report.reported]


def test_an_unused_storage_import_in_a_custom_ui_needs_nothing(lint_app):
    assert _sc401(lint_app, {"static/main/src/App.js": CUSTOM_UI, "static/main/package.json": "{}"}) == []


@pytest.mark.parametrize(
    ("files", "native", "subject"),
    [
        ({"src/index.js": RESOLVER + "import { storage } from '@forge/api';\n"}, False, "storage:app"),
        ({"ui/index.jsx": UI_KIT}, True, "read:jira-work"),
        # back-end code outside src/ that a handler imports runs all the same (review 39)
        (
            {
                "src/index.js": RESOLVER
                + "import kv from '../lib/kv';\nexport const put = (k, v) => kv['set'](k, v);\n",
                "lib/kv.js": "import { storage } from '@forge/api';\nexport default storage;\n",
            },
            False,
            "storage:app",
        ),
    ],
    ids=["under-src", "a-ui-kit-resource-outside-src", "back-end-code-outside-src"],
)
def test_an_import_forge_lint_reads_needs_its_scopes(lint_app, files, native, subject):
    found = _sc401(lint_app, files, native)
    assert any(
        f"`{subject}`" in message and confidence is Confidence.HIGH for message, confidence in found
    ), found
