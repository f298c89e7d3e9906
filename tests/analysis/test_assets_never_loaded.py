"""HTML and CSS that never load what they name (review 36, apps 10, 11, 40 and 75): a
`<script nomodule>` (every browser a Custom UI supports runs modules, so skips it), tags
inside a `<textarea>` or `<title>` (text) or a `<template>` (inert until a script clones
it), and the URL of a CSS `@namespace` (a name). SC403 on them was certain. Controls: the
same tags where they load."""

from __future__ import annotations

import pytest

from scopecheck.ecosystems.forge.code.web_assets import asset_fetches


def _hosts(tmp_path, name: str, text: str) -> list[tuple[str, str | None]]:
    folder = tmp_path / "static" / "ui" / "public"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    return [(f.kind, f.host) for f in asset_fetches([str(tmp_path / "static" / "ui")], str(tmp_path))]


@pytest.mark.parametrize(
    "html",
    [
        '<script nomodule src="https://cdn.old.example/polyfills.js"></script>',
        '<script src="https://cdn.old.example/polyfills.js" nomodule></script>',
        '<textarea readonly><iframe src="https://cdn.old.example/embed"></iframe></textarea>',
        '<template id="row"><img src="https://cdn.old.example/row.png"></template>',
        "<title><img src='https://cdn.old.example/t.png'></title>",
    ],
    ids=["nomodule-first", "nomodule-last", "textarea", "template", "title"],
)
def test_what_html_never_loads_is_not_a_request(tmp_path, html):
    page = f"<!DOCTYPE html><html><body>{html}<div id='root'></div></body></html>"
    assert _hosts(tmp_path, "index.html", page) == []


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ('<script type="module" src="https://cdn.example/app.js"></script>', "scripts"),
        ('<script src="https://cdn.example/nomodule.js"></script>', "scripts"),
        ('<textarea></textarea><img src="https://cdn.example/after.png">', "images"),
        ('<template></template><iframe src="https://cdn.example/frame"></iframe>', "frames"),
    ],
    ids=["module", "nomodule-in-the-url", "after-a-textarea", "after-a-template"],
)
def test_the_same_tags_where_they_load_are_requests(tmp_path, html, kind):
    page = f"<!DOCTYPE html><html><body>{html}</body></html>"
    assert _hosts(tmp_path, "index.html", page) == [(kind, "cdn.example")]


def test_a_css_namespace_is_a_name_not_a_request(tmp_path):
    css = (
        "@namespace svg url(http://www.w3.org/2000/svg);\n"
        ".hero { background: url(https://img.example/hero.png); }\n"
    )
    assert _hosts(tmp_path, "app.css", css) == [("images", "img.example")]


@pytest.mark.parametrize(
    "css",
    [
        ".a { color: red; }\n@import url('https://fonts.old.example/css?family=Inter');\n",
        "@media print {\n  @import 'https://fonts.old.example/print.css';\n}\n",
    ],
    ids=["after-a-rule", "inside-media"],
)
def test_an_import_browsers_drop_is_not_a_request(tmp_path, css):
    """Review 36, apps 8 and 62: an `@import` after a rule, or inside a block."""
    assert _hosts(tmp_path, "app.css", css) == []


def test_an_import_after_one_whose_url_holds_a_semicolon_loads(tmp_path):
    css = (
        "@import url('https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap');\n"
        '@import "https://fonts.example/css2?family=Mono:wght@400;700";\n.a { color: red; }\n'
    )
    assert _hosts(tmp_path, "app.css", css) == [
        ("styles", "fonts.googleapis.com"),
        ("styles", "fonts.example"),
    ]


def test_an_import_after_charset_layer_and_other_imports_loads(tmp_path):
    css = (
        '@charset "utf-8";\n@layer base, theme;\n@import "./local.css";\n'
        "@import url('https://fonts.example/css?family=Inter');\n.a { color: red; }\n"
    )
    assert _hosts(tmp_path, "app.css", css) == [("styles", "fonts.example")]
