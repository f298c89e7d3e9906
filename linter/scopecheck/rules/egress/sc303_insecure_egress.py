from collections.abc import Iterator

from scopecheck.findings import Edit, Fix, Severity
from scopecheck.model.addresses import parse_address
from scopecheck.rules.base import Context, Violation, rule, shorten

_INSECURE = {"http": "https", "ws": "wss"}


@rule("SC303", "insecure-egress", Severity.ERROR)
def insecure_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags egress addresses and remote `baseUrl`s that use `http://` (or `ws://`).

    ## Why is this bad?
    Unencrypted traffic can be read and changed on the way. Forge itself rejects `http://`
    egress at deploy time; this rule says so on commit, where the fix is one letter.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - http://api.example.com
    ```

    ## Fix
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - https://api.example.com
    ```
    """
    places = [(e.address, e.span) for e in ctx.manifest.egress if e.address is not None]
    places += [(r.base_url, r.base_url_span) for r in ctx.manifest.remotes if r.base_url and r.base_url_span]
    for address, span in places:
        scheme = parse_address(address).scheme
        if scheme not in _INSECURE:
            continue
        secure = _INSECURE[scheme] + address[len(scheme) :]
        source = ctx.manifest.source.text[span.start_offset : span.end_offset]
        fix = None
        if source.startswith(address[: len(scheme)]):  # a plain scalar we can edit in place
            fix = Fix(
                f"use {_INSECURE[scheme]}://",
                (
                    Edit(
                        span.path,
                        span.start_offset,
                        span.start_offset + len(scheme),
                        _INSECURE[scheme],
                    ),
                ),
            )
        yield Violation(
            span=span,
            subject=address,
            message=f"`{shorten(address)}` uses unencrypted {scheme}://",
            help=f"use `{shorten(secure)}`",
            fix=fix,
        )
