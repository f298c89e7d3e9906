"""Issue 8: a damaged analysis cache is ignored (the analysis runs again), never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.ecosystems.forge.code import cache as usage_cache
from scopecheck.ecosystems.forge.code.cache import cached_usage
from scopecheck.ecosystems.forge.code.usage import Usage

CODE = (
    "import api, { route, fetch } from '@forge/api';\n"
    "export const me = () => api.asUser().requestJira(route`/rest/api/3/myself`);\n"
    "export const ping = () => fetch('https://api.example.com/ping');\n"
)
MANIFEST = """\
permissions:
  scopes: [storage:app, read:jira-user]
  external:
    fetch:
      backend: [https://api.example.com, https://old.example.com]
"""
SPAN = ["app/src/index.js", 2, 25, 2, 70, 60, 105]
CALL = ["jira", "GET", "/rest/api/3/myself", SPAN, "api", True, [], None]


def entry(**fields: object) -> dict[str, object]:
    """A well-formed cache entry with some fields replaced."""
    data: dict[str, object] = {
        "calls": [CALL],
        "fetches": [],
        "needs": [],
        "files_scanned": 1,
        "problems": [],
    }
    data.update(fields)
    return data


#: name -> text of a damaged cache file; each once crashed a run or could
DAMAGED = {
    "nested-too-deep": "[" * 100_000 + "]" * 100_000,  # RecursionError in json.loads
    "line-is-text": json.dumps(
        entry(calls=[[*CALL[:3], ["app/src/index.js", "2", 25, 2, 70, 60, 105], *CALL[4:]]])
    ),
    "path-is-a-number": json.dumps(entry(calls=[[CALL[0], CALL[1], 42, *CALL[3:]]])),
    "problem-path-is-a-number": json.dumps(entry(problems=[[1, "syntax error", False]])),
    "scope-is-a-list": json.dumps(entry(needs=[[[[["storage:app"]]], "storage.set", SPAN]])),
    "count-is-true": json.dumps(entry(files_scanned=True)),
    "count-is-negative": json.dumps(entry(files_scanned=-1)),
    "flag-is-text": json.dumps(entry(fetches=[["fetch.backend", None, None, SPAN, None, "no", None, []]])),
    "as-user-is-text": json.dumps(entry(calls=[[*CALL[:5], "yes", *CALL[6:]]])),
    "span-too-short": json.dumps(entry(calls=[[*CALL[:3], SPAN[:3], *CALL[4:]]])),
    "extra-key": json.dumps({**entry(), "more": 1}),
    "a-list": json.dumps([entry()]),
    "not-utf8": b"\xff\xfe{}",
    "empty": "",
    "truncated": json.dumps(entry())[:-7],
}


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(folder))
    return folder


def damage(cache: Path, content: str | bytes) -> None:
    (target,) = cache.glob("usage-*.json")
    if isinstance(content, str):
        target.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        target.write_bytes(content)


@pytest.mark.parametrize("name", list(DAMAGED))
def test_issue_8_a_damaged_cache_is_ignored_by_lint(name, tmp_path, cache):
    app = write_app(tmp_path, MANIFEST, files={"src/index.js": CODE})
    fresh = run_lint([app], cwd=tmp_path, select="SC4", cache=False)
    run_lint([app], cwd=tmp_path, select="SC4")  # writes the cache entry
    damage(cache, DAMAGED[name])
    report = run_lint([app], cwd=tmp_path, select="SC4")
    assert report.crashes == ()
    assert positions(report) == positions(fresh)
    assert [f.message for f in report.reported] == [f.message for f in fresh.reported]
    assert run_lint([app], cwd=tmp_path, select="SC4").reported == report.reported  # rewritten


@pytest.mark.parametrize("name", list(DAMAGED))
def test_issue_8_a_damaged_cache_entry_means_analysing_again(name, tmp_path, cache):
    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    runs: list[int] = []

    def analyze() -> Usage:
        runs.append(1)
        return Usage(files_scanned=1)

    cached_usage(app, tmp_path, [], [], analyze)
    damage(cache, DAMAGED[name])
    assert cached_usage(app, tmp_path, [], [], analyze) == Usage(files_scanned=1)
    assert len(runs) == 2


def test_an_oversized_cache_file_is_not_read(tmp_path, cache, monkeypatch):
    app = write_app(tmp_path, "permissions: {}\n", files={"src/index.js": CODE})
    usage = Usage(files_scanned=1)
    cached_usage(app, tmp_path, [], [], lambda: usage)
    (target,) = cache.glob("usage-*.json")
    monkeypatch.setattr(usage_cache, "MAX_ENTRY_BYTES", target.stat().st_size - 1)
    assert cached_usage(app, tmp_path, [], [], lambda: Usage(files_scanned=2)) == Usage(files_scanned=2)
