"""The rules every ecosystem shares, listed by hand in id order: explicit, sorted, greppable.

They read only what an app requests (PermissionRequest), the registry, a catalog and the
policy. Each ecosystem adds its own rules (`scopecheck.ecosystems`); the rule book of a run
is both, built where the ecosystems are listed.
"""

from __future__ import annotations

from scopecheck.core.rules import Rule
from scopecheck.rules.claims.sc601_claim_broken import claim_broken
from scopecheck.rules.diff.sc501_scope_added import scope_added
from scopecheck.rules.egress.sc301_undocumented_egress import undocumented_egress
from scopecheck.rules.egress.sc302_wildcard_egress import wildcard_egress
from scopecheck.rules.egress.sc303_insecure_egress import insecure_egress
from scopecheck.rules.egress.sc305_egress_forbidden import egress_forbidden
from scopecheck.rules.inputs.sc001_invalid_manifest import invalid_manifest
from scopecheck.rules.inputs.sc002_invalid_registry import invalid_registry
from scopecheck.rules.inputs.sc003_unused_suppression import unused_suppression
from scopecheck.rules.registry.sc101_undocumented_scope import undocumented_scope
from scopecheck.rules.registry.sc102_stale_justification import stale_justification
from scopecheck.rules.registry.sc103_weak_justification import weak_justification
from scopecheck.rules.registry.sc104_review_expired import review_expired
from scopecheck.rules.scopes.sc201_unknown_scope import unknown_scope
from scopecheck.rules.scopes.sc202_deprecated_scope import deprecated_scope
from scopecheck.rules.scopes.sc203_denied_scope import denied_scope
from scopecheck.rules.scopes.sc204_unaccepted_risk import unaccepted_risk

SHARED_RULES: tuple[Rule, ...] = (
    invalid_manifest,
    invalid_registry,
    unused_suppression,
    undocumented_scope,
    stale_justification,
    weak_justification,
    review_expired,
    unknown_scope,
    deprecated_scope,
    denied_scope,
    unaccepted_risk,
    undocumented_egress,
    wildcard_egress,
    insecure_egress,
    egress_forbidden,
    scope_added,
    claim_broken,
)

INVALID_MANIFEST = invalid_manifest
INVALID_REGISTRY = invalid_registry
UNUSED_SUPPRESSION = unused_suppression
CLAIM_BROKEN = claim_broken
