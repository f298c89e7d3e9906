"""Front-end requests that may never be made though the code around them is read (review 36):
SC403 on them was certain and wrong.

- A leftover stylesheet that no page, module or sheet names (app09 `legacy.css`): no bundler
  takes it, no page links it.
- An `@font-face` whose family no rule or code uses (app42): a browser loads a font only for
  text set in it.
- A `url()` in a custom property that nothing reads (app57): loaded only where `var()` uses it.
- A `<script src>` in JSX (app53): React DOM never runs a script it renders (React 19 runs one
  marked `async`; Preact runs any).
- An `<img>` written inside another tag's attribute value (app63): text, not an element.

Each is a doubt on the fetch (SC403 low, with the reason); the controls stay certain.
"""

from __future__ import annotations

import pytest

from conftest import run_lint, write_app
from scopecheck.core.findings import Confidence, Severity
from scopecheck.ecosystems.forge.code.web_assets import asset_fetches

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: ui
      title: Panel
resources:
  - key: ui
    path: static/ui/build
permissions:
  scopes: []
"""
ENTRY = "import React from 'react';\nimport './App.css';\nexport const App = () => <p className='x'>hi</p>;\n"
HERO = ".hero { background: url(https://img.example.com/hero.png); }\n"
FACE = "@font-face { font-family: 'Brand Sans'; src: url(https://fonts.example.com/brand.woff2); }\n"


def _doubts(tmp_path, files: dict[str, str]) -> dict[str, str]:
    """host -> the doubt of its fetch, from the front end's HTML and CSS."""
    for name, text in files.items():
        path = tmp_path / "static" / "ui" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    found = asset_fetches([str(tmp_path / "static" / "ui")], str(tmp_path))
    return {f.host or "": f.doubt for f in found}


def test_a_stylesheet_nothing_names_may_never_load(tmp_path):
    doubts = _doubts(tmp_path, {"src/index.jsx": ENTRY, "src/App.css": ".x{}\n", "src/legacy.css": HERO})
    assert doubts == {"img.example.com": "no page, module or stylesheet of the front end names legacy.css"}


@pytest.mark.parametrize(
    "named_by",
    [
        {"src/index.jsx": ENTRY + "import './legacy.css';\n"},
        {"public/index.html": '<link rel="stylesheet" href="%PUBLIC_URL%/legacy.css">'},
        {"src/main.scss": "@import 'legacy';\n"},
        {"src/index.jsx": ENTRY + "const sheets = import.meta.glob('./*.css', { eager: true });\n"},
    ],
    ids=["imported", "linked", "sass-import", "loaded-by-a-pattern"],
)
def test_a_stylesheet_some_file_names_loads(tmp_path, named_by):
    doubts = _doubts(tmp_path, {"src/index.jsx": ENTRY, "src/legacy.css": HERO, **named_by})
    assert doubts == {"img.example.com": ""}


@pytest.mark.parametrize(
    ("used_by", "doubt"),
    [
        ({}, "no rule or code names the font family `Brand Sans`"),
        ({"src/App.css": "body { font-family: 'Brand Sans', sans-serif; }\n"}, ""),
        ({"src/index.jsx": ENTRY + "const style = { fontFamily: 'Brand Sans' };\n"}, ""),
    ],
    ids=["unused", "used-by-a-rule", "used-by-code"],
)
def test_a_font_face_is_loaded_only_for_a_family_in_use(tmp_path, used_by, doubt):
    files = {"src/index.jsx": ENTRY, "src/App.css": FACE, **used_by}
    if "src/App.css" in used_by:
        files["src/App.css"] = FACE + used_by["src/App.css"]
    (found,) = _doubts(tmp_path, files).items()
    assert found[0] == "fonts.example.com" and found[1].startswith(doubt) and bool(found[1]) is bool(doubt)


@pytest.mark.parametrize(
    ("css", "doubt"),
    [
        (":root { --hero: url(https://img.example.com/hero.png); }\n", True),
        (
            ":root { --hero: url(https://img.example.com/hero.png); }\n.h { background: var(--hero); }\n",
            False,
        ),
        (":root { --hero-size: 2px; }\n.h { background: url(https://img.example.com/hero.png); }\n", False),
    ],
    ids=["property-never-read", "property-read", "not-in-a-property"],
)
def test_a_custom_property_url_is_loaded_only_where_it_is_read(tmp_path, css, doubt):
    (found,) = _doubts(tmp_path, {"src/index.jsx": ENTRY, "src/App.css": css}).values()
    assert (found == "") is not doubt
    if doubt:
        assert "custom property `--hero`" in found


def test_an_img_inside_an_attribute_value_is_text(tmp_path):
    page = (
        '<div data-tip="<img src=https://tip.example.com/t.png>">'
        '<img alt=it\'s src="https://img.example.com/logo.png"></div>'
    )
    assert _doubts(tmp_path, {"public/index.html": page}) == {"img.example.com": ""}


def _sc403(tmp_path, files: dict[str, str]):
    app = write_app(tmp_path, MANIFEST, files={f"static/ui/{k}": v for k, v in files.items()})
    return {f.subject: f for f in run_lint([app], cwd=tmp_path, select="SC403").reported}


def test_sc403_is_unsure_where_a_request_may_never_be_made(tmp_path):
    jsx = (
        ENTRY
        + "export const Map = () => <><script src='https://maps.example.com/api.js' /><img src='https://img.example.com/pin.png' /></>;\n"
    )
    found = _sc403(tmp_path, {"src/index.jsx": jsx, "src/App.css": ".x{}\n", "src/legacy.css": FACE})
    script, font, image = found["maps.example.com"], found["fonts.example.com"], found["img.example.com"]
    assert script.confidence is Confidence.LOW and script.severity is Severity.INFO
    assert "(unsure: React does not run a `<script>` it renders" in script.message
    assert font.confidence is Confidence.LOW and "names legacy.css" in font.message
    assert image.confidence is Confidence.HIGH and image.severity is Severity.ERROR


SCRIPT = '<script src="https://cdn.example.com/lib.js"></script>'


@pytest.mark.parametrize(
    ("files", "doubt"),
    [
        ({"public/index.html": SCRIPT}, ""),
        ({"index.html": SCRIPT}, ""),
        ({"demo/index.html": SCRIPT}, "demo/index.html is not a front end's entry page"),
        ({"demo/index.html": SCRIPT, "public/index.html": '<a href="demo/index.html">demo</a>'}, ""),
        ({"demo/index.html": SCRIPT, "demo/vite.config.js": "export default {};\n"}, ""),
        ({"public/help.html": SCRIPT}, "public/help.html is not a front end's entry page"),
        ({"public/help.html": SCRIPT, "src/index.jsx": ENTRY + "const HELP = '/help.html';\n"}, ""),
    ],
    ids=[
        "public-index",
        "top-index",
        "a-demo-page-nothing-names",
        "a-demo-page-a-link-names",
        "beside-a-bundler-config",
        "another-public-page",
        "another-public-page-code-names",
    ],
)
def test_a_page_that_is_not_an_entry_may_never_load(tmp_path, files, doubt):
    (found,) = _doubts(tmp_path, files).values()
    assert found.startswith(doubt) and bool(found) is bool(doubt), found


@pytest.mark.parametrize(
    ("page", "doubt"),
    [
        ("<% if (process.env.REACT_APP_GA) { %>" + SCRIPT + "<% } %>", True),
        ("<% if (process.env.REACT_APP_GA) { %><p>ga</p><% } %>" + SCRIPT, False),
        ("<title><%= htmlWebpackPlugin.options.title %></title>" + SCRIPT, False),
    ],
    ids=["inside-a-condition", "after-the-condition", "a-template-value-is-no-condition"],
)
def test_a_tag_inside_a_template_condition_may_be_left_out(tmp_path, page, doubt):
    (found,) = _doubts(tmp_path, {"public/index.html": page}).values()
    assert (found == "it is inside a template condition (`<% if … %>`) that the build decides") is doubt, (
        found
    )


def test_markup_in_a_scripts_text_starts_no_tag(tmp_path):
    """Review 39: `html.replace(/<a href="/g, …)` in an inline script started a tag whose
    quoted value ran on to the next page's quote, swallowing the `<script src>` after it."""
    page = (
        '<script>const fix = (html) => html.replace(/<a href="/g, \'<a target="_blank" href="\');</script>\n'
        '<script src="https://cdn.jsdelivr.net/npm/marked/marked.min.js"></script>\n'
    )
    found = _doubts(tmp_path, {"public/index.html": page})
    assert found.get("cdn.jsdelivr.net") == "", found  # the inline script itself is the unknown ""
