"""Review 34b E (session 19): a certain SC404 on a host a package the code imports really
contacts. A package that sends with Node's `https` or the global `fetch` shows no HTTP client
in its lockfile entry, so any package the app can load that is not known to send nothing
makes the hosts of its side unsure; path aliases (`@src/shared`) are not packages.
"""

from __future__ import annotations

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

EGRESS = """\
modules:
  trigger:
    - key: t
      function: main
      events: [avi:jira:created:issue]
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - api.example.com
"""


def _sc404(tmp_path, code: str, dependencies: str) -> list:
    write_files(
        tmp_path,
        {
            "app/manifest.yml": EGRESS,
            "app/package.json": '{"dependencies": {"@forge/api": "^5", ' + dependencies + "}}",
            "app/src/index.js": code,
        },
    )
    return list(run_lint([tmp_path / "app"], cwd=tmp_path, select="SC404").reported)


@pytest.mark.parametrize(
    ("package", "code"),
    [
        ("rss-parser", "import Parser from 'rss-parser';\n"
         "export const run = () => new Parser().parseURL('https://api.example.com/feed.xml');\n"),
        ("@hapi/wreck", "import Wreck from '@hapi/wreck';\n"
         "export const run = () => Wreck.get('https://api.example.com/v1/ping');\n"),
        ("meilisearch", "const { MeiliSearch } = require('meilisearch');\n"
         "exports.run = () => new MeiliSearch({ host: process.env.HOST }).index('i').search('q');\n"),
    ],
    ids=["rss-parser", "wreck", "meilisearch"],
)  # fmt: skip
def test_a_package_not_known_to_be_quiet_may_use_a_host(tmp_path, package, code):
    """Review 34b E (09, 45, 21, ...): a package that sends with Node's `https` or the global
    `fetch` shows no HTTP client in its dependencies; the host it is given was certain SC404."""
    (unused,) = _sc404(tmp_path, code, f'"{package}": "^1"')
    assert unused.confidence is Confidence.LOW, unused.message
    assert f"maybe sent by the package `{package}`" in unused.message


@pytest.mark.parametrize(
    ("dependencies", "code"),
    [
        ('"lodash": "^4"', "import get from 'lodash/get';\nexport const run = (e) => get(e, 'a');\n"),
        ('"lucide-react": "^1"', "import { X } from 'lucide-react';\nexport const run = () => X;\n"),
        ('"lodash": "^4"', "import { helper } from '@src/shared';\nexport const run = () => helper();\n"),
    ],
    ids=["a-quiet-package", "an-icon-library", "a-path-alias-no-package-json-lists"],
)
def test_quiet_packages_and_path_aliases_leave_the_finding_certain(tmp_path, dependencies, code):
    (unused,) = _sc404(tmp_path, code, dependencies)
    assert unused.confidence is Confidence.HIGH, unused.message
