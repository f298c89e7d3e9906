from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.fixes import with_refusal
from scopecheck.core.rules import Context, Violation, rule, shorten
from scopecheck.ecosystems.forge.code.analysis import needs_of
from scopecheck.ecosystems.forge.code.needs import call_product, cover, set_style
from scopecheck.ecosystems.forge.fixes import scope_fix
from scopecheck.ecosystems.forge.model import ScopeRequest


@rule("SC206", "redundant-scope", Severity.WARNING, carries_risk=True, needs_code=True)
def redundant_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope listed twice, one included in another requested scope (`read:connect-jira`
    next to `write:connect-jira`), or one that only serves calls another requested scope set
    already covers (a classic scope next to the granular scopes that satisfy the same calls).

    Where a classic scope and granular scopes both cover a call, the broader classic scope is
    the one to delete, unless it is needed anyway by another call or the policy's `prefer:`
    (or `lint --prefer`) is `classic`.

    ## Why is this bad?
    Redundant lines make the permission list longer than what the app can actually do, and a
    duplicate left behind after a merge hides which copy reviewers meant to keep.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
        - read:jira-work
    ```

    ## Fix
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    """
    first: dict[str, ScopeRequest] = {}
    for scope in ctx.app.scopes:
        if scope.name in first:
            fix, refusal = scope_fix(ctx.app, f"remove the second `{shorten(scope.name)}`", remove=[scope])
            yield Violation(
                span=scope.span,
                subject=scope.name,
                message=f"scope `{shorten(scope.name)}` is listed twice",
                help=with_refusal("delete this line", refusal),
                related=(Related(first[scope.name].span, "first listed here"),),
                fix=fix,
            )
        else:
            first[scope.name] = scope
    for scope in first.values():
        covering = sorted(
            other.name
            for other in first.values()
            if scope.name in ctx.catalog.connect_implies.get(other.name, frozenset())
        )
        if covering:
            yield Violation(
                span=scope.span,
                subject=scope.name,
                message=f"scope `{scope.name}` is already included in `{covering[0]}`",
                help="delete this line",
                related=(Related(first[covering[0]].span, f"`{covering[0]}` requested here"),),
            )
    yield from _covered_by_other_sets(ctx, first)


def _covered_by_other_sets(ctx: Context, requested: dict[str, ScopeRequest]) -> Iterator[Violation]:
    """Scopes that serve only requirements a different requested set already satisfies."""
    needs = needs_of(ctx)
    if needs is None or not needs.code_seen:
        return
    names = ctx.app.scope_names
    chosen = needs.chosen
    if ctx.policy.prefer == "classic":  # the needs were covered preferring the narrower sets
        chosen = cover(list(needs.requirements), names, ctx.catalog, prefer="classic")
    used = {s for alternative in chosen.values() for s in alternative}
    for name, scope in requested.items():
        if name in used:
            continue
        served = needs.satisfied_by(name, names)
        if not served:
            continue
        requirement, _alternative = served[0]
        index = needs.requirements.index(requirement)
        covering = chosen.get(index, ())
        unsure = bool(needs.unresolved_for(call_product(ctx.catalog, name), name)) and not ctx.strict
        fix, refusal = (None, None) if unsure else scope_fix(ctx.app, f"remove `{name}`", remove=[scope])
        yield Violation(
            span=scope.span,
            subject=name,
            message=(
                f"scope `{name}` only serves {requirement.label}, which "
                f"{', '.join(f'`{s}`' for s in covering)} already covers"
            ),
            help=with_refusal(_help(ctx, name, covering), refusal),
            related=(Related(requirement.span, f"{requirement.label} is called here"),),
            fix=fix,
            confidence=Confidence.LOW if unsure else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
        )


def _help(ctx: Context, name: str, covering: tuple[str, ...]) -> str:
    """Delete the redundant line; when that is the narrow one, say what keeping it instead takes."""
    broad = [s for s in covering if set_style((s,), ctx.catalog) == "classic"]
    if set_style((name,), ctx.catalog) != "granular" or not broad:
        return "delete this line: the scopes that cover the call stay"
    if ctx.policy.prefer == "classic":
        return "delete this line: the policy prefers classic scopes"
    return (
        f"delete this line, or keep it and move every call {', '.join(f'`{s}`' for s in broad)} "
        "serves to granular scopes (SC205 names them), then delete that instead"
    )
