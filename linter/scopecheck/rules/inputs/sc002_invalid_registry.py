from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC002", "invalid-registry", Severity.ERROR, origin="loader")
def invalid_registry(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Reports a registry (`permissions.yml`) or policy file (`.scopecheck.yml`) that breaks its
    JSON Schema, names an unknown rule or option, or cannot be read as YAML.

    ## Why is this bad?
    A misspelt key such as `justifcation:` or `risk-acepted:` would otherwise be ignored, and the
    entry would look documented while saying nothing. Both schemas ship in `schemas/`; point your
    editor at them (`# yaml-language-server: $schema=...`) to catch this while typing.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justifcation: Reads issue fields to evaluate approval rules in the issue panel.
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
    ```

    ## Known limitations
    SC002 cannot be turned off. A run with any SC001 or SC002 finding exits with code 2.
    """
    return iter(())
