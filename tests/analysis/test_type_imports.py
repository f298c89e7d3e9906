"""An import TypeScript's build drops loads nothing, so a bare name no package.json lists
(`import { RequestInit } from 'node-fetch'`, read only in types) cannot be an alias that calls
the app's helpers with other arguments (js/type_imports.py). Anything that may keep the import
(a value use, a setting, an unknown base tsconfig, a JavaScript file) keeps the old doubt."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence

MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
)
#: the helper takes the whole route: who calls it decides what it requests
CLIENT = (
    "import api, { Route } from '@forge/api';\n"
    "{import}\n"
    "export async function get(path: Route, options?: RequestInit) {\n"
    "  return api.asApp().requestJira(path, options);\n"
    "}\n"
    "{extra}"
)
INDEX = (
    "import { route } from '@forge/api';\n"
    "import { get } from './lib/client';\n"
    "export const run = (key: string) => get(route`/rest/api/3/issue/${key}`);\n"
)
PACKAGE = '{"dependencies": {"@forge/api": "^4.0.0"}}'


def _files(import_line: str, extra: str = "", suffix: str = ".ts", **more: str) -> dict[str, str]:
    client = CLIENT.replace("{import}", import_line).replace("{extra}", extra)
    if suffix == ".js":
        client = client.replace("path: Route, options?: RequestInit", "path, options")
    return {"package.json": PACKAGE, f"src/lib/client{suffix}": client, "src/index.ts": INDEX, **more}


def _write_confidence(lint_app, files: dict[str, str]) -> list[Confidence]:
    report = lint_app(MANIFEST, files=files, select="SC402")
    return [f.confidence for f in report.reported if f.subject == "write:jira-work"]


@pytest.mark.parametrize(
    "import_line",
    [
        "import { RequestInit } from 'node-fetch';",
        "import { Response, RequestInit } from 'node-fetch';\nexport type R = Response;",
        "import type { RequestInit } from '@app/types';",
        "import { type RequestInit } from '~/types';",
        "import Fetch, * as F from 'node-fetch';\ntype RequestInit = F.RequestInit | Fetch;",
    ],
    ids=["named-types", "type-alias", "import-type", "inline-type", "default-and-namespace"],
)
def test_an_import_used_only_as_types_is_dropped_so_the_helper_is_certain(lint_app, import_line):
    assert _write_confidence(lint_app, _files(import_line)) == [Confidence.HIGH]


@pytest.mark.parametrize(
    ("import_line", "extra"),
    [
        (
            "import { RequestInit, Response } from 'node-fetch';",
            "export const make = () => new Response('');\n",
        ),
        ("import { RequestInit, Response } from 'node-fetch';", "export const all = { Response };\n"),
        ("import { RequestInit, Response } from 'node-fetch';", "export const t = `${Response}`;\n"),
        ("import { RequestInit, Response } from 'node-fetch';", "export { Response };\n"),
        ("import { RequestInit } from 'node-fetch';", "export const k: typeof RequestInit = 1;\n"),
        ("import 'node-fetch';\ntype RequestInit = object;", ""),
        ("import Fetch = require('node-fetch');\ntype RequestInit = object;", ""),
        ("export { RequestInit } from 'node-fetch';\nimport type { RequestInit } from 'node-fetch';", ""),
        ("const { RequestInit } = require('node-fetch');", ""),
    ],
    ids=[
        "new",
        "shorthand",
        "template",
        "re-export",
        "typeof",
        "side-effect",
        "import-equals",
        "export-from",
        "require",
    ],
)
def test_an_import_that_is_kept_keeps_the_helper_unsure(lint_app, import_line, extra):
    assert _write_confidence(lint_app, _files(import_line, extra)) != [Confidence.HIGH]


@pytest.mark.parametrize(
    ("import_line", "view"),
    [
        ("import { RequestInit, Box } from '@ui/kit';", "<Box />"),
        ("import React from 'react-shim';\ntype RequestInit = object;", "<div></div>"),  # the JSX factory
        ("/** @jsx h */\nimport { h } from 'preact-shim';\ntype RequestInit = object;", "<div />"),
    ],
    ids=["element", "classic-react", "pragma"],
)
def test_a_tsx_file_with_jsx_keeps_its_imports(lint_app, import_line, view):
    files = _files(import_line, f"export const view = () => {view};\n", suffix=".tsx")
    assert _write_confidence(lint_app, files) != [Confidence.HIGH]


def test_tsx_without_jsx_drops_a_type_import(lint_app):
    files = _files("import { RequestInit } from 'node-fetch';", suffix=".tsx")
    assert _write_confidence(lint_app, files) == [Confidence.HIGH]


def test_a_javascript_file_keeps_every_import(lint_app):
    files = _files("import { RequestInit } from 'node-fetch';", suffix=".js")
    assert _write_confidence(lint_app, files) != [Confidence.HIGH]


@pytest.mark.parametrize(
    "settings",
    [
        {"tsconfig.json": '{"compilerOptions": {"verbatimModuleSyntax": true}}'},
        {"src/lib/tsconfig.json": '{"compilerOptions": {"preserveValueImports": true}}'},
        {"src/tsconfig.json": '{"compilerOptions": {"importsNotUsedAsValues": "preserve"}}'},
        {"babel.config.json": '{"presets": [["@babel/preset-typescript", {"onlyRemoveTypeImports": true}]]}'},
        {
            "tsconfig.json": '{"compilerOptions": {"experimentalDecorators": true, "emitDecoratorMetadata": true}}'
        },
        {"tsconfig.json": '{"extends": "@tsconfig/strictest/tsconfig.json"}'},
        {"tsconfig.json": '{"extends": ["./tsconfig.base.json", "./missing.json"]}'},
        {
            "tsconfig.json": '{"extends": "./tsconfig.base.json"}',
            "tsconfig.base.json": '{"compilerOptions": {"verbatimModuleSyntax": true}}',
        },
    ],
    ids=[
        "verbatim",
        "preserve-value-imports",
        "not-used-as-values",
        "babel",
        "decorator-metadata",
        "package-base",
        "missing-base",
        "base",
    ],
)
def test_a_setting_that_may_keep_type_imports_keeps_the_doubt(lint_app, settings):
    files = _files("import { RequestInit } from 'node-fetch';", **settings)
    assert _write_confidence(lint_app, files) != [Confidence.HIGH]


def test_a_base_tsconfig_beside_it_that_keeps_nothing_is_read(lint_app):
    files = _files(
        "import { RequestInit } from 'node-fetch';",
        **{
            "tsconfig.json": '{"extends": "./tsconfig.base.json"}',
            "tsconfig.base.json": '{"compilerOptions": {"strict": true}}',
        },
    )
    assert _write_confidence(lint_app, files) == [Confidence.HIGH]


def test_a_type_import_of_a_missing_file_leaves_reachability_known(lint_app):
    """`import type { Issue } from './types'` with only types.d.ts (not read): nothing is
    loaded, so the uncalled helper below is still found dead."""
    files = {
        "package.json": PACKAGE,
        "src/types.d.ts": "export interface Issue { key: string }\n",
        "src/index.ts": "import type { Issue } from './types';\n"
        "export const run = (issue: Issue) => issue.key;\n",
        "src/unused.ts": "import api, { route } from '@forge/api';\n"
        "export const put = () => api.asApp().requestJira(route`/rest/api/3/issue/A-1`, { method: 'PUT' });\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    found = {f.subject: f.confidence for f in report.reported}
    assert found.get("write:jira-work") == Confidence.MEDIUM
