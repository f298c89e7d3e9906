from collections.abc import Iterator

from scopecheck.findings import Related, Severity
from scopecheck.model.manifest import ScopeRequest
from scopecheck.rules.base import Context, Violation, rule, shorten


@rule("SC206", "redundant-scope", Severity.WARNING)
def redundant_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope listed twice, or one already included in another requested scope (for
    example `read:connect-jira` next to `write:connect-jira`, which includes it).

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
    for scope in ctx.manifest.scopes:
        if scope.name in first:
            yield Violation(
                span=scope.span,
                subject=scope.name,
                message=f"scope `{shorten(scope.name)}` is listed twice",
                help="delete this line",
                related=(Related(first[scope.name].span, "first listed here"),),
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
