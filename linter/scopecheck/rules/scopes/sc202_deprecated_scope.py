from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC202", "deprecated-scope", Severity.WARNING, settled_by_accepted_risk=True)
def deprecated_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope that Atlassian has deprecated, with its replacement when there is one.

    ## Why is this bad?
    A deprecated scope will stop working; the app then fails for every customer at once, and
    the fix (a new scope) needs every admin to consent again. Moving early is cheaper.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```

    ## Fix
    Request the replacement scope named in the message, update the code that used the old
    scope, and move the registry entry to the new name:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:issue:jira
    ```

    ## Known limitations
    The deprecation list comes from `@forge/manifest` (empty in 13.7.0) plus the catalog's own
    overrides. No Forge scope is deprecated today, so the example treats `read:jira-work` as
    deprecated to show the shape of the finding.
    """
    for scope in ctx.requests:
        info = ctx.catalog.get(scope.name) if scope.kind == "scope" else None
        if info is None or not info.deprecated:
            continue
        replacement = f"; use `{info.replacement}` instead" if info.replacement else ""
        yield Violation(
            span=scope.span,
            subject=scope.name,
            message=f"{scope.label} `{scope.name}` is deprecated{replacement}",
            help=f"replace it with `{info.replacement}`"
            if info.replacement
            else "find the scope that replaces it in Atlassian's changelog",
        )
