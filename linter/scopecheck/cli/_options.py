"""Command-line options that several commands share, declared once so their help stays the same."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import Argument, Option
from scopecheck.cli._io import fail

PolicyFile = Annotated[
    Path | None,
    Option(help="Policy file to use instead of searching upward for .scopecheck.yml."),
]


RegistryFile = Annotated[
    Path | None,
    Option(help="Registry file to use instead of permissions.yml next to each manifest."),
]
AppPaths = Annotated[
    list[Path] | None,
    Argument(
        metavar="[APP]...",
        help="Apps (directories searched for manifest.yml, or manifest files) [default: .].",
        show_default=False,
    ),
]


#: every command that writes Markdown takes both spellings
FORMAT_ALIASES = {"md": "markdown"}


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def check_files(**files: Path | None) -> None:
    for flag, path in files.items():
        if path is not None and not path.is_file():
            raise fail(f"{path}: --{flag} file does not exist")
