"""Small apps the second to fourth reviews of session 12 wrote against its import handling (tsconfig
`baseUrl`, aliases, comment lines, side-effect imports, computed `privacy` members); read
by tests/analysis/test_review_holes_round7.py."""

PROBES = {
    "a08_cui_at_alias_index": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "  jira:issuePanel:\n"
        "    - key: panel\n"
        "      resource: main\n"
        "      title: P\n"
        "resources:\n"
        "  - key: main\n"
        "    path: static/ui/build\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "export const run = async () => 1;\n",
        "static/ui/config/webpack.config.js": "module.exports = { resolve: { alias: { "
        "'@': require('path').resolve(__dirname, "
        "'../src/api/jira.js') } } };\n",
        "static/ui/package.json": '{"name": "ui", "dependencies": {"@forge/bridge": '
        '"^3.0.0", "react": "^18.0.0"}}',
        "static/ui/src/App.js": "import { save } from '@';\nexport const onSave = (k) => save(k, 'PUT');\n",
        "static/ui/src/View.js": "import { save } from './api/jira';\n"
        "export const onLoad = (k) => save(k, 'GET');\n",
        "static/ui/src/api/jira.js": "import { requestJira } from '@forge/bridge';\n"
        "export const save = (key, method) => "
        "requestJira(`/rest/api/3/issue/${key}`, { method "
        "});\n",
        "static/ui/src/index.js": "import { onSave } from './App';\n"
        "import { onLoad } from './View';\n"
        "window.x = [onSave, onLoad];\n",
        "static/ui/src/index2.js": "",
    },
    "a17_cra_node_modules_first": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "  jira:issuePanel:\n"
        "    - key: panel\n"
        "      resource: main\n"
        "      title: P\n"
        "resources:\n"
        "  - key: main\n"
        "    path: static/ui/build\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "export const run = async () => 1;\n",
        "static/ui/jsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}',
        "static/ui/node_modules/config/index.js": "module.exports = { get: (k) => k };\n",
        "static/ui/node_modules/config/package.json": '{"name":"config","version":"3.3.9","main":"index.js"}',
        "static/ui/package.json": '{"name": "ui", "dependencies": {"@forge/bridge": '
        '"^3.0.0", "react": "^18.0.0", "react-scripts": '
        '"5.0.1", "config": "3.3.9"}}',
        "static/ui/src/config.js": "import { requestJira } from '@forge/bridge';\n"
        "export const get = (k) => "
        "requestJira(`/rest/api/3/issue/${k}`, { method: "
        "'PUT' });\n",
        "static/ui/src/index.js": "import { get } from 'config';\nwindow.v = get('A');\n",
    },
    "b01_commented_baseurl": {
        "lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method "
        "});\n",
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "    - key: other\n"
        "      handler: other.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "import { send } from 'lib/jira';\n"
        "export const run = async (k) => { await send(k, 'PUT'); };\n",
        "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n",
        "src/other.js": "import { send } from '../lib/jira';\n"
        "export const run = async (k) => { await send(k, 'GET'); };\n",
        "tsconfig.json": "{\n"
        '  "compilerOptions": {\n'
        '    // "baseUrl": "./src",\n'
        '    "baseUrl": "."\n'
        "  }\n"
        "}\n",
    },
    "b03_ts_and_js_config": {
        "jsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}',
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n",
        "node_modules/helpers/index.js": "exports.send = () => 1;\n",
        "node_modules/helpers/package.json": '{"name":"helpers","version":"1.0.0","main":"index.js"}',
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0", "helpers": "1.0.0"}}',
        "src/helpers.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { "
        "method });\n",
        "src/index.js": "import { send } from 'helpers';\n"
        "export const run = async (k) => { await send(k, 'PUT'); };\n",
        "tsconfig.json": '{"compilerOptions": {"allowJs": true}}',
    },
    "b05_module_suffixes": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "    - key: other\n"
        "      handler: other.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "import { send } from 'src/lib/jira';\n"
        "export const run = async (k) => { await send(k, 'PUT'); };\n",
        "src/lib/jira.forge.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
        "{ method });\n",
        "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n",
        "src/other.js": "import { send } from './lib/jira.forge';\n"
        "export const run = async (k) => { await send(k, 'GET'); };\n",
        "tsconfig.json": '{"compilerOptions": {"baseUrl": ".", "moduleSuffixes": [".forge", ""]}}',
    },
    "c02_babel_alias_generator_line": {
        "babel.config.js": "module.exports = { plugins: [['module-resolver', { "
        "alias: { '@jira': './src/lib/jira.js' } }]] };\n",
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "    - key: other\n"
        "      handler: other.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "class Ops {\n"
        "  *mods() { yield require('@jira'); }\n"
        "}\n"
        "export const run = async (k) => { for (const m of new "
        "Ops().mods()) await m.send(k, 'PUT'); };\n",
        "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
        "{ method });\n",
        "src/other.js": "import { send } from './lib/jira';\n"
        "export const run = async (k) => { await send(k, 'GET'); "
        "};\n",
    },
    "c03_babel_alias_mul_line": {
        "babel.config.js": "module.exports = { plugins: [['module-resolver', { alias: "
        "{ '@jira': './src/lib/jira.js' } }]] };\n",
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "    - key: other\n"
        "      handler: other.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "export const run = async (k) => {\n"
        "  const n = 2\n"
        "    * (await require('@jira').send(k, 'PUT')).status;\n"
        "  return n;\n"
        "};\n",
        "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { "
        "method });\n",
        "src/other.js": "import { send } from './lib/jira';\n"
        "export const run = async (k) => { await send(k, 'GET'); };\n",
    },
    "q09_reassign": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - report:personal-data\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "import { privacy } from '@forge/api';\n"
        "const K = 'report' + 'PersonalData';\n"
        "export const run = async (ids) => {\n"
        "  let p = null; p = privacy; await p[K](ids);\n"
        "};\n",
    },
    "q11_call_helper": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - report:personal-data\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "import { privacy } from '@forge/api';\n"
        "const call = (o, m, ...a) => o[m](...a);\n"
        "const K = 'report' + 'PersonalData';\n"
        "export const run = async (ids) => {\n"
        "  await call(privacy, K, ids);\n"
        "};\n",
    },
    "u08_uikit_and_customui_same_folder": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "  jira:issuePanel:\n"
        "    - key: panel\n"
        "      resource: main\n"
        "      render: native\n"
        "      resolver:\n"
        "        function: main\n"
        "      title: P\n"
        "  jira:projectPage:\n"
        "    - key: page\n"
        "      resource: cui\n"
        "      title: Q\n"
        "resources:\n"
        "  - key: main\n"
        "    path: src/frontend/index.jsx\n"
        "  - key: cui\n"
        "    path: src/frontend/build\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/frontend/Panel.jsx": "import React from 'react';\n"
        "import { requestJira } from "
        "'@forge/bridge';\n"
        "export const save = (k) => "
        "requestJira(`/rest/api/3/issue/${k}`, { "
        "method: 'PUT' });\n"
        "export default function Panel() { return "
        "null; }\n",
        "src/frontend/index.jsx": "import React from 'react';\n"
        "import ForgeReconciler from "
        "'@forge/react';\n"
        "ForgeReconciler.render(<div />);\n",
        "src/frontend/main.js": "import { save } from './Panel';\nsave('A');\n",
        "src/index.js": "export const run = async () => 1;\nexport const handler = run;\n",
    },
    "u10_indented_side_effect_import": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "  jira:issuePanel:\n"
        "    - key: panel\n"
        "      resource: main\n"
        "      render: native\n"
        "      resolver:\n"
        "        function: main\n"
        "      title: P\n"
        "resources:\n"
        "  - key: main\n"
        "    path: src/frontend/index.jsx\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/frontend/Panel.jsx": "import React from 'react';\n"
        "import { requestJira } from "
        "'@forge/bridge';\n"
        "export const save = (k) => "
        "requestJira(`/rest/api/3/issue/${k}`, { "
        "method: 'PUT' });\n"
        "export default function Panel() { return "
        "null; }\n",
        "src/frontend/boot.js": "import { save } from './Panel';\nsave('A');\n",
        "src/frontend/index.jsx": "import React from 'react';\n"
        "import ForgeReconciler from '@forge/react';\n"
        "  import './boot';\n"
        "ForgeReconciler.render(<div />);\n",
        "src/index.js": "export const run = async () => 1;\nexport const handler = run;\n",
    },
    "u12_import_after_jsdoc_close": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "  jira:issuePanel:\n"
        "    - key: panel\n"
        "      resource: main\n"
        "      render: native\n"
        "      resolver:\n"
        "        function: main\n"
        "      title: P\n"
        "resources:\n"
        "  - key: main\n"
        "    path: src/frontend/index.jsx\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/frontend/Panel.jsx": "import React from 'react';\n"
        "import { requestJira } from '@forge/bridge';\n"
        "export const save = (k) => "
        "requestJira(`/rest/api/3/issue/${k}`, { method: "
        "'PUT' });\n"
        "export default function Panel() { return null; "
        "}\n",
        "src/frontend/boot.js": "import { save } from './Panel';\nsave('A');\n",
        "src/frontend/index.jsx": "import React from 'react';\n"
        "import ForgeReconciler from '@forge/react';\n"
        "/**\n"
        " * Entry.\n"
        " */ import './boot';\n"
        "ForgeReconciler.render(<div />);\n",
        "src/index.js": "export const run = async () => 1;\nexport const handler = run;\n",
    },
    "x01_nul_in_extends": {
        "manifest.yml": "modules:\n"
        "  function:\n"
        "    - key: main\n"
        "      handler: index.run\n"
        "    - key: other\n"
        "      handler: other.run\n"
        "permissions:\n"
        "  scopes:\n"
        "    - read:jira-work\n"
        "    - write:jira-work\n",
        "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
        "src/index.js": "import { send } from 'src/lib/jira';\n"
        "export const run = async (k) => { await send(k, 'PUT'); };\n",
        "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
        "export const send = (key, method) => "
        "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { "
        "method });\n",
        "src/other.js": "import { send } from './lib/jira';\n"
        "export const run = async (k) => { await send(k, 'GET'); };\n",
        "tsconfig.json": '{"extends": "./a\x00b.json", "compilerOptions": {"baseUrl": "."}}',
    },
}


#: a third review's apps. A generated file over the size limit (512 KB), so never read,
#: imports the live fetcher
_BIG_GRAPHQL = "import { fetcher } from '../api/fetcher';\n" + "".join(
    f"export const Q{i} = (v) => fetcher('query Q{i} {{ field{i} }}', v);\n" for i in range(9000)
)
PROBES.update(
    {
        "f04_no_extension": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - report:personal-data\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/gdpr": "const { privacy } = require('@forge/api');\n"
            "module.exports = (ids) => privacy.reportPersonalData(ids);\n",
            "src/index.js": "const report = require('./gdpr');\nexports.run = async (ids) => report(ids);\n",
        },
        "p09b_ternary_split_name": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - report:personal-data\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/index.js": "import { privacy } from '@forge/api';\n"
            "const sdk = process.env.MOCK ? globalThis.mockSdk : privacy\n"
            "export const run = async (ids) => { await sdk['report' + "
            "'PersonalData'](ids) }\n",
        },
        "q01_stargate_factory": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - report:personal-data\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/index.js": "import { createRequestStargateAsApp } from '@forge/api';\n"
            "const requestStargate = createRequestStargateAsApp();\n"
            "export const run = async (ids) => "
            "requestStargate('/app/report-accounts', { method: 'POST', "
            "headers: { 'content-type': 'application/json' }, body: "
            "JSON.stringify({ accounts: ids }) });\n",
        },
        "u02_require_concat_index": {
            "manifest.yml": "modules:\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      render: native\n"
            "      title: P\n"
            "      icon: https://example.com/i.png\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "resources:\n"
            "  - key: main\n"
            "    path: src/frontend/index.jsx\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0", '
            '"@forge/bridge": "^3.0.0", "@forge/react": "^10.0.0", '
            '"react": "^18.0.0"}}',
            "src/frontend/actions/api.js": "import { requestJira } from '@forge/bridge';\n"
            "export const save = () => "
            "requestJira('/rest/api/3/issue/KEY-1', { "
            "method: 'PUT', body: '{}' });\n",
            "src/frontend/actions/index.js": "export const noop = 1;\n",
            "src/frontend/index.jsx": "import React from 'react';\n"
            "import ForgeReconciler, { Text } from "
            "'@forge/react';\n"
            "const kind = 'api';\n"
            "const mod = require('./actions/' + kind);\n"
            "const App = () => <Text onClick={() => "
            "mod.save('K-1')}>go</Text>;\n"
            "ForgeReconciler.render(<App />);\n",
            "src/index.js": "export const run = async () => ({ ok: true });\n",
        },
        "u05_folder_pkg_main_and_index": {
            "manifest.yml": "modules:\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      render: native\n"
            "      title: P\n"
            "      icon: https://example.com/i.png\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "resources:\n"
            "  - key: main\n"
            "    path: src/frontend/index.jsx\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0", '
            '"@forge/bridge": "^3.0.0", "@forge/react": "^10.0.0", '
            '"react": "^18.0.0"}}',
            "src/frontend/api/client.js": "import { requestJira } from "
            "'@forge/bridge';\n"
            "export const save = () => "
            "requestJira('/rest/api/3/issue/KEY-1', { "
            "method: 'PUT', body: '{}' });\n",
            "src/frontend/api/index.js": "export const save = () => null;\n",
            "src/frontend/api/package.json": '{"main": "client.js"}',
            "src/frontend/index.jsx": "import React from 'react';\n"
            "import ForgeReconciler, { Text } from "
            "'@forge/react';\n"
            "import { save } from './api';\n"
            "const App = () => <Text onClick={() => "
            "save('K-1')}>save</Text>;\n"
            "ForgeReconciler.render(<App />);\n",
            "src/index.js": "export const run = async () => ({ ok: true });\n",
        },
        "u09b_jsx_tsx_twins": {
            "manifest.yml": "modules:\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      render: native\n"
            "      title: P\n"
            "      icon: https://example.com/i.png\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "resources:\n"
            "  - key: main\n"
            "    path: src/frontend/index.tsx\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0", '
            '"@forge/bridge": "^3.0.0", "@forge/react": "^10.0.0", "react": '
            '"^18.0.0"}}',
            "src/frontend/Panel.jsx": "import React from 'react';\n"
            "import { Text } from '@forge/react';\n"
            "export const Panel = () => <Text>old</Text>;\n",
            "src/frontend/Panel.tsx": "import React from 'react';\n"
            "import { Text } from '@forge/react';\n"
            "import { requestJira } from '@forge/bridge';\n"
            "export const save = () => "
            "requestJira('/rest/api/3/issue/KEY-1', { method: 'PUT', "
            "body: '{}' });\n"
            "export const Panel = () => <Text onClick={() => "
            "save()}>s</Text>;\n",
            "src/frontend/index.tsx": "import React from 'react';\n"
            "import ForgeReconciler, { Text } from '@forge/react';\n"
            "import { Panel } from './Panel';\n"
            "const App = () => <Panel />;\n"
            "ForgeReconciler.render(<App />);\n",
            "src/index.js": "export const run = async () => ({ ok: true });\n",
        },
        "u17b_big_generated_imports_fetcher": {
            "manifest.yml": "modules:\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      render: native\n"
            "      title: P\n"
            "      icon: https://example.com/i.png\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "resources:\n"
            "  - key: main\n"
            "    path: src/frontend/index.jsx\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": '
            '"^3.0.0", "@forge/bridge": "^3.0.0", '
            '"@forge/react": "^10.0.0", "react": "^18.0.0"}}',
            "src/frontend/api/fetcher.js": "import { requestJira } from "
            "'@forge/bridge';\n"
            "export const fetcher = (q, v) => "
            "requestJira('/rest/api/3/issue/KEY-1', "
            "{ method: 'PUT', body: '{}' });\n",
            "src/frontend/generated/graphql.js": _BIG_GRAPHQL,
            "src/frontend/index.jsx": "import React from 'react';\n"
            "import ForgeReconciler, { Text } from "
            "'@forge/react';\n"
            "import { Q1 } from "
            "'./generated/graphql';\n"
            "const App = () => <Text onClick={() => "
            "Q1({})}>go</Text>;\n"
            "ForgeReconciler.render(<App />);\n",
            "src/index.js": "export const run = async () => ({ ok: true });\n",
        },
    }
)


#: apps of a third review: aliases of listed packages, Node built-in names, root-relative imports,
#: workspace packages
PROBES.update(
    {
        "k04c_listed_installed_webpack_alias": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "node_modules/@forge/api/package.json": '{"name": "@forge/api", "version": "3.0.0"}',
            "node_modules/helpers/package.json": '{"name": "helpers", "version": "1.0.0"}',
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0", "helpers": "^1.0.0"}}',
            "src/index.js": "import { send } from 'helpers';\n"
            "export const run = async (k) => { await send(k, "
            "'PUT'); };\n",
            "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
            "export const send = (key, method) => "
            "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
            "{ method });\n",
            "src/other.js": "import { send } from './lib/jira';\n"
            "export const run = async (k) => { await send(k, "
            "'GET'); };\n",
            "webpack.config.js": "module.exports = { resolve: { alias: { "
            "helpers: require('path').resolve(__dirname, "
            "'src/lib/jira.js') } } };\n",
        },
        "k04f_listed_pkgjson_alias_field": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "node_modules/@forge/api/package.json": '{"name": "@forge/api", "version": "3.0.0"}',
            "node_modules/helpers/package.json": '{"name": "helpers", "version": "1.0.0"}',
            "package.json": '{"name": "app", "alias": {"helpers": '
            '"./src/lib/jira.js"}, "dependencies": {"@forge/api": '
            '"^3.0.0", "helpers": "^1.0.0"}}',
            "src/index.js": "import { send } from 'helpers';\n"
            "export const run = async (k) => { await send(k, "
            "'PUT'); };\n",
            "src/lib/jira.js": "import api, { route } from '@forge/api';\n"
            "export const send = (key, method) => "
            "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
            "{ method });\n",
            "src/other.js": "import { send } from './lib/jira';\n"
            "export const run = async (k) => { await send(k, "
            "'GET'); };\n",
        },
        "k09j_customize_cra_addWebpackAlias_listed": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      title: P\n"
            "resources:\n"
            "  - key: main\n"
            "    path: static/ui/dist\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/index.js": "export const run = async () => 1;\n",
            "static/ui/config-overrides.js": "const path = "
            "require('path');\n"
            "const { override, "
            "addWebpackAlias } = "
            "require('customize-cra');\n"
            "module.exports = "
            "override(addWebpackAlias({ "
            "helpers: "
            "path.resolve(__dirname, "
            "'src/api/jira.js') }));\n",
            "static/ui/index.html": '<script type="module" src="/src/main.js"></script>\n',
            "static/ui/package-lock.json": '{"name": "ui", '
            '"lockfileVersion": 3, '
            '"packages": {"": {"name": '
            '"ui", "dependencies": '
            '{"@forge/api": "^3.0.0"}}, '
            '"node_modules/@forge/api": '
            '{"version": "3.0.0"}, '
            '"node_modules/helpers": '
            '{"version": "1.0.0"}}}',
            "static/ui/package.json": '{"name": "ui", "dependencies": '
            '{"@forge/bridge": "^3.0.0", '
            '"react": "^18.0.0"}, '
            '"devDependencies": '
            '{"react-app-rewired": "^2.2.1", '
            '"customize-cra": "^1.0.0"}}',
            "static/ui/src/App.js": "import { save } from 'helpers';\n"
            "export const onSave = (k) => save(k, "
            "'PUT');\n",
            "static/ui/src/View.js": "import { save } from './api/jira';\n"
            "export const onLoad = (k) => "
            "save(k, 'GET');\n",
            "static/ui/src/api/jira.js": "import { requestJira } from "
            "'@forge/bridge';\n"
            "export const save = (key, "
            "method) => "
            "requestJira(`/rest/api/3/issue/${key}`, "
            "{ method });\n",
            "static/ui/src/main.js": "import { onSave } from './App';\n"
            "import { onLoad } from './View';\n"
            "window.x = [onSave, onLoad];\n",
        },
        "k14c_builtin_name_no_config": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/index.js": "import { send } from 'process/jira';\n"
            "export const run = async (k) => { await send(k, 'PUT'); "
            "};\n",
            "src/other.js": "import { send } from './process/jira';\n"
            "export const run = async (k) => { await send(k, 'GET'); "
            "};\n",
            "src/process/jira.js": "import api, { route } from '@forge/api';\n"
            "export const send = (key, method) => "
            "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
            "{ method });\n",
        },
        "k15_vite_root_relative_import": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "  jira:issuePanel:\n"
            "    - key: panel\n"
            "      resource: main\n"
            "      title: P\n"
            "resources:\n"
            "  - key: main\n"
            "    path: static/ui/dist\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "package.json": '{"name": "app", "dependencies": {"@forge/api": "^3.0.0"}}',
            "src/index.js": "export const run = async () => 1;\n",
            "static/ui/index.html": '<script type="module" src="/src/main.js"></script>\n',
            "static/ui/package.json": '{"name": "ui", "dependencies": '
            '{"@forge/bridge": "^3.0.0", "react": '
            '"^18.0.0"}, "devDependencies": {"vite": '
            '"^5.0.0"}}',
            "static/ui/src/App.js": "import { save } from '/src/api/jira.js';\n"
            "export const onSave = (k) => save(k, 'PUT');\n",
            "static/ui/src/View.js": "import { save } from './api/jira';\n"
            "export const onLoad = (k) => save(k, 'GET');\n",
            "static/ui/src/api/jira.js": "import { requestJira } from "
            "'@forge/bridge';\n"
            "export const save = (key, method) => "
            "requestJira(`/rest/api/3/issue/${key}`, { "
            "method });\n",
            "static/ui/src/main.js": "import { onSave } from './App';\n"
            "import { onLoad } from './View';\n"
            "window.x = [onSave, onLoad];\n",
        },
        "k16b_workspace_star_lib_no_forge_dep": {
            "manifest.yml": "modules:\n"
            "  function:\n"
            "    - key: main\n"
            "      handler: index.run\n"
            "    - key: other\n"
            "      handler: other.run\n"
            "permissions:\n"
            "  scopes:\n"
            "    - read:jira-work\n"
            "    - write:jira-work\n",
            "package-lock.json": '{"name": "app", "lockfileVersion": 3, '
            '"packages": {"": {"name": "app", '
            '"workspaces": ["packages/*"], '
            '"dependencies": {"@forge/api": "^3.0.0", '
            '"@acme/jira-lib": "*"}}, '
            '"node_modules/@acme/jira-lib": {"resolved": '
            '"packages/jira-lib", "link": true}, '
            '"packages/jira-lib": {"name": '
            '"@acme/jira-lib", "version": "1.0.0"}, '
            '"node_modules/@forge/api": {"version": '
            '"3.0.0"}}}',
            "package.json": '{"name": "app", "workspaces": ["packages/*"], '
            '"dependencies": {"@forge/api": "^3.0.0", '
            '"@acme/jira-lib": "*"}}',
            "packages/jira-lib/index.js": "import api, { route } from "
            "'@forge/api';\n"
            "export const send = (key, method) "
            "=> "
            "api.asApp().requestJira(route`/rest/api/3/issue/${key}`, "
            "{ method });\n",
            "packages/jira-lib/package.json": '{"name": "@acme/jira-lib", "main": "index.js"}',
            "src/index.js": "import { send } from '@acme/jira-lib';\n"
            "export const run = async (k) => { await send(k, "
            "'PUT'); };\n",
            "src/other.js": "import { send } from '../packages/jira-lib';\n"
            "export const run = async (k) => { await send(k, "
            "'GET'); };\n",
        },
    }
)
