"""Benchmark a whole `scopecheck lint` process, the way a pre-commit hook pays for it.

Reports medians over repeated runs of: `python -c pass` (the floor), `scopecheck --version`,
`scopecheck lint` on an example app in text and JSON, on the example browser extension
(`--extension`; target under 150 ms), and which heavy modules the lint path loads. Run from the repository root: `python scripts/bench.py [--runs 30]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: like a user's install: bytecode cached (some sandboxes set PYTHONDONTWRITEBYTECODE=1,
#: which would make every run recompile every module)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, check=False)  # warm-up: writes bytecode
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, cwd=REPO, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def heavy_modules_loaded(args: list[str]) -> list[str]:
    """Which heavy libraries a lint process imports (they should stay off the hot path)."""
    probe = (
        "import sys, runpy; sys.argv = ['scopecheck', *" + repr(args) + "]\n"
        "try:\n    runpy.run_module('scopecheck', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(','.join(m for m in ('rich', 'jsonschema', 'tree_sitter') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=False
    )
    return (
        [m for m in result.stderr.strip().splitlines()[-1].split(",") if m] if result.stderr.strip() else []
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--app", default="examples/approvals-app")
    parser.add_argument("--extension", default="examples/tab-notes-extension")
    args = parser.parse_args()
    python = sys.executable
    cases = {
        "python -c pass": [python, "-c", "pass"],
        "scopecheck --version": [python, "-m", "scopecheck", "--version"],
        f"scopecheck lint {args.app}": [python, "-m", "scopecheck", "lint", args.app],
        f"scopecheck lint {args.app} --format json": [
            python,
            "-m",
            "scopecheck",
            "lint",
            args.app,
            "-f",
            "json",
        ],
        "scopecheck lint examples/leaky-app": [python, "-m", "scopecheck", "lint", "examples/leaky-app"],
        f"scopecheck lint {args.app} --no-cache": [
            python,
            "-m",
            "scopecheck",
            "lint",
            args.app,
            "--no-cache",
        ],
        f"scopecheck lint {args.extension}": [python, "-m", "scopecheck", "lint", args.extension],
        f"scopecheck lint {args.extension} --no-cache": [
            python,
            "-m",
            "scopecheck",
            "lint",
            args.extension,
            "--no-cache",
        ],
    }
    print(f"median of {args.runs} runs, whole process, {sys.version.split()[0]}")
    for label, command in cases.items():
        print(f"  {median_ms(command, args.runs):7.1f} ms  {label}")
    print("heavy modules imported by `lint`:", heavy_modules_loaded(["lint", args.app]) or "none")
    print(
        "heavy modules imported by `lint` (extension):",
        heavy_modules_loaded(["lint", args.extension]) or "none",
    )


if __name__ == "__main__":
    main()
