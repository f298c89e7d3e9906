"""Baselines: accept today's findings, fail only on new ones.

`scopecheck baseline` writes every reported finding's fingerprint (rule, file
and subject: not the line, so entries survive edits above them) to
`.scopecheck-baseline.json`, one entry per line so reviews read like a list.
File paths in it are relative to the baseline file itself (`"paths"` says so),
so `lint --baseline app/.scopecheck-baseline.json` matches from any working
directory, inside git or not. Files written before that have no `"paths"`: their
paths are relative to the repository root, as they were written.

`lint --baseline FILE` moves matching findings to "ignored" and reports entries
that match nothing any more (SC003), so the file shrinks as debt is paid.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scopecheck.core.errors import InputError
from scopecheck.core.findings import AppReport, Confidence, Finding, Report, Span, Suppression
from scopecheck.core.fingerprint import fingerprints, repo_relative
from scopecheck.core.records import record
from scopecheck.rules import UNUSED_SUPPRESSION

BASELINE_FILE = ".scopecheck-baseline.json"
FORMAT_VERSION = 1
RELATIVE_TO_FILE = "relative to this file"
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@record
class BaselineEntry:
    fingerprint: str
    rule: str
    path: str
    subject: str | None
    line: int  # where the entry is in the baseline file


@record
class Baseline:
    """A baseline file read: its entries, and the folder their paths are relative to."""

    display: str
    entries: tuple[BaselineEntry, ...]
    #: absolute folder of the baseline file; None for a file written before paths were
    #: relative to it (its paths are relative to the repository root)
    folder: str | None = None


def render_baseline(report: Report, path: Path) -> str:
    """The baseline file for `report`, to be written at `path` (its paths are relative to it)."""
    path_of = _relative_to(os.path.dirname(os.path.abspath(path)), report)
    rows = [
        _json(
            {
                "fingerprint": fp,
                "rule": f.rule_id,
                "path": path_of(f.span.path),
                "subject": f.subject,
                "message": f.message,
            }
        )
        for f, fp in zip(report.reported, fingerprints(report.reported, report, path_of), strict=True)
    ]
    body = ",\n".join(f"    {row}" for row in rows)
    return (
        "{\n"
        f'  "version": {FORMAT_VERSION},\n'
        '  "about": "Findings accepted when this file was written; `scopecheck lint --baseline` reports only new ones.",\n'
        f'  "paths": "{RELATIVE_TO_FILE}",\n'
        '  "findings": [\n' + (body + "\n" if rows else "") + "  ]\n}\n"
    )


def _json(item: dict[str, Any]) -> str:
    """One entry as a JSON line; a file name that is not UTF-8 keeps its bytes as `\\udcXX`
    escapes (valid JSON and ASCII), so it matches the same file when read back."""
    text = json.dumps(item, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _relative_to(folder: str, report: Report) -> Callable[[str], str]:
    """Span path -> the same file relative to `folder`, with `/` (`../` when it is above)."""

    def path_of(path: str) -> str:
        absolute = path if os.path.isabs(path) else os.path.join(report.cwd, path)
        try:
            return Path(os.path.relpath(absolute, folder)).as_posix()
        except ValueError:  # another drive on Windows: no relative path exists
            return Path(absolute).as_posix()

    return path_of


def load_baseline(path: Path, display: str) -> Baseline:
    """Read and check a baseline file; anything unexpected is an InputError naming the line."""
    from scopecheck.source.files import SourceText, read_text

    source = read_text(path, display)
    if not isinstance(source, SourceText):
        raise InputError(display, source.message, source.line)
    try:
        data = json.loads(source.text)
    except json.JSONDecodeError as exc:
        raise InputError(display, f"not a baseline file: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise InputError(display, "not a baseline file: nested too deeply") from None
    if (
        not isinstance(data, dict)
        or type(data.get("version")) is not int
        or data["version"] != FORMAT_VERSION
    ):
        raise InputError(display, "not a scopecheck baseline (expected version 1 with a findings list)")
    items = data.get("findings")
    if not isinstance(items, list):
        raise InputError(display, "not a scopecheck baseline (expected version 1 with a findings list)")
    paths = data.get("paths")
    if paths is not None and paths != RELATIVE_TO_FILE:
        raise InputError(display, f'"paths" must be "{RELATIVE_TO_FILE}"')
    lines = _item_lines(source.text, items)
    entries = tuple(
        _entry(item, number, line, display)
        for number, (item, line) in enumerate(zip(items, lines, strict=True), 1)
    )
    folder = os.path.dirname(os.path.abspath(path)) if paths == RELATIVE_TO_FILE else None
    return Baseline(display, entries, folder)


def _entry(item: Any, number: int, line: int, display: str) -> BaselineEntry:
    def bad(what: str) -> InputError:
        return InputError(display, f"entry {number} of `findings`: {what}", line)

    if not isinstance(item, dict):
        raise bad("expected an object")
    fingerprint = item.get("fingerprint")
    if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
        raise bad("`fingerprint` must be 32 hexadecimal digits, as `scopecheck baseline` writes it")
    for key in ("rule", "path"):
        if not isinstance(item.get(key), str):
            raise bad(f"`{key}` must be a string")
    subject = item.get("subject")
    if subject is not None and not isinstance(subject, str):
        raise bad("`subject` must be a string or null")
    return BaselineEntry(fingerprint, item["rule"], item["path"], subject, line)


def _item_lines(text: str, items: list[Any]) -> list[int]:
    """The line each entry of `findings` starts on (1 where it cannot be told), found by
    decoding the array one entry at a time from where the key is."""
    lines = [1] * len(items)
    start = re.search(r'"findings"\s*:\s*\[', text)
    if start is None:
        return lines
    decoder = json.JSONDecoder()
    index, line, counted = start.end(), 1, 0
    for number, item in enumerate(items):
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        try:
            value, end = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        if value != item:  # the key was found inside a string: the lines are unknown
            break
        line += text.count("\n", counted, index)
        counted = index
        lines[number] = line
        index = end
    return lines


def apply_baseline(report: Report, baseline: Baseline, display: str, *, report_stale: bool = True) -> Report:
    """Findings in the baseline become ignored; stale entries become SC003 findings."""
    path_of = _path_of(baseline, report)
    known = {e.fingerprint for e in baseline.entries}
    kept: list[Finding] = []
    accepted: list[Finding] = []
    matched: set[str] = set()
    for finding, fingerprint in zip(
        report.reported, fingerprints(report.reported, report, path_of), strict=True
    ):
        if fingerprint in known:
            matched.add(fingerprint)
            accepted.append(
                dataclasses.replace(finding, suppression=Suppression("baseline", f"in {display}"))
            )
        else:
            kept.append(finding)
    if report_stale:
        kept.extend(_stale(baseline, matched, report, display))
    kept.sort(key=lambda f: f.sort_key)
    apps = []
    for app in report.apps:
        severities = [f.severity for f in kept if f.app == app.manifest]
        apps.append(dataclasses.replace(app, worst=max(severities) if severities else None))
    return dataclasses.replace(
        report,
        reported=tuple(kept),
        ignored=tuple(sorted((*report.ignored, *accepted), key=lambda f: f.sort_key)),
        apps=tuple(apps),
    )


def _path_of(baseline: Baseline, report: Report) -> Callable[[str], str]:
    if baseline.folder is not None:
        return _relative_to(baseline.folder, report)
    return lambda path: repo_relative(path, report)


def _absolute(path: str, folder: str) -> str:
    return os.path.normpath(os.path.join(folder, path))


def _stale(baseline: Baseline, matched: set[str], report: Report, display: str) -> list[Finding]:
    """SC003 for entries that match nothing: those of the linted apps, and those naming a file
    that no longer exists. Other apps' entries are not judged (pre-commit lints only the apps
    that changed)."""
    rule = UNUSED_SUPPRESSION
    judged = [app for app in report.apps if rule.code in app.rules]
    if not judged:
        return []
    base = baseline.folder if baseline.folder is not None else report.root
    stale = []
    for entry in baseline.entries:
        if entry.fingerprint in matched:
            continue
        target = _absolute(entry.path, base)
        owner = _owner(target, judged, report)
        gone = not os.path.exists(target)
        if owner is None and not gone:
            continue
        what = f"{entry.rule} `{entry.subject}`" if entry.subject else entry.rule
        where = f"{entry.path}, which does not exist" if gone else entry.path
        stale.append(
            Finding(
                rule.code,
                rule.name,
                rule.default_severity,
                Confidence.HIGH,
                f"baseline entry for {what} in {where} matches nothing any more",
                Span(display, entry.line, 1, entry.line, 1),
                subject=entry.fingerprint,
                help="delete the entry, or run `scopecheck baseline` to rewrite the file",
                app=owner or judged[0].manifest,
            )
        )
    return stale


def _owner(target: str, apps: list[AppReport], report: Report) -> str | None:
    """The app whose folder holds `target` (the innermost one), or None."""
    holders = [
        (len(folder), app.manifest)
        for app in apps
        if (folder := _absolute(os.path.dirname(app.manifest), report.cwd)) == target
        or target.startswith(folder.rstrip(os.sep) + os.sep)
    ]
    return max(holders)[1] if holders else None
