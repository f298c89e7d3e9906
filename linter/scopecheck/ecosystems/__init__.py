"""Every ecosystem scopecheck reads, in an explicit tuple, and the rule book they make.

This is the composition root's list: the CLI hands TOOLKIT to the engine, which never
imports an ecosystem itself.
"""

from __future__ import annotations

from scopecheck.core.ecosystem import Ecosystem, Toolkit
from scopecheck.core.rules import RuleBook
from scopecheck.ecosystems import browser_extension, forge, github_actions
from scopecheck.rules import SHARED_RULES

ECOSYSTEMS: tuple[Ecosystem, ...] = (forge.ECOSYSTEM, github_actions.ECOSYSTEM, browser_extension.ECOSYSTEM)

RULES = RuleBook(
    tuple(sorted((*SHARED_RULES, *(rule for e in ECOSYSTEMS for rule in e.rules)), key=lambda r: r.code))
)

TOOLKIT = Toolkit(ECOSYSTEMS, RULES, SHARED_RULES, origin="scopecheck.ecosystems:TOOLKIT")
