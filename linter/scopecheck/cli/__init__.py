"""The `scopecheck` command: one module per command, each adding itself to the app (`_args.py`).

Exit codes: 0 nothing at or above `--fail-on`; 1 findings that are; 2 a usage
error or input that could not be read (SC001/SC002); 3 an internal error (a
rule crashed: the others still ran).
"""

from __future__ import annotations

import sys

from scopecheck import __version__
from scopecheck.cli import baseline, claims, diff, docs, history, init, lint, rules, scopes
from scopecheck.cli._args import App
from scopecheck.cli._io import EXIT_INTERNAL, say

app = App(
    name="scopecheck",
    help=(
        "Check that every permission a Forge app, a GitHub Actions workflow or a browser extension\n"
        "requests is documented, justified and needed.\n\n"
        "Run `scopecheck lint` in an app or a repository (every manifest.yml,\n"
        ".github/workflows/*.yml and extension manifest.json below it). `scopecheck PATH` is\n"
        "`scopecheck lint PATH`; `scopecheck COMMAND --help` says more.\n\n"
        "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error,\n"
        "3 internal error."
    ),
    version=__version__,
)

#: in the order `--help` lists them
for _command in (lint, baseline, diff, history, claims, rules, init, docs, scopes):
    _command.register(app)

#: the first word of `scopecheck WORD`: anything else means `scopecheck lint WORD`
COMMANDS = app.names


def main(argv: list[str] | None = None) -> None:
    """Entry point: `scopecheck PATH` means `scopecheck lint PATH`."""
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--version") for a in args) and first is None
    if not wants_help and (first is None or first not in COMMANDS):
        args.insert(0, "lint")
    try:
        code = app.run(args)
    except KeyboardInterrupt:
        say("scopecheck: interrupted")
        raise SystemExit(130) from None
    except Exception as exc:  # the last net: a bug is exit 3 with one line, never a traceback
        if "--debug" in args:
            raise
        say(f"scopecheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        raise SystemExit(EXIT_INTERNAL) from None
    raise SystemExit(code)
