from collections.abc import Iterator

from scopecheck.claims.model import ClaimResult, Evidence, Status
from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.rules import Context, Violation, rule


@rule("SC601", "claim-broken", Severity.ERROR, needs_code=True)
def claim_broken(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags what breaks a claim of the policy's `claims:` section (the promises of the app's
    trust page), at the line that breaks it: the egress host, the remote, the scope, the
    `DELETE` call in the code.

    A claim has a kind: `no-egress`, `no-external-storage`, `forbid-operations` (HTTP method
    and path patterns the code must never call, through helpers and SDK wrappers too),
    `forbid-scopes`, `read-only` (for given products: no write, delete, manage or admin scope
    and no call that changes data), `documented` (no SC101, SC103 or SC301) and
    `least-privilege` (no certain SC402 or SC206). A call whose method or path is only known
    at run time, and that could be a forbidden one, leaves the claim unverified: it is
    reported as info with low confidence, naming the call and why (`--strict` reports it at
    the rule's severity). `scopecheck claims` lists every claim with its status.

    ## Why is this bad?
    A trust page says "roles are never deleted" or "no data leaves Atlassian" once, and a
    commit can break it any day. Reviewers rarely connect a new `DELETE` call in a helper with
    a sentence on a marketing page. With the claim in the policy, the build breaks the day
    the promise does, and the published page can say at which commit each claim was verified.

    ## Example
    ```yaml title=".scopecheck.yml"
    claims:
      runs-on-atlassian:
        kind: no-egress
        claim: "No data leaves Atlassian: the app calls no external servers."
    ```
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - api.example.com
    ```

    ## Fix
    Keep the promise (remove what breaks it), or change the claim and the trust page together:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - storage:app
    ```

    ## Known limitations
    `forbid-operations` and `read-only` read the REST calls the code analysis finds
    (`requestJira`, `requestConfluence`, `requestBitbucket`, entity properties); a GraphQL
    query is a `POST /graphql` and is not matched against REST paths. A remote that receives
    the app's token may call anything, so it leaves those claims unverified.
    """
    for claim_result in ctx.claim_results:
        if not isinstance(claim_result, ClaimResult):
            continue
        for evidence in claim_result.evidence:
            if evidence.status is Status.BROKEN:
                yield _violation(claim_result, evidence, ctx, broken=True)
            elif evidence.status is Status.UNVERIFIED:
                yield _violation(claim_result, evidence, ctx, broken=False)


def _violation(claim_result: ClaimResult, evidence: Evidence, ctx: Context, *, broken: bool) -> Violation:
    claim = claim_result.claim
    promise = f'claim `{claim.name}` ("{claim.sentence}")'
    if broken:
        message = f"{evidence.message}: this breaks {promise}"
        help_text = (
            f"keep the promise (remove what breaks it), or change claim `{claim.name}` and the trust page"
        )
    else:
        message = f"{promise} cannot be verified: {evidence.message}"
        help_text = (
            "make the call's method and path literal, or forbid less; `scopecheck claims` shows every claim"
        )
    unsure = not broken and not ctx.strict
    return Violation(
        span=evidence.span or claim.span,
        subject=f"{claim.name}:{evidence.subject}" if evidence.subject else claim.name,
        message=message,
        help=help_text,
        related=(Related(claim.span, f"claim `{claim.name}`"), *evidence.related),
        confidence=Confidence.LOW if unsure else Confidence.HIGH,
        severity=Severity.INFO if unsure else None,
    )
