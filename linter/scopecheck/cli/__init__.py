"""The `scopecheck` command: one module per command, each adding itself to the typer app.

Exit codes: 0 nothing at or above `--fail-on`; 1 findings that are; 2 a usage
error or input that could not be read (SC001/SC002); 3 an internal error (a
rule crashed: the others still ran).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from scopecheck import __version__
from scopecheck.cli import baseline, claims, diff, docs, history, init, lint, rules, scopes
from scopecheck.cli._io import EXIT_INTERNAL, say

_SETTINGS: dict[str, Any] = dict(
    name="scopecheck",
    help=(
        "Check that every permission a Forge app, a GitHub Actions workflow or a browser "
        "extension requests is documented, justified and needed.\n\n"
        "Run `scopecheck lint` in an app or a repository (every manifest.yml, "
        ".github/workflows/*.yml and extension manifest.json below it). Exit codes: 0 clean, "
        "1 findings at or above --fail-on, 2 usage or input error, 3 internal error."
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**_SETTINGS)

#: in the order `--help` lists them
for _command in (lint, baseline, diff, history, claims, rules, init, docs, scopes):
    _command.register(app)

#: the first word of `scopecheck WORD`: anything else means `scopecheck lint WORD`
COMMANDS = tuple(info.name or info.callback.__name__ for info in app.registered_commands if info.callback)


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
    """Check that every permission a Forge app, a GitHub Actions workflow or a browser
    extension requests is documented, justified and needed."""


def _only(command: str) -> typer.Typer:
    """The app with one command: typer builds every registered command's options from its
    signature on each run (about 9 ms of a 130 ms lint here), so a run builds only its own.
    `scopecheck --help` still uses `app`, which lists them all."""
    one = typer.Typer(**_SETTINGS)
    one.registered_callback = app.registered_callback
    one.registered_commands = [
        info
        for info in app.registered_commands
        if (info.name or getattr(info.callback, "__name__", "")) == command
    ]
    return one


def main(argv: list[str] | None = None) -> None:
    """Entry point: `scopecheck PATH` means `scopecheck lint PATH`."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args) and first is None
    if not wants_help and (first is None or first not in COMMANDS):
        args.insert(0, "lint")
    try:
        runner = _only(args[0]) if args and args[0] in COMMANDS else app
        runner(args=args, prog_name="scopecheck", standalone_mode=True)
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
