"""What the host rules (SC409, SC410) share: what the code reaches with each host pattern."""

from __future__ import annotations

from scopecheck.core.records import record
from scopecheck.ecosystems.browser_extension.code.patterns import covers, covers_host, is_broad
from scopecheck.ecosystems.browser_extension.code.usage import ExtensionUsage, HostNeed
from scopecheck.ecosystems.browser_extension.model import Extension, Value


@record
class HostVerdict:
    value: Value
    #: literal hosts (or patterns) the code reaches that this pattern covers
    reached: tuple[HostNeed, ...]
    #: needs whose host is known only at run time, none of them on a user gesture
    dynamic: tuple[HostNeed, ...]
    #: needs whose host is known only at run time, each on a user gesture (activeTab's case)
    gesture: tuple[HostNeed, ...]
    reasons: tuple[str, ...]


def host_verdicts(extension: Extension, usage: ExtensionUsage) -> list[HostVerdict]:
    found: list[HostVerdict] = []
    declared = {v.value for v in extension.all_permissions()}
    reasons: list[str] = list(usage.gaps[:2])
    for escape, _context in usage.escapes:
        if escape.path == ():
            reasons.append(f"{escape.why} at {escape.span.path}:{escape.span.line}")
            break
    tab_readers = [
        u for u in usage.uses if u.api.split(".")[0] in ("tabs", "windows") and u.context != "unreached"
    ]
    if tab_readers and "tabs" not in declared:
        use = tab_readers[0]
        reasons.append(
            f"the code reads tabs (`{use.api}` at {use.span.path}:{use.span.line}) and host permissions "
            "reveal their url and title"
        )
    if extension.is_mv2:
        reasons.append("in Manifest V2 content scripts' own requests may rely on host permissions")
    static_rules = "declarative_net_request" in usage.manifest_keys
    for value in extension.host_permissions:
        if not is_broad(value.value):
            continue
        reached = tuple(
            need
            for need in usage.hosts
            if need.host
            and (
                covers_host(value.value, need.host)
                if "://" not in need.host
                else covers(value.value, need.host)
            )
        )
        if any("://" in n.host and covers(n.host, value.value) for n in reached if n.host):
            continue  # a filter or match as wide as the pattern itself
        unknown = [n for n in usage.hosts if n.host is None]
        if static_rules:  # rules that redirect or change headers need host access
            unknown.append(HostNeed("declarative_net_request rules", None, value.span))
        found.append(
            HostVerdict(
                value,
                reached,
                tuple(n for n in unknown if not n.gesture),
                tuple(n for n in unknown if n.gesture),
                tuple(reasons),
            )
        )
    return found
