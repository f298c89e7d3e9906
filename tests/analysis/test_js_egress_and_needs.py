"""Outbound fetches, UI Kit images, storage and hook scope needs."""

from __future__ import annotations

from pathlib import Path

from analysis_support import analyze, calls, fetches, needs

STORAGE = (("storage:app",),)


def test_backend_fetches(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import api, { fetch as forgeFetch } from '@forge/api';
            const HOOK = 'https://hooks.slack.com/services/T0/B0';
            export async function run(id) {
              await forgeFetch(HOOK, { method: 'POST' });
              await api.fetch(`https://API.Example.com:8443/v1/items/${id}?q=1`);
              await fetch('https://user:pw@global.example.org/path');
              await fetch('/relative/path');
              await fetch('data:text/plain,hi');
              await fetch(`${base}/x`);
              await fetch(endpoint);
              await window.fetch('http://plain.example.net');
            }
            """
        },
    )
    assert fetches(usage) == [
        ("app/src/a.js", 4, 9, "fetch.backend", "https://hooks.slack.com/services/T0/B0", "hooks.slack.com"),
        (
            "app/src/a.js",
            5,
            9,
            "fetch.backend",
            "https://API.Example.com:8443/v1/items/{}?q=1",
            "api.example.com",
        ),
        (
            "app/src/a.js",
            6,
            9,
            "fetch.backend",
            "https://user:pw@global.example.org/path",
            "global.example.org",
        ),
        ("app/src/a.js", 9, 9, "fetch.backend", "{}/x", None),
        ("app/src/a.js", 10, 9, "fetch.backend", None, None),
        ("app/src/a.js", 11, 9, "fetch.backend", "http://plain.example.net", "plain.example.net"),
    ]
    assert [f.reason for f in usage.fetches] == [
        None,
        None,
        None,
        "host is not known statically",
        "URL is the variable `endpoint`",
        None,
    ]


def test_client_fetches_in_front_end_code(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "static/ui/src/index.js": "fetch('https://cdn.example.com/a.json');\n",
            "src/frontend/App.jsx": """\
            import React from 'react';
            export const App = () => {
              fetch(`https://${tenant}.example.com/api`);
              return <div />;
            };
            """,
            "src/custom/bridge.js": "import { invoke } from '@forge/bridge';\nfetch('https://bridge.example.com');\n",
            "src/backend/index.js": "export const run = () => fetch('https://backend.example.com');\n",
        },
        resource_dirs=["static/ui"],
    )
    assert fetches(usage) == [
        (
            "app/src/backend/index.js",
            1,
            26,
            "fetch.backend",
            "https://backend.example.com",
            "backend.example.com",
        ),
        (
            "app/src/custom/bridge.js",
            2,
            1,
            "fetch.client",
            "https://bridge.example.com",
            "bridge.example.com",
        ),
        ("app/src/frontend/App.jsx", 3, 3, "fetch.client", "https://{}.example.com/api", None),
        (
            "app/static/ui/src/index.js",
            1,
            1,
            "fetch.client",
            "https://cdn.example.com/a.json",
            "cdn.example.com",
        ),
    ]


def test_ui_kit_images(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/frontend/index.jsx": """\
            import ForgeReconciler, { Image, Image as Picture, Text } from '@forge/react';
            const { Image: Photo } = ForgeReconciler;
            const LOGO = 'https://cdn.example.com/logo.png';
            const App = () => (
              <>
                <Image src="https://images.example.com/a.png" alt="a" />
                <Picture src={LOGO} />
                <ForgeReconciler.Image src={`https://${host}/b.png`}></ForgeReconciler.Image>
                <Image src="/local.png" />
                <Photo src="//photos.example.com/p.jpg" />
                <Text>https://not.an.image.example.com</Text>
              </>
            );
            """
        },
    )
    assert fetches(usage) == [
        (
            "app/src/frontend/index.jsx",
            6,
            5,
            "images",
            "https://images.example.com/a.png",
            "images.example.com",
        ),
        ("app/src/frontend/index.jsx", 7, 5, "images", "https://cdn.example.com/logo.png", "cdn.example.com"),
        ("app/src/frontend/index.jsx", 8, 5, "images", "https://{}/b.png", None),
        ("app/src/frontend/index.jsx", 10, 5, "images", "//photos.example.com/p.jpg", "photos.example.com"),
    ]


def test_storage_from_forge_api(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.js": """\
            import { storage, startsWith } from '@forge/api';
            import * as forge from '@forge/api';
            export async function run() {
              await storage.set('k', 1);
              const value = await storage.get('k');
              await storage.query().where('key', startsWith('a')).limit(10).getMany();
              await storage.entity('task').set('t1', {});
              await forge.storage.deleteSecret('s');
              await storage.setSecret('s', value);
            }
            """
        },
    )
    assert needs(usage) == [
        ("app/src/a.js", 4, 9, "storage.set", STORAGE),
        ("app/src/a.js", 5, 23, "storage.get", STORAGE),
        ("app/src/a.js", 6, 9, "storage.query", STORAGE),
        ("app/src/a.js", 7, 9, "storage.entity", STORAGE),
        ("app/src/a.js", 8, 9, "storage.deleteSecret", STORAGE),
        ("app/src/a.js", 9, 9, "storage.setSecret", STORAGE),
    ]


def test_key_value_store(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/a.ts": """\
            import kvs, { WhereConditions } from '@forge/kvs';
            import { kvs as store } from '@forge/kvs';
            const { kvs: other } = require('@forge/kvs');
            export async function run(): Promise<void> {
              await kvs.set('k', 1);
              await store.entity('employee').query().index('by-age').where(WhereConditions.beginsWith('a')).getMany();
              await other.getSecret('s');
            }
            """
        },
    )
    assert needs(usage) == [
        ("app/src/a.ts", 5, 9, "@forge/kvs", STORAGE),
        ("app/src/a.ts", 6, 9, "@forge/kvs", STORAGE),
        ("app/src/a.ts", 7, 9, "@forge/kvs", STORAGE),
    ]


def test_ui_kit_property_hooks(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/frontend/index.tsx": """\
            import ForgeReconciler, { useIssueProperty, useContentProperty } from '@forge/react';
            import { useSpaceProperty as useSpace } from '@forge/react';
            const App = () => {
              const [votes, setVotes] = useIssueProperty('votes', 0);
              const [page] = useContentProperty('page', {});
              const [space] = useSpace('space', null);
              const [other] = useState(0);
              return null;
            };
            """,
            "src/legacy/index.jsx": """\
            import ForgeUI, { useIssueProperty } from '@forge/ui';
            const App = () => { const [v] = ForgeUI.useIssueProperty('k', 1); return useIssueProperty('j', 2); };
            """,
        },
    )
    jira = (("read:jira-work", "write:jira-work"), ("read:issue.property:jira", "write:issue.property:jira"))
    assert needs(usage) == [
        ("app/src/frontend/index.tsx", 4, 29, "useIssueProperty", jira),
        (
            "app/src/frontend/index.tsx",
            5,
            18,
            "useContentProperty",
            (("read:page:confluence", "write:page:confluence"),),
        ),
        (
            "app/src/frontend/index.tsx",
            6,
            19,
            "useSpaceProperty",
            (("read:space:confluence", "write:space:confluence"),),
        ),
        ("app/src/legacy/index.jsx", 2, 33, "useIssueProperty", jira),
        ("app/src/legacy/index.jsx", 2, 74, "useIssueProperty", jira),
    ]


def test_entity_properties_api_sends_the_product_requests_of_the_sdk(tmp_path: Path) -> None:
    """issue 9.1: `properties.onJiraProject(key).set(...)` is a PUT on the project's
    properties; a Confluence `set` reads the property first, then updates or creates it."""
    from analysis_support import calls

    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import { properties } from '@forge/api';
            import api from '@forge/api';
            export async function run(key, pageId) {
              await properties.onJiraProject(key).set('settings', {});
              const store = api.properties.onJiraIssue(key);
              await store.get('votes');
              await store.delete('votes');
              await properties.onConfluencePage(pageId).set('p', 1);
              await properties.onJiraIssue(key).watch('x');
            }
            """,
        },
    )
    assert [(line, method, path) for _file, line, _col, method, path in calls(usage)] == [
        (4, "PUT", "/rest/api/3/project/_/properties/_"),
        (6, "GET", "/rest/api/3/issue/_/properties/_"),
        (7, "DELETE", "/rest/api/3/issue/_/properties/_"),
        (8, "GET", "/wiki/rest/api/content/_/property/_"),
        (8, "PUT", "/wiki/rest/api/content/_/property/_"),
        (8, "POST", "/wiki/rest/api/content/_/property/_"),
        (9, None, None),  # a method the SDK does not have: what it sends is not known
    ]
    assert usage.calls[-1].product == "jira"
    assert usage.calls[-1].reason == (
        "path and method are sent by Forge entity properties, with its `.watch`, which scopecheck does not follow"
    )


def test_a_let_given_a_path_on_each_branch_sends_each_of_them(tmp_path: Path) -> None:
    """issue 9.5: `let url = null; if (c) url = route`a`; else url = route`b`` is both."""
    from analysis_support import calls

    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';
            export async function labels(cursor) {
              let url = null;
              if (cursor) {
                url = route`/wiki/api/v2/labels?limit=100&cursor=${cursor}`;
              } else {
                url = route`/wiki/api/v2/labels?limit=100`;
              }
              return api.asApp().requestConfluence(url);
            }
            export async function other(key, n) {
              let path = route`/rest/api/3/issue/${key}`;
              path += '?expand=names';
              await api.asApp().requestJira(path);
              let where = route`/rest/api/3/myself`;
              if (n) where = route`/rest/api/3/project/${key}`;
              await api.asApp().requestJira(where);
            }
            export function shadow(url) {
              url = route`/rest/api/3/serverInfo`;
              return url;
            }
            export async function unsafe(items, c) {
              let first = route`/rest/api/3/a`;
              first = route`/rest/api/3/b`;
              await api.asApp().requestJira(first);
              let later = route`/rest/api/3/c`;
              await api.asApp().requestJira(later);
              if (c) later = route`/rest/api/3/d`;
              let inner = route`/rest/api/3/e`;
              items.forEach(() => { if (c) inner = route`/rest/api/3/f`; });
              await api.asApp().requestJira(inner);
            }
            """,
        },
    )
    assert [(line, method, path) for _file, line, _col, method, path in calls(usage)] == [
        (9, "GET", "/wiki/api/v2/labels"),
        (14, "GET", None),  # changed with `+=`: the path is still unknown
        (17, "GET", "/rest/api/3/myself"),
        (17, "GET", "/rest/api/3/project/{}"),
        # an unconditional overwrite, an assignment after the call, one in a callback: unknown
        (26, "GET", None),
        (28, "GET", None),
        (32, "GET", None),
    ]


def test_a_fetch_of_a_let_given_a_url_on_each_branch_fetches_each(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import { fetch } from '@forge/api';
            export async function run(c) {
              let url = null;
              if (c) { url = 'https://a.example.com/x'; } else { url = 'https://b.example.com/y'; }
              await fetch(url);
            }
            """,
        },
    )
    assert [(line, host) for _file, line, _col, _kind, _url, host in fetches(usage)] == [
        (5, "a.example.com"),
        (5, "b.example.com"),
    ]


def test_a_conditional_path_is_each_of_its_paths(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';
            export const run = (token, id) => api.asApp().requestJira(
              token ? route`/rest/api/3/search/jql?nextPageToken=${token}` : route`/rest/api/3/issue/${id}`);
            export const two = (c, body) => api.asApp().requestJira(
              c ? route`/rest/api/3/issue` : route`/rest/api/3/issue/bulk`, { method: 'POST', body });
            export const bad = (c, p) => api.asApp().requestJira(c ? p : route`/rest/api/3/issue`);
            """
        },
    )
    assert [(line, method, path) for _f, line, _c, method, path in calls(usage)] == [
        (2, "GET", "/rest/api/3/search/jql"),
        (2, "GET", "/rest/api/3/issue/{}"),
        (4, "POST", "/rest/api/3/issue"),
        (4, "POST", "/rest/api/3/issue/bulk"),
        (6, "GET", None),  # one side is a parameter: unknown, with its reason
    ]
    assert "c ? p" in (usage.calls[-1].reason or "")


def test_a_let_given_a_conditional_path_on_a_branch(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import api, { route } from '@forge/api';
            export const run = async (type, inline, id) => {
              let url = null;
              if (type === 'page') {
                url = route`/wiki/api/v2/pages/${id}`;
              } else if (type === 'comment') {
                url = inline ? route`/wiki/api/v2/inline-comments/${id}` : route`/wiki/api/v2/footer-comments/${id}`;
              }
              if (!url) return null;
              return api.asApp().requestConfluence(url);
            };
            """
        },
    )
    assert [path for *_rest, path in calls(usage)] == [
        "/wiki/api/v2/pages/{}",
        "/wiki/api/v2/inline-comments/{}",
        "/wiki/api/v2/footer-comments/{}",
    ]
