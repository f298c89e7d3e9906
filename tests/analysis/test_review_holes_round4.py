"""Ways to make a certain finding wrong found in session 8 (own checks and a fifth review);
each is now unsure or right. A Forge object thrown to a `catch` or yielded by a generator
reaches code the analysis does not follow. Outside strict mode, a function declared in a
block also replaces the same name in its function when the block runs (Annex B). A fetch
in a file both front-end and back-end code import may be made on either side. From the
fifth review: useIssueProperty writes the property (its granular set includes the write
scope), and a Jira Software call may be served by a classic Jira scope; `authorize()`,
`store`, a GraphQL query that reads Jira, request-making packages (undici, SDKs on the global
`fetch`), a UI Kit resource whose folder holds the resolver, helpers called through imports
scopecheck does not resolve, and handlers in folders the source walk skips. From review A: a Route a helper returns (put
in as it is, so it may span segments), a segment that is a literal word on one branch,
properties written by destructuring or as loop targets, and inner objects changed through an
alias or a function. From review C: hosts as the URL standard sends them (ß, %61, port
0443), strings `route` refuses (a `/` in a value), Routes reached through helpers, variables
and arrays, inline scripts of any code type and inline event handlers, and a shared file a
front end imports through an alias.
"""

from __future__ import annotations

import pytest
from tests.analysis.certain_findings import check_certain

_FUNCTION = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
    "permissions:\n  scopes:\n    - read:jira-work\n"
)


def _both_sides(external: str) -> dict[str, str]:
    """A Vite-style app whose shared/rates.js both the resolver and the Custom UI import."""
    return {
        "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n"
        "      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\n"
        "resources:\n  - key: ui\n    path: static/ui/build\n"
        "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
        "permissions:\n  scopes:\n    - storage:app\n" + external,
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
    }


_BOTH_CLIENT = _both_sides("  external:\n    fetch:\n      client:\n        - https://api.rates.com\n")
_BOTH_NOWHERE = _both_sides("")

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
        "a fetch in a file both sides import: a client entry is used and enough",
        ("no_high", "SC403,SC404"),
        _BOTH_CLIENT,
    ),
    (
        "a fetch in a file both sides import, declared nowhere: still missing",
        ("high", "SC403"),
        _BOTH_NOWHERE,
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
    (
        "authorize() checks a Confluence permission",
        ("no_high_subject", "read:confluence-content.permission"),
        {
            "manifest.yml": "modules:\n  macro:\n    - key: m\n      function: main\n      title: M\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:confluence-content.permission\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.js": "import { authorize } from '@forge/api';\nexport const run = async ({ context }) => authorize().onConfluenceContent(context.extension.content.id).canRead();\n",
        },
    ),
    (
        "store, the old name of properties",
        ("no_high_subject", "read:jira-work"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: p\n      function: main\n      title: P\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.js": "import { store } from '@forge/api';\nexport const run = async ({ context }) => store.onJiraIssue(context.extension.issue.key).get('approval');\n",
        },
    ),
    (
        "requestGraph reads Jira through the gateway",
        ("no_high_subject", "read:jira-work"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: p\n      function: main\n      title: P\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.js": "import api from '@forge/api';\nconst QUERY = `query issue($cloudId: ID!, $key: String!) {\n  jira { issueByKey(key: $key, cloudId: $cloudId) { summary: fieldsById(ids: [\"summary\"]) { edges { node { name } } } } }\n}`;\nexport const run = async ({ context }) => {\n  const res = await api.asUser().requestGraph(QUERY, { cloudId: context.cloudId, key: context.extension.issue.key });\n  return res.json();\n};\n",
        },
    ),
    (
        "undici's request()",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n\n",
            "src/index.js": "import { request } from 'undici';\nexport const run = async () => (await request('https://api.example.com/v1/items')).body.json();\n",
        },
    ),
    (
        "an SDK that calls the global fetch itself",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://generativelanguage.googleapis.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "package-lock.json": '{\n  "name": "x",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {"name": "x", "dependencies": {"@google/generative-ai": "^0.21.0", "@forge/api": "^5.0.0"}},\n    "node_modules/@google/generative-ai": {"version": "0.21.0", "resolved": "https://registry.npmjs.org/@google/generative-ai/-/generative-ai-0.21.0.tgz", "license": "Apache-2.0", "engines": {"node": ">=18.0.0"}},\n    "node_modules/@forge/api": {"version": "5.0.0", "dependencies": {"node-fetch": "2.7.0"}},\n    "node_modules/node-fetch": {"version": "2.7.0"}\n  }\n}\n',
            "package.json": '{"name":"x","dependencies":{"@google/generative-ai":"^0.21.0","@forge/api":"^5.0.0"}}\n',
            "src/index.js": "import { GoogleGenerativeAI } from '@google/generative-ai';\nconst genAI = new GoogleGenerativeAI(process.env.GEMINI_KEY);\nexport const run = async ({ prompt }) => {\n  const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });\n  const r = await model.generateContent(prompt);\n  return r.response.text();\n};\n",
        },
    ),
    (
        "a UI Kit resource at src/index.jsx beside the resolver",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      render: native\n      resolver:\n        function: resolver\n      title: P\n  function:\n    - key: resolver\n      handler: resolvers/index.handler\nresources:\n  - key: main\n    path: src/index.jsx\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.jsx": "import React, { useEffect, useState } from 'react';\nimport ForgeReconciler, { Text } from '@forge/react';\nimport { invoke } from '@forge/bridge';\nconst App = () => { const [d, setD] = useState(null); useEffect(() => { invoke('get').then(setD); }, []); return <Text>{String(d)}</Text>; };\nForgeReconciler.render(<App />);\n",
            "src/resolvers/index.js": "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\nresolver.define('get', async () => (await fetch('https://api.example.com/x')).json());\nexport const handler = resolver.getDefinitions();\n",
        },
    ),
    (
        "a helper also called through package.json imports",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "package.json": '{"name":"x","type":"module","imports":{"#lib/*":"./src/lib/*"},"dependencies":{"@forge/api":"^5.0.0"}}',
            "src/index.js": "import { read } from './read.js';\nimport { send } from '#lib/jira.js';\nexport async function run(e) { await read(e.k); await send(e.k, 'PUT'); }",
            "src/lib/jira.js": "import api, { route } from '@forge/api';\nexport function send(k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m, body: '{}' }); }\n",
            "src/read.js": "import { send } from './lib/jira.js';\nexport const read = (k) => send(k, 'GET');\n",
        },
    ),
    (
        "TypeScript export = and import x = require()",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/h.ts": "import api, { route } from '@forge/api';\nfunction send(k: string, m: string) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m, body: '{}' }); }\nconst get = (k: string) => send(k, 'GET');\nexport = { send, get };\n",
            "src/index.ts": "import h = require('./h');\nexport async function run(e: any) { await h.send(e.k, 'PUT'); }\n",
        },
    ),
    (
        "a handler in a folder named build",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n    - key: sync\n      handler: build/sync.run\n  trigger:\n    - key: t\n      function: sync\n      events:\n        - avi:jira:updated:issue\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/build/sync.js": "import api, { route } from '@forge/api';\n// records a CI build on the issue\nexport async function run(event) {\n  await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`, { method: 'PUT', body: JSON.stringify({ fields: { labels: ['built'] } }) });\n}\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run({ k }) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`); }\n",
        },
    ),
    (
        "a Route a helper returns, put in a route",
        ("no_high_subject", "read:comment:confluence"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:comment:confluence\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\n\n// a page sub-resource as a Route: route() inserts a nested Route verbatim\nconst comments = (pageId) => route`${pageId}/footer-comments`;\nexport async function run({ pageId }) {\n  const res = await api.asApp().requestConfluence(route`/wiki/api/v2/pages/${comments(pageId)}`);\n  return res.json();\n}\n",
        },
    ),
    (
        "a Route a class method returns, put in a route",
        ("no_high_subject", "read:comment:confluence"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:comment:confluence\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\n\nclass Pages { comments(id) { return route`${id}/footer-comments`; } }\nexport async function run({ pageId }) {\n  return api.asApp().requestConfluence(route`/wiki/api/v2/pages/${new Pages().comments(pageId)}`);\n}\n",
        },
    ),
    (
        "a path segment that is a literal word on one branch (?:)",
        ("no_high_subject", "search:confluence"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:confluence-content.summary\n    - search:confluence\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\n\nexport async function run({ id, cql }) {\n  return api.asApp().requestConfluence(route`/wiki/rest/api/content/${cql ? 'search' : id}?cql=${cql}`);\n}\n",
        },
    ),
    (
        "a path segment that is a literal word on one branch (let and if)",
        ("no_high_subject", "search:confluence"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:confluence-content.summary\n    - search:confluence\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\n\nexport async function run({ id, cql }) {\n  let what = id;\n  if (cql) what = 'search';\n  return api.asApp().requestConfluence(route`/wiki/rest/api/content/${what}?cql=${cql}`);\n}\n",
        },
    ),
    (
        "a property written by array destructuring",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst cfg = { method: 'GET' };\nexport async function run({k}) { [cfg.method] = ['PUT']; await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.method, body: '{}' }); }\n",
        },
    ),
    (
        "a property written by object destructuring",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst cfg = { method: 'GET' };\nexport async function run({k}) { ({ m: cfg.method } = { m: 'PUT' }); await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.method, body: '{}' }); }\n",
        },
    ),
    (
        "a property written as a for-of target",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst cfg = { method: 'GET' };\nexport async function run({k}) { for (cfg.method of ['PUT']) ;; await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.method, body: '{}' }); }\n",
        },
    ),
    (
        "an inner object passed to a function that changes it",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst cfg = { mode: { method: 'GET' } };\nfunction makeWrite(o) { o.method = 'PUT'; }\nexport async function run({k}) { makeWrite(cfg.mode); await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.mode.method, body: '{}' }); }\n",
        },
    ),
    (
        "an inner object changed through an alias",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst cfg = { mode: { method: 'GET' } };\nexport async function run({k}) { const mo = cfg.mode; mo.method = 'PUT'; await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.mode.method, body: '{}' }); }\n",
        },
    ),
    (
        "an inner object changed through a module-level alias",
        ("no_high_subject", "write:jira-work"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/cfg.js": "export const cfg = { mode: { method: 'GET' } };\nconst m = cfg.mode;\nm.method = 'PUT';\n",
            "src/index.js": "import api, { route } from '@forge/api';\nimport { cfg } from './cfg';\nexport async function run({k}) { ; await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.mode.method, body: '{}' }); }\n",
        },
    ),
    (
        "a fetch in a file no module reaches",
        ("no_high", "SC403"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport const run = async () => (await api.asApp().requestJira(route`/rest/api/3/project/search`)).json();\n",
            "src/old-slack.js": "import api, { fetch, route } from '@forge/api';\nexport const notify = async (text) => {\n  await api.asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: text });\n  return fetch('https://hooks.slack.com/services/T0/B0/X', { method: 'POST', body: JSON.stringify({ text }) });\n};\n",
        },
    ),
    (
        "a resource at dist built from the app's own src",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      resolver:\n        function: resolver\n      title: P\n  function:\n    - key: resolver\n      handler: index.handler\nresources:\n  - key: main\n    path: dist\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/frontend/index.jsx": "import React from 'react';\nimport { invoke } from '@forge/bridge';\nexport const App = () => { invoke('get'); return null; };\n",
            "src/index.js": "import Resolver from '@forge/resolver';\nimport fetch from 'node-fetch';\nconst resolver = new Resolver();\nresolver.define('get', async () => (await fetch('https://api.example.com/x')).json());\nexport const handler = resolver.getDefinitions();\n",
            "webpack.config.js": "module.exports = { entry: './src/frontend/index.jsx', output: { path: __dirname + '/dist' } };\n",
        },
    ),
    (
        "a URL with leading spaces",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('  https://a.example.com/x'); }\n",
        },
    ),
    (
        "https: with no slashes",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https:a.example.com/x'); }\n",
        },
    ),
    (
        "a backslash in an https URL",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https://a.example.com\\\\x'); }\n",
        },
    ),
    (
        "an internationalised host declared in punycode",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - https://xn--bcher-kva.example\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https://bücher.example/x'); }\n",
        },
    ),
    (
        "a fetch in an inline script of a Custom UI page",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\nresources:\n  - key: main\n    path: static/app\npermissions:\n  content:\n    scripts:\n      - unsafe-inline\n  external:\n    fetch:\n      client:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "static/app/index.html": "<!doctype html>\n<html><body><div id=\"out\"></div>\n<script>\nfetch('https://api.example.com/v1/status').then(r => r.json()).then(d => { document.getElementById('out').textContent = d.status; });\n</script>\n<script src=\"main.js\"></script></body></html>\n",
            "static/app/main.js": "document.getElementById('out').addEventListener('click', () => console.log('clicked'));\n",
        },
    ),
    (
        "egress for the remotes an auth provider's actions name",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n  jira:issuePanel:\n    - key: panel\n      function: main\n      title: P\nproviders:\n  auth:\n    - key: google\n      name: Google\n      scopes:\n        - profile\n        - https://www.googleapis.com/auth/userinfo.email\n      type: oauth2\n      clientId: EXAMPLE\n      remotes:\n        - google-apis\n      bearerMethod: authorization-header\n      actions:\n        authorization:\n          remote: google-account\n          path: /o/oauth2/v2/auth\n        exchange:\n          remote: google-oauth\n          path: /token\n        revokeToken:\n          remote: google-oauth\n          path: /revoke\n        retrieveProfile:\n          remote: google-apis\n          path: /userinfo/v2/me\n          resolvers:\n            id: id\n            displayName: email\n            avatarUrl: picture\nremotes:\n  - key: google-apis\n    baseUrl: https://www.googleapis.com\n  - key: google-account\n    baseUrl: https://accounts.google.com\n  - key: google-oauth\n    baseUrl: https://oauth2.googleapis.com\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://www.googleapis.com\n        - https://oauth2.googleapis.com\n        - https://accounts.google.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "src/index.js": "import api from '@forge/api';\nexport const run = async () => {\n  const google = api.asUser().withProvider('google', 'google-apis');\n  if (!(await google.hasCredentials())) { await google.requestCredentials(); }\n  const r = await google.fetch('/userinfo/v2/me');\n  return r.json();\n};\n",
        },
    ),
    (
        "a host with ß, as the URL standard sends it",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - 'https://xn--strae-oqa.example'\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https://straße.example/x'); }\n",
        },
    ),
    (
        "a percent-encoded host",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - 'https://a.example.com'\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https://%61.example.com/x'); }\n",
        },
    ),
    (
        "a port written with a leading zero",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      backend:\n        - 'https://a.example.com'\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { fetch, storage } from '@forge/api';\nexport async function run(e) { await storage.get('x'); await fetch('https://a.example.com:0443/x'); }\n",
        },
    ),
    (
        "a string with / put in a route (route throws)",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-user\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run(e) {\n  return api.asApp().requestJira(route`/rest/api/3/${e.all ? 'project/search' : 'myself'}`);\n}\n",
        },
    ),
    (
        "a branch whose literal has / in a route (route throws)",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-user\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run(e) {\n  await api.asApp().requestJira(route`/rest/api/3/myself`);\n  return api.asApp().requestJira(route`/rest/api/3/${'project/search'}`);\n}\n",
        },
    ),
    (
        "a Route built by a function a helper calls",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:issue.property:jira\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nfunction mk(k) { return route`${k}/properties/approval`; }\nconst sub = (k) => mk(k);\nexport async function run(e) {\n  return api.asApp().requestJira(route`/rest/api/3/issue/${sub(e.key)}`);\n}\n",
        },
    ),
    (
        "a Route from a method of a class in another file",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:issue.property:jira\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nimport { Paths } from './paths';\nexport async function run(e) {\n  const p = new Paths();\n  return api.asApp().requestJira(route`/rest/api/3/issue/${p.prop(e.key)}`);\n}\n",
            "src/paths.js": "import { route } from '@forge/api';\nexport class Paths {\n  prop(k) { return route`${k}/properties/approval`; }\n}\n",
        },
    ),
    (
        "a Route given to a let later",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:issue.property:jira\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nfunction build(sub) { return route`/rest/api/3/issue/${sub}`; }\nexport async function run(e) {\n  let sub; sub = route`${e.key}/properties/approval`; const x = route`/rest/api/3/issue/${sub}`;\n  return api.asApp().requestJira(x);\n}\n",
        },
    ),
    (
        "a Route held in an array",
        ("no_high", "SC401,SC402"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:issue.property:jira\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nfunction build(sub) { return route`/rest/api/3/issue/${sub}`; }\nexport async function run(e) {\n  const arr = [route`${e.key}/properties/approval`]; const x = route`/rest/api/3/issue/${arr[0]}`;\n  return api.asApp().requestJira(x);\n}\n",
        },
    ),
    (
        "an inline script of type x-javascript",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\nresources:\n  - key: main\n    path: static/app\npermissions:\n  content:\n    scripts:\n      - unsafe-inline\n  external:\n    fetch:\n      client:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "static/app/index.html": '<!doctype html>\n<html><body><div id="out"></div>\n<script type="application/x-javascript">\nfetch(\'https://api.example.com/v1/status\').then(r => r.json()).then(d => { document.getElementById(\'out\').textContent = d.status; });\n</script>\n<script src="main.js"></script></body></html>\n',
            "static/app/main.js": "document.getElementById('out').addEventListener('click', () => console.log('clicked'));\n",
        },
    ),
    (
        "an inline script with data-src",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\nresources:\n  - key: main\n    path: static/app\npermissions:\n  content:\n    scripts:\n      - unsafe-inline\n  external:\n    fetch:\n      client:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "static/app/index.html": '<!doctype html>\n<html><body><div id="out"></div>\n<script data-src="boot">\nfetch(\'https://api.example.com/v1/status\').then(r => r.json()).then(d => { document.getElementById(\'out\').textContent = d.status; });\n</script>\n<script src="main.js"></script></body></html>\n',
            "static/app/main.js": "document.getElementById('out').addEventListener('click', () => console.log('clicked'));\n",
        },
    ),
    (
        "an inline event handler",
        ("no_high", "SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\nresources:\n  - key: main\n    path: static/app\npermissions:\n  content:\n    scripts:\n      - unsafe-inline\n  external:\n    fetch:\n      client:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n",
            "static/app/index.html": '<!doctype html>\n<html><body onload="fetch(\'https://api.example.com/v1/ping\')"><div id="out"></div>\n<script src="main.js"></script></body></html>\n',
            "static/app/main.js": "document.getElementById('out').addEventListener('click', () => console.log('clicked'));\n",
        },
    ),
    (
        "a shared file the front end imports through an alias",
        ("no_high", "SC403,SC404"),
        {
            "manifest.yml": "modules:\n  jira:issuePanel:\n    - key: panel\n      resource: main\n      title: P\n  function:\n    - key: main\n      handler: index.run\nresources:\n  - key: main\n    path: static/ui/build\npermissions:\n  scopes:\n    - storage:app\n  external:\n    fetch:\n      client:\n        - https://api.example.com\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import { storage } from '@forge/api';\nimport { VERSION } from './shared/net';\nexport async function run(e) { await storage.set('v', VERSION); }\n",
            "src/shared/net.js": "export const VERSION = '1.2';\nexport function ping() { return fetch('https://api.example.com/v1/ping'); }\n",
            "static/ui/build/index.html": '<!doctype html><html><body><div id="root"></div><script src="main.js"></script></body></html>\n',
            "static/ui/jsconfig.json": '{"compilerOptions":{"baseUrl":".","paths":{"@shared/*":["../../src/shared/*"]}}}\n',
            "static/ui/package.json": '{"name":"ui","dependencies":{"react":"^18.0.0","react-dom":"^18.0.0"}}\n',
            "static/ui/src/App.jsx": "import React from 'react';\nimport { ping } from '@shared/net';\nexport default function App() { return <button onClick={() => ping()}>Ping</button>; }\n",
            "static/ui/src/index.jsx": "import React from 'react';\nimport { createRoot } from 'react-dom/client';\nimport App from './App';\ncreateRoot(document.getElementById('root')).render(<App />);\n",
        },
    ),
    (
        "a branch a false const never takes",
        ("no_high", "SC401"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-user\napp:\n  id: ari:cloud:ecosystem::app/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f\n  runtime:\n    name: nodejs22.x\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst LEGACY = false;\nexport async function run(e) {\n  return api.asApp().requestJira(route`/rest/api/3/${LEGACY ? 'project' : 'myself'}`);\n}\n",
        },
    ),
    (
        "a route a true const's other branch names is never sent",
        ("no_high", "SC401"),
        {
            "manifest.yml": _FUNCTION.replace("read:jira-work", "read:jira-user"),
            "src/index.js": "import api, { route } from '@forge/api';\nconst MODERN = !false;\n"
            "export const run = () => api.asApp().requestJira(MODERN ? route`/rest/api/3/myself` : route`/rest/api/3/project`);\n",
        },
    ),
    (
        "a const the code does not know keeps both branches",
        ("high", "SC401"),
        {
            "manifest.yml": _FUNCTION.replace("read:jira-work", "read:jira-user"),
            "src/index.js": "import api, { route } from '@forge/api';\nconst MODERN = process.env.M === '1';\n"
            "export const run = () => api.asApp().requestJira(MODERN ? route`/rest/api/3/myself` : route`/rest/api/3/project`);\n",
        },
    ),
]


@pytest.mark.parametrize(("check", "files"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_no_certain_finding_is_wrong(lint_app, check, files):
    check_certain(lint_app, check, files)
