from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten
from scopecheck.rules.egress._common import wildcard_breadth


@rule("SC302", "wildcard-egress", Severity.ERROR)
def wildcard_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags over-broad egress: `*`, `https://*`, a whole top-level domain (`*.com`), a public
    suffix (`*.co.uk`) or a shared host where anyone can get a subdomain (`*.herokuapp.com`,
    `*.ngrok-free.app`). A wildcard under a named domain (`*.example.com`) is a warning.

    ## Why is this bad?
    A wildcard lets the app send data to hosts nobody reviewed. Under a shared host or a
    public suffix that includes hosts an attacker can register, so "data only goes to our
    servers" stops being true.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - "*.herokuapp.com"
    ```

    ## Fix
    List the exact hosts:
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - approvals-api.herokuapp.com
    ```
    """
    for entry in ctx.requests:
        if entry.kind != "egress":
            continue
        breadth = wildcard_breadth(entry.name)
        if breadth is None:
            continue
        address = shorten(entry.name)
        if breadth == "named":
            yield Violation(
                span=entry.span,
                subject=entry.name,
                message=f"wildcard egress `{address}` allows every subdomain",
                help="list the subdomains the app calls, if you know them",
                severity=Severity.WARNING,
            )
        else:
            yield Violation(
                span=entry.span,
                subject=entry.name,
                message=f"wildcard egress `{address}` {breadth}",
                help="list the exact hosts the app calls",
            )
