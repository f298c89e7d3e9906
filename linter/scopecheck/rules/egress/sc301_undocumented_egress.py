from collections.abc import Iterator

from scopecheck.findings import Severity
from scopecheck.rules.base import Context, Violation, rule, shorten


@rule("SC301", "undocumented-egress", Severity.ERROR)
def undocumented_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags an egress host (`permissions.external`), content relaxation (`permissions.content`)
    or remote with no justification in the registry.

    ## Why is this bad?
    Egress is where customer data can leave Atlassian. "No data leaves Atlassian" and
    data-residency answers depend on knowing why each host is there and what is sent to it.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - api.example.com
    ```
    ```yaml title="permissions.yml"
    version: 1
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    egress:
      api.example.com:
        justification: Sends approval notifications to the customer's chat tool.
        user-data: true
    ```
    """
    manifest, registry = ctx.manifest, ctx.registry
    for entry in manifest.egress:
        if entry.address is not None:
            if registry.egress_entry(entry.address) is None:
                yield Violation(
                    span=entry.span,
                    subject=entry.address,
                    message=f"egress to `{shorten(entry.address)}` ({entry.kind}) has no justification in {registry.path}",
                    help=f"add `{shorten(entry.address)}:` with a justification under `egress:` in {registry.path}",
                )
        elif entry.remote not in registry.remotes and entry.remote not in {r.key for r in manifest.remotes}:
            yield Violation(
                span=entry.span,
                subject=f"remote:{entry.remote}",
                message=f"egress to remote `{entry.remote}` has no justification in {registry.path}",
                help=f"add `{entry.remote}:` with a justification under `remotes:` in {registry.path}",
            )
    for item in manifest.content:
        if registry.content_entry(item.kind, item.value) is None:
            yield Violation(
                span=item.span,
                subject=f"{item.kind}:{item.value}",
                message=f"content relaxation `{shorten(item.value)}` for {item.kind} has no justification in {registry.path}",
                help=f"add `{shorten(item.value)}:` with a justification under `content:` in {registry.path}",
            )
    for remote in manifest.remotes:
        if remote.key not in registry.remotes:
            yield Violation(
                span=remote.span,
                subject=f"remote:{remote.key}",
                message=f"remote `{shorten(remote.key)}` has no justification in {registry.path}",
                help=f"add `{shorten(remote.key)}:` with a justification under `remotes:` in {registry.path}",
            )
