"""Benchmark the code usage analysis on a generated Forge app (a script, not a test).

    python scripts/bench_analysis.py [--sizes 200 1000 2000] [--runs 5]

Writes a synthetic app of N files to a temporary folder: resolvers calling
Forge APIs, helper modules wrapping requestJira and fetch, constant modules,
files calling the helpers, Custom UI files and plain utility code (about
half). Prints the median files per second of `analyze_app` for each N, and
the import cost of the analysis module and of tree-sitter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESOLVER = """\
import api, {{ route, storage }} from '@forge/api';
import Resolver from '@forge/resolver';
import {{ BASE_{c}, PROJECT_{c} }} from '../constants/c{c}';

const resolver = new Resolver();

resolver.define('getIssue{i}', async ({{ payload, context }}) => {{
  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${{payload.key}}?expand=names`);
  const data = await response.json();
  await storage.set(`issue-${{payload.key}}`, data.fields.summary);
  return data;
}});

resolver.define('setProperty{i}', async ({{ payload }}) => {{
  const body = JSON.stringify({{ value: payload.value }});
  return api.asApp().requestJira(route`${{BASE_{c}}}/issue/${{payload.key}}/properties/p{i}`, {{
    method: 'PUT',
    headers: {{ 'Content-Type': 'application/json' }},
    body,
  }});
}});

resolver.define('project{i}', async () => {{
  const res = await api.asApp().requestJira(route`${{PROJECT_{c}}}/search`);
  const items = (await res.json()).values || [];
  return items.map((item) => ({{ id: item.id, key: item.key, name: item.name }}));
}});

export const handler{i} = resolver.getDefinitions();
"""

HELPER = """\
import api, {{ route, fetch }} from '@forge/api';

const DEFAULT_HEADERS = {{ Accept: 'application/json' }};

export async function jira{i}(path, options = {{}}) {{
  const response = await api.asApp().requestJira(path, {{ headers: DEFAULT_HEADERS, ...options }});
  if (!response.ok) {{
    throw new Error(`Jira request failed: ${{response.status}}`);
  }}
  return response.json();
}}

export const putJira{i} = (path, body) =>
  api.asApp().requestJira(route`/rest/api/3${{path}}`, {{ method: 'PUT', body: JSON.stringify(body) }});

export async function notify{i}(text) {{
  return fetch('https://hooks.slack.com/services/T000/B000/x{i}', {{
    method: 'POST',
    body: JSON.stringify({{ text }}),
  }});
}}
"""

CONSTANTS = """\
export const BASE_{i} = '/rest/api/3';
export const PROJECT_{i} = BASE_{i} + '/project';
export const LIMITS_{i} = {{ maxResults: 50, startAt: 0 }};
export const LABEL_{i} = 'approval-{i}';
"""

CALLER = """\
import {{ jira{h}, putJira{h}, notify{h} }} from '../lib/helper{h}';
import {{ formatUser{p} }} from './util{p}';

export async function sync{i}(issueKey, user) {{
  const issue = await jira{h}(`/rest/api/3/issue/${{issueKey}}`);
  await putJira{h}(`/issue/${{issueKey}}/properties/sync`, {{ at: Date.now() }});
  await jira{h}('/rest/api/3/field', {{ method: 'GET' }});
  await notify{h}(`Synced ${{issueKey}} for ${{formatUser{p}(user)}}`);
  return issue.fields.summary;
}}
"""

FRONTEND = """\
import React, {{ useEffect, useState }} from 'react';
import {{ invoke, requestJira }} from '@forge/bridge';

export function Panel{i}() {{
  const [data, setData] = useState(null);
  useEffect(() => {{
    invoke('getIssue{i}', {{ key: 'ABC-{i}' }}).then(setData);
    requestJira('/rest/api/3/myself').then((r) => r.json()).then(console.log);
  }}, []);
  return data ? <div className="panel">{{data.fields.summary}}</div> : <span>Loading</span>;
}}
"""

PLAIN = """\
import {{ sortBy }} from 'lodash';

const CACHE_{i} = new Map();

export function formatUser{i}(user) {{
  if (!user) {{
    return 'unknown';
  }}
  const parts = [user.displayName, user.emailAddress].filter(Boolean);
  return parts.join(' <') + (parts.length > 1 ? '>' : '');
}}

export function groupBy{i}(items, key) {{
  const out = {{}};
  for (const item of items) {{
    const k = typeof key === 'function' ? key(item) : item[key];
    (out[k] = out[k] || []).push(item);
  }}
  return out;
}}

export function memo{i}(key, compute) {{
  if (!CACHE_{i}.has(key)) {{
    CACHE_{i}.set(key, compute());
  }}
  return CACHE_{i}.get(key);
}}

export const ordered{i} = (items) => sortBy(items, ['priority', 'created']).map((item, index) => ({{
  ...item,
  rank: index + 1,
  label: `${{item.key}} (${{item.priority}})`,
}}));
"""


def generate(root: Path, count: int) -> None:
    """Write `count` files: per 20, 5 resolvers, 2 helpers, 2 constants, 2 callers, 1 UI, 8 plain."""
    for index in range(count):
        slot = index % 20
        group = index // 20
        if slot < 5:
            path, text = f"src/resolvers/r{index}.js", RESOLVER.format(i=index, c=group)
        elif slot < 7:
            path, text = f"src/lib/helper{index}.js", HELPER.format(i=index)
        elif slot == 7:  # the constants the resolvers of this group import
            path, text = f"src/constants/c{group}.js", CONSTANTS.format(i=group)
        elif slot == 8:
            path, text = f"src/constants/extra{index}.js", CONSTANTS.format(i=index)
        elif slot < 11:
            helper = group * 20 + 5
            path, text = f"src/callers/s{index}.js", CALLER.format(i=index, h=helper, p=group * 20 + 12)
        elif slot < 12:
            path, text = f"static/ui/src/Panel{index}.jsx", FRONTEND.format(i=index)
        else:
            folder = "callers" if slot == 12 else "util"
            path, text = f"src/{folder}/util{index}.js", PLAIN.format(i=index)
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def import_cost() -> str:
    code = (
        "import time; t = time.perf_counter(); import scopecheck.ecosystems.forge.code.js.js_usage; a = time.perf_counter() - t;"
        "import sys; loaded = 'tree_sitter' in sys.modules; t = time.perf_counter();"
        "import tree_sitter, tree_sitter_javascript, tree_sitter_typescript; b = time.perf_counter() - t;"
        "print(f'import js_usage {a * 1000:.1f} ms (tree_sitter loaded: {loaded}); tree-sitter {b * 1000:.1f} ms')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app

    print(import_cost())
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            generate(root / "app", size)
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                usage = analyze_app(root / "app", cwd=root, resource_dirs=[root / "app" / "static"])
                timings.append(time.perf_counter() - start)
            median = statistics.median(timings)
            print(
                f"N={size:5d}: median {median * 1000:7.1f} ms over {args.runs} runs, "
                f"{size / median:7.0f} files/s  ({len(usage.calls)} calls, {len(usage.fetches)} fetches, "
                f"{len(usage.needs)} needs, {usage.files_scanned} files)"
            )


if __name__ == "__main__":
    main()
