"""Human views of the catalog: `scopecheck scopes` and `scopecheck explain <scope>`.

Pure functions from catalog data to text; the CLI prints what they return.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scopecheck.ecosystems.forge.catalog import Catalog, EventCatalog, ScopeInfo
    from scopecheck.ecosystems.forge.catalog.endpoints import EndpointCatalog, Operation

RISKS = ("low", "medium", "high", "critical")
KINDS = ("classic", "granular", "platform", "connect", "graph")
NO_DESCRIPTION = "No description published by Atlassian."
#: up to this many operations are listed one by one; more are grouped by API resource
LIST_LIMIT = 15
GROUP_LIMIT = 12
EVENT_LIMIT = 15

_RISK_STYLE = {"low": "32", "medium": "33", "high": "31", "critical": "1;97;41"}
_VERSION = re.compile(r"^(v?\d+(\.\d+)*|latest)$")
_API_WORDS = frozenset({"rest", "api", "wiki", "agile", "servicedeskapi", "forge", "gateway"})
_METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def describe(info: ScopeInfo) -> str | None:
    """The plain-language description of a scope (see ScopeInfo.plain_description)."""
    return info.plain_description


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{style}m{text}\x1b[0m" if color else text


def _risk(label: str, color: bool, width: int = 0) -> str:
    return _paint(label.ljust(width), _RISK_STYLE.get(label, "0"), color)


# --- scopecheck scopes ----------------------------------------------------------------------


def find_scopes(
    query: str | None = None,
    *,
    risks: Iterable[str] = (),
    kinds: Iterable[str] = (),
    products: Iterable[str] = (),
    catalog: Catalog | None = None,
) -> list[ScopeInfo]:
    """Scopes whose name (or description) contains `query`, within the given filters.

    Names that match come first, then scopes matched only by their description;
    each group is sorted by name.
    """
    if catalog is None:
        from scopecheck.ecosystems.forge.catalog import load_catalog

        catalog = load_catalog()
    wanted_risks = {r.lower() for r in risks}
    wanted_kinds = {k.lower() for k in kinds}
    wanted_products = {p.lower() for p in products}
    needle = (query or "").strip().lower()
    by_name: list[ScopeInfo] = []
    by_text: list[ScopeInfo] = []
    for name in sorted(catalog.scopes):
        info = catalog.scopes[name]
        if wanted_risks and info.risk.label not in wanted_risks:
            continue
        if wanted_kinds and info.kind not in wanted_kinds:
            continue
        if wanted_products and info.product.lower() not in wanted_products:
            continue
        if not needle or needle in name.lower():
            by_name.append(info)
        elif needle in (describe(info) or "").lower():
            by_text.append(info)
    return by_name + by_text


def products(catalog: Catalog | None = None) -> list[str]:
    if catalog is None:
        from scopecheck.ecosystems.forge.catalog import load_catalog

        catalog = load_catalog()
    return sorted({info.product for info in catalog.scopes.values()})


def scopes_text(
    scopes: Sequence[ScopeInfo], *, total: int, color: bool = False, width: int | None = None
) -> str:
    """An aligned table; descriptions are cut to `width` columns when a width is given."""
    if not scopes:
        return ""
    name_width = min(max(len(s.name) for s in scopes), 48)
    head = f"{'scope':<{name_width}}  {'risk':<8}  {'kind':<8}  {'ops':>4}  description"
    lines = [_paint(head, "1", color)]
    for info in scopes:
        description = describe(info) or "-"
        if info.deprecated:
            description = "(deprecated) " + description
        prefix = f"{info.name:<{name_width}}  {info.risk.label:<8}  {info.kind:<8}  {info.operations:>4}  "
        if width is not None:
            room = max(width - len(prefix), 20)
            if len(description) > room:
                description = description[: room - 1] + "…"
        name = info.name.ljust(name_width)
        lines.append(
            f"{name}  {_risk(info.risk.label, color, 8)}  {info.kind:<8}  {info.operations:>4}  {description}"
        )
    shown = f"{len(scopes)} of {total} scopes" if len(scopes) != total else f"{total} scopes"
    lines.append("")
    lines.append(f"{shown}; `scopecheck explain <scope>` shows what needs one and what can replace it")
    return "\n".join(lines) + "\n"


def scope_record(info: ScopeInfo) -> dict[str, object]:
    return {
        "name": info.name,
        "risk": info.risk.label,
        "risk_basis": info.risk_basis,
        "kind": info.kind,
        "product": info.product,
        "description": describe(info),
        "operations": info.operations,
        "granular": list(info.granular),
        "deprecated": info.deprecated,
        "replacement": info.replacement,
        "interactive_consent": info.interactive_consent,
    }


def scopes_json(scopes: Sequence[ScopeInfo]) -> str:
    return json.dumps({"version": 1, "scopes": [scope_record(s) for s in scopes]}, indent=2) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def scopes_markdown(scopes: Sequence[ScopeInfo]) -> str:
    lines = ["| scope | risk | kind | operations | description |", "|---|---|---|---:|---|"]
    for info in scopes:
        description = describe(info) or ""
        if info.deprecated:
            description = "**Deprecated.** " + description
        lines.append(
            f"| `{info.name}` | {info.risk.label} | {info.kind} | {info.operations} | {_md_cell(description)} |"
        )
    return "\n".join(lines) + "\n"


# --- scopecheck explain <scope> -------------------------------------------------------------


def operations_for(name: str, endpoints: EndpointCatalog | None = None) -> list[tuple[str, Operation]]:
    """(product, operation) for every REST operation that one of its scope sets with `name` satisfies."""
    if endpoints is None:
        from scopecheck.ecosystems.forge.catalog.endpoints import load_endpoints

        endpoints = load_endpoints()
    found = []
    for product in sorted(endpoints.rows):
        for op in endpoints.operations(product):
            if any(name in alternative for alternative in op.alternatives):
                found.append((product, op))
    return found


def events_for(name: str, events: EventCatalog | None = None) -> list[tuple[str, str]]:
    """(event, state) for every product event a scope set containing `name` satisfies."""
    if events is None:
        from scopecheck.ecosystems.forge.catalog import load_events

        events = load_events()
    found = []
    for event in sorted(events.events):
        scopes = events.events[event]
        for state in ("current", "beta", "deprecated"):
            if name in getattr(scopes, state):
                found.append((event, state))
                break
    return found


def modules_for(name: str, events: EventCatalog | None = None) -> list[str]:
    if events is None:
        from scopecheck.ecosystems.forge.catalog import load_events

        events = load_events()
    return sorted(module for module, scopes in events.module_scopes.items() if name in scopes)


def api_group(template: str) -> str:
    """The API resource an operation belongs to: `/rest/api/3/issue/{}/comment` -> `/rest/api/3/issue`.

    Leading API words and the version are kept; then the first resource, plus the
    sub-resource when two or more parameters sit between them
    (`/2.0/repositories/{}/{}/pullrequests`).
    """
    segments = [s for s in template.split("/") if s]
    base: list[str] = []
    index = 0
    while index < len(segments) and (segments[index] in _API_WORDS or _VERSION.match(segments[index])):
        base.append(segments[index])
        index += 1
    rest = segments[index:]
    group = rest[:1]
    params = 0
    for segment in rest[1:]:
        if segment == "{}":
            params += 1
            continue
        if params >= 2:
            group += ["{}"] * params + [segment]
        break
    return "/" + "/".join(base + group)


def _methods(ops: Iterable[Operation]) -> str:
    counts = Counter(op.method for op in ops)
    order = sorted(counts, key=lambda m: (_METHOD_ORDER.index(m) if m in _METHOD_ORDER else 99, m))
    return ", ".join(f"{m} {counts[m]}" for m in order)


def _with_others(name: str, op: Operation) -> str:
    """'' when `name` alone satisfies the operation, else the scopes it needs beside it."""
    sets = [alt for alt in op.alternatives if name in alt]
    if any(len(alt) == 1 for alt in sets):
        return ""
    others = sorted({s for alt in sets for s in alt if s != name})
    return f"  (with {', '.join(others)})"


def _wrap(items: Sequence[str], indent: str = "  ", width: int = 100) -> list[str]:
    return textwrap.wrap(
        ", ".join(items),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def explain_scope(name: str, *, color: bool = False) -> str | None:
    """What a scope allows, what needs it and what can replace it; None if no such scope."""
    from scopecheck.ecosystems.forge.catalog import load_catalog

    catalog = load_catalog()
    info = catalog.get(name)
    if info is None:
        return None
    bold = "1"
    lines = [_paint(info.name, bold, color)]
    product = "" if info.product in ("platform", info.kind) else f" {info.product}"
    lines.append(f"  {info.kind}{product} scope; risk: {_risk(info.risk.label, color)} ({info.risk_basis})")
    if info.deprecated:
        replacement = f"; use `{info.replacement}` instead" if info.replacement else ""
        lines.append(f"  deprecated by Atlassian{replacement}")
    if info.interactive_consent:
        lines.append("  each user is asked to consent to it interactively")
    from scopecheck.ecosystems.forge.code.needs import traced

    is_traced, how = traced(catalog, info.name)
    if is_traced:
        lines.append(f"  traced (SC402 can report it unused): {how}")
    else:
        lines.append(f"  not traced (SC402 never reports it unused): {how}")
    if info.description or info.kind != "platform":  # a platform scope's tier reason is its description
        lines.append("")
        lines += textwrap.wrap(describe(info) or NO_DESCRIPTION, width=100, break_on_hyphens=False)

    operations = operations_for(info.name)
    lines.append("")
    if operations:
        per_product = Counter(product for product, _op in operations)
        where = ", ".join(f"{p} {n}" for p, n in sorted(per_product.items()))
        lines.append(_paint(f"REST operations that accept it: {len(operations)} ({where})", bold, color))
        lines += _operation_lines(info.name, [op for _p, op in operations])
    else:
        lines.append(_paint("REST operations that accept it: none in Atlassian's OpenAPI specs", bold, color))

    events = events_for(info.name)
    if events:
        lines.append("")
        lines.append(_paint(f"Product events that need it: {len(events)}", bold, color))
        lines += _event_lines(events)
    modules = modules_for(info.name)
    if modules:
        lines.append("")
        lines.append(_paint(f"Module types that need it: {len(modules)}", bold, color))
        lines += _wrap(modules)

    if info.granular:
        lines.append("")
        lines.append(_paint(f"Granular scopes that can replace it: {len(info.granular)}", bold, color))
        lines += _wrap(info.granular)
    classic = sorted(other.name for other in catalog.scopes.values() if info.name in other.granular)
    if classic:
        lines.append("")
        lines.append(_paint(f"Classic scopes it can stand in for: {len(classic)}", bold, color))
        lines += _wrap(classic)
    return "\n".join(lines) + "\n"


def _event_lines(events: list[tuple[str, str]]) -> list[str]:
    """Few events one by one; many grouped by product and entity, with their actions."""
    if len(events) <= EVENT_LIMIT:
        return [f"  {event}" + ("" if state == "current" else f"  ({state})") for event, state in events]
    groups: dict[str, list[str]] = defaultdict(list)
    for event, state in events:
        parts = event.split(":")
        if len(parts) == 4:
            key, action = f"{parts[1]} {parts[3]}", parts[2]
        else:
            key, action = event, ""
        groups[key].append(action + ("" if state == "current" else f" ({state})"))
    width = max(len(key) for key in groups)
    lines = [f"  {key:<{width}}  {', '.join(a for a in groups[key] if a)}".rstrip() for key in sorted(groups)]
    lines.append(
        "  (grouped by product and entity: avi:<product>:<action>:<entity>, e.g. avi:jira:created:issue)"
    )
    return lines


def _versioned(key: str, versions: set[str]) -> str:
    if not versions:
        return key
    ordered = sorted(versions)
    return key.replace("{v}", ordered[0] if len(ordered) == 1 else "{" + ",".join(ordered) + "}", 1)


def _operation_lines(name: str, ops: list[Operation]) -> list[str]:
    if len(ops) <= LIST_LIMIT:
        ordered = sorted(ops, key=lambda op: (op.template, _METHOD_ORDER.index(op.method)
                                              if op.method in _METHOD_ORDER else 99))  # fmt: skip
        width = max(len(op.method) for op in ordered)
        return [f"  {op.method:<{width}} {op.template}{_with_others(name, op)}" for op in ordered]
    groups: dict[str, list[Operation]] = defaultdict(list)
    versions: dict[str, set[str]] = defaultdict(set)
    for op in ops:  # /rest/api/2/issue and /rest/api/3/issue are one resource in two versions
        segments = api_group(op.template).split("/")
        found = [s for s in segments if _VERSION.match(s)]
        key = "/".join("{v}" if _VERSION.match(s) else s for s in segments)
        groups[key].append(op)
        versions[key].update(found[:1])
    groups = {_versioned(key, versions[key]): items for key, items in groups.items()}
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    shown = ranked[:GROUP_LIMIT]
    width = max(len(group) for group, _ in shown)
    lines = [f"  {group:<{width}}  {len(items):>4}  ({_methods(items)})" for group, items in shown]
    rest = ranked[GROUP_LIMIT:]
    if rest:
        count = sum(len(items) for _group, items in rest)
        lines.append(f"  … and {count} more in {len(rest)} other resources")
    lines.append("  (grouped by API resource: operations, then how many per HTTP method)")
    return lines
