"""SC402 unused-scope: requested scopes nothing in the code or manifest needs."""

from __future__ import annotations

import pytest

from conftest import positions
from scopecheck.core.findings import Confidence, Severity

READ_PROPERTY = """\
import api, { route, storage } from '@forge/api';

export async function run(key) {
  await storage.set('last', key);
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`);
}
"""
UNRESOLVED = """\
import api from '@forge/api';

export const run = (path) => api.asApp().requestJira(path);
"""


def manifest(*scopes: str) -> str:
    lines = "".join(f"    - {s}\n" for s in scopes)
    return (
        f"modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n{lines}"
    )


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        (("storage:app", "read:issue.property:jira"), []),
        (
            ("storage:app", "read:issue.property:jira", "write:issue.property:jira"),
            [("manifest.yml", 9, 7, "SC402")],
        ),
        (("read:issue.property:jira", "write:jira-work", "storage:app"), [("manifest.yml", 8, 7, "SC402")]),
        # scopes scopecheck cannot trace are never called unused
        (("storage:app", "read:issue.property:jira", "read:me", "read:graph:board:jira"), []),
    ],
)
def test_unused_scopes(lint_app, scopes, expected):
    report = lint_app(manifest(*scopes), files={"src/index.js": READ_PROPERTY}, select="SC402")
    assert positions(report) == expected
    for finding in report.reported:
        assert finding.confidence is Confidence.HIGH
        assert finding.severity is Severity.WARNING
        assert finding.fix is not None


def test_storage_app_is_unused_without_storage_calls(lint_app):
    code = "import api, { route } from '@forge/api';\nexport const run = () => api.asApp().requestJira(route`/rest/api/3/myself`);\n"
    report = lint_app(manifest("read:jira-user", "storage:app"), files={"src/index.js": code}, select="SC402")
    assert positions(report) == [("manifest.yml", 8, 7, "SC402")]


def test_nothing_is_reported_without_code(lint_app):
    report = lint_app(manifest("write:jira-work"), select="SC402")
    assert positions(report) == []


def test_unresolved_calls_make_it_unsure(lint_app):
    report = lint_app(manifest("write:jira-work"), files={"src/index.js": UNRESOLVED}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert finding.severity is Severity.INFO
    assert finding.fix is None
    assert "1 jira call(s) could not be resolved: app/src/index.js:3" in finding.message
    strict = lint_app(
        manifest("write:jira-work"), files={"src/index.js": UNRESOLVED}, select="SC402", strict=True
    )
    assert strict.reported[0].confidence is Confidence.HIGH


def test_unresolved_calls_to_another_product_do_not_matter(lint_app):
    code = UNRESOLVED.replace("requestJira", "requestConfluence")
    report = lint_app(manifest("write:jira-work"), files={"src/index.js": code}, select="SC402")
    assert report.reported[0].confidence is Confidence.HIGH


def test_message_says_what_it_could_serve(lint_app):
    code = "import api, { route } from '@forge/api';\nexport const run = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    report = lint_app(
        manifest("read:jira-user", "read:user:jira"), files={"src/index.js": code}, select="SC402"
    )
    (finding,) = report.reported
    assert finding.subject == "read:user:jira"
    assert (
        "it could serve GET /rest/api/3/myself together with `read:application-role:jira`" in finding.message
    )


def test_no_hint_towards_scopes_forge_does_not_offer(lint_app):
    """POST deploy-keys needs `admin:repository:bitbucket` with `write:ssh-key:bitbucket`, which
    no Forge app can request: the unused scope is not said to serve it."""
    code = (
        "import api, { route } from '@forge/api';\nexport const add = (w, r) =>\n"
        "  api.asApp().requestBitbucket(route`/2.0/repositories/${w}/${r}/deploy-keys`, { method: 'POST' });\n"
    )
    report = lint_app(manifest("admin:repository:bitbucket"), files={"src/index.js": code}, select="SC402")
    (finding,) = report.reported
    assert finding.subject == "admin:repository:bitbucket"
    assert "could serve" not in finding.message


def test_endpoint_module_token_uses_the_token_scope(lint_app):
    text = manifest("read:app-user-token", "read:jira-user").replace(
        "modules:\n",
        "modules:\n  endpoint:\n    - key: ep\n      remote: backend\n"
        "      auth:\n        appUserToken:\n          enabled: true\n",
    )
    text += "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n"
    code = "import api, { route } from '@forge/api';\nexport const run = () => api.asApp().requestJira(route`/rest/api/3/myself`);\n"
    assert positions(lint_app(text, files={"src/index.js": code}, select="SC402")) == []
