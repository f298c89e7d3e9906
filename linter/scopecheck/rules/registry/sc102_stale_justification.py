from collections.abc import Iterator

from scopecheck.core.addresses import address_key
from scopecheck.core.findings import Related, Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


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
    app, registry = ctx.app, ctx.registry
    # a reference to a remote `remotes:` does not define requests nothing Forge would grant
    requested = {(r.section, _match_key(r.section, r.key)) for r in ctx.requests if r.via is None}
    requested |= {("content", r.name) for r in ctx.requests if r.section == "content"}
    what = {
        "scopes": "scope",
        "egress": "egress host",
        "content": "content relaxation",
        "remotes": "remote",
        "permissions": "permission",
        "hosts": "host permission",
    }
    related: tuple[Related, ...] = ()
    if ctx.requests_span is not None:
        related = (Related(ctx.requests_span, "permissions requested here"),)
    for entry in registry.entries():
        if (entry.section, _match_key(entry.section, entry.key)) not in requested:
            yield Violation(
                span=entry.key_span,
                subject=entry.key,
                message=(
                    f"{what.get(entry.section, entry.section)} `{shorten(entry.key)}` is justified in "
                    f"{registry.path} but {app.path} does not request it"
                ),
                help=f"delete the entry from `{entry.section}:`, or request it again in {app.path}",
                related=related,
            )


def _match_key(section: str, key: str) -> str:
    """Egress entries match by origin (`https://x.io/v1` justifies `x.io`)."""
    return address_key(key) if section == "egress" else key
