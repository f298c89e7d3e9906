"""Benchmark a monorepo: a generated tree of N apps, linted serially and in parallel.

Each app is a copy of one of the bundled examples with its own code file. Reports the
median wall time of whole `scopecheck lint` processes and their peak memory (max RSS of
the process tree's largest member), for `--jobs 1` and the default (one worker per core),
with the code-analysis cache warm (as on a second run) and with `--no-cache`.
Run from the repository root: `python scripts/bench_monorepo.py [--apps 500] [--runs 3]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = ["approvals-app", "leaky-app", "on-atlassian-app"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

#: runs one lint in a child and prints its wall time and peak RSS as JSON
PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def make_tree(root: Path, apps: int) -> None:
    for index in range(apps):
        source = REPO / "examples" / EXAMPLES[index % len(EXAMPLES)]
        target = root / f"team-{index // 50:02d}" / f"app-{index:04d}"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.png"))
        (target / "src" / f"extra_{index}.js").write_text(
            "import api, { route } from '@forge/api';\n"
            f"export const get{index} = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${{key}}`);\n"
        )
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def measure(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    walls, peaks = [], []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *command],
            cwd=cwd,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(result.stdout)
        walls.append(data["wall"])
        peaks.append(data["rss_kb"] / 1024)
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_tree(root, args.apps)
        lint = [sys.executable, "-m", "scopecheck", "lint", ".", "--format", "json", "--fail-on", "never"]
        subprocess.run(lint, cwd=root, env=ENV, capture_output=True, check=False)  # warm-up
        print(f"{args.apps} apps, median of {args.runs} runs, {os.cpu_count()} cores")
        cases = (
            ("serial, cached", ["--jobs", "1"]),
            ("parallel, cached", []),
            ("serial, --no-cache", ["--jobs", "1", "--no-cache"]),
            ("parallel, --no-cache", ["--no-cache"]),
        )
        for label, extra in cases:
            wall, peak = measure([*lint, *extra], root, args.runs)
            print(
                f"  {label:<20} {wall:6.2f} s  {args.apps / wall:6.0f} apps/s  peak {peak:6.0f} MB per process"
            )


if __name__ == "__main__":
    main()
