"""`scopecheck rules` and `scopecheck explain`: the rule docs, and what a scope allows."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from scopecheck.cli._args import App, Argument, Option, echo
from scopecheck.cli._io import fail, use_color


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    md = "md"


def rules(
    output_format: Annotated[
        RulesFormat, Option("--format", "-f", help="text, or markdown (md) for the README table.")
    ] = RulesFormat.text,
) -> None:
    """List every rule: id, name, default severity and what it finds."""
    from scopecheck.core.ruledocs import rules_markdown, rules_text
    from scopecheck.ecosystems import TOOLKIT

    markdown = output_format is not RulesFormat.text
    echo(rules_markdown(TOOLKIT.rules) if markdown else rules_text(TOOLKIT.rules), nl=False)


def explain(
    name: Annotated[
        str,
        Argument(help="A rule id (SC101) or name (undocumented-scope), or a scope (read:jira-work)."),
    ],
) -> None:
    """Explain a rule (what it finds, why, example, fix) or a scope (what needs it, what can replace it)."""
    from scopecheck.core.ruledocs import render_rule
    from scopecheck.ecosystems import TOOLKIT

    rule = TOOLKIT.rules.find(name)
    if rule is None:
        from scopecheck.ecosystems.forge.catalog.view import explain_scope

        text = explain_scope(name, color=use_color(None))
        if text is None:
            raise fail(f"no rule or scope named {name!r} (see `scopecheck rules` and `scopecheck scopes`)")
        echo(text, nl=False)
        return
    echo(render_rule(rule, color=use_color(None)), nl=False)


def register(app: App) -> None:
    app.command()(rules)
    app.command()(explain)
