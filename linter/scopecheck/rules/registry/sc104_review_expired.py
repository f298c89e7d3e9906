from collections.abc import Iterator

from scopecheck.core.findings import Severity
from scopecheck.core.records import record
from scopecheck.core.rules import Context, Violation, rule, shorten


@record
class Options:
    max_age_days: int = 365
    required: bool = False


@rule("SC104", "review-expired", Severity.WARNING, options=Options)
def review_expired(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a registry entry whose `reviewed` date is older than the policy allows (365 days by
    default) or lies in the future, or, with `required: true`, an entry that was never reviewed.

    ## Why is this bad?
    Apps change faster than their documentation. A yearly review is what trust pages promise;
    the date in the registry is the evidence that it happened.

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
        justification: Reads issue fields to evaluate approval rules in the issue panel.
        reviewed: 2020-01-15
    ```

    ## Fix
    Review the entry, then update the date:
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work:
        justification: Reads issue fields to evaluate approval rules in the issue panel.
        reviewed: 2026-10-01
    ```

    ## Options
    - `max-age-days` (default 365): how old a review may be.
    - `required` (default false): also flag entries with no `reviewed` date.
    """
    options: Options = ctx.options or Options()
    for entry in ctx.registry.entries():
        if entry.reviewed is None:
            if options.required:
                yield Violation(
                    span=entry.key_span,
                    subject=entry.key,
                    message=f"`{shorten(entry.key)}` has no `reviewed` date",
                    help=f"add `reviewed: {ctx.today.isoformat()}` after reviewing the entry",
                )
            continue
        age = (ctx.today - entry.reviewed).days
        if age < 0:
            yield Violation(
                span=entry.reviewed_span or entry.key_span,
                subject=entry.key,
                message=f"`{shorten(entry.key)}` claims a review on {entry.reviewed.isoformat()}, which is in the future",
                help=f"set `reviewed:` to the day of the last review (today is {ctx.today.isoformat()})",
            )
        elif age > options.max_age_days:
            yield Violation(
                span=entry.reviewed_span or entry.key_span,
                subject=entry.key,
                message=(
                    f"`{shorten(entry.key)}` was last reviewed {entry.reviewed.isoformat()}, "
                    f"{age} days ago (limit {options.max_age_days})"
                ),
                help=f"review the entry, then set `reviewed: {ctx.today.isoformat()}`",
            )
