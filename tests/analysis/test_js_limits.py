"""Issue 9: every source file costs a bounded time and memory, and none is left out in silence.

A file over 512 KiB, or with a line over 20,000 characters (a minified bundle), is not
analysed, and neither is code past 2 MiB per app (largest files first). Each is named in
every output, and the findings that need all of the code (SC402 unused scope, SC404 unused
egress) become unsure, with the reason in their message. The cache never reads such a file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from analysis_support import analyze, write_files

from conftest import REPO, run_lint, write_app
from scopecheck.core.findings import Confidence, Severity
from scopecheck.ecosystems.forge.code import cache as usage_cache
from scopecheck.ecosystems.forge.code.js import files as files_module
from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app
from scopecheck.ecosystems.forge.code.usage import Usage
from scopecheck.reporters import REPORTERS, RenderOptions

MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
    - read:jira-work
  external:
    fetch:
      backend:
        - https://api.example.com
"""
INDEX = (
    "import api from '@forge/api';\nexport const run = () => api.asApp().requestJira('/rest/api/3/myself');\n"
)
BIG_MESSAGE = "app/src/big.js was not analysed (600 KB, over the 512 KiB limit)"


def big_file(size: int = 600_000) -> str:
    """Plain code of `size` bytes in short lines, calling an API the manifest lacks a scope for."""
    head = "import api from '@forge/api';\nexport const f = () => api.asApp().requestJira('/rest/api/3/issue/1');\n"
    line = "// " + "x" * 96 + "\n"
    return head + line * ((size - len(head)) // len(line)) + "/" * ((size - len(head)) % len(line))


@pytest.fixture
def big_app(tmp_path: Path) -> Path:
    app = write_app(tmp_path, MANIFEST, files={"src/index.js": INDEX})
    (app / "src" / "big.js").write_text(big_file(), encoding="utf-8")
    assert (app / "src" / "big.js").stat().st_size == 600_000
    return app


def by_rule(report, rule: str):
    return [f for f in report.reported if f.rule_id == rule]


def test_issue_9_a_file_over_the_limit_is_named_and_makes_unused_findings_unsure(big_app, tmp_path):
    report = run_lint([big_app], cwd=tmp_path, select="SC4")
    [scope] = by_rule(report, "SC402")
    [egress] = by_rule(report, "SC404")
    for finding in (scope, egress):
        assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.LOW)
        assert finding.message.endswith(f"; {BIG_MESSAGE}")
    assert scope.fix is None  # --fix must not remove a scope the skipped file may need
    assert [(n.path, n.message, n.app) for n in report.notices] == [
        ("app/src/big.js", BIG_MESSAGE, "app/manifest.yml")
    ]
    strict = run_lint([big_app], cwd=tmp_path, select="SC4", strict=True)
    assert [f.confidence for f in by_rule(strict, "SC402")] == [Confidence.HIGH]


def test_issue_9_without_the_big_file_the_findings_are_certain(big_app, tmp_path):
    (big_app / "src" / "big.js").unlink()
    report = run_lint([big_app], cwd=tmp_path, select="SC4")
    assert [f.confidence for f in report.reported if f.rule_id in ("SC402", "SC404")] == [Confidence.HIGH] * 2
    assert report.notices == ()


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_issue_9_every_format_names_the_file_left_out(big_app, tmp_path, fmt):
    report = run_lint([big_app], cwd=tmp_path, select="SC4")
    output = REPORTERS[fmt](report, RenderOptions())
    if fmt == "json":
        data = json.loads(output)
        assert data["notices"] == [
            {"path": "app/src/big.js", "message": BIG_MESSAGE, "app": "app/manifest.yml"}
        ]
    elif fmt == "sarif":
        [notification] = json.loads(output)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert notification["level"] == "warning"
        assert notification["message"]["text"] == BIG_MESSAGE
        location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "app/src/big.js"
    elif fmt == "junit":
        outs = [e.text for e in ElementTree.fromstring(output).iter("system-out")]
        assert BIG_MESSAGE in outs
    elif fmt == "github":
        assert f"::warning file=app/src/big.js,title=scopecheck note::{BIG_MESSAGE}\n" in output
    else:
        assert BIG_MESSAGE in output
    if fmt in ("text", "markdown"):
        assert "1 file not fully analysed" in output


def test_issue_9_quiet_text_still_names_the_file(big_app, tmp_path):
    report = run_lint([big_app], cwd=tmp_path, select="SC4")
    lines = REPORTERS["text"](report, RenderOptions(concise=True)).splitlines()
    assert f"note: {BIG_MESSAGE}" in lines


def test_issue_9_a_minified_file_is_named(tmp_path):
    bundle = "import api from '@forge/api';" + "var a=1;" * 3000 + "\n"  # one 24,029-character line
    write_files(tmp_path / "app", {"src/vendor.js": bundle, "src/index.js": INDEX})
    usage = analyze_app(tmp_path / "app", cwd=tmp_path)
    assert [p.describe() for p in usage.skipped] == [
        "app/src/vendor.js was not analysed (line 1 is 24,029 characters long, over the 20,000 limit: "
        "minified code?)"
    ]
    assert usage.files_scanned == 1


def test_a_long_line_of_wide_characters_counts_characters(tmp_path):
    line = "// " + "é" * 15_000 + "\n"  # 30,003 bytes, 15,003 characters: under the limit
    write_files(tmp_path / "app", {"src/a.js": INDEX + line})
    assert analyze_app(tmp_path / "app", cwd=tmp_path).problems == ()


def test_issue_9_past_the_app_budget_the_largest_files_are_left_out(tmp_path, monkeypatch):
    files = {f"src/part{i}.js": big_file(400_000) for i in range(6)}
    files["src/huge.js"] = big_file(500_000)
    files["src/index.js"] = INDEX
    write_files(tmp_path / "app", files)
    usage = analyze_app(tmp_path / "app", cwd=tmp_path)
    left_out = "was not analysed (the app's code is over the 2 MiB limit; the largest files are left out)"
    assert [(p.path, p.message) for p in usage.skipped] == [
        ("app/src/huge.js", left_out),
        ("app/src/part5.js", left_out),
    ]
    assert usage.files_scanned == 6
    assert usage.skipped_text() == f"app/src/huge.js {left_out}; app/src/part5.js {left_out}"
    assert usage.skipped_text(limit=1) == f"app/src/huge.js {left_out}; and 1 more file was not analysed"


def test_the_readme_states_the_limits_the_code_has():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    assert f"| a JS/TS source file | {files_module.MAX_FILE_BYTES // 1024} KiB |" in section
    assert f"| a line of a source file | {files_module.MAX_LINE_CHARS:,} characters |" in section
    assert f"| all JS/TS files of one app | {files_module.MAX_APP_BYTES // (1024 * 1024)} MiB," in section
    assert f"| {usage_cache.MAX_ENTRY_BYTES // (1024 * 1024)} MiB," in section


# --- the cache ---------------------------------------------------------------------------------


class ReadCounter:
    """Stands in for `open` in usage_cache: counts the bytes read from each file."""

    def __init__(self) -> None:
        self.read: dict[str, int] = {}

    def __call__(self, path, mode="r", *args, **kwargs):
        handle = open(path, mode, *args, **kwargs)  # noqa: SIM115 -- wrapped, closed by the caller
        counter = self

        class Counted:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def read(self, size=-1):
                data = handle.read(size)
                counter.read[str(path)] = counter.read.get(str(path), 0) + len(data)
                return data

        return Counted()


def test_issue_9_the_cache_never_reads_a_file_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(tmp_path / "cache"))
    app = write_app(tmp_path, MANIFEST, files={"src/index.js": INDEX})
    big = app / "src" / "big.js"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: only its size is known without reading it
    counter = ReadCounter()
    monkeypatch.setattr(usage_cache, "open", counter, raising=False)
    runs: list[int] = []

    def analyze() -> Usage:
        runs.append(1)
        return Usage(files_scanned=1)

    usage_cache.cached_usage(app, tmp_path, [], [], analyze)
    usage_cache.cached_usage(app, tmp_path, [], [], analyze)
    assert counter.read.get(str(big), 0) == 0
    assert counter.read[str(app / "src" / "index.js")] == 2 * len(INDEX)  # hashed on each run
    assert len(runs) == 1
    with open(big, "r+b") as handle:
        handle.truncate(21 * 1024 * 1024)  # another size: another key, still unread
    usage_cache.cached_usage(app, tmp_path, [], [], analyze)
    assert len(runs) == 2 and counter.read.get(str(big), 0) == 0


def test_the_cache_hashes_in_chunks_what_the_analysis_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(usage_cache, "CHUNK", 1000)
    path = tmp_path / "a.js"
    path.write_bytes(b"x" * 25_500)
    assert usage_cache._digest(str(path)) == hashlib.blake2b(b"x" * 25_500, digest_size=16).hexdigest()
    counter = ReadCounter()
    sizes: list[int] = []
    original = ReadCounter.__call__

    def recording(self, p, mode="r", *args, **kwargs):
        handle = original(self, p, mode, *args, **kwargs)
        read = handle.read

        def read_and_note(size=-1):
            sizes.append(size)
            return read(size)

        handle.read = read_and_note
        return handle

    monkeypatch.setattr(ReadCounter, "__call__", recording)
    monkeypatch.setattr(usage_cache, "open", counter, raising=False)
    usage_cache._digest(str(path))
    assert sizes and max(sizes) == 1000 and -1 not in sizes


def test_a_cached_result_keeps_the_files_left_out(big_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(tmp_path / "cache"))
    first = run_lint([big_app], cwd=tmp_path, select="SC4")
    second = run_lint([big_app], cwd=tmp_path, select="SC4")
    assert list((tmp_path / "cache").glob("usage-*.json"))
    assert second.notices == first.notices and second.reported == first.reported


FONT = "\ufeffexport default '" + "QUFBQUFB" * 80_000 + "';\n"  # a 640 KB embedded font, one line


@pytest.mark.parametrize(
    "text",
    [
        FONT,
        'export const A: string = "x";\nexport const FONTS = { regular: \''
        + "A" * 30_000
        + "', bold: `B` };\n",
    ],
)
def test_a_big_file_of_string_constants_is_not_left_out(tmp_path, text):
    write_files(tmp_path / "app", {"src/font.base64.ts": text, "src/index.js": INDEX})
    usage = analyze_app(tmp_path / "app", cwd=tmp_path)
    assert usage.skipped == ()
    assert usage.files_scanned == 2


@pytest.mark.parametrize(
    "code",
    [
        "fetch(u);",  # a call
        "const x = `${f()}`;",  # an interpolation
        "const y = route`/rest/api/3/myself`;",  # a tagged template
        "const z = new Image;",  # a constructor without parentheses
        "import a from './a';",
        "const r = /'/; g();",  # a regular expression hiding a quote from the lexer
        "const d = window.location;",  # member access
        "const f = x => x;",
        "location = 'https://elsewhere.example.com';",  # navigation
        # a review's holes: code hidden from the lexer, or a tag behind a comment
        "// a comment ended by CR\rfetch(u);",
        "// a comment ended by U+2028\u2028fetch(u);",
        "var a = 'x' <!-- `\nfetch(u);\n<!-- `",
        "var b = 'x'\n--> `\nfetch(u);\n--> `",
        "export const c = Function/**/`fetch(u)`;",
    ],
)
def test_anything_that_may_run_code_keeps_a_big_file_left_out(tmp_path, code):
    text = FONT.replace("export default", f"{code}\nexport default", 1)
    write_files(tmp_path / "app", {"src/font.js": text, "src/index.js": INDEX})
    usage = analyze_app(tmp_path / "app", cwd=tmp_path)
    assert [p.path for p in usage.skipped] == ["app/src/font.js"]


def test_only_data_reads_literals_and_comments():
    from scopecheck.ecosystems.forge.code.js.data_files import only_data

    assert only_data(b"// generated\n/* font */\nexport default 'AAAA';\n")
    assert only_data(b'module.exports = "x";\nexports.b = "y";\nmodule.exports.c = "z";\n')
    assert not only_data(b"module.exports = a.b;\n")  # other member access
    assert only_data(b"export const a = 'x' + \"y\";\nexport const b = [`z`, 'w'];\n")
    assert not only_data(b"export const a = '<p>don\\'t</p>';\n/'/; fetch(u)\n")
    assert not only_data(b"const s = '" + b"x" * 10 + b"';\n" + b"a = b;\n" * 5000)  # too much code


def test_only_data_gives_up_on_a_flood_of_tiny_literals():
    from scopecheck.ecosystems.forge.code.js.data_files import MAX_PIECES, only_data

    assert not only_data(b"/**/" * (MAX_PIECES + 1))


def test_array_destructuring_binds_its_names_in_their_own_function(tmp_path: Path) -> None:
    """`error` in `useThing` is its own array element, not `Comp`'s `error` (which is read
    from `useThing()`'s result: taking one for the other looped for ever)."""
    usage = analyze(
        tmp_path,
        {
            "src/a.jsx": """\
            import { requestJira } from '@forge/bridge';
            const report = (error) => requestJira(error);
            function useThing() {
              const [error, setError] = useState();
              const { ...rest } = setError;
              return { error, rest };
            }
            export function Comp() {
              const { error, rest } = useThing();
              report(error);
              report(rest);
            }
            """
        },
    )
    assert [c.reason for c in usage.calls] == [
        "path is the variable `error`, taken from an array or a rest",
        "path is the variable `rest`, taken from an array or a rest",
    ]


def test_an_analysis_that_nests_too_deeply_leaves_the_findings_unsure(tmp_path, monkeypatch):
    """A RecursionError in the evaluator is a notice and unsure findings, never a traceback."""
    from scopecheck.ecosystems.forge.code.js import js_usage

    def too_deep(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setenv("SCOPECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(js_usage, "analyze_app", too_deep)
    app = write_app(tmp_path, MANIFEST, files={"src/index.js": INDEX})
    report = run_lint([app], cwd=tmp_path, select="SC4")
    [scope] = by_rule(report, "SC402")
    assert (scope.confidence, scope.fix) == (Confidence.LOW, None)
    assert "the code under app was not analysed: its values nest too deeply" in scope.message
    assert [n.path for n in report.notices] == ["the code under app"]
