"""Ways a third review (session 7, round 2) found to make a certain SC402 wrong; each is
now unsure. Every app below needs the scopes named with it at run time: an object's
property changed after it is written (here, in a function, in another file, through an
alias or `Object.assign`), a function that returns on several branches, a function
declaration reassigned, CommonJS exports set more than once or changed, a prototype that
supplies a property, a helper called through `this` or `exports.x(...)`, a Forge method
named at run time, and a Vue or Svelte front end (not read: named as not analysed).
"""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

#: (what the app does, the scopes it needs, manifest, files)
CASES = [
    (
        'obj prop const module mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { m: 'GET' };\ncfg.m = 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'member mut in fn',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { m: 'GET' };\nfunction enableWrites() { cfg.m = 'PUT'; }\nexport const run = async (k) => { enableWrites(); return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m }); };\n",
        },
    ),
    (
        'member mut other file',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/config.js': "export const cfg = { m: 'GET' };\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport './setup';\nimport { cfg } from './config';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
            'src/setup.js': "import { cfg } from './config';\ncfg.m = 'PUT';\n",
        },
    ),
    (
        'cjs member mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/config.js': "module.exports = { m: 'GET' };\n",
            'src/index.js': "const { default: api, route } = require('@forge/api');\nconst config = require('./config');\nconfig.m = 'PUT';\nexports.run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: require('./config').m });\n",
        },
    ),
    (
        'object assign member',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { m: 'GET' };\nObject.assign(cfg, { m: 'PUT' });\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'nested member mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { http: { m: 'GET' } };\ncfg.http.m = 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.http.m });\n",
        },
    ),
    (
        'alias mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { m: 'GET' };\nconst alias = cfg;\nalias.m = 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'destructure from mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { m: 'GET' };\ncfg.m = 'PUT';\nexport const run = async (k) => { const { m } = cfg; return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); };\n",
        },
    ),
    (
        'import ns obj mut',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/config.js': "export const cfg = { m: 'GET' };\nexport function setWrite() { cfg.m = 'PUT'; }\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { cfg, setWrite } from './config';\nsetWrite();\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'obj method replaced',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst M = { v: () => 'GET' };\nM.v = () => 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M.v() });\n",
        },
    ),
    (
        'setter changes',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { _m: 'GET', set w(v) { this._m = v ? 'PUT' : 'GET'; } };\ncfg.w = true;\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg._m });\n",
        },
    ),
    (
        'missing key added',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = { base: 1 };\ncfg.m = 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'options nested literal',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst OPTS = { write: { method: 'GET' } };\nOPTS.write.method = 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { ...OPTS.write });\n",
        },
    ),
    (
        'modexports M reassigned elsewhere',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "module.exports = { M: 'GET' };\n",
            'src/index.js': "require('./setup');\nimport api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
            'src/setup.js': "require('./c').M = 'PUT';\n",
        },
    ),
    (
        'fn return branches',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction verb(w) { if (w) return 'PUT'; return 'GET'; }\nexport const run = async (k, w) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: verb(w) });\n",
        },
    ),
    (
        'loop return',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction verb(list) { for (const x of list) { if (x) return 'PUT'; } return 'GET'; }\nexport const run = async (k, l) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: verb(l) });\n",
        },
    ),
    (
        'try return',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': 'import api, { route } from \'@forge/api\';\n\nfunction verb() { try { return JSON.parse(\'"PUT"\'); } catch (e) {} return \'GET\'; }\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: verb() });\n',
        },
    ),
    (
        'switch return',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction verb(t) { switch (t) { case 'w': return 'PUT'; } return 'GET'; }\nexport const run = async (k, t) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: verb(t) });\n",
        },
    ),
    (
        'iife return cond',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst M = (() => { if (process.env.W) return 'PUT'; return 'GET'; })();\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'obj method early return',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst V = { pick(w) { if (w) return 'PUT'; return 'GET'; } };\nexport const run = async (k, w) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: V.pick(w) });\n",
        },
    ),
    (
        'options helper return',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction opts(w) { const o = { method: 'GET' }; if (w) o.method = 'PUT'; return o; }\nexport const run = async (k, w) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, opts(w));\n",
        },
    ),
    (
        'returned mutated local',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction opts() { const o = { method: 'GET' }; o.method = 'PUT'; return o; }\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, opts());\n",
        },
    ),
    (
        'fn then var reassign',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nfunction verb() { return 'GET'; }\nverb = () => 'PUT';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: verb() });\n",
        },
    ),
    (
        'exports conditional',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "exports.M = 'PUT';\nif (process.env.READONLY) exports.M = 'GET';\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'modexports in if',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "module.exports = { M: 'PUT' };\nif (process.env.READONLY) { module.exports = { M: 'GET' }; }\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'exports then modexports',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "exports.M = 'GET';\nmodule.exports = { M: 'PUT' };\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'assign modexports',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "exports.M = 'GET';\nObject.assign(module.exports, { M: 'PUT' });\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'defineProperty exports',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "exports.M = 'GET';\nObject.defineProperty(exports, 'M', { get: () => 'PUT' });\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'exports set in uncalled fn',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/c.js': "exports.M = 'GET';\nexports.enable = () => { exports.M = 'PUT'; };\n",
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { M } from './c';\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: M });\n",
        },
    ),
    (
        'proto literal',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst base = { m: 'PUT' };\nconst cfg = { __proto__: base };\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'setPrototypeOf',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst cfg = {};\nObject.setPrototypeOf(cfg, { m: 'PUT' });\nexport const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.m });\n",
        },
    ),
    (
        'this in obj plus direct',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\nconst jira = { send(k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }, read(k) { return this.send(k, 'GET'); } };\nexport const run = async (k) => { await jira.read(k); return jira.send(k, 'PUT'); };\n",
        },
    ),
    (
        'this obj arrow prop',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\nfunction send(k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\nconst o = { s: send, go(k) { return this.s(k, 'GET'); } }; const other = (k) => o.go(k);\nexport const run = async (k) => { await other(k); return send(k, 'PUT'); };\n",
        },
    ),
    (
        'exports obj this',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\nfunction send(k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); }\nexport const svc = { send, other(k) { return this.send(k, 'GET'); } }; const other = (k) => svc.other(k);\nexport const run = async (k) => { await other(k); return send(k, 'PUT'); };\n",
        },
    ),
    (
        'exports self plus direct same file',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "const api = require('@forge/api').default; const { route } = require('@forge/api');\nconst send = (k, m) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m });\nexports.send = send;\nexports.read = (k) => exports.send(k, 'GET');\nexports.run = async (k) => { await exports.read(k); return send(k, 'PUT'); };\n",
        },
    ),
    (
        'exports alias fn',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/helper.js': "const api = require('@forge/api').default; const { route } = require('@forge/api');\nexports.send = function (k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); };\nexports.read = (k) => exports.send(k, 'GET');\n",
            'src/index.js': "const { send: put, read } = require('./helper');\nexports.run = async (k) => { await read(k); return put(k, 'PUT'); };\n",
        },
    ),
    (
        'module exports fn then prop',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/helper.js': "const api = require('@forge/api').default; const { route } = require('@forge/api');\nmodule.exports = function send(k, m) { return api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: m }); };\nmodule.exports.read = (k) => module.exports(k, 'GET');\n",
            'src/index.js': "const jiraCall = require('./helper');\nexports.run = async (k) => { await jiraCall.read(k); return jiraCall(k, 'PUT'); };\n",
        },
    ),
    (
        'path member mut scope',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { assumeTrustedRoute } from '@forge/api';\nconst P = { base: '/rest/api/3/myself' };\nP.base = '/rest/api/3/issue/ABC-1';\nexport const run = async () => api.asApp().requestJira(assumeTrustedRoute(P.base));\n",
        },
    ),
    (
        'path fn early return',
        ('read:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nimport { assumeTrustedRoute } from '@forge/api';\nfunction path(k) { if (k) return '/rest/api/3/issue/' + k; return '/rest/api/3/myself'; }\nexport const run = async (k) => api.asApp().requestJira(assumeTrustedRoute(path(k)));\n",
        },
    ),
    (
        'requester computed',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route, storage, properties } from '@forge/api';\n\nexport const run = async (k, fn) => api.asApp()[fn](route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n",
        },
    ),
    (
        'requester map products',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst FN = { jira: 'requestJira', confluence: 'requestConfluence' };\nexport const run = async (k, product) => api.asApp()[FN[product]](route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n",
        },
    ),
    (
        'props target computed',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route, storage, properties } from '@forge/api';\n\nexport const run = async (k, t) => properties[t](k).set('x', 1);\n",
        },
    ),
    (
        'props computed',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route, storage, properties } from '@forge/api';\n\nexport const run = async (k, op) => properties.onJiraIssue(k)[op]('x', 1);\n",
        },
    ),
    (
        'requester const key',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route } from '@forge/api';\n\nconst F = 'requestJira';\nexport const run = async (k) => api.asApp()[F](route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n",
        },
    ),
    (
        'requester computed tmpl',
        ('write:jira-work',),
        'modules:\n  function:\n    - key: main\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import api, { route, storage, properties } from '@forge/api';\n\nconst P = 'Jira';\nexport const run = async (k) => api.asApp()[`request${P}`](route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n",
        },
    ),
    (
        'vue frontend',
        ('read:jira-work', 'write:jira-work'),
        'modules:\n  jira:issuePanel:\n    - key: panel\n      resource: ui\n      resolver:\n        function: main\n      title: P\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import Resolver from '@forge/resolver';\nimport { storage } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('get', async () => storage.get('x'));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","dependencies":{"@forge/bridge":"*","vue":"*"}}',
            'static/ui/src/App.vue': '<template><button @click="save">Save</button></template>\n<script>\nimport { requestJira, invoke } from \'@forge/bridge\';\nexport default { methods: { async save() { await invoke(\'get\'); await requestJira(\'/rest/api/3/issue/ABC-1\', { method: \'PUT\' }); } } };\n</script>\n',
            'static/ui/src/main.js': "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n",
        },
    ),
    (
        'svelte frontend',
        ('read:jira-work', 'write:jira-work'),
        'modules:\n  jira:issuePanel:\n    - key: panel\n      resource: ui\n      resolver:\n        function: main\n      title: P\n  function:\n    - key: main\n      handler: index.handler\nresources:\n  - key: ui\n    path: static/ui/build\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n    - storage:app\n',
        {
            'src/index.js': "import Resolver from '@forge/resolver';\nimport { storage } from '@forge/api';\nconst resolver = new Resolver();\nresolver.define('get', async () => storage.get('x'));\nexport const handler = resolver.getDefinitions();\n",
            'static/ui/package.json': '{"name":"ui","dependencies":{"@forge/bridge":"*","svelte":"*"}}',
            'static/ui/src/App.svelte': "<script>\nimport { requestJira, invoke } from '@forge/bridge';\nasync function save() { await invoke('get'); await requestJira('/rest/api/3/issue/ABC-1', { method: 'PUT' }); }\n</script>\n<button on:click={save}>Save</button>\n",
            'static/ui/src/main.js': "import App from './App.svelte';\nnew App({ target: document.body });\n",
        },
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("needed", "manifest", "files"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_needed_scope_is_never_certainly_unused(lint_app, needed, manifest, files):
    report = lint_app(manifest, files=files, select="SC402")
    certain = {f.subject for f in report.reported if f.confidence is Confidence.HIGH}
    assert certain.isdisjoint(needed)
