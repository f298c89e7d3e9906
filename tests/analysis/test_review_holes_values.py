"""Ways a second review (session 7) found to make a certain SC402 wrong; each is now unsure.

Every app below needs the scopes named with it at run time. The review wrote them while
probing default parameters, options changed before a helper reads them, recursion,
variables left unassigned, and Forge objects handed to a package in any shape (a branch,
an array, a class field, another file's export, a function that returns one), plus
`with`, `eval` and `arguments[i] = ...`.
"""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n"
)

#: (what the app does, the scopes it needs, its files)
CASES = [
    (
        'default built from another parameter',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nfunction send(k, p = route`/rest/api/3/issue/${k}`) { return api.asApp().requestJira(p, { method: 'PUT' }); }\nexport const run = async (k) => send(k);\n",
        },
    ),
    (
        'default object built from another parameter',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nfunction send(k, m, opts = { method: m }) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, opts); }\nexport const run = async (k) => send(k, 'PUT');\n",
        },
    ),
    (
        'options changed before a helper call',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst jira = (path, options) => api.asApp().requestJira(path, options);\nexport const run = async (k) => {\n  const o = { method: 'GET' };\n  if (k.startsWith('X')) o.method = 'PUT';\n  return jira(route`/rest/api/3/issue/${k}`, o);\n};\n",
        },
    ),
    (
        'spread of options changed before',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const base = { method: 'GET' }; base.method = 'PUT'; const opts = { ...base }; return rj(p(k), opts); };\n",
        },
    ),
    (
        'spread of options changed after',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const base = { method: 'GET' }; const opts = { ...base }; base.method = 'PUT'; return rj(p(k), { ...base }); };\n",
        },
    ),
    (
        'options changed through an alias',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const o = { method: 'GET' }; const alias = o; alias.method = 'PUT'; return rj(p(k), o); };\n",
        },
    ),
    (
        'options changed through a holder',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const o = { method: 'GET' }; const h = { o }; h.o.method = 'PUT'; return rj(p(k), o); };\n",
        },
    ),
    (
        'options given to a function that changes them',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const o = { method: 'GET' }; mutate(o); return rj(p(k), o); };\n",
        },
    ),
    (
        'options changed in a callback',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const o = { method: 'GET' }; [o].forEach((x) => { x.method = 'PUT'; }); return rj(p(k), o); };\n",
        },
    ),
    (
        'options changed through a literal holder',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nconst rj = (path, o) => api.asApp().requestJira(path, o);\nfunction mutate(x) { x.method = 'PUT'; }\nexport const run = async (k) => { const o = { method: 'GET' }; ({ o }).o.method = 'PUT'; return rj(p(k), o); };\n",
        },
    ),
    (
        'recursion with a new method',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nfunction send(k, method) {\n  if (!method) return send(k, 'PUT');\n  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n}\nexport const run = async (k) => send(k);\n",
        },
    ),
    (
        'recursion through a named function expression',
        ('write:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst update = function send(k, method) {\n  if (!method) return send(k, 'PUT');\n  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n};\nexport const run = async (k) => update(k);\n",
        },
    ),
    (
        'arguments[i] written',
        ('write:jira-work',),
        {
            'src/index.js': "const { default: api, route } = require('@forge/api');\nfunction send(k, m) { arguments[1] = 'PUT'; return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\nexports.run = async (k) => send(k, 'GET');\n",
        },
    ),
    (
        'let without a value, assigned on one branch',
        ('read:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nexport const run = async (k) => {\n  let method;\n  if (k > 1) { method = 'PUT'; }\n  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n};\n",
        },
    ),
    (
        'var without a value, assigned on one branch',
        ('read:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nexport const run = async (k) => {\n  var method;\n  if (k > 1) method = 'PUT';\n  return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n};\n",
        },
    ),
    (
        'var read above its declaration',
        ('read:jira-work',),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nexport const run = async (k) => {\n  const r = api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method });\n  var method = 'PUT';\n  return [r, api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method })];\n};\n",
        },
    ),
    (
        'request function in an array, called by map',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nexport const run = async (k) => [api.asApp().requestJira].map((f) => f(p(k), { method: 'PUT' }));\n",
        },
    ),
    (
        'client chosen on branches, given to a package',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { Version3Client } from 'jira-wrapper';\nexport const run = async ({ asUser, key }) => {\n  let client;\n  if (asUser) client = api.asUser(); else client = api.asApp();\n  return new Version3Client(client).issues.editIssue({ issueIdOrKey: key });\n};\n",
        },
    ),
    (
        'client given with ??=',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => { let c = null; c ??= api.asApp(); return lib(k, c); };\n",
        },
    ),
    (
        'client chosen by a ternary',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nconst c1 = k0 ? api.asApp() : api.asUser();\nconst c2 = api.asUser() || api.asApp();\nconst c3 = [api.asApp()];\nconst c4 = { a: { b: { c: api.asApp() } } };\nfunction getC() { return api.asApp(); }\nlet k0 = 1;\nexport const run = async (k) => lib(k, c1);\n",
        },
    ),
    (
        'client in an inline ternary',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k ? api.asApp() : null, k);\n",
        },
    ),
    (
        'client in an inline &&',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k && api.asApp(), k);\n",
        },
    ),
    (
        'client from ||',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nconst c1 = k0 ? api.asApp() : api.asUser();\nconst c2 = api.asUser() || api.asApp();\nconst c3 = [api.asApp()];\nconst c4 = { a: { b: { c: api.asApp() } } };\nfunction getC() { return api.asApp(); }\nlet k0 = 1;\nexport const run = async (k) => lib(k, c2);\n",
        },
    ),
    (
        'client in an array argument',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { updateIssue } from 'jira-helper';\nexport const run = async (k) => updateIssue([api.asApp(), k]);\n",
        },
    ),
    (
        'client in a const array',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nconst c1 = k0 ? api.asApp() : api.asUser();\nconst c2 = api.asUser() || api.asApp();\nconst c3 = [api.asApp()];\nconst c4 = { a: { b: { c: api.asApp() } } };\nfunction getC() { return api.asApp(); }\nlet k0 = 1;\nexport const run = async (k) => lib(k, c3);\n",
        },
    ),
    (
        'client nested three objects deep',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib({ a: { b: { c: api.asApp() } } }, k);\n",
        },
    ),
    (
        'client in a const nested object',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nconst c1 = k0 ? api.asApp() : api.asUser();\nconst c2 = api.asUser() || api.asApp();\nconst c3 = [api.asApp()];\nconst c4 = { a: { b: { c: api.asApp() } } };\nfunction getC() { return api.asApp(); }\nlet k0 = 1;\nexport const run = async (k) => lib(k, c4);\n",
        },
    ),
    (
        'client taken from an array',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, [api][0]);\n",
        },
    ),
    (
        'client in a spread argument',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { updateIssue } from 'jira-helper';\nexport const run = async (k) => updateIssue(...[api.asApp(), k]);\n",
        },
    ),
    (
        'client returned by an arrow function',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(() => api.asApp(), k);\n",
        },
    ),
    (
        'client returned by a function expression',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(`${k}`, function () { return api.asApp(); });\n",
        },
    ),
    (
        'client returned by an object method',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, { getClient() { return api.asApp(); } });\n",
        },
    ),
    (
        'client as a for-of variable',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => { for (const c of [api.asApp()]) await lib(k, c); };\n",
        },
    ),
    (
        'client from an array pattern',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => { const [c] = [api.asApp()]; return lib(k, c); };\n",
        },
    ),
    (
        'client from a rest pattern',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => { const { ...rest } = { c: api.asApp() }; return lib(k, rest); };\n",
        },
    ),
    (
        'client in a class field',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nclass Svc { c = api.asApp(); go(k) { return lib(k, this.c); } }\nexport const run = async (k) => new Svc().go(k);\n",
        },
    ),
    (
        'client set on this in a constructor',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nclass Svc { constructor() { this.c = api.asApp(); } go(k) { return lib(k, this.c); } }\nexport const run = async (k) => new Svc().go(k);\n",
        },
    ),
    (
        'client as a TypeScript parameter property',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': '',
            'src/index.ts': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nclass Svc { constructor(private readonly c = api.asApp()) {} go(k: string) { return lib(k, this.c); } }\nexport const run = async (k: string) => new Svc().go(k);\n",
        },
    ),
    (
        'client from a getter',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { lib } from 'jira-helper';\nconst clients = { get jira() { return api.asApp(); } };\nexport const run = async (k) => lib(k, clients.jira);\n",
        },
    ),
    (
        'client in a Map',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api from '@forge/api';\nimport { updateIssue } from 'jira-helper';\nexport const run = async (k) => updateIssue(new Map([['c', api.asApp()]]), k);\n",
        },
    ),
    (
        'client exported by another file',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/client.js': "import api from '@forge/api';\nexport const client = api.asApp();\nexport default { jira: api.asApp() };\n",
            'src/index.js': "import { client } from './client';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, client);\n",
        },
    ),
    (
        "client in another file's default export",
        ('read:jira-work', 'write:jira-work'),
        {
            'src/client.js': "import api from '@forge/api';\nexport const client = api.asApp();\nexport default { jira: api.asApp() };\n",
            'src/index.js': "import clients from './client';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, clients.jira);\n",
        },
    ),
    (
        'client in module.exports',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/client.js': "const api = require('@forge/api').default;\nmodule.exports = { client: api.asApp() };\n",
            'src/index.js': "const { client } = require('./client');\nconst { lib } = require('jira-helper');\nexports.run = async (k) => lib(k, client);\n",
        },
    ),
    (
        "client returned by another file's function",
        ('read:jira-work', 'write:jira-work'),
        {
            'src/client.js': "import api from '@forge/api';\nexport function client() { return api.asApp(); }\n",
            'src/index.js': "import { client } from './client';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, client());\n",
        },
    ),
    (
        'api from a dynamic import',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, (await import('@forge/api')).default);\n",
        },
    ),
    (
        'client through a comma expression',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nimport { lib } from 'jira-helper';\nexport const run = async (k) => lib(k, (0, api.asApp)());\n",
        },
    ),
    (
        'with statement',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "const { default: api, route } = require('@forge/api');\nexports.run = async (k) => {\n  with (api.asApp()) {\n    return requestJira(route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n  }\n};\n",
        },
    ),
    (
        'eval',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': 'const { default: api, route } = require(\'@forge/api\');\nexports.run = async (k) => eval("api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: \'PUT\' })");\n',
        },
    ),
    (
        'request function in a Map',
        ('read:jira-work', 'write:jira-work'),
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst p = (k) => route`/rest/api/3/issue/${k}`;\nexport const run = async (k) => new Map([['f', api.asApp().requestJira]]).get('f')(p(k), { method: 'PUT' });\n",
        },
    ),
    (
        'kvs in an array',
        ('storage:app',),
        {
            'src/index.js': "import { kvs } from '@forge/kvs';\nimport { lib } from 'cache-helper';\nexport const run = async (k) => lib(k, [kvs]);\n",
        },
    ),
    (
        'kvs in a ternary',
        ('storage:app',),
        {
            'src/index.js': "import { kvs } from '@forge/kvs';\nimport { lib } from 'cache-helper';\nexport const run = async (k) => lib(k, k ? kvs : null);\n",
        },
    ),
    (
        'kvs returned by a thunk',
        ('storage:app',),
        {
            'src/index.js': "import { kvs } from '@forge/kvs';\nimport { lib } from 'cache-helper';\nexport const run = async (k) => lib(k, () => kvs);\n",
        },
    ),
]  # fmt: skip


@pytest.mark.parametrize(("needed", "files"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_needed_scope_is_never_certainly_unused(lint_app, needed, files):
    report = lint_app(MANIFEST, files=files, select="SC402")
    certain = {f.subject for f in report.reported if f.confidence is Confidence.HIGH}
    assert certain.isdisjoint(needed)
