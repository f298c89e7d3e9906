from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import usage_of


@rule("SC408", "missing-extension-permission", Severity.ERROR, needs_code=True)
def missing_extension_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a `chrome.*` (or `browser.*`) API the extension's code uses whose permission
    `manifest.json` does not declare, under `permissions` or `optional_permissions`.

    ## Why is this bad?
    Without its permission the API is `undefined`: the call throws, or the feature silently
    does nothing, and only users find out.

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Reminder",
      "version": "1.0",
      "background": {"service_worker": "background.js"}
    }
    ```
    ```js title="background.js"
    chrome.alarms.create("remind", { periodInMinutes: 60 });
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Reminder",
      "version": "1.0",
      "permissions": ["alarms"],
      "background": {"service_worker": "background.js"}
    }
    ```

    ## Known limitations
    A use in a file nothing the manifest names loads, through a name that may not be the
    extension API (a parameter called `browser`), or behind a check that the API exists
    (`chrome.sidePanel?.open()`, `if (chrome.alarms)`) is unsure: info, low confidence.
    One manifest per browser sharing code is common; the finding names this manifest.
    """
    from scopecheck.ecosystems.browser_extension.code.needs import missing

    usage = usage_of(ctx)
    if usage is None:
        return
    extension = ctx.app
    declared = frozenset(v.value for v in extension.all_permissions())
    hosts = tuple(v.value for v in extension.all_hosts())
    for item in missing(usage, ctx.catalog, declared, hosts):
        names = " or ".join("+".join(f"`{p}`" for p in group) for group in item.groups)
        sibling = next(
            (usage.sibling_permissions[p] for g in item.groups for p in g if p in usage.sibling_permissions),
            None,
        )
        why = item.reason or (
            f"{sibling} next to it declares it: code shared between browsers may call it only there"
            if sibling
            else None
        )
        certain = item.certain and sibling is None
        reason = f" (unsure: {why})" if why else ""
        yield Violation(
            span=item.use.span,
            subject=item.groups[0][0],
            message=f"`chrome.{item.use.api}` needs {names}, which {extension.path} does not request{reason}",
            help=f"add {names} to `permissions` (or `optional_permissions`, requested before the call)",
            confidence=Confidence.HIGH if certain else Confidence.LOW,
            severity=None if certain else Severity.INFO,
            alternatives=item.groups,
        )
