"""`scopecheck lint`: find the apps, run the engine, render, fix, pick the exit code.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings that are; 2 a usage error or
input that could not be read (SC001/SC002); 3 an internal error (a rule crashed: the
others still ran).
"""

# no `from __future__ import annotations` here: the parser reads `lint`'s annotations on every run,
# and evaluating them from strings costs about 5 ms of a lint's start-up
import datetime
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from scopecheck.cli._args import App, Argument, Exit, Option, echo
from scopecheck.cli._io import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    emit,
    fail,
    say,
    use_color,
)
from scopecheck.cli._options import FORMAT_ALIASES, FailOn, PolicyFile, RegistryFile
from scopecheck.core.errors import InputError
from scopecheck.core.findings import Report
from scopecheck.reporters import REPORTERS, RenderOptions

if TYPE_CHECKING:
    from scopecheck.core.settings import CliOverrides

INPUT_RULES = ("SC001", "SC002")

#: --format choices come from the reporter registry, so help and code cannot disagree
OutputFormat = StrEnum(  # type: ignore[misc]  # built from REPORTERS, so mypy cannot list it
    "OutputFormat", {name: name for name in (*REPORTERS, *FORMAT_ALIASES)}
)
TEXT_FORMAT = OutputFormat("text")


class Prefer(StrEnum):
    granular = "granular"
    classic = "classic"


def exit_code(report: Report) -> int:
    """3 crash, 2 unreadable input, 1 an app has a finding at or above its fail-on, else 0."""
    if report.crashes:
        return EXIT_INTERNAL
    if any(f.rule_id in INPUT_RULES for f in report.reported):
        return EXIT_INPUT
    from scopecheck.core.findings import Severity

    for app_report in report.apps:
        if app_report.fail_on == "never" or app_report.worst is None:
            continue
        if app_report.worst >= Severity.parse(app_report.fail_on):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def lint(
    paths: Annotated[
        list[Path] | None,
        Argument(
            help="Files or directories to search for Forge manifest.yml and .github/workflows/*.yml (default: .).",
            show_default=False,
        ),
    ] = None,
    registry: RegistryFile = None,
    config: PolicyFile = None,
    select: Annotated[
        list[str] | None,
        Option(
            metavar="RULE",
            help="Run only these rules (ids, names or id prefixes like SC3; repeat or comma-separate).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None, Option(metavar="RULE", help="Skip these rules (ids, names or prefixes).")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        Option(help="Lowest severity that fails the run [default: the policy's fail-on, else warning]."),
    ] = None,
    output_format: Annotated[OutputFormat, Option("--format", "-f", help="Output format.")] = TEXT_FORMAT,
    output: Annotated[Path | None, Option("--output", "-o", help="Write the report to this file.")] = None,
    quiet: Annotated[bool, Option("--quiet", "-q", help="One line per finding; no snippets.")] = False,
    strict: Annotated[
        bool, Option("--strict", help="Treat unsure code-analysis findings as sure ones.")
    ] = False,
    fix: Annotated[
        bool,
        Option(
            "--fix",
            help="Apply safe fixes to manifests and workflows (comments and layout are kept).",
        ),
    ] = False,
    diff: Annotated[
        bool,
        Option(
            "--diff",
            help="Print the fixes as a unified diff instead of writing them; exit 1 when there is "
            "something to fix, else 0 (findings without a fix do not count: use plain lint to gate).",
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        Option("--unsafe-fixes", help="With --fix/--diff, also apply fixes that may change intent (typos)."),
    ] = False,
    prefer: Annotated[
        Prefer | None,
        Option(
            help="Kind of scope to propose where both would do (SC401 and --fix, SC205, SC206) "
            "[default: the policy's prefer, else the kind the manifest already uses].",
        ),
    ] = None,
    base_ref: Annotated[
        str | None,
        Option(
            metavar="REV",
            help="Compare each manifest with this git revision: additions need admin consent (SC501).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        Option(help="Report only findings not in this baseline file (see `scopecheck baseline`)."),
    ] = None,
    changed: Annotated[
        bool,
        Option("--changed", help="PATHS are changed files: lint the apps they belong to (for pre-commit)."),
    ] = False,
    jobs: Annotated[
        int | None,
        Option(min=1, metavar="N", help="Worker processes [default: one per core when there are many apps]."),
    ] = None,
    no_cache: Annotated[
        bool, Option("--no-cache", help="Analyse the code again even if no source file changed.")
    ] = False,
    debug: Annotated[bool, Option("--debug", help="Show tracebacks of internal errors.")] = False,
    today: Annotated[
        str | None,
        Option(hidden=True, help="Date to check review ages against (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Check manifests and workflows against their registry, the policy and the rules.

    Finds every Forge manifest.yml and every GitHub Actions workflow
    (.github/workflows/*.yml) under each PATH (skipping node_modules, build output and
    gitignored folders), reads the registry next to it (a workflow's is at the repository
    root) and the nearest .scopecheck.yml above it.

    Examples:

      scopecheck lint                       # the app in this directory

      scopecheck lint .github/workflows     # only the workflows

      scopecheck lint apps/ --format sarif -o scopecheck.sarif

      scopecheck lint --select SC1 --fail-on warning

      scopecheck lint --diff                # what --fix would change
    """
    from scopecheck.core.engine import lint as run_lint
    from scopecheck.core.settings import CliOverrides
    from scopecheck.ecosystems import TOOLKIT

    selected, unknown = TOOLKIT.rules.resolve(select or []) if select else (None, [])
    ignored, unknown_ignored = TOOLKIT.rules.resolve(ignore or [])
    if unknown or unknown_ignored:
        raise fail(f"unknown rule {', '.join(unknown + unknown_ignored)!s} (see `scopecheck rules`)")
    try:
        day = datetime.date.fromisoformat(today) if today else None
    except ValueError:
        raise fail(f"--today must be a date like 2026-10-01, not {today!r}") from None
    cli = CliOverrides(
        select=selected,
        ignore=ignored,
        fail_on=fail_on.value if fail_on else None,
        registry=registry,
        config=config,
        strict=strict,
        today=day,
        base_ref=base_ref,
        changed=changed,
        jobs=jobs,
        cache=not no_cache,
        prefer=prefer.value if prefer else None,
        # the edits are used by --fix/--diff and written into JSON; other formats name the fix
        verify_fixes=fix or diff or output_format.value == "json",
    )
    for explicit, flag in ((registry, "--registry"), (config, "--config")):
        if explicit is not None and explicit.is_dir():
            raise fail(f"{explicit}: {flag} is a directory, not a file")
        if explicit is not None and not explicit.is_file():
            raise fail(f"{explicit}: {flag} file does not exist")
    targets = paths or [Path(".")]
    fixed_any = False
    try:
        if fix or diff:
            report, fixed_any = _fix(targets, cli, write=not diff, unsafe=unsafe_fixes)
        else:
            report = run_lint(targets, cli, toolkit=TOOLKIT)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    if not report.apps and changed:
        say("scopecheck: no app or workflow is affected by these files")
        raise Exit(EXIT_CLEAN)
    if not report.apps:
        raise fail(f"no manifest.yml or workflow found under {', '.join(str(p) for p in targets)}")
    if baseline is not None:
        from scopecheck.core.baseline import apply_baseline, load_baseline

        try:
            entries = load_baseline(baseline, str(baseline))
        except InputError as exc:
            raise fail(exc.one_line()) from None
        report = apply_baseline(report, entries, str(baseline), report_stale="SC003" not in ignored)
    if diff:  # a crash or unreadable input still wins over "there is a diff"
        code = exit_code(report)
        raise Exit(
            code if code in (EXIT_INPUT, EXIT_INTERNAL) else EXIT_FINDINGS if fixed_any else EXIT_CLEAN
        )

    options = RenderOptions(color=use_color(output) and output_format is TEXT_FORMAT, concise=quiet)
    rendered = REPORTERS[FORMAT_ALIASES.get(output_format.value, output_format.value)](report, options)
    emit(rendered, output)
    if output is not None or output_format is not TEXT_FORMAT:
        for finding in report.reported:
            if finding.rule_id in INPUT_RULES:
                span = finding.span
                say(f"scopecheck: error: {span.path}:{span.line}:{span.column}: {finding.message}")
    for crash in report.crashes:
        what = (
            f"rule {crash.rule_id} crashed" if crash.rule_id.startswith("SC") else f"{crash.rule_id} crashed"
        )
        say(f"scopecheck: internal error: {what} on {crash.path}: {crash.error}")
        if debug:
            echo(crash.traceback, err=True)
    if not quiet:
        _init_hint(report)
    if output is not None and not quiet:
        from scopecheck.reporters._common import summary_line

        say(f"{summary_line(report)}; report written to {output}")
    raise Exit(exit_code(report))


def _fix(targets: list[Path], cli: "CliOverrides", *, write: bool, unsafe: bool) -> tuple[Report, bool]:
    """Apply fixes until stable; write the files, or print them as a diff. (report, changed)"""
    from scopecheck.core.engine import lint as run_lint
    from scopecheck.core.fixes import FixError, fix_until_stable, unified_diff, write_fixes
    from scopecheck.ecosystems import TOOLKIT

    cwd = Path.cwd()
    try:
        outcome = fix_until_stable(
            lambda overlay: run_lint(targets, cli, overlay=overlay, toolkit=TOOLKIT), unsafe=unsafe
        )
        changed = outcome.changed
        if write:
            write_fixes(outcome, _repositories(targets, cwd))
    except FixError as exc:
        raise fail(str(exc)) from None
    for display, what, reason in dict.fromkeys(outcome.refused):
        say(f"scopecheck: not fixed: {display}: {what}: {reason}")
    if not write:
        sys.stdout.write(unified_diff(changed, cwd))
        sys.stdout.flush()  # the diff before the note on stderr
        say(f"{outcome.applied} fix(es) in {len(changed)} file(s) would be applied (nothing written: --diff)")
        return outcome.report, bool(changed)
    if changed:
        say(f"Applied {outcome.applied} fix(es) to {len(changed)} file(s)")
        _registry_after_fix(outcome.report)
    return outcome.report, bool(changed)


def _repositories(targets: list[Path], cwd: Path) -> list[Path]:
    """The repositories of the paths the user named: --fix writes nowhere else."""
    import os.path

    from scopecheck.core.engine import repository_root

    roots: dict[Path, None] = {}
    for target in targets:
        # Links are not followed here: a linked folder does not move the repository.
        absolute = Path(os.path.normpath(cwd / target))
        folder = absolute if absolute.is_dir() else absolute.parent
        roots[repository_root(folder)] = None
    return list(roots)


def _init_hint(report: Report) -> None:
    """Once per run: apps with no registry get one SC101 per permission; `init` writes them all."""
    from scopecheck.reporters._common import units

    undocumented = {f.app for f in report.reported if f.rule_id in ("SC101", "SC301")}
    bare = [a for a in report.apps if a.registry is None and a.manifest in undocumented]
    if not bare:
        return
    places = list(dict.fromkeys(str(Path(a.registry_at or a.manifest).parent) for a in bare))
    folders = " ".join(places[:3]) + (" …" if len(places) > 3 else "")
    have = "has" if len(bare) == 1 else "have"
    say(
        f"hint: {units(bare)} {have} no registry yet: `scopecheck init {folders}` writes "
        f"{'one' if len(places) == 1 else 'them'} with an entry per permission to justify"
    )


def _registry_after_fix(report: Report) -> None:
    """After --fix, the registry may lack the scopes added and keep the ones removed: say so."""
    missing = sorted({f.subject for f in report.reported if f.rule_id == "SC101" and f.subject})
    stale = sorted({f.subject for f in report.reported if f.rule_id == "SC102" and f.subject})
    if missing:
        say(f"scopecheck: the registry now lacks {', '.join(missing)}: run `scopecheck init` to add them")
    if stale:
        say(f"scopecheck: the registry still justifies {', '.join(stale)}, no longer requested: remove them")


def register(app: App) -> None:
    app.command()(lint)
