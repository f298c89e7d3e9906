from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import unsure, usage_of


@rule("SC414", "undeclared-data-transmission", Severity.WARNING, needs_code=True)
def undeclared_data_transmission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a request to a server outside the extension (`fetch`, `XMLHttpRequest`,
    `navigator.sendBeacon`, `WebSocket`, `EventSource`, axios or jQuery) in an extension
    whose `data_collection_permissions` says `"required": ["none"]`, at the line that sends.

    ## Why is this bad?
    `none` tells Firefox users, at install, that the extension collects and transmits no
    data. Mozilla's policies count anything "collected, used, transferred, shared, or
    handled outside the add-on or the local browser" as transmission, so a request that
    carries a body, a beacon, a socket, or a URL built from what the user does contradicts
    the declaration.

    ## Example
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 3,
      "background": {"scripts": ["background.js"]},
      "browser_specific_settings": {
        "gecko": {"data_collection_permissions": {"required": ["none"]}}
      }
    }
    ```
    ```js title="background.js"
    navigator.sendBeacon("https://stats.example.com/hit", JSON.stringify({ page: location.href }));
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 3,
      "background": {"scripts": ["background.js"]},
      "browser_specific_settings": {
        "gecko": {"data_collection_permissions": {"required": ["browsingActivity"]}}
      }
    }
    ```
    Declare what is sent (and justify it under `data-collection:` in the registry), or stop
    sending it.

    ## Notes
    A `GET` of a fixed address (a filter list, an update check) sends no data of its own;
    it is reported as info with low confidence, and so is a request whose address is not
    known. A request to the extension's own files (`runtime.getURL`, a relative path) is
    never reported.
    """
    extension = ctx.app
    gecko = extension.gecko
    usage = usage_of(ctx)
    if gecko is None or usage is None:
        return
    declared = [v.value for v in gecko.data_collection]
    if declared != ["none"]:
        return
    none_span = gecko.data_collection[0].span
    for send in usage.sends:
        if send.host == "":
            continue  # the extension's own files
        reasons = []
        if send.host is None:
            reasons.append("the address is only known at run time")
        if not send.carries:
            reasons.append("a GET of a fixed address sends no data of its own")
        target = f"`{send.host}`" if send.host else "a server"
        yield Violation(
            span=send.span,
            subject=send.host or "dynamic",
            message=(
                f"the code sends a request to {target} ({send.what}), but `data_collection_permissions` "
                'says `"required": ["none"]`' + unsure(reasons)
            ),
            help="declare the data types it sends (`websiteContent`, `browsingActivity`...), or stop sending",
            related=(Related(none_span, 'declared `"none"` here'),),
            confidence=Confidence.LOW if reasons else Confidence.HIGH,
            severity=Severity.INFO if reasons else None,
        )
