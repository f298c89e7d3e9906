"""Icons returned by dynamic-properties functions: found from the handler, or by forge lint's
heuristic when the handler cannot be followed (analysis/icons.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import analyze, fetches

from scopecheck.ecosystems.forge.code.js.grammar import Grammars
from scopecheck.ecosystems.forge.code.usage import Usage


def icons(usage: Usage) -> list[tuple[str, int, int, str | None, str | None, str | None]]:
    """(path, line, column, url, host, handler) of each dynamic-property icon."""
    return [
        (f.span.path, f.span.line, f.span.column, f.url, f.host, f.icon_handler)
        for f in usage.fetches
        if f.dynamic_icon
    ]


CONFLUENCE = """\
export const props = () => ({
  title: 'Approved',
  icon: 'https://cdn.example.com/ok.png',
});
"""
JIRA = """\
export function props() {
  return {
    status: { type: 'icon', value: { url: 'https://cdn.example.com/ok.png' } },
  };
}
"""


@pytest.mark.parametrize(
    ("source", "line", "column"), [(CONFLUENCE, 3, 9), (JIRA, 3, 43)], ids=["icon", "status-icon"]
)
def test_the_handler_function_is_read(tmp_path: Path, source: str, line: int, column: int) -> None:
    usage = analyze(tmp_path, {"src/index.js": source}, icon_handlers=["index.props"])
    assert icons(usage) == [
        ("app/src/index.js", line, column, "https://cdn.example.com/ok.png", "cdn.example.com", "index.props")
    ]
    (icon,) = usage.fetches
    assert icon.kind == "images"
    assert icon.span.end_column - icon.span.column == len("'https://cdn.example.com/ok.png'")


def test_no_handlers_no_icons(tmp_path: Path) -> None:
    usage = analyze(tmp_path, {"src/index.js": CONFLUENCE})
    assert usage.fetches == ()


def test_only_the_handler_function_and_its_own_returns(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            export const other = () => ({ icon: 'https://other.example.com/x.png' });
            export async function props({ context }) {
              const items = [1, 2].map((n) => ({ icon: 'https://nested.example.com/x.png' }));
              function inner() {
                return { icon: 'https://inner.example.com/x.png' };
              }
              if (context.approved) {
                return { title: 'Approved', icon: 'https://ok.example.com/ok.png' };
              }
              return { title: 'Pending', icon: 'https://wait.example.com/wait.png' };
            }
            """
        },
        icon_handlers=["index.props"],
    )
    assert [(line, host) for _path, line, _col, _url, host, _handler in icons(usage)] == [
        (8, "ok.example.com"),
        (10, "wait.example.com"),
    ]


def test_branches_constants_and_helpers(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/icons.js": """\
            export const CDN = 'https://cdn.example.com';
            export const DONE = `${CDN}/done.png`;
            """,
            "src/build.js": """\
            import { CDN } from './icons';
            export const build = (late) => (late ? { icon: CDN + '/late.png' } : { icon: 'data:image/png;base64,AA' });
            """,
            "src/index.ts": """\
            import { DONE } from './icons';
            import { build } from './build';
            const BLOCKED = { type: 'icon', value: { url: 'https://blocked.example.com/b.png' } } as const;
            export const props = async ({ done, late, blocked }: any) => {
              if (blocked) return { status: BLOCKED };
              if (done) {
                const result = { icon: done === 1 ? DONE : 'https://alt.example.com/a.png' };
                return result;
              }
              return await build(late);
            };
            """,
        },
        icon_handlers=["index.props"],
    )
    assert [(path, line, url) for path, line, _col, url, _host, _handler in icons(usage)] == [
        ("app/src/build.js", 2, "https://cdn.example.com/late.png"),
        ("app/src/index.ts", 3, "https://blocked.example.com/b.png"),
        ("app/src/index.ts", 7, "https://cdn.example.com/done.png"),
        ("app/src/index.ts", 7, "https://alt.example.com/a.png"),
    ]


def test_urls_that_load_nothing_from_another_host_are_left_out(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            export const props = ({ url, n }) => {
              if (n === 1) return { icon: 'resource:main;icons/ok.svg' };
              if (n === 2) return { icon: 'data:image/svg+xml;base64,AAAA' };
              if (n === 3) return { icon: '/icons/ok.svg' };
              if (n === 4) return { icon: '' };
              if (n === 5) return { icon: url };
              if (n === 6) return { status: { type: 'lozenge', value: { label: 'x', url: 'https://x.example.com' } } };
              return { icon: `https://${url}/ok.png`, status: { type: icon, value: { url: 'https://bare.example.com' } } };
            };
            """
        },
        icon_handlers=["index.props"],
    )
    # a host only known at run time is kept without one (SC403 skips it); `type: icon` as forge lint
    assert [(line, url, host) for _path, line, _col, url, host, _handler in icons(usage)] == [
        (8, "https://{}/ok.png", None),
        (8, "https://bare.example.com", "bare.example.com"),
    ]


@pytest.mark.parametrize(
    ("handler", "files"),
    [
        pytest.param(
            "resolvers/props.get",
            {
                "src/resolvers/props.ts": "export const get = () => ({ icon: 'https://cdn.example.com/ok.png' });\n"
            },
            id="subfolder-typescript",
        ),
        pytest.param(
            "lib.props",
            {
                "src/lib/index.jsx": "export function props() { return { icon: 'https://cdn.example.com/ok.png' }; }\n"
            },
            id="folder-index",
        ),
        pytest.param(
            "index.props",
            {
                "src/index.js": "export { get as props } from './props';\n",
                "src/props.js": "export const get = () => ({ icon: 'https://cdn.example.com/ok.png' });\n",
            },
            id="re-export",
        ),
        pytest.param(
            "index.props",
            {
                "src/index.js": (
                    "const props = function () { return { icon: 'https://cdn.example.com/ok.png' }; };\n"
                    "module.exports = { props };\n"
                )
            },
            id="commonjs",
        ),
        pytest.param(
            "index.props",
            {
                "src/index.js": "const o = { props() { return { icon: 'https://cdn.example.com/ok.png' }; } };\nexport const { props } = o;\n"
            },
            id="object-method",
        ),
    ],
)
def test_handler_forms(tmp_path: Path, handler: str, files: dict[str, str]) -> None:
    usage = analyze(tmp_path, files, icon_handlers=[handler])
    assert [(host, found) for _p, _l, _c, _u, host, found in icons(usage)] == [("cdn.example.com", handler)]


HEURISTIC = {
    "src/index.js": "export const props = wrap(() => ({ icon: 'https://cdn.example.com/ok.png' }));\n",
    "src/ui/glance.jsx": """\
    export function status() {
      return ({ status: { type: 'icon', value: { url: 'https://glance.example.com/g.png' } } });
    }
    """,
    "src/plain.js": "export const no = () => ({ title: 'no icon here' });\n",
}


@pytest.mark.parametrize(
    "handler",
    [None, "missing.props", "index.other", "index.props"],
    ids=["no-function-module", "no-file", "no-export", "not-a-function"],
)
def test_forge_lint_heuristic_when_the_handler_cannot_be_followed(
    tmp_path: Path, handler: str | None
) -> None:
    usage = analyze(tmp_path, HEURISTIC, icon_handlers=[handler])
    assert icons(usage) == [
        ("app/src/index.js", 1, 42, "https://cdn.example.com/ok.png", "cdn.example.com", None),
        ("app/src/ui/glance.jsx", 2, 51, "https://glance.example.com/g.png", "glance.example.com", None),
    ]


def test_an_icon_found_twice_is_reported_once(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path, {"src/index.js": CONFLUENCE}, icon_handlers=["index.props", None, "index.props"]
    )
    assert len(icons(usage)) == 1
    assert icons(usage)[0][5] == "index.props"  # the followed handler is named


def test_recursion_and_depth_are_bounded(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            const a = (n) => (n ? b(n - 1) : { icon: 'https://a.example.com/a.png' });
            const b = (n) => (n ? a(n - 1) : c());
            const c = () => d();
            const d = () => e();
            const e = () => ({ icon: 'https://deep.example.com/e.png' });
            export const props = (n) => a(n);
            """
        },
        icon_handlers=["index.props"],
    )
    # props -> a -> b -> c (depth 3): d and e are not read
    assert [host for *_rest, host, _handler in icons(usage)] == ["a.example.com"]


def test_the_extra_query_is_built_only_for_the_heuristic(tmp_path: Path, monkeypatch) -> None:
    def refuse(self, language, root):
        raise AssertionError("the returned-objects query was used")

    monkeypatch.setattr(Grammars, "returned_objects", refuse)
    assert len(icons(analyze(tmp_path, {"src/index.js": CONFLUENCE}, icon_handlers=["index.props"]))) == 1
    assert analyze(tmp_path, {"src/index.js": CONFLUENCE}).fetches == ()
    with pytest.raises(AssertionError, match="returned-objects"):
        analyze(tmp_path, {"src/index.js": CONFLUENCE}, icon_handlers=[None])


def test_icons_sit_with_the_other_fetches(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/index.js": """\
            import { fetch } from '@forge/api';
            export const run = () => fetch('https://api.example.com/x');
            export const props = () => ({ icon: 'https://cdn.example.com/ok.png' });
            """
        },
        icon_handlers=["index.props"],
    )
    assert [(line, kind, host) for _path, line, _col, kind, _url, host in fetches(usage)] == [
        (2, "fetch.backend", "api.example.com"),
        (3, "images", "cdn.example.com"),
    ]
