"""Build the GitHub Actions catalog from the reference data in `../shared/data/github-actions`.

    python -m scopecheck.ecosystems.github_actions.catalog.build --data ../shared/data

Writes four compact files next to this script (`data/`), committed with the package so
scopecheck works offline; a test rebuilds them and compares byte for byte:

- `permissions.json`: every `permission:level` a workflow can grant (and `read-all`,
  `write-all`) with its risk tier, the reason for it, a description and its status;
- `actions.json`: what common actions need from the GITHUB_TOKEN, the input or variable that
  carries the token, and the conditions (inputs, later steps) that change the need;
- `rest.json`: REST endpoints and octokit `github.rest.*` names with the permission each needs;
- `cli.json`: `gh` subcommands and other run-step commands with what they need.

Facts come from the data's sources (see its SOURCES.md); this script only reshapes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "data"
SOURCE = "github-actions"


def _read(data_dir: Path, name: str) -> Any:
    return json.loads((data_dir / SOURCE / name).read_text(encoding="utf-8"))


def permissions(data_dir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in _read(data_dir, "permissions.json"):
        out[entry["name"]] = {
            "permission": entry["permission"],
            "level": entry["level"],
            "risk": entry["risk"],
            "risk_basis": entry["risk_basis"],
            "description": entry["description"],
            "status": entry["status"],
            "levels": entry.get("allowed_levels", []),
        }
    return out


def _needs(value: dict[str, str]) -> dict[str, str]:
    """`read or write` (the data's "either would do") becomes the smaller one, `read`."""
    return {name: ("read" if level == "read or write" else level) for name, level in sorted(value.items())}


def actions(data_dir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in _read(data_dir, "action-permissions.json"):
        item: dict[str, Any] = {"needs": _needs(entry.get("needs", {}))}
        for key in ("token_input", "token_default", "token_env", "doubt"):
            if key in entry:
                item[key] = entry[key]
        conditions = [
            {"when": c["when"], "needs": _needs(c.get("needs", {})), "effect": c.get("effect", "add")}
            for c in entry.get("conditional", [])
        ]
        if conditions:
            item["conditional"] = conditions
        out[entry["action"].lower()] = item
    return out


def rest(data_dir: Path) -> dict[str, Any]:
    endpoints: list[dict[str, Any]] = []
    octokit: dict[str, int] = {}
    for entry in _read(data_dir, "rest-permissions.json"):
        needs: dict[str, str] = {}
        for item in entry["permissions"]:
            level = "write" if item["access"] == "write" else "read"
            if needs.get(item["permission"]) != "write":
                needs[item["permission"]] = level
        row = {"method": entry["method"], "path": entry["path"], "needs": dict(sorted(needs.items()))}
        if entry.get("combine"):
            row["combine"] = entry["combine"]
        index = len(endpoints)
        endpoints.append(row)
        for name in entry.get("octokit", []):
            octokit.setdefault(name, index)
    return {"endpoints": endpoints, "octokit": dict(sorted(octokit.items()))}


def cli(data_dir: Path) -> list[Any]:
    out = []
    for entry in _read(data_dir, "cli-permissions.json"):
        item: dict[str, Any] = {"command": entry["command"], "needs": _needs(entry.get("needs", {}))}
        conditions = [
            {"when": c["when"], "needs": _needs(c.get("needs", {})), "effect": c.get("effect", "add")}
            for c in entry.get("conditional", [])
        ]
        if conditions:
            item["conditional"] = conditions
        if "doubt" in entry:
            item["doubt"] = entry["doubt"]
        out.append(item)
    return out


def _dump(content: Any) -> str:
    return json.dumps(content, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(data_dir: Path, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    files = {
        "permissions.json": permissions(data_dir),
        "actions.json": actions(data_dir),
        "rest.json": rest(data_dir),
        "cli.json": cli(data_dir),
    }
    written = []
    for name, content in files.items():
        path = output / name
        path.write_text(_dump(content), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the catalog")
    args = parser.parse_args(argv)
    if not (args.data / SOURCE / "permissions.json").is_file():
        print(f"error: {args.data / SOURCE} has no permissions.json", file=sys.stderr)
        return 2
    for path in write_all(args.data, args.output):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
