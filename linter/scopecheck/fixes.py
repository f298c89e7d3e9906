"""Fixes are text edits at recorded offsets, so comments, order and layout survive.

Rules attach edits to findings; `apply_edits` applies the ones that do not
overlap (identical edits from several findings count once; insertions at one
point keep their order). `lint --fix` repeats lint-and-apply until nothing
more applies, the way ruff does, so conflicting fixes land on a later round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from scopecheck.findings import Edit, Report
from scopecheck.model.manifest import Manifest, ScopeRequest
from scopecheck.source.files import SourceText, read_text


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """[start, end) of the line holding `offset`, end including its newline."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end + 1


def remove_scope_edit(manifest: Manifest, scope: ScopeRequest) -> Edit | None:
    """Delete one scope: its whole line in a block list, the item and a comma in a flow list."""
    text = manifest.source.text
    span = scope.span
    start, end = _line_bounds(text, span.start_offset)
    before = text[start : span.start_offset]
    after = text[span.end_offset : end].strip()
    if before.strip() == "-" and (not after or after.startswith("#")):
        return Edit(span.path, start, end, "")
    if before.rstrip().endswith(("[", ",")) or after.startswith((",", "]")):
        cut_start, cut_end = span.start_offset, span.end_offset
        rest = text[cut_end:]
        stripped = rest.lstrip(" ")
        if stripped.startswith(","):
            cut_end += len(rest) - len(stripped) + 1
            cut_end += len(text[cut_end:]) - len(text[cut_end:].lstrip(" "))
        else:
            head = text[:cut_start].rstrip(" ")
            if head.endswith(","):
                cut_start = len(head) - 1
        return Edit(span.path, cut_start, cut_end, "")
    return None  # an object-form scope or an unusual layout: leave it to a person


def add_scope_edits(manifest: Manifest, scopes: Iterable[str]) -> tuple[Edit, ...]:
    """Insert scopes at the end of `permissions.scopes`, in the list's own style."""
    names = list(dict.fromkeys(scopes))
    if not names:
        return ()
    text, path = manifest.source.text, manifest.path
    if (
        manifest.scopes
        and manifest.scopes_span is not None
        and text[manifest.scopes_span.start_offset] == "["
    ):
        close = manifest.scopes_span.end_offset - 1  # the `]`
        return tuple(Edit(path, close, close, f", {name}") for name in names)
    if manifest.scopes:
        last = max(manifest.scopes, key=lambda s: s.span.start_offset)
        line_start, line_end = _line_bounds(text, last.span.start_offset)
        if text[line_start : last.span.start_offset].strip() != "-":
            return ()
        indent = text[line_start : last.span.start_offset - 2]
        at = line_end - 1 if text[line_end - 1 : line_end] == "\n" else line_end
        return tuple(Edit(path, at, at, f"\n{indent}- {name}") for name in names)
    return _new_scopes_list(manifest, names)


def _new_scopes_list(manifest: Manifest, names: list[str]) -> tuple[Edit, ...]:
    text, path = manifest.source.text, manifest.path
    span = manifest.scopes_span
    if span is not None and text[span.start_offset : span.end_offset].replace(" ", "") == "[]":
        return (Edit(path, span.start_offset, span.end_offset, "[" + ", ".join(names) + "]"),)
    if span is not None:  # `scopes:` with nothing after it
        value = text[span.end_offset :].split("\n", 1)[0].rstrip("\r")
        if not value.strip(" :"):
            start, end = span.end_offset, span.end_offset + len(value)
            indent = " " * (span.column - 1 + 2)
            lines = "".join(f"\n{indent}- {name}" for name in names)
            return (Edit(path, start, end, ":" + lines),)
        return ()
    if manifest.permissions_span is not None:
        key = manifest.permissions_span
        _line_start, line_end = _line_bounds(text, key.start_offset)
        if text[key.end_offset : line_end].strip() != ":":
            return ()  # flow style or a value on the same line: leave it
        indent = " " * (key.column - 1)
        at = line_end - 1 if text[line_end - 1 : line_end] == "\n" else line_end
        lines = "".join(f"\n{indent}    - {name}" for name in names)
        return (Edit(path, at, at, f"\n{indent}  scopes:{lines}"),)
    prefix = "" if not text or text.endswith("\n") else "\n"
    lines = "".join(f"    - {name}\n" for name in names)
    return (Edit(path, len(text), len(text), f"{prefix}permissions:\n  scopes:\n{lines}"),)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits (first come, first served); returns (text, edits applied)."""
    unique = list(dict.fromkeys(edits))
    accepted: list[tuple[int, Edit]] = []
    for order, edit in enumerate(unique):
        overlaps = any(edit.start < other.end and other.start < edit.end for _o, other in accepted)
        if not overlaps:
            accepted.append((order, edit))
    # from the end backwards so earlier offsets stay valid; same point keeps arrival order
    for _order, edit in sorted(
        accepted, key=lambda item: (item[1].start, item[1].end, item[0]), reverse=True
    ):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text, len(accepted)


def fixable(report: Report, *, unsafe: bool = False) -> dict[str, list[Edit]]:
    """Edits of reported findings, per file: safe fixes, plus unsafe ones when asked."""
    edits: dict[str, list[Edit]] = {}
    for finding in report.reported:
        if finding.fix is not None and (finding.fix.safe or unsafe):
            for edit in finding.fix.edits:
                edits.setdefault(edit.path, []).append(edit)
    return edits


def fix_until_stable(
    lint_with: Callable[[Mapping[Path, str]], Report],
    *,
    unsafe: bool = False,
    rounds: int = 10,
) -> tuple[Report, dict[Path, tuple[str, str]], int]:
    """Lint, apply fixes in memory, lint again until nothing applies.

    Returns the last report, {file: (original text, fixed text)} for files that changed,
    and how many edits were applied. Nothing is written here.
    """
    texts: dict[Path, str] = {}
    originals: dict[Path, str] = {}
    applied = 0
    report = lint_with(texts)
    for _round in range(rounds):
        changed = False
        for path, edits in fixable(report, unsafe=unsafe).items():
            absolute = (Path(report.cwd) / path).resolve()
            if absolute not in texts:
                source = read_text(absolute, path)
                if not isinstance(source, SourceText):
                    continue
                texts[absolute] = originals[absolute] = source.text
            new, count = apply_edits(texts[absolute], edits)
            if new != texts[absolute]:
                texts[absolute] = new
                applied += count
                changed = True
        if not changed:
            break
        report = lint_with(texts)
    return report, {p: (originals[p], t) for p, t in texts.items() if t != originals[p]}, applied


def unified_diff(changes: Mapping[Path, tuple[str, str]], cwd: Path) -> str:
    import difflib

    chunks = []
    for path, (before, after) in sorted(changes.items()):
        try:
            name = path.relative_to(cwd).as_posix()
        except ValueError:
            name = path.as_posix()
        chunks.extend(
            difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
            )
        )
    return "".join(chunks)
