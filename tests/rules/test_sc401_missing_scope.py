"""SC401 missing-scope: code, events, modules and remotes that need a scope not requested."""

from __future__ import annotations

import pytest

from conftest import positions

BACKEND = """\
import api, { route } from '@forge/api';

export async function run(key) {
  const issue = await api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
  await api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`, { method: 'PUT', body: '{}' });
  return issue;
}
"""


def manifest(*scopes: str, extra: str = "") -> str:
    lines = "".join(f"    - {s}\n" for s in scopes)
    return f"modules:\n  function:\n    - key: main\n      handler: index.run\n{extra}permissions:\n  scopes:\n{lines}"


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        ((), [("index.js", 4, 23, "SC401"), ("index.js", 5, 9, "SC401")]),
        (("read:jira-work",), [("index.js", 5, 9, "SC401")]),
        (("read:jira-work", "write:issue.property:jira"), []),
        (("read:jira-work", "write:jira-work"), []),
    ],
)
def test_calls_in_code(lint_app, scopes, expected):
    report = lint_app(manifest(*scopes), files={"src/index.js": BACKEND}, select="SC401")
    assert positions(report) == expected


def test_message_names_the_call_and_the_smallest_set(lint_app):
    report = lint_app(manifest("read:jira-work"), files={"src/index.js": BACKEND}, select="SC401")
    (finding,) = report.reported
    assert finding.message == (
        "PUT /rest/api/3/issue/{}/properties/{} needs `write:issue.property:jira` "
        "(or `write:jira-work`), which app/manifest.yml does not request"
    )
    assert finding.fix is not None and finding.fix.safe


def test_granular_set_already_half_requested_is_completed(lint_app):
    code = "import api, { route } from '@forge/api';\nexport const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    report = lint_app(
        manifest("read:user:jira", "read:avatar:jira"), files={"src/me.js": code}, select="SC401"
    )
    (finding,) = report.reported
    # two granular scopes are missing, the classic alternative is one scope: the smaller set wins
    assert finding.message.startswith("GET /rest/api/3/myself needs `read:jira-user` (or ")


def test_trigger_events_need_scopes_without_any_code(lint_app):
    events = "  trigger:\n    - key: on-create\n      function: main\n      events:\n        - avi:jira:created:issue\n"
    report = lint_app(manifest("storage:app").replace("modules:\n", "modules:\n" + events), select="SC401")
    assert positions(report) == [("manifest.yml", 6, 11, "SC401")]
    assert report.reported[0].message.startswith("event avi:jira:created:issue needs `read:jira-work`")
    covered = lint_app(
        manifest("read:jira-work").replace("modules:\n", "modules:\n" + events), select="SC401"
    )
    assert positions(covered) == []


def test_remote_with_app_system_token_needs_the_token_scope(lint_app):
    remotes = (
        "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n"
        "    auth:\n      appSystemToken:\n        enabled: true\n"
    )
    report = lint_app(manifest("storage:app") + remotes, select="SC401")
    assert positions(report) == [("manifest.yml", 9, 10, "SC401")]
    assert "read:app-system-token" in report.reported[0].message


def test_bridge_calls_in_custom_ui(lint_app):
    code = "import { requestConfluence } from '@forge/bridge';\nrequestConfluence('/wiki/api/v2/pages/12');\n"
    report = lint_app(manifest("storage:app"), files={"static/app/src/App.js": code}, select="SC401")
    assert positions(report) == [("App.js", 2, 1, "SC401")]
    assert "read:page:confluence" in report.reported[0].message


def test_helper_indirection_points_at_the_caller(lint_app):
    files = {
        "src/jira.js": "import api from '@forge/api';\nexport function jira(path, opts) {\n  return api.asApp().requestJira(path, opts);\n}\n",
        "src/index.js": "import { route } from '@forge/api';\nimport { jira } from './jira';\nexport const run = () => jira(route`/rest/api/3/myself`);\n",
    }
    report = lint_app(manifest("storage:app"), files=files, select="SC401")
    assert positions(report) == [("index.js", 3, 26, "SC401")]
    finding = report.reported[0]
    assert finding.related[0].span.path == "app/src/jira.js"
