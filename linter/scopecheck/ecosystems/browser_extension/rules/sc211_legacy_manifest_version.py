from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC211", "legacy-manifest-version", Severity.WARNING)
def legacy_manifest_version(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a browser extension whose `manifest.json` says `"manifest_version": 2`.

    ## Why is this bad?
    The Chrome Web Store accepts only Manifest V3 extensions, and Chrome no longer runs
    Manifest V2 ones. Manifest V2 also grants more than V3 does: host patterns sit among
    the API permissions and are all granted at install, remote code may run, and
    `webRequestBlocking` works for every install. Firefox still runs Manifest V2, so the
    rule is a warning; the file is checked all the same (its host patterns are read from
    `permissions`).

    ## Example
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 2
    }
    ```

    ## Fix
    ```json title="manifest.json"
    {
      "name": "Tab Notes",
      "version": "1.0",
      "manifest_version": 3
    }
    ```
    Moving to Manifest V3 takes more than the number: host patterns move to
    `host_permissions`, a background page becomes a service worker, `browser_action` and
    `page_action` become `action`.

    ## References
    - https://developer.chrome.com/docs/extensions/develop/migrate
    """
    extension = ctx.app
    if extension.is_mv2 and extension.manifest_version_span is not None:
        yield Violation(
            span=extension.manifest_version_span,
            subject="manifest_version",
            message=(
                f"{extension.path} is Manifest V2: the Chrome Web Store requires Manifest V3 "
                "(Firefox still accepts V2)"
            ),
            help='migrate to Manifest V3 and set `"manifest_version": 3`',
        )
