from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC413", "missing-data-collection", Severity.WARNING)
def missing_data_collection(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags an extension that targets Firefox (it has `browser_specific_settings.gecko`, or
    its manifest is named for Firefox, such as `manifest.firefox.json`) but does not declare
    `browser_specific_settings.gecko.data_collection_permissions`.

    ## Why is this bad?
    Since Firefox 140 the install prompt shows which data an extension collects or
    transmits, and from November 3, 2025 addons.mozilla.org requires every new extension
    to declare it (existing ones will have to later). Without the key, a new extension
    cannot be listed, and users are not told what leaves their browser.

    ## Example
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 3,
      "browser_specific_settings": {
        "gecko": {"id": "tab-notes@example.com"}
      }
    }
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 3,
      "browser_specific_settings": {
        "gecko": {
          "id": "tab-notes@example.com",
          "data_collection_permissions": {"required": ["none"]}
        }
      }
    }
    ```
    Declare `["none"]` only when nothing leaves the browser (SC414 checks the code);
    otherwise list the data types (`websiteContent`, `browsingActivity`...) and justify
    each under `data-collection:` in the registry.

    ## References
    - https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
    - https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/browser_specific_settings
    """
    extension = ctx.app
    if not extension.targets_firefox:
        return
    gecko = extension.gecko
    if gecko is not None and gecko.data_collection_span is not None:
        return
    span = gecko.span if gecko is not None else extension.manifest_version_span
    if span is None:
        return
    where = "`browser_specific_settings.gecko`" if gecko is not None else "this Firefox manifest"
    yield Violation(
        span=span,
        subject="data_collection_permissions",
        message=(
            f"{where} declares no `data_collection_permissions`: addons.mozilla.org requires it "
            "of new extensions, and Firefox shows it at install"
        ),
        help='add `"data_collection_permissions": {"required": ["none"]}` if nothing leaves the '
        "browser, else list the data types the extension sends",
    )
