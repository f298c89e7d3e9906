from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule(
    "SC501",
    "scope-added",
    Severity.WARNING,
    carries_risk=True,
    needs_base=True,
    settled_by_accepted_risk=True,
)
def scope_added(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a scope, egress host, content relaxation or remote added against a base revision
    (`lint --base-ref origin/main`, or `scopecheck diff`), or a remote given a new base URL:
    an update that every site admin must approve again. For a workflow, a token permission
    added to one of its blocks.

    ## Why is this bad?
    Until an admin consents, the new version does not install on that site; many never
    consent, so customers stay on old versions. A permission change should be a decision
    made in review, not a line that slips through in a feature branch. A workflow's new grant
    is never asked about again once merged: review is the only time anyone looks.

    ## Example
    `scopecheck lint --base-ref origin/main`, where the base requested only `read:jira-work`:
    ```yaml title="manifest.yml (base)"
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
        - write:jira-work
    ```

    ## Fix
    Drop the new permission:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    Or keep it deliberately: justify it in the registry with `risk-accepted` (the decision to
    ask every admin again, on the record: that settles the finding), and tell customers in
    the release notes.

    ## Known limitations
    Runs only when a base is given. A manifest that did not exist at the base is a new app
    and is not compared. Forge also asks admins again when a scope, egress address or
    content relaxation is *removed* ("increases or changes to scopes" need admin approval);
    a removal is never flagged here, since it is the least-privilege change this linter asks
    for, but `scopecheck diff` and `scopecheck history` show it.
    """
    if ctx.base is None:
        return
    from scopecheck.diff.consent import KIND_LABEL, compare  # only under --base-ref

    diff = compare(
        ctx.base, ctx.requests, ctx.catalog, base_label=ctx.base_label or "base", head_label=ctx.app.path
    )
    for change in diff.added:
        if not change.needs_consent or change.span is None:
            continue
        risk = f" ({change.risk} risk)" if change.risk else ""
        what = (
            f"has a new base URL against {diff.base} (was `{shorten(change.previous or 'none')}`)"
            if change.previous is not None
            else f"is new against {diff.base}"
        )
        yield Violation(
            span=change.span,
            subject=f"{change.kind}:{change.name}",
            message=(
                f"{KIND_LABEL[change.kind]} `{shorten(change.name)}`{risk} {what}: "
                + (
                    "the workflow's jobs can do more than before"
                    if change.kind == "token"
                    else "every site admin must consent to the update again"
                )
            ),
            help="remove it, or keep it on purpose: justify it in the registry and announce it",
            risk=change.risk,
        )
