"""Score the GitHub Actions rules against hand-made answer keys of real workflows.

    python scripts/gha_accuracy.py --keys KEYS_DIR --repos REPOS_DIR [--verbose]

KEYS_DIR holds one YAML key per workflow (what each job is granted, what its steps need, what
is excess or missing, written by reading the steps and the data, never from scopecheck's
output); REPOS_DIR holds each repository's `.github/` at the key's commit as
`<owner>__<repo>/`. Nothing here is committed: the workflows are other people's.

Measured: confident SC405/SC209 findings (a granted permission no step needs, or write where
a read would do) against the keys' `excess`, and confident SC406 findings against `missing`
(entries the key marks `soft` or conditional on the repository's default are left out).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from scopecheck.core.engine import lint
from scopecheck.core.findings import Confidence
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import RULES, TOOLKIT


def _excess(key_job: dict[str, Any]) -> dict[str, str | None]:
    """permission -> `read` when the key says write -> read, None when the grant is unneeded."""
    found: dict[str, str | None] = {}
    for item in key_job.get("excess") or []:
        match = re.match(r"([\w-]+):\s*(\w+)(?:\s*->\s*(\w+))?", str(item))
        if match:
            found[match.group(1)] = match.group(3)
    return found


def _missing(key_job: dict[str, Any]) -> set[str]:
    found = set()
    for item in key_job.get("missing") or []:
        text = str(item)
        if "soft" in text or "if repo default" in text:
            continue
        match = re.match(r"([\w-]+):", text)
        if match:
            found.add(match.group(1))
    return found


def score(keys: Path, repos: Path, verbose: bool) -> dict[str, int]:
    counts = dict.fromkeys(
        (
            "405_ok",
            "405_bad",
            "405_missed",
            "406_ok",
            "406_bad",
            "406_missed",
            "208_ok",
            "208_bad",
            "208_missed",
            "208_block_ok",
            "208_block_short",
            "208_block_unsafe",
            "405_any_ok",
            "restricted_ok",
            "restricted_unsure",
            "restricted_missed",
        ),
        0,
    )
    select = RULES.resolve(["SC208,SC209,SC405,SC406"])[0]
    with tempfile.TemporaryDirectory() as tmp:
        restricted = Path(tmp) / "policy.yml"
        restricted.write_text("policy:\n  token-default: restricted\n", encoding="utf-8")
        _score_all(keys, repos, verbose, counts, select, restricted)
    return counts


def _score_all(
    keys: Path, repos: Path, verbose: bool, counts: dict[str, int], select: Any, restricted: Path
) -> None:
    for path in sorted(keys.glob("*__*.y*ml")):
        key = yaml.safe_load(path.read_text())
        if not isinstance(key, dict) or "workflow" not in key:
            continue
        repo = repos / key["repo"].replace("/", "__")
        workflow = repo / key["workflow"]
        if not workflow.is_file():
            continue
        report = lint([workflow], CliOverrides(select=select, cache=False), cwd=repo, toolkit=TOOLKIT)
        name = workflow.name
        jobs: dict[str, Any] = key.get("jobs") or {}
        confident = [f for f in report.reported if f.confidence is Confidence.HIGH]
        # unneeded grants, by block: the workflow block's are unneeded when every inheriting job says so
        expected: dict[str, str | None] = {}
        inheriting = [j for j, v in jobs.items() if (v or {}).get("granted_at") == "workflow"]
        for job_id, job in jobs.items():
            for permission, lower in _excess(job or {}).items():
                if (job or {}).get("granted_at") == "job":
                    expected[f"{name}/jobs/{job_id}/{permission}"] = lower
        for permission in {p for j in inheriting for p in _excess(jobs[j] or {})}:
            lowers = [_excess(jobs[j] or {}).get(permission, "keep") for j in inheriting]
            if all(lower != "keep" for lower in lowers):
                expected[f"{name}/permissions/{permission}"] = "read" if "read" in lowers else None
        anywhere = {f.subject for f in report.reported if f.rule_id in ("SC405", "SC209")}
        counts["405_any_ok"] += len(anywhere & set(expected))
        _score_restricted(key, name, jobs, workflow, repo, restricted, counts, verbose)
        got = {f.subject: f for f in confident if f.rule_id in ("SC405", "SC209")}
        for subject, finding in got.items():
            ok = subject in expected
            counts["405_ok" if ok else "405_bad"] += 1
            if verbose and not ok:
                print(f"  wrong SC405/209 {key['repo']} {subject}: {finding.message}")
        for subject in expected:
            if subject not in got:
                counts["405_missed"] += 1
                if verbose:
                    print(f"  missed excess {key['repo']} {subject}")
        _score_defaults(key, name, jobs, report.reported, counts, verbose)
        wanted = {f"{name}/jobs/{j}/{p}" for j, job in jobs.items() for p in _missing(job or {})}
        found = {f.subject for f in confident if f.rule_id == "SC406"}
        counts["406_ok"] += len(found & wanted)
        counts["406_bad"] += len(found - wanted)
        counts["406_missed"] += len(wanted - found)
        if verbose:
            for subject in found - wanted:
                print(f"  wrong SC406 {key['repo']} {subject}")
            for subject in wanted - found:
                print(f"  missed missing {key['repo']} {subject}")


def _score_restricted(
    key: dict[str, Any],
    name: str,
    jobs: dict[str, Any],
    workflow: Path,
    repo: Path,
    restricted: Path,
    counts: dict[str, int],
    verbose: bool,
) -> None:
    """The keys' `(if repo default is restricted)` missing entries, linted with a policy that
    says the default is restricted: found with confidence, found unsure, or missed."""
    wanted = {
        f"{name}/jobs/{j}/{m.group(1)}"
        for j, job in jobs.items()
        for item in (job or {}).get("missing") or []
        if "if repo default is restricted" in str(item) and (m := re.match(r"([\w-]+):", str(item)))
    }
    if not wanted:
        return
    select = RULES.resolve(["SC406"])[0]
    report = lint(
        [workflow], CliOverrides(select=select, cache=False, config=restricted), cwd=repo, toolkit=TOOLKIT
    )
    found = {f.subject: f for f in report.reported}
    for subject in wanted:
        finding = found.get(subject)
        kind = "missed" if finding is None else "ok" if finding.confidence is Confidence.HIGH else "unsure"
        counts[f"restricted_{kind}"] += 1
        if verbose and kind != "ok":
            print(f"  restricted default: {kind} {key['repo']} {subject}")


_BLOCK = re.compile(r"`([\w-]+): (read|write)`")
_RANK = {"none": 0, "read": 1, "write": 2}


def _score_defaults(
    key: dict[str, Any], name: str, jobs: dict[str, Any], reported: Any, counts: dict[str, int], verbose: bool
) -> None:
    """SC208 against the keys' `granted: default` jobs, and whether the block it proposes (the
    one `--fix` writes when the fix is safe) covers everything the key says the job needs."""
    found = {f.subject: f for f in reported if f.rule_id == "SC208"}
    wanted = {
        f"{name}/jobs/{j}/default": job for j, job in jobs.items() if (job or {}).get("granted") == "default"
    }
    for subject, finding in found.items():
        if subject not in wanted:
            counts["208_bad"] += 1
            if verbose:
                print(f"  wrong SC208 {key['repo']} {subject}")
            continue
        counts["208_ok"] += 1
        if finding.fix is None or not finding.fix.safe:
            counts["208_block_unsafe"] += 1
            continue
        proposed = dict(_BLOCK.findall(finding.message.split("its steps need", 1)[1].split(" (and", 1)[0]))
        needs = {k: str(v) for k, v in ((wanted[subject] or {}).get("needs") or {}).items()}
        short = {p: lvl for p, lvl in needs.items() if _RANK[proposed.get(p, "none")] < _RANK.get(lvl, 0)}
        counts["208_block_short" if short else "208_block_ok"] += 1
        if verbose and short:
            print(f"  SC208 block short {key['repo']} {subject}: proposes {proposed}, key needs {needs}")
    for subject in wanted.keys() - found.keys():
        counts["208_missed"] += 1
        if verbose:
            print(f"  missed SC208 {key['repo']} {subject}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=Path, required=True)
    parser.add_argument("--repos", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    c = score(args.keys, args.repos, args.verbose)
    for rule, ok, bad, missed in (
        ("SC405/SC209", "405_ok", "405_bad", "405_missed"),
        ("SC406", "406_ok", "406_bad", "406_missed"),
    ):
        found = c[ok] + c[bad]
        wanted = c[ok] + c[missed]
        precision = f"{c[ok] / found:.2f} ({c[ok]}/{found})" if found else "n/a"
        recall = f"{c[ok] / wanted:.2f} ({c[ok]}/{wanted})" if wanted else "n/a"
        print(f"{rule}: confident precision {precision}, recall {recall}")
    print(
        f"SC405/SC209 at any confidence: {c['405_any_ok']} of {c['405_ok'] + c['405_missed']} keyed excess grants"
    )
    print(
        f"SC406 under a restricted default: {c['restricted_ok']} found, {c['restricted_unsure']} unsure, "
        f"{c['restricted_missed']} missed of the keys' entries that break only then"
    )
    print(
        f"SC208: {c['208_ok']} right, {c['208_bad']} wrong, {c['208_missed']} missed; the block a safe fix "
        f"writes covers the key's needs in {c['208_block_ok']} jobs, falls short in {c['208_block_short']}; "
        f"{c['208_block_unsafe']} jobs get no automatic fix (a step scopecheck cannot follow)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
