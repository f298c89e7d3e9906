"""Small helpers several reporters share."""

from __future__ import annotations

import re

from scopecheck.findings import Report, Severity

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Make user text safe for a terminal or a one-line format: no escape sequences."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """`clean`, and no line breaks: for formats where a newline starts a new record."""
    return clean(text).replace("\n", " ").replace("\t", " ")


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


def md_text(value: str) -> str:
    """User text in Markdown: one line, every syntax character escaped, so it cannot open
    a link, an image, raw HTML or a new table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(clean(value).split()))


def md_code(value: str) -> str:
    """A name in a code span; names with backticks fall back to escaped text."""
    value = " ".join(clean(value).split())
    if "`" in value or not value:
        return md_text(value)
    return "`" + value.replace("|", "\\|") + "`"
