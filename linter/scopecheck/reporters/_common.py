"""Small helpers several reporters share."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable

from scopecheck.findings import Finding, Report, Severity

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Make user text safe for a terminal or a one-line format: no escape sequences."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word == "info" else "s")


def summary_line(report: Report) -> str:
    apps = plural(len(report.apps), "app")
    counts = [
        plural(report.count(severity), severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if report.count(severity)
    ]
    head = ", ".join(counts) + f" in {apps}" if counts else f"No findings in {apps}"
    if report.ignored:
        head += f" ({len(report.ignored)} ignored)"
    if report.crashes:
        head += f"; {plural(len(report.crashes), 'rule crash')}"
    return head


def repo_relative(path: str, report: Report) -> str:
    """A span path (relative to the working directory) made relative to the repository root."""
    absolute = path if os.path.isabs(path) else os.path.join(report.cwd, path)
    relative = os.path.relpath(absolute, report.root)
    return relative.replace(os.sep, "/") if not relative.startswith("..") else absolute.replace(os.sep, "/")


def fingerprints(findings: Iterable[Finding], report: Report) -> list[str]:
    """Stable ids from rule, file and subject (not line), unique per finding."""
    import hashlib  # only machine formats need fingerprints

    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        base = f"{finding.rule_id}|{repo_relative(finding.span.path, report)}|{finding.subject or finding.message}"
        seen[base] += 1
        digest = hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()[:32]
        result.append(digest)
    return result
