"""What a rule is: metadata, docs and a pure check over an immutable Context."""

from __future__ import annotations

import datetime
import inspect
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from scopecheck.core.findings import Confidence, Fix, Related, Severity, Span
from scopecheck.core.records import record

if TYPE_CHECKING:
    from scopecheck.core.permissions import PermissionRequest
    from scopecheck.core.settings import Policy
    from scopecheck.registry.model import Registry


@record
class Violation:
    """What a rule yields; the engine adds the rule id, name and effective severity."""

    span: Span
    message: str
    subject: str | None = None
    help: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    confidence: Confidence = Confidence.HIGH
    #: a rule may grade one finding below its default (SC302 for `*.example.com`);
    #: a severity the user configured for the rule still wins
    severity: Severity | None = None
    #: the risk tier of what the finding is about, when the subject is not a bare scope name
    risk: str | None = None
    #: every scope set that would settle the finding, in full, for machine output (SC401, SC205)
    alternatives: tuple[tuple[str, ...], ...] = ()


@record
class Context:
    """Everything a rule may look at, for one app. Rules never do I/O.

    `app` is the ecosystem's own model (a Forge Manifest) and `analysis` its code analysis;
    the shared rules read only `requests`, the registry, the catalog and the policy.
    """

    app: Any
    requests: tuple[PermissionRequest, ...]
    registry: Registry
    policy: Policy
    catalog: Any  # the ecosystem's catalog: `get(name)` and `nearest(name)` at least
    today: datetime.date
    options: Any = None
    #: the ecosystem's code analysis (Forge: usage and needs); None when no rule needed it
    analysis: Any = None
    #: outgoing requests the code makes (None: the code was not read), for SC303's fix
    fetches: tuple[ObservedFetch, ...] | None = None
    strict: bool = False
    #: what the app requested at a base revision (`lint --base-ref`), for SC501
    base: tuple[PermissionRequest, ...] | None = None
    base_label: str | None = None
    #: who grants the permissions, for messages ("Forge does not accept it")
    platform: str = "Forge"
    #: where the app's permissions are written (`permissions:`), for "see" lines
    requests_span: Span | None = None
    #: the product API calls the code makes (scopecheck.core.code.CodeView; None: not read)
    code: Any = None
    #: what checking the policy's claims found (scopecheck.claims.model.ClaimResult), for SC601
    claim_results: tuple[Any, ...] = ()


class ObservedFetch(Protocol):
    """A request the code makes to an outside host (Forge's Fetch is one)."""

    url: str | None
    host: str | None
    span: Span


Check = Callable[[Context], Iterable[Violation]]


@record
class Rule:
    code: str
    name: str
    default_severity: Severity
    docs: str
    check: Check
    options_type: type | None = None
    default_enabled: bool = True
    #: who reports it: "check" (a rule over the model), "loader" (SC001/SC002) or "engine" (SC003)
    origin: str = "check"
    #: the finding's subject is a scope whose risk tier says how much the finding matters
    #: (SARIF ranks alerts by it); rules about wording or dates do not carry it
    carries_risk: bool = False
    #: runs only against a base revision (`lint --base-ref`)
    needs_base: bool = False
    #: a registry entry with `risk-accepted` for the finding's subject settles it: the finding
    #: is kept as ignored, with the accepted risk as the reason
    settled_by_accepted_risk: bool = False
    #: reads the ecosystem's code analysis, which runs only when such a rule is enabled
    needs_code: bool = False

    @property
    def summary(self) -> str:
        """First sentence under "What it does": used by `rules`, SARIF and the README."""
        paragraph = " ".join(doc_section(self.docs, "What it does").split("\n\n")[0].split())
        end = paragraph.find(". ")
        return paragraph if end == -1 else paragraph[: end + 1]

    def __call__(self, ctx: Context) -> Iterable[Violation]:
        return self.check(ctx)


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    options: type | None = None,
    enabled: bool = True,
    origin: str = "check",
    carries_risk: bool = False,
    needs_base: bool = False,
    settled_by_accepted_risk: bool = False,
    needs_code: bool = False,
) -> Callable[[Check], Rule]:
    """Turn a check function into a Rule; its docstring is the rule's documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            default_severity=severity,
            docs=inspect.cleandoc(check.__doc__ or ""),
            check=check,
            options_type=options,
            default_enabled=enabled,
            origin=origin,
            carries_risk=carries_risk,
            needs_base=needs_base,
            settled_by_accepted_risk=settled_by_accepted_risk,
            needs_code=needs_code,
        )

    return wrap


@record
class RuleBook:
    """Every rule of a run: the shared ones and each ecosystem's, in id order."""

    rules: tuple[Rule, ...]

    def find(self, name: str) -> Rule | None:
        """A rule by id (`SC101`, any case) or name (`undocumented-scope`)."""
        wanted = name.strip()
        for candidate in self.rules:
            if wanted.upper() == candidate.code or wanted.lower() == candidate.name:
                return candidate
        return None

    def resolve(self, names: Iterable[str]) -> tuple[frozenset[str], list[str]]:
        """Rule ids for `--select`/`--ignore` words: ids, names, `all`, or id prefixes of three
        characters or more (`SC1`, `SC30`: a family); the words that match nothing come back too."""
        codes: set[str] = set()
        unknown: list[str] = []
        for word in (w.strip() for text in names for w in text.split(",")):
            if not word:
                continue
            if word.upper() == "ALL":
                codes.update(r.code for r in self.rules)
                continue
            rule = self.find(word)
            matched = [r.code for r in self.rules if r.code.startswith(word.upper()) and len(word) >= 3]
            if rule is not None:
                codes.add(rule.code)
            elif matched:
                codes.update(matched)
            else:
                unknown.append(word)
        return frozenset(codes), unknown


_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def doc_sections(docs: str) -> dict[str, str]:
    """`## Heading` -> text, in order."""
    parts = _HEADING.split(docs)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def doc_section(docs: str, heading: str) -> str:
    return doc_sections(docs).get(heading, "")


def shorten(text: str, limit: int = 80) -> str:
    """Keep messages one line even for a 200,000-character scope name."""
    text = " ".join(text.split()) if "\n" in text else text
    return text if len(text) <= limit else text[: limit - 1] + "…"
