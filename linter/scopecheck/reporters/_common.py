"""Small helpers several reporters share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scopecheck.core.findings import AppReport, Report, Severity

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")
#: what must never reach a terminal, a CI log or a one-line format raw: C0 and C1 controls
#: (line breaks and tabs too: a line starting `::error` is a GitHub workflow command), DEL,
#: the Unicode line separators, the bidirectional overrides that reorder what a reader sees,
#: and lone surrogates (bytes of a file name that are not UTF-8, which no encoder accepts)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x85\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str) -> str:
    """User text made safe for a terminal, a log or a file: every control character, line
    break and undecodable byte is shown as a visible escape (`\\n`, `\\x1b`, `\\xff`), so the
    text stays on its line and the output is valid UTF-8."""
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """`clean`, with line breaks and tabs as spaces: for our own messages, which may wrap
    (a YAML error), where a space reads better than an escape."""
    return clean(_BREAKS.sub(" ", text))


def folded(text: str) -> str:
    """`clean` with every run of white space as one space: for prose (a justification written
    as a YAML block) in formats that fold white space anyway (Markdown, HTML, CSV cells)."""
    return clean(" ".join(text.split()))


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def json_text(data: object) -> str:
    """`data` as indented JSON that is valid UTF-8: a lone surrogate (a file name that is not
    UTF-8) is written as the visible escape the text output shows (`\\xff`), since no
    encoder can write it raw; other characters stay as they are."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: _escape(m).replace("\\", "\\\\"), text) + "\n"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 or word == "info" else "s")


def units(apps: Iterable[AppReport], other: str = "") -> str:
    """`3 apps`, `1 app and 2 workflows`, `1 app, 1 extension and 2 workflows`: what was linted, in each ecosystem's word."""
    counts: dict[str, int] = {}
    for app in apps:
        counts[app.unit] = counts.get(app.unit, 0) + 1
    if not counts:
        return plural(0, f"{other}app")
    parts = [plural(n, f"{other}{unit}") for unit, n in counts.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def summary_line(report: Report) -> str:
    apps = units(report.apps)
    counts = [
        plural(report.count(severity), severity.label)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if report.count(severity)
    ]
    head = ", ".join(counts) + f" in {apps}" if counts else f"No findings in {apps}"
    if report.ignored:
        head += f" ({ignored_text(report)})"
    if report.crashes:
        head += f"; {plural(len(report.crashes), 'rule crash')}"
    if report.notices:
        head += f"; {plural(len({n.path for n in report.notices}), 'file')} not fully analysed"
    return head


def ignored_text(report: Report) -> str:
    """How many findings were not reported, by why: the baseline accepted them, an ignore
    comment or config entry silenced them, or the registry settled them (accepted risk)."""
    kinds = {"baseline": 0, "suppressed": 0, "settled": 0}
    for finding in report.ignored:
        kind = finding.suppression.kind if finding.suppression else ""
        kinds["baseline" if kind == "baseline" else "settled" if kind == "registry" else "suppressed"] += 1
    words = {"baseline": "in the baseline", "suppressed": "suppressed", "settled": "settled in the registry"}
    return ", ".join(f"{count} {words[kind]}" for kind, count in kinds.items() if count)


def md_text(value: str) -> str:
    """User text in Markdown: one line, every syntax character escaped, so it cannot open
    a link, an image, raw HTML or a new table cell."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", folded(value))


def md_code(value: str) -> str:
    """A name in a code span; names with backticks fall back to escaped text."""
    value = folded(value)
    if "`" in value or not value:
        return md_text(value)
    return "`" + value.replace("|", "\\|") + "`"
