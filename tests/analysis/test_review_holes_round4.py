"""Ways to make a certain finding wrong found in session 8 (own checks and a fifth review);
each is now unsure or right. A Forge object thrown to a `catch` or yielded by a generator
reaches code the analysis does not follow. Outside strict mode, a function declared in a
block also replaces the same name in its function when the block runs (Annex B). A fetch
in a file both front-end and back-end code import may be made on either side. From the
fifth review: useIssueProperty writes the property (its granular set includes the write
scope), and a Jira Software call may be served by a classic Jira scope.
"""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

_FUNCTION = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
    "permissions:\n  scopes:\n    - read:jira-work\n"
)

#: (what the app does, (check, rule or scope), files with the manifest)
CASES = [
    (
        "client thrown and caught, then handed to a package",
        ("no_high", "SC402"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "import api from '@forge/api';\nimport helper from 'some-lib';\n"
            "export async function run() {\n"
            "  try { throw api.asApp(); } catch (client) { await helper(client); }\n}\n",
        },
    ),
    (
        "request function thrown from a helper given the client",
        ("no_high", "SC402"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "import api from '@forge/api';\nimport helper from 'some-lib';\n"
            "function fail(c) { throw c.requestJira; }\n"
            "export async function run() {\n"
            "  try { fail(api.asApp()); } catch (send) { await helper(send); }\n}\n",
        },
    ),
    (
        "client yielded by a generator",
        ("no_high", "SC402"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "import api from '@forge/api';\nimport helper from 'some-lib';\n"
            "function* clients() { yield api.asApp(); }\n"
            "export async function run() { for (const c of clients()) await helper(c); }\n",
        },
    ),
    (
        "a generator that yields a request's result: the request is still found",
        ("high", "SC401"),
        {
            "manifest.yml": _FUNCTION.replace("read:jira-work", "storage:app"),
            "src/index.js": "import api, { route } from '@forge/api';\n"
            "async function* pages() { yield await api.asApp().requestJira(route`/rest/api/3/myself`); }\n"
            "export async function run() { for await (const p of pages()) console.log(p); }\n",
        },
    ),
    (
        "sloppy CommonJS: a function declared in a block may replace the outer one",
        ("no_high", "SC402"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "const api = require('@forge/api');\nconst { route } = api;\n"
            "function path() { return route`/rest/api/3/myself`; }\n"
            "if (process.env.X) { function path() { return route`/rest/api/3/issue/A-1`; } }\n"
            "exports.run = async () => api.asApp().requestJira(path());\n",
        },
    ),
    (
        "sloppy CommonJS: a block function and no outer one",
        ("no_high", "SC402"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "const api = require('@forge/api');\nconst { route } = api;\n"
            "let path = () => route`/rest/api/3/myself`;\n"
            "exports.run = async () => { { function path() { return route`/rest/api/3/issue/A-1`; } }\n"
            "  return api.asApp().requestJira(path()); };\n",
        },
    ),
    (
        "'use strict': the block function stays in its block",
        ("high", "SC401"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "'use strict';\nconst api = require('@forge/api');\nconst { route } = api;\n"
            "function path() { return route`/rest/api/3/myself`; }\n"
            "if (process.env.X) { function path() { return route`/rest/api/3/issue/A-1`; } }\n"
            "exports.run = async () => api.asApp().requestJira(path());\n",
        },
    ),
    (
        "an ES module is strict: the block function stays in its block",
        ("high", "SC401"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "import api, { route } from '@forge/api';\n"
            "function path() { return route`/rest/api/3/myself`; }\n"
            "if (process.env.X) { function path() { return route`/rest/api/3/issue/A-1`; } }\n"
            "export const run = async () => api.asApp().requestJira(path());\n",
        },
    ),
    (
        "a fetch in a file both sides import: its client entry is not unused",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n"
            "      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\n"
            "resources:\n  - key: ui\n    path: static/ui/build\n"
            "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
            "permissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      client:\n        - https://api.rates.com\n",
            "src/index.js": "import Resolver from '@forge/resolver';\nimport { storage } from '@forge/api';\n"
            "import { format } from '../shared/rates';\nconst resolver = new Resolver();\n"
            "resolver.define('save', async ({ payload }) => storage.set('r', format(payload)));\n"
            "export const handler = resolver.getDefinitions();\n",
            "shared/rates.js": "export const format = (r) => String(r);\n"
            "export const getRates = async () => (await fetch('https://api.rates.com/latest')).json();\n",
            "static/ui/package.json": '{"name":"ui","dependencies":{"@forge/bridge":"^4","react":"^18"}}\n',
            "static/ui/src/App.jsx": "import React from 'react';\nimport { invoke } from '@forge/bridge';\n"
            "import { getRates } from '../../../shared/rates';\n"
            "export default function App() { return <button onClick={async () => invoke('save', await getRates())}>Go</button>; }\n",
        },
    ),
    (
        "a fetch in a file both sides import: a client entry is enough",
        ("no_high", "SC403"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n"
            "      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\n"
            "resources:\n  - key: ui\n    path: static/ui/build\n"
            "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
            "permissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      client:\n        - https://api.rates.com\n",
            "src/index.js": "import Resolver from '@forge/resolver';\nimport { storage } from '@forge/api';\n"
            "import { format } from '../shared/rates';\nconst resolver = new Resolver();\n"
            "resolver.define('save', async ({ payload }) => storage.set('r', format(payload)));\n"
            "export const handler = resolver.getDefinitions();\n",
            "shared/rates.js": "export const format = (r) => String(r);\n"
            "export const getRates = async () => (await fetch('https://api.rates.com/latest')).json();\n",
            "static/ui/package.json": '{"name":"ui","dependencies":{"@forge/bridge":"^4","react":"^18"}}\n',
            "static/ui/src/App.jsx": "import React from 'react';\nimport { invoke } from '@forge/bridge';\n"
            "import { getRates } from '../../../shared/rates';\n"
            "export default function App() { return <button onClick={async () => invoke('save', await getRates())}>Go</button>; }\n",
        },
    ),
    (
        "a fetch in a file both sides import, declared nowhere: still missing",
        ("high", "SC403"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n"
            "      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\n"
            "resources:\n  - key: ui\n    path: static/ui/build\n"
            "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
            "permissions:\n  scopes:\n    - storage:app\n",
            "src/index.js": "import Resolver from '@forge/resolver';\nimport { storage } from '@forge/api';\n"
            "import { format } from '../shared/rates';\nconst resolver = new Resolver();\n"
            "resolver.define('save', async ({ payload }) => storage.set('r', format(payload)));\n"
            "export const handler = resolver.getDefinitions();\n",
            "shared/rates.js": "export const format = (r) => String(r);\n"
            "export const getRates = async () => (await fetch('https://api.rates.com/latest')).json();\n",
            "static/ui/package.json": '{"name":"ui","dependencies":{"@forge/bridge":"^4","react":"^18"}}\n',
            "static/ui/src/App.jsx": "import React from 'react';\nimport { invoke } from '@forge/bridge';\n"
            "import { getRates } from '../../../shared/rates';\n"
            "export default function App() { return <button onClick={async () => invoke('save', await getRates())}>Go</button>; }\n",
        },
    ),
    (
        "useIssueProperty with granular scopes: the write scope is used",
        ("no_high_subject", "write:issue.property:jira"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: p\n      title: P\n      resource: main\n"
            "      render: native\nresources:\n  - key: main\n    path: src/frontend/index.jsx\n"
            "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
            "permissions:\n  scopes:\n    - read:issue.property:jira\n    - write:issue.property:jira\n",
            "src/frontend/index.jsx": "import React from 'react';\n"
            "import ForgeReconciler, { Button, useIssueProperty } from '@forge/react';\n"
            "const App = () => { const [c, setC] = useIssueProperty('counter', 0);\n"
            "  return <Button onClick={() => setC(c + 1)}>{c}</Button>; };\n"
            "ForgeReconciler.render(<App />);\n",
        },
    ),
    (
        "a Jira Software call with only classic scopes requested",
        ("no_high_subject", "read:jira-work"),
        {
            "manifest.yml": _FUNCTION,
            "src/index.js": "import api, { route } from '@forge/api';\n"
            "export const run = () => api.asApp().requestJira(route`/rest/agile/1.0/board`);\n",
        },
    ),
]


@pytest.mark.parametrize(("check", "files"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_no_certain_finding_is_wrong(lint_app, check, files):
    files = dict(files)
    manifest = files.pop("manifest.yml")
    report = lint_app(manifest, files=files, select="SC401,SC402,SC403,SC404")
    certain = [f for f in report.reported if f.confidence is Confidence.HIGH]
    kind, what = check
    if kind == "no_high":  # the rule has no certain finding
        assert [f.subject for f in certain if f.rule_id == what] == []
    elif kind == "no_high_subject":  # the scope the app needs is not certainly unused
        assert [f.rule_id for f in certain if f.subject == what] == []
    else:  # the finding is right and stays certain
        assert any(f.rule_id == what for f in certain), [(f.rule_id, f.message) for f in report.reported]
