"""`scopecheck scopes`: browse the scope catalog."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

from scopecheck.cli._args import App, Argument, Exit, Option
from scopecheck.cli._io import fail, say, use_color


class ScopesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    md = "md"


class Risk(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Kind(StrEnum):
    classic = "classic"
    granular = "granular"
    platform = "platform"
    connect = "connect"
    graph = "graph"


def scopes(
    query: Annotated[
        str | None,
        Argument(help="Show scopes whose name (or description) contains this text.", show_default=False),
    ] = None,
    risk: Annotated[
        list[Risk] | None, Option(help="Only this risk tier (repeat for several).", show_default=False)
    ] = None,
    kind: Annotated[
        list[Kind] | None,
        Option(help="Only classic, granular, platform, connect or graph scopes.", show_default=False),
    ] = None,
    product: Annotated[
        list[str] | None,
        Option(help="Only this product: jira, confluence, bitbucket…", show_default=False),
    ] = None,
    output_format: Annotated[
        ScopesFormat, Option("--format", "-f", help="text, json or markdown.")
    ] = ScopesFormat.text,
) -> None:
    """Browse the scope catalog: risk tier, kind, description and how many API operations need each scope.

    Scopes whose name matches come first, then those matched by their description. Exit code
    1 when nothing matches.

    Examples:

      scopecheck scopes jira-work          # read:jira-work, write:jira-work

      scopecheck scopes issue --kind granular --risk high --product jira

      scopecheck scopes --risk critical --format json

      scopecheck explain read:jira-work    # what needs it, what replaces it
    """
    import shutil

    from scopecheck.ecosystems.forge.catalog import load_catalog
    from scopecheck.ecosystems.forge.catalog.view import (
        find_scopes,
        products,
        scopes_json,
        scopes_markdown,
        scopes_text,
    )

    catalog = load_catalog()
    wanted_products = [p.strip().lower() for raw in product or [] for p in raw.split(",") if p.strip()]
    known = products(catalog)
    unknown = [p for p in wanted_products if p not in known]
    if unknown:
        raise fail(f"unknown product {', '.join(unknown)} (choose from {', '.join(known)})")
    found = find_scopes(
        query,
        risks=[r.value for r in risk or []],
        kinds=[k.value for k in kind or []],
        products=wanted_products,
        catalog=catalog,
    )
    if not found:
        say("no scope matches (see `scopecheck scopes` for all of them)")
        raise Exit(1)
    if output_format is ScopesFormat.json:
        text = scopes_json(found)
    elif output_format in (ScopesFormat.markdown, ScopesFormat.md):
        text = scopes_markdown(found)
    else:
        color = use_color(None)
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else None
        text = scopes_text(found, total=len(catalog.scopes), color=color, width=width)
    sys.stdout.write(text)
    sys.stdout.flush()


def register(app: App) -> None:
    app.command("scopes")(scopes)
