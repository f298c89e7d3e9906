"""Where a finding lives, independent of line numbers: repo-relative paths and fingerprints.

SARIF `partialFingerprints`, the JSON `fingerprint` and the baseline file all use
these, so an accepted finding stays accepted when lines move.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable

from scopecheck.core.findings import Finding, Report


def repo_relative(path: str, report: Report) -> str:
    """A span path (relative to the working directory) made relative to the repository root."""
    absolute = path if os.path.isabs(path) else os.path.join(report.cwd, path)
    relative = os.path.relpath(absolute, report.root)
    return relative.replace(os.sep, "/") if not relative.startswith("..") else absolute.replace(os.sep, "/")


def fingerprints(
    findings: Iterable[Finding], report: Report, path_of: Callable[[str], str] | None = None
) -> list[str]:
    """Stable ids from rule, file and subject (not line), unique per finding. `path_of` names
    a finding's file (default: relative to the repository root; a baseline uses its own folder)."""
    import hashlib  # only machine formats need fingerprints

    name = path_of or (lambda path: repo_relative(path, report))
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        base = f"{finding.rule_id}|{name(finding.span.path)}|{finding.subject or finding.message}"
        seen[base] += 1
        digest = hashlib.sha256(f"{base}|{seen[base]}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        result.append(digest)
    return result
