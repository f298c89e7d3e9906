"""What the commands print outside reports: errors, notes, colour choice.

Every line that can carry user text (a path, a scope name, a YAML message) goes
through `one_line`, so a crafted file name cannot move the cursor, clear the
screen, or start a new `::error` workflow command on its own line.
"""

import os
import sys
from pathlib import Path

from scopecheck.cli._args import Exit, echo
from scopecheck.reporters._common import one_line

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def say(text: str) -> None:
    """A note on stderr (stdout is for reports)."""
    echo(one_line(text), err=True)


def fail(message: str, code: int = EXIT_INPUT) -> Exit:
    """Print `scopecheck: error: ...` and return the Exit to raise."""
    say(f"scopecheck: error: {message}")
    return Exit(code)


def use_color(output: object | None) -> bool:
    """Colour only on a terminal that can show it: never into a file, never with NO_COLOR;
    FORCE_COLOR asks for it, and TERM=dumb (a terminal without escapes) turns it off."""
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit(text: str, output: Path | None, what: str = "the report") -> None:
    """A command's rendered output: to `-o` (atomically, so a failed write leaves the old file
    whole) or to stdout. A file that cannot be written is an input error."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from scopecheck.core.atomic import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise fail(f"{output}: cannot write {what}: {exc.strerror or exc}") from None


def tell(text: str) -> None:
    """A line of a command's own output on stdout, made safe like `say`."""
    echo(one_line(text))
