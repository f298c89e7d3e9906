import difflib
from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule("SC105", "unknown-module", Severity.WARNING)
def unknown_module(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a module key listed under `modules:` in the registry that the manifest does not have.

    ## Why is this bad?
    `modules:` tells reviewers which feature needs a permission. A renamed or deleted module
    leaves the registry pointing at nothing, so nobody can tell whether the scope is still needed.

    ## Example
    ```yaml title="manifest.yml"
    modules:
      jira:issuePanel:
        - key: approval-panel
          title: Approvals
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
        modules: [approvals-panel]
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
        modules: [approval-panel]
    ```
    """
    keys = ctx.app.module_keys
    for entry in ctx.registry.entries():
        for module, span in entry.modules:
            if module in keys:
                continue
            near = difflib.get_close_matches(module, sorted(keys), n=1, cutoff=0.6)
            hint = f"did you mean `{near[0]}`?" if near else "use a `key` from `modules:` in the manifest"
            yield Violation(
                span=span,
                subject=f"{entry.key}:{module}",
                message=f"module `{shorten(module)}` (for `{shorten(entry.key)}`) is not in {ctx.app.path}",
                help=hint,
            )
