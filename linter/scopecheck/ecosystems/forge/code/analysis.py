"""What the Forge rules read of an app's code: the usage found and the scopes it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scopecheck.core.code import CodeCall, CodeView
from scopecheck.core.records import record

if TYPE_CHECKING:
    from scopecheck.ecosystems.forge.code.needs import Needs
    from scopecheck.ecosystems.forge.code.usage import ApiCall, Fetch, ParseProblem, Usage

#: methods that never change data, and methods that always do
READING = ("GET", "HEAD", "OPTIONS")
CHANGING = ("PUT", "PATCH", "DELETE")
#: a scope whose verb is one of these changes data
CHANGING_VERBS = ("write", "delete", "manage", "admin")


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

    @property
    def code(self) -> CodeView:
        """Every product API call, for the claims: the code's own (through helpers and the
        SDK's wrappers too), and for each remote or endpoint that holds the app's token, a
        call to any product with an unknown method and path."""
        calls = [self._call(call) for call in self.usage.calls]
        seen = set()
        for unresolved in self.needs.unresolved:
            call = unresolved.call
            if call.method is None and call.path is None and call.reason is None and call.span not in seen:
                seen.add(call.span)  # a remote or endpoint holding the app's token
                calls.append(CodeCall(None, None, None, call.span, why=unresolved.why))
        return CodeView(
            calls=tuple(calls),
            files=self.usage.files_scanned,
            gaps=tuple(p.describe() for p in self.usage.problems),
        )

    def _call(self, call: ApiCall) -> CodeCall:
        return CodeCall(
            product=call.product,
            method=call.method,
            path=call.path,
            span=call.span,
            via=call.via,
            why=call.reason,
            writes=self._writes(call),
        )

    def _writes(self, call: ApiCall) -> bool | None:
        """Whether the call changes data: by its method, and for a POST by the scopes its
        operation accepts (a search by POST only reads); None when that cannot be told."""
        if call.method in READING:
            return False
        if call.method in CHANGING:
            return True
        if call.method is None or call.path is None:
            return None
        found = [
            alternative
            for req in self.needs.requirements
            if req.kind == "call" and req.span == call.span and req.product == call.product
            for alternative in req.alternatives
        ]
        if not found:
            return None
        return all(any(s.split(":", 1)[0] in CHANGING_VERBS for s in alt) for alt in found)


def usage_of(ctx: Any) -> Usage | None:
    """The code usage in a rule's context (None when no rule needed the code read)."""
    return ctx.analysis.usage if isinstance(ctx.analysis, ForgeAnalysis) else None


def needs_of(ctx: Any) -> Needs | None:
    """The scope requirements in a rule's context (None when the code was not read)."""
    return ctx.analysis.needs if isinstance(ctx.analysis, ForgeAnalysis) else None
