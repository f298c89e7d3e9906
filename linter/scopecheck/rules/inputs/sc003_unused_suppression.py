from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC003", "unused-suppression", Severity.INFO, origin="engine")
def unused_suppression(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `# scopecheck: ignore[...]` comment or a `rules.<id>.ignore` entry of the policy
    that silences nothing, or an ignore comment that names a rule that does not exist.

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
    Only ignores of rules that ran are checked: under `--select SC101` an `ignore[SC402]` is
    not called unused. A policy entry shared by several apps is unused only if it silences
    nothing in any of them.
    """
    return iter(())
