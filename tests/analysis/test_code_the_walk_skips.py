"""Code the manifest names is read wherever it lies, or named as not read (review 26): a front
end whose sources sit in a folder the walk skips (`test/`, `target/`, `.ui/`, one holding a
`manifest.yml`), a handler in such a folder, a resource that holds only build output, and a
page whose inline `<script type="module">` a bundler bundles. Each front end or handler here
PUTs a Jira issue, so a certain SC402 on `write:jira-work` would be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: resolver
      title: P
  function:
    - key: resolver
      handler: {handler}
resources:
  - key: main
    path: {path}
permissions:
  scopes:
    - write:jira-work
    - read:jira-work
"""
RESOLVER = (
    "import Resolver from '@forge/resolver';\nconst resolver = new Resolver();\n"
    "resolver.define('ping', () => 'pong');\nexport const handler = resolver.getDefinitions();\n"
)
PUT_RESOLVER = (
    "import api, { route } from '@forge/api';\nimport Resolver from '@forge/resolver';\n"
    "const resolver = new Resolver();\nresolver.define('save', () => "
    "api.asApp().requestJira(route`/rest/api/3/issue/A-1`, { method: 'PUT', body: '{}' }));\n"
    "export const handler = resolver.getDefinitions();\n"
)
PUT_FRONT_END = (
    "import { requestJira } from '@forge/bridge';\n"
    "export const save = () => requestJira('/rest/api/3/issue/A-1', { method: 'PUT', body: '{}' });\n"
)
INVOKE_SAVE = "import { invoke } from '@forge/bridge';\nexport const go = () => invoke('save');\n"
UI_PACKAGE = '{"name": "ui", "dependencies": {"@forge/bridge": "^4"}}'


def _lint(tmp_path: Path, path: str, files: dict[str, str], handler: str = "index.handler"):
    base = {
        "app/manifest.yml": MANIFEST.format(path=path, handler=handler),
        "app/package.json": '{"dependencies": {"@forge/api": "^5", "@forge/resolver": "^1"}}',
        "app/src/index.js": RESOLVER,
    }
    write_files(tmp_path, {**base, **{f"app/{name}": text for name, text in files.items()}})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f for f in report.reported}


@pytest.mark.parametrize("folder", ["test", "tests", "e2e", "target", "coverage", ".ui"])
def test_a_front_end_in_a_folder_the_walk_skips_is_read(tmp_path, folder):
    found = _lint(
        tmp_path,
        f"static/{folder}/build",
        {f"static/{folder}/src/index.js": PUT_FRONT_END, f"static/{folder}/package.json": UI_PACKAGE},
    )
    assert "write:jira-work" not in found  # the front end's PUT is read
    assert found["read:jira-work"].confidence is Confidence.HIGH  # nothing reads: still certain


@pytest.mark.parametrize("folder", ["test", "out", "target"])
def test_a_ui_kit_entry_in_a_folder_the_walk_skips_is_read(tmp_path, folder):
    found = _lint(tmp_path, f"src/{folder}/index.jsx", {f"src/{folder}/index.jsx": PUT_FRONT_END})
    assert "write:jira-work" not in found


def test_a_handler_in_a_folder_holding_a_manifest_is_read(tmp_path):
    files = {"src/jobs/index.js": PUT_RESOLVER, "src/jobs/manifest.yml": "schedule: hourly\n"}
    found = _lint(
        tmp_path,
        "static/ui/build",
        {**files, "static/ui/src/App.js": INVOKE_SAVE},
        "jobs/index.handler",
    )
    assert "write:jira-work" not in found


def test_a_front_end_holding_a_manifest_is_read(tmp_path):
    files = {"static/ui/src/index.js": PUT_FRONT_END, "static/ui/manifest.yml": "name: ui\n"}
    found = _lint(tmp_path, "static/ui/build", files)
    assert "write:jira-work" not in found


@pytest.mark.parametrize("build", ["build", "dist", "out"])
def test_a_resource_holding_only_build_output_is_named_and_keeps_the_doubt(tmp_path, build):
    bundle = "(()=>{var e={12:(e,t,r)=>{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();\n"
    found = _lint(tmp_path, f"static/ui/{build}", {f"static/ui/{build}/static/js/main.js": bundle})
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "holds only build output, which scopecheck does not read" in found["write:jira-work"].message


def test_an_inline_module_script_keeps_the_doubt(tmp_path):
    page = (
        "<!doctype html><html><body><div id='root'></div>\n<script type=\"module\">\n"
        + PUT_FRONT_END
        + "save();\n</script>\n"
        "</body></html>\n"
    )
    files = {
        "static/ui/index.html": page,
        "static/ui/vite.config.js": "export default { build: { outDir: 'build' } };\n",
    }
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert 'has an inline <script type="module">' in found["write:jira-work"].message


@pytest.mark.parametrize(
    "files",
    [
        {"static/ui/src/index.js": PUT_FRONT_END.replace("PUT", "GET")},  # a front end read as usual
        # data, not code: JSON-LD, and a classic script that cannot import @forge/bridge
        {
            "static/ui/src/index.js": "export const A = 1;\n",
            "static/ui/public/index.html": '<script type="application/ld+json">{"a": 1}</script><script>var a = 1;</script>\n',
        },
    ],
    ids=["plain-front-end", "no-module-script"],
)
def test_controls_stay_certain(tmp_path, files):
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "beside",
    [
        {"static/ui/.eslintrc.js": "module.exports = { root: true };\n"},
        {"static/ui/theme.css": "body { margin: 0; }\n"},
        {"static/ui/scripts/postbuild.js": "console.log('done');\n"},
        {"tsconfig.json": '{"exclude": ["static/ui/build"]}\n'},
    ],
    ids=["eslintrc", "stylesheet", "build-script", "tsconfig-names-it"],
)
def test_build_output_beside_files_that_are_no_front_end_keeps_the_doubt(tmp_path, beside):
    bundle = "(()=>{var e={12:(e,t,r)=>{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();\n"
    found = _lint(tmp_path, "static/ui/build", {"static/ui/build/static/js/main.js": bundle, **beside})
    assert found["write:jira-work"].confidence is Confidence.LOW


TWO_FRONT_ENDS = MANIFEST.replace(
    "      title: P\n",
    "      title: P\n  jira:projectPage:\n    - key: page\n      resource: other\n      title: O\n",
).replace("    path: {path}\n", "    path: {path}\n  - key: other\n    path: static/other/dist\n")


BUNDLE = "(()=>{var e={12:(e,t,r)=>{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();\n"


def _lint_two(tmp_path: Path, path: str, files: dict[str, str]) -> dict:
    """SC402 of an app with two front ends: `main` at `path`, `other` at static/other/dist."""
    base = {
        "manifest.yml": TWO_FRONT_ENDS.format(path=path, handler="index.handler"),
        "package.json": '{"dependencies": {"@forge/api": "^5", "@forge/resolver": "^1"}}',
        "src/index.js": RESOLVER,
    }
    write_files(tmp_path, {f"app/{name}": text for name, text in {**base, **files}.items()})
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    return {f.subject: f for f in report.reported}


def test_another_front_ends_sources_do_not_cancel_the_doubt(tmp_path):
    """Review 27a c06: `main` holds only a bundle; `other` is built by Vite from its own
    folder. Its `@forge/bridge` import is not `main`'s source."""
    files = {
        "static/ui/build/main.js": BUNDLE,
        "static/other/vite.config.js": "export default { build: { outDir: 'dist' } };\n",
        "static/other/src/main.js": INVOKE_SAVE,
        "static/other/index.html": '<script type="module" src="/src/main.js"></script>\n',
    }
    found = _lint_two(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "`main` holds only build output" in found["write:jira-work"].message


@pytest.mark.parametrize("script_type", [' type="module" crossorigin', ""], ids=["module", "classic"])
def test_a_single_file_build_is_build_output(tmp_path, script_type):
    """Review 27a c18: the whole bundle inlined in `build/index.html` (vite-plugin-singlefile,
    an inline-script plugin): no script file, yet code that calls `requestJira`."""
    page = (
        f"<!doctype html><html><head><script{script_type}>(()=>{{var e={{12:(e,t,r)=>"
        "{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();</script></head>"
        "<body><div id=root></div></body></html>\n"
    )
    found = _lint(tmp_path, "static/ui/build", {"static/ui/build/index.html": page})
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "holds only build output" in found["write:jira-work"].message


def test_a_build_page_with_only_data_scripts_is_not_code(tmp_path):
    """A control: a page whose only inline script is JSON holds no code."""
    page = '<html><script type="application/json">{"a": 1}</script><div id=root></div></html>\n'
    found = _lint(tmp_path, "static/ui/build", {"static/ui/build/index.html": page})
    assert found["write:jira-work"].confidence is Confidence.HIGH


def test_two_front_ends_built_from_one_folder_share_their_sources(tmp_path):
    """A control: `static/other/build` and `static/other/dist` come from the same sources."""
    files = {
        "static/other/build/main.js": BUNDLE,
        "static/other/src/main.js": PUT_FRONT_END.replace("PUT", "GET"),
    }
    found = _lint_two(tmp_path, "static/other/build", files)
    assert found["write:jira-work"].confidence is Confidence.HIGH  # the sources are read


def test_build_output_beside_its_sources_is_not_a_doubt(tmp_path):
    """A control: the committed build of a front end whose sources are read."""
    bundle = "(()=>{var e={12:(e,t,r)=>{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();\n"
    files = {"static/ui/build/static/js/main.js": bundle, "static/ui/src/index.js": PUT_FRONT_END}
    found = _lint(tmp_path, "static/ui/build", files)
    assert "write:jira-work" not in found and found["read:jira-work"].confidence is Confidence.HIGH


WEBPACK_BUNDLE = (
    "/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n"
    "/***/ 894: ((m, exports) => { exports.Ii = (p, o) => window.__bridge.fetch(p, o); }),\n"
    "/******/ });\nvar __webpack_exports__ = {};\n"
    "(0, __webpack_modules__[894].Ii)('/rest/api/3/issue/A-1', { method: 'PUT' });\n/******/ })();\n"
)


@pytest.mark.parametrize("folder", ["static/ui/www", "static/ui/release", "static/ui"])
def test_a_bundle_in_a_folder_of_any_name_is_named_not_read(tmp_path, folder):
    found = _lint(
        tmp_path, folder, {f"{folder}/main.js": WEBPACK_BUNDLE, f"{folder}/index.html": "<div></div>\n"}
    )
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "a bundler's output" in found["write:jira-work"].message


def test_a_minified_file_is_named_not_read(tmp_path):
    found = _lint(
        tmp_path,
        "static/ui",
        {"static/ui/app.min.js": "window.go=()=>1;\n", "static/ui/index.html": "<p></p>\n"},
    )
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "app.min.js was not analysed (minified code)" in found["write:jira-work"].message


INLINE_PUT_PAGE = (
    '<!doctype html><html><body><div id="root"></div>\n<script type="module">\n'
    "import { requestJira } from '@forge/bridge';\n"
    "requestJira('/rest/api/3/issue/A-1', { method: 'PUT', body: '{}' });\n</script></body></html>\n"
)


@pytest.mark.parametrize(
    "files",
    [
        # Vite configured at the app's top, its page there too
        {
            "vite.config.js": "export default { build: { outDir: 'static/ui/build' } };\n",
            "index.html": INLINE_PUT_PAGE,
        },
        # Vite's `root` is a folder of the app
        {
            "vite.config.js": "export default { root: 'web', build: { outDir: '../static/ui/build' } };\n",
            "web/index.html": INLINE_PUT_PAGE,
        },
        # `root` spelled as code, resolved from the configuration's folder (review 28a h05)
        {
            "vite.config.js": "import { resolve } from 'path';\n"
            "export default { root: resolve(__dirname, 'web'), build: { outDir: '../static/ui/build' } };\n",
            "web/index.html": INLINE_PUT_PAGE,
        },
        # review 28a: a Vite project in a folder of the app builds into the resource
        {
            "ui/vite.config.js": "export default { build: { outDir: '../static/ui/build' } };\n",
            "ui/index.html": INLINE_PUT_PAGE,
        },
        # a page the configuration names as its entry
        {
            "vite.config.js": "export default { build: { outDir: 'static/ui/build', "
            "rollupOptions: { input: 'panel.html' } } };\n",
            "panel.html": INLINE_PUT_PAGE,
        },
    ],
    ids=[
        "page-at-the-top",
        "vite-root-web",
        "vite-root-resolved",
        "vite-in-a-sub-folder",
        "named-entry-page",
    ],
)
def test_an_inline_module_page_anywhere_in_the_app_keeps_the_doubt(tmp_path, files):
    """Review 27a d08, d09: the page Vite bundles is not in the resource's folder."""
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert 'has an inline <script type="module">' in found["write:jira-work"].message


def test_an_inline_module_page_of_a_front_end_outside_the_app_keeps_the_doubt(tmp_path):
    """Review 27a d04: `../custom-ui` builds into the app; its page holds the code."""
    files = {
        "app/manifest.yml": MANIFEST.format(path="build/ui", handler="index.handler"),
        "app/package.json": '{"dependencies": {"@forge/api": "^5", "@forge/resolver": "^1"}}',
        "app/src/index.js": RESOLVER,
        "custom-ui/vite.config.js": "export default { build: { outDir: '../app/build/ui' } };\n",
        "custom-ui/src/util.js": "export const x = 1;\n",
        "custom-ui/index.html": INLINE_PUT_PAGE,
    }
    write_files(tmp_path, files)
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")
    found = {f.subject: f for f in report.reported}
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert 'has an inline <script type="module">' in found["write:jira-work"].message


@pytest.mark.parametrize("folder", ["static/ui", "ui"])
def test_a_script_src_naming_a_generated_file_keeps_the_doubt(tmp_path, folder):
    """Review 27a d13, 28a h09: `prebuild` writes src/gen/main.js, which PUTs; the page
    names it (in the resource's folder, or in a Vite project that builds into it)."""
    out = "build" if folder == "static/ui" else "../static/ui/build"
    files = {
        f"{folder}/vite.config.js": f"export default {{ build: {{ outDir: '{out}' }} }};\n",
        f"{folder}/src/App.js": INVOKE_SAVE,
        f"{folder}/index.html": '<div id="root"></div><script type="module" src="./src/gen/main.js"></script>\n',
    }
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.LOW
    assert "<script src> `./src/gen/main.js` names a file that is not in the repository" in (
        found["write:jira-work"].message
    )


@pytest.mark.parametrize(
    "source", ["/src/main.js", "./src/main.js?v=2", "https://cdn.example.com/x.js", "%PUBLIC_URL%/x.js"]
)
def test_a_script_src_naming_a_file_that_is_there_or_a_url_is_no_doubt(tmp_path, source):
    files = {
        "static/ui/src/main.js": PUT_FRONT_END.replace("PUT", "GET"),
        "static/ui/index.html": f'<div id="root"></div><script type="module" src="{source}"></script>\n',
    }
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.HIGH


@pytest.mark.parametrize(
    ("page", "html"),
    [
        # webpack's template names its own output: a classic script Vite would not bundle
        ("static/ui/index.html", '<div id="root"></div><script src="bundle.js"></script>\n'),
        # Vite copies public/ as it is; `/src/main.js` there is the root's, not public's
        ("static/ui/public/index.html", '<script type="module" src="/src/gen/main.js"></script>\n'),
    ],
    ids=["classic-bundle", "public-page"],
)
def test_a_script_src_no_bundler_bundles_is_no_doubt(tmp_path, page, html):
    files = {"static/ui/src/main.js": PUT_FRONT_END.replace("PUT", "GET"), page: html}
    found = _lint(tmp_path, "static/ui/build", files)
    assert found["write:jira-work"].confidence is Confidence.HIGH
