from collections.abc import Iterator

from scopecheck.findings import Severity
from scopecheck.rules.base import Context, Violation, rule


@rule("SC003", "unused-suppression", Severity.INFO, origin="engine")
def unused_suppression(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `# scopecheck: ignore[...]` comment that silences nothing, or names a rule that
    does not exist.

    ## Why is this bad?
    Suppressions outlive their reason. Once the scope is gone or the finding fixed, a leftover
    ignore comment would silently swallow the next real finding on that line.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work  # scopecheck: ignore[SC101] -- documented elsewhere
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
    ```

    ## Fix
    Remove the comment:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```

    ## Known limitations
    Only comments naming rules that ran are checked: under `--select SC101` an
    `ignore[SC402]` is not called unused.
    """
    return iter(())
