import fnmatch
from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule("SC203", "denied-scope", Severity.ERROR, carries_risk=True)
def denied_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope the policy forbids in `policy.deny-scopes` (names or glob patterns such as
    `manage:*`).

    ## Why is this bad?
    Some permissions are off the table for an organisation: a vendor that promises "we never
    administer your site" must never ship `manage:jira-configuration`. The policy makes that
    promise a check instead of a hope.

    ## Example
    ```yaml title=".scopecheck.yml"
    policy:
      deny-scopes: ["manage:*"]
    ```
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - manage:jira-configuration
    ```

    ## Fix
    Find a narrower scope for the feature, or drop the feature:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    """
    patterns = ctx.policy.deny_scopes
    for scope in ctx.requests:
        if scope.kind != "scope":
            continue
        matched = next((p for p in patterns if fnmatch.fnmatchcase(scope.name.lower(), p.lower())), None)
        if matched is None:
            continue
        by = "" if matched == scope.name else f" (pattern `{matched}`)"
        yield Violation(
            span=scope.span,
            subject=scope.name,
            message=f"{scope.label} `{shorten(scope.name)}` is denied by the policy{by}",
            help="remove it, or change `policy.deny-scopes` in .scopecheck.yml after a security review",
        )
