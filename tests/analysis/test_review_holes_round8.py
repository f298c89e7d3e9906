"""Wrong certain findings an eighth review (session 13) built against the dropped type
imports (js/type_imports.py), checked by compiling each app with tsc, Babel, SWC, esbuild or
the Forge CLI's webpack setup, and two holes the code had before: a comment between `from` and
a bare module name, and names spelled with `\\u` escapes. Also: a syntax error that may hide a
call leaves the file not analysed whole (JSX that only tree-sitter rejects is mended first).
Each app needs `write:jira-work`."""

from __future__ import annotations

import codecs

import pytest
from test_type_imports import MANIFEST, PACKAGE, _files, _write_confidence

from conftest import run_lint, write_app
from scopecheck.core.findings import Confidence

TYPE_ONLY = "import { RequestInit } from 'node-fetch';"


@pytest.mark.parametrize(
    "settings",
    [
        {"tsconfig.json": '{"extends": /* org-wide */ "@acme/tsconfig-forge/tsconfig.json"}'},
        {
            "tsconfig.json": '{"extends": ["./tsconfig.base.json", // strict [shared]\n "@acme/base"]}',
            "tsconfig.base.json": "{}",
        },
        {"tsconfig.json": '{"compilerOptions": {"emitDecorator\\u004Detadata": true}}'},
        {".swcrc": '{"jsc": {"transform": {"legacyDecorator": true, "decoratorMetadata": true}}}'},
        {"babel.config.json": '{"presets": ["@acme/babel-preset-web"]}'},
        {".babelrc": '{"extends": "./shared/babelrc.json"}'},
        {"babel.config.js": "module.exports = require('@acme/babel-config');\n"},
        {"package.json": '{"dependencies": {"@forge/api": "^4"}, "babel": {"presets": ["my-preset"]}}'},
    ],
    ids=[
        "extends-after-comment",
        "extends-array-bracket-in-comment",
        "escaped-key",
        "swc-decorator-metadata",
        "babel-shared-preset",
        "babel-extends",
        "babel-js-config",
        "babel-in-package-json",
    ],
)
def test_a_setting_scopecheck_cannot_rule_out_keeps_type_imports(lint_app, settings):
    assert _write_confidence(lint_app, _files(TYPE_ONLY, **settings)) != [Confidence.HIGH]


@pytest.mark.parametrize(
    "settings",
    [
        {"babel.config.json": '{"presets": ["@babel/preset-env", ["@babel/preset-typescript", {}]]}'},
        {
            "tsconfig.json": '{\n  // strict, like the rest\n  "extends": "./tsconfig.base.json",\n'
            '  "compilerOptions": {"strict": true, /* and */ "lib": ["es2022",],},\n}',
            "tsconfig.base.json": '{"compilerOptions": {"target": "es2022"}}',
        },
    ],
    ids=["babel-own-presets", "tsconfig-with-comments-and-trailing-commas"],
)
def test_settings_that_keep_nothing_are_read_as_such(lint_app, settings):
    assert _write_confidence(lint_app, _files(TYPE_ONLY, **settings)) == [Confidence.HIGH]


def test_a_tsconfig_in_utf16_is_read(tmp_path):
    """What Windows PowerShell's `>` writes: UTF-16 with a byte-order mark."""
    app = write_app(tmp_path, MANIFEST, files=_files(TYPE_ONLY))
    text = '{"compilerOptions": {"verbatimModuleSyntax": true}}'
    (app / "tsconfig.json").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    report = run_lint([app], cwd=tmp_path, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] != [Confidence.HIGH]


def test_a_tsconfig_far_above_the_app_is_read(tmp_path):
    """esbuild and tsc look up for a tsconfig without limit: five folders up counts."""
    root = tmp_path / "a" / "b" / "c" / "d"
    root.mkdir(parents=True)
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"verbatimModuleSyntax": true}}')
    app = write_app(root, MANIFEST, files=_files(TYPE_ONLY))
    report = run_lint([app], cwd=root, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] != [Confidence.HIGH]


@pytest.mark.parametrize(
    ("import_line", "extra"),
    [
        ("import { RequestInit } from 'node-fetch';", "export const r = new R\\u0065questInit();\n"),
        (
            "import { R\\u0065questInit } from 'node-fetch';\ntype X = 1;",
            "export const r = new RequestInit();\n",
        ),
        ("import {} from 'node-fetch';\ntype RequestInit = object;", ""),  # Babel keeps it
        ("import { RequestInit } from /* types */ 'node-fetch';", "export const r = new RequestInit();\n"),
        ("import { RequestInit } from // types\n  'node-fetch';", "export const r = new RequestInit();\n"),
    ],
    ids=["escaped-use", "escaped-import", "empty-braces", "comment-before-name", "line-comment-before-name"],
)
def test_an_import_kept_in_ways_the_spelling_hides_keeps_the_doubt(lint_app, import_line, extra):
    assert _write_confidence(lint_app, _files(import_line, extra)) != [Confidence.HIGH]


def test_a_call_through_an_escaped_name_leaves_the_file_not_analysed_whole(lint_app):
    files = {
        "package.json": PACKAGE,
        "src/lib/client.ts": "import api, { Route } from '@forge/api';\n"
        "export const get = (path: Route, options?: object) => api.asApp().requestJira(path, options);\n",
        "src/sync.ts": "import { route } from '@forge/api';\nimport { get } from './lib/client';\n"
        "export const sync = (key: string) => g\\u0065t(route`/rest/api/3/issue/${key}`, { method: 'PUT' });\n",
        "src/index.ts": "import { route } from '@forge/api';\nimport { get } from './lib/client';\n"
        "import { sync } from './sync';\n"
        "export const run = async (key: string) => { await sync(key); return get(route`/rest/api/3/issue/${key}`); };\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC402")
    (finding,) = [f for f in report.reported if f.subject == "write:jira-work"]
    assert finding.confidence is not Confidence.HIGH
    assert "src/sync.ts was not analysed whole: the name at line 3" in finding.message


def test_a_syntax_error_that_may_hide_a_call_makes_the_scope_unsure(lint_app):
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (k) => {\n"
        "  await api.asApp().requestJira(route`/rest/api/3/issue/${k}`);\n"
        "  @@ api.asApp().requestJira(route`/rest/api/3/issue/${k}`, { method: 'PUT' });\n"
        "};\n"
    )
    report = lint_app(MANIFEST, files={"package.json": PACKAGE, "src/index.js": code}, select="SC402")
    (finding,) = [f for f in report.reported if f.subject == "write:jira-work"]
    assert finding.confidence is Confidence.LOW
    assert "a syntax error at line 4, column 3 may hide calls" in finding.message


@pytest.mark.parametrize(
    "element",
    [
        "<button onClick={() => invoke('save')}>Save & Connect</button>",
        "<textarea rows='3' class=\"x\" readonly value={invoke('v')}></textarea>",
    ],
    ids=["ampersand", "class-attribute"],
)
def test_jsx_the_parser_stops_at_is_mended_and_the_scope_stays_certain(lint_app, element):
    """tree-sitter stops at a bare `&` and at `class=` in JSX, which compilers accept: the file
    is parsed again with them replaced (js/mend.py), so nothing is left unread."""
    view = f"import {{ invoke }} from '@forge/bridge';\nexport const View = () => (\n  <div>{element}</div>\n);\n"
    code = (
        "import api, { route } from '@forge/api';\n"
        "export const run = async (k) => api.asApp().requestJira(route`/rest/api/3/issue/${k}`);\n"
    )
    files = {"package.json": PACKAGE, "src/index.js": code, "src/view.jsx": view}
    report = lint_app(MANIFEST, files=files, select="SC402")
    assert [f.confidence for f in report.reported if f.subject == "write:jira-work"] == [Confidence.HIGH]
    assert not report.notices
