"""The Forge SDK calls that need scopes without a REST path in the app's code."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, needs

from conftest import positions
from scopecheck.core.findings import Confidence

STORAGE = (("storage:app",),)


def test_kvs_entities_queries_transactions_and_secrets(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import { kvs, WhereConditions } from '@forge/kvs';
            export const run = async () => {
              await kvs.entity('task').query().index('by-owner').where(WhereConditions.equalTo('x')).getMany();
              await kvs.transact().set('a', 1).delete('b').execute();
              await kvs.setSecret('token', 'x');
              return kvs.getSecret('token');
            };
            """
        },
    )
    assert [(line, alternatives) for _p, line, _c, _r, alternatives in needs(usage)] == [
        (3, STORAGE),
        (4, STORAGE),
        (5, STORAGE),
        (6, STORAGE),
    ]


def test_privacy_report_personal_data(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import { privacy } from '@forge/api';
            export const run = (accounts) => privacy.reportPersonalData(accounts);
            """
        },
    )
    assert needs(usage) == [
        ("app/src/index.js", 2, 34, "privacy.reportPersonalData", (("report:personal-data",),))
    ]


def test_request_atlassian_me_needs_read_me_unsure(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';
            export const me = () => api.asUser().requestAtlassian(route`/me`);
            export const other = () => api.asUser().requestAtlassian('/app/report-accounts');
            """
        },
    )
    (need,) = usage.needs
    assert (need.span.line, need.alternatives) == (2, (("read:me",),))
    assert "inferred" in need.doubt


def test_ui_kit_1_hooks(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/jira.jsx": """\
            import { useIssueProperty } from '@forge/ui-jira';
            export const Panel = () => { const [v] = useIssueProperty('k', 0); return v; };
            """,
            "src/confluence.jsx": """\
            import { useContentProperty } from '@forge/ui-confluence';
            export const Macro = () => { const [v] = useContentProperty('k', 0); return v; };
            """,
        },
    )
    found = {n.reason: n for n in usage.needs}
    assert found["useIssueProperty"].alternatives[0] == ("read:jira-work", "write:jira-work")
    assert found["useIssueProperty"].doubt == ""
    # its source is not published: the v1 property API's scopes may serve it too
    assert found["useContentProperty"].alternatives == (
        ("read:page:confluence", "write:page:confluence"),
        ("read:confluence-props", "write:confluence-props"),
        (
            "read:content-details:confluence",
            "read:content.property:confluence",
            "write:content.property:confluence",
        ),
    )
    (unknown,) = [c for c in usage.calls if c.product == "confluence"]
    assert (unknown.span.line, unknown.resolved) == (2, False)
    assert "`useContentProperty`: @forge/ui-confluence's source is not available" in (unknown.reason or "")
    assert "not available" in found["useContentProperty"].doubt


MANIFEST = "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes: []\n"


def test_a_doubtful_need_gives_an_unsure_missing_scope(lint_app) -> None:
    code = {
        "src/index.js": (
            "import api, { privacy, route } from '@forge/api';\n"
            "export const run = async (a) => {\n"
            "  await privacy.reportPersonalData(a);\n"
            "  return api.asUser().requestAtlassian(route`/me`);\n"
            "};\n"
        )
    }
    report = lint_app(MANIFEST, files=code, select="SC401")
    assert positions(report) == [("index.js", 3, 9, "SC401"), ("index.js", 4, 10, "SC401")]
    certain, unsure = report.reported
    assert certain.confidence is Confidence.HIGH and "`report:personal-data`" in certain.message
    assert unsure.confidence is Confidence.LOW and "`read:me`" in unsure.message


def test_compass_graphql_client_methods(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import graphqlGateway from '@atlassian/forge-graphql';
            const compass = graphqlGateway.compass;
            export const run = async (id) => {
              await graphqlGateway.compass.asApp().getComponent({ componentId: id });
              const client = compass.asUser();
              await client.createEvent({});
              await compass.configAsCode.asApp().someNewMethod({});
            };
            """
        },
    )
    assert [(line, reason, alternatives) for _p, line, _c, reason, alternatives in needs(usage)] == [
        (4, "compass.getComponent", (("read:component:compass",),)),
        (6, "compass.createEvent", (("write:event:compass",),)),
    ]
    (unknown,) = usage.calls  # a method the catalog does not know: a gateway call, unresolved
    assert (unknown.span.line, unknown.product) == (7, "atlassian")
    assert "compass.someNewMethod" in (unknown.reason or "")


COMPASS_MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n"
    "    - read:component:compass\n    - write:component:compass\n    - read:metric:compass\n"
)


def test_compass_scopes_are_judged(lint_app) -> None:
    code = "import g from '@atlassian/forge-graphql';\nexport const run = (id) => g.compass.asApp().getComponent({ id });\n"
    report = lint_app(COMPASS_MANIFEST, files={"src/index.js": code}, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [
        ("write:component:compass", Confidence.HIGH),
        ("read:metric:compass", Confidence.HIGH),
    ]
    graph = (
        code
        + "import api from '@forge/api';\nexport const q = (s) => api.asApp().requestGraph(s);\nq(process.env.Q);\n"
    )
    report = lint_app(COMPASS_MANIFEST, files={"src/index.js": graph}, select="SC402")
    assert {f.confidence for f in report.reported} == {Confidence.LOW}
    missing = lint_app(
        COMPASS_MANIFEST.replace("    - read:component:compass\n", ""),
        files={"src/index.js": code},
        select="SC401",
    )
    assert [f.confidence for f in missing.reported] == [Confidence.HIGH]
    assert "`read:component:compass`" in missing.reported[0].message


def test_compass_graphql_documents_sent_with_request_graph(lint_app) -> None:
    """The root fields under `compass` need their scopes (SC401); a nested selection may need
    another scope the schema data does not list, so unused Compass scopes stay unsure."""
    code = (
        "import api from '@forge/api';\n"
        "const GET = `query getComponent($id: ID!) { compass { component(id: $id) { ... on CompassComponent { name } } } }`;\n"
        "export const run = (id) => api.asApp().requestGraph(GET, { id });\n"
    )
    missing = lint_app(
        COMPASS_MANIFEST.replace("    - read:component:compass\n", ""),
        files={"src/index.js": code},
        select="SC401",
    )
    assert [f.confidence for f in missing.reported] == [Confidence.HIGH]
    assert "`read:component:compass`" in missing.reported[0].message
    report = lint_app(COMPASS_MANIFEST, files={"src/index.js": code}, select="SC402")
    assert {f.confidence for f in report.reported} == {Confidence.LOW}
    changed = code.replace("export const run", "export const other = () => GET;\nexport const run")
    report = lint_app(
        COMPASS_MANIFEST.replace("    - read:component:compass\n", ""),
        files={"src/index.js": changed},
        select="SC401",
    )
    assert list(report.reported) == []  # GET is used elsewhere too: its text is not trusted


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "query Q($id: ID!) { compass { component(id: $id) { ... on C { name } } } }",
            ("query", ["component"], True),
        ),
        (
            'mutation { compass { createComponent(cloudId: "x", input: {name: "a"}) { success } } }',
            ("mutation", ["createComponent"], True),
        ),
        (
            "# c\n{ compass { s: searchComponents(query: {}) { __typename } } }",
            ("query", ["searchComponents"], True),
        ),
        ("{ compass { scorecard(id: 1) { id } } me { user { name } } }", None),  # another root field
        ("query { compass { ...Fields } }", None),  # a fragment defined elsewhere
        ("subscription { compass { component(id: 1) { id } } }", None),
        (
            '{ compass { # a "quote\n scorecard(id: "s") { id }\n # end"\n component(id: "c") { id } } }',
            ("query", ["scorecard", "component"], True),
        ),
        ("{ compass { applicationManagedComponents } }", ("query", ["applicationManagedComponents"], False)),
    ],
)
def test_compass_fields_of_a_document(document, expected) -> None:
    from scopecheck.ecosystems.forge.code.js.graphql import compass_fields

    assert compass_fields(document) == expected


AUTHORIZE = """\
import { authorize } from '@forge/api';
export const run = async ({ context }) => {
  const auth = authorize();
  const edit = await auth.onJiraIssue(context.issueKey).canEdit();
  const checks = await authorize().onJira([{ permissions: ['BROWSE_PROJECTS'], projects: ['1'] }]);
  return edit && checks && authorize().onConfluenceContent(context.contentId).canRead();
};
"""


def test_authorize_checks_post_to_the_products_permission_check(tmp_path: Path) -> None:
    """@forge/auth: each check POSTs, as the user, to Jira's or Confluence's permission check."""
    usage = analyze(tmp_path, {"src/index.js": AUTHORIZE})
    found = sorted((c.span.line, c.product, c.method, c.path, c.as_user) for c in usage.calls)
    assert found == [
        (4, "jira", "POST", "/rest/api/3/permissions/check", True),
        (5, "jira", "POST", "/rest/api/3/permissions/check", True),
        (6, "confluence", "POST", "/wiki/rest/api/content/_/permission/check", True),  # the id as one segment
    ]


def test_authorize_makes_unused_scopes_of_its_product_certain(lint_app) -> None:
    manifest = MANIFEST.replace("  scopes: []\n", "  scopes:\n    - read:jira-work\n    - write:jira-work\n")
    code = {
        "src/index.js": "import { authorize } from '@forge/api';\n"
        "export const run = async (key) => authorize().onJiraIssue(key).canEdit();\n"
    }
    report = lint_app(manifest, files=code, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.HIGH)]


@pytest.mark.parametrize(
    "check",
    [
        "authorize().onJiraIssue(e.key)[e.perm]()",  # any check: the same POST
        "authorize().onJiraIssue(e.key)[e.write ? 'canEdit' : 'canDelete']()",
    ],
)
def test_an_authorize_check_chosen_at_run_time(lint_app, check: str) -> None:
    manifest = MANIFEST.replace("  scopes: []\n", "  scopes:\n    - read:jira-work\n")
    code = {
        "src/index.js": f"import {{ authorize }} from '@forge/api';\nexport const run = async (e) => {check};\n"
    }
    report = lint_app(manifest, files=code, select="SC401,SC402")
    assert list(report.reported) == []  # POST /rest/api/3/permissions/check needs read:jira-work


def test_a_requester_member_chosen_at_run_time_keeps_scopes_unsure(lint_app) -> None:
    manifest = MANIFEST.replace("  scopes: []\n", "  scopes:\n    - read:jira-work\n")
    code = {
        "src/index.js": "import api from '@forge/api';\nexport const run = async (e) => api.asApp()[e.fn](e.path);\n"
    }
    report = lint_app(manifest, files=code, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [("read:jira-work", Confidence.LOW)]


@pytest.mark.parametrize(
    "code",
    [
        "const checks = { jira: (k) => authorize().onJiraIssue(k) };\n"
        "export const run = async (req) => checks[req.where](req.key).canEdit();\n",
        "const list = [(k) => authorize().onJiraIssue(k)];\nexport const run = async (req) => list[req.i](req.key).canEdit();\n",
    ],
    ids=["picked from an object", "picked from an array"],
)
def test_an_authorize_checker_made_by_a_function_picked_at_run_time(lint_app, code: str) -> None:
    """The check is counted where the checker is made: how it is reached later does not matter."""
    manifest = MANIFEST.replace("  scopes: []\n", "  scopes:\n    - read:jira-work\n")
    files = {"src/index.js": "import { authorize } from '@forge/api';\n" + code}
    report = lint_app(manifest, files=files, select="SC401,SC402")
    assert list(report.reported) == []


@pytest.mark.parametrize(
    "imports_compass", [False, True], ids=["no-compass-client", "compass-client-imported"]
)
def test_a_method_named_like_a_compass_one_is_a_compass_call_only_where_the_client_is_imported(
    lint_app, imports_compass
) -> None:
    # `deleteLink` is also a Compass client method; a component's prop of that name is not one
    # unless the app imports the client at all (then a client passed around may be behind it)
    manifest = (
        "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n"
        "    - read:jira-work\n    - read:content.property:confluence\n"
    )
    code = (
        "import api, { route } from '@forge/api';\n"
        + (
            "import g from '@atlassian/forge-graphql';\nexport const c = g.compass;\n"
            if imports_compass
            else ""
        )
        + "export const Links = ({ deleteLink }) => ({ onClick: () => deleteLink('1') });\n"
        "export const views = [Links];\n"
        "export const run = () => api.asApp().requestJira(route`/rest/api/3/myself`);\n"
    )
    report = lint_app(manifest, files={"src/index.js": code}, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    expected = Confidence.LOW if imports_compass else Confidence.HIGH
    assert found.get("read:content.property:confluence") is expected, [f.message for f in report.reported]
