"""`--fix`: plan every finding's change to a file as one edit, prove it, write it safely.

Rules attach a `Fix` whose `changes` say what it means (add these scopes, remove that item,
give this scalar a new value). Here the changes of all findings on one file are merged and
planned together (`source.yaml_edit`), so two findings never write two `permissions:`
blocks; the edited text must parse and read as the old document with exactly those changes
(`check_edited`), or nothing is written. `lint --fix` repeats lint-and-plan in memory until
nothing more applies, the way ruff does.

Every edit is applied to the exact text the lint read: the report carries a digest of each
file it read, and a file that changed since then (a second `--fix`, an editor saving) is
never written. Files are written atomically, only if their bytes are still the ones read,
never through a symbolic link and never outside the repository.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scopecheck.core import digests
from scopecheck.core.findings import Finding, Fix, Report
from scopecheck.source import json_edit, yaml_edit
from scopecheck.source.files import MAX_FILE_BYTES, SourceText, decode
from scopecheck.source.json_nodes import parse_json
from scopecheck.source.yaml_edit import Change, Plan, Refused, apply
from scopecheck.source.yaml_nodes import YamlDocument, parse_yaml


class FixError(Exception):
    """`--fix` wrote nothing: a file changed under it, or cannot be written safely."""


def digest(text: str) -> str:
    """What the report remembers of each file it read, to tell later whether it changed."""
    return digests.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_json(source: SourceText) -> bool:
    """A `.json` file (a browser extension's manifest) is edited as JSON, any other as YAML."""
    return str(source.display).endswith(".json") or str(source.path).endswith(".json")


def _parse(source: SourceText) -> YamlDocument:
    return parse_json(source) if _is_json(source) else parse_yaml(source)


def plan_changes(doc: YamlDocument, changes: Sequence[Change]) -> Plan:
    """The edits that make `changes` in `doc`, by the file's format; raises Refused."""
    assert doc.source is not None
    editor = json_edit if _is_json(doc.source) else yaml_edit
    return editor.plan_changes(doc, changes)


def check_edited(doc: YamlDocument, new_text: str, plan: Plan) -> str | None:
    """Why the edited text is not what `plan` means (re-parsed in the file's format), or None."""
    assert doc.source is not None
    editor = json_edit if _is_json(doc.source) else yaml_edit
    return editor.check_edited(doc, new_text, plan)


@functools.lru_cache(maxsize=4)
def _document(source: SourceText) -> YamlDocument:
    """Rules plan several fixes on one file (a block for each job): parse its text once.
    The document is only read; the cache holds the last few files of a run."""
    return _parse(source)


def planned_fix(
    source: SourceText, description: str, changes: tuple[Change, ...], *, safe: bool = True
) -> tuple[Fix | None, str | None]:
    """A Fix whose edits make `changes` on their own, or (None, why it cannot be done)."""
    doc = _document(source)
    try:
        plan = plan_changes(doc, changes)
    except Refused as refused:
        return None, str(refused)
    if not plan.edits:
        return None, None
    return Fix(description, tuple(plan.edits), safe, changes), None


def fix_problem(doc: YamlDocument, fix: Fix) -> str | None:
    """Why `fix` alone would not give the file it means (it would not parse, would read
    differently, would lose a comment), or None. Costs a parse of the edited file, so the
    engine runs it only where the edits are used: `--fix`, `--diff`, JSON output."""
    try:
        plan = plan_changes(doc, list(fix.changes))
    except Refused as refused:
        return str(refused)
    assert doc.source is not None
    return check_edited(doc, apply(doc.source.text, plan.edits), plan)


def with_refusal(help_text: str, refusal: str | None) -> str:
    """A finding's help, saying why `--fix` will not do it when it cannot."""
    return help_text if refusal is None else f"{help_text} (--fix cannot: {refusal})"


# ---------------------------------------------------------------- applying


@dataclass
class FileFix:
    """One file `--fix` changes: the bytes it read, and the text it means to write."""

    path: Path
    original: bytes
    before: str
    after: str
    bom: bool


@dataclass
class FixOutcome:
    report: Report
    files: dict[Path, FileFix] = field(default_factory=dict)
    applied: int = 0
    #: fixes that were not applied, and why: (file, description, reason)
    refused: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> dict[Path, FileFix]:
        return {path: f for path, f in self.files.items() if f.after != f.before}


def _fixes(report: Report, unsafe: bool) -> dict[str, list[Finding]]:
    """Findings with a fix to apply, by file."""
    found: dict[str, list[Finding]] = {}
    for finding in report.reported:
        fix = finding.fix
        if fix is not None and (fix.safe or unsafe) and fix.changes:
            found.setdefault(fix.changes[0].path, []).append(finding)
    return found


def _read_as_linted(absolute: Path, display: str, report: Report) -> FileFix:
    """The file's bytes, which must still be the text the lint read."""
    try:
        data = absolute.read_bytes()
    except OSError as exc:
        raise FixError(f"{display}: cannot read it again: {exc.strerror or exc}") from None
    text = decode(absolute, display, data[: MAX_FILE_BYTES + 1])
    if not isinstance(text, SourceText) or digest(text.text) != report.digests.get(display):
        raise FixError(f"{display} changed while scopecheck read it; nothing was written; run it again")
    return FileFix(absolute, data, text.text, text.text, data.startswith(b"\xef\xbb\xbf"))


def fix_until_stable(
    lint_with: Callable[[Mapping[Path, str]], Report], *, unsafe: bool = False, rounds: int = 10
) -> FixOutcome:
    """Lint, plan and apply fixes in memory, lint again until nothing more applies.

    Nothing is written here. Raises FixError when a file changed since the lint read it, or
    when an edited file fails its check (a scopecheck bug: then nothing is written at all).
    """
    report = lint_with({})
    _refuse_after_crash(report)
    outcome = FixOutcome(report)
    for _round in range(rounds):
        changed = False
        for display, findings in _fixes(report, unsafe).items():
            absolute = (Path(report.cwd) / display).absolute()
            if absolute not in outcome.files:
                outcome.files[absolute] = _read_as_linted(absolute, display, report)
            file = outcome.files[absolute]
            if _apply_round(file, display, findings, outcome):
                changed = True
        if not changed:
            break
        report = lint_with({path: f.after for path, f in outcome.files.items()})
        _refuse_after_crash(report)
        outcome.report = report
    return outcome


def _refuse_after_crash(report: Report) -> None:
    """A crashed rule or analysis leaves the findings incomplete (a need not seen makes a
    permission look unused): fix nothing then."""
    if report.crashes:
        crash = report.crashes[0]
        raise FixError(
            f"{crash.path}: {crash.rule_id} crashed ({crash.error}); nothing was written "
            "(a scopecheck bug: please report it with the file)"
        )


def _apply_round(file: FileFix, display: str, findings: list[Finding], outcome: FixOutcome) -> bool:
    """Apply what can be applied of `findings` to `file.after`; True if it changed."""
    source = SourceText.from_text(file.path, display, file.after)
    doc = _parse(source)
    changes = [change for f in findings if f.fix is not None for change in f.fix.changes]
    try:
        plan = plan_changes(doc, changes)
    except Refused as refused:
        outcome.refused.extend((display, _describe(f), str(refused)) for f in findings)
        return False
    if not plan.edits:
        return False
    new = apply(file.after, plan.edits)
    problem = check_edited(doc, new, plan)
    if problem is not None:
        raise FixError(
            f"{display}: {problem}; nothing was written (a scopecheck bug: please report it with the file)"
        )
    file.after = new
    outcome.applied += len(findings)
    return True


def _describe(finding: Finding) -> str:
    return f"{finding.rule_id} {finding.fix.description if finding.fix else ''}".strip()


def write_fixes(outcome: FixOutcome, roots: Sequence[Path]) -> None:
    """Write every changed file, or none: each must be a regular file inside one of `roots`
    (the repositories of the paths the user named), not a link, with the very bytes that
    were read."""
    from scopecheck.core.atomic import ChangedOnDisk, write_atomic

    changed = outcome.changed
    for path, file in changed.items():
        _check_writable(path, roots)
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise FixError(f"{path}: cannot read it again: {exc.strerror or exc}") from None
        if current != file.original:
            raise FixError(
                f"{path} changed while scopecheck was fixing it; nothing was written; run it again"
            )
    for path, file in changed.items():
        try:
            write_atomic(path, ("\ufeff" if file.bom else "") + file.after, expect=file.original)
        except ChangedOnDisk:
            raise FixError(
                f"{path} changed while scopecheck was writing it; it was left as it was; run it again"
            ) from None
        except OSError as exc:
            raise FixError(f"{path}: cannot write the fix: {exc.strerror or exc}") from None


def _check_writable(path: Path, roots: Sequence[Path]) -> None:
    if path.is_symlink():
        raise FixError(
            f"{path} is a symbolic link; scopecheck does not write through links; nothing was written"
        )
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root.resolve()) for root in roots):
        where = ", ".join(str(root) for root in roots)
        raise FixError(f"{path} is outside the repository ({where}); nothing was written")


def unified_diff(changes: Mapping[Path, FileFix], cwd: Path) -> str:
    import difflib

    chunks: list[str] = []
    for path, file in sorted(changes.items()):
        try:
            name = path.relative_to(cwd).as_posix()
        except ValueError:
            name = path.as_posix()
        chunks.extend(
            difflib.unified_diff(
                file.before.splitlines(keepends=True),
                file.after.splitlines(keepends=True),
                f"a/{name}",
                f"b/{name}",
            )
        )
    return "".join(chunks)
