from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.browser_extension.rules._common import unsure, usage_of

if TYPE_CHECKING:
    from scopecheck.ecosystems.browser_extension.model import Value


@rule("SC412", "optional-permission-mismatch", Severity.ERROR, needs_code=True)
def optional_permission_mismatch(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a permission or host the code asks for at run time (`chrome.permissions.request`)
    that `manifest.json` declares neither as required nor as optional (an error: the browser
    rejects the request), and an optional permission or host no `permissions.request` asks
    for (a warning: nothing ever grants it).

    ## Why is this bad?
    A request for a permission the manifest does not list fails at run time ("Only
    permissions specified in the manifest may be requested"). An optional permission nobody
    requests is dead weight that reviewers and users still read as something the extension
    may do.

    ## Example
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "History Search",
      "version": "1.0",
      "optional_permissions": ["bookmarks"],
      "background": {"service_worker": "background.js"}
    }
    ```
    ```js title="background.js"
    chrome.action.onClicked.addListener(() => chrome.permissions.request({ permissions: ["history"] }));
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "manifest_version": 3,
      "name": "History Search",
      "version": "1.0",
      "optional_permissions": ["history"],
      "background": {"service_worker": "background.js"}
    }
    ```

    ## Known limitations
    A request whose argument is built at run time, or code that could not all be read,
    makes "never requested" unsure (info, low confidence). Firefox also lets users grant
    optional permissions from its add-on manager, so for a manifest with Firefox settings
    "never requested" is unsure too.
    """
    from scopecheck.ecosystems.browser_extension.code.patterns import covers

    usage = usage_of(ctx)
    if usage is None:
        return
    extension = ctx.app
    declared = {v.value for v in extension.all_permissions()}
    hosts = [
        v.value for v in (*extension.all_hosts(), *(m for s in extension.content_scripts for m in s.matches))
    ]
    asked: set[str] = set()
    asked_origins: list[str] = []
    for request in usage.requests:
        asked.update(request.permissions)
        asked_origins.extend(request.origins)
        for name in request.permissions:
            sibling = usage.sibling_permissions.get(name)
            if name not in declared and sibling is not None:
                yield Violation(
                    span=request.span,
                    subject=name,
                    message=(
                        f"the code requests `{name}` at run time but {extension.path} does not declare "
                        f"it (unsure: {sibling} next to it declares it: code shared between browsers "
                        "may request it only there)"
                    ),
                    help=f"add `{name}` to `optional_permissions`, or request it only in that browser",
                    confidence=Confidence.LOW,
                    severity=Severity.INFO,
                )
            elif name not in declared:
                yield Violation(
                    span=request.span,
                    subject=name,
                    message=(
                        f"the code requests `{name}` at run time but {extension.path} does not declare "
                        "it: the browser rejects the request"
                    ),
                    help=f"add `{name}` to `optional_permissions`",
                    related=(Related(extension.permissions_span, "permissions are declared here"),)
                    if extension.permissions_span
                    else (),
                )
        for origin in request.origins:
            if not any(covers(pattern, origin) for pattern in hosts):
                yield Violation(
                    span=request.span,
                    subject=origin,
                    message=(
                        f"the code requests host `{origin}` at run time but no host pattern of "
                        f"{extension.path} covers it: the browser rejects the request"
                    ),
                    help=f"add `{origin}` to `optional_host_permissions`",
                )
    dynamic = [r for r in usage.requests if r.dynamic]
    reasons = [f"`{r.span.path}:{r.span.line}` requests permissions built at run time" for r in dynamic[:1]]
    reasons += list(usage.gaps[:2])
    firefox = (
        ["Firefox users can grant optional permissions in the add-on manager"] if extension.gecko else []
    )
    for value in extension.optional_permissions:
        if value.value in asked or ctx.catalog.get(value.value) is None:
            continue
        why = reasons + firefox
        yield _unrequested(value, "optional permission", why)
    for value in extension.optional_host_permissions:
        if any(covers(value.value, origin) or covers(origin, value.value) for origin in asked_origins):
            continue
        why = [*reasons, "the browser's site-access menu may grant optional hosts", *firefox]
        yield _unrequested(value, "optional host permission", why)


def _unrequested(value: Value, noun: str, reasons: list[str]) -> Violation:
    certain = not reasons
    return Violation(
        span=value.span,
        subject=value.value,
        message=f"{noun} `{value.value}` is never requested with `permissions.request`" + unsure(reasons),
        help=f"remove `{value.value}`, or request it where the feature that needs it starts",
        confidence=Confidence.HIGH if certain else Confidence.LOW,
        severity=Severity.WARNING if certain else Severity.INFO,
    )
