"""Benchmark the worst inputs for time and memory (a script, not a test).

    python scripts/bench_limits.py [--runs 3] [--cases huge,bundles] [--pythonpath DIR]

Each case writes a Forge app to a temporary folder and runs `scopecheck lint APP -q` in a
child process `--runs` times with an empty cache (so the code analysis runs) and as many
times with a warm one (only the cache key is computed: every source file is hashed). It
prints the median wall time and the median peak resident memory (RSS) of the child,
read from `wait4`, so the numbers are the whole process: interpreter, imports, analysis.

The cases are the inputs that cost most: a 300 MB file (sparse, so writing it is quick;
reading it is not), a 900 KB one-line bundle, ten bundles just under 1 MiB, what the
limits still let through (ten files just under 512 KiB of dense code in short lines; one
and ten files of nothing but `f();` lines, the densest code found; one file of lines just
under 20,000 characters), 10,000 small files, and an empty app for the floor.
`--pythonpath DIR` runs another checkout's `linter/` (say, the main branch) to compare
before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
    - read:jira-work
    - storage:app
  external:
    fetch:
      backend:
        - https://api.example.com
"""
INDEX = (
    "import api from '@forge/api';\nexport const run = () => api.asApp().requestJira('/rest/api/3/myself');\n"
)
HEAD = "import api, { route, fetch } from '@forge/api';"
MiB = 1024 * 1024


def unit(i: int) -> str:
    """One statement of dense code: a function with a fetch, an array map, an object literal."""
    return (
        f"function h{i}(a,b){{return fetch('https://api.example.com/x/'+a,{{method:'POST',"
        f"body:JSON.stringify({{k:b,i:{i}}})}}).then(function(r){{return r.json()}})}}"
        f"var v{i}=[1,2,3].map(function(x){{return x*{i}}}),w{i}={{a:'s{i}',b:v{i},c:function(){{return h{i}(v{i},w{i})}}}};"
    )


def dense(size: int, line_chars: int | None = None) -> str:
    """`size` bytes of dense code: one line, or lines of at most `line_chars` characters."""
    parts, total, i = [HEAD], len(HEAD), 0
    while total < size:
        parts.append(unit(i))
        total += len(parts[-1]) + 1
        i += 1
    if line_chars is None:
        return "".join(parts)[:size]
    lines: list[str] = []
    line = ""
    for part in parts:
        if line and len(line) + len(part) > line_chars:
            lines.append(line)
            line = ""
        line += part
    lines.append(line)
    return "\n".join(lines)[:size]


def write(app: Path, name: str, text: str) -> None:
    path = app / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def case_empty(app: Path) -> None:
    pass


def case_huge(app: Path) -> None:
    with open(app / "src" / "huge.js", "wb") as handle:
        handle.truncate(300 * 1000 * 1000)


def case_one_line(app: Path) -> None:
    write(app, "src/bundle.js", dense(900 * 1000))


def case_bundles(app: Path) -> None:
    for i in range(10):
        write(app, f"src/vendor/bundle{i}.js", dense(MiB - 1024, line_chars=200))


def case_under_limits(app: Path) -> None:
    for i in range(10):
        write(app, f"src/part{i}.js", dense(512 * 1024 - 100, line_chars=200))


def calls_only() -> str:
    """Just under 512 KiB of nothing but `f();` lines: the most analysis work per byte found."""
    return HEAD + "\n" + "f();\n" * ((512 * 1024 - 200) // 5)


def case_densest_file(app: Path) -> None:
    write(app, "src/calls.js", calls_only())


def case_densest(app: Path) -> None:
    for i in range(10):
        write(app, f"src/calls{i}.js", calls_only())


def case_long_lines(app: Path) -> None:
    write(app, "src/wide.js", dense(512 * 1024 - 100, line_chars=19_990))


def case_many_files(app: Path) -> None:
    for i in range(10_000):
        write(app, f"src/m{i // 100}/f{i}.js", f"export const c{i} = {i};\n" + "// padding\n" * 90)


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "empty": ("an app with one small file (the floor)", case_empty),
    "huge": ("one 300 MB file (sparse)", case_huge),
    "one-line": ("a 900 KB one-line bundle", case_one_line),
    "bundles": ("ten dense bundles of 1 MiB - 1 KiB, 200-character lines", case_bundles),
    "under-limits": ("ten dense files of 512 KiB - 100 B, 200-character lines", case_under_limits),
    "densest-file": ("one file of `f();` lines, 512 KiB - 200 B", case_densest_file),
    "densest": ("ten files of `f();` lines, 512 KiB - 200 B each", case_densest),
    "long-lines": ("one dense file of 512 KiB - 100 B, 19,990-character lines", case_long_lines),
    "many-files": ("10,000 files of 1 KB", case_many_files),
}


def run_once(app: Path, cache: Path, pythonpath: str | None) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one `scopecheck lint` child process."""
    env = dict(os.environ, SCOPECHECK_CACHE_DIR=str(cache))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "scopecheck", "lint", str(app), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / MiB
    return elapsed, rss_mb, child.returncode


def measure(name: str, runs: int, pythonpath: str | None) -> str:
    label, build = CASES[name]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        app = root / "app"
        write(app, "manifest.yml", MANIFEST)
        write(app, "src/index.js", INDEX)
        build(app)
        cold = [run_once(app, root / f"cache-{i}", pythonpath) for i in range(runs)]
        warm_cache = root / "cache-warm"
        run_once(app, warm_cache, pythonpath)
        warm = [run_once(app, warm_cache, pythonpath) for _ in range(runs)]
    codes = sorted({code for *_, code in cold + warm})

    def cells(results: list[tuple[float, float, int]]) -> str:
        seconds = statistics.median(r[0] for r in results)
        rss = statistics.median(r[1] for r in results)
        return f"{seconds:7.2f} s {rss:7.0f} MB"

    return f"{name:<13} {cells(cold)}   {cells(warm)}   exit {codes}  {label}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case and cache state (median)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated: {', '.join(CASES)}")
    parser.add_argument(
        "--pythonpath", help="import scopecheck from here instead (another checkout's linter/)"
    )
    args = parser.parse_args()
    names = [n.strip() for n in args.cases.split(",") if n.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    print(f"python {sys.version.split()[0]}, {args.runs} run(s) each; median wall time and peak RSS")
    print(f"{'case':<13} {'empty cache':>20}   {'warm cache':>20}")
    for name in names:
        print(measure(name, args.runs, args.pythonpath), flush=True)


if __name__ == "__main__":
    main()
