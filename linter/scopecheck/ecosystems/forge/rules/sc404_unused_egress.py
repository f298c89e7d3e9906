from collections.abc import Iterator

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of, usage_of
from scopecheck.ecosystems.forge.rules._common import (
    egress_allows,
    fetch_origin,
    origin_text,
    provider_remote_declared,
)

CHECKED_KINDS = ("fetch.backend", "fetch.client")


@rule("SC404", "unused-egress", Severity.WARNING, settled_by_accepted_risk=True, needs_code=True)
def unused_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a host under `permissions.external.fetch` that no `fetch` in the app's code reaches.

    ## Why is this bad?
    Every declared host is a place customer data may go, and it appears in the data-egress
    answers admins read. A host nothing calls widens that promise for no reason.

    ## Example
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      external:
        fetch:
          backend:
            - https://hooks.slack.com
            - https://api.old-vendor.example
    ```
    ```js title="src/index.js"
    import { fetch } from '@forge/api';

    export const run = () => fetch('https://hooks.slack.com/services/T0/B0/X', { method: 'POST' });
    ```

    ## Fix
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      external:
        fetch:
          backend:
            - https://hooks.slack.com
    ```

    If something scopecheck cannot see uses the host (a library that makes its own requests),
    a registry entry for it with `justification` and `risk-accepted` settles the finding.

    ## Known limitations
    Only `fetch.backend` and `fetch.client` are judged (images, fonts, styles and frames are
    used by HTML and CSS, which scopecheck does not read). When some fetch URL of that kind is
    built at run time, the finding has low confidence and is reported as info; so has every
    one when a source file was not analysed (too big, minified, or past the code read per
    app: see "Limits" in the README), and the message names the file.
    """
    needs, usage = needs_of(ctx), usage_of(ctx)
    if needs is None or usage is None or not needs.code_seen:
        return
    for entry in ctx.app.egress:
        if entry.kind not in CHECKED_KINDS or entry.address is None:
            continue
        fetches = [f for f in usage.fetches if f.kind == entry.kind]
        origins = [fetch_origin(f) for f in fetches if f.host]
        if any(egress_allows(entry.address, *origin) for origin in origins):
            continue
        if any(provider_remote_declared(ctx.app, item, (entry,)) for item in ctx.app.provider_remotes):
            continue  # an auth provider's remote: Forge calls it, not the app's code
        unknown = [f for f in fetches if f.host is None]
        unsure = bool(unknown or usage.skipped) and not ctx.strict
        message = f"`{entry.address}` is declared in `{entry.kind}` but no fetch in the code reaches it"
        near = sorted({origin_text(*o) for o in origins if host_matches(entry.address, o[1])})
        if near:
            shown = ", ".join(f"`{o}`" for o in near[:3])
            message += f"; the code fetches {shown} (Forge matches scheme, host and port)"
        if unsure and unknown:
            sites = ", ".join(f"{f.span.path}:{f.span.line}" for f in unknown[:3])
            message += f" (but {len(unknown)} fetch URL(s) are built at run time: {sites})"
        if unsure and usage.skipped:
            message += f"; {usage.skipped_text()}"
        yield Violation(
            span=entry.span,
            subject=parse_address(entry.address).origin,
            message=message,
            help="remove it from `permissions.external`, or show the call that needs it",
            confidence=Confidence.LOW if unsure else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
        )
