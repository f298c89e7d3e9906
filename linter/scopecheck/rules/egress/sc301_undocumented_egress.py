from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


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
    registry = ctx.registry
    for request in ctx.requests:
        if request.kind == "scope" or registry.lookup(request) is not None:
            continue
        name = shorten(request.name)
        if request.kind == "egress":
            message = f"egress to `{name}` ({request.detail}) has no justification in {registry.path}"
            subject = request.name
        elif request.kind == "content":
            message = (
                f"content relaxation `{name}` for {request.detail} has no justification in {registry.path}"
            )
            subject = request.key
        elif request.via is not None:
            message = f"egress to {request.label} `{name}` has no justification in {registry.path}"
            subject = f"{request.kind}:{request.name}"
        else:
            message = f"{request.label} `{name}` has no justification in {registry.path}"
            subject = f"{request.kind}:{request.name}"
        yield Violation(
            span=request.span,
            subject=subject,
            message=message,
            help=f"add `{name}:` with a justification under `{request.section}:` in {registry.path}",
        )
