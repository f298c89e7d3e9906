from collections.abc import Iterator
from typing import Any

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of, usage_of
from scopecheck.ecosystems.forge.code.usage import Fetch
from scopecheck.ecosystems.forge.model import EgressEntry
from scopecheck.ecosystems.forge.rules._common import (
    egress_allows,
    fetch_origin,
    origin_text,
    provider_remote_declared,
)

FETCH_KINDS = ("fetch.backend", "fetch.client")
#: what a front end loads: read from the app's own HTML, CSS and JSX, but a library it bundles
#: may load any of them, so an entry nothing is seen to load is only possibly unused
ASSET_KINDS = ("images", "scripts", "styles", "fonts", "frames", "media")
CHECKED_KINDS = (*FETCH_KINDS, *ASSET_KINDS)


@rule("SC404", "unused-egress", Severity.WARNING, settled_by_accepted_risk=True, needs_code=True)
def unused_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a host under `permissions.external` that nothing in the app's code fetches or loads,
    and a wildcard entry whose every detected request an exact entry already allows.

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
    `images`, `scripts`, `styles`, `fonts`, `frames` and `media` entries are judged from the
    app's own HTML, CSS and JSX (`<script src>`, `<link href>`, `<img src>`, `url(...)`...),
    always with low confidence: a library the front end bundles may load them. When some request
    of that kind goes to a host not known statically (a URL built at run time, or a package the
    code imports that is not known to send no requests: one may call the global `fetch` or
    Node's `https` itself, which its lockfile entry does not show), the finding has low
    confidence and is info; so has every one when a source file was not analysed (too big,
    minified, or past the code read per app: see "Limits" in the README), and the message names
    the file. So has a `fetch.backend` entry of an app with `services`: a Forge container's code
    is not read, and its requests leave through the egress proxy these entries govern.
    """
    needs, usage = needs_of(ctx), usage_of(ctx)
    if needs is None or usage is None or not needs.code_seen:
        return
    for entry in ctx.app.egress:
        if entry.kind not in CHECKED_KINDS or entry.address is None:
            continue
        fetches = [f for f in usage.fetches if f.is_kind(entry.kind)]
        origins = [fetch_origin(f) for f in fetches if f.host]
        allowed = [origin for origin in origins if egress_allows(entry.address, *origin)]
        exact = [
            other.address
            for other in ctx.app.egress
            if other.kind == entry.kind and other.address and "*" not in other.address and other is not entry
        ]
        if allowed and "*" in entry.address and exact and not ctx.strict:
            covered = all(any(egress_allows(other, *origin) for other in exact) for origin in allowed)
            if covered and not fetches_unknown(fetches) and not usage.skipped:
                yield _covered(entry, exact, allowed)
            continue  # judged: used, or covered by the exact entries
        if allowed:
            continue
        providers = (*ctx.app.provider_remotes, *ctx.app.provider_action_remotes)
        if any(provider_remote_declared(ctx.app, item, (entry,)) for item in providers):
            continue  # an auth provider's remote: Forge calls it, not the app's code
        unknown = [f for f in fetches if f.host is None]
        asset = entry.kind in ASSET_KINDS
        deploy_time = "${" in entry.address  # Forge fills `${VAR}` from the environment at deploy
        # a Forge container's code is not read: its requests leave through the egress proxy,
        # which allows the `fetch.backend` entries
        containers = [s.key for s in ctx.app.services] if entry.kind == "fetch.backend" else []
        unsure = bool(unknown or usage.skipped or asset or deploy_time or containers) and not ctx.strict
        what = (
            "nothing in the app's HTML, CSS or JSX loads it" if asset else "no fetch in the code reaches it"
        )
        message = f"`{entry.address}` is declared in `{entry.kind}` but {what}"
        near = sorted({origin_text(*o) for o in origins if host_matches(entry.address, o[1])})
        if near:
            shown = ", ".join(f"`{o}`" for o in near[:3])
            message += f"; the code fetches {shown} (Forge matches scheme, host and port)"
        if unsure and unknown:
            sites = "; ".join(
                f"{f.span.path}:{f.span.line}" + (f": {f.reason}" if f.reason else "") for f in unknown[:3]
            )
            message += f" (but {len(unknown)} request(s) go to a host not known statically: {sites})"
        if unsure and usage.skipped:
            message += f"; {usage.skipped_text()}"
        if unsure and deploy_time:
            message += " (its address is set at deploy time from an environment variable: it may be a host the code fetches)"
        if unsure and containers:
            message += (
                f" (service `{containers[0]}` runs a container whose code scopecheck does not read; "
                "it may fetch it through Forge's egress proxy)"
            )
        if unsure and asset:
            message += " (possibly unused: a library the front end bundles may load it)"
        yield Violation(
            span=entry.span,
            subject=parse_address(entry.address).origin,
            message=message,
            help="remove it from `permissions.external`, or show the call that needs it",
            confidence=Confidence.LOW if unsure else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
        )


def fetches_unknown(fetches: list[Fetch]) -> bool:
    return any(f.host is None for f in fetches)


def _covered(entry: EgressEntry, exact: list[str], allowed: list[Any]) -> Violation:
    """A wildcard entry every detected request of which an exact entry already allows."""
    shown = ", ".join(f"`{o}`" for o in sorted({origin_text(*o) for o in allowed})[:3])
    return Violation(
        span=entry.span,
        subject=parse_address(entry.address or "").origin,
        message=(
            f"`{entry.address}` in `{entry.kind}` allows more than the code uses: every request it "
            f"allows ({shown}) an exact entry already allows"
        ),
        help=f"remove the wildcard entry and keep {', '.join(f'`{e}`' for e in exact[:3])}",
        confidence=Confidence.LOW if entry.kind in ASSET_KINDS else Confidence.HIGH,
        severity=Severity.INFO if entry.kind in ASSET_KINDS else None,
    )
