"""SC401 missing-scope: code, events, modules and remotes that need a scope not requested."""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_message_names_the_call_and_the_set_of_the_manifests_kind(lint_app):
    report = lint_app(manifest("read:jira-work"), files={"src/index.js": BACKEND}, select="SC401")
    (finding,) = report.reported
    # the manifest requests classic Jira scopes: the classic set is proposed, the granular one named
    assert finding.message == (
        "PUT /rest/api/3/issue/{}/properties/{} needs `write:jira-work` "
        "(or `write:issue.property:jira`), which app/manifest.yml does not request"
    )
    assert finding.fix is not None and finding.fix.safe
    assert finding.alternatives == (("write:jira-work",), ("write:issue.property:jira",))


def test_without_a_kind_in_the_manifest_the_smallest_set_wins(lint_app):
    report = lint_app(manifest("storage:app"), files={"src/index.js": BACKEND}, select="SC401")
    assert [f.message.split(" (or ")[0] for f in report.reported] == [
        "GET /rest/api/3/issue/{} needs `read:jira-work`",
        "PUT /rest/api/3/issue/{}/properties/{} needs `write:issue.property:jira`",
    ]


def test_granular_set_already_half_requested_is_completed(lint_app):
    code = "import api, { route } from '@forge/api';\nexport const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    report = lint_app(
        manifest("read:user:jira", "read:avatar:jira"), files={"src/me.js": code}, select="SC401"
    )
    (finding,) = report.reported
    # the manifest requests granular Jira scopes only: the granular set is completed, even
    # though the classic alternative is one scope
    assert finding.message == (
        "GET /rest/api/3/myself needs `read:application-role:jira`, `read:group:jira` "
        "(or `read:jira-user`), which app/manifest.yml does not request"
    )


SEARCH = """\
import api, { route } from '@forge/api';
export const find = (jql) => api.asUser().requestJira(route`/rest/api/3/search/jql?jql=${jql}`);
"""
SEARCH_GRANULAR = (
    "read:audit-log:jira",
    "read:avatar:jira",
    "read:field-configuration:jira",
    "read:issue-details:jira",
    "read:issue-meta:jira",
)


@pytest.mark.parametrize(
    ("scopes", "prefer", "policy", "expected"),
    [
        pytest.param(
            ("read:project:jira",), None, None, SEARCH_GRANULAR, id="granular-manifest-stays-granular"
        ),
        pytest.param(
            ("write:jira-work",), None, None, ("read:jira-work",), id="classic-manifest-stays-classic"
        ),
        pytest.param(
            ("read:project:jira", "write:jira-work"), None, None, ("read:jira-work",), id="mixed-smallest"
        ),
        pytest.param(
            ("read:page:confluence",),
            None,
            None,
            ("read:jira-work",),
            id="other-products-kind-does-not-count",
        ),
        pytest.param(("write:jira-work",), "granular", None, SEARCH_GRANULAR, id="cli-prefer-granular"),
        pytest.param(("read:project:jira",), "classic", None, ("read:jira-work",), id="cli-prefer-classic"),
        pytest.param(
            ("write:jira-work",), None, "policy:\n  prefer: granular\n", SEARCH_GRANULAR, id="policy-prefer"
        ),
        pytest.param(
            ("write:jira-work",),
            "classic",
            "policy:\n  prefer: granular\n",
            ("read:jira-work",),
            id="cli-overrides-policy",
        ),
    ],
)
def test_issue_8_proposes_the_kind_the_manifest_uses_or_the_user_prefers(
    lint_app, scopes, prefer, policy, expected
):
    """A granular migration is not undone by SC401 or its fix; `--prefer`/`prefer:` decide."""
    report = lint_app(
        manifest(*scopes), policy=policy, files={"src/find.js": SEARCH}, select="SC401", prefer=prefer
    )
    (finding,) = report.reported
    added = tuple(s for s in expected if s not in scopes)
    assert finding.alternatives[0] == expected
    assert set(finding.alternatives) == {SEARCH_GRANULAR, ("read:jira-work",)}
    assert finding.help == f"add {', '.join(f'`{s}`' for s in added)} to `permissions.scopes`"
    # the fix adds exactly that set, every scope of it
    assert finding.fix is not None
    text = manifest(*scopes)
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    assert text == manifest(*scopes, *added)


def test_issue_8_the_granular_set_is_never_cut_off(lint_app):
    report = lint_app(manifest("read:project:jira"), files={"src/find.js": SEARCH}, select="SC401")
    (finding,) = report.reported
    assert finding.message == (
        "GET /rest/api/3/search/jql needs "
        + ", ".join(f"`{s}`" for s in SEARCH_GRANULAR)
        + " (or `read:jira-work`), which app/manifest.yml does not request"
    )
    assert "more" not in finding.message and "more" not in (finding.fix.description if finding.fix else "")


def test_issue_8_json_lists_every_alternative_in_full(tmp_path):
    from conftest import run_lint, write_app
    from scopecheck.reporters import RenderOptions
    from scopecheck.reporters.json import render

    app = write_app(tmp_path, manifest("write:jira-work"), files={"src/find.js": SEARCH})
    report = run_lint([app], cwd=tmp_path, select="SC401")
    [finding] = json.loads(render(report, RenderOptions()))["findings"]
    assert finding["alternatives"] == [["read:jira-work"], list(SEARCH_GRANULAR)]


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


DEPLOY_KEY = """\
import api, { route } from '@forge/api';

export const add = (w, r, body) =>
  api.asApp().requestBitbucket(route`/2.0/repositories/${w}/${r}/deploy-keys`, { method: 'POST', body });
"""


def test_scopes_outside_forge_are_named_without_a_fix(lint_app):
    """Bitbucket's spec asks for `write:ssh-key:bitbucket`, which Forge does not offer."""
    report = lint_app(manifest("storage:app"), files={"src/keys.js": DEPLOY_KEY}, select="SC401")
    assert positions(report) == [("keys.js", 4, 3, "SC401")]
    (finding,) = report.reported
    assert finding.message == (
        "POST /2.0/repositories/{}/{}/deploy-keys needs `admin:repository:bitbucket`, "
        "`write:ssh-key:bitbucket`, which app/manifest.yml does not request; `write:ssh-key:bitbucket` "
        "is not a Forge scope: the app cannot request it (forge lint still reports the call)"
    )
    assert finding.fix is None
    assert "permissions.scopes" not in finding.help


def test_only_forge_scopes_are_checked_normally(lint_app):
    """An operation with a Forge scope set keeps the usual message and fix."""
    code = "import api, { route } from '@forge/api';\nexport const l = (w, r) => api.asApp().requestBitbucket(route`/2.0/repositories/${w}/${r}/pullrequests`);\n"
    report = lint_app(manifest("storage:app"), files={"src/pr.js": code}, select="SC401")
    (finding,) = report.reported
    assert "not a Forge scope" not in finding.message
    assert finding.fix is not None


ROVO = (
    "  rovo:agentConnector:\n    - key: helper\n      name: Helper\n      productContexts:\n"
    "        - jira\n        - confluence\n        - bitbucket\n"
)


def test_rovo_agent_product_contexts_need_scopes(lint_app):
    report = lint_app(manifest("storage:app", extra=ROVO), select="SC401")
    # `bitbucket` has no scopes in Forge's mapping: nothing to report
    assert positions(report) == [("manifest.yml", 9, 11, "SC401"), ("manifest.yml", 10, 11, "SC401")]
    jira, confluence = report.reported
    assert jira.message.startswith("Rovo agent helper (product context jira) needs `read:jira-work`")
    assert "`read:confluence-content.all`" in confluence.message
    assert jira.fix is not None
    covered = lint_app(manifest("read:jira-work", "read:confluence-content.all", extra=ROVO), select="SC401")
    assert positions(covered) == []


def test_product_contexts_of_other_modules_need_nothing(lint_app):
    other = ROVO.replace("rovo:agentConnector", "rovo:agent")
    assert positions(lint_app(manifest("storage:app", extra=other), select="SC401")) == []


TOKEN_REMOTE = (
    "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n"
    "    auth:\n      appSystemToken:\n        enabled: true\n"
)
TOKEN_ENDPOINT = "  endpoint:\n    - key: ep\n      remote: backend\n      auth:\n        appUserToken:\n          enabled: true\n"


def test_endpoint_module_with_app_user_token_needs_the_token_scope(lint_app):
    remote = "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n"
    report = lint_app(manifest("storage:app", extra=TOKEN_ENDPOINT) + remote, select="SC401")
    assert positions(report) == [("manifest.yml", 6, 12, "SC401")]
    assert report.reported[0].message.startswith("endpoint ep (appUserToken) needs `read:app-user-token`")


def test_app_token_with_only_token_scopes(lint_app):
    """forge lint: "Missing app scopes": the token would reach no API."""
    report = lint_app(manifest("read:app-system-token") + TOKEN_REMOTE, select="SC401")
    assert positions(report) == [("manifest.yml", 9, 10, "SC401")]
    (finding,) = report.reported
    assert finding.message.startswith(
        "remote `backend` enables an app token, but app/manifest.yml requests no scope besides "
        "`read:app-system-token`/`read:app-user-token`"
    )
    assert finding.subject == "remote backend: missing app scopes"
    # an endpoint module too, with its own token scope missing as well
    both = lint_app(
        manifest("read:app-system-token", "read:app-user-token", extra=TOKEN_ENDPOINT) + TOKEN_REMOTE,
        select="SC401",
    )
    assert sorted(f.subject for f in both.reported) == [
        "endpoint ep: missing app scopes",
        "remote backend: missing app scopes",
    ]
    # any other scope, even storage:app, gives the token something to do
    assert (
        positions(lint_app(manifest("read:app-system-token", "storage:app") + TOKEN_REMOTE, select="SC401"))
        == []
    )


def _scopecheck(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


@pytest.mark.parametrize(
    ("flags", "added"),
    [
        pytest.param((), SEARCH_GRANULAR, id="keeps-the-granular-migration"),
        pytest.param(("--prefer", "classic"), ("read:jira-work",), id="prefer-classic"),
    ],
)
def test_issue_8_fix_adds_the_set_of_the_manifests_kind(tmp_path, flags, added):
    from conftest import write_app

    app = write_app(tmp_path, manifest("read:project:jira"), files={"src/find.js": SEARCH})
    result = _scopecheck("lint", "app", "--fix", "--select", "SC401", *flags, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (app / "manifest.yml").read_text() == manifest("read:project:jira", *added)


def test_prefer_takes_only_the_two_kinds(tmp_path):
    result = _scopecheck("lint", ".", "--prefer", "narrow", cwd=tmp_path)
    assert result.returncode == 2
    assert "narrow" in result.stderr and "Traceback" not in result.stderr


def test_policy_prefer_of_another_value_is_sc002_and_keeps_the_manifests_kind(lint_app):
    report = lint_app(
        manifest("read:project:jira"), policy="policy:\n  prefer: narrow\n", files={"src/find.js": SEARCH}
    )
    assert [(f.rule_id, f.span.line) for f in report.reported if f.rule_id == "SC002"] == [("SC002", 2)]
    [finding] = [f for f in report.reported if f.rule_id == "SC401"]
    assert finding.alternatives[0] == SEARCH_GRANULAR


# ------------------------------------------------- confident only when the spec is sure (issue 9.9)

UNSURE_SPEC = """\
import api, { route } from '@forge/api';

export async function run(fieldId, sprintId, options) {
  await api.asApp().requestJira(route`/rest/api/3/app/field/${fieldId}/value`, { method: 'PUT', body: '{}' });
  await api.asApp().requestJira(route`/rest/agile/1.0/sprint/${sprintId}`);
  await api.asApp().requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body: '{}' });
  await api.asApp().requestConfluence(route`/wiki/api/v2/footer-comments`, options);
}
"""


def _sc401(report):
    return {f.span.line: f for f in report.reported if f.rule_id == "SC401"}


def test_a_scope_the_spec_calls_optional_or_a_method_not_known_is_unsure(lint_app):
    from scopecheck.core.findings import Confidence

    report = lint_app(manifest("read:jira-work"), files={"src/index.js": UNSURE_SPEC}, select="SC401")
    found = _sc401(report)
    # PUT app field value: Current requires no scope, Beta write:app-data:jira is optional
    assert found[4].confidence is Confidence.LOW
    assert "unsure: the spec requires no scope for this operation yet" in found[4].message
    assert found[4].fix is not None and not found[4].fix.safe
    # Jira Software: the 2024 spec lists only granular scopes; read:jira-work may serve it
    assert found[5].confidence is Confidence.LOW
    assert "classic Jira scope may serve it too" in found[5].message
    # permissions/check: the description's notice adds Classic read:jira-work, requested here
    assert 6 not in found
    # the method comes from a variable: checked as GET, unsure
    assert found[7].confidence is Confidence.LOW
    assert "the method is only known at run time" in found[7].message


METHOD_FROM_THE_PAYLOAD = """\
import api, { route } from '@forge/api';

export async function run(event) {
  const method = event.method;
  await api.asApp().requestJira(route`/rest/api/3/issue`, { method, body: '{}' });
  await api.asApp().requestJira(route`/rest/api/3/issue/${event.key}`, { method, body: '{}' });
  await api.asApp().requestJira(route`/rest/api/3/no/such/endpoint`, { method });
}
"""


def test_a_method_not_known_on_a_path_without_get_is_checked_as_the_methods_it_has(lint_app):
    from scopecheck.core.findings import Confidence

    report = lint_app(
        manifest("storage:app"), files={"src/index.js": METHOD_FROM_THE_PAYLOAD}, select="SC401"
    )
    found = _sc401(report)
    # `/rest/api/3/issue` has only POST (create issue): any other method fails
    assert found[5].confidence is Confidence.LOW
    assert "POST /rest/api/3/issue (method not known; the path has no GET)" in found[5].message
    assert ("write:jira-work",) in found[5].alternatives
    assert "so it is taken to be POST" in found[5].message
    # a path with a GET is still checked as GET, as forge lint does
    assert "checked as GET" in found[6].message and ("read:jira-work",) in found[6].alternatives
    assert 7 not in found  # no spec lists it: no operation to check


def test_the_deprecation_notice_scopes_are_required_when_nothing_serves_the_call(lint_app):
    from scopecheck.core.findings import Confidence

    report = lint_app(manifest("storage:app"), files={"src/index.js": UNSURE_SPEC}, select="SC401")
    check = _sc401(report)[6]
    assert check.confidence is Confidence.HIGH and check.fix is not None and check.fix.safe
    assert set(check.alternatives) == {("read:jira-work",), ("read:permission:jira",)}


def test_unsure_missing_scopes_are_not_added_by_fix(tmp_path):
    from conftest import write_app

    app = write_app(tmp_path, manifest("read:jira-work"), files={"src/index.js": UNSURE_SPEC})
    before = (app / "manifest.yml").read_text()
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "app", "--fix", "--select", "SC401"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert (app / "manifest.yml").read_text() == before


PROJECT_PROPERTIES = """\
import { properties } from '@forge/api';

export async function run(key) {
  await properties.onJiraProject(key).set('settings', {});
}
"""


def test_entity_properties_need_the_scopes_of_the_requests_they_send(lint_app):
    """A real app (6kites/jsm-autoresponder) got a confident SC402 for manage:jira-project,
    which its `properties.onJiraProject(key).set` call needs: --fix would have broken it."""
    used = lint_app(manifest("manage:jira-project"), files={"src/index.js": PROJECT_PROPERTIES})
    assert not [f for f in used.reported if f.rule_id in ("SC401", "SC402")]
    missing = lint_app(manifest("storage:app"), files={"src/index.js": PROJECT_PROPERTIES}, select="SC401")
    (finding,) = missing.reported
    assert finding.span.line == 4
    assert set(finding.alternatives) == {("manage:jira-project",), ("write:project.property:jira",)}


DEVOPS = """\
import api, { route } from '@forge/api';

export async function run(body) {
  await api.asApp().requestJira(route`/rest/builds/0.1/bulk`, { method: 'POST', body });
  await api.asApp().requestJira(route`/rest/builds/0.1/bulkByProperties?cloudId=1`, { method: 'DELETE' });
}
"""


def test_devops_operations_have_scopes_and_an_inferred_one_is_unsure(lint_app):
    """issue 9.2: the bundled spec gives DevOps operations no scope; jira-devops-scopes.json
    does (the submit operation's from the docs, the others inferred)."""
    from scopecheck.core.findings import Confidence

    report = lint_app(manifest("storage:app"), files={"src/index.js": DEVOPS})
    found = {f.span.line: f for f in report.reported if f.rule_id == "SC401"}
    assert found[4].alternatives == (("write:build-info:jira",),)
    assert found[4].confidence is Confidence.HIGH
    assert found[5].alternatives == (("delete:build-info:jira",),)
    assert found[5].confidence is Confidence.LOW and "inferred from its Connect scope" in found[5].message


def test_a_call_with_an_inferred_scope_keeps_other_unused_scopes_unsure(lint_app):
    from scopecheck.core.findings import Confidence

    """The inferred DELETE may need another build scope, never a Jira platform one."""
    scopes = ("write:build-info:jira", "read:build-info:jira", "read:jira-work")
    report = lint_app(manifest(*scopes), files={"src/index.js": DEVOPS}, select="SC402")
    found = {f.subject: f for f in report.reported}
    assert sorted(found) == ["read:build-info:jira", "read:jira-work"]
    assert found["read:jira-work"].confidence is Confidence.HIGH
    unused = found["read:build-info:jira"]
    assert unused.confidence is not Confidence.HIGH
    assert (
        "app/src/index.js:5: DELETE /rest/builds/0.1/bulkByProperties: its scope is inferred"
        in unused.message
    )


ROVO_ACTION = """\
modules:
  action:
    - key: summarise
      name: Summarise
      function: main
      actionVerb: GET
      description: Summarise an issue
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
{scopes}"""


def test_rovo_actions_use_read_chat_rovo_but_do_not_break_without_it(lint_app):
    """Customer-created agents need read:chat:rovo to use an app's actions; the app's own
    agent does not: so it is used when requested, and its absence is an unsure SC401."""
    from scopecheck.core.findings import Confidence

    code = {"src/index.js": "export const run = () => 1;\n"}
    without = lint_app(ROVO_ACTION.format(scopes="    - storage:app\n"), files=code, select="SC401")
    (finding,) = without.reported
    assert finding.alternatives == (("read:chat:rovo",),)
    assert finding.confidence is Confidence.LOW
    assert "only agents customers create need it" in finding.message
    assert finding.fix is not None and not finding.fix.safe
    with_scope = lint_app(
        ROVO_ACTION.format(scopes="    - read:chat:rovo\n"), files=code, select="SC401,SC402"
    )
    assert not with_scope.reported


DATA_PROVIDER = """\
modules:
  compass:dataProvider:
    - key: provider
      function: main
      callback:
        function: main
      linkTypes:
        - other-link
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
{scopes}"""


def test_a_compass_data_provider_uses_the_scopes_its_page_names_unsure_until_its_code_is_read(lint_app):
    from scopecheck.core.findings import Confidence

    code = {"src/index.js": "export const run = () => 1;\n"}
    bare = lint_app(DATA_PROVIDER.format(scopes="    - storage:app\n"), files=code, select="SC401")
    assert sorted(f.alternatives for f in bare.reported) == [
        (("write:component:compass", "write:event:compass"),),
        (("write:metric:compass",),),
    ]
    assert all(f.confidence is Confidence.LOW for f in bare.reported)
    assert all("not traced yet" in f.message for f in bare.reported)
    scopes = "".join(
        f"    - {s}\n" for s in ("write:component:compass", "write:event:compass", "write:metric:compass")
    )
    full = lint_app(DATA_PROVIDER.format(scopes=scopes), files=code, select="SC401,SC402")
    assert not full.reported


def test_a_deprecated_confluence_v1_operation_is_known_and_unsure(lint_app):
    """issue 9.4: GET /wiki/rest/api/content/{id} is in no current spec, only in the older full
    v1 copy (deprecated): its scopes are known, but whether it still answers is not."""
    from scopecheck.core.findings import Confidence

    code = {
        "src/index.js": (
            "import api, { route } from '@forge/api';\n"
            "export const run = (id) => api.asApp().requestConfluence(route`/wiki/rest/api/content/${id}`);\n"
        )
    }
    missing = lint_app(manifest("storage:app"), files=code, select="SC401")
    (finding,) = missing.reported
    assert set(finding.alternatives) == {
        ("read:confluence-content.summary",),
        ("read:content-details:confluence",),
    }
    assert finding.confidence is Confidence.LOW and "deprecated Confluence v1 operation" in finding.message
    served = lint_app(manifest("read:confluence-content.summary"), files=code, select="SC401,SC402")
    assert not served.reported


def test_a_piece_outside_route_is_checked_as_one_segment_unsure(lint_app):
    from scopecheck.core.findings import Confidence

    code = "import api from '@forge/api';\nexport const run = (k) => api.asApp().requestJira(`/rest/api/3/issue/${k}`);\n"
    report = lint_app(manifest(), files={"src/index.js": code}, select="SC401")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW and finding.fix is not None and not finding.fix.safe
    assert "GET /rest/api/3/issue/{} (reading each `{*}` as one segment)" in finding.subject + finding.message
