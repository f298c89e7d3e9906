"""Build the browser-extension catalog from the reference data in `../shared/data`.

    python -m scopecheck.ecosystems.browser_extension.catalog.build --data ../shared/data

Reads `chrome-extension/` (Chrome's permissions, install warnings, which `chrome.*` API
needs which permission, other evidence of use) and `webextensions/` (what Firefox accepts
differently) and writes three compact files next to this script (`data/`), committed with the
package so scopecheck works offline; a test rebuilds them and compares byte for byte:

- `permissions.json`: every permission name either browser accepts, and the six kinds of
  host pattern, with risk tier and its reason, description, Chrome's install warning, where
  it is restricted (platforms, policy installs, manifest versions) and Firefox's category
  (`required-or-optional`, `optional-only`, `not-recognized`...);
- `apis.json`: `chrome.*` namespaces and members (`browser.*` is the same API) with the
  permissions any of which they need, and the Firefox-only ones;
- `signals.json`: per permission, the APIs whose use shows it is needed, and whether it has
  no API at all (`background`, `unlimitedStorage`);
- `data_collection.json`: Firefox's data collection types and their rules, from the
  hand-written `sources/firefox-data-collection.json` (Extension Workshop, MDN, addons-linter);
- `warnings.json`: how Chrome coalesces install warnings, from the hand-written
  `sources/chrome-warning-rules.json` (Chromium's `chrome_permission_message_rules.cc`).

Facts come from the data's sources (see the SOURCES.md files there); this script only
reshapes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "data"
SOURCES = HERE / "sources"

#: fields of a Chrome permission kept as they are
_PERMISSION_FIELDS = (
    "kind",
    "description",
    "access",
    "risk",
    "risk_basis",
    "warns",
    "warning",
    "platforms",
    "min_manifest_version",
    "install_location",
    "mv3_install_location",
    "max_manifest_version_unrestricted",
    "channel",
)
#: fields of an API entry kept as they are
_API_FIELDS = (
    "kind",
    "manifest_keys",
    "min_manifest_version",
    "max_manifest_version",
    "install_location",
    "content_script",
    "service_worker",
    "host_permissions",
    "extra_any_of",
    "extra_effect",
    "deprecated",
    "developer_mode_only",
)


def _read(data_dir: Path, folder: str, name: str) -> Any:
    return json.loads((data_dir / folder / name).read_text(encoding="utf-8"))


def permissions(data_dir: Path) -> dict[str, Any]:
    firefox = {
        row["name"]: row
        for row in _read(data_dir, "webextensions", "firefox-differences.json")
        if row.get("topic") == "permission" and " " not in row["name"]
    }
    out: dict[str, Any] = {}
    for entry in _read(data_dir, "chrome-extension", "permissions.json"):
        item = {key: entry[key] for key in _PERMISSION_FIELDS if key in entry}
        item["browsers"] = ["chrome", "firefox"] if entry["kind"] == "host" else ["chrome"]
        row = firefox.get(entry["name"])
        if row is not None:
            item["firefox"] = row["firefox"]
            if row["firefox"] != "not-recognized":
                item["browsers"].append("firefox")
        out[entry["name"]] = item
    for name, row in sorted(firefox.items()):
        if name in out or row["firefox"] == "not-recognized":
            continue
        out[name] = {
            "kind": "api",
            "description": None,
            "risk": "medium",
            "risk_basis": "Firefox only: the reference data gives it no risk tier",
            "warns": bool(row.get("firefox_prompts", True)),
            "warning": None,
            "browsers": ["firefox"],
            "firefox": row["firefox"],
        }
    return dict(sorted(out.items()))


def apis(data_dir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in _read(data_dir, "chrome-extension", "api-permissions.json"):
        item: dict[str, Any] = {"any_of": entry["permissions_any_of"]}
        item.update({key: entry[key] for key in _API_FIELDS if key in entry})
        item["browsers"] = ["chrome"]
        out[entry["api"]] = item
    for entry in _read(data_dir, "webextensions", "firefox-api-permissions.json"):
        if entry.get("unsupported") or "permissions_any_of" not in entry:
            continue
        name = entry["api"]
        if name in out:
            if entry["permissions_any_of"] == out[name]["any_of"]:
                out[name]["browsers"].append("firefox")
            else:  # the same API asks for something else in Firefox
                out[name]["firefox_any_of"] = entry["permissions_any_of"]
                out[name]["browsers"].append("firefox")
            continue
        item = {"any_of": entry["permissions_any_of"], "kind": entry["kind"], "browsers": ["firefox"]}
        for key in ("manifest_keys", "min_manifest_version", "max_manifest_version", "content_script"):
            if key in entry:
                item[key] = entry[key]
        out[name] = item
    return dict(sorted(out.items()))


def signals(data_dir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in _read(data_dir, "chrome-extension", "permission-signals.json"):
        item: dict[str, Any] = {"apis": sorted(entry["apis"])}
        if entry.get("no_api"):
            item["no_api"] = True
        if entry.get("other_signals"):
            item["other_signals"] = entry["other_signals"]
        out[entry["permission"]] = item
    return dict(sorted(out.items()))


def data_collection() -> dict[str, Any]:
    """Firefox's data collection types by name, and the rules that apply to the key."""
    source = json.loads((SOURCES / "firefox-data-collection.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {"<rules>": source["rules"]}
    for category in source["categories"]:
        out[category["name"]] = {key: value for key, value in category.items() if key != "name"}
    return out


def warning_rules() -> dict[str, Any]:
    """Chrome's ordered coalescing rules and the host-list texts, keyed so `render` keeps order."""
    source = json.loads((SOURCES / "chrome-warning-rules.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {"<disabled_on_update>": source["disabled_on_update"], "<hosts>": source["hosts"]}
    for number, rule in enumerate(source["rules"]):
        out[f"{number:02d}"] = rule
    return out


def render(value: Any) -> str:
    """Compact, sorted-key JSON, one line per top-level entry (reviewable diffs)."""
    lines = [
        f"  {json.dumps(key)}: {json.dumps(item, sort_keys=True, separators=(',', ':'))}"
        for key, item in value.items()
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def build(data_dir: Path) -> dict[str, str]:
    """File name -> its text."""
    return {
        "permissions.json": render(permissions(data_dir)),
        "apis.json": render(apis(data_dir)),
        "signals.json": render(signals(data_dir)),
        "data_collection.json": render(data_collection()),
        "warnings.json": render(warning_rules()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    args = parser.parse_args(argv)
    OUTPUT.mkdir(exist_ok=True)
    for name, text in build(args.data).items():
        (OUTPUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
