from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import unsure, usage_of


@rule(
    "SC409",
    "broad-host-permission",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def broad_host_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a host permission with a wildcard (`<all_urls>`, `*://*/*`, `https://*.example.com/*`)
    that is broader than the hosts the extension's code fetches, injects into or matches,
    and names those hosts.

    ## Why is this bad?
    A host permission lets the extension read and change everything on the sites it covers;
    "all websites" is the most alarming install warning Chrome shows, and the first thing
    store reviewers question. Listing the hosts the code reaches keeps the promise "we
    request only what we need".

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Weather",
      "version": "1.0",
      "host_permissions": ["<all_urls>"],
      "background": {"service_worker": "background.js"}
    }
    ```
    ```js title="background.js"
    fetch("https://api.weather.example/today");
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Weather",
      "version": "1.0",
      "host_permissions": ["https://api.weather.example/*"],
      "background": {"service_worker": "background.js"}
    }
    ```

    ## Known limitations
    Only fetches to literal URLs (or templates whose fixed start names the host), literal
    `webRequest` filters and `registerContentScripts` matches are counted. When some code
    reaches a host known only at run time (`fetch(url)`, `scripting.executeScript` outside a
    user gesture, `cookies`, `declarativeNetRequest`) the rule says nothing. When the code
    reads tabs without the `tabs` permission (host permissions reveal their URLs) or could
    not all be read, the finding is unsure: info, low confidence.
    """
    from scopecheck.ecosystems.browser_extension.rules._hosts import host_verdicts

    usage = usage_of(ctx)
    if usage is None:
        return
    for item in host_verdicts(ctx.app, usage):
        if item.dynamic or (item.gesture and not item.reached):
            continue  # reaches any host; or SC410's case
        hosts = sorted({n.host for n in item.reached if n.host})
        certain = not item.reasons
        if hosts:
            shown = ", ".join(f"`{h}`" for h in hosts[:4]) + (
                f" and {len(hosts) - 4} more" if len(hosts) > 4 else ""
            )
            message = f"`{item.value.value}` is broader than the hosts the code reaches: {shown}"
            wanted = ", ".join(f'"{h}"' if "://" in h else f'"https://{h}/*"' for h in hosts[:4])
            help_text = f"list only those hosts: {wanted}"
        else:
            message = f"`{item.value.value}` is requested but no code reaches a host with it"
            help_text = f"remove `{item.value.value}` from `host_permissions`"
        yield Violation(
            span=item.value.span,
            subject=item.value.value,
            message=message + unsure(item.reasons),
            help=help_text,
            related=tuple(Related(n.span, f"{n.what} reaches `{n.host}`") for n in item.reached[:3]),
            confidence=Confidence.HIGH if certain else Confidence.LOW,
            severity=None if certain else Severity.INFO,
        )
