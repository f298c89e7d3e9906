"""Score SC401 and SC402 against hand-made answer keys of real Forge apps.

    python scripts/accuracy.py --keys KEYS_DIR --apps APPS_DIR [--json]

KEYS_DIR holds one YAML answer key per app (written by reading the app's code and the
Atlassian specs, never from scopecheck's output): for every requested scope a verdict
(`needed`, `unused` or `unsure`) and, for needed ones, the calls that need it with the
scope sets that serve each. APPS_DIR holds each app's repository at the key's commit, as
`<owner>__<repo>/`. Nothing here is committed: the apps are other people's code.

Measured, in one process, with the analysis cache off:
- SC402 precision: of the confident unused-scope findings, how many the key calls unused
  (scopes the key calls unsure are left out of both counts);
- SC402 recall: of the scopes the key calls unused, how many get a confident finding (and
  how many get any finding);
- SC401 recall: each needed scope that is the only requested way to serve one of its calls
  is removed from the manifest (in memory) in turn; does SC401 fire at that call, or name
  the scope?
- confident SC401 on the unmodified app: right when the key's `missing:` names that file and
  scope (the app really lacks it), wrong otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scopecheck.core.engine import lint
from scopecheck.core.findings import Confidence, ListChange, Report
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import TOOLKIT
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_edit import apply, plan_changes
from scopecheck.source.yaml_nodes import parse_yaml

RULES = frozenset({"SC401", "SC402"})


@dataclass
class AppScore:
    name: str
    scopes: int = 0
    unused: int = 0
    needed: int = 0
    unsure: int = 0
    sc402_true: list[str] = field(default_factory=list)  # confident, key says unused
    sc402_false: list[str] = field(default_factory=list)  # confident, key says needed
    sc402_unsure_key: list[str] = field(default_factory=list)  # confident, key says unsure
    sc402_low: list[str] = field(default_factory=list)  # unsure findings on unused scopes
    #: medium findings (warnings with no fix: code no module reaches), by the key's verdict
    sc402_medium_true: list[str] = field(default_factory=list)
    sc402_medium_false: list[str] = field(default_factory=list)
    missed_unused: list[str] = field(default_factory=list)
    removals: int = 0
    removals_caught: list[str] = field(default_factory=list)
    removals_missed: list[str] = field(default_factory=list)
    #: confident, on scopes the key calls needed that no call needs once every confident
    #: finding is removed together (a classic scope covers the call)
    sc402_redundant: list[str] = field(default_factory=list)
    sc401_unmodified: list[str] = field(default_factory=list)
    sc401_keyed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


def _lint(manifest: Path, root: Path, text: str | None = None) -> Report:
    overlay = {manifest.absolute(): text} if text is not None else {}
    cli = CliOverrides(select=RULES, cache=False)
    return lint([manifest], cli, cwd=root, overlay=overlay, toolkit=TOOLKIT)


def _without(text: str, manifest: Path, scope: str) -> str | None:
    """The manifest text with every request of `scope` removed (None when it cannot be)."""
    from scopecheck.ecosystems.forge.adapter import read_manifest

    doc = parse_yaml(SourceText.from_text(manifest, manifest.name, text))
    model, _problems = read_manifest(doc)
    if model is None:
        return None
    offsets = tuple(s.span.start_offset for s in model.scopes if s.name == scope)
    try:
        plan = plan_changes(doc, [ListChange(manifest.name, ("permissions", "scopes"), (), offsets)])
    except Exception:
        return None
    return apply(text, plan.edits)


def _sole_provider(scope: str, evidence: list[dict[str, Any]], requested: set[str]) -> list[dict[str, Any]]:
    """The calls that no requested scope set serves once `scope` is gone."""
    left = requested - {scope}
    broken = []
    for item in evidence:
        alternatives = [set(a) for a in item.get("alternatives") or []]
        if alternatives and not any(a <= left for a in alternatives):
            broken.append(item)
    return broken


def _breaks(removed: set[str], scopes: dict[str, Any], requested: set[str]) -> bool:
    """Whether removing `removed` together (as `--fix` would) leaves some call the key lists,
    and the requested scopes served, with no requested scope set that serves it."""
    left = requested - removed
    for entry in scopes.values():
        for item in (entry or {}).get("evidence") or []:
            alternatives = [set(a) for a in item.get("alternatives") or []]
            if not alternatives and removed & {str(item.get("scope") or "")}:
                return True
            if (
                alternatives
                and any(a & removed for a in alternatives)
                and not any(a <= left for a in alternatives)
                and any(a <= requested for a in alternatives)
            ):
                return True
    return False


def score_app(key: dict[str, Any], apps: Path) -> AppScore:
    repo = key["repo"].replace("/", "__")
    app_dir = apps / repo / (key.get("app") or ".")
    name = f"{key['repo']}" + (f" ({key['app']})" if key.get("app") not in (None, ".") else "")
    result = AppScore(name)
    manifest = app_dir / "manifest.yml"
    if not manifest.is_file():
        result.error = f"no manifest at {manifest}"
        return result
    started = time.perf_counter()
    report = _lint(manifest, app_dir)
    scopes: dict[str, dict[str, Any]] = key.get("scopes") or {}
    verdicts = {name: (entry or {}).get("verdict") for name, entry in scopes.items()}
    result.scopes = len(verdicts)
    result.unused = sum(v == "unused" for v in verdicts.values())
    result.needed = sum(v == "needed" for v in verdicts.values())
    result.unsure = sum(v == "unsure" for v in verdicts.values())
    confident = {
        f.subject for f in report.reported if f.rule_id == "SC402" and f.confidence is Confidence.HIGH
    }
    any_finding = {f.subject for f in report.reported if f.rule_id == "SC402"}
    medium = {
        f.subject for f in report.reported if f.rule_id == "SC402" and f.confidence is Confidence.MEDIUM
    }
    result.sc402_medium_true = sorted(s for s in medium if verdicts.get(s) == "unused")
    result.sc402_medium_false = sorted(s for s in medium if verdicts.get(s) == "needed")
    # a certain finding on a scope the key calls needed is right only when removing every
    # certain finding together (what --fix does) breaks none of the key's calls
    needed_hits = [s for s in verdicts if s in confident and verdicts[s] == "needed"]
    spare = bool(needed_hits) and not _breaks(confident & set(verdicts), scopes, set(verdicts))
    for scope, verdict in verdicts.items():
        if scope in confident:
            if verdict == "needed" and spare:
                result.sc402_redundant.append(scope)
                continue
            {"unused": result.sc402_true, "needed": result.sc402_false}.get(
                verdict or "", result.sc402_unsure_key
            ).append(scope)
        elif verdict == "unused":
            (result.sc402_low if scope in any_finding else result.missed_unused).append(scope)
    keyed_missing = {
        (str(entry.get("file")), scope)
        for entry in key.get("missing") or []
        for alternative in entry.get("alternatives") or []
        for scope in alternative
    }
    for f in report.reported:
        if f.rule_id != "SC401" or f.confidence is not Confidence.HIGH:
            continue
        line = f"{f.span.path}:{f.span.line} {f.message}"
        named = {s for alternative in f.alternatives for s in alternative}
        relative = Path(f.span.path).as_posix()
        if any(file in relative and scope in named for file, scope in keyed_missing):
            result.sc401_keyed.append(line)  # the key says the app lacks it: right
        else:
            result.sc401_unmodified.append(line)
    text = manifest.read_text(encoding="utf-8-sig")
    requested = set(verdicts)
    for scope, entry in scopes.items():
        if (entry or {}).get("verdict") != "needed":
            continue
        broken = _sole_provider(scope, (entry or {}).get("evidence") or [], requested)
        if not broken:
            continue  # another requested scope set still serves every call: nothing to catch
        changed = _without(text, manifest, scope)
        if changed is None:
            continue
        result.removals += 1
        after = _lint(manifest, app_dir, changed)
        sc401 = [f for f in after.reported if f.rule_id == "SC401"]
        places = {(str(item.get("file")), int(item.get("line") or 0)) for item in broken}
        caught = any(
            f"`{scope}`" in f.message
            or any(f.span.path.endswith(file) and f.span.line == line for file, line in places)
            for f in sc401
        )
        (result.removals_caught if caught else result.removals_missed).append(scope)
    result.seconds = time.perf_counter() - started
    return result


def _ratio(top: int, bottom: int) -> str:
    return f"{top / bottom:.2f} ({top}/{bottom})" if bottom else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=Path, required=True)
    parser.add_argument("--apps", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="print every app's score as JSON")
    args = parser.parse_args(argv)
    scores = []
    for path in sorted(args.keys.glob("*.yml")):
        key = yaml.safe_load(path.read_text())
        if not isinstance(key, dict) or "repo" not in key:
            continue
        scores.append(score_app(key, args.apps))
    if args.json:
        print(json.dumps([s.__dict__ for s in scores], indent=2))
        return 0
    true = sum(len(s.sc402_true) for s in scores)
    false = sum(len(s.sc402_false) for s in scores)
    unused = sum(s.unused for s in scores)
    low = sum(len(s.sc402_low) for s in scores)
    removals = sum(s.removals for s in scores)
    caught = sum(len(s.removals_caught) for s in scores)
    print(f"{'app':58} {'scopes':>6} {'unused':>6} {'402 ok':>6} {'402 bad':>7} {'401 caught':>10}")
    for s in scores:
        if s.error:
            print(f"{s.name[:58]:58} error: {s.error}")
            continue
        print(
            f"{s.name[:58]:58} {s.scopes:6} {s.unused:6} {len(s.sc402_true):6} {len(s.sc402_false):7} "
            f"{len(s.removals_caught):4}/{s.removals:<5}"
        )
    print()
    print(f"apps: {len([s for s in scores if not s.error])}")
    spare = sum(len(s.sc402_redundant) for s in scores)
    print(f"SC402 confident precision: {_ratio(true + spare, true + spare + false)}")
    print(
        f"  (of the right ones, {spare} on scopes a key calls needed that no call needs once every "
        "certain finding is removed together)"
    )
    print(
        f"SC402 confident recall:    {_ratio(true, unused)}  (any confidence: {_ratio(true + low, unused)})"
    )
    medium_true = sum(len(s.sc402_medium_true) for s in scores)
    medium_false = sum(len(s.sc402_medium_false) for s in scores)
    print(
        f"SC402 warnings (confident or medium): precision "
        f"{_ratio(true + spare + medium_true, true + spare + false + medium_true + medium_false)}, "
        f"recall {_ratio(true + medium_true, unused)}"
    )
    print(f"SC401 recall on removals:  {_ratio(caught, removals)}")
    wrong401 = sum(len(s.sc401_unmodified) for s in scores)
    right401 = sum(len(s.sc401_keyed) for s in scores)
    print(
        f"confident SC401 on unmodified apps: {wrong401} wrong; {right401} right (the key lists the scope as missing)"
    )
    for s in scores:
        for scope in s.sc402_false:
            print(f"  wrong SC402: {s.name}: {scope}")
        for scope in s.removals_missed:
            print(f"  SC401 missed: {s.name}: {scope} removed")
        for line in s.sc401_unmodified:
            print(f"  SC401 on unmodified app: {s.name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
