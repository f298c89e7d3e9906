"""An operation that needs the product's administer permission, called as the app (review 37,
pravin-lyric/jira-forge): GET /rest/api/3/screens names manage:jira-project as its scope, but
its Connect scope is ADMIN ("Administer Jira" global permission), which Forge gives the app's
own user with manage:jira-configuration (FRGE-212). SC402 calling that scope certainly unused
let `--fix` remove it; it is unsure now. Called as the user, the user's own permission counts:
the finding stays certain."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence
from scopecheck.ecosystems.forge.catalog.endpoints import load_admin_operations

MANIFEST = """\
modules:
  scheduledTrigger:
    - key: t
      function: main
      interval: hour
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
    - manage:jira-project
    - manage:jira-configuration
"""
CODE = "import api, {{ route }} from '@forge/api';\nexport const run = () => api.{who}().requestJira(route`{path}`);\n"


@pytest.mark.parametrize(
    ("who", "path", "confidence"),
    [
        ("asApp", "/rest/api/3/screens", Confidence.LOW),
        ("asUser", "/rest/api/3/screens", Confidence.HIGH),
        ("asApp", "/rest/api/3/project/search", Confidence.HIGH),  # READ: no administer permission
    ],
    ids=["admin-operation-as-the-app", "as-the-user", "another-operation"],
)
def test_the_configuration_scope_may_serve_the_apps_own_user(lint_app, who, path, confidence):
    report = lint_app(MANIFEST, files={"src/index.js": CODE.format(who=who, path=path)}, select="SC402")
    (finding,) = [f for f in report.reported if f.subject == "manage:jira-configuration"]
    assert finding.confidence is confidence, finding.message
    if confidence is Confidence.LOW:
        assert "GET /rest/api/3/screens needs the administer permission" in finding.message


def test_the_catalog_lists_admin_operations_whose_scope_is_another():
    jira = load_admin_operations()["jira"]["manage:jira-configuration"]
    assert ("GET", "/rest/api/3/screens") in jira
    assert ("GET", "/rest/api/3/project/search") not in jira
