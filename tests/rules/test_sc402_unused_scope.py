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

export const run = (path, options) => api.asApp().requestJira(path, options);
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
        (
            ("storage:app", "read:issue.property:jira", "read:me", "read:graph:board:jira"),
            [("manifest.yml", 9, 7, "SC402")],
        ),
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


def test_unresolved_calls_make_it_unsure(lint_app):
    report = lint_app(manifest("write:jira-work"), files={"src/index.js": UNRESOLVED}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert finding.severity is Severity.INFO
    assert finding.fix is None
    assert "(unsure: 1 jira call(s) that may need it: app/src/index.js:3: path is " in finding.message
    strict = lint_app(
        manifest("write:jira-work"), files={"src/index.js": UNRESOLVED}, select="SC402", strict=True
    )
    assert strict.reported[0].confidence is Confidence.HIGH


def test_a_get_to_an_unknown_path_never_needs_a_write_scope(lint_app):
    code = "import api from '@forge/api';\nexport const run = (path) => api.asApp().requestJira(path);\n"
    report = lint_app(
        manifest("write:jira-work", "read:jira-user"), files={"src/index.js": code}, select="SC402"
    )
    found = {f.subject: f.confidence for f in report.reported}
    assert found == {"write:jira-work": Confidence.HIGH, "read:jira-user": Confidence.LOW}


def test_unresolved_calls_to_another_product_do_not_matter(lint_app):
    code = UNRESOLVED.replace("requestJira", "requestConfluence")
    report = lint_app(manifest("write:jira-work"), files={"src/index.js": code}, select="SC402")
    assert report.reported[0].confidence is Confidence.HIGH


PRIVATE = """\
import api, { route } from '@forge/api';
export const run = async (id, rest) => {
  await api.asApp().requestJira(route`/rest/greenhopper/1.0/rapidview/${id}`);
  await api.asApp().requestJira(route`/rest/api/3/issue/${id}/${rest}`, { method: 'PUT' });
};
"""


def test_a_path_in_no_spec_makes_only_its_family_unsure(lint_app):
    """A private board API may need a Jira Software or classic Jira scope, never a service
    desk or webhook one; a dynamic tail under `/issue` may need an issue scope only."""
    scopes = (
        "write:jira-work",
        "read:board-scope:jira-software",
        "read:servicedesk-request",
        "manage:jira-webhook",
    )
    report = lint_app(manifest(*scopes), files={"src/index.js": PRIVATE}, select="SC402")
    found = {f.subject: f for f in report.reported}
    assert sorted(found) == sorted(scopes)
    assert found["read:servicedesk-request"].confidence is Confidence.HIGH
    assert found["manage:jira-webhook"].confidence is Confidence.HIGH
    board = found["read:board-scope:jira-software"]
    assert board.confidence is Confidence.LOW and board.fix is None
    assert (
        "GET /rest/greenhopper/1.0/rapidview/{} is in no published spec; its scope is unknown"
        in board.message
    )
    assert "index.js:4" not in board.message  # the issue call cannot need a board scope
    write = found["write:jira-work"]
    assert write.confidence is Confidence.LOW
    assert "PUT /rest/api/3/issue/{}/{} matches no published operation" in write.message


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


def test_part_of_a_set_that_would_serve_a_missing_call_is_not_removed(lint_app):
    """`read:user:jira` alone serves nothing, but with `read:application-role:jira` it would
    serve a call nothing requested serves: the rest of the set may be what is missing, so
    removing it is no safe fix."""
    code = "import api, { route } from '@forge/api';\nexport const run = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    report = lint_app(manifest("read:user:jira"), files={"src/index.js": code}, select="SC402")
    (finding,) = report.reported
    assert (finding.subject, finding.confidence, finding.fix) == ("read:user:jira", Confidence.MEDIUM, None)
    assert (
        "it could serve GET /rest/api/3/myself at app/src/index.js:2, which no requested scope serves now, "
        "together with `read:application-role:jira`" in finding.message
    )
    assert "request the rest of that set" in finding.help


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


def test_connect_scopes_are_unused_without_a_connect_part(lint_app):
    report = lint_app(manifest("read:connect-jira", "write:connect-jira"), select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [
        ("read:connect-jira", Confidence.HIGH),
        ("write:connect-jira", Confidence.HIGH),
    ]
    assert "neither `app.connect` nor `connectModules`" in report.reported[0].message
    assert report.reported[0].fix is not None


@pytest.mark.parametrize(
    "extra",
    [
        "app:\n  id: ari:cloud:ecosystem::app/x\n  connect:\n    key: my-connect-app\n",
        "connectModules:\n  jira:adminPages:\n    - key: admin\n      url: /admin\n      name:\n        value: Admin\n",
    ],
)
def test_a_connect_part_may_use_them(lint_app, extra):
    report = lint_app(manifest("read:connect-jira") + extra, select="SC402")
    assert list(report.reported) == []


def test_custom_entities_use_the_app_storage(lint_app):
    entities = (
        "app:\n  id: ari:cloud:ecosystem::app/x\n  storage:\n    entities:\n      - name: note\n"
        "        attributes:\n          text:\n            type: string\n"
    )
    code = {"src/index.js": "export const run = () => 1;\n"}
    report = lint_app(manifest("storage:app") + entities, files=code, select="SC402")
    assert list(report.reported) == []
    report = lint_app(manifest("storage:app"), files=code, select="SC402")
    assert [f.subject for f in report.reported] == ["storage:app"]
    missing = lint_app(manifest() + entities, files=code, select="SC401")
    assert [(f.subject, f.span.line) for f in missing.reported] == [("app.storage.entities", 11)]
    assert "`storage:app`" in missing.reported[0].message


GATEWAY_CODE = {
    "me": "import api, { route } from '@forge/api';\nexport const run = () => api.asUser().requestAtlassian(route`/me`);\n",
    "graph": "import api from '@forge/api';\nexport const run = (q) => api.asUser().requestGraph(q);\n",
    "none": "export const run = () => 1;\n",
}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("none", [("read:me", Confidence.HIGH)]), ("graph", [("read:me", Confidence.LOW)]), ("me", [])],
)
def test_read_me_is_traced_through_the_gateway(lint_app, code, expected):
    report = lint_app(manifest("read:me"), files={"src/index.js": GATEWAY_CODE[code]}, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == expected
    if code == "graph":
        assert "GraphQL query, whose scopes are not traced" in report.reported[0].message


PRIVACY_CODE = {
    "report": "import { privacy } from '@forge/api';\nexport const run = (ids) => privacy.reportPersonalData(ids);\n",
    "default": "import api from '@forge/api';\nexport const run = (ids) => api.privacy.reportPersonalData(ids);\n",
    "gateway": "import api from '@forge/api';\nexport const run = (p) => api.asApp().requestAtlassian(p, { method: 'POST' });\n",
    "none": "import api, { route } from '@forge/api';\nexport const run = () => api.asApp().requestJira(route`/rest/api/3/myself`);\n",
}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("none", [("report:personal-data", Confidence.HIGH)]),
        ("gateway", [("report:personal-data", Confidence.LOW)]),
        ("report", []),
        ("default", []),
    ],
)
def test_report_personal_data_is_traced(lint_app, code, expected):
    """Only `privacy.reportPersonalData` (POST /app/report-accounts on api.atlassian.com) needs
    it; a request there scopecheck cannot pin may be that one."""
    report = lint_app(
        manifest("read:jira-user", "report:personal-data"),
        files={"src/index.js": PRIVACY_CODE[code]},
        select="SC402",
    )
    assert [(f.subject, f.confidence) for f in report.reported if f.subject != "read:jira-user"] == expected


def test_a_remote_holding_the_app_token_makes_product_scopes_unsure(lint_app):
    remote = (
        "remotes:\n  - key: backend\n    baseUrl: https://backend.example.com\n"
        "    operations: [compute]\n    auth:\n      appSystemToken:\n        enabled: true\n"
    )
    code = {"src/index.js": "export const run = () => 1;\n"}
    scopes = ("write:jira-work", "read:app-system-token")
    report = lint_app(manifest(*scopes) + remote, files=code, select="SC402")
    (finding,) = report.reported
    assert (finding.subject, finding.confidence) == ("write:jira-work", Confidence.LOW)
    assert (
        "remote `backend` receives the app's token and may call product APIs or app storage with it"
        in finding.message
    )


SPANNING = """\
import api, {{ assumeTrustedRoute }} from '@forge/api';
export const run = (e) => api.asApp().requestJira(assumeTrustedRoute(`/rest/api/3/issue/${{e.sub}}`){options});
"""


@pytest.mark.parametrize("options", [", { method: 'POST', body: '{}' }", ""])
def test_a_piece_outside_route_may_span_segments(lint_app, options):
    """`${e.sub}` may be `KEY/comment`: the call may be POST .../comment, so comment scopes
    are not certainly unused (a review found them reported as certain)."""
    scopes = ("read:jira-work", "write:jira-work", "read:comment:jira", "manage:jira-webhook")
    code = {"src/index.js": SPANNING.format(options=options)}
    report = lint_app(manifest(*scopes), files=code, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found["read:comment:jira"] is Confidence.LOW
    assert found["manage:jira-webhook"] is Confidence.HIGH  # no issue operation accepts it
    message = next(f.message for f in report.reported if f.subject == "read:comment:jira")
    assert "may hold several path segments" in message


def test_a_spanning_piece_with_one_possible_operation_is_resolved(lint_app):
    code = (
        "import api from '@forge/api';\n"
        "export const run = (k) => api.asApp().requestJira(`/rest/api/3/issue/${k}/comment`, { method: 'POST' });\n"
    )
    report = lint_app(
        manifest("write:jira-work", "read:jira-user"), files={"src/index.js": code}, select="SC402"
    )
    assert [(f.subject, f.confidence) for f in report.reported] == [("read:jira-user", Confidence.HIGH)]


@pytest.mark.parametrize(
    "code",
    [
        'import api from "@forge/api";\nexport const run = () => api.asUser().__requestAtlassian("/me");\n',
        'import api from "@forge/api";\nexport const run = () => api.__requestAtlassianAsApp("/x");\n',
        'import api from "@forge/api";\nexport const run = (q) => api.asUser().requestTeamworkGraph(q);\n',
    ],
)
def test_request_functions_not_modelled_keep_scopes_unsure(lint_app, code):
    report = lint_app(manifest("read:me", "write:jira-work"), files={"src/index.js": code}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found["read:me"] is Confidence.LOW
    if "Teamwork" not in code and "TeamworkGraph" not in code:
        assert found["write:jira-work"] is Confidence.LOW


def test_a_computed_key_may_be_the_method(lint_app):
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = (id, k) => Promise.all([\n"
        "  api.asApp().requestJira(route`/rest/api/3/issue/${id}`, { ['method']: 'PUT' }),\n"
        "  api.asApp().requestJira(route`/rest/api/3/issue/${id}`, { [k]: 'PUT' }),\n"
        "]);\n"
    )
    report = lint_app(
        manifest("read:jira-work", "write:jira-work"), files={"src/index.js": code}, select="SC402"
    )
    assert list(report.reported) == []  # the first is a PUT; the second may be one


def test_no_source_files_makes_every_unused_scope_low_confidence(lint_app):
    # the manifest names src/index.js, but the folder has none: the code may be built elsewhere
    report = lint_app(manifest("read:jira-work", "write:jira-work"), select="SC402")
    assert positions(report) == [("manifest.yml", 7, 7, "SC402"), ("manifest.yml", 8, 7, "SC402")]
    for finding in report.reported:
        assert finding.confidence is Confidence.LOW
        assert finding.severity is Severity.INFO
        assert finding.fix is None
        assert "no source file was found next to the manifest (handler `index.run`)" in finding.message


def test_no_source_files_still_keeps_what_modules_need(lint_app):
    # a trigger on issue events needs read:jira-work even with no code to read
    text = (
        "modules:\n  trigger:\n    - key: t\n      function: main\n      events: [avi:jira:created:issue]\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
    )
    report = lint_app(text, select="SC402")
    assert [f.subject for f in report.reported] == ["write:jira-work"]


def test_a_manifest_that_names_no_code_gets_no_finding(lint_app):
    report = lint_app("permissions:\n  scopes:\n    - write:jira-work\n", select="SC402")
    assert list(report.reported) == []


def test_a_path_that_is_only_a_value_says_so(lint_app):
    """`route\\`${url}\\`` with `url` unknown: not "in no published spec" (no path is known)."""
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (url) => api.asApp().requestJira(route`${url}`, { method: 'POST' });\n"
    )
    report = lint_app(manifest("write:jira-work"), files={"src/index.js": code}, select="SC402")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW
    assert "POST {}: the path starts with a `${...}` value scopecheck does not know" in finding.message
    assert "no published spec" not in finding.message
