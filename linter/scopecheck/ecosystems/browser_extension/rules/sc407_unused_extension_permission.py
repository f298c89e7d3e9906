from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.fixes import with_refusal
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import unsure, usage_of


@rule(
    "SC407",
    "unused-extension-permission",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def unused_extension_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a permission under `permissions` in a browser extension's `manifest.json` that no
    code of the extension needs.

    It reads what the manifest makes run: the background service worker or scripts, content
    scripts, the popup, options, side panel and other pages (the `<script src>` of their
    HTML, inline scripts too), every JS/TS file they import, the files
    `scripting.executeScript({files})` injects, and the other JS/TS files of the folder.
    `chrome.*` and `browser.*` are the same API (webextension-polyfill included), followed
    through aliases (`const api = globalThis.browser ?? chrome`, `const {storage} = chrome`)
    and across files.

    ## Why is this bad?
    Every permission is shown to users at install (many with a warning) and is power a
    compromised extension keeps. The Chrome Web Store rejects extensions that request
    permissions they do not use.

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Tab Notes",
      "version": "1.0",
      "permissions": ["storage", "bookmarks"],
      "background": {"service_worker": "background.js"}
    }
    ```
    ```js title="background.js"
    chrome.storage.local.set({ notes: [] });
    ```

    ## Fix
    `scopecheck lint --fix` removes the item, comments kept:
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Tab Notes",
      "version": "1.0",
      "permissions": ["storage"],
      "background": {"service_worker": "background.js"}
    }
    ```

    ## Known limitations
    The finding is certain (and fixed) only when every file that runs was read and parsed,
    the permission's only use would be a `chrome.*` call, and no `chrome`/`browser` object
    escapes where such a call could hide (passed to a function, `chrome[name]`). Otherwise
    it is unsure (info, low confidence, no fix) and the message says why: a file the
    manifest names is missing (a build output), an imported package was not read, a bundle
    or minified file, or a permission used without any call (`activeTab`, `tabs`,
    `unlimitedStorage`, `clipboardWrite`, `background`).
    """
    from scopecheck.ecosystems.browser_extension.code.needs import verdict
    from scopecheck.ecosystems.browser_extension.fixes import remove_fix

    usage = usage_of(ctx)
    if usage is None:
        return
    extension = ctx.app
    optional = {v.value for v in extension.optional_permissions}
    for value in extension.permissions:
        if ctx.catalog.get(value.value) is None or value.value in optional:
            continue  # unknown (SC201), or also optional (SC412)
        found = verdict(value.value, usage, ctx.catalog)
        if found.used:
            continue
        certain = found.certain
        message = f"`{value.value}` is requested but no code of the extension uses it"
        fix, refusal = remove_fix(extension, "permissions", value) if certain else (None, None)
        yield Violation(
            span=value.span,
            subject=value.value,
            message=message + unsure(found.reasons),
            help=with_refusal(f"remove `{value.value}` from `permissions`", refusal),
            fix=fix,
            confidence=Confidence.HIGH if certain else Confidence.LOW,
            severity=None if certain else Severity.INFO,
        )
