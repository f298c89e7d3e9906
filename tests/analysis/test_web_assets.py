"""Egress from a Custom UI's own HTML, CSS and JSX: scripts, styles, fonts, images, frames."""

from __future__ import annotations

from pathlib import Path

from analysis_support import analyze, fetches

from conftest import positions
from scopecheck.core.findings import Confidence

HTML = """\
<!doctype html>
<html><head>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<link rel="preload" as="font" href="https://fonts.example.com/a.woff2">
<link rel="icon" href="/favicon.ico">
<script src="https://cdn.example.com/lib.js"></script>
<script src="./local.js"></script>
<style>@font-face { src: url("https://fonts.gstatic.com/x.woff2"); }</style>
</head><body><img src='https://img.example.com/logo.png'><iframe src="//player.example.org/v"></iframe></body></html>
"""
CSS = """\
@import url("https://fonts.googleapis.com/css2?family=Inter");
.hero { background: url(https://img.example.com/hero.jpg); }
.local { background: url(./a.png); }
"""
JSX = """\
import React from 'react';
const CDN = 'https://cdn.example.com';
export const App = ({ avatar }) => (
  <div>
    <img src={`${CDN}/logo.png`} />
    <img src={avatar} />
    <iframe src="https://player.example.org/embed" />
    <link rel="stylesheet" href="https://styles.example.com/a.css" />
    <Other src="https://not-a-dom-element.example.com" />
    <link rel="preload" as="fetch" href="https://data.example.com/d.json" />
  </div>
);
"""


def test_html_css_and_jsx_of_a_front_end(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "static/ui/public/index.html": HTML,
            "static/ui/src/theme.css": CSS,
            "static/ui/src/App.jsx": JSX,
            "static/ui/build/index.html": HTML.replace("cdn.example.com", "built.example.com"),
            "src/index.js": "export const run = () => 1;\n",
        },
        resource_dirs=["static/ui"],
    )
    found = sorted(
        (path.rsplit("/", 1)[-1], line, kind, host) for path, line, _c, kind, _u, host in fetches(usage)
    )
    assert found == [
        ("App.jsx", 5, "images", "cdn.example.com"),
        ("App.jsx", 7, "frames", "player.example.org"),
        ("App.jsx", 8, "styles", "styles.example.com"),
        ("App.jsx", 10, "fetch.client", "data.example.com"),
        ("index.html", 3, "styles", "fonts.googleapis.com"),
        ("index.html", 4, "fonts", "fonts.example.com"),
        ("index.html", 6, "scripts", "cdn.example.com"),
        ("index.html", 8, "fonts", "fonts.gstatic.com"),
        ("index.html", 9, "frames", "player.example.org"),
        ("index.html", 9, "images", "img.example.com"),
        ("theme.css", 1, "styles", "fonts.googleapis.com"),
        ("theme.css", 2, "images", "img.example.com"),
    ]


MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: ui
      title: Panel
  function:
    - key: main
      handler: index.run
resources:
  - key: ui
    path: static/ui/build
permissions:
  external:
    scripts:
      - https://cdn.example.com
    fetch:
      backend:
        - '*.example.com'
        - https://api.example.com
"""


def test_missing_and_covered_entries(lint_app) -> None:
    files = {
        "static/ui/public/index.html": HTML,
        "src/index.js": "import { fetch } from '@forge/api';\nexport const run = () => fetch('https://api.example.com/x');\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC403,SC404")
    by_rule = {(f.rule_id, f.subject) for f in report.reported}
    assert ("SC403", "fonts.googleapis.com") in by_rule  # a stylesheet no `styles` entry allows
    assert ("SC403", "cdn.example.com") not in by_rule  # declared in `scripts`
    covered = [f for f in report.reported if f.rule_id == "SC404"]
    assert [f.subject for f in covered] == ["*.example.com"]
    assert "an exact entry already allows" in covered[0].message
    assert positions(report, rule="SC404") == [("manifest.yml", 18, 11, "SC404")]


def test_other_loading_attributes(tmp_path: Path) -> None:
    html = """\
<img srcset="https://a.example.com/1.png 1x, https://b.example.com/2.png 2x">
<picture><source srcset="https://c.example.com/p.webp"></picture>
<video poster="https://d.example.com/p.jpg" src="https://e.example.com/v.mp4"></video>
<object data="https://f.example.com/doc.pdf"></object><embed src="https://g.example.com/x.swf">
<svg><image href="https://h.example.com/i.svg"/></svg>
<link rel="preload" as="script" href="https://i.example.com/s.js">
<link rel="preload" as="style" href="https://j.example.com/s.css">
<a href="https://not-loaded.example.com/">a link loads nothing</a>
<link rel="preload" as="fetch" href="https://k.example.com/data.json" crossorigin>
<a href="/x" ping="https://l.example.com/ping /local">a ping is a POST when it is followed</a>
<area shape="rect" href="/y" ping="https://m.example.com/p">
"""
    usage = analyze(
        tmp_path,
        {"static/ui/index.html": html, "src/index.js": "export const run = () => 1;\n"},
        resource_dirs=["static/ui"],
    )
    assert sorted((kind, host) for *_where, kind, _url, host in fetches(usage)) == [
        ("fetch.client", "k.example.com"),
        ("fetch.client", "l.example.com"),
        ("fetch.client", "m.example.com"),
        ("frames", "f.example.com"),
        ("frames", "g.example.com"),
        ("images", "a.example.com"),
        ("images", "b.example.com"),
        ("images", "c.example.com"),
        ("images", "d.example.com"),
        ("images", "h.example.com"),
        ("media", "e.example.com"),
        ("scripts", "i.example.com"),
        ("styles", "j.example.com"),
    ]


JSX_MORE = """\
export const Media = ({ clip }) => (
  <figure>
    <img srcSet="https://a.example.com/1.png 1x, https://b.example.com/2.png 2x" />
    <video src="https://media.example.com/v.mp4" poster="https://posters.example.com/p.jpg" />
    <picture><source srcSet="https://pics.example.com/w.webp" /></picture>
    <object data="https://docs.example.com/a.pdf" />
    <embed src="https://embeds.example.com/e" />
    <svg><image href="https://svg.example.com/i.png" /></svg>
    <link rel="preload" as="font" href="https://fonts.example.com/f.woff2" />
    <link rel="preconnect" href="https://ignored.example.com" />
    <a href="/x" ping="https://pings.example.com/p https://pong.example.com/q /local">x</a>
  </figure>
);
"""


def test_jsx_reads_srcset_posters_objects_embeds_svg_images_preloads_and_pings(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {"static/ui/src/Media.jsx": JSX_MORE, "src/index.js": "export const run = () => 1;\n"},
        resource_dirs=["static/ui"],
    )
    found = sorted((line, kind, host) for _p, line, _c, kind, _u, host in fetches(usage))
    assert found == [
        (3, "images", "a.example.com"),
        (3, "images", "b.example.com"),
        (4, "images", "posters.example.com"),
        (4, "media", "media.example.com"),
        (5, "images", "pics.example.com"),
        (6, "frames", "docs.example.com"),
        (7, "frames", "embeds.example.com"),
        (8, "images", "svg.example.com"),
        (9, "fonts", "fonts.example.com"),
        (11, "fetch.client", "pings.example.com"),
        (11, "fetch.client", "pong.example.com"),
    ]


def test_a_jsx_file_whose_only_load_is_an_embed_is_read(tmp_path: Path) -> None:
    code = "export const Doc = () => <embed src='https://embeds.example.com/e' />;\n"
    usage = analyze(
        tmp_path,
        {"static/ui/src/Doc.jsx": code, "src/index.js": "export const run = () => 1;\n"},
        resource_dirs=["static/ui"],
    )
    assert [(kind, host) for _p, _l, _c, kind, _u, host in fetches(usage)] == [
        ("frames", "embeds.example.com")
    ]


FORGE_PAGE = """\
<!doctype html>
<html><head>
<script src="https://forge.cdn.prod.atlassian-dev.net/bridge/iframeResizer.js"></script>
</head><body>
<img src="https://pf-emoji-service.prod-east.frontend.public.atl-paas.net/standard/a.png">
<img src="https://assets-media.atlassian.com/logo.png">
<img src="https://i0.wp.com/avatar-management--avatars.us-west-2.prod.public.atl-paas.net/a.png">
<img src="https://i1.wp.com/pictures.example.com/b.png">
<iframe src="https://api.media.atlassian.com/file/1/binary"></iframe>
</body></html>
"""
FORGE_FETCHES = """\
export const send = () => fetch('https://api.atlassian.com/metal/ingest');
export const read = () => fetch('https://api.atlassian.com/ex/jira/1/rest/api/3/myself');
"""


def test_what_forges_content_security_policy_allows_needs_no_entry(lint_app) -> None:
    """@forge/csp lets a page load Forge's bridge script, Atlassian emoji and media, and a
    few gateway paths without an egress entry; a path outside an address's path still needs one."""
    files = {
        "static/ui/public/index.html": FORGE_PAGE,
        "static/ui/src/api.js": FORGE_FETCHES,
        "src/index.js": "export const run = () => 1;\n",
    }
    report = lint_app(MANIFEST, files=files, select="SC403")
    flagged = sorted((f.subject, f.span.line) for f in report.reported)
    assert flagged == [("api.atlassian.com", 2), ("i1.wp.com", 8)]


def test_an_http_image_is_upgraded_to_an_allowed_https_address(lint_app) -> None:
    """Browsers upgrade an http image on an https page: it may load through the https entry,
    so the finding is unsure; an http script is blocked, so it stays certain."""
    manifest = MANIFEST.replace(
        "    scripts:\n", "    images:\n      - https://img.example.com\n    scripts:\n"
    )
    page = '<img src="http://img.example.com/a.png"><script src="http://cdn.example.com/lib.js"></script>\n'
    files = {"static/ui/public/index.html": page, "src/index.js": "export const run = () => 1;\n"}
    report = lint_app(manifest, files=files, select="SC403")
    found = {f.subject: f for f in report.reported}
    assert found["img.example.com"].confidence is Confidence.LOW
    assert "browsers upgrade it to https" in found["img.example.com"].message
    assert found["cdn.example.com"].confidence is Confidence.HIGH


def test_csp_paths_are_compared_as_the_browser_sends_them() -> None:
    """A path ending in `/` covers what is below it, another only itself; escapes are decoded
    and dot segments resolved first; a `${...}` piece may be anything (allowed, not certain)."""
    from scopecheck.ecosystems.forge.csp_hosts import path_allowed

    download = "/fos/app/download/"
    assert path_allowed(download, "https://tdp-os.services.atlassian.com/fos/app/%64ownload/x.png")
    assert path_allowed(download, "https://tdp-os.services.atlassian.com/fos/cdn/../app/download/y.png")
    assert path_allowed(download, "https://tdp-os.services.atlassian.com/fos/./app/download/y.png")
    assert not path_allowed(download, "https://tdp-os.services.atlassian.com/fos/app/upload/y.png")
    assert path_allowed("/metal/ingest", "https://api.atlassian.com/metal/x/../ingest?batch=1")
    assert not path_allowed("/metal/ingest", "https://api.atlassian.com/metal/ingestion")
    assert not path_allowed("/metal/ingest", "https://api.atlassian.com/metal/ingest/extra")
    assert path_allowed("/metal/ingest", "https://api.atlassian.com/other/{}")
    assert path_allowed("/metal/ingest", "//api.atlassian.com/metal/ingest")  # the page's https


def test_government_and_isolated_cloud_hosts_need_no_entry(lint_app) -> None:
    """@forge/csp allows the same services under Atlassian Government Cloud and isolated-cloud
    hosts: an app deployed there loads them without an entry."""
    page = (
        '<img src="https://pf-emoji-service.frontend.cdn.atlassian-us-gov-mod.com/a.png">'
        '<img src="https://api.acme.atlassian-isolated.net/x.png">'
        '<script src="https://forge.cdn.prod.atlassian-dev-us-gov-mod.net/bridge.js"></script>\n'
    )
    files = {"static/ui/public/index.html": page, "src/index.js": "export const run = () => 1;\n"}
    report = lint_app(MANIFEST, files=files, select="SC403")
    assert [f.subject for f in report.reported] == []


NEVER_LOADED_JSX = """\
import React from 'react';
const NOTICE = '<p>Offline</p>';
export const App = ({ html }) => (
  <div>
    <noscript><img src="https://px.never.example/p.gif" /></noscript>
    <iframe srcDoc={NOTICE} src="https://status.never.example/embed" />
    <iframe srcDoc="<p>hi</p>" src="https://status.never.example/other" />
    <iframe srcDoc={html} src="https://status.loaded.example/embed" />
    <img src="https://img.loaded.example/after.png" />
  </div>
);
"""


def test_jsx_react_never_loads(tmp_path: Path) -> None:
    """Review 36, apps 51 and 84: React renders no `<noscript>` children in the browser, and
    an iframe's `srcDoc` string wins over its `src`. A `srcDoc` the code does not fix may be
    undefined (React then leaves it out), so that `src` still counts."""
    usage = analyze(
        tmp_path,
        {"static/ui/src/App.jsx": NEVER_LOADED_JSX, "src/index.js": "export const run = () => 1;\n"},
        resource_dirs=["static/ui"],
    )
    found = sorted((line, kind, host) for _p, line, _c, kind, _u, host in fetches(usage))
    assert found == [(8, "frames", "status.loaded.example"), (9, "images", "img.loaded.example")]
