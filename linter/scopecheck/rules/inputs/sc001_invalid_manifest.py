from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC001", "invalid-manifest", Severity.ERROR, origin="loader")
def invalid_manifest(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a `manifest.yml` that cannot be read: broken YAML, a value of the wrong type in the
    `permissions` section, unsafe tags, or a key written twice.

    Shapes Forge rejects elsewhere are reported too when scopecheck reads them: a trigger's
    `events` that is not a list (still checked for its scope), a remote `baseUrl` that is not a
    URL (or a mapping of regions without `default`), and scope options other than
    `allowImpersonation: true|false` in the object form of `permissions.scopes`.

    ## Why is this bad?
    What cannot be read cannot be checked. A duplicated key is worse than an error: YAML keeps
    only the last copy, so a second `permissions:` section silently replaces the first and the
    app ships with different scopes than the reviewer read. scopecheck still checks both copies.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    permissions:
      scopes:
        - write:jira-work
    ```

    ## Fix
    Merge the sections so each key appears once:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
        - write:jira-work
    ```

    ## Known limitations
    SC001 cannot be turned off or suppressed: it means the input could not be read as written.
    A run with any SC001 or SC002 finding exits with code 2.
    """
    return iter(())
