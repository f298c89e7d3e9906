"""Which files are read, how bad input is survived, and how positions are counted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from analysis_support import analyze, calls, write_files

from scopecheck.ecosystems.forge.code.js import program as program_module
from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app
from scopecheck.ecosystems.forge.code.usage import ParseProblem

CALL = "import api from '@forge/api';\napi.asApp().requestJira('/rest/api/3/myself');\n"


def test_skipped_folders_and_files(tmp_path: Path) -> None:
    skipped = [
        "node_modules/lib/index.js",
        "src/node_modules/x.js",
        ".git/hooks/a.js",
        ".cache/a.js",
        "src/.hidden/a.js",
        "dist/index.js",
        "build/index.js",
        "out/index.js",
        ".next/server.js",
        "coverage/lcov.js",
        "target/a.js",
        "src/types.d.ts",
        "src/types.d.mts",
        "src/vendor.min.js",
        "src/notes.txt",
        "src/data.json",
    ]
    kept = ["src/index.js", "static/ui/build.js", "src/distribution/a.ts", "src/.well.js"]
    usage = analyze(tmp_path, {name: CALL for name in skipped + kept})
    assert [c.span.path for c in usage.calls] == [f"app/{name}" for name in sorted(kept)]
    assert usage.files_scanned == len(kept)


def test_big_files_become_problems(tmp_path: Path) -> None:
    big = CALL + ("// " + "x" * 1000 + "\n") * 1200
    usage = analyze(tmp_path, {"src/big.js": big, "src/small.js": CALL})
    assert calls(usage) == [("app/src/small.js", 2, 1, "GET", "/rest/api/3/myself")]
    assert usage.problems == (
        ParseProblem("app/src/big.js", "was not analysed (1.2 MB, over the 512 KiB limit)", skipped=True),
    )
    assert usage.problems[0].describe() == "app/src/big.js was not analysed (1.2 MB, over the 512 KiB limit)"
    assert usage.files_scanned == 1


def test_syntax_errors_do_not_stop_the_analysis(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/broken.js": """\
            import api from '@forge/api';
            api.asApp().requestJira('/rest/api/3/before');
            function oops( {
            """,
            "src/ok.js": CALL,
        },
    )
    assert calls(usage) == [
        ("app/src/broken.js", 2, 1, "GET", "/rest/api/3/before"),
        ("app/src/ok.js", 2, 1, "GET", "/rest/api/3/myself"),
    ]
    assert [p.path for p in usage.problems] == ["app/src/broken.js"]
    # text the parser skipped may hold a call: the file counts as not analysed whole
    assert usage.problems[0].message.startswith("was not analysed whole: a syntax error at line 3, column ")
    assert usage.problems[0].skipped


def test_non_utf8_bytes_are_replaced(tmp_path: Path) -> None:
    latin1 = (
        b"import api from '@forge/api';\n"
        b"// caf\xe9 \xff\n"
        b"const \xe9 = 1; api.asApp().requestJira('/rest/api/3/x');\n"
    )
    usage = analyze(tmp_path, {"src/latin1.js": latin1})
    # "const \ufffd = 1; " is 13 characters: the call starts in column 14
    assert calls(usage) == [("app/src/latin1.js", 3, 14, "GET", "/rest/api/3/x")]
    span = usage.calls[0].span
    text = latin1.decode("utf-8", "replace")
    assert text[span.start_offset : span.end_offset] == "api.asApp().requestJira('/rest/api/3/x')"
    assert span.start_offset == len("import api from '@forge/api';\n// caf\ufffd \ufffd\nconst \ufffd = 1; ")


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    usage = analyze(
        tmp_path,
        {
            "src/ünï.js": """\
            import api, { route } from '@forge/api';
            const label = '日本語 ✓'; await api.asApp().requestJira(route`/rest/api/3/ëxtra/${k}`);
            // 😀 emoji
            /* 😀 */ api.asApp().requestJira('/rest/api/3/after');
            """,
            "src/bom.js": "\ufeffimport api from '@forge/api';\napi.asApp().requestJira('/rest/api/3/bom');\n",
        },
    )
    # "const label = '日本語 ✓'; await " is 29 characters (44 bytes): the call starts in column 30
    assert calls(usage) == [
        ("app/src/bom.js", 2, 1, "GET", "/rest/api/3/bom"),
        ("app/src/ünï.js", 2, 30, "GET", "/rest/api/3/ëxtra/{}"),
        ("app/src/ünï.js", 4, 9, "GET", "/rest/api/3/after"),  # the emoji is one character
    ]
    first = usage.calls[1].span
    assert (first.end_line, first.end_column) == (
        2,
        30 + len("api.asApp().requestJira(route`/rest/api/3/ëxtra/${k}`)"),
    )
    assert first.start_offset == len("import api, { route } from '@forge/api';\n") + 29
    last = usage.calls[2].span
    text = (tmp_path / "app/src/ünï.js").read_text(encoding="utf-8")
    assert text[last.start_offset : last.end_offset] == "api.asApp().requestJira('/rest/api/3/after')"


def test_crlf_line_endings(tmp_path: Path) -> None:
    usage = analyze(tmp_path, {"src/win.js": CALL.replace("\n", "\r\n").encode()})
    assert calls(usage) == [("app/src/win.js", 2, 1, "GET", "/rest/api/3/myself")]


def test_paths_relative_to_cwd_or_absolute(tmp_path: Path) -> None:
    write_files(tmp_path / "app", {"src/a.js": CALL})
    inside = analyze_app(Path("app"), cwd=tmp_path)
    assert [c.span.path for c in inside.calls] == ["app/src/a.js"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = analyze_app(tmp_path / "app", cwd=elsewhere)
    assert [c.span.path for c in outside.calls] == [(tmp_path / "app/src/a.js").as_posix()]


def test_empty_and_missing_app_folders(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert analyze_app(tmp_path / "empty", cwd=tmp_path).files_scanned == 0
    assert analyze_app(tmp_path / "missing", cwd=tmp_path).calls == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_folder_loops_are_not_followed(tmp_path: Path) -> None:
    write_files(tmp_path / "app", {"src/a.js": CALL})
    os.symlink(tmp_path / "app", tmp_path / "app/src/loop")
    usage = analyze_app(tmp_path / "app", cwd=tmp_path)
    assert calls(usage) == [("app/src/a.js", 2, 1, "GET", "/rest/api/3/myself")]


def test_files_without_triggers_are_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = program_module.Unit

    def counting_unit(file, grammar):  # type: ignore[no-untyped-def]
        parsed.append(Path(file.key).name)
        return original(file, grammar)

    monkeypatch.setattr(program_module, "Unit", counting_unit)
    usage = analyze(
        tmp_path,
        {
            "src/index.js": "import api from '@forge/api';\nimport { BASE } from './consts';\n"
            "import { call } from './helper';\napi.asApp().requestJira(BASE);\n",
            "src/consts.js": "export const BASE = '/rest/api/3/myself';\n",
            "src/helper.js": "import api from '@forge/api';\nexport const call = (p) => api.asApp().requestJira(p);\n",
            "src/caller.js": "import { call } from './helper';\ncall('/rest/api/3/field');\n",
            "src/plain.js": "export const add = (a, b) => a + b;\n",
            "src/other.js": "import { add } from './plain';\nexport const three = add(1, 2);\n",
        },
    )
    assert sorted(parsed) == ["caller.js", "consts.js", "helper.js", "index.js"]
    assert calls(usage) == [
        ("app/src/caller.js", 2, 1, "GET", "/rest/api/3/field"),
        ("app/src/index.js", 4, 1, "GET", "/rest/api/3/myself"),
    ]
    assert usage.files_scanned == 6


def test_results_are_deterministic(tmp_path: Path) -> None:
    files = {f"src/m{i}.js": CALL for i in range(12)}
    first = analyze(tmp_path, files)
    second = analyze_app(tmp_path / "app", cwd=tmp_path)
    assert first == second
    assert [c.span.path for c in first.calls] == sorted(c.span.path for c in first.calls)


def test_importing_the_module_does_not_load_tree_sitter() -> None:
    code = "import sys, scopecheck.ecosystems.forge.code.js.js_usage; print('tree_sitter' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_deeply_nested_expressions_give_up_without_crashing(tmp_path: Path) -> None:
    long_sum = " +\n".join(["'/a'"] * 3000)  # on many lines: one 21,000-character line is minified
    nested = "(" * 600 + "'/rest/api/3/x'" + ")" * 600
    usage = analyze(
        tmp_path,
        {
            "src/a.js": f"import api from '@forge/api';\n"
            f"api.asApp().requestJira({long_sum});\n"
            f"api.asApp().requestJira({nested});\n"
            f"api.asApp().requestJira('/rest/api/3/\\ud800');\n"
        },
    )
    assert calls(usage) == [
        ("app/src/a.js", 2, 1, "GET", None),
        ("app/src/a.js", 3002, 1, "GET", None),
        ("app/src/a.js", 3003, 1, "GET", "/rest/api/3/\ufffd"),
    ]
    assert [c.reason for c in usage.calls][:2] == [
        "path is a concatenation with an expression nested too deeply to follow",
        "path is an expression nested too deeply to follow",
    ]


def test_a_missing_token_is_located(tmp_path: Path) -> None:
    usage = analyze(tmp_path, {"src/a.js": CALL + "const a = (1 + 2;\n"})
    assert calls(usage) == [("app/src/a.js", 2, 1, "GET", "/rest/api/3/myself")]
    assert usage.problems == (
        ParseProblem(
            "app/src/a.js",
            "was not analysed whole: a syntax error at line 3, column 17 may hide calls",
            skipped=True,
        ),
    )


@pytest.mark.parametrize(
    "view",
    [
        "export const View = () => <button onClick={save}>Save & Connect</button>;\n",
        "export const View = () => <p>R&D &amp; QA & more</p>;\n",
        "export const View = () => <div class=\"x\"><label for='y'>a</label></div>;\n",
    ],
    ids=["ampersand", "entity-and-ampersands", "reserved-attribute-names"],
)
def test_jsx_tree_sitter_rejects_but_compilers_accept_is_mended(tmp_path: Path, view: str) -> None:
    """tree-sitter stops at a bare `&` in JSX text and at `class=`/`for=` attribute names, which
    Babel, esbuild and tsc accept: the file is parsed again with them replaced (js/mend.py)."""
    usage = analyze(tmp_path, {"src/a.jsx": CALL + view})
    assert usage.problems == ()
    assert calls(usage) == [("app/src/a.jsx", 2, 1, "GET", "/rest/api/3/myself")]


def test_a_mend_that_does_not_parse_cleanly_is_not_kept(tmp_path: Path) -> None:
    view = "export const View = () => <p>Save & Connect</p>;\nconst broken = (1 + ;\n"
    (problem,) = analyze(tmp_path, {"src/a.jsx": CALL + view}).problems
    assert problem.skipped and "a syntax error at line 3" in problem.message  # the first error
