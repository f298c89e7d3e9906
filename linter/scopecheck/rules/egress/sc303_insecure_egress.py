from collections.abc import Iterator

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import ScalarChange, Severity, Span
from scopecheck.core.fixes import planned_fix
from scopecheck.core.rules import Context, Violation, rule, shorten

_INSECURE = {"http": "https", "ws": "wss"}


@rule("SC303", "insecure-egress", Severity.ERROR, needs_code=True)
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
    places = [(r.name, r.span) for r in ctx.requests if r.kind == "egress"]
    places += [
        (r.detail, r.detail_span) for r in ctx.requests if r.kind == "remote" and r.detail and r.detail_span
    ]
    for address, span in places:
        scheme = parse_address(address).scheme
        if scheme not in _INSECURE:
            continue
        secure = _INSECURE[scheme] + address[len(scheme) :]
        users, unsure = _code_using(ctx, scheme, address)
        where = ", ".join(f"{u.path}:{u.line}" for u in users[:3]) + (" and more" if len(users) > 3 else "")
        change = ScalarChange(span.path, span.start_offset, secure)
        description = f"use {_INSECURE[scheme]}://"
        if users:
            description += f" ({where} still calls {scheme}://: change it too)"
        elif unsure:
            description += f" ({unsure})"
        fix, _refusal = planned_fix(ctx.app.source, description, (change,), safe=not users and not unsure)
        help_text = f"use `{shorten(secure)}`"
        if users:
            help_text += f", and change the {scheme}:// URL in the code too ({where})"
        yield Violation(
            span=span,
            subject=address,
            message=f"`{shorten(address)}` uses unencrypted {scheme}://",
            help=help_text,
            fix=fix,
        )


def _code_using(ctx: Context, scheme: str, address: str) -> tuple[list[Span], str | None]:
    """Where the code fetches `address` over `scheme`, and why that may be incomplete.

    Changing only the manifest while the code still fetches the insecure URL makes the next
    run report SC403 (and the app break), so the fix is safe only when no code uses it and
    every fetch in the code was resolved.
    """
    fetches = ctx.fetches
    if fetches is None:
        return [], "the code was not analysed"
    users = [
        f.span
        for f in fetches
        if f.url and f.host and host_matches(address, f.host) and parse_address(f.url).scheme == scheme
    ]
    unresolved = [f for f in fetches if f.host is None]
    if unresolved and not users:
        first = unresolved[0].span
        return [], f"{len(unresolved)} fetch(es) with an unknown URL, first at {first.path}:{first.line}"
    return users, None
