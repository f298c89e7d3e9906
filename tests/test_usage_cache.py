"""The code-analysis cache: reused only when nothing it depends on changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Span
from scopecheck.ecosystems.forge.code.cache import _dump, _load, cached_usage
from scopecheck.ecosystems.forge.code.usage import ApiCall, Fetch, ParseProblem, ScopeNeed, Usage

CODE = "import api, { route } from '@forge/api';\nexport const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(folder))
    return folder


def counting(usage: Usage):
    calls = []

    def analyze() -> Usage:
        calls.append(1)
        return usage

    return analyze, calls


def test_round_trip_keeps_every_field():
    span = Span("app/src/a.js", 3, 5, 3, 20, 40, 55)
    usage = Usage(
        calls=(
            ApiCall("jira", None, "/rest/api/3/issue/{}", span, "bridge", None, (span,), "method is `m`"),
        ),
        fetches=(
            Fetch(
                "images",
                "https://x/{}",
                "x",
                span,
                None,
                True,
                "index.props",
                (span,),
                "fetch.client",
                "a doubt",
            ),
        ),
        needs=((ScopeNeed((("storage:app",), ("a", "b")), "storage.set", span, "a doubt")),),
        files_scanned=7,
        problems=(ParseProblem("app/src/b.js", "syntax error at 3:4"),),
    )
    assert _load(_dump(usage)) == usage


def test_second_run_comes_from_the_cache_until_a_file_changes(tmp_path, cache):
    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    usage = Usage(files_scanned=1)
    analyze, calls = counting(usage)
    assert cached_usage(app, tmp_path, [], [], analyze) == usage
    assert cached_usage(app, tmp_path, [], [], analyze) == usage
    assert len(calls) == 1
    (app / "src" / "index.js").write_text(CODE + "// edited\n")
    cached_usage(app, tmp_path, [], [], analyze)
    assert len(calls) == 2
    cached_usage(app, tmp_path, [app / "static"], [], analyze)  # other front-end folders: another key
    cached_usage(app, tmp_path, [], ["index.props"], analyze)  # other icon handlers: another key
    assert len(calls) == 4
    cached_usage(app, tmp_path, [], [], analyze, not_app_code=())  # other not-app-code: another key
    assert len(calls) == 5
    # another module's resolver answering a front end's invokes: another key
    cached_usage(app, tmp_path, [], [], analyze, invokers=[("static/ui", ("index",))])
    cached_usage(app, tmp_path, [], [], analyze, invokers=[("static/ui", ("admin",))])
    assert len(calls) == 7


def test_a_front_end_html_or_css_change_is_a_new_key(tmp_path, cache):
    app = write_app(
        tmp_path, "permissions: {}\n", files={"src/index.js": CODE, "static/ui/index.html": "<p>"}
    )
    analyze, calls = counting(Usage(files_scanned=1))
    cached_usage(app, tmp_path, [app / "static/ui"], [], analyze)
    cached_usage(app, tmp_path, [app / "static/ui"], [], analyze)
    assert len(calls) == 1
    (app / "static/ui/index.html").write_text('<script src="https://cdn.example.com/x.js"></script>')
    cached_usage(app, tmp_path, [app / "static/ui"], [], analyze)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "setting",
    [
        ".babelrc",
        "tsconfig.json",
        "src/lib/tsconfig.json",
        "vite.config.ts",
        "pnpm-workspace.yaml",
        ".env",
        ".swcrc",  # a setting reach.py reads that the key left out
        "config/.babelrc",  # a config folder beside the app, with no source file in it
        "src/lib/package.json",  # Babel's settings and `main`; also whether a type import is kept
        "src/deep/tsconfig.json",  # between a source file (src/deep/lib/b.js) and the app folder
    ],
)
def test_a_new_or_changed_import_setting_is_a_new_key(tmp_path, cache, setting):
    """A bundler, Babel, TypeScript or workspace setting changes what an import names (an
    alias may make a helper reachable): the analysis is not reused across it."""
    files = {"src/index.js": CODE, "src/lib/a.js": CODE, "src/deep/lib/b.js": CODE}
    app = write_app(tmp_path, "permissions: {}\n", files=files)
    analyze, calls = counting(Usage(files_scanned=3))
    cached_usage(app, tmp_path, [], [], analyze)
    cached_usage(app, tmp_path, [], [], analyze)
    assert len(calls) == 1
    (app / setting).parent.mkdir(parents=True, exist_ok=True)
    (app / setting).write_text("{}\n")
    cached_usage(app, tmp_path, [], [], analyze)
    assert len(calls) == 2


def test_a_scoped_package_removed_from_node_modules_is_a_new_key(tmp_path, cache):
    """Removing node_modules/@acme/jira changes node_modules/@acme's time, not node_modules'."""
    app = write_app(
        tmp_path,
        "permissions: {}\n",
        files={"src/index.js": CODE, "node_modules/@acme/jira/package.json": '{"name": "@acme/jira"}'},
    )
    analyze, calls = counting(Usage(files_scanned=1))
    cached_usage(app, tmp_path, [], [], analyze)
    (app / "node_modules/@acme/jira/package.json").unlink()
    (app / "node_modules/@acme/jira").rmdir()
    cached_usage(app, tmp_path, [], [], analyze)
    assert len(calls) == 2


def test_a_change_to_the_analysis_code_is_a_miss_even_at_the_same_version(tmp_path, cache, monkeypatch):
    """A checkout or editable install changes the analyser without changing __version__: a
    result cached by the older code (seen: a fixed SC402 still reported) must not be reused."""
    import scopecheck.ecosystems.forge.code.cache as usage_cache

    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    analyze, calls = counting(Usage(files_scanned=1))
    cached_usage(app, tmp_path, [], [], analyze)
    fingerprint = usage_cache.analyzer_fingerprint()
    assert any(name == "js/forge_api.py" for name, _size, _time in fingerprint)
    changed = [[name, size, time + 1] for name, size, time in fingerprint]
    monkeypatch.setattr(usage_cache, "analyzer_fingerprint", lambda: changed)
    cached_usage(app, tmp_path, [], [], analyze)
    assert len(calls) == 2


def test_a_broken_or_unwritable_cache_is_ignored(tmp_path, cache, monkeypatch):
    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    usage = Usage(files_scanned=1)
    analyze, calls = counting(usage)
    cached_usage(app, tmp_path, [], [], analyze)
    (entry,) = cache.glob("usage-*.json")
    entry.write_text("{not json")
    assert cached_usage(app, tmp_path, [], [], analyze) == usage
    assert len(calls) == 2
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(blocker / "sub"))
    assert cached_usage(app, tmp_path, [], [], analyze) == usage
    assert len(calls) == 3


def test_lint_results_are_the_same_with_and_without_the_cache(tmp_path, cache):
    app = write_app(tmp_path, "permissions:\n  scopes: [storage:app]\n", files={"src/index.js": CODE})
    first = run_lint([app], cwd=tmp_path, select="SC401,SC402")
    assert list(cache.glob("usage-*.json"))
    second = run_lint([app], cwd=tmp_path, select="SC401,SC402")
    fresh = run_lint([app], cwd=tmp_path, select="SC401,SC402", cache=False)
    assert (
        positions(first)
        == positions(second)
        == positions(fresh)
        == [
            ("manifest.yml", 2, 12, "SC402"),
            ("index.js", 2, 25, "SC401"),
        ]
    )
    assert [f.message for f in first.reported] == [f.message for f in second.reported]


def test_no_cache_writes_nothing(tmp_path, cache):
    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    run_lint([app], cwd=tmp_path, cache=False)
    assert not cache.exists()


def test_old_entries_are_pruned_now_and_then(tmp_path, monkeypatch):
    import os

    import scopecheck.ecosystems.forge.code.cache as usage_cache

    monkeypatch.setattr(usage_cache, "KEEP", 2)
    folder = tmp_path / "cache"
    folder.mkdir()
    for age, name in enumerate(["usage-aa.json", "usage-bb.json", "usage-cc.json"]):
        (folder / name).write_text("{}")
        os.utime(folder / name, (1_000_000 + age, 1_000_000 + age))
    usage_cache._store(folder / "usage-11.json", Usage())  # not a pruning write
    assert len(list(folder.glob("usage-*.json"))) == 4
    usage_cache._store(folder / "usage-00ff.json", Usage())  # a pruning write keeps the newest 2
    assert sorted(p.name for p in folder.glob("usage-*.json")) == ["usage-00ff.json", "usage-11.json"]
