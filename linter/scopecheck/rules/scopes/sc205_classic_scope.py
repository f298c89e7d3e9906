from collections.abc import Iterator

from scopecheck.findings import Severity
from scopecheck.rules.base import Context, Violation, rule


@rule("SC205", "classic-scope", Severity.INFO)
def classic_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Notes a classic scope (such as `read:jira-work`) where Atlassian offers granular scopes
    (such as `read:issue:jira`) for the same operations.

    ## Why is this bad?
    A classic scope covers hundreds of operations; granular scopes cover only what the app
    calls, which is what "we request only what we need" means. It is only a note because
    Atlassian still documents classic scopes for most Jira APIs.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```

    ## Fix
    Replace it with the granular scopes your calls need (`scopecheck explain read:jira-work`
    lists them):
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:issue:jira
    ```
    """
    seen: set[str] = set()
    for scope in ctx.manifest.scopes:
        info = ctx.catalog.get(scope.name)
        if info is None or info.kind != "classic" or not info.granular or scope.name in seen:
            continue
        seen.add(scope.name)
        yield Violation(
            span=scope.span,
            subject=scope.name,
            message=(
                f"classic scope `{scope.name}` covers {info.operations} API operations; "
                f"{len(info.granular)} granular scopes can replace it"
            ),
            help=f"run `scopecheck explain {scope.name}` to pick the granular scopes your calls need",
        )
