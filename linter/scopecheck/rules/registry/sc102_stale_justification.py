from collections.abc import Iterator

from scopecheck.findings import Related, Severity
from scopecheck.model.addresses import address_key
from scopecheck.rules.base import Context, Violation, rule, shorten


@rule("SC102", "stale-justification", Severity.WARNING)
def stale_justification(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a registry entry for a scope, egress host, content relaxation or remote that the
    manifest no longer requests.

    ## Why is this bad?
    The registry is published as the app's permissions page. An entry for something the app
    dropped tells customers the app can do more than it can, and hides which entries still
    matter when people review them.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
      write:jira-work: Writes the approval status back to a custom field.
    ```

    ## Fix
    Delete the entry (or request the scope again if it was removed by mistake):
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
    ```
    """
    manifest, registry = ctx.manifest, ctx.registry
    requested = {
        "scopes": manifest.scope_names,
        "egress": {address_key(e.address) for e in manifest.egress if e.address is not None},
        "content": {c.value for c in manifest.content} | {f"{c.kind}:{c.value}" for c in manifest.content},
        "remotes": {r.key for r in manifest.remotes},
    }
    what = {
        "scopes": "scope",
        "egress": "egress host",
        "content": "content relaxation",
        "remotes": "remote",
    }
    related: tuple[Related, ...] = ()
    if manifest.permissions_span is not None:
        related = (Related(manifest.permissions_span, "permissions requested here"),)
    for entry in registry.entries():
        key = address_key(entry.key) if entry.section == "egress" else entry.key
        if key not in requested[entry.section]:
            yield Violation(
                span=entry.key_span,
                subject=entry.key,
                message=(
                    f"{what[entry.section]} `{shorten(entry.key)}` is justified in {registry.path} "
                    f"but {manifest.path} does not request it"
                ),
                help=f"delete the entry from `{entry.section}:`, or request it again in {manifest.path}",
                related=related,
            )
