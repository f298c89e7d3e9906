"""Checks each claim against what the app requests, its registry and its code.

Every kind gives evidence: what breaks the claim (at the line that does), what leaves it
unverified (a call whose method or path is not known, a file not analysed, code not read),
and the facts it rests on. A claim is verified only when nothing breaks it and nothing it
rests on was left unresolved.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from typing import Any

from scopecheck.claims.model import Claim, ClaimResult, Evidence, Status, result
from scopecheck.claims.operations import Match, match_call
from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.code import CodeCall, CodeView
from scopecheck.core.findings import Confidence, Related, Span
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.core.rules import Violation, shorten

#: a scope whose verb is one of these changes data (Forge: `write:jira-work`, `delete:page:confluence`)
CHANGING_VERBS = ("write", "delete", "manage", "admin")
#: the rules that say a permission is not documented, and that it is more than needed
DOCUMENTED_RULES = ("SC101", "SC103", "SC301")
LEAST_PRIVILEGE_RULES = ("SC402", "SC206")

#: a rule's violations over this app by id; None: the app's kind has no such rule
Peers = Callable[[str], list[Violation] | None]


@record
class Inputs:
    requests: tuple[PermissionRequest, ...]
    catalog: Any
    code: CodeView | None  # None: the code was not read
    peers: Peers
    unit: str = "app"  # what the app is called: app, workflow


def evaluate(claims: tuple[Claim, ...], inputs: Inputs) -> tuple[ClaimResult, ...]:
    return tuple(result(claim, list(KIND_CHECKS[claim.kind](claim, inputs))) for claim in claims)


def _fact(message: str) -> Evidence:
    return Evidence(Status.VERIFIED, message)


def _request_evidence(status: Status, request: PermissionRequest, message: str) -> Evidence:
    return Evidence(status, message, request.span, subject=request.key)


def _no_egress(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    found = False
    for request in inputs.requests:
        if request.kind == "egress":
            where = f" ({request.detail})" if request.detail else ""
            message = f"the app declares egress to `{shorten(request.name)}`{where}"
        elif request.kind == "remote" and request.via is None:
            message = f"the app declares remote `{shorten(request.name)}`"
        elif request.kind == "content":
            message = f"the app relaxes its Content Security Policy with `{shorten(request.key)}`"
        else:
            continue
        found = True
        yield _request_evidence(Status.BROKEN, request, message)
    if not found:
        yield _fact(
            "the app declares no egress host, remote or content relaxation, so the platform lets it "
            "send nothing outside"
        )


def _no_external_storage(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    remotes = [r for r in inputs.requests if r.kind == "remote" and r.via is None]
    for remote in remotes:
        name = shorten(remote.name)
        if "storage" in remote.uses:
            yield _request_evidence(
                Status.BROKEN, remote, f"remote `{name}` declares `storage` among its operations"
            )
        elif not remote.uses:
            yield _request_evidence(
                Status.UNVERIFIED,
                remote,
                f"remote `{name}` declares no `operations`, so whether it stores data cannot be told",
            )
        else:
            yield _fact(f"remote `{name}` declares only {', '.join(remote.uses)}, not storage")
    egress = [r for r in inputs.requests if r.kind == "egress"]
    for request in egress:
        host = parse_address(request.name).host
        hit = next((p for p in claim.storage_hosts if host_matches(p, host)), None)
        if hit is not None:
            yield _request_evidence(
                Status.BROKEN,
                request,
                f"the app declares egress to `{shorten(request.name)}`, a storage service (`{hit}`)",
            )
            continue
        reach = next((p for p in claim.storage_hosts if "*" in host and _wildcard_reaches(host, p)), None)
        if reach is not None:
            yield _request_evidence(
                Status.UNVERIFIED,
                request,
                f"egress `{shorten(request.name)}` is a wildcard that also covers the storage service `{reach}`",
            )
    if not remotes:
        yield _fact("the app declares no remote")
    if not claim.storage_hosts:
        yield _fact("the claim lists no `storage-hosts`, so egress hosts were not checked against any")
    elif egress:
        yield _fact(
            f"checked {len(egress)} egress host(s) against {len(claim.storage_hosts)} storage pattern(s)"
        )
    else:
        yield _fact("the app declares no egress host")


def _wildcard_reaches(wildcard: str, storage: str) -> bool:
    """Whether a declared wildcard (`*.amazonaws.com`) covers hosts of a storage pattern."""
    sample = parse_address(storage).host.replace("*", "x")
    return host_matches(wildcard, sample)


def _code_gaps(code: CodeView | None, unit: str) -> Iterator[Evidence]:
    """Unverified evidence when the code, or part of it, was not read."""
    if code is None:
        yield Evidence(Status.UNVERIFIED, f"the {unit}'s code was not read")
        return
    for gap in code.gaps:
        yield Evidence(Status.UNVERIFIED, gap)


def _call_evidence(status: Status, call: CodeCall, message: str) -> Evidence:
    related = tuple(Related(span, "through this helper call") for span in call.via)
    return Evidence(status, message, call.span, subject=call.label, related=related)


def _forbid_operations(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    yield from _code_gaps(inputs.code, inputs.unit)
    if inputs.code is None:
        return
    for call in inputs.code.calls:
        matches = [(p, match_call(p, call)) for p in claim.operations]
        certain = next((p for p, m in matches if m is Match.YES), None)
        if certain is not None:
            yield _call_evidence(
                Status.BROKEN, call, f"the code calls `{call.label}` ({certain.text} is forbidden)"
            )
            continue
        possible = next((p for p, m in matches if m is Match.MAYBE), None)
        if possible is not None:
            why = call.why or "a piece of its path is only known at run time"
            yield _call_evidence(
                Status.UNVERIFIED,
                call,
                f"the code calls `{call.label}`, which may be {possible.text}: {why}",
            )
    yield _fact(
        f"checked {len(inputs.code.calls)} product API call(s) in {inputs.code.files} file(s) against "
        + ", ".join(p.text for p in claim.operations)
    )


def _forbid_scopes(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    scopes = [r for r in inputs.requests if r.kind == "scope"]
    for scope in scopes:
        hit = next((p for p in claim.scopes if fnmatch.fnmatchcase(scope.name.lower(), p.lower())), None)
        if hit is not None:
            yield _request_evidence(
                Status.BROKEN, scope, f"the app requests `{shorten(scope.name)}` (`{hit}`)"
            )
    yield _fact(f"checked {len(scopes)} requested scope(s) against {', '.join(claim.scopes)}")


def in_products(product: str | None, products: tuple[str, ...]) -> bool:
    """`jira` covers `jira-software` and `jira-service-management` too."""
    return product is not None and any(product == p or product.startswith(p + "-") for p in products)


def _read_only(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    named = ", ".join(claim.products)
    checked = 0
    for scope in (r for r in inputs.requests if r.kind == "scope"):
        info = inputs.catalog.get(scope.name)
        product = getattr(info, "product", None)
        if not in_products(product, claim.products):
            continue
        checked += 1
        verb = scope.name.split(":", 1)[0].lower()
        if verb in CHANGING_VERBS:
            yield _request_evidence(
                Status.BROKEN, scope, f"the app requests `{shorten(scope.name)}`, a {verb} scope of {product}"
            )
    yield _fact(f"checked {checked} requested {named} scope(s)")
    yield from _code_gaps(inputs.code, inputs.unit)
    if inputs.code is None:
        return
    calls = [c for c in inputs.code.calls if c.product is None or in_products(c.product, claim.products)]
    for call in calls:
        if call.writes is True:
            yield _call_evidence(
                Status.BROKEN, call, f"the code calls `{call.label}`, which changes {call.product} data"
            )
        elif call.writes is None:
            why = call.why or "its operation is not in the published specs"
            what = call.product or named
            yield _call_evidence(
                Status.UNVERIFIED, call, f"the code calls `{call.label}`, which may change {what} data: {why}"
            )
    yield _fact(f"checked {len(calls)} {named} call(s) in {inputs.code.files} file(s)")


def _from_rules(codes: tuple[str, ...], inputs: Inputs, what: str) -> Iterator[Evidence]:
    for code in codes:
        violations = inputs.peers(code)
        if violations is None:
            yield Evidence(
                Status.UNVERIFIED, f"{code} does not run for a {inputs.unit}, so {what} cannot be told"
            )
            continue
        for violation in violations:
            certain = violation.confidence is Confidence.HIGH
            yield Evidence(
                Status.BROKEN if certain else Status.UNVERIFIED,
                f"{code}: {violation.message}",
                violation.span,
                subject=violation.subject,
            )


def _documented(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    yield from _from_rules(DOCUMENTED_RULES, inputs, "whether each permission is documented")
    yield _fact(f"checked {len(inputs.requests)} requested permission(s) against the registry")


def _least_privilege(claim: Claim, inputs: Inputs) -> Iterator[Evidence]:
    code = inputs.code
    if code is None or (code.files == 0 and not code.calls):
        yield Evidence(
            Status.UNVERIFIED,
            f"the {inputs.unit} has no code scopecheck could read, so unused scopes cannot be told",
        )
    yield from _from_rules(LEAST_PRIVILEGE_RULES, inputs, "unused permissions")
    scopes = sum(1 for r in inputs.requests if r.kind == "scope")
    yield _fact(f"checked {scopes} requested scope(s) against what the code, events and modules need")


KIND_CHECKS: dict[str, Callable[[Claim, Inputs], Iterator[Evidence]]] = {
    "no-egress": _no_egress,
    "no-external-storage": _no_external_storage,
    "forbid-operations": _forbid_operations,
    "forbid-scopes": _forbid_scopes,
    "read-only": _read_only,
    "documented": _documented,
    "least-privilege": _least_privilege,
}


def first_span(result: ClaimResult) -> Span | None:
    """Where a result's first breaking or doubtful evidence is."""
    return next((e.span for e in (*result.breaking, *result.doubts) if e.span is not None), None)
