"""`scopecheck diff`: the permissions added and removed between two versions of an app."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import App, Argument, Exit, Option
from scopecheck.cli._io import EXIT_CLEAN, EXIT_FINDINGS, emit, fail
from scopecheck.cli._options import FORMAT_ALIASES, FailOn
from scopecheck.core.errors import InputError


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    md = "md"


def diff_command(
    base: Annotated[
        str | None, Argument(help="Base: a manifest file or a git revision.", show_default=False)
    ] = None,
    head: Annotated[
        str | None,
        Argument(
            help="Head: a manifest file or a git revision [default: the manifest in the work tree].",
            show_default=False,
        ),
    ] = None,
    base_ref: Annotated[
        str | None,
        Option(help="Git revision of the base; then the first argument, if any, is the head."),
    ] = None,
    manifest: Annotated[
        Path,
        Option(help="The manifest's (or workflow's) path, used for the sides given as git revisions."),
    ] = Path("manifest.yml"),
    output_format: Annotated[DiffFormat, Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    output: Annotated[Path | None, Option("--output", "-o", help="Write the result to this file.")] = None,
    fail_on: Annotated[
        FailOn | None,
        Option(
            help="Fail when SC501 (added permission) is at least this severe [default: the policy's fail-on, else warning]."
        ),
    ] = None,
) -> None:
    """Show the permissions added and removed between two versions of a manifest or workflow.

    An added scope, egress host or remote means every site admin must consent to the
    update again; an added token permission in a workflow is worth a reviewer's look. Both
    are SC501, whose severity the policy sets (warning by default).

    Examples:

      scopecheck diff origin/main         # ./manifest.yml vs origin/main

      scopecheck diff --base-ref origin/main apps/jira/manifest.yml -f markdown

      scopecheck diff old/manifest.yml new/manifest.yml --format json

      scopecheck diff origin/main --manifest .github/workflows/release.yml
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
    emit(text, output)
    raise Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def register(app: App) -> None:
    app.command("diff")(diff_command)
