"""Commands around the registry and the catalog: `init`, `docs`, `scopes`.

`register(app)` adds them to the typer app in cli.py. Keep module-level imports
light: heavy work is imported inside each command.
"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app` (none yet)."""
