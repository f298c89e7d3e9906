"""Every rule, listed by hand in id order: explicit, sorted and greppable."""

from __future__ import annotations

from scopecheck.rules.base import Rule
from scopecheck.rules.diff.sc501_scope_added import scope_added
from scopecheck.rules.egress.sc301_undocumented_egress import undocumented_egress
from scopecheck.rules.egress.sc302_wildcard_egress import wildcard_egress
from scopecheck.rules.egress.sc303_insecure_egress import insecure_egress
from scopecheck.rules.egress.sc304_unsafe_content import unsafe_content
from scopecheck.rules.egress.sc305_egress_forbidden import egress_forbidden
from scopecheck.rules.inputs.sc001_invalid_manifest import invalid_manifest
from scopecheck.rules.inputs.sc002_invalid_registry import invalid_registry
from scopecheck.rules.inputs.sc003_unused_suppression import unused_suppression
from scopecheck.rules.registry.sc101_undocumented_scope import undocumented_scope
from scopecheck.rules.registry.sc102_stale_justification import stale_justification
from scopecheck.rules.registry.sc103_weak_justification import weak_justification
from scopecheck.rules.registry.sc104_review_expired import review_expired
from scopecheck.rules.registry.sc105_unknown_module import unknown_module
from scopecheck.rules.scopes.sc201_unknown_scope import unknown_scope
from scopecheck.rules.scopes.sc202_deprecated_scope import deprecated_scope
from scopecheck.rules.scopes.sc203_denied_scope import denied_scope
from scopecheck.rules.scopes.sc204_unaccepted_risk import unaccepted_risk
from scopecheck.rules.scopes.sc205_classic_scope import classic_scope
from scopecheck.rules.scopes.sc206_redundant_scope import redundant_scope
from scopecheck.rules.usage.sc401_missing_scope import missing_scope
from scopecheck.rules.usage.sc402_unused_scope import unused_scope
from scopecheck.rules.usage.sc403_missing_egress import missing_egress
from scopecheck.rules.usage.sc404_unused_egress import unused_egress

ALL_RULES: tuple[Rule, ...] = (
    invalid_manifest,
    invalid_registry,
    unused_suppression,
    undocumented_scope,
    stale_justification,
    weak_justification,
    review_expired,
    unknown_module,
    unknown_scope,
    deprecated_scope,
    denied_scope,
    unaccepted_risk,
    classic_scope,
    redundant_scope,
    undocumented_egress,
    wildcard_egress,
    insecure_egress,
    unsafe_content,
    egress_forbidden,
    missing_scope,
    unused_scope,
    missing_egress,
    unused_egress,
    scope_added,
)

#: rules that read the code-usage analysis; it runs only when one of them is enabled
#: rules that read the code analysis (SC303: its https fix is safe only when no code fetches
#: http; SC205: it names the granular scopes the app's own calls need)
USAGE_RULE_CODES = frozenset({"SC205", "SC206", "SC303", "SC401", "SC402", "SC403", "SC404"})

INVALID_MANIFEST = invalid_manifest
INVALID_REGISTRY = invalid_registry
UNUSED_SUPPRESSION = unused_suppression


def find_rule(name: str) -> Rule | None:
    """A rule by id (`SC101`, any case) or name (`undocumented-scope`)."""
    wanted = name.strip()
    for candidate in ALL_RULES:
        if wanted.upper() == candidate.code or wanted.lower() == candidate.name:
            return candidate
    return None
