"""`scopecheck history`: every permission an app gained or lost, commit by commit."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import App, Argument, Option
from scopecheck.cli._io import emit, fail
from scopecheck.cli._options import FORMAT_ALIASES


class HistoryFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    md = "md"


def history(
    path: Annotated[
        Path,
        Argument(
            metavar="[PATH]",
            help="An app's folder, its manifest.yml, or a repository with several apps [default: .].",
            show_default=False,
        ),
    ] = Path("."),
    output_format: Annotated[
        HistoryFormat, Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.text,
    since: Annotated[
        str | None,
        Option(help="Only commits after this date, read as git reads it ('2026-01-01', '3 months ago')."),
    ] = None,
    until: Annotated[
        str | None,
        Option(help="Only commits before this date, read as git reads it."),
    ] = None,
    output: Annotated[Path | None, Option("--output", "-o", help="Write the result to this file.")] = None,
) -> None:
    """Show the permission audit trail from git history: every commit that added or removed a
    scope, egress address, content relaxation or remote, with its date, author and commit,
    whether Forge made admins consent again, and the registry's justification at that commit.

    Forge asks every site admin to consent again (a major version) when a deployment changes
    scopes, egress addresses or content permissions (added or removed), adds a remote or
    changes a remote's base URL; not when it removes a remote. A commit is not a deployment:
    admins see the sum of the commits since the last one. The main line is followed
    (`git log --first-parent`): a merge counts once, against the branch it was merged into.

    Examples:

      scopecheck history                       # the app in this directory

      scopecheck history apps/ --since 2026-01-01 -f csv -o permissions-history.csv

      scopecheck history apps/jira/manifest.yml -f markdown
    """
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.history.command import run_history
    from scopecheck.history.render import RENDERERS

    fmt = FORMAT_ALIASES.get(output_format.value, output_format.value)
    try:
        trail = run_history(path, TOOLKIT, since=since, until=until)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    text = RENDERERS[fmt](trail)
    emit(text, output)


def register(app: App) -> None:
    app.command("history")(history)
