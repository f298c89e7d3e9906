"""Ways a review found to make a certain finding wrong; each must now be unsure."""

from __future__ import annotations

import json

import pytest

from scopecheck.core.findings import Confidence, Severity

FUNCTION = "modules:\n  function:\n    - key: main\n      handler: index.run\n"


def scopes(*names: str) -> str:
    return FUNCTION + "permissions:\n  scopes:\n" + "".join(f"    - {n}\n" for n in names)


def confidences(report) -> dict[str, Confidence]:
    return {f.subject: f.confidence for f in report.reported}


@pytest.mark.parametrize(
    "code",
    [
        # a client passed to a helper, and one kept on `this`
        "import g from '@atlassian/forge-graphql';\nconst save = (cl, id) => cl.updateComponent({ id });\n"
        "export const run = (id) => save(g.compass.asApp(), id);\n",
        "import g from '@atlassian/forge-graphql';\nclass S { constructor() { this.api = g.compass.asApp(); }\n"
        "  save(id) { return this.api.updateComponent({ id }); } }\nexport const run = (id) => new S().save(id);\n",
        # a subpath of the package
        "const g = require('@atlassian/forge-graphql/dist/index');\n"
        "export const run = (id) => g.compass.asApp().updateComponent({ id });\n",
    ],
)
def test_compass_client_calls_the_analysis_does_not_pin(lint_app, code):
    report = lint_app(
        scopes("read:component:compass", "write:component:compass"),
        files={"src/index.js": code},
        select="SC402",
    )
    assert confidences(report).get("write:component:compass") is not Confidence.HIGH


@pytest.mark.parametrize(
    "change",
    [
        "o.method = 'DELETE';",
        "Object.assign(o, { method: 'DELETE' });",
        "o['method'] = 'DELETE';",
        "Reflect.set(o, 'method', 'DELETE');",
        # a function of the app's own that is given the options may change them
        "asDelete(k, o);",
        "requestPrep(k, o);",  # even one named like a request function
    ],
)
def test_options_changed_after_they_are_made(lint_app, change):
    code = (
        "import api, { route } from '@forge/api';\n"
        "const asDelete = (k, options) => { options.method = 'DELETE'; };\n"
        "function requestPrep(k, options) { options['method'] = 'DELETE'; }\n"
        f"export const run = (k) => {{ const o = {{ headers: {{}} }}; {change}\n"
        "  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, o); };\n"
    )
    report = lint_app(
        scopes("read:jira-work", "write:jira-work"), files={"src/index.js": code}, select="SC402"
    )
    assert confidences(report).get("write:jira-work") is not Confidence.HIGH


@pytest.mark.parametrize(
    "line",
    [
        "const ws = new WebSocket(url);",
        "const x = new XMLHttpRequest(); x.open('GET', url);",
        "navigator.sendBeacon(url, data);",
        "const es = new EventSource(url);",
        # review 36, app 44: the Cache API fetches what `add`/`addAll` are given
        "caches.open('help').then((cache) => cache.addAll([url]));",
    ],
)
def test_other_browser_request_apis_make_client_hosts_unsure(lint_app, line):
    manifest = (
        "modules:\n  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\n"
        "resources:\n  - key: ui\n    path: static/ui/build\n"
        "permissions:\n  external:\n    fetch:\n      client:\n        - https://rt.example.com\n"
    )
    code = f"export const connect = (url, data) => {{ {line} }};\n"
    report = lint_app(manifest, files={"static/ui/src/live.js": code}, select="SC404")
    (finding,) = report.reported
    assert finding.confidence is Confidence.LOW


def test_assets_in_comments_docs_and_tests_are_not_loaded(lint_app):
    manifest = (
        "modules:\n  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\n"
        "resources:\n  - key: ui\n    path: static/ui/build\npermissions: {}\n"
    )
    files = {
        "static/ui/public/index.html": '<!-- <script src="https://cdn.old.example/x.js"></script> -->\n<div></div>\n',
        "static/ui/src/a.css": "/* background: url(https://cssc.example.com/a.png); */\n.a {}\n",
        "static/ui/docs/README.html": '<script src="https://cdn.jsdelivr.net/x.js"></script>\n',
        "static/ui/src/__tests__/fixture.css": ".b { background: url(https://test.example.com/b.png); }\n",
        "src/index.js": "export const run = () => 1;\n",
    }
    report = lint_app(manifest, files=files, select="SC403")
    assert list(report.reported) == []


ALIASED = {
    "src/index.js": "import { helper } from '@lib/helper';\nexport const run = (k) => helper(k);\n",
    "src/lib/helper.js": (
        "import api, { route } from '@forge/api';\n"
        "export const helper = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}/worklog`, { method: 'POST' });\n"
    ),
    "tsconfig.json": json.dumps({"compilerOptions": {"baseUrl": ".", "paths": {"@lib/*": ["src/lib/*"]}}}),
}


def test_an_import_alias_leaves_every_file_reached(lint_app):
    report = lint_app(scopes("read:jira-work"), files=ALIASED, select="SC401")
    assert [(f.severity, f.confidence) for f in report.reported] == [(Severity.ERROR, Confidence.HIGH)]


def test_a_resource_whose_sources_are_elsewhere_leaves_every_file_reached(lint_app):
    manifest = scopes("read:jira-work").replace(
        "permissions:",
        "  jira:issuePanel:\n    - key: p\n      resource: ui\n      title: P\nresources:\n  - key: ui\n"
        "    path: dist/panel\npermissions:",
    )
    files = {
        "src/index.js": "export const run = () => 1;\n",
        "ui/src/api.js": "import { requestJira } from '@forge/bridge';\nexport const me = () => requestJira('/rest/api/3/myself');\n",
    }
    report = lint_app(manifest, files=files, select="SC401")
    assert {f.severity for f in report.reported} == {Severity.ERROR}


@pytest.mark.parametrize(
    "code",
    [
        "const o = { method: 'GET' }; o.method ||= 'DELETE';\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, o);\n",
        "const $o = { method: 'GET' }; $o.method = 'DELETE';\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, $o);\n",
        "const base = { method: 'GET' }; base.method = 'DELETE';\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { ...base });\n",
        "const o = { method: 'GET' }; const p = o // alias\np.method = 'DELETE';\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, o);\n",
        "const cfg = { opts: { method: 'GET' } }; cfg.opts.method = 'DELETE';\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, cfg.opts);\n",
        "function del(x) { x.method = 'DELETE'; }\nconst o = { method: 'GET' }; del(o);\nexport const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, o);\n",
    ],
)
def test_options_that_may_change_give_an_unknown_method(lint_app, code):
    code = "import api, { route } from '@forge/api';\n" + code
    report = lint_app(
        scopes("read:jira-work", "write:jira-work"), files={"src/index.js": code}, select="SC402"
    )
    assert confidences(report).get("write:jira-work") is not Confidence.HIGH


def test_a_private_const_is_trusted(lint_app):
    code = (
        "import api, { route } from '@forge/api';\nconst GET_OPTIONS = { method: 'GET' };\n"
        "export const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, GET_OPTIONS);\n"
    )
    report = lint_app(
        scopes("read:jira-work", "write:jira-work"), files={"src/index.js": code}, select="SC402"
    )
    assert confidences(report) == {"write:jira-work": Confidence.HIGH}


@pytest.mark.parametrize(
    "files",
    [
        {
            "src/index.js": "const ctx = require.context('./old', false, /\\.js$/);\nexport const run = (n) => ctx(n);\n"
        },
        {
            "src/index.js": "import { helper } from 'mylib';\nexport const run = (k) => helper(k);\n",
            "package.json": json.dumps({"dependencies": {"mylib": "file:./src/old"}}),
        },
    ],
)
def test_webpack_contexts_and_local_packages_leave_every_file_reached(lint_app, files):
    old = "import api, { route } from '@forge/api';\nexport const purge = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'DELETE' });\n"
    report = lint_app(scopes("read:jira-work"), files={**files, "src/old/index.js": old}, select="SC401")
    assert {f.severity for f in report.reported} == {Severity.ERROR}
