"""Benchmark linting a repository's GitHub Actions workflows (target: under 150 ms for ten).

    python scripts/bench_workflows.py [--runs 21] [--count 10] [REPO ...]

Without REPO, builds a repository of `--count` workflows in a temporary folder from the
bundled example's three (`examples/triage-app/.github/workflows`, copied under new names), so
the figure needs nothing outside this repository. With REPO paths (a fetched repository, the
corpus), lints each as it is.

Reports medians of: the whole `scopecheck lint` process (what a pre-commit hook or a CI step
pays, Python start-up included, text output), and the lint itself in a warm process (`lint()` called
again, the cost per run of a long-lived caller). Nothing is cached between runs: `--no-cache`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "triage-app" / ".github" / "workflows"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def build(root: Path, count: int) -> Path:
    """A repository holding `count` workflows, copies of the example's under new names."""
    folder = root / ".github" / "workflows"
    folder.mkdir(parents=True)
    (root / ".git").mkdir()
    sources = sorted(EXAMPLE.glob("*.yml"))
    for index in range(count):
        source = sources[index % len(sources)]
        shutil.copy(source, folder / f"{source.stem}-{index}.yml")
    return root


def process_ms(repo: Path, runs: int) -> float:
    command = [sys.executable, "-m", "scopecheck", "lint", str(repo), "--no-cache"]
    subprocess.run(command, env=ENV, capture_output=True, check=False)  # warm-up: bytecode
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def in_process_ms(repo: Path, runs: int) -> tuple[float, int, int]:
    from scopecheck.core.engine import lint
    from scopecheck.core.settings import CliOverrides
    from scopecheck.ecosystems import TOOLKIT

    cli = CliOverrides(cache=False, verify_fixes=False)  # as for text output
    report = lint([repo], cli, cwd=repo, toolkit=TOOLKIT)  # warm-up: catalogs, grammars
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        lint([repo], cli, cwd=repo, toolkit=TOOLKIT)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(report.apps), len(report.reported)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--count", type=int, default=10, help="workflows in the built repository")
    parser.add_argument("repos", nargs="*", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repos = args.repos or [build(Path(tmp) / "repo", args.count)]
        print(f"{'repository':44} {'workflows':>9} {'findings':>8} {'process ms':>10} {'in-process ms':>13}")
        for repo in repos:
            warm, workflows, findings = in_process_ms(repo.resolve(), args.runs)
            cold = process_ms(repo.resolve(), args.runs)
            name = repo.name if args.repos else f"built ({args.count} workflows)"
            print(f"{name:44} {workflows:>9} {findings:>8} {cold:>10.0f} {warm:>13.1f}")


if __name__ == "__main__":
    main()
