"""What the Forge rules read of an app's code: the usage found and the scopes it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scopecheck.core.records import record

if TYPE_CHECKING:
    from scopecheck.ecosystems.forge.code.needs import Needs
    from scopecheck.ecosystems.forge.code.usage import Fetch, ParseProblem, Usage


@record
class ForgeAnalysis:
    usage: Usage
    needs: Needs

    @property
    def fetches(self) -> tuple[Fetch, ...]:
        return self.usage.fetches

    @property
    def problems(self) -> tuple[ParseProblem, ...]:
        """Files the analysis left out or could not parse: shown as notices."""
        return self.usage.problems


def usage_of(ctx: Any) -> Usage | None:
    """The code usage in a rule's context (None when no rule needed the code read)."""
    return ctx.analysis.usage if isinstance(ctx.analysis, ForgeAnalysis) else None


def needs_of(ctx: Any) -> Needs | None:
    """The scope requirements in a rule's context (None when the code was not read)."""
    return ctx.analysis.needs if isinstance(ctx.analysis, ForgeAnalysis) else None
