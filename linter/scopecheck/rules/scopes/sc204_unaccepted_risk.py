from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.rules import Context, Violation, rule


@rule("SC204", "unaccepted-risk", Severity.ERROR, carries_risk=True)
def unaccepted_risk(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope at or above the policy's risk tier (`policy.risk-acceptance-required`,
    critical by default) whose registry entry has no `risk-accepted` reference.

    ## Why is this bad?
    Critical scopes (`manage:*`, `admin:*`, `delete:*`, `act-as-user:*`, app system tokens)
    let an app change or destroy customer data site-wide. A granular scope is never rated above
    a classic scope that includes it, so replacing `write:jira-work` with the `delete:issue:jira`
    it includes never raises this finding. Someone should have decided, on the
    record, that the feature is worth it; `risk-accepted` points at that decision.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - manage:jira-configuration
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      manage:jira-configuration:
        justification: Creates the approval-chain project roles an admin configures.
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      manage:jira-configuration:
        justification: Creates the approval-chain project roles an admin configures.
        risk-accepted: SEC-142
    ```

    ## References
    Risk tiers: `scopecheck scopes` shows each scope's tier and the reason for it.
    """
    required = ctx.policy.risk_acceptance_required
    if required is None or not ctx.registry.exists:
        return  # with no registry at all, SC101 (and the hint to run `init`) says it once
    for scope in ctx.requests:
        info = ctx.catalog.get(scope.name) if scope.kind == "scope" else None
        if info is None or info.risk < required:
            continue
        entry = ctx.registry.lookup(scope)
        if entry is not None and entry.risk_accepted:
            continue
        where = entry.key_span if entry is not None else scope.span
        yield Violation(
            span=where,
            subject=scope.name,
            message=(
                f"`{scope.name}` is a {info.risk.label}-risk {scope.label}{_why(info.risk_basis)} "
                "with no `risk-accepted` in the registry"
            ),
            help=_help(scope, ctx.registry.path),
        )


def _help(scope: PermissionRequest, registry: object) -> str:
    key, parents = scope.registry_entry()
    return (
        f"add `risk-accepted: <ticket>` to `{key}:` under {parents} in {registry} once the risk is accepted"
    )


def _why(basis: str) -> str:
    """The catalog's reason, unless it only restates the verb rule ("`manage` scopes are ...")."""
    return "" if basis.startswith("`") else f" ({basis})"
