"""An example app that imports its repository's own package by name (review 37,
nagaraj6618/atlassian-forge-axios, examples/forge-app-demo): the package is the one a
package.json above the app is, so the app can load it, and what it sends is not read.
SC404 on the host it is handed was certain; it is unsure now. Its dependencies are its
package.json's, so one built on @forge/api makes the scopes unsure too."""

from __future__ import annotations

from conftest import run_lint, write_app
from scopecheck.core.findings import Confidence

MANIFEST = """\
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
    - write:jira-work
  external:
    fetch:
      backend:
        - https://api.github.com
"""
CODE = """\
import forgeAxios, { getIssue } from 'forge-axios';
const github = forgeAxios({ target: 'external', baseURL: 'https://api.github.com' });
export const run = async (event) => [await github.get('/users/octocat'), await getIssue(event.issue.key)];
"""


def _findings(tmp_path, package_name: str) -> dict[tuple[str, str], object]:
    (tmp_path / "package.json").write_text(
        f'{{"name": "{package_name}", "dependencies": {{"@forge/api": "^5"}}}}', encoding="utf-8"
    )
    app = write_app(tmp_path, MANIFEST, files={"src/index.js": CODE})
    report = run_lint([app], cwd=tmp_path, select="SC402,SC404")
    return {(f.rule_id, f.subject): f for f in report.reported}


def test_the_repositorys_own_package_may_send_and_call(tmp_path):
    found = _findings(tmp_path, "forge-axios")
    egress, scope = found[("SC404", "api.github.com")], found[("SC402", "write:jira-work")]
    assert egress.confidence is Confidence.LOW
    assert "sent by the package `forge-axios`" in egress.message
    assert scope.confidence is Confidence.LOW and "depends on @forge/api" in scope.message


def test_a_package_no_package_json_is_or_lists_is_taken_for_an_alias(tmp_path):
    found = _findings(tmp_path, "another-name")
    assert found[("SC404", "api.github.com")].confidence is Confidence.HIGH
