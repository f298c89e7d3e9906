from collections.abc import Iterator

from scopecheck.findings import Confidence, Severity
from scopecheck.model.addresses import host_matches, parse_address
from scopecheck.rules.base import Context, Violation, rule
from scopecheck.rules.usage._common import declared_hosts


@rule("SC403", "missing-egress", Severity.ERROR)
def missing_egress(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a `fetch` in the app's code (or a UI Kit `<Image src>`) to a host that
    `permissions.external` does not declare for that kind of request.

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

    ## Known limitations
    Only literal URLs (and constants scopecheck can resolve) are checked; a URL built at run
    time is skipped.
    """
    needs, usage = ctx.needs, ctx.usage
    if needs is None or usage is None or not needs.code_seen:
        return
    declared = declared_hosts(ctx.manifest)
    for fetch in usage.fetches:
        if fetch.host is None:
            continue
        if any(host_matches(pattern, fetch.host) for pattern in declared.get(fetch.kind, ())):
            continue
        scheme = parse_address(fetch.url or "").scheme or "https"
        yield Violation(
            span=fetch.span,
            subject=fetch.host,
            message=f"`{fetch.host}` is fetched here but not declared in `permissions.external.{fetch.kind}`",
            help=f"add `{scheme}://{fetch.host}` under `permissions.external.{fetch.kind}` and justify it in the registry",
            confidence=Confidence.HIGH,
        )
