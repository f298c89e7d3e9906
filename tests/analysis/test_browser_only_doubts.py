"""A front end's own file that imports a file the repository lacks leaves unknown only what a
browser can do: @forge/bridge and @forge/react reach product APIs (so their scopes stay
unsure), never `requestAtlassian('/me')` or `privacy.reportPersonalData`, which only
@forge/api on Forge's servers can call (so `read:me` can still be certainly unused)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  jira:globalPage:
    - key: page
      resource: ui
      resolver:
        function: resolver
      title: Page
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: ui
    path: static/ui/build
permissions:
  scopes:
    - read:me
    - read:jira-work
"""
RESOLVER = (
    "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\n"
    "resolver.define('ping', () => 'pong');\nexport const handler = resolver.getDefinitions();\n"
)
FRONT_END = (
    "import { invoke } from '@forge/bridge';\nimport { Chart } from './chart/Generated';\n"
    "export const App = () => [invoke('ping'), Chart];\n"
)
UI_PACKAGE = '{"name": "ui", "dependencies": {"@forge/bridge": "^4", "react": "^18"}}'


def _lint(tmp_path: Path, files: dict[str, str]) -> dict[str, Confidence]:
    base = {
        "app/manifest.yml": MANIFEST,
        "app/package.json": '{"dependencies": {"@forge/api": "^5", "@forge/resolver": "^1"}}',
        "app/src/index.js": RESOLVER,
        "app/static/ui/package.json": UI_PACKAGE,
        "app/static/ui/src/App.js": FRONT_END,
    }
    write_files(tmp_path, {**base, **files})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f.confidence for f in report.reported}


def test_a_missing_front_end_file_leaves_server_only_scopes_certain(tmp_path):
    found = _lint(tmp_path, {})
    assert found["read:me"] is Confidence.HIGH
    assert found["read:jira-work"] is Confidence.LOW  # the missing file may call requestJira


def test_an_alias_in_front_end_code_loads_only_into_the_browser(tmp_path):
    aliased = FRONT_END + "import Select from 'react-select/creatable';\n"
    found = _lint(tmp_path, {"app/static/ui/src/App.js": aliased})
    assert found["read:me"] is Confidence.HIGH


@pytest.mark.parametrize(
    "files",
    [
        # the back end imports the front end's file: the missing file may run on the server
        {
            "app/src/index.js": RESOLVER
            + "import { App } from '../static/ui/src/App';\nexport const a = App;\n"
        },
        # the back end loads a module named at run time: it may be the front end's file
        {
            "app/src/index.js": RESOLVER
            + "export const load = (name) => require('../static/ui/src/' + name);\n"
        },
        # the back end imports a package no package.json lists (an alias may name any file)
        {"app/src/index.js": RESOLVER + "import { App } from 'ui-shared/App';\nexport const a = App;\n"},
        # the back end's own missing file
        {"app/src/index.js": RESOLVER + "import { me } from './generated/me';\nexport const a = me;\n"},
    ],
    ids=["imported-by-back-end", "run-time-require", "back-end-alias", "back-end-missing-file"],
)
def test_server_side_doubts_keep_server_only_scopes_unsure(tmp_path, files):
    found = _lint(tmp_path, files)
    assert found["read:me"] is Confidence.LOW
