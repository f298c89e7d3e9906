from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC411", "ineffective-permission", Severity.WARNING, carries_risk=True, settled_by_accepted_risk=True)
def ineffective_permission(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a permission that does nothing in Manifest V3 for an extension users install
    themselves: `webRequestBlocking` (Chrome grants it only to extensions installed by
    enterprise policy).

    ## Why is this bad?
    It still reads as a request to intercept and change every request, to reviewers and
    in the registry, while giving the extension nothing: the listener it promises cannot
    block. Blocking moved to `declarativeNetRequest`.

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Blocker",
      "version": "1.0",
      "permissions": ["webRequest", "webRequestBlocking"]
    }
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "Blocker",
      "version": "1.0",
      "permissions": ["webRequest"]
    }
    ```
    Keep it, with a suppression giving the reason, for an extension that is only
    force-installed by policy.
    """
    extension = ctx.app
    if extension.manifest_version != 3:
        return
    for value in extension.all_permissions():
        permission = ctx.catalog.get(value.value)
        if permission is None or permission.mv3_install_location != "policy":
            continue
        yield Violation(
            span=value.span,
            subject=value.value,
            message=(
                f"`{value.value}` does nothing in Manifest V3 unless the extension is installed by "
                "enterprise policy"
            ),
            help=f"remove `{value.value}` (use `declarativeNetRequest` to block or change requests)",
        )
