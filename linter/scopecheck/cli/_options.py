"""Command-line options that several commands share, declared once so their help stays the same."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PolicyFile = Annotated[
    Path | None,
    typer.Option(help="Policy file to use instead of searching upward for .scopecheck.yml."),
]
