from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule("SC101", "undocumented-scope", Severity.ERROR, carries_risk=True)
def undocumented_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags an OAuth scope requested in `manifest.yml` that has no justification in the registry.

    ## Why is this bad?
    Every scope is a permission an admin grants at install. A scope nobody can explain cannot be
    reviewed, cannot appear on the public permissions page, and is the first thing a security
    questionnaire asks about.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes: {}
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
    ```
    `scopecheck init` adds a skeleton entry for every missing scope and never overwrites one.
    """
    registry = ctx.registry
    missing_file = ""
    if not registry.exists:
        missing_file = f" ({registry.path} does not exist)"
    elif not registry.readable:
        missing_file = f" ({registry.path} could not be read: see SC002)"
    seen: set[str] = set()
    for request in ctx.requests:
        if request.kind != "scope" or "${" in request.name or request.key in seen:
            continue  # set at deploy time, or listed twice (SC206 says so)
        seen.add(request.key)
        if ctx.catalog.get(request.name) is None:
            continue  # not a known scope: SC201 says so; documenting a typo helps nobody
        if registry.lookup(request) is None:
            name = shorten(request.name)
            entry, parents = request.registry_entry()
            entry = shorten(entry)
            yield Violation(
                span=request.span,
                subject=request.key if request.entry_path else request.name,
                message=f"{request.label} `{name}` has no justification in {registry.path}{missing_file}",
                help=f"add `{entry}:` with a justification under {parents} in {registry.path}",
            )
