from collections.abc import Iterator

from scopecheck.core.findings import Related, Severity
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.registry.model import Justification

#: (kind, keyword) -> what the relaxation lets through; scripts and styles differ a lot:
#: an inline script runs code as the user, an inline style only changes how the page looks
UNSAFE = {
    ("scripts", "unsafe-inline"): (
        "lets any inline script run (`<script>` blocks, `onclick=` handlers, `javascript:` URLs): "
        "one injected snippet acts as the user with every scope the app has"
    ),
    ("scripts", "unsafe-eval"): "lets code build and run new code from strings (`eval`, `new Function`)",
    ("scripts", "unsafe-hashes"): "lets inline event handlers whose hash is listed run",
    ("styles", "unsafe-inline"): (
        "lets inline `<style>` blocks and `style=` attributes apply: injected markup can restyle, "
        "hide or overlay parts of the page, but runs no script"
    ),
    ("styles", "unsafe-hashes"): "lets inline `style=` attributes whose hash is listed apply; no script runs",
    ("styles", "unsafe-eval"): (
        "does nothing for styles (it only relaxes scripts; Forge accepts only `unsafe-inline` under styles)"
    ),
}


@rule("SC304", "unsafe-content", Severity.WARNING)
def unsafe_content(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags `unsafe-inline`, `unsafe-eval` and `unsafe-hashes` in `permissions.content.scripts`
    or `permissions.content.styles`.

    A relaxation of `styles` is reported as info, below the rule's severity: an inline style
    changes how the page looks but runs no code. A registry entry under `content:` with both a
    justification and `risk-accepted` settles the finding.

    ## Why is this bad?
    These relax the Content Security Policy that keeps injected code out of a Custom UI app.
    With `unsafe-inline` scripts, a single cross-site scripting bug can act as the user with
    every scope the app has. With `unsafe-inline` styles, injected markup can restyle the page
    (hide a warning, overlay a fake button) but cannot run script.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      content:
        scripts:
          - unsafe-eval
    ```

    ## Fix
    Remove the relaxation and the code that needs it (bundle instead of `eval`, move inline
    handlers into the bundle): `scripts: []`. If a library truly needs it, record the decision
    in the registry; a justification with an accepted risk settles the finding:
    ```yaml title="permissions.yml"
    version: 1
    content:
      scripts:unsafe-eval:
        justification: The formula editor compiles the user's own formulas with new Function.
        risk-accepted: SEC-311
    ```
    """
    for item in ctx.app.content:
        value = item.value.lower()
        why = UNSAFE.get((item.kind, value))
        if why is None:
            continue
        entry = ctx.registry.content_entry(item.kind, value)
        if _settled(entry):
            continue
        yield Violation(
            span=item.span,
            subject=f"{item.kind}:{value}",
            message=f"`{value}` in content.{item.kind} {why}",
            help=_help(ctx, entry),
            related=(Related(entry.key_span, "justified here, without `risk-accepted`"),) if entry else (),
            severity=Severity.INFO if item.kind == "styles" else None,
        )


def _settled(entry: Justification | None) -> bool:
    """A justification and an accepted risk on record: the decision was made and reviewed."""
    return (
        entry is not None and bool((entry.text or "").strip()) and bool((entry.risk_accepted or "").strip())
    )


def _help(ctx: Context, entry: Justification | None) -> str:
    where = ctx.registry.path
    if entry is None:
        return (
            "remove it if the app can do without; otherwise justify it under `content:` in "
            f"{where} and add `risk-accepted: <ticket>`"
        )
    return f"remove it if the app can do without; otherwise add `risk-accepted: <ticket>` to its entry in {where}"
