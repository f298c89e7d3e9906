from collections.abc import Iterator

from scopecheck.core.findings import ScalarChange, Severity
from scopecheck.core.fixes import planned_fix
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule("SC201", "unknown-scope", Severity.ERROR)
def unknown_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope that Forge does not know, usually a typo, and names the nearest valid scope.

    ## Why is this bad?
    `forge deploy` rejects an unknown scope, but only at deploy time; in review a typo like
    `read:jira-works` looks like any other line. Caught on commit, the fix is one word.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-works
    ```

    ## Fix
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    `scopecheck scopes jira-work` lists the scopes whose names contain a word.

    ## Known limitations
    Scopes written with `${VARIABLE}` interpolation are not checked. The list of valid scopes
    comes from `@forge/manifest` 13.7.0 and is updated with each scopecheck release.
    """
    for scope in ctx.requests:
        if scope.kind != "scope" or "${" in scope.name or ctx.catalog.get(scope.name) is not None:
            continue
        near = ctx.catalog.nearest(scope.name)
        fix = None
        if near:
            change = ScalarChange(scope.span.path, scope.span.start_offset, near)
            fix, _refusal = planned_fix(ctx.app.source, f"replace with `{near}`", (change,), safe=False)
        yield Violation(
            span=scope.span,
            subject=scope.name,
            message=f"unknown {scope.label} `{shorten(scope.name)}`: {ctx.platform} does not accept it"
            + (f"; did you mean `{near}`?" if near else ""),
            help=f"replace it with `{near}`"
            if near
            else "run `scopecheck scopes WORD` to find the scope you need",
            fix=fix,
        )
