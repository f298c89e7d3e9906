"""Time `scopecheck history` on a generated repository of N commits (default 2,000).

The repository is written with one `git fast-import` (seconds, not minutes): an app whose
manifest changes in every commit (a scope, an egress host or a remote added or removed in
turn, with the registry following every few commits) next to a source file that changes
too, so git log has other files to skip. Prints the median of several runs of the whole
`scopecheck history -f json` process, beside `python -c pass`.

    python scripts/bench_history.py [--commits 2000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCOPES = [
    "read:jira-work",
    "write:jira-work",
    "read:jira-user",
    "manage:jira-configuration",
    "storage:app",
    "read:confluence-content.summary",
    "write:confluence-content",
    "read:me",
]


def manifest(step: int) -> str:
    scopes = [s for i, s in enumerate(SCOPES) if (step >> (i % 8)) & 1 or i == 0]
    hosts = [f"https://api{n}.example.com" for n in range(step % 5)]
    lines = [
        "app:",
        "  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001",
        "modules:",
        "  jira:issuePanel:",
        "    - key: panel",
        "      title: Panel",
        "      resource: main",
        "resources:",
        "  - key: main",
        "    path: static/build",
        "permissions:",
        "  scopes:",
        *[f"    - {s}" for s in scopes],
    ]
    if hosts:
        lines += ["  external:", "    fetch:", "      backend:", *[f"        - {h}" for h in hosts]]
    if step % 7 == 3:
        lines += ["remotes:", "  - key: billing", f"    baseUrl: https://billing{step % 2}.example.com"]
    return "\n".join(lines) + "\n"


def registry(step: int) -> str:
    lines = ["version: 1", "scopes:"]
    lines += [f"  {s}: Needed for the approval panel, step {step}." for s in SCOPES]
    lines += ["egress:"] + [f"  https://api{n}.example.com: Sends notifications." for n in range(5)]
    return "\n".join(lines) + "\n"


def blob(text: str) -> bytes:
    data = text.encode()
    return b"data %d\n" % len(data) + data + b"\n"


def generate(root: Path, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = bytearray()
    start = 1_700_000_000
    for n in range(commits):
        stream += b"commit refs/heads/main\n"
        stream += b"committer Dev %d <dev%d@example.com> %d +0000\n" % (n % 13, n % 13, start + n * 3600)
        stream += blob(f"Change {n}")  # later commits continue the branch: no `from` needed
        stream += b"M 100644 inline app/manifest.yml\n" + blob(manifest(n))
        if n % 5 == 0:
            stream += b"M 100644 inline app/permissions.yml\n" + blob(registry(n))
        stream += b"M 100644 inline app/src/index.js\n" + blob(f"export const step = {n};\n")
        stream += b"\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, bytes]:
    began = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=True)
    return time.perf_counter() - began, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate the repository here and keep it")
    options = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO / "linter")}
    with tempfile.TemporaryDirectory() as scratch:
        root = options.keep or Path(scratch) / "repo"
        began = time.perf_counter()
        generate(root, options.commits)
        print(f"generated {options.commits} commits in {time.perf_counter() - began:.2f} s ({root})")
        command = [sys.executable, "-m", "scopecheck", "history", "app", "-f", "json"]
        timed(command, root, env)  # warm the file cache
        times, output = [], b""
        for _ in range(options.runs):
            seconds, output = timed(command, root, env)
            times.append(seconds)
        baseline = statistics.median(timed([sys.executable, "-c", "pass"], root, env)[0] for _ in range(3))
        data = json.loads(output)
        print(
            f"scopecheck history: {data['commits']} commits, {len(data['entries'])} entries, "
            f"{len(data['consent_commits'])} commits needing consent"
        )
        print(
            f"median of {options.runs} runs: {statistics.median(times):.2f} s "
            f"(min {min(times):.2f} s, max {max(times):.2f} s); python -c pass: {baseline:.3f} s"
        )


if __name__ == "__main__":
    main()
