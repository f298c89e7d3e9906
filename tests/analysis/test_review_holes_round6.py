"""Wrong certain findings a sixth review (session 11) built against that session's changes;
each app needs the scope named with it at run time (checked with Node), so no certain
SC402 may call it unused. All were unsure before the changes, certain after, unsure again now.
"""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

#: (probe, the scope the app needs, its files)
CASES = [
    (
        "p4_and_helper",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.ts": "import api, { route } from '@forge/api';\n\n// GET when there is no body, PUT with it\nasync function jira(path: ReturnType<typeof route>, body?: object) {\n  const res = await api.asApp().requestJira(path, {\n    method: 'GET',\n    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },\n    ...(body && { method: 'PUT', body: JSON.stringify(body) }),\n  });\n  return res.ok ? res.text() : Promise.reject(new Error(`${res.status}`));\n}\n\nexport async function run(event: { issue: { key: string } }) {\n  const key = event.issue.key;\n  const issue = JSON.parse(await jira(route`/rest/api/3/issue/${key}`));\n  await jira(route`/rest/api/3/issue/${key}`, { fields: { labels: [...issue.fields.labels, 'seen'] } });\n}\n",
        },
    ),
    (
        "p4_and_spread",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run(event) {\n  const k = event.issue.key;\n  const update = event.fields ? { fields: event.fields } : null;\n  // GET the issue, or PUT the update when there is one\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, {\n    method: 'GET',\n    headers: { Accept: 'application/json' },\n    ...(update && { method: 'PUT', body: JSON.stringify(update) }),\n  });\n  return res.status;\n}\n",
        },
    ),
    (
        "p4_andfn",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nimport { overrides } from '@acme/http-defaults';\nfunction makeOpts(fields) { return { method: 'PUT', body: JSON.stringify({ fields }) }; }\nexport async function run(event) {\n  const k = event.issue.key;\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, {\n    method: 'GET',\n    ...(event.fields && makeOpts(event.fields)),\n  });\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_delete_only",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run(event) {\n  const k = event.issue.key;\n  const options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\n  if (!event.fields) delete options.method;\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_delete",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nexport async function run(event) {\n  const k = event.issue.key;\n  if (!event.fields) delete options.method; // nothing to write: just read the issue back\n  console.log('sending', options.method);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_delete_log",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nexport async function run(event) {\n  const k = event.issue.key;\n  const options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\n  if (!event.fields) delete options.method;\n  console.log('request', options);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_nullish",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nexport async function run(event) {\n  const k = event.issue.key;\n  const req = options ?? {};\n  if (!event.fields) req.method = 'GET';\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_nested_subscript",
        "write:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'GET' };\nexport async function run(event) {\n  const k = event.issue.key;\n  // apply the caller's overrides, e.g. [['method', 'PUT'], ['body', '{...}']]\n  const overrides = Object.entries(event.overrides || {});\n  for (let i = 0; i < overrides.length; i++) options[overrides[i][0]] = overrides[i][1];\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_reader_nullish",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nfunction describeRequest(o, fields) {\n  const req = o ?? {};\n  if (!fields) req.method = \"GET\";\n  console.log(req.method);\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  describeRequest(options, event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_reader_ternary",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nfunction describeRequest(o, fields) {\n  const req = o.headers ? o : { headers: {} };\n  if (!fields) req.method = \"GET\";\n  console.log(req.method);\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  describeRequest(options, event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_reader_arguments",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nfunction describeRequest(o, fields) {\n  console.log(o.method);\n  if (!fields) arguments[0].method = \"GET\";\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  describeRequest(options, event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_reader_delete",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nfunction describeRequest(o, fields) {\n  console.log(o.method);\n  if (!fields) delete o.method;\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  describeRequest(options, event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_reader_jsonreplacer",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT', headers: { 'Content-Type': 'application/json' } };\nfunction describeRequest(o, fields) {\n  console.log(JSON.stringify(o, (key, value) => {\n    if (key === \"\" && !fields) value.method = \"GET\";\n    return value;\n  }));\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  describeRequest(options, event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p7_paramdefault",
        "read:jira-work",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nconst options = { method: 'PUT' };\nfunction prepare(fields, req = options) {\n  var options = null; // (a local of the same name, e.g. left from a refactor)\n  if (!fields) req.method = 'GET';\n  return options;\n}\nexport async function run(event) {\n  const k = event.issue.key;\n  prepare(event.fields);\n  const res = await api.asApp().requestJira(route`/rest/api/3/issue/${k}`, options);\n  return res.status;\n}\n",
        },
    ),
    (
        "p6_trigger",
        "write:component:compass",
        {
            "manifest.yml": "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\nmodules:\n  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes:\n    - read:component:compass\n    - write:component:compass\n    - read:jira-work\n",
            "src/index.js": "import api, { route } from '@forge/api';\nimport { getCompassClient } from '@acme/compass-kit';\nexport async function run(event) {\n  const issue = await api.asApp().requestJira(route`/rest/api/3/issue/${event.issueKey}`);\n  return unlink(getCompassClient(), event.componentId, (await issue.json()).fields.summary);\n}\nasync function unlink(compass, componentId, link) {\n  const { success } = await compass.deleteLink({ componentId, link });\n  return success;\n}\n",
        },
    ),
]


@pytest.mark.parametrize(("name", "needed", "files"), CASES, ids=[case[0] for case in CASES])
def test_a_needed_scope_is_never_certainly_unused(lint_app, name, needed, files):
    files = dict(files)
    manifest = files.pop("manifest.yml")
    report = lint_app(manifest, files=files, select="SC402")
    certain = [f.subject for f in report.reported if f.confidence is Confidence.HIGH]
    assert needed not in certain, name


PAIRED = (
    "import api, { route } from '@forge/api';\n"
    "async function jira(method, path) { return api.asApp().requestJira(path, { method }); }\n"
    "export async function run(event) {\n"
    "  const write = !!event.fields;\n"
    "  await jira(write ? 'PUT' : 'GET', write ? route`/rest/api/3/issue/${event.key}` : route`/rest/api/3/myself`);\n"
    "  await api.asApp().requestJira(write ? route`/rest/api/3/issue/${event.key}` : route`/rest/api/3/myself`, { method: write ? 'PUT' : 'GET' });\n"
    "}\n"
)


def test_paths_and_methods_chosen_together_are_not_certain_pairs(lint_app):
    # GET /rest/api/3/issue/{} is never sent: each path goes with one method
    manifest = (
        "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "permissions:\n  scopes:\n    - write:jira-work\n    - read:jira-user\n"
    )
    report = lint_app(manifest, files={"src/index.js": PAIRED}, select="SC401")
    invented = [f for f in report.reported if f.subject.startswith("GET /rest/api/3/issue")]
    assert invented and all(f.confidence is Confidence.LOW for f in invented), [
        f.message for f in report.reported
    ]
