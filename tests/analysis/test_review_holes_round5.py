"""Ways to make a certain finding wrong found in session 9 (review E, on real apps' shapes);
each is now unsure or right. A remote that holds the app's token may read and write the
app's storage (Forge's remote storage API), so `storage:app` is not certainly unused.
"""

from __future__ import annotations

from tests.analysis.certain_findings import certain_cases, check_certain

_APP_ID = "app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n"
_HANDLER = "export const run = async () => ({ ok: true });\n"


def _remote_app(token: str) -> dict[str, str]:
    """A function and a remote with `operations: [storage, compute]`; no storage call in code."""
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "remotes:\n  - key: backend\n    baseUrl: https://backend.example.com\n"
        f"    operations:\n      - storage\n      - compute\n{token}"
        + _APP_ID
        + "permissions:\n  scopes:\n    - storage:app\n    - read:app-system-token\n",
        "src/index.js": _HANDLER,
    }


_SYSTEM_TOKEN = "    auth:\n      appSystemToken:\n        enabled: true\n"

#: (what the app does, (check, rule or scope), files with the manifest)
CASES = [
    ("remote holding the app system token", ("no_high_subject", "storage:app"), _remote_app(_SYSTEM_TOKEN)),
    # a token enabled from a deploy-time variable may be enabled
    (
        "token enabled at deploy time",
        ("no_high_subject", "storage:app"),
        _remote_app(_SYSTEM_TOKEN.replace("enabled: true", "enabled: ${USE_TOKEN}")),
    ),
    # without a token the remote cannot reach the app's storage: unused for certain
    ("remote without a token", ("high", "SC402"), _remote_app("")),
]


@certain_cases(CASES)
def test_review_case(lint_app, check, files):
    check_certain(lint_app, check, files)


def _trigger_app(event: str) -> dict[str, str]:
    """A trigger on `event` whose handler makes no call; the app requests a Confluence scope."""
    return {
        "manifest.yml": "modules:\n  trigger:\n    - key: on-page\n      function: main\n"
        f"      events:\n        - {event}\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + "permissions:\n  scopes:\n    - read:confluence-content.summary\n",
        "src/index.js": _HANDLER,
    }


EVENT_CASES = [
    # not in Forge's published event list: it may be the one that needs the scope
    (
        "unknown Confluence event",
        ("no_high_subject", "read:confluence-content.summary"),
        _trigger_app("avi:confluence:celebrated:page"),
    ),
    # a live doc event Forge documents: it needs this scope, so it is not unused at all
    (
        "documented live doc event",
        ("no_high_subject", "read:confluence-content.summary"),
        _trigger_app("avi:confluence:published:page"),
    ),
    # any Jira family (`jira-servicemanagement`, `jsm-...`) counts for Jira's scopes
    (
        "unknown Jira Service Management event",
        ("no_high_subject", "read:servicedesk-request"),
        {
            **_trigger_app("avi:jira-servicemanagement:created:request"),
            "manifest.yml": _trigger_app("avi:jira-servicemanagement:created:request")[
                "manifest.yml"
            ].replace("read:confluence-content.summary", "read:servicedesk-request"),
        },
    ),
    # a Jira event says nothing about Confluence scopes
    ("known Jira event", ("high", "SC402"), _trigger_app("avi:jira:created:issue")),
]


@certain_cases(EVENT_CASES)
def test_unknown_trigger_events(lint_app, check, files):
    check_certain(lint_app, check, files)


def _macro_app(package: str, scopes: str) -> dict[str, str]:
    """A UI Kit macro whose component reads and writes a content property with `package`'s hook."""
    return {
        "manifest.yml": "modules:\n  macro:\n    - key: m\n      function: main\n      title: M\n"
        "  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + f"permissions:\n  scopes:\n{scopes}",
        "src/index.jsx": "import ForgeUI, { render, Macro, Text } from '@forge/ui';\n"
        f"import {{ useContentProperty }} from '{package}';\n"
        "const App = () => { const [v, setV] = useContentProperty('count', 0); return <Text>{v}</Text>; };\n"
        "export const run = render(<Macro app={<App />} />);\n",
    }


_PROPS = "    - read:confluence-props\n    - write:confluence-props\n"
HOOK_CASES = [
    # UI Kit 1's hook (no published source) may use the v1 property API these scopes serve
    (
        "UI Kit 1 hook, read props",
        ("no_high_subject", "read:confluence-props"),
        _macro_app("@forge/ui-confluence", _PROPS),
    ),
    (
        "UI Kit 1 hook, write props",
        ("no_high_subject", "write:confluence-props"),
        _macro_app("@forge/ui-confluence", _PROPS),
    ),
    (
        "UI Kit 1 hook, other Confluence scope",
        ("no_high_subject", "read:confluence-space.summary"),
        _macro_app("@forge/ui-confluence", "    - read:confluence-space.summary\n"),
    ),
    # @forge/react's hook is read from its source: the v2 page API, which these do not serve
    ("@forge/react hook", ("high", "SC402"), _macro_app("@forge/react", _PROPS)),
]


@certain_cases(HOOK_CASES)
def test_ui_kit_1_property_hooks(lint_app, check, files):
    check_certain(lint_app, check, files)


def _egress_app(entry: str, url: str) -> dict[str, str]:
    """A function that fetches `url`; the manifest declares `entry` for backend fetches."""
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + f"permissions:\n  external:\n    fetch:\n      backend:\n        - '{entry}'\n",
        "src/index.js": f"import {{ fetch }} from '@forge/api';\nexport const run = () => fetch('{url}');\n",
    }


DEPLOY_TIME_CASES = [
    # `${API_HOST}` is filled in at deploy time: it may be the host the code fetches
    (
        "placeholder entry, not unused",
        ("no_high", "SC404"),
        _egress_app("https://${API_HOST}", "https://api.example.com/v1"),
    ),
    (
        "placeholder entry, not missing",
        ("no_high", "SC403"),
        _egress_app("https://${API_HOST}", "https://api.example.com/v1"),
    ),
    # a literal entry that is another host: certainly missing
    (
        "literal entry",
        ("high", "SC403"),
        _egress_app("https://other.example.com", "https://api.example.com/v1"),
    ),
]


@certain_cases(DEPLOY_TIME_CASES)
def test_deploy_time_egress_addresses(lint_app, check, files):
    check_certain(lint_app, check, files)


def _container_app(services: str) -> dict[str, str]:
    """An endpoint module served by a container (Forge Containers); the function makes no call."""
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        "  endpoint:\n    - key: api\n      service: backend\n"
        + services
        + _APP_ID
        + "permissions:\n  scopes:\n    - storage:app\n    - read:jira-work\n",
        "src/index.js": _HANDLER,
    }


_SERVICES = "services:\n  - key: backend\n    containers:\n      - key: app\n        tag: latest\n"
CONTAINER_CASES = [
    # the container's code (any language) is not read: it may use storage and product APIs
    ("container service, storage", ("no_high_subject", "storage:app"), _container_app(_SERVICES)),
    ("container service, Jira", ("no_high_subject", "read:jira-work"), _container_app(_SERVICES)),
    ("no service", ("high", "SC402"), _container_app("")),
]


@certain_cases(CONTAINER_CASES)
def test_container_services(lint_app, check, files):
    check_certain(lint_app, check, files)


_JIRA_RW = "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
_USES_CFG = (
    "import api, { route } from '@forge/api';\nimport './mut';\nimport cfg from './cfg';\n"
    "export const run = (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: cfg.method });\n"
)


def _shared_options(cfg: str, mut: str) -> dict[str, str]:
    """src/cfg.js exports request options; src/mut.js, which imports them, may change them."""
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + _JIRA_RW,
        "src/cfg.js": cfg,
        "src/mut.js": mut,
        "src/index.js": _USES_CFG,
    }


_DEFAULT = "export default { method: 'GET' };\n"
CHANGED_EXPORT_CASES = [
    # the method may be PUT at run time: write:jira-work is not certainly unused
    (
        "export default changed",
        ("no_high_subject", "write:jira-work"),
        _shared_options(_DEFAULT, "import cfg from './cfg';\ncfg.method = 'PUT';\n"),
    ),
    (
        "changed by a quoted key",
        ("no_high_subject", "write:jira-work"),
        _shared_options(_DEFAULT, "import cfg from './cfg';\ncfg['method'] = 'PUT';\n"),
    ),
    (
        "changed by Object.assign",
        ("no_high_subject", "write:jira-work"),
        _shared_options(_DEFAULT, "import cfg from './cfg';\nObject.assign(cfg, { method: 'PUT' });\n"),
    ),
    # a file that imports it but changes nothing: the GET is certain, so is the unused write scope
    (
        "imported, not changed",
        ("high", "SC402"),
        _shared_options(_DEFAULT, "import cfg from './cfg';\nconsole.log(cfg.method);\n"),
    ),
]


@certain_cases(CHANGED_EXPORT_CASES)
def test_exported_options_changed_by_an_importer(lint_app, check, files):
    check_certain(lint_app, check, files)


def _handler_importing(package: str, entry: str) -> dict[str, str]:
    """A function handler whose module (or a helper it imports) imports `package` and fetches
    a host the manifest declares for back-end fetches."""
    files = {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + "permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com\n",
    }
    fetching = f"import {{ x }} from '{package}';\nexport const get = async () => (await fetch('https://api.example.com/x')).json();\n"
    if entry == "handler":
        files["src/index.js"] = fetching.replace("export const get", "export const run")
    else:
        files["src/util.js"] = fetching
        files["src/index.js"] = "import { get } from './util';\nexport const run = () => get();\n"
    return files


BACKEND_CASES = [
    # Forge runs a handler's module on its servers, whatever it imports: its fetch is a back-end one
    ("react in the handler", ("no_high", "SC403,SC404"), _handler_importing("react", "handler")),
    ("react in a helper", ("no_high", "SC403,SC404"), _handler_importing("react", "helper")),
    (
        "@forge/bridge in the handler",
        ("no_high", "SC403,SC404"),
        _handler_importing("@forge/bridge", "handler"),
    ),
    # declared for the browser only: the back-end fetch certainly lacks its entry
    (
        "declared for the browser only",
        ("high", "SC403"),
        {p: t.replace("backend:", "client:") for p, t in _handler_importing("react", "handler").items()},
    ),
]


@certain_cases(BACKEND_CASES)
def test_handler_modules_run_on_the_back_end(lint_app, check, files):
    check_certain(lint_app, check, files)


def _url_changed(cfg: str, setup: dict[str, str]) -> dict[str, str]:
    """src/cfg.js exports a URL the handler fetches; src/setup.js (imported first) may change it."""
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + "permissions:\n  external:\n    fetch:\n      backend:\n        - https://b.example.com\n",
        "src/cfg.js": cfg,
        "src/index.js": "import { fetch } from '@forge/api';\nimport { cfg } from './cfg';\nimport './setup';\n"
        "export const run = () => fetch(cfg.url);\n",
        **setup,
    }


_CFG = "export const cfg = { url: 'https://a.example.com/x' };\n"
URL_CHANGED_CASES = [
    # the fetch may go to b.example.com: neither a missing a.example.com nor an unused b is certain
    (
        "changed through a re-export",
        ("no_high", "SC403,SC404"),
        _url_changed(
            _CFG,
            {
                "src/all.js": "export * from './cfg';\n",
                "src/setup.js": "import { cfg } from './all';\nObject.assign(cfg, { url: 'https://b.example.com/x' });\n",
            },
        ),
    ),
    (
        "handed to a helper",
        ("no_high", "SC403,SC404"),
        _url_changed(
            _CFG,
            {
                "src/util.js": "export function set(o, k, v) { o[k] = v; }\n",
                "src/setup.js": "import { cfg } from './cfg';\nimport { set } from './util';\nset(cfg, 'url', 'https://b.example.com/x');\n",
            },
        ),
    ),
    (
        "handed to a package",
        ("no_high", "SC403,SC404"),
        _url_changed(
            _CFG,
            {
                "src/setup.js": "import { cfg } from './cfg';\nimport merge from 'lodash/merge';\nmerge(cfg, { url: 'https://b.example.com/x' });\n"
            },
        ),
    ),
    (
        "changed by its own method",
        ("no_high", "SC403,SC404"),
        _url_changed(
            "export const cfg = { url: 'https://a.example.com/x', set(u) { this.url = u; } };\n",
            {"src/setup.js": "import { cfg } from './cfg';\ncfg.set('https://b.example.com/x');\n"},
        ),
    ),
    # only read elsewhere: the fetch certainly goes to a.example.com
    (
        "only read",
        ("high", "SC403"),
        _url_changed(_CFG, {"src/setup.js": "import { cfg } from './cfg';\nconsole.log(cfg.url);\n"}),
    ),
]


@certain_cases(URL_CHANGED_CASES)
def test_an_exported_url_changed_elsewhere(lint_app, check, files):
    check_certain(lint_app, check, files)


def _conditional_import(conditions: str) -> dict[str, str]:
    """`#lib/bb` names different files for different conditions; the app `require`s it."""
    bb = "const api = require('@forge/api');\nexports.bb = (k) => api.asApp().requestJira(api.route`/rest/api/3/issue/${k}`{});\n"
    return {
        "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: index.run\n"
        + _APP_ID
        + "permissions:\n  scopes:\n    - read:jira-work\n",
        "package.json": '{"name": "a", "imports": {"#lib/*": ' + conditions + "}}",
        "src/index.js": "const { bb } = require('#lib/bb');\nexports.run = async (e) => bb(e.key);\n",
        "src/cjs/bb.js": bb.replace("{}", ""),
        "src/esm/bb.js": bb.replace("{}", ", { method: 'PUT' }"),
    }


CONDITION_CASES = [
    # which branch loads is not decided: the PUT of one branch may never be sent
    (
        "import and require differ",
        ("no_high", "SC401"),
        _conditional_import('{"import": "./src/esm/*.js", "require": "./src/cjs/*.js"}'),
    ),
    (
        "default listed first",
        ("no_high", "SC401"),
        _conditional_import('{"default": "./src/cjs/*.js", "node": "./src/esm/*.js"}'),
    ),
    # the handler's own module is one of the branches: Forge loads it whatever the import does
    (
        "the handler module is a branch",
        ("high", "SC401"),
        {
            "manifest.yml": "modules:\n  function:\n    - key: main\n      handler: impl-node.run\n"
            + _APP_ID
            + "permissions:\n  scopes:\n    - write:jira-work\n",
            "package.json": '{"name": "a", "imports": {"#impl": {"node": "./src/impl-node.js", "default": "./src/impl-web.js"}}}',
            "src/impl-node.js": "import api, { route } from '@forge/api';\n"
            "export const run = async () => api.asApp().requestJira(route`/rest/api/3/issue/X`);\n",
            "src/impl-web.js": "export const run = async () => null;\n",
            "src/other.js": "import { run } from '#impl';\nexport const go = () => run();\n",
        },
    ),
    # one file whatever the condition: its PUT is certain
    (
        "one file",
        ("high", "SC401"),
        _conditional_import('{"import": "./src/esm/*.js", "require": "./src/esm/*.js"}'),
    ),
]


@certain_cases(CONDITION_CASES)
def test_conditional_subpath_imports(lint_app, check, files):
    check_certain(lint_app, check, files)


_NESTED = "export default { http: { url: 'https://a.example.com/x' } };\n"
_USES_NESTED = (
    "import { fetch } from '@forge/api';\nimport cfg from './cfg';\nimport './setup';\n"
    "export const run = () => fetch(cfg.http.url);\n"
)
_CJS_CFG = "module.exports = { http: { url: 'https://a.example.com/x' } };\n"
_CJS_USES = (
    "const { fetch } = require('@forge/api');\nconst cfg = require('./cfg');\nrequire('./setup');\n"
    "exports.run = () => fetch(cfg.http.url);\n"
)
_TWEAK = "export const tweak = (o) => Object.assign(o, { url: 'https://b.example.com/x' });\n"
MORE_URL_CASES = [
    # an inner object handed on whole by a file that imports the literal
    (
        "inner object handed on (ESM)",
        ("no_high", "SC403,SC404"),
        {
            **_url_changed(_NESTED, {"src/util.js": _TWEAK}),
            "src/index.js": _USES_NESTED,
            "src/setup.js": "import cfg from './cfg';\nimport { tweak } from './util';\ntweak(cfg.http);\n",
        },
    ),
    (
        "inner object handed on (CommonJS)",
        ("no_high", "SC403,SC404"),
        {
            **_url_changed(
                _CJS_CFG, {"src/util.js": _TWEAK.replace("export const tweak =", "exports.tweak =")}
            ),
            "src/index.js": _CJS_USES,
            "src/setup.js": "const cfg = require('./cfg');\nconst { tweak } = require('./util');\ntweak(cfg.http);\n",
        },
    ),
    (
        "loaded with import()",
        ("no_high", "SC403,SC404"),
        {
            **_url_changed(_NESTED, {"src/util.js": _TWEAK}),
            "src/index.js": _USES_NESTED,
            "src/setup.js": "import { tweak } from './util';\nimport('./cfg').then((m) => tweak(m.default.http));\n",
        },
    ),
    (
        "its own method through an alias of this",
        ("no_high", "SC403,SC404"),
        _url_changed(
            "export const cfg = { url: 'https://a.example.com/x', flip() { const self = this; self.url = 'https://b.example.com/x'; } };\n",
            {"src/setup.js": "import { cfg } from './cfg';\ncfg.flip();\n"},
        ),
    ),
    # a string property read and passed on: the fetch certainly goes to a.example.com
    (
        "a string property passed on",
        ("high", "SC403"),
        {
            **_url_changed(_CJS_CFG, {}),
            "src/index.js": _CJS_USES,
            "src/setup.js": "const cfg = require('./cfg');\nconsole.log(cfg.http.url);\n",
        },
    ),
]


@certain_cases(MORE_URL_CASES)
def test_an_exported_url_changed_in_other_ways(lint_app, check, files):
    check_certain(lint_app, check, files)
