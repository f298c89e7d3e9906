"""Record what the code rules (SC401–SC404) find on the keyed real apps, and compare two records.

    python scripts/compare_findings.py record OUT.json --set KEYS_DIR APPS_DIR [--set ...]
    python scripts/compare_findings.py diff BEFORE.json AFTER.json

A change meant to leave behaviour alone should leave every (app, rule, subject, confidence)
as it was; one meant to mend a case should change only that case. `accuracy.py` scores
SC401 and SC402 against the keys; this record covers every code rule, so a change to the
egress rules (SC403, SC404) shows up too. Run `record` with each tree on `PYTHONPATH`
(`PYTHONPATH=/tmp/base/linter python scripts/compare_findings.py record ...`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from scopecheck.core.engine import lint
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import TOOLKIT

CODE_RULES = frozenset({"SC401", "SC402", "SC403", "SC404"})

Row = tuple[str, str, str, str]  # app, rule, subject, confidence


def record(sets: list[tuple[Path, Path]]) -> list[Row]:
    """Every code-rule finding on every keyed app whose manifest is laid out."""
    rows: list[Row] = []
    cli = CliOverrides(select=CODE_RULES, cache=False)
    for keys, apps in sets:
        for key_file in sorted(keys.glob("*.yml")):
            key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
            app_dir = apps / key["repo"].replace("/", "__") / (key.get("app") or ".")
            manifest = app_dir / "manifest.yml"
            if not manifest.is_file():
                print(f"skipped {key_file.name}: no manifest at {manifest}", file=sys.stderr)
                continue
            report = lint([manifest], cli, cwd=app_dir, toolkit=TOOLKIT)
            name = key_file.stem + ("" if key.get("app") in (None, ".") else f":{key['app']}")
            rows += [(name, f.rule_id, f.subject or "", f.confidence.name) for f in report.reported]
    return sorted(set(rows))


def diff(before: list[Row], after: list[Row]) -> tuple[list[Row], list[Row]]:
    """The rows only `before` has, and those only `after` has."""
    old, new = set(before), set(after)
    return sorted(old - new), sorted(new - old)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="lint the keyed apps and write their findings")
    rec.add_argument("out", type=Path)
    rec.add_argument(
        "--set", nargs=2, action="append", type=Path, metavar=("KEYS_DIR", "APPS_DIR"), required=True
    )
    cmp = commands.add_parser("diff", help="print the findings only one record has")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        rows = record([(keys, apps) for keys, apps in args.set])
        args.out.write_text(json.dumps(rows, indent=0) + "\n", encoding="utf-8")
        print(f"{len(rows)} findings written to {args.out}")
        return 0
    gone, came = diff(
        [tuple(r) for r in json.loads(args.before.read_text(encoding="utf-8"))],
        [tuple(r) for r in json.loads(args.after.read_text(encoding="utf-8"))],
    )
    for sign, rows in (("-", gone), ("+", came)):
        for row in rows:
            print(sign, *row, sep="\t")
    print(f"{len(gone)} only before, {len(came)} only after")
    return 1 if gone or came else 0


if __name__ == "__main__":
    raise SystemExit(main())
