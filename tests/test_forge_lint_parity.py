"""Parity with `forge lint`: every missing scope or egress host it reports, scopecheck finds too.

`forge lint` cannot run here (it downloads the REST specs at run time), so its checks
were read from the published npm packages, never executed, and are restated below as
facts. Packages read (`npm pack`, files under `package/out/`):

- `@forge/lint` 6.3.1 (latest; depends on `@forge/manifest` 13.7.0, `@forge/egress` 3.0.0,
  `@forge/csp` 6.3.2). The current CLI, `@forge/cli` 13.3.0, pins `@forge/lint` 6.1.0 and
  `@forge/manifest` 13.3.0: 6.1.0 differs from 6.3.1 only by lacking the Teamwork Graph
  linter (row T) and by fetching the specs with node-fetch; 13.3.0 maps 149 product events
  instead of 155 and knows only the `jira` Rovo product context (row R).
- `@forge/cli` 13.3.0 `service/lint-service.js`: the files linted are those under `./src`
  and under the folder of every UI Kit (`nativeUI`) resource, minus `.gitignore`d files,
  `.git` and `node_modules`; each file is parsed on its own (no cross-file analysis); all
  linters of `lint/lint.js` `getClientSideLintersOnly` run, plus a server-side linter whose
  rules come from Atlassian's servers (not readable, not covered).

Paths below are relative to `@forge/lint` 6.3.1 `out/lint/linters/` unless a package is named.

| row | check (source) | what it recognises | scopes / hosts accepted, exemptions | reported at | scopecheck |
|---|---|---|---|---|---|
| P1 | product calls: `permission-linter/visitors/product-node-visitor.js` | any call whose callee is an identifier, or a member property, matching `/request(Jira\\|Confluence\\|Bitbucket)/`, by name only (no import check: `api.asApp()`, `asUser()`, `require`, `@forge/bridge`, a destructured or app-defined `requestJira` all count). Path = 1st argument if a string literal, a template literal or a tagged template (any tag), each `${}` read as `\\S*`; a variable, `assumeTrustedRoute(x)` or `+` is skipped. 2nd argument must be absent or an object literal, else the call is skipped; method = a property with identifier key `method` and a string-literal value, else GET (`{method: m}` and `{'method': 'PUT'}` are GET) | see P2-P4 | the path argument (line, col) | `test_product_call_*`; gaps `test_gap_requester_*`, `test_gap_method_not_static` |
| P2 | path to operation: `permission-linter/permission-linter.js` `processPaths`, `verifiers/product-verifier.js` `lookupApiCall` | requestJira: Jira platform `swagger-v3.v3.json` + JSM + JSW specs merged (`{...jira, ...jsm, ...jsw}`); requestConfluence: Confluence `swagger.v3.json` (v1) + `openapi-v2.v3.json`; requestBitbucket: Bitbucket `swagger.json`. Each spec path becomes a RegExp (`{x}` -> `[^/\\s]*`, `\\/?$` appended, no `^`: a suffix match); `?query` is cut; the first path in map order that matches wins, whatever the method; if that path lacks the method nothing is required | Jira v2, `/rest/api/latest` and v1 Confluence paths the specs lack are never checked | | `test_rest_operations_match_forge_rule` (every operation); divergence `test_divergence_forge_suffix_match` |
| P3 | scopes of an operation: `verifiers/product-verifier.js` `getRequiredScopes`, `getBetaScopes` | current = scopes of the `x-atlassian-oauth2-scopes` entries with state `Current`, beta = those with state `Beta`; without that key, current = every scope in `security` (`OAuth2`, `oAuthDefinitions`) | | | same; gap `test_gap_bitbucket_scopes_outside_forge_list` |
| P4 | satisfaction: `@forge/manifest` 13.7.0 `scopes/index.js` `getMissingScopes` | no scope declared -> every current scope is missing; no current scope -> nothing; all current declared, or all beta (when there are beta scopes), or all deprecated -> satisfied; else each missing current scope is one error | `declared beta set -> no finding` | | `test_product_call_negative` |
| S | storage: `permission-linter/visitors/storage-api-node-visitor.js`, `verifiers/storage-api-verifier.js` | a named import whose local name is `storage`, from any module (not `require`, not `@forge/kvs`'s `kvs`) | `storage:app` declared; no alternative | the import specifier | `test_storage_*`; gap `test_gap_imported_but_never_called` |
| H | UI Kit hooks: `visitors/ui-hook-node-visitor.js`, `verifiers/ui-hook-verifier.js` | an import specifier whose local name starts with `useSpaceProperty`, `useContentProperty` or `useIssueProperty`, any module | useIssueProperty current `read:jira-work`+`write:jira-work`, beta `read:issue.property:jira`; useContentProperty current = beta = `read:page:confluence`+`write:page:confluence`; useSpaceProperty current = beta = `read:space:confluence`+`write:space:confluence`; rule P4 | the import specifier | `test_ui_hook_*`; gaps `test_gap_use_issue_property_beta_scope`, `test_gap_imported_but_never_called` |
| N | NotificationApi: `visitors/notification-api-visitor.js`, `verifiers/notification-api-verifier.js` | a named import whose local name is `NotificationApi`, any module | `send:app-notification:jira` or `send:app-notification:confluence`; neither -> one error per scope | the import specifier | gap `test_gap_notification_api` |
| T | Teamwork Graph (6.3.1 only): `teamwork-graph-linter/*.js` | a call `requestTeamworkGraph(...)`, `x.requestTeamworkGraph(...)` or `x['requestTeamworkGraph'](...)` in any linted file | any one of the 70 scopes of `@forge/manifest` `scopes/teamwork-graph-scopes.json`; none -> one warning | manifest.yml, line 0 | gap `test_gap_teamwork_graph` |
| F | fetch: `visitors/external-fetch-call-visitor.js`, `verifiers/external-fetch-verifier.js` | `fetch('<literal>')` (any binding named `fetch`) or `<anything>.fetch('<literal>')`; templates and variables skipped; the member form skips path-only URLs | allow-list = `external.fetch.backend` + `external.fetch.client` together (strings, `{address}`, `{remote}` -> that remote's `baseUrl`); matching per `@forge/egress` 3.0.0 `egress/egress-filtering-service.js`, `egress/url-parser.js`: `*` allows all; otherwise the scheme must be equal (none = `https:`) and the hostname (text before the first `/`, so port and case count) equal, or match a `*.` glob (`*.a.com` -> `^.*\\.a\\.com$`, not the apex); error, or warning when `external.configurable.enabled` | the URL argument | `test_fetch_*`; gaps `test_gap_fetch_*`; divergence `test_divergence_backend_fetch_declared_for_client` |
| I | `<Image src>`: `visitors/image-url-visitor.js`, `verifiers/image-url-verifier.js` | JSX element named `Image` (any import) with `src` a string literal, or inside `{}` the string-literal branches of `?:` and operands of `\\|\\|`, `&&` and `??` (a bare `{'...'}` is not checked); absolute URLs only, not `resource:`/`data:image` | `external.images` plus Atlassian image hosts (`@forge/csp` 6.3.2 `csp/csp-injection-service.js` `getAtlassianImageHost`, prod: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net`, `https://*.wp.com/<that host>/`, `https://api.atlassian.com`, `https://api.media.atlassian.com`, `https://pf-emoji-service.prod-east.frontend.public.atl-paas.net`, reactions, `https://assets-media.atlassian.com`, teams-directory assets, Forge object store) and `EXTERNAL_ALLOW_LISTED_IMAGES_HOSTS` (`https://secure.gravatar.com`, `https://images.unsplash.com`); matching as in F | the `src` value | `test_image_*`; gaps `test_gap_image_src_branches`, `test_gap_image_allow_listed_hosts` |
| D | dynamic-property icons: `dynamic-properties-linter/**` | only when a `confluence:contentBylineItem`, `jira:issueGlance` or `jira:issueContext` module has `dynamicProperties.function`: in any linted file, an arrow function returning an object literal, or `return {...}`, with `icon: '<literal>'` (Confluence) or `status: {type: 'icon', value: {url: '<literal>'}}` (Jira); `resource:`/`data:image` skipped | `external.images` only (no Atlassian exemption), matching as in F | the literal | `test_dynamic_properties_icon` |
| E | trigger events: `@forge/manifest` `validators/product-trigger-scopes-validator.js` (run by `manifest-linter/permissions-manifest-linter.js`) | every entry of `modules.trigger[].events` found in `mapping/product-event-to-scope-mapping.json` (current + beta; no entry has `deprecated`, none has empty current) | rule P4 | first manifest line containing `scopes` | `test_trigger_event_*`, `test_corpus_trigger_events_follow_forge_rule` |
| M | module types: `@forge/manifest` `validators/modules-validators/validateModuleScopes.js` (via `FullValidationProcessor`, `manifest-linter/full-manifest-linter.js`) | `MODULE_TO_SCOPES_MAPPING` in `mapping/module-to-scope-mapping.js`: `bitbucket:mergeCheck` -> `read:pullrequest:bitbucket` | all listed scopes | line of the module key | `test_module_type_merge_check` |
| R | Rovo agents: `@forge/manifest` `validators/agent-product-context-scopes-validator.js` (via `manifest-linter/agent-product-context-permissions-manifest-linter.js`) | `productContexts` of each `rovo:agentConnector` module, per `mapping/agent-product-context-to-scope-mapping.json`: `jira` -> `read:jira-work`, `confluence` -> `read:confluence-content.all` | rule P4 | first line containing `scopes` | gap `test_gap_rovo_agent_product_contexts`; `test_rovo_agent_declared` |
| A | app tokens: `@forge/manifest` `validators/remote-auth-scopes-validator.js` (`FullValidationProcessor`) | a remote or `endpoint` module with `auth.appSystemToken` or `auth.appUserToken` enabled | at least one scope besides `read:app-system-token`/`read:app-user-token`, else "Missing app scopes" (names no scope) | first line containing `scopes` | gap `test_gap_app_token_without_product_scope` |
| X | auth-provider remotes: `@forge/manifest` `validators/providers-validator.js` (`FullValidationProcessor`) | each key in `providers.auth[].remotes` | that remote in `external.fetch.backend` as its exact `baseUrl` string, `{address: baseUrl}` or `{remote: key}` | first line containing the remote key | gap `test_gap_auth_provider_remote_egress` |

Not missing-scope or egress checks (not covered): `invokeRemote` (endpoint-linter: the remote
key exists and has a compute operation), SQL/OS/LLM package modules, the app-managed
permissions SDK check, deprecated CSP/egress formats, the server-side linter.

Where forge lint reports something at another place than scopecheck (storage and hooks at
the import, events and Rovo agents at the `scopes` line, calls at the path argument rather
than the call), the tests below pin scopecheck's own place: the call, the event, the module.
"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from conftest import SHARED, needs_shared, run_lint, write_app
from scopecheck.core.findings import Finding, Report
from scopecheck.ecosystems.forge.catalog.build import DOCUMENTED_LIVE_DOC_EVENTS
from scopecheck.ecosystems.forge.catalog.endpoints import load_endpoints

FORGE_DATA = SHARED / "data" / "forge"
OPENAPI = SHARED / "data" / "atlassian-openapi"
CORPUS = SHARED / "corpus" / "forge-manifests"

FUNCTION = "  function:\n    - key: main\n      handler: index.run\n"
UI_KIT = (
    "  jira:issuePanel:\n    - key: panel\n      title: Panel\n      resource: ui\n      render: native\n"
    "resources:\n  - key: ui\n    path: src/frontend/index.jsx\n"
)


# -- the Forge rule, restated -------------------------------------------------------------


def forge_missing(
    declared: set[str], current: Sequence[str], beta: Sequence[str] = (), deprecated: Sequence[str] = ()
) -> list[str]:
    """The scopes forge lint reports for one requirement (@forge/manifest getMissingScopes)."""
    if not declared:
        return list(current)
    if not current:
        return []
    missing = [scope for scope in current if scope not in declared]
    if not missing:
        return []
    if beta and all(scope in declared for scope in beta):
        return []
    if deprecated and all(scope in declared for scope in deprecated):
        return []
    return missing


def test_forge_rule_as_restated():
    assert forge_missing(set(), ["a", "b"], ["c"]) == ["a", "b"]
    assert forge_missing({"x"}, [], ["c"]) == []
    assert forge_missing({"a"}, ["a", "b"], ["c"]) == ["b"]
    assert forge_missing({"c"}, ["a", "b"], ["c"]) == []
    assert forge_missing({"d"}, ["a"], [], ["d"]) == []


# -- helpers ------------------------------------------------------------------------------


def manifest(scopes: tuple[str, ...] | None = (), modules: str = FUNCTION, extra: str = "") -> str:
    """A manifest; `scopes=None` leaves `permissions.scopes` out; an indented `extra` continues
    `permissions:`, any other starts top-level keys."""
    text = "modules:\n" + modules
    if scopes is not None or extra.startswith("  "):
        text += "permissions:\n"
    if scopes is not None:
        text += "  scopes:" + ("".join(f"\n    - {s}" for s in scopes) or " []") + "\n"
    return text + extra


def code(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(source: str, needle: str) -> int:
    """1-based line of the first line of `source` containing `needle`."""
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the fixture")


def hits(report: Report, rule: str, file: str, line: int) -> list[Finding]:
    return [
        f
        for f in report.reported
        if f.rule_id == rule and Path(f.span.path).name == file and f.span.line == line
    ]


def assert_reported(report: Report, rule: str, file: str, line: int, names: list[str]) -> None:
    """A `rule` finding at `file:line` whose message or help names every one of `names`."""
    found = hits(report, rule, file, line)
    everything = [(Path(f.span.path).name, f.span.line, f.rule_id, f.subject) for f in report.reported]
    assert found, f"no {rule} at {file}:{line}; reported: {everything}"
    text = " ".join(f"{f.message} {f.help}" for f in found)
    for name in names:
        assert f"`{name}`" in text, f"{name} not named: {text}"


def rule_findings(report: Report, rule: str) -> list[tuple[str, int, str]]:
    return [(Path(f.span.path).name, f.span.line, f.subject) for f in report.reported if f.rule_id == rule]


# -- P1-P4: product REST calls ------------------------------------------------------------

API_APP = code(
    """
    import api, { route } from '@forge/api';

    export const run = () => api.asApp().requestJira(route`/rest/api/3/myself`);
    """
)
REQUIRE_AS_USER = code(
    """
    const api = require('@forge/api');
    const { route } = api;

    exports.run = async (key) => api.asUser().requestJira(route`/rest/api/3/issue/${key}`);
    """
)
BRIDGE_LITERAL = code(
    """
    import { requestJira } from '@forge/bridge';

    export const load = () => requestJira('/rest/api/3/issue/ABC-1?fields=summary');
    """
)
BRIDGE_TEMPLATE_PUT = code(
    """
    import { requestJira } from '@forge/bridge';

    export const save = (key, body) => requestJira(`/rest/api/3/issue/${key}`, { method: 'PUT', body });
    """
)
DESTRUCTURED = code(
    """
    import api, { route } from '@forge/api';

    const { requestJira } = api.asApp();
    export const run = (key) => requestJira(route`/rest/api/3/issue/${key}`, { method: 'delete' });
    """
)
OPTIONS_OBJECT = code(
    """
    import api, { route } from '@forge/api';

    export async function comment(key, text) {
      return api.asUser().requestJira(route`/rest/api/3/issue/${key}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: text }),
      });
    }
    """
)
JSM = code(
    """
    import api, { route } from '@forge/api';

    export const requests = () => api.asApp().requestJira(route`/rest/servicedeskapi/request`);
    """
)
JSW = code(
    """
    import api, { route } from '@forge/api';

    export const boards = () => api.asApp().requestJira(route`/rest/agile/1.0/board`);
    """
)
CONFLUENCE_V1 = code(
    """
    import api, { route } from '@forge/api';

    export const find = (cql) => api.asUser().requestConfluence(route`/wiki/rest/api/search?cql=${cql}`);
    """
)
CONFLUENCE_V2 = code(
    """
    import api, { route } from '@forge/api';

    export const update = (id, body) =>
      api.asApp().requestConfluence(route`/wiki/api/v2/pages/${id}`, { method: 'PUT', body });
    """
)
BITBUCKET = code(
    """
    import api, { route } from '@forge/api';

    export const prs = (w, r) => api.asApp().requestBitbucket(route`/2.0/repositories/${w}/${r}/pullrequests`);
    """
)
TYPESCRIPT = code(
    """
    import api, { route } from '@forge/api';

    export async function properties(key: string): Promise<unknown> {
      const response = await api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`);
      return response.json();
    }
    """
)
HELPER_NAMED_REQUEST_JIRA = {
    "src/jira.js": code(
        """
        import api from '@forge/api';

        export const requestJira = (path, options) => api.asApp().requestJira(path, options);
        """
    ),
    "src/index.js": code(
        """
        import { route } from '@forge/api';
        import { requestJira } from './jira';

        export const run = () => requestJira(route`/rest/api/3/project/search`);
        """
    ),
}

#: (id, files, file with the call, needle on the call's line, the scopes forge lint reports)
PRODUCT_CALLS = [
    ("asApp-tagged-route", {"src/index.js": API_APP}, "index.js", "requestJira(", ["read:jira-user"]),
    ("require-asUser", {"src/index.js": REQUIRE_AS_USER}, "index.js", "requestJira(", ["read:jira-work"]),
    ("bridge-string-query", {"src/load.js": BRIDGE_LITERAL}, "load.js", "requestJira(", ["read:jira-work"]),
    ("bridge-template-put", {"src/save.js": BRIDGE_TEMPLATE_PUT}, "save.js", "requestJira(", ["write:jira-work"]),
    ("destructured-delete", {"src/index.js": DESTRUCTURED}, "index.js", "requestJira(route", ["write:jira-work"]),
    ("options-object-post", {"src/index.js": OPTIONS_OBJECT}, "index.js", "requestJira(", ["write:jira-work"]),
    ("jsm", {"src/index.js": JSM}, "index.js", "requestJira(", ["read:servicedesk-request"]),
    ("jsw-two-current", {"src/index.js": JSW}, "index.js", "requestJira(", ["read:board-scope:jira-software", "read:project:jira"]),
    ("confluence-v1", {"src/index.js": CONFLUENCE_V1}, "index.js", "requestConfluence(", ["search:confluence"]),
    ("confluence-v2-put", {"src/index.js": CONFLUENCE_V2}, "index.js", "requestConfluence(", ["write:page:confluence"]),
    ("bitbucket", {"src/index.js": BITBUCKET}, "index.js", "requestBitbucket(", ["read:pullrequest:bitbucket"]),
    ("typescript", {"src/index.ts": TYPESCRIPT}, "index.ts", "requestJira(", ["read:jira-work"]),
    ("app-helper-named-requestJira", HELPER_NAMED_REQUEST_JIRA, "index.js", "requestJira(route", ["read:jira-work"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "file", "needle", "scopes"), [c[1:] for c in PRODUCT_CALLS], ids=[c[0] for c in PRODUCT_CALLS]
)
@pytest.mark.parametrize("declared", [None, ("storage:app",)], ids=["no-scopes", "other-scope"])
def test_product_call_reported(lint_app, files, file, needle, scopes, declared):
    report = lint_app(manifest(declared), files=files, select="SC401")
    source = next(text for name, text in files.items() if name.endswith(file))
    assert_reported(report, "SC401", file, line_of(source, needle), scopes)


def test_product_call_partly_declared_sets(lint_app):
    """Half of the beta set, or one of two current scopes, does not satisfy forge lint."""
    report = lint_app(manifest(("read:user:jira",)), files={"src/index.js": API_APP}, select="SC401")
    assert_reported(report, "SC401", "index.js", 3, ["read:jira-user"])
    report = lint_app(
        manifest(("read:board-scope:jira-software",)), files={"src/index.js": JSW}, select="SC401"
    )
    assert_reported(report, "SC401", "index.js", 3, ["read:project:jira"])


@pytest.mark.parametrize(
    ("files", "declared"),
    [
        ({"src/index.js": API_APP}, ("read:jira-user",)),  # current
        (
            {"src/index.js": API_APP},
            ("read:application-role:jira", "read:group:jira", "read:user:jira", "read:avatar:jira"),  # beta
        ),
        ({"src/save.js": BRIDGE_TEMPLATE_PUT}, ("write:jira-work",)),
        ({"src/save.js": BRIDGE_TEMPLATE_PUT}, ("write:issue:jira",)),  # beta
        ({"src/index.js": JSW}, ("read:board-scope:jira-software", "read:project:jira")),
        ({"src/index.js": CONFLUENCE_V1}, ("search:confluence",)),
        ({"src/index.js": CONFLUENCE_V1}, ("read:content-details:confluence",)),  # beta
        ({"src/index.js": BITBUCKET}, ("read:pullrequest:bitbucket",)),
    ],
    ids=["current", "beta", "put-current", "put-beta", "jsw", "conf-current", "conf-beta", "bitbucket"],
)
def test_product_call_negative(lint_app, files, declared):
    assert rule_findings(lint_app(manifest(declared), files=files, select="SC401"), "SC401") == []


def test_product_call_spanning_lines_covers_forge_line(lint_app):
    """forge lint points at the path argument; scopecheck's span (the call) contains that line."""
    source = code(
        """
        import api, { route } from '@forge/api';

        export const run = (key) =>
          api.asApp().requestJira(
            route`/rest/api/3/issue/${key}`,
          );
        """
    )
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC401")
    (finding,) = report.reported
    forge_line = line_of(source, "route`")
    assert finding.span.line == line_of(source, "requestJira(")
    assert finding.span.line <= forge_line <= finding.span.end_line


def test_divergence_forge_suffix_match(lint_app):
    """Deliberate: forge lint's suffix match sends GET /wiki/api/v2/pages/{id}/labels to the
    spec's GET /labels (it comes first in the v2 spec) and asks for `read:label:confluence`;
    the operation itself needs `read:page:confluence`, which is what scopecheck checks.
    `test_rest_operations_match_forge_rule` lists every operation forge lint mismatches this way."""
    source = "import api, { route } from '@forge/api';\nexport const l = (id) => api.asApp().requestConfluence(route`/wiki/api/v2/pages/${id}/labels`);\n"
    report = lint_app(manifest(("read:page:confluence",)), files={"src/index.js": source}, select="SC401")
    assert rule_findings(report, "SC401") == []


def test_requester_passed_as_parameter(lint_app):
    source = code(
        """
        import api, { route } from '@forge/api';

        async function me(client) {
          return client.requestJira(route`/rest/api/3/myself`);
        }
        export const run = () => me(api.asApp());
        """
    )
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC401")
    assert_reported(report, "SC401", "index.js", line_of(source, "client.requestJira"), ["read:jira-user"])


def test_requester_on_this(lint_app):
    source = code(
        """
        import api, { route } from '@forge/api';

        export class Jira {
          constructor() {
            this.requester = api.asApp();
          }
          me() {
            return this.requester.requestJira(route`/rest/api/3/myself`);
          }
        }
        """
    )
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC401")
    assert_reported(
        report, "SC401", "index.js", line_of(source, "this.requester.requestJira"), ["read:jira-user"]
    )


def test_method_not_static(lint_app):
    """forge lint reads `{method: m}` as GET; scopecheck leaves the call unresolved. No method of
    GET/PUT/DELETE /rest/api/3/issue/{} is satisfied by `storage:app`, so it fails whatever `m` is."""
    source = code(
        """
        import api, { route } from '@forge/api';

        export const run = (key, m) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: m });
        """
    )
    report = lint_app(manifest(("storage:app",)), files={"src/index.js": source}, select="SC401")
    assert_reported(report, "SC401", "index.js", 3, ["read:jira-work"])


def test_bitbucket_scopes_outside_forge_list(lint_app):
    """Bitbucket's spec gives POST .../deploy-keys the current scopes `admin:repository:bitbucket`
    and `write:ssh-key:bitbucket`; the second is not a Forge scope, so the catalog drops the
    operation and the call is unresolved. forge lint reports both scopes."""
    source = code(
        """
        import api, { route } from '@forge/api';

        export const addKey = (w, r, body) =>
          api.asApp().requestBitbucket(route`/2.0/repositories/${w}/${r}/deploy-keys`, { method: 'POST', body });
        """
    )
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC401")
    assert_reported(
        report, "SC401", "index.js", line_of(source, "requestBitbucket("), ["admin:repository:bitbucket"]
    )


# -- P2-P4 over every operation of the specs forge lint downloads ------------------------

#: request function -> (spec file in shared/data/atlassian-openapi, key prefix, request path prefix)
FORGE_SPECS = {
    "jira": (
        ("jira-platform-v3.json.gz", "", ""),
        ("jira-service-management.json.gz", "", ""),
        ("jira-software.json.gz", "", ""),
    ),
    # the stored v1 copy has `/wiki` pruned from its paths (SOURCES.md); the official keys have it
    "confluence": (
        ("confluence-v1.json.gz", "/wiki", "/wiki"),
        ("confluence-v2.json.gz", "", "/wiki/api/v2"),
    ),
    "bitbucket": (("bitbucket-swagger2.json.gz", "", "/2.0"),),
}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_SPEC_PARAM = re.compile(r"\{[^}]*\}")


def _forge_path_map(product: str) -> list[tuple[re.Pattern[str], str, dict, str]]:
    """(regex, key, path item, request prefix) in forge lint's order; a later spec's key replaces
    an earlier one's item in place, as a JavaScript object spread does."""
    merged: dict[str, tuple[dict, str]] = {}
    for filename, key_prefix, call_prefix in FORGE_SPECS[product]:
        with gzip.open(OPENAPI / filename, "rt", encoding="utf-8") as handle:
            paths = json.load(handle)["paths"]
        for path, item in paths.items():
            merged[key_prefix + path] = (item, call_prefix)
    return [
        (re.compile(_SPEC_PARAM.sub(r"[^\\/\\s]*", key) + r"\/?$"), key, item, call_prefix)
        for key, (item, call_prefix) in merged.items()
    ]


def _forge_scopes(operation: dict) -> tuple[list[str], list[str]]:
    entries = operation.get("x-atlassian-oauth2-scopes")
    if entries:
        current = [s for e in entries if e.get("state") == "Current" for s in e.get("scopes", [])]
        beta = [s for e in entries if e.get("state") == "Beta" for s in e.get("scopes", [])]
        return current, beta
    security = operation.get("security") or []
    return [
        s for req in security for s in (req.get("OAuth2") or []) + (req.get("oAuthDefinitions") or [])
    ], []


def _rest_parity() -> dict[str, list]:
    """Every operation forge lint requires scopes for, compared with scopecheck's catalog."""
    endpoints = load_endpoints()
    forge_scopes = set(json.loads((FORGE_DATA / "scopes.json").read_text(encoding="utf-8")))
    result: dict[str, list] = {
        "checked": [],
        "looser": [],
        "missing": [],
        "outside_forge": [],
        "mismatched": [],
    }
    for product in FORGE_SPECS:
        path_map = _forge_path_map(product)
        for _regex, key, item, call_prefix in path_map:
            spec_path = key[len("/wiki") :] if call_prefix == "/wiki" else key
            for method in METHODS:
                operation = item.get(method)
                if not isinstance(operation, dict):
                    continue
                forge_request = call_prefix + _SPEC_PARAM.sub(r"\\S*", spec_path)  # `${x}` as forge reads it
                matched = next(k for r, k, _i, _c in path_map if r.search(forge_request))
                label = f"{product} {method.upper()} {call_prefix}{spec_path}"
                if matched != key:
                    result["mismatched"].append(f"{label} -> {matched}")
                    continue
                current, beta = _forge_scopes(operation)
                if not current:
                    continue  # forge lint requires nothing
                result["checked"].append(label)
                found = endpoints.lookup(
                    product, method.upper(), call_prefix + _SPEC_PARAM.sub("{}", spec_path)
                )
                if found is None:
                    outside = not set(current) <= forge_scopes
                    result["outside_forge" if outside else "missing"].append(f"{label} {current}")
                    continue
                for alternative in found.alternatives:
                    if forge_missing(set(alternative), current, beta):
                        result["looser"].append(f"{label}: {alternative} leaves {current} / beta {beta}")
    return result


@pytest.fixture(scope="module")
def rest_parity() -> dict[str, list]:
    return _rest_parity()


@needs_shared
def test_rest_operations_match_forge_rule(rest_parity):
    """For every operation of the specs forge lint downloads (stored copies in shared/data):
    scopecheck knows it, and each scope set scopecheck accepts also satisfies forge lint, so a
    call forge lint flags is flagged by scopecheck too, whatever the manifest declares."""
    assert len(rest_parity["checked"]) > 1200
    assert rest_parity["missing"] == []
    assert rest_parity["looser"] == []
    # operations forge lint checks against another path (suffix match, first match wins):
    # deliberate divergence, see test_divergence_forge_suffix_match
    assert "confluence GET /wiki/api/v2/pages/{id}/labels -> /labels" in rest_parity["mismatched"]
    assert len(rest_parity["mismatched"]) < 40


@needs_shared
def test_rest_operations_with_scopes_outside_forge_list(rest_parity):
    assert rest_parity["outside_forge"] == []


# -- S, H, N, T: storage, UI Kit hooks, NotificationApi, Teamwork Graph ---------------------

STORAGE = code(
    """
    import { storage } from '@forge/api';

    export async function run(key) {
      const last = await storage.get('last');
      await storage.set('last', key);
      return last;
    }
    """
)


def test_storage_call_reported(lint_app):
    report = lint_app(manifest(("read:jira-work",)), files={"src/index.js": STORAGE}, select="SC401")
    assert_reported(report, "SC401", "index.js", line_of(STORAGE, "storage.get"), ["storage:app"])
    assert_reported(report, "SC401", "index.js", line_of(STORAGE, "storage.set"), ["storage:app"])


def test_storage_declared(lint_app):
    report = lint_app(manifest(("storage:app",)), files={"src/index.js": STORAGE}, select="SC401")
    assert rule_findings(report, "SC401") == []


HOOKS = [
    ("@forge/react", "useIssueProperty", ["read:jira-work", "write:jira-work"]),
    ("@forge/react", "useContentProperty", ["read:page:confluence", "write:page:confluence"]),
    ("@forge/react", "useSpaceProperty", ["read:space:confluence", "write:space:confluence"]),
    ("@forge/ui", "useIssueProperty", ["read:jira-work", "write:jira-work"]),
]


def hook_app(package: str, hook: str) -> str:
    return code(
        f"""
        import React from 'react';
        import {{ {hook} }} from '{package}';

        export const App = () => {{
          const [value] = {hook}('approval', 0);
          return value;
        }};
        """
    )


@pytest.mark.parametrize(("package", "hook", "scopes"), HOOKS)
def test_ui_hook_reported(lint_app, package, hook, scopes):
    source = hook_app(package, hook)
    report = lint_app(manifest(("storage:app",)), files={"src/frontend/index.jsx": source}, select="SC401")
    assert_reported(report, "SC401", "index.jsx", line_of(source, f"= {hook}("), scopes)


@pytest.mark.parametrize(("package", "hook", "scopes"), HOOKS)
def test_ui_hook_declared(lint_app, package, hook, scopes):
    report = lint_app(
        manifest(tuple(scopes)), files={"src/frontend/index.jsx": hook_app(package, hook)}, select="SC401"
    )
    assert rule_findings(report, "SC401") == []


def test_use_issue_property_beta_scope_needs_its_write_scope_too(lint_app):
    """forge lint accepts `read:issue.property:jira` alone for useIssueProperty; the hook's
    own source (@forge/react jiraEntity.js) POSTs a missing property on its first read and
    PUTs it in the setter, so scopecheck asks for `write:issue.property:jira` too, and never
    calls that scope unused (a wrong certain SC402 would make --fix delete it)."""
    source = hook_app("@forge/react", "useIssueProperty")
    report = lint_app(
        manifest(("read:issue.property:jira",)), files={"src/frontend/index.jsx": source}, select="SC401"
    )
    assert [f.message.split(" needs ")[1].split(" (or ")[0] for f in report.reported] == [
        "`write:issue.property:jira`"
    ]
    both = manifest(("read:issue.property:jira", "write:issue.property:jira"))
    report = lint_app(both, files={"src/frontend/index.jsx": source}, select="SC401,SC402")
    assert rule_findings(report, "SC401") == [] and rule_findings(report, "SC402") == []


@pytest.mark.parametrize(
    ("source", "scopes"),
    [
        ("import { storage } from '@forge/api';\n\nexport const run = () => 1;\n", ["storage:app"]),
        (
            "import { useIssueProperty } from '@forge/react';\n\nexport const App = () => null;\n",
            ["read:jira-work", "write:jira-work"],
        ),
    ],
    ids=["storage", "hook"],
)
def test_imported_but_never_called(lint_app, source, scopes):
    """forge lint reports at the import itself, called or not."""
    report = lint_app(manifest(("read:confluence-user",)), files={"src/index.jsx": source}, select="SC401")
    assert_reported(report, "SC401", "index.jsx", 1, scopes)


def test_notification_api(lint_app):
    # forge lint checks the imported name only, whatever the module (@forge/api 8.3.0 has no such export)
    source = code(
        """
        import { NotificationApi } from '@forge/api';

        export const notify = (user) => new NotificationApi().send({ recipients: [user] });
        """
    )
    report = lint_app(manifest(("read:jira-work",)), files={"src/index.js": source}, select="SC401")
    found = [f for f in report.reported if f.rule_id == "SC401" and Path(f.span.path).name == "index.js"]
    assert found
    text = " ".join(f.message + f.help for f in found)
    assert "`send:app-notification:jira`" in text and "`send:app-notification:confluence`" in text


def test_teamwork_graph(lint_app):
    source = code(
        """
        import api from '@forge/api';

        export const search = () => api.asUser().requestTeamworkGraph('query { me { id } }');
        """
    )
    report = lint_app(manifest(("read:jira-work",)), files={"src/index.js": source}, select="SC401")
    found = hits(report, "SC401", "index.js", line_of(source, "requestTeamworkGraph("))
    assert found, rule_findings(report, "SC401")


# -- F: fetch -----------------------------------------------------------------------------

URL = "https://api.example.com/v1/items"
FETCH_FORMS = [
    ("forge-api-named", "import { fetch } from '@forge/api';\n\nexport const run = () => fetch('URL');\n", "backend"),
    ("forge-api-member", "import api from '@forge/api';\n\nexport const run = () => api.fetch('URL');\n", "backend"),
    ("global", "export const run = () => fetch('URL', { method: 'POST' });\n", "backend"),
    ("node-fetch", "import fetch from 'node-fetch';\n\nexport const run = () => fetch('URL');\n", "backend"),
    ("cross-fetch-require", "const fetch = require('cross-fetch');\n\nexports.run = () => fetch('URL');\n", "backend"),
    ("window-in-frontend", "import { view } from '@forge/bridge';\n\nexport const load = () => window.fetch('URL');\n", "client"),
    ("globalThis-in-frontend", "import { view } from '@forge/bridge';\n\nexport const load = () => globalThis.fetch('URL');\n", "client"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "kind"), [f[1:] for f in FETCH_FORMS], ids=[f[0] for f in FETCH_FORMS])
def test_fetch_reported(lint_app, source, kind):
    source = source.replace("URL", URL)
    # a handler's module runs on Forge's servers whatever it imports: front-end code is a file
    # no handler imports
    path = "src/frontend/index.js" if kind == "client" else "src/index.js"
    report = lint_app(manifest(), files={path: source}, select="SC403")
    assert_reported(report, "SC403", "index.js", line_of(source, "fetch("), ["api.example.com"])
    assert (
        f"permissions.external.fetch.{kind}"
        in hits(report, "SC403", "index.js", line_of(source, "fetch("))[0].message
    )


FETCH = f"import {{ fetch }} from '@forge/api';\n\nexport const run = () => fetch('{URL}');\n"


def egress(entries: str, kind: str = "backend") -> str:
    return f"  external:\n    fetch:\n      {kind}:\n" + "".join(
        f"        - {e}\n" for e in entries.split("|")
    )


@pytest.mark.parametrize(
    "extra",
    [
        egress("https://api.example.com"),
        egress("api.example.com"),  # no scheme: https
        egress("https://api.example.com/v1/"),  # the path is not compared
        egress("address: https://api.example.com"),
        egress("'*.example.com'"),
        egress("'*'"),
        egress("remote: items") + "remotes:\n  - key: items\n    baseUrl: https://api.example.com\n",
    ],
    ids=["url", "host", "with-path", "address", "wildcard", "star", "remote"],
)
def test_fetch_declared(lint_app, extra):
    report = lint_app(manifest(("storage:app",), extra=extra), files={"src/index.js": FETCH}, select="SC403")
    assert rule_findings(report, "SC403") == []


def test_fetch_wildcard_does_not_cover_apex(lint_app):
    source = (
        "import { fetch } from '@forge/api';\n\nexport const run = () => fetch('https://example.com/x');\n"
    )
    report = lint_app(
        manifest(("storage:app",), extra=egress("'*.example.com'")),
        files={"src/index.js": source},
        select="SC403",
    )
    assert_reported(report, "SC403", "index.js", 3, ["example.com"])


def test_fetch_with_configurable_egress_still_reported(lint_app):
    """With `external.configurable.enabled` forge lint still reports the host (as a warning)."""
    extra = "  external:\n    configurable:\n      enabled: true\n"
    report = lint_app(manifest(("storage:app",), extra=extra), files={"src/index.js": FETCH}, select="SC403")
    assert_reported(report, "SC403", "index.js", 3, ["api.example.com"])


def test_configurable_egress_is_valid(lint_app):
    extra = "  external:\n    configurable:\n      enabled: true\n"
    report = lint_app(manifest(("storage:app",), extra=extra), files={"src/index.js": FETCH})
    assert rule_findings(report, "SC001") == []


def test_divergence_backend_fetch_declared_for_client(lint_app):
    """Deliberate: forge lint allows a host listed under either fetch list; a backend fetch to a
    host declared only for the browser is blocked at run time, so scopecheck reports it."""
    report = lint_app(
        manifest(("storage:app",), extra=egress("https://api.example.com", "client")),
        files={"src/index.js": FETCH},
        select="SC403",
    )
    assert_reported(report, "SC403", "index.js", 3, ["api.example.com"])


@pytest.mark.parametrize(
    "source",
    [
        "import { fetch } from 'undici';\n\nexport const run = () => fetch('URL');\n",
        "import fetch from 'isomorphic-fetch';\n\nexport const run = () => fetch('URL');\n",
    ],
    ids=["undici", "isomorphic-fetch"],
)
def test_fetch_from_other_packages(lint_app, source):
    source = source.replace("URL", URL)
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC403")
    assert_reported(report, "SC403", "index.js", 3, ["api.example.com"])


def test_fetch_member_of_unknown_object(lint_app):
    source = f"export const run = (http) => http.fetch('{URL}');\n"
    report = lint_app(manifest(), files={"src/index.js": source}, select="SC403")
    assert_reported(report, "SC403", "index.js", 1, ["api.example.com"])


@pytest.mark.parametrize(
    ("declared", "url"),
    [
        ("https://api.example.com", "https://api.example.com:8443/v1"),
        ("https://api.example.com:8443", "https://api.example.com/v1"),
        ("http://api.example.com", "https://api.example.com/v1"),
        ("api.example.com", "http://api.example.com/v1"),
    ],
    ids=["port-in-url", "port-declared", "http-declared", "http-fetched"],
)
def test_fetch_port_and_scheme(lint_app, declared, url):
    source = f"import {{ fetch }} from '@forge/api';\n\nexport const run = () => fetch('{url}');\n"
    report = lint_app(
        manifest(("storage:app",), extra=egress(declared)), files={"src/index.js": source}, select="SC403"
    )
    assert_reported(report, "SC403", "index.js", 3, ["api.example.com"])


def test_auth_provider_remote_egress(lint_app):
    modules = FUNCTION + code(
        """
        providers:
          auth:
            - key: google
              name: Google
              scopes:
                - profile
              type: oauth2
              clientId: abc
              remotes:
                - google-apis
              bearerMethod: authorization-header
              actions:
                authorization:
                  remote: google-account
                  path: /o/oauth2/v2/auth
                exchange:
                  remote: google-oauth
                  path: /token
                retrieveProfile:
                  remote: google-apis
                  path: /userinfo/v2/me
                  resolvers:
                    id: id
                    displayName: email
        remotes:
          - key: google-apis
            baseUrl: https://www.googleapis.com
          - key: google-account
            baseUrl: https://accounts.google.com
          - key: google-oauth
            baseUrl: https://oauth2.googleapis.com
        """
    )
    text = manifest(("storage:app",), modules=modules)
    report = lint_app(text, files={"src/index.js": "export const run = () => 1;\n"}, select="SC4")
    found = [
        f
        for f in report.reported
        if f.rule_id in ("SC401", "SC403") and "www.googleapis.com" in f.message + f.subject
    ]
    assert found, [(f.rule_id, f.span.line, f.subject) for f in report.reported]
    assert found[0].span.line == line_of(text, "- google-apis")


# -- I, D: images ----------------------------------------------------------------------------


def image_app(src: str) -> str:
    return code(
        f"""
        import React from 'react';
        import {{ Image }} from '@forge/react';

        export const App = ({{ big, url }}) => <Image src={src} alt="logo" />;
        """
    )


def test_image_reported(lint_app):
    source = image_app('"https://cdn.example.com/logo.png"')
    report = lint_app(
        manifest(("storage:app",), modules=UI_KIT), files={"src/frontend/index.jsx": source}, select="SC403"
    )
    assert_reported(report, "SC403", "index.jsx", line_of(source, "<Image"), ["cdn.example.com"])


def test_image_declared(lint_app):
    source = image_app('"https://cdn.example.com/logo.png"')
    extra = "  external:\n    images:\n      - https://cdn.example.com\n"
    report = lint_app(
        manifest(("storage:app",), modules=UI_KIT, extra=extra),
        files={"src/frontend/index.jsx": source},
        select="SC403",
    )
    assert rule_findings(report, "SC403") == []


@pytest.mark.parametrize(
    "src",
    [
        "{big ? 'https://cdn.example.com/big.png' : 'https://cdn.example.com/small.png'}",
        "{url || 'https://cdn.example.com/logo.png'}",
    ],
    ids=["conditional", "logical-or"],
)
def test_image_src_branches(lint_app, src):
    source = image_app(src)
    report = lint_app(
        manifest(("storage:app",), modules=UI_KIT), files={"src/frontend/index.jsx": source}, select="SC403"
    )
    assert_reported(report, "SC403", "index.jsx", line_of(source, "<Image"), ["cdn.example.com"])


@pytest.mark.parametrize(
    "url",
    [
        "https://secure.gravatar.com/avatar/abc",
        "https://images.unsplash.com/photo-1",
        "https://api.atlassian.com/ex/jira/x.png",
        "https://api.media.atlassian.com/file/x/image",
        "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/default.png",
    ],
    ids=["gravatar", "unsplash", "api-gateway", "media", "avatars"],
)
def test_image_allow_listed_hosts(lint_app, url):
    source = image_app(f'"{url}"')
    report = lint_app(
        manifest(("storage:app",), modules=UI_KIT), files={"src/frontend/index.jsx": source}, select="SC403"
    )
    assert rule_findings(report, "SC403") == []


@pytest.mark.parametrize(
    ("modules", "source", "needle"),
    [
        (
            "  confluence:contentBylineItem:\n    - key: byline\n      title: Byline\n      resource: ui\n"
            "      dynamicProperties:\n        function: props\n"
            + FUNCTION.replace("main", "props").replace("index.run", "index.props"),
            "export const props = () => ({\n  title: 'Approved',\n  icon: 'https://cdn.example.com/ok.png',\n});\n",
            "icon:",
        ),
        (
            "  jira:issueGlance:\n    - key: glance\n      title: Glance\n      label: Glance\n      resource: ui\n"
            "      dynamicProperties:\n        function: props\n"
            + FUNCTION.replace("main", "props").replace("index.run", "index.props"),
            "export function props() {\n  return {\n    status: { type: 'icon', value: { url: 'https://cdn.example.com/ok.png' } },\n  };\n}\n",
            "url:",
        ),
    ],
    ids=["confluence-byline", "jira-glance"],
)
def test_dynamic_properties_icon(lint_app, modules, source, needle):
    report = lint_app(
        manifest(("storage:app",), modules=modules), files={"src/index.js": source}, select="SC403"
    )
    assert_reported(report, "SC403", "index.js", line_of(source, needle), ["cdn.example.com"])


# -- E, M, R, A: what the manifest itself needs --------------------------------------------

TRIGGER = (
    "  trigger:\n    - key: on-issue\n      function: main\n      events:\n"
    "        - avi:jira:created:issue\n        - avi:bitbucket:created:pullrequest\n" + FUNCTION
)
CREATED_ISSUE_BETA = (
    "read:issue:jira",
    "read:issue-type:jira",
    "read:user:jira",
    "read:project:jira",
    "read:status:jira",
)


@pytest.mark.parametrize(
    ("declared", "issue_missing", "pr_missing"),
    [
        (None, ["read:jira-work"], ["read:pullrequest:bitbucket"]),
        (("storage:app",), ["read:jira-work"], ["read:pullrequest:bitbucket"]),
        (("read:jira-work",), [], ["read:pullrequest:bitbucket"]),
        ((*CREATED_ISSUE_BETA, "read:pullrequest:bitbucket"), [], []),  # the beta set
        (("read:issue:jira", "read:pullrequest:bitbucket"), ["read:jira-work"], []),  # half the beta set
    ],
    ids=["no-scopes", "other", "current", "beta", "half-beta"],
)
def test_trigger_event(lint_app, declared, issue_missing, pr_missing):
    text = manifest(declared, modules=TRIGGER)
    report = lint_app(text, select="SC401")
    expected = {
        line_of(text, "avi:jira:created:issue"): issue_missing,
        line_of(text, "avi:bitbucket:created:pullrequest"): pr_missing,
    }
    for line, scopes in expected.items():
        if scopes:
            assert_reported(report, "SC401", "manifest.yml", line, scopes)
        else:
            assert hits(report, "SC401", "manifest.yml", line) == []


MERGE_CHECK = (
    "  bitbucket:mergeCheck:\n    - key: check\n      function: main\n      name: Check\n      triggers:\n        - on-merge\n"
    + FUNCTION
)


def test_module_type_merge_check(lint_app):
    text = manifest(("read:repository:bitbucket",), modules=MERGE_CHECK)
    assert_reported(
        lint_app(text, select="SC401"),
        "SC401",
        "manifest.yml",
        line_of(text, "key: check"),
        ["read:pullrequest:bitbucket"],
    )
    text = manifest(("read:pullrequest:bitbucket",), modules=MERGE_CHECK)
    assert rule_findings(lint_app(text, select="SC401"), "SC401") == []


ROVO = (
    "  rovo:agentConnector:\n    - key: helper\n      name: Helper\n      prompt: Help.\n"
    "      productContexts:\n        - jira\n        - confluence\n" + FUNCTION
)


def test_rovo_agent_product_contexts(lint_app):
    text = manifest(("storage:app",), modules=ROVO)
    report = lint_app(text, select="SC401")
    assert_reported(report, "SC401", "manifest.yml", line_of(text, "- jira"), ["read:jira-work"])
    assert_reported(
        report, "SC401", "manifest.yml", line_of(text, "- confluence"), ["read:confluence-content.all"]
    )


def test_rovo_agent_declared(lint_app):
    text = manifest(("read:jira-work", "read:confluence-content.all"), modules=ROVO)
    assert rule_findings(lint_app(text, select="SC401"), "SC401") == []


def test_app_token_without_product_scope(lint_app):
    """forge lint: "Missing app scopes" when an app token is enabled and only token scopes are declared."""
    extra = "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n    auth:\n      appSystemToken:\n        enabled: true\n"
    text = manifest(("read:app-system-token",), extra=extra)
    report = lint_app(text, select="SC401")
    assert [f for f in report.reported if f.rule_id == "SC401" and "backend" in f.message], rule_findings(
        report, "SC401"
    )


def test_app_token_with_product_scope(lint_app):
    extra = "remotes:\n  - key: backend\n    baseUrl: https://api.example.com\n    auth:\n      appSystemToken:\n        enabled: true\n"
    text = manifest(("read:app-system-token", "read:jira-work"), extra=extra)
    assert rule_findings(lint_app(text, select="SC401"), "SC401") == []


# -- E over the corpus -------------------------------------------------------------------


def _event_mapping() -> dict[str, dict[str, list[str]]]:
    """forge lint's event mapping, and the live doc events Atlassian's Confluence events page
    documents beside it (the catalog gives them the other live doc events' scopes)."""
    data = json.loads((FORGE_DATA / "product-event-scopes.json").read_text(encoding="utf-8"))
    mapping = {item["productEvent"]: item["oAuthScopes"] for item in data["mapping"]}
    for name in DOCUMENTED_LIVE_DOC_EVENTS:
        mapping.setdefault(name, mapping["avi:confluence:started:page"])
    return mapping


def _trigger_manifests() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    found = []
    for path in sorted(CORPUS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = (data.get("modules") or {}).get("trigger") if isinstance(data, dict) else None
        if isinstance(triggers, list) and any(isinstance(t, dict) and t.get("events") for t in triggers):
            found.append(path)
    return found


TRIGGER_MANIFESTS = _trigger_manifests()


def _declared(data: dict) -> list[str]:
    scopes = (data.get("permissions") or {}).get("scopes") or []
    return list(scopes) if isinstance(scopes, list | dict) else []


def _trigger_event_lines(text: str) -> dict[int, str]:
    """Line -> event name, for every `modules.trigger[].events[]` entry."""

    def child(node: yaml.Node, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    return v
        return None

    triggers = child(child(yaml.compose(text), "modules"), "trigger")
    lines: dict[int, str] = {}
    for item in triggers.value if isinstance(triggers, yaml.SequenceNode) else ():
        events = child(item, "events")
        for event in events.value if isinstance(events, yaml.SequenceNode) else ():
            if isinstance(event, yaml.ScalarNode):
                lines[event.start_mark.line + 1] = event.value
    return lines


def _variants(data: dict, mapping: dict) -> dict[str, list[str] | None]:
    """Scope lists to try: as written, none, without the events' current scopes, only their beta."""
    events = {e for t in data["modules"]["trigger"] if isinstance(t, dict) for e in t.get("events") or []}
    known = [mapping[e] for e in sorted(events) if e in mapping]
    current = {s for req in known for s in req.get("current", [])}
    beta = sorted({s for req in known for s in req.get("beta", [])})
    declared = _declared(data)
    return {
        "as-written": declared,
        "no-scopes": None,
        "without-current": [s for s in declared if s not in current] or ["storage:app"],
        "beta-only": beta or ["storage:app"],
    }


@needs_shared
def test_corpus_has_trigger_manifests():
    assert len(TRIGGER_MANIFESTS) >= 20


@needs_shared
@pytest.mark.parametrize("path", TRIGGER_MANIFESTS, ids=lambda p: p.name[:60])
def test_corpus_trigger_events_follow_forge_rule(path, tmp_path):
    """SC401 flags exactly the trigger events forge lint flags (current, OR beta, OR deprecated
    declared satisfies), and the scopes it suggests make forge lint's rule pass."""
    mapping = _event_mapping()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, scopes in _variants(data, mapping).items():
        variant = dict(data)
        permissions = dict(variant.get("permissions") or {})
        if scopes is None:
            permissions.pop("scopes", None)
        else:
            permissions["scopes"] = scopes
        variant["permissions"] = permissions
        text = (
            path.read_text(encoding="utf-8")
            if name == "as-written"
            else yaml.safe_dump(variant, sort_keys=False)
        )
        root = tmp_path / name
        app = write_app(root, text)
        report = run_lint([app], cwd=root, select="SC401")
        declared = set(_declared(yaml.safe_load(text)))
        lines = _trigger_event_lines(text)
        expected = {
            line
            for line, event in lines.items()
            if event in mapping and forge_missing(declared, **mapping[event])
        }
        flagged = {
            f.span.line: f for f in report.reported if f.subject.startswith("event ") and f.span.line in lines
        }
        assert set(flagged) == expected, f"{name}: expected {sorted(expected)}, SC401 at {sorted(flagged)}"
        for line, finding in flagged.items():
            added = set(re.findall(r"`([^`]+)`", finding.help))
            assert not forge_missing(declared | added, **mapping[lines[line]]), f"{name}: {finding.help}"
