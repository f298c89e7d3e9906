from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import unsure, usage_of


@rule(
    "SC410",
    "all-urls-for-active-tab",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def all_urls_for_active_tab(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags `<all_urls>`, `*://*/*` (or `http://*/*`, `https://*/*`) in `host_permissions` when
    the only code that needs it injects into, or captures, the tab the user acted on: from a
    click on the toolbar button, a context menu item or a keyboard command, or from the
    popup. `activeTab` grants exactly that, with no install warning.

    ## Why is this bad?
    "Read and change all your data on all websites" is shown at install and lets a
    compromised extension reach every site at any time; `activeTab` reaches one tab, only
    after the user asks.

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Highlighter",
      "version": "1.0",
      "permissions": ["scripting"],
      "host_permissions": ["<all_urls>"],
      "action": {},
      "background": {"service_worker": "background.js"}
    }
    ```
    ```js title="background.js"
    chrome.action.onClicked.addListener((tab) => {
      chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ["highlight.js"] });
    });
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Highlighter",
      "version": "1.0",
      "permissions": ["scripting", "activeTab"],
      "action": {},
      "background": {"service_worker": "background.js"}
    }
    ```

    ## Known limitations
    "On a user gesture" means inside the callback given to `action.onClicked`,
    `contextMenus.onClicked` or `commands.onCommand`, or in the popup's scripts; a call in
    a function defined elsewhere and called from there is not seen as one (the rule then
    says nothing). Code that could not all be read, or tabs read without the `tabs`
    permission, makes the finding unsure.
    """
    from scopecheck.ecosystems.browser_extension.code.patterns import host_covers
    from scopecheck.ecosystems.browser_extension.rules._hosts import host_verdicts

    usage = usage_of(ctx)
    if usage is None:
        return
    for item in host_verdicts(ctx.app, usage):
        host = item.value.value.split("://")[-1].split("/")[0] if "://" in item.value.value else "*"
        if not host_covers(host, "any.example") or host != "*":
            continue
        if item.dynamic or not item.gesture or item.reached:
            continue
        certain = not item.reasons
        yield Violation(
            span=item.value.span,
            subject=item.value.value,
            message=(
                f"`{item.value.value}` is used only on the tab the user acted on: `activeTab` would serve"
                + unsure(item.reasons)
            ),
            help=f"replace `{item.value.value}` with the `activeTab` permission",
            related=tuple(Related(n.span, f"`{n.what}` on a user gesture") for n in item.gesture[:3]),
            confidence=Confidence.HIGH if certain else Confidence.LOW,
            severity=None if certain else Severity.INFO,
        )
