from __future__ import annotations

from collections.abc import Iterator

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of, usage_of
from scopecheck.ecosystems.forge.code.needs import unreached_reason
from scopecheck.ecosystems.forge.rules._common import (
    declared_hosts,
    egress_allows,
    fetch_origin,
    implicitly_allowed,
    origin_text,
    provider_remote_declared,
    scopes_text,
    via_related,
)


@rule("SC403", "missing-egress", Severity.ERROR, needs_code=True)
def missing_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a `fetch` in the app's code (or a UI Kit `<Image src>`) to a host that
    `permissions.external` does not declare for that kind of request.

    Scheme, host and port must match a declared address (`*.example.com` covers subdomains).
    It also checks the remotes of auth providers (they need `fetch.backend`) and the icons a
    `dynamicProperties` function returns (they need `images`, with no Atlassian exemption).
    What Forge's Content Security Policy allows anyway needs no entry: its bridge scripts on
    `forge.cdn.prod.atlassian-dev.net`, Atlassian avatars, emoji and media, Gravatar and
    Unsplash images, and a few gateway paths (from @forge/csp; an address whose path ends in
    `/` covers the URLs below it, another only that path).

    ## Why is this bad?
    Forge blocks the request at run time, so the feature breaks for every customer; and when
    the host is added in a hurry, it skips the review the registry is for.

    ## Example
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
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

    A request that may never be made though its code is read is reported at low confidence,
    with the reason: a `<script src>` in JSX (React does not run a script it renders), a URL
    in a stylesheet that no page, module or sheet names or in a page that is not a front end's
    entry and that nothing names (`demo/index.html`), a tag inside a page template's
    `<% if … %>` (the build decides), an `@font-face` source whose family
    nothing uses, a `url()` in a custom property that nothing reads.

    ## Known limitations
    Only literal URLs (and constants scopecheck can resolve) are checked; a URL built at run
    time is skipped.
    """
    yield from _provider_remotes(ctx)
    needs, usage = needs_of(ctx), usage_of(ctx)
    if needs is None or usage is None or not needs.code_seen:
        return
    declared = declared_hosts(ctx.app)
    for fetch in usage.fetches:
        if fetch.host is None:
            continue
        icon = fetch if fetch.dynamic_icon else None
        scheme, host, port = fetch_origin(fetch)
        patterns = (*declared.get(fetch.kind, ()), *(declared.get(fetch.also, ()) if fetch.also else ()))
        if any(egress_allows(pattern, scheme, host, port) for pattern in patterns):
            continue
        # what Forge's CSP allows anyway; not for icons of dynamic properties (forge lint)
        forge_allows = implicitly_allowed(fetch, scheme, host, port)
        if forge_allows and icon is None:
            continue
        origin = origin_text(scheme, host, port)
        where = f"`permissions.external.{fetch.kind}`"
        if fetch.also:  # front-end and back-end code both import its file
            where += f" or `{fetch.also}` (front-end and back-end code both import {fetch.span.path})"
        near = [pattern for pattern in patterns if host_matches(pattern, host)]
        what = "fetched here" if fetch.kind.startswith("fetch") else "loaded here"
        if icon is not None:
            returned = f"that `{icon.icon_handler}` returns" if icon.icon_handler else "returned"
            what = f"an icon {returned} for dynamic properties"
        if near:
            message = (
                f"`{host}` is {what} as `{origin}`, but {where} allows it only as "
                f"{scopes_text(near)} (Forge matches scheme, host and port)"
            )
        else:
            message = f"`{host}` is {what} but not declared in {where}"
        if icon is not None and forge_allows:
            message += " (the image hosts Forge always allows do not cover dynamic-property icons)"
        dead = unreached_reason(fetch.span, usage, ctx.app, fetch.via) if not ctx.strict else ""
        if dead:  # it may never run: as SC401 there, info
            message += f" (in code no module reaches: {dead})"
        # browsers upgrade an http image, video or sound on an https page to https
        upgraded = fetch.kind in ("images", "media") and (scheme, port) == ("http", "80") and not ctx.strict
        upgraded = upgraded and (
            any(egress_allows(p, "https", host, "443") for p in patterns)
            or implicitly_allowed(fetch, "https", host, "443")
        )
        if upgraded:
            message += " (unsure: browsers upgrade it to https, which is allowed)"
        # Forge fills `${VAR}` from the environment at deploy time: the entry may be this host
        deploy_time = [p for p in patterns if "${" in p] if not ctx.strict else []
        if deploy_time:
            message += f" (unsure: `{deploy_time[0]}` is set at deploy time and may allow it)"
        if fetch.doubt and not ctx.strict:
            message += f" (unsure: {fetch.doubt})"
        unsure = bool(dead or deploy_time or upgraded or (fetch.doubt and not ctx.strict))
        yield Violation(
            span=fetch.span,
            subject=host,
            message=message,
            help=f"add `{origin}` under {where} and justify it in the registry",
            related=via_related(fetch.via),
            confidence=Confidence.LOW if unsure else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
        )


def _provider_remotes(ctx: Context) -> Iterator[Violation]:
    """The remotes of external auth providers, which Forge calls with the user's token."""
    manifest = ctx.app
    for item in manifest.provider_remotes:
        if provider_remote_declared(manifest, item, manifest.egress):
            continue
        remote = manifest.remote(item.remote)
        base_url = remote.base_url if remote is not None else None
        shown = f" (`{base_url}`)" if base_url else ""
        host = parse_address(base_url).host if base_url else None
        message = (
            f"remote `{item.remote}`{shown} of auth provider `{item.provider}` is not declared in "
            "`permissions.external.fetch.backend`"
        )
        if base_url and any(
            entry.kind == "fetch.backend" and entry.address and host_matches(entry.address, host or "")
            for entry in manifest.egress
        ):
            message += f" (Forge wants `remote: {item.remote}` or the exact `baseUrl`; a similar address is not enough)"
        choices = f"`remote: {item.remote}`" + (f" or `{base_url}`" if base_url else "")
        yield Violation(
            span=item.span,
            subject=host or f"remote:{item.remote}",
            message=message,
            help=f"add {choices} under `permissions.external.fetch.backend` and justify it in the registry",
            confidence=Confidence.HIGH,
        )
