from collections.abc import Iterator

from scopecheck.core.findings import Severity, Span
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of
from scopecheck.ecosystems.forge.code.needs import call_product, granular_for


@rule("SC205", "classic-scope", Severity.INFO, needs_code=True)
def classic_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Notes a classic scope (such as `read:jira-work`) where Atlassian offers granular scopes
    (such as `read:issue:jira`) for the same operations.

    When the app's code was read, it names the granular scopes the app's own calls, events and
    modules need in place of the classic scope (JSON output lists them under `alternatives`).
    It stays silent when the policy's `prefer:` (or `lint --prefer`) is `classic`, and when
    none of the detected uses of the scope accepts a granular scope.

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
    Replace it with the granular scopes your calls need (`scopecheck lint` names them when it
    reads the app's code; `scopecheck explain read:jira-work` lists every candidate):
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:issue:jira
    ```
    """
    if ctx.policy.prefer == "classic":
        return
    seen: set[str] = set()
    for scope in ctx.app.scopes:
        info = ctx.catalog.get(scope.name)
        if info is None or info.kind != "classic" or not info.granular or scope.name in seen:
            continue
        seen.add(scope.name)
        covers = f"classic scope `{scope.name}` covers {info.operations} API operations"
        generic = Violation(
            span=scope.span,
            subject=scope.name,
            message=f"{covers}; {len(info.granular)} granular scopes can replace it",
            help=f"run `scopecheck explain {scope.name}` to pick the granular scopes your calls need",
        )
        needs = needs_of(ctx)
        if needs is None or not needs.code_seen:
            yield generic
            continue
        granular, without = granular_for(needs, scope.name, ctx.app.scope_names, ctx.catalog)
        unresolved = needs.unresolved_for(call_product(ctx.catalog, scope.name), scope.name)
        if not granular:
            if not without or unresolved:
                yield generic  # no detected use (SC402 says so), or some calls are unknown
            continue  # every detected use accepts only classic scopes: nothing to move to
        yield _named(scope.span, scope.name, covers, granular, without, len(unresolved))


def _named(
    span: Span, name: str, covers: str, granular: tuple[str, ...], without: int, unresolved: int
) -> Violation:
    """The note naming the granular scopes the app's detected uses need."""
    names = ", ".join(f"`{s}`" for s in granular)
    unknown = f"; {unresolved} call(s) could not be resolved, so check them too" if unresolved else ""
    if without:
        return Violation(
            span=span,
            subject=name,
            message=(
                f"{covers}; {without} of the app's detected uses of it "
                f"{'accepts' if without == 1 else 'accept'} no granular scope, so it "
                f"cannot be replaced yet (the other uses need only {names}){unknown}"
            ),
            help=f"keep `{name}` while those uses stay; `scopecheck explain {name}` lists its granular scopes",
        )
    return Violation(
        span=span,
        subject=name,
        message=f"{covers}; the app's detected uses of it need only {names}{unknown}",
        help=f"replace `{name}` with {names} in `permissions.scopes`",
        alternatives=(granular,),
    )
