"""`scopecheck baseline`: accept today's findings, so `lint --baseline` reports only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import App, Argument, Option
from scopecheck.cli._io import fail, say
from scopecheck.cli.lint import INPUT_RULES
from scopecheck.core.atomic import write_atomic
from scopecheck.core.errors import InputError


def baseline_command(
    paths: Annotated[
        list[Path] | None,
        Argument(help="Manifest files or directories (default: .).", show_default=False),
    ] = None,
    output: Annotated[Path, Option("--output", "-o", help="The baseline file to write.")] = Path(
        ".scopecheck-baseline.json"
    ),
    registry: Annotated[Path | None, Option(help="As for `lint`.")] = None,
    config: Annotated[Path | None, Option(help="As for `lint`.")] = None,
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
        raise fail(f"no manifest.yml or workflow found under {', '.join(str(p) for p in targets)}")
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


def register(app: App) -> None:
    app.command("baseline")(baseline_command)
