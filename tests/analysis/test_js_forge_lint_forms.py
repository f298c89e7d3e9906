"""Forms forge lint recognises by name alone: requesters passed around, `requestTeamworkGraph`,
`fetch` from any package or object, `<Image src>` branches, and imports nothing calls."""

from __future__ import annotations

from pathlib import Path

from analysis_support import analyze, call_details, calls, fetches, needs, via

from scopecheck.ecosystems.forge.catalog import load_catalog
from scopecheck.ecosystems.forge.code.js.forge_api import graph_scopes

STORAGE = (("storage:app",),)
JIRA_HOOK = (("read:jira-work", "write:jira-work"), ("read:issue.property:jira", "write:issue.property:jira"))


def test_requester_passed_in_or_kept_on_this(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';
            async function me(client) {
              return client.requestJira(route`/rest/api/3/myself`);
            }
            export const run = () => me(api.asApp());
            export class Wiki {
              constructor() { this.requester = api.asUser(); }
              save(id) { return this.requester.requestConfluence(route`/wiki/api/v2/pages/${id}`, { method: 'PUT' }); }
            }
            export const user = ({ requestBitbucket }) => requestBitbucket('/2.0/user');
            """
        },
    )
    assert calls(usage) == [
        ("app/src/index.js", 3, 10, "GET", "/rest/api/3/myself"),
        ("app/src/index.js", 8, 21, "PUT", "/wiki/api/v2/pages/{}"),
        ("app/src/index.js", 10, 47, "GET", "/2.0/user"),
    ]
    # what the requester is (asApp, asUser, bridge) is not known where it is passed in
    assert call_details(usage) == [
        ("jira", "api", None, None),
        ("confluence", "api", None, None),
        ("bitbucket", "api", None, None),
    ]


def test_requester_parameter_of_a_helper_in_a_file_without_forge_imports(tmp_path: Path) -> None:
    """`client.js` mentions neither `@forge/` nor `fetch`: `requestJira` alone gets it read."""
    usage = analyze(
        tmp_path,
        {
            "src/client.js": "export const call = (client, path) => client.requestJira(path);\n",
            "src/use.js": """\
            import { call } from './client';
            export const fields = (c) => call(c, '/rest/api/3/field');
            """,
        },
    )
    assert calls(usage) == [("app/src/use.js", 2, 30, "GET", "/rest/api/3/field")]
    assert via(usage) == [[("app/src/client.js", 1, 39)]]


def test_teamwork_graph(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/graph.js": """\
            import api, { requestTeamworkGraph as twg } from '@forge/api';
            import * as forge from '@forge/api';
            import { requestTeamworkGraph as other } from 'graph-client';
            export const a = () => api.asUser().requestTeamworkGraph('query { me { id } }');
            export const b = (client) => client.requestTeamworkGraph('q');
            export const c = () => forge.asApp()['requestTeamworkGraph']('q');
            export const d = () => twg('q') && other('q') && requestTeamworkGraph('q');
            export const e = () => api.asUser().requestGraph('q');
            """
        },
    )
    graph = graph_scopes()
    assert needs(usage) == [
        ("app/src/graph.js", 4, 24, "requestTeamworkGraph", graph),
        ("app/src/graph.js", 5, 30, "requestTeamworkGraph", graph),
        ("app/src/graph.js", 6, 24, "requestTeamworkGraph", graph),
        ("app/src/graph.js", 7, 24, "requestTeamworkGraph", graph),
        ("app/src/graph.js", 7, 36, "requestTeamworkGraph", graph),
        ("app/src/graph.js", 7, 50, "requestTeamworkGraph", graph),
    ]
    catalog = load_catalog()
    assert len(graph) > 60
    assert all(len(alt) == 1 and catalog.scopes[alt[0]].kind == "graph" for alt in graph)
    # requestGraph and each Teamwork Graph query are calls to the Atlassian gateway whose
    # query is not traced
    assert [(line, column) for _p, line, column, _m, _path in calls(usage)] == [
        (4, 24),
        (5, 30),
        (6, 24),
        (7, 24),
        (7, 36),
        (7, 50),
        (8, 24),
    ]
    assert {c.product for c in usage.calls} == {"atlassian"}


def test_fetch_imported_from_any_package(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/f.js": """\
            import { fetch } from 'undici';
            import { fetch as got } from 'some-http';
            const { fetch: u2 } = require('undici');
            import { fetch as local } from './local';
            export const a = () => fetch('https://undici.example.com/a');
            export const b = () => got('https://got.example.com/b');
            export const c = () => u2('https://u2.example.com/c');
            export const d = () => local('https://local.example.com/d');
            """,
            "src/local.js": "export const fetch = (key) => key;\n",
        },
    )
    assert fetches(usage) == [
        # undici's other exports (`request`, `stream`, a `Pool`) send too: hosts not known
        ("app/src/f.js", 1, 24, "fetch.backend", None, None),
        ("app/src/f.js", 5, 24, "fetch.backend", "https://undici.example.com/a", "undici.example.com"),
        ("app/src/f.js", 6, 24, "fetch.backend", "https://got.example.com/b", "got.example.com"),
        ("app/src/f.js", 7, 24, "fetch.backend", "https://u2.example.com/c", "u2.example.com"),
    ]


def test_fetch_method_of_an_unknown_object(tmp_path: Path) -> None:
    """`x.fetch(url)` is a fetch when the URL names a host; a key, a relative path or a URL
    built at run time is not one (a cache's `fetch`, forge lint skips them too)."""
    usage = analyze(
        tmp_path,
        {
            "src/f.js": """\
            export const run = (http, key) => {
              http.fetch('https://member.example.com/v1');
              http.fetch('/relative');
              http.fetch(key);
              http.fetch(`${key}/x`);
              http.fetch(`https://${key}.example.com`);
              this.fetch(`https://this.example.com/${key}`);
              return cache.fetch('entry');
            };
            export const load = (client, url) => client.fetch(url);
            export const viaHelper = () => load(x, 'https://via.example.com');
            export const unused = (store, url) => store.fetch(url);
            """,
            "src/ui/App.js": "import { view } from '@forge/bridge';\nexport const f = (h) => h.fetch('https://ui.example.com');\n",
        },
    )
    assert fetches(usage) == [
        ("app/src/f.js", 2, 3, "fetch.backend", "https://member.example.com/v1", "member.example.com"),
        ("app/src/f.js", 7, 3, "fetch.backend", "https://this.example.com/{}", "this.example.com"),
        ("app/src/f.js", 11, 32, "fetch.backend", "https://via.example.com", "via.example.com"),
        ("app/src/ui/App.js", 2, 25, "fetch.client", "https://ui.example.com", "ui.example.com"),
    ]


def test_loose_fetch_helpers_are_not_searched_for_by_name(tmp_path: Path) -> None:
    """A helper whose only request is a loose `x.fetch(param)` does not get every file using
    its name parsed; a file parsed anyway still sees the fetch through it."""
    usage = analyze(
        tmp_path,
        {
            "src/cache.js": "export const get = (store, key) => store.fetch(key);\n",
            "src/plain.js": "import { get } from './cache';\nexport const a = () => get(s, 'https://plain.example.com');\n",
            "src/forge.js": (
                "import { get } from './cache';\n// @forge/\n"
                "export const b = () => get(s, 'https://seen.example.com');\n"
            ),
        },
    )
    assert fetches(usage) == [
        ("app/src/forge.js", 3, 24, "fetch.backend", "https://seen.example.com", "seen.example.com")
    ]


def test_image_src_branches(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/frontend/index.jsx": """\
            import React from 'react';
            import { Image } from '@forge/react';
            const FALLBACK = 'https://fallback.example.com/f.png';
            export const App = ({ big, url, user }) => (
              <>
                <Image src={big ? 'https://a.example.com/big.png' : 'https://b.example.com/small.png'} />
                <Image src={url || 'https://or.example.com/logo.png'} />
                <Image src={big && 'https://and.example.com/x.png'} />
                <Image src={user.avatar ?? (big ? FALLBACK : null)} />
                <Image src={big ? undefined : false} />
              </>
            );
            """
        },
    )
    assert fetches(usage) == [
        ("app/src/frontend/index.jsx", 6, 5, "images", "https://a.example.com/big.png", "a.example.com"),
        ("app/src/frontend/index.jsx", 6, 5, "images", "https://b.example.com/small.png", "b.example.com"),
        ("app/src/frontend/index.jsx", 7, 5, "images", None, None),
        ("app/src/frontend/index.jsx", 7, 5, "images", "https://or.example.com/logo.png", "or.example.com"),
        ("app/src/frontend/index.jsx", 8, 5, "images", "https://and.example.com/x.png", "and.example.com"),
        ("app/src/frontend/index.jsx", 9, 5, "images", None, None),
        (
            "app/src/frontend/index.jsx",
            9,
            5,
            "images",
            "https://fallback.example.com/f.png",
            "fallback.example.com",
        ),
    ]
    assert [f.reason for f in usage.fetches if f.url is None] == [
        "URL is parameter `url` of `App`, which is never called",
        "URL is parameter `user.avatar` of `App`, which is never called",
    ]


def test_imports_nothing_calls(tmp_path: Path) -> None:
    """forge lint requires the scopes of `storage` and the property hooks at their import;
    scopecheck asks at the import only when the file never calls them."""
    usage = analyze(
        tmp_path,
        {
            "src/a.js": "import { storage } from '@forge/api';\n\nexport const run = () => 1;\n",
            "src/b.js": "import { storage as s, route } from '@forge/api';\nexport const run = () => s.get('k');\n",
            "src/c.jsx": """\
            import { useIssueProperty, useSpaceProperty as useSpace, Text } from '@forge/react';
            import { NotificationApi } from '@forge/api';
            export const App = () => useIssueProperty('k', 1);
            """,
            "src/d.js": """\
            import { storage } from 'firebase/storage';
            import { storage as st } from './e';
            export const x = 1; // @forge/ (a file is read when it mentions it)
            """,
            "src/e.js": "export { storage } from '@forge/api';\n",
            "src/f.jsx": "import { useIssueProperty } from '@forge/ui';\nexport const App = () => null;\n",
        },
    )
    assert needs(usage) == [
        ("app/src/a.js", 1, 10, "import { storage }", STORAGE),
        ("app/src/b.js", 2, 26, "storage.get", STORAGE),
        ("app/src/c.jsx", 1, 28, "import { useSpaceProperty }", (("read:space:confluence", "write:space:confluence"),)),
        ("app/src/c.jsx", 2, 10, "NotificationApi", (("send:app-notification:jira",), ("send:app-notification:confluence",))),
        ("app/src/c.jsx", 3, 26, "useIssueProperty", JIRA_HOOK),
        ("app/src/d.js", 2, 10, "import { storage }", STORAGE),
        ("app/src/f.jsx", 1, 10, "import { useIssueProperty }", JIRA_HOOK),
    ]  # fmt: skip
