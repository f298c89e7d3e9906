"""The `scopecheck` command: parse flags, run the engine, render, pick the exit code.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings that are; 2 a usage
error or input that could not be read (SC001/SC002); 3 an internal error (a
rule crashed: the others still ran).
"""

import datetime
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scopecheck import __version__
from scopecheck.cli._io import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, fail, say, use_color
from scopecheck.cli._options import PolicyFile
from scopecheck.core.atomic import write_atomic
from scopecheck.core.errors import InputError
from scopecheck.core.findings import Report
from scopecheck.reporters import REPORTERS, RenderOptions

if TYPE_CHECKING:
    from scopecheck.core.settings import CliOverrides

INPUT_RULES = ("SC001", "SC002")

app = typer.Typer(
    name="scopecheck",
    help=(
        "Check that every permission a Forge app requests is documented, justified and needed.\n\n"
        "Run `scopecheck lint` in an app (or a repository of apps). Exit codes: 0 clean, "
        "1 findings at or above --fail-on, 2 usage or input error, 3 internal error."
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMANDS = ("lint", "rules", "explain", "init", "docs", "scopes", "diff", "baseline")


#: every command that writes Markdown takes both spellings
FORMAT_ALIASES = {"md": "markdown"}
#: --format choices come from the reporter registry, so help and code cannot disagree
OutputFormat = StrEnum(  # type: ignore[misc]  # built from REPORTERS, so mypy cannot list it
    "OutputFormat", {name: name for name in (*REPORTERS, *FORMAT_ALIASES)}
)
TEXT_FORMAT = OutputFormat("text")


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


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


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Manifest files or directories to search for manifest.yml (default: .).",
            show_default=False,
        ),
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(help="Registry file to use instead of permissions.yml next to each manifest."),
    ] = None,
    config: PolicyFile = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULE",
            help="Run only these rules (ids, names or id prefixes like SC3; repeat or comma-separate).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="RULE", help="Skip these rules (ids, names or prefixes).")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Lowest severity that fails the run [default: the policy's fail-on, else warning]."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TEXT_FORMAT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="One line per finding; no snippets.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat unsure code-analysis findings as sure ones.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to manifest.yml (comments and layout are kept).")
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Print the fixes as a unified diff instead of writing them; exit 1 when there is "
            "something to fix, else 0 (findings without a fix do not count: use plain lint to gate).",
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="With --fix/--diff, also apply fixes that may change intent (typos)."
        ),
    ] = False,
    prefer: Annotated[
        Prefer | None,
        typer.Option(
            help="Kind of scope to propose where both would do (SC401 and --fix, SC205, SC206) "
            "[default: the policy's prefer, else the kind the manifest already uses].",
        ),
    ] = None,
    base_ref: Annotated[
        str | None,
        typer.Option(
            metavar="REV",
            help="Compare each manifest with this git revision: additions need admin consent (SC501).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Report only findings not in this baseline file (see `scopecheck baseline`)."),
    ] = None,
    changed: Annotated[
        bool,
        typer.Option(
            "--changed", help="PATHS are changed files: lint the apps they belong to (for pre-commit)."
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="Worker processes [default: one per core when there are many apps]."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Analyse the code again even if no source file changed.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    today: Annotated[
        str | None,
        typer.Option(hidden=True, help="Date to check review ages against (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Check manifests against their registry, the policy and the rules.

    Finds every manifest.yml under each PATH (skipping node_modules, .git and build
    output), reads the registry next to it and the nearest .scopecheck.yml above it.

    Examples:

      scopecheck lint                       # the app in this directory

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
        say("scopecheck: no Forge app is affected by these files")
        raise typer.Exit(EXIT_CLEAN)
    if not report.apps:
        raise fail(f"no manifest.yml found under {', '.join(str(p) for p in targets)}")
    if baseline is not None:
        from scopecheck.core.baseline import apply_baseline, load_baseline

        try:
            entries = load_baseline(baseline, str(baseline))
        except InputError as exc:
            raise fail(exc.one_line()) from None
        report = apply_baseline(report, entries, str(baseline), report_stale="SC003" not in ignored)
    if diff:  # a crash or unreadable input still wins over "there is a diff"
        code = exit_code(report)
        raise typer.Exit(
            code if code in (EXIT_INPUT, EXIT_INTERNAL) else EXIT_FINDINGS if fixed_any else EXIT_CLEAN
        )

    options = RenderOptions(color=use_color(output) and output_format is TEXT_FORMAT, concise=quiet)
    rendered = REPORTERS[FORMAT_ALIASES.get(output_format.value, output_format.value)](report, options)
    if output is not None:
        try:
            write_atomic(output, rendered)
        except OSError as exc:
            raise fail(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
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
            typer.echo(crash.traceback, err=True)
    if not quiet:
        _init_hint(report)
    if output is not None and not quiet:
        from scopecheck.reporters._common import summary_line

        say(f"{summary_line(report)}; report written to {output}")
    raise typer.Exit(exit_code(report))


def _fix(targets: list[Path], cli: "CliOverrides", *, write: bool, unsafe: bool) -> tuple[Report, bool]:
    """Apply fixes until stable; write the files, or print them as a diff. (report, changed)"""
    from scopecheck.core.engine import lint as run_lint
    from scopecheck.core.engine import repository_root
    from scopecheck.core.fixes import FixError, fix_until_stable, unified_diff, write_fixes
    from scopecheck.ecosystems import TOOLKIT

    cwd = Path.cwd()
    try:
        outcome = fix_until_stable(
            lambda overlay: run_lint(targets, cli, overlay=overlay, toolkit=TOOLKIT), unsafe=unsafe
        )
        changed = outcome.changed
        if write:
            write_fixes(outcome, repository_root(cwd.resolve()))
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


def _init_hint(report: Report) -> None:
    """Once per run: apps with no registry get one SC101 per permission; `init` writes them all."""
    undocumented = {f.app for f in report.reported if f.rule_id in ("SC101", "SC301")}
    bare = [a.manifest for a in report.apps if a.registry is None and a.manifest in undocumented]
    if not bare:
        return
    folders = " ".join(str(Path(m).parent) for m in bare[:3]) + (" …" if len(bare) > 3 else "")
    say(
        f"hint: {len(bare)} app(s) have no registry yet: `scopecheck init {folders}` writes one with "
        "an entry per permission to justify"
    )


def _registry_after_fix(report: Report) -> None:
    """After --fix, the registry may lack the scopes added and keep the ones removed: say so."""
    missing = sorted({f.subject for f in report.reported if f.rule_id == "SC101" and f.subject})
    stale = sorted({f.subject for f in report.reported if f.rule_id == "SC102" and f.subject})
    if missing:
        say(f"scopecheck: the registry now lacks {', '.join(missing)}: run `scopecheck init` to add them")
    if stale:
        say(f"scopecheck: the registry still justifies {', '.join(stale)}, no longer requested: remove them")


@app.command("baseline")
def baseline_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Manifest files or directories (default: .).", show_default=False),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The baseline file to write.")] = Path(
        ".scopecheck-baseline.json"
    ),
    registry: Annotated[Path | None, typer.Option(help="As for `lint`.")] = None,
    config: Annotated[Path | None, typer.Option(help="As for `lint`.")] = None,
) -> None:
    """Accept today's findings: write them to a baseline so `lint --baseline` reports only new ones.

    Entries are fingerprints of rule, file and subject, so they survive lines moving.

    Examples:

      scopecheck baseline      # writes .scopecheck-baseline.json

      scopecheck lint --baseline .scopecheck-baseline.json
    """
    from scopecheck.core.baseline import render_baseline
    from scopecheck.core.engine import lint as run_lint
    from scopecheck.core.settings import CliOverrides
    from scopecheck.ecosystems import TOOLKIT

    targets = paths or [Path(".")]
    try:
        report = run_lint(targets, CliOverrides(registry=registry, config=config), toolkit=TOOLKIT)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    if not report.apps:
        raise fail(f"no manifest.yml found under {', '.join(str(p) for p in targets)}")
    if any(f.rule_id in INPUT_RULES for f in report.reported):
        first = next(f for f in report.reported if f.rule_id in INPUT_RULES)
        raise fail(
            f"{first.span.path}:{first.span.line}:{first.span.column}: {first.message} (fix it before taking a baseline)"
        )
    try:
        write_atomic(output, render_baseline(report, output))
    except OSError as exc:
        raise fail(f"{output}: cannot write the baseline: {exc.strerror or exc}") from None
    say(f"Wrote {len(report.reported)} finding(s) of {len(report.apps)} app(s) to {output}")


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    md = "md"


@app.command("diff")
def diff_command(
    base: Annotated[
        str | None, typer.Argument(help="Base: a manifest file or a git revision.", show_default=False)
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            help="Head: a manifest file or a git revision [default: the manifest in the work tree].",
            show_default=False,
        ),
    ] = None,
    base_ref: Annotated[
        str | None,
        typer.Option(help="Git revision of the base; then the first argument, if any, is the head."),
    ] = None,
    manifest: Annotated[
        Path, typer.Option(help="The manifest's path, used for the sides given as git revisions.")
    ] = Path("manifest.yml"),
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the result to this file.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Fail when SC501 (added permission) is at least this severe [default: the policy's fail-on, else warning]."
        ),
    ] = None,
) -> None:
    """Show the permissions added and removed between two versions of a manifest.

    An added scope, egress host or remote means every site admin must consent to the
    update again; that is SC501, whose severity the policy sets (warning by default).

    Examples:

      scopecheck diff origin/main         # ./manifest.yml vs origin/main

      scopecheck diff --base-ref origin/main apps/jira/manifest.yml -f markdown

      scopecheck diff old/manifest.yml new/manifest.yml --format json
    """
    from scopecheck.diff.command import run_diff
    from scopecheck.ecosystems import TOOLKIT

    if base_ref is not None:
        base, head = base_ref, base if head is None else head
    if base is None:
        raise fail("give a base: a manifest file or a git revision (`scopecheck diff origin/main`)")
    try:
        text, failing = run_diff(
            base,
            head,
            manifest,
            FORMAT_ALIASES.get(output_format.value, output_format.value),
            fail_on.value if fail_on else None,
            TOOLKIT,
        )
    except InputError as exc:
        raise fail(exc.one_line()) from None
    if output is not None:
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise fail(f"{output}: cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    md = "md"


@app.command()
def rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="text, or markdown (md) for the README table.")
    ] = RulesFormat.text,
) -> None:
    """List every rule: id, name, default severity and what it finds."""
    from scopecheck.core.ruledocs import rules_markdown, rules_text
    from scopecheck.ecosystems import TOOLKIT

    markdown = output_format is not RulesFormat.text
    typer.echo(rules_markdown(TOOLKIT.rules) if markdown else rules_text(TOOLKIT.rules), nl=False)


@app.command()
def explain(
    name: Annotated[
        str,
        typer.Argument(help="A rule id (SC101) or name (undocumented-scope), or a scope (read:jira-work)."),
    ],
) -> None:
    """Explain a rule (what it finds, why, example, fix) or a scope (what needs it, what can replace it)."""
    from scopecheck.core.ruledocs import render_rule
    from scopecheck.ecosystems import TOOLKIT

    rule = TOOLKIT.rules.find(name)
    if rule is None:
        from scopecheck.ecosystems.forge.catalog.view import explain_scope

        text = explain_scope(name, color=use_color(None))
        if text is None:
            raise fail(f"no rule or scope named {name!r} (see `scopecheck rules` and `scopecheck scopes`)")
        typer.echo(text, nl=False)
        return
    typer.echo(render_rule(rule, color=use_color(None)), nl=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scopecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Check that every permission a Forge app requests is documented, justified and needed."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: `scopecheck PATH` means `scopecheck lint PATH`."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args) and first is None
    if not wants_help and (first is None or first not in COMMANDS):
        args.insert(0, "lint")
    try:
        app(args=args, prog_name="scopecheck", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        say("scopecheck: interrupted")
        raise SystemExit(130) from None
    except Exception as exc:  # the last net: a bug is exit 3 with one line, never a traceback
        if "--debug" in args:
            raise
        say(f"scopecheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        raise SystemExit(EXIT_INTERNAL) from None


# init, docs and scopes live in their own module; registering them imports nothing heavy
from scopecheck.cli import registry_commands  # noqa: E402

registry_commands.register(app)
