from collections.abc import Iterator

from scopecheck.findings import Severity
from scopecheck.rules.base import Context, Violation, rule

UNSAFE = {
    "unsafe-inline": "lets any inline script or style run: the main defence against injected code is gone",
    "unsafe-eval": "lets code build and run new code from strings (`eval`, `new Function`)",
    "unsafe-hashes": "lets inline event handlers with a listed hash run",
}


@rule("SC304", "unsafe-content", Severity.WARNING)
def unsafe_content(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags `unsafe-inline`, `unsafe-eval` and `unsafe-hashes` in `permissions.content.scripts`
    or `permissions.content.styles`.

    ## Why is this bad?
    These relax the Content Security Policy that keeps injected code out of a Custom UI app.
    With `unsafe-inline` scripts, a single cross-site scripting bug can act as the user with
    every scope the app has.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      content:
        scripts:
          - unsafe-eval
    ```

    ## Fix
    Remove the relaxation and the code that needs it (bundle instead of `eval`, move inline
    handlers into the bundle). If a library truly needs it, justify it under `content:` in
    the registry and suppress this finding with the reason:
    ```yaml title="manifest.yml"
    permissions:
      content:
        scripts: []
    ```
    """
    for item in ctx.manifest.content:
        value = item.value.lower()
        if value in UNSAFE:
            yield Violation(
                span=item.span,
                subject=f"{item.kind}:{value}",
                message=f"`{value}` in content.{item.kind} {UNSAFE[value]}",
                help="remove it if the app can do without; otherwise justify it under `content:` in the registry",
            )
