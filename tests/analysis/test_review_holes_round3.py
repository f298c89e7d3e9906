"""Ways a fourth review (session 7, round 3) found to make a certain finding wrong; each is
now unsure or right. Egress through Node's `http`/`https` and request-making SDKs, `fetch`
or a product request function chosen at run time, a resolver invoked through
`bridge['invoke']` or a package built on @forge/bridge, and Custom UI assets that never
load (`<noscript>` content, a favicon) or are fonts (`@font-face` sources), and front-end
helpers outside the resource folder that only front-end code imports (they run in the
browser: their fetches are client egress).
"""

from __future__ import annotations

import pytest
from tests.analysis.certain_findings import check_certain

#: (what the app does, (check, rule or scope), files with the manifest)
CASES = [
    (
        'node https.get',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n',
            'src/index.js': "import https from 'https';\nexport const run = async () => new Promise(r => https.get('https://api.example.com/x', res => r(res.statusCode)));\n",
        },
    ),
    (
        'node:https request',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n',
            'src/index.js': "const { request } = require('node:https');\nexports.run = async () => { const req = request({ hostname: 'api.example.com', path: '/x' }); req.end(); };\n",
        },
    ),
    (
        'stripe sdk',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.stripe.com\n',
            'src/index.js': "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.KEY);\nexport const run = async () => stripe.customers.list();\n",
        },
    ),
    (
        'stripe sdk with a lockfile',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.stripe.com\n',
            'package-lock.json': '{"name":"app","lockfileVersion":3,"packages":{"":{"dependencies":{"stripe":"^14.0.0","@forge/api":"^5"}},\n"node_modules/stripe":{"version":"14.0.0","dependencies":{"@types/node":">=8.1.0","qs":"^6.11.0"}},\n"node_modules/qs":{"version":"6.11.0","dependencies":{"side-channel":"^1.0.4"}},\n"node_modules/side-channel":{"version":"1.0.4"},\n"node_modules/@types/node":{"version":"20.0.0"},\n"node_modules/@forge/api":{"version":"5.0.0"}}}\n',
            'src/index.js': "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.KEY);\nexport const run = async () => stripe.customers.list();\n",
        },
    ),
    (
        'octokit',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.github.com\n',
            'src/index.js': "import { Octokit } from 'octokit';\nexport const run = async () => new Octokit({ auth: 'x' }).rest.repos.get({ owner: 'a', repo: 'b' });\n",
        },
    ),
    (
        'https.request with a URL',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n',
            'src/index.js': "const http = require('https');\nmodule.exports.run = async () => { http.request('https://api.example.com/x').end(); };\n",
        },
    ),
    (
        'Apollo client in a Custom UI',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fetch:\n      client:\n        - https://gql.example.com\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { invoke } from '@forge/bridge';\nimport { ApolloClient, InMemoryCache, gql } from '@apollo/client';\nconst client = new ApolloClient({ uri: 'https://gql.example.com/graphql', cache: new InMemoryCache() });\nexport default function App() {\n  const load = () => { invoke('getIssue'); invoke('setSummary', {}); return client.query({ query: gql`{ rates { id } }` }); };\n  return <button onClick={load}>Load</button>;\n}\n",
        },
    ),
    (
        'jQuery getJSON in a Custom UI',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fetch:\n      client:\n        - https://rates.example.com\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { invoke } from '@forge/bridge';\nimport $ from 'jquery';\nexport default function App() {\n  const load = () => { invoke('getIssue'); invoke('setSummary', {}); return $.getJSON('https://rates.example.com/v1/latest'); };\n  return <button onClick={load}>Load</button>;\n}\n",
        },
    ),
    (
        'fetch chosen with ??',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\n        - https://b.example.com\n',
            'src/index.js': "import { fetch } from '@forge/api';\nexport function makeClient(opts = {}) { const doFetch = opts.fetch ?? fetch; return { get: (p) => doFetch('https://b.example.com' + p) }; }\nexport const run = async () => { await fetch('https://a.example.com/x'); return makeClient().get('/x'); };\n",
        },
    ),
    (
        'fetch chosen with ||',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\n        - https://b.example.com\n',
            'src/index.js': "import { fetch } from '@forge/api';\nexport const run = async (e) => { await fetch('https://a.example.com/x'); const f = e.fetcher || fetch; return f('https://b.example.com/x'); };\n",
        },
    ),
    (
        'fetch chosen with ?:',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\n        - https://b.example.com\n',
            'src/index.js': "import { fetch } from '@forge/api';\nexport const run = async (e) => { await fetch('https://a.example.com/x'); const f = e ? fetch : null; return f('https://b.example.com/x'); };\n",
        },
    ),
    (
        'fetch from an array',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\n        - https://b.example.com\n',
            'src/index.js': "import { fetch } from '@forge/api';\nconst fns = [fetch];\nexport const run = async () => { await fetch('https://a.example.com/x'); return fns[0]('https://b.example.com/x'); };\n",
        },
    ),
    (
        'fetch from an array pattern',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://a.example.com\n        - https://b.example.com\n',
            'src/index.js': "import { fetch } from '@forge/api';\nconst [send] = [fetch];\nexport const run = async () => { await fetch('https://a.example.com/x'); return send('https://b.example.com/x'); };\n",
        },
    ),
    (
        'requestJira chosen with ?:',
        ('no_high_subject', 'write:jira-work'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n',
            'src/index.js': "import api, { route } from '@forge/api';\nexport const run = async (ctx) => { const request = ctx.asUser ? api.asUser().requestJira : api.asApp().requestJira; return request(route`/rest/api/3/issue/1`, { method: 'PUT', body: '{}' }); };\n",
        },
    ),
    (
        'requestJira chosen with ??',
        ('no_high_subject', 'write:jira-work'),
        {
            'manifest.yml': 'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n',
            'src/index.js': "import api, { route } from '@forge/api';\nexport const run = async (opts = {}) => { const request = opts.request ?? api.asApp().requestJira; return request(route`/rest/api/3/issue/1`, { method: 'PUT', body: '{}' }); };\n",
        },
    ),
    (
        "invoke called as bridge['invoke']",
        ('has_high', 'SC401'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/src/App.js': "import React from 'react';\nimport * as bridge from '@forge/bridge';\nexport default function App() {\n  return <button onClick={() => bridge['invoke']('setSummary', { summary: 'x' })}>Save</button>;\n}\n",
        },
    ),
    (
        'invoke inside a workspace package built on @forge/bridge',
        ('has_high', 'SC401'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/node_modules/@acme/forge-client/index.js': "const { invoke } = require('@forge/bridge'); exports.setSummary = (s) => invoke('setSummary', { summary: s });\n",
            'static/ui/node_modules/@acme/forge-client/package.json': '{"name":"@acme/forge-client","version":"1.0.0","main":"index.js","dependencies":{"@forge/bridge":"^4"}}\n',
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { setSummary } from '@acme/forge-client';\nexport default function App() {\n  return <button onClick={() => setSummary('x')}>Save</button>;\n}\n",
        },
    ),
    (
        '@font-face source without a font extension',
        ('no_high', 'SC403'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fonts:\n      - https://fonts.example.com\n    styles:\n      - https://css.example.com\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/public/index.html': '<!DOCTYPE html>\n<html><head>\n<link rel="stylesheet" href="https://css.example.com/theme.css">\n</head><body><div id="root"></div></body></html>\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { invoke } from '@forge/bridge';\nimport './index.css';\nexport default function App() { return <button onClick={() => { invoke('getIssue'); invoke('setSummary', {}); }}>Go</button>; }\n",
            'static/ui/src/index.css': "@font-face {\n  font-family: 'Brand';\n  src: url('https://fonts.example.com/css2/brand?weight=400') format('woff2');\n}\nbody { font-family: 'Brand', sans-serif; }\n",
        },
    ),
    (
        'GTM iframe inside noscript',
        ('no_high', 'SC403'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fonts:\n      - https://fonts.example.com\n    styles:\n      - https://css.example.com\n    scripts:\n      - https://www.googletagmanager.com\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/public/index.html': '<!DOCTYPE html>\n<html><head>\n<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({\'gtm.start\':\nnew Date().getTime(),event:\'gtm.js\'});var f=d.getElementsByTagName(s)[0],\nj=d.createElement(s),dl=l!=\'dataLayer\'?\'&l=\'+l:\'\';j.async=true;j.src=\n\'https://www.googletagmanager.com/gtm.js?id=\'+i+dl;f.parentNode.insertBefore(j,f);\n})(window,document,\'script\',\'dataLayer\',\'GTM-XXXX\');</script>\n</head><body>\n<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXX" height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>\n<div id="root"></div></body></html>\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { invoke } from '@forge/bridge';\nexport default function App() { return <button onClick={() => { invoke('getIssue'); invoke('setSummary', {}); }}>Go</button>; }\n",
        },
    ),
    (
        'favicon link in a Custom UI page',
        ('no_high', 'SC403'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fonts:\n      - https://fonts.example.com\n    styles:\n      - https://css.example.com\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nresolver.define('setSummary', async ({ payload, context }) => api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: payload.summary } }) }));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","private":true,"dependencies":{"@forge/bridge":"^4","react":"^18","react-dom":"^18"}}\n',
            'static/ui/public/index.html': '<!DOCTYPE html>\n<html><head><link rel="icon" href="https://brand.example.com/favicon.ico"></head><body><div id="root"></div></body></html>\n',
            'static/ui/src/App.js': "import React from 'react';\nimport { invoke } from '@forge/bridge';\nexport default function App() { return <button onClick={() => { invoke('getIssue'); invoke('setSummary', {}); }}>Go</button>; }\n",
        },
    ),
    (
        'a front-end helper outside the resource folder (client host kept)',
        ('no_high', 'SC404'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fetch:\n      client:\n        - https://rates.example.com\n',
            'shared/rates.js': "export const getRates = () => fetch('https://rates.example.com/v1/latest').then(r => r.json());\n",
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","dependencies":{"@forge/bridge":"^4","react":"^18"}}\n',
            'static/ui/src/App.js': "import React, { useEffect, useState } from 'react';\nimport { invoke } from '@forge/bridge';\nimport { getRates } from '../../../shared/rates';\nexport default function App() {\n  const [d, setD] = useState(null);\n  useEffect(() => { invoke('getIssue').then(setD); getRates().then(console.log); }, []);\n  return <div>{JSON.stringify(d)}</div>;\n}\n",
        },
    ),
    (
        'a front-end helper outside the resource folder (no back-end host asked)',
        ('no_high', 'SC403'),
        {
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fetch:\n      client:\n        - https://rates.example.com\n',
            'shared/rates.js': "export const getRates = () => fetch('https://rates.example.com/v1/latest').then(r => r.json());\n",
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","dependencies":{"@forge/bridge":"^4","react":"^18"}}\n',
            'static/ui/src/App.js': "import React, { useEffect, useState } from 'react';\nimport { invoke } from '@forge/bridge';\nimport { getRates } from '../../../shared/rates';\nexport default function App() {\n  const [d, setD] = useState(null);\n  useEffect(() => { invoke('getIssue').then(setD); getRates().then(console.log); }, []);\n  return <div>{JSON.stringify(d)}</div>;\n}\n",
        },
    ),
    (
        'a Vite root front end whose helper imports nothing',
        ('no_high', 'SC404'),
        {
            'frontend/index.html': '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
            'frontend/src/api.js': "export const getRates = () => fetch('https://rates.example.com/v1/latest').then(r => r.json());\n",
            'frontend/src/main.jsx': "import React, { useEffect, useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { invoke } from '@forge/bridge';\nimport { getRates } from './api';\nfunction App() {\n  const [d, setD] = useState(null);\n  useEffect(() => { invoke('getIssue').then(setD); getRates().then(console.log); }, []);\n  return <div>{JSON.stringify(d)}</div>;\n}\ncreateRoot(document.getElementById('root')).render(<App />);\n",
            'manifest.yml': 'modules:\n  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      resolver:\n        function: main\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: dist/ui\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n  external:\n    fetch:\n      client:\n        - https://rates.example.com\n',
            'package.json': '{"name":"app","dependencies":{"@forge/api":"^5","@forge/resolver":"^1","@forge/bridge":"^4","react":"^18"},"devDependencies":{"vite":"^5"}}\n',
            'src/index.js': "import Resolver from '@forge/resolver';\nimport api, { route } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('getIssue', async ({ context }) => (await api.asUser().requestJira(route`/rest/api/3/issue/${context.extension.issue.key}`)).json());\nexport const handler = resolver.getDefinitions();\n",
            'vite.config.js': "import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\nexport default defineConfig({ root: 'frontend', base: './', plugins: [react()], build: { outDir: '../dist/ui' } });\n",
        },
    ),
]  # fmt: skip


@pytest.mark.parametrize(("check", "files"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_no_certain_finding_is_wrong(lint_app, check, files):
    check_certain(lint_app, check, files)
