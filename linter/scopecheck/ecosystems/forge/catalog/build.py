"""Regenerates the packaged catalog from Atlassian's published data.

Run from the repository root with the reference data beside it:

    python -m scopecheck.ecosystems.forge.catalog.build --data ../shared/data

Inputs: `forge/` (scope lists and event/module mappings from @forge/manifest),
`atlassian-openapi/` (REST specs: per-operation scopes and scope descriptions),
`atlassian-connect/` (connect-style scope implications), and the hand-written
`sources/risk-rules.json` beside this file. Output: `data/*.json`, committed, so
the installed tool never needs `../shared` or the network. The output is
deterministic (sorted keys, no timestamps); a test rebuilds it and compares.

`admin_operations.json` lists the operations whose Connect scope is `ADMIN` (they need the
product's administer permission) but whose OAuth scopes do not include the product's
configuration scope: called as the app, they need its system user to hold that permission,
which Forge gives it with the configuration scope (FRGE-212, 2022: "the system user ... will
be given the appropriate permissions tied to the scopes" of the manifest).

An operation keeps the scope sets made only of Forge scopes; when it has none, it keeps
the sets forge lint requires (some Bitbucket operations need scopes Forge does not offer),
so a call to it is still reported, with those scopes named as outside Forge's list.

Risk tiers, first match wins:
1. an explicit override in `risk-rules.json` (with the reason);
2. the scope's verb: admin, manage, act-as-user, delete, redact, project-admin,
   space-admin are critical; write, import, moderate, access-email-addresses high;
   send, read, readonly, search, view medium; validate, report, storage low;
3. for read-like verbs, the entity: email addresses, audit logs, media
   credentials, backups and source code are high; configuration metadata
   (issue types, statuses, priorities, schemes, avatars...) is low.
Then tiers are made monotone: a granular scope gets at most the tier of the classic
scopes that include it (`delete:issue:jira` is high, as `write:jira-work` is).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from scopecheck.ecosystems.forge.catalog.endpoints import INFERRED_NOTE

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "data"
RULES_FILE = HERE / "sources" / "risk-rules.json"

#: (spec file, path prefix a Forge app uses with requestJira/requestConfluence/..., product)
SPECS = (
    ("jira-platform-v3.json.gz", "", "jira"),
    ("jira-platform-v2.json.gz", "", "jira"),
    ("jira-software.json.gz", "", "jira"),
    ("jira-service-management.json.gz", "", "jira"),
    ("confluence-v2.json.gz", "/wiki/api/v2", "confluence"),
    ("confluence-v1.json.gz", "/wiki", "confluence"),
    # a fuller, older copy: adds the v1 operations Atlassian deprecated and later dropped
    ("confluence-v1-full.json.gz", "", "confluence"),
    ("bitbucket.json.gz", "/2.0", "bitbucket"),
)
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_PARAM = re.compile(r"\{[^/}]*\}")


#: Confluence live doc events missing from @forge/manifest's event mapping
DOCUMENTED_LIVE_DOC_EVENTS = ("avi:confluence:initialized:page", "avi:confluence:published:page")


def load_json(path: Path) -> Any:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def scope_kind(name: str, graph: set[str], platform: set[str]) -> str:
    if name in platform:
        return "platform"
    if name in graph:
        return "graph"
    if ":connect-" in name:
        return "connect"
    return "granular" if name.count(":") >= 2 else "classic"


def scope_product(name: str) -> str:
    parts = name.split(":")
    tail = parts[-1]
    if len(parts) >= 3:
        return tail
    if tail.startswith("connect-"):
        return tail.removeprefix("connect-")
    for product in (
        "jira-service-management",
        "servicedesk",
        "servicemanagement",
        "jira",
        "confluence",
    ):
        if tail.startswith(product):
            return "jira-service-management" if product.startswith("service") else product
    return "platform"


def risk_of(name: str, rules: dict[str, Any]) -> tuple[str, str]:
    """(tier, reason) for one scope, by the documented rule above."""
    if name in rules["overrides"]:
        item = rules["overrides"][name]
        return item["risk"], item["why"]
    parts = name.split(":")
    verb = parts[0]
    tier = rules["verbs"].get(verb)
    if tier is None:
        return "high", f"unknown verb `{verb}`: treated as high until classified"
    if tier == "medium" and len(parts) >= 3:
        entity = parts[-2]
        if entity in rules["read_entity_high"]:
            return "high", f"reads {entity} data"
        if entity in rules["read_entity_low"]:
            return "low", f"reads {entity} metadata, not content"
    return tier, f"`{verb}` scopes are {tier} risk"


TIERS = ("low", "medium", "high", "critical")


def classic_caps(replacements: dict[str, list[str]], rules: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Granular scope -> (tier, classic scope): the lowest tier of the classic scopes that
    include it. A granular scope is never riskier than a classic one that can do all it does,
    or moving to granular scopes would turn a passing app into a risk finding."""
    caps: dict[str, tuple[str, str]] = {}
    for classic, granular in sorted(replacements.items()):
        tier, _why = risk_of(classic, rules)
        for name in granular:
            if name not in caps or TIERS.index(tier) < TIERS.index(caps[name][0]):
                caps[name] = (tier, classic)
    return caps


def capped(risk: tuple[str, str], cap: tuple[str, str] | None) -> tuple[str, str]:
    """The scope's own (tier, reason), or the cap when that is lower."""
    if cap is None or TIERS.index(cap[0]) >= TIERS.index(risk[0]):
        return risk
    return cap[0], f"no riskier than `{cap[1]}`, the classic scope that includes it"


#: a product's scope that gives its app user the administer permission (Connect's `ADMIN`)
ADMIN_SCOPES = {"jira": "manage:jira-configuration", "confluence": "manage:confluence-configuration"}


def admin_operation(op: dict[str, Any], product: str) -> str | None:
    """The product's configuration scope when the operation's Connect scope is `ADMIN` and its
    OAuth scopes do not include that scope; else None."""
    scope = ADMIN_SCOPES.get(product)
    if scope is None or op.get("x-atlassian-connect-scope") != "ADMIN":
        return None
    listed = {s for e in op.get("x-atlassian-oauth2-scopes") or [] for s in e.get("scopes") or []}
    return None if scope in listed else scope


def openapi_operations(
    data_dir: Path, valid: set[str]
) -> tuple[dict[str, list[Any]], dict[str, str], dict[str, dict[str, list[list[str]]]]]:
    """Per product: [method, path template, [scope alternatives]]; scope descriptions; and
    per product, its configuration scope -> the operations `admin_operation` names."""
    operations: dict[str, dict[tuple[str, str], list[tuple[str, ...]]]] = defaultdict(dict)
    notes: dict[tuple[str, str, str], str] = {}
    descriptions: dict[str, str] = {}
    admin: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for filename, prefix, product in SPECS:
        spec = load_json(data_dir / "atlassian-openapi" / filename)
        for scheme in (spec.get("components", {}).get("securitySchemes") or {}).values():
            for flow in (scheme.get("flows") or {}).values():
                for scope, text in sorted((flow.get("scopes") or {}).items()):
                    if scope in valid and scope not in descriptions and text:
                        descriptions[scope] = " ".join(str(text).split())
        for raw_path, item in sorted(spec.get("paths", {}).items()):
            template = _PARAM.sub("{}", prefix + raw_path.rstrip("/"))
            for method in METHODS:
                op = item.get(method)
                if not isinstance(op, dict):
                    continue
                configuration = admin_operation(op, product)
                if configuration is not None:
                    admin[product][configuration].add((method.upper(), template))
                alternatives = operation_alternatives(op, valid)
                key = (method.upper(), template)
                if alternatives and key not in operations[product]:
                    operations[product][key] = alternatives
                    note = operation_note(op, alternatives, filename)
                    if note:
                        notes[(product, *key)] = note
    for method, template, scope, inferred in devops_operations(data_dir):
        key = (method, template)
        if scope in valid and key not in operations["jira"]:
            operations["jira"][key] = [(scope,)]
            if inferred:
                notes[("jira", *key)] = INFERRED_NOTE
    result = {
        product: [
            [m, p, [list(a) for a in alts], *([notes[(product, m, p)]] if (product, m, p) in notes else [])]
            for (m, p), alts in sorted(ops.items())
        ]
        for product, ops in sorted(operations.items())
    }
    admin_rows = {
        product: {scope: [list(op) for op in sorted(ops)] for scope, ops in sorted(scopes.items())}
        for product, scopes in sorted(admin.items())
    }
    return result, descriptions, admin_rows


def devops_operations(data_dir: Path) -> list[tuple[str, str, str, bool]]:
    """Jira Software DevOps operations (builds, deployments, feature flags…), which the
    bundled spec gives no scope: (method, template, Forge scope, whether it is inferred)."""
    data = load_json(data_dir / "atlassian-openapi" / "jira-devops-scopes.json")
    return sorted(
        (
            str(op["method"]).upper(),
            _PARAM.sub("{}", str(op["path"]).rstrip("/")),
            str(op["forge_scope"]),
            bool(op.get("inferred")),
        )
        for op in data.get("operations") or []
        if op.get("forge_scope") and op.get("method") and op.get("path")
    )


_NOTICE = re.compile(r"\*\*(Classic|Granular)\*\*: ((?:`[^`]+`(?:, )?)+)")
_CLASSIC_JIRA = ("read:jira-work", "write:jira-work", "manage:jira-project", "manage:jira-configuration")


def notice_alternatives(op: dict[str, Any], valid: set[str]) -> list[tuple[str, ...]]:
    """The scope sets a deprecation notice in the description says the operation will need
    ("The required OAuth 2.0 scopes will be updated on …: Classic `read:jira-work`; Granular
    `read:permission:jira`"): the notice is newer than the operation's scope entries."""
    description = str(op.get("description") or "")
    if "scopes will be updated" not in description:
        return []
    found = []
    for _kind, names in _NOTICE.findall(description):
        scopes = tuple(sorted(re.findall(r"`([^`]+)`", names)))
        if scopes and all(s in valid for s in scopes):
            found.append(scopes)
    return found


def operation_note(op: dict[str, Any], alternatives: list[tuple[str, ...]], filename: str) -> str:
    """Why a call of this operation without its scopes may still work (SC401 is then unsure)."""
    current = [e for e in op.get("x-atlassian-oauth2-scopes") or [] if e.get("state", "Current") == "Current"]
    notice = "scopes will be updated" in str(op.get("description") or "")
    if current and not any(e.get("scopes") for e in current) and not notice:
        return "the spec requires no scope for this operation yet; its Beta scope is optional"
    states = {e.get("state", "Current") for e in op.get("x-atlassian-oauth2-scopes") or []}
    if states and "Current" not in states and not op.get("security"):
        return "the spec lists only a Beta scope for this operation; a call may work without it"
    if filename == "confluence-v1-full.json.gz" and op.get("deprecated"):
        return (
            "a deprecated Confluence v1 operation whose public access Atlassian announced it "
            "would remove (RFC-19, 2024); whether it still answers is unknown"
        )
    if filename == "jira-software.json.gz" and not any(s in _CLASSIC_JIRA for a in alternatives for s in a):
        return (
            "the bundled Jira Software spec (2024) lists only granular scopes for this operation; "
            "a classic Jira scope may serve it too"
        )
    return ""


#: `security` keys whose scopes forge lint reads when an operation has no `x-atlassian-oauth2-scopes`
#: (Bitbucket's lower-case `oauth2` lists its own OAuth consumer scopes, which forge lint ignores)
FORGE_SECURITY_KEYS = ("OAuth2", "oAuthDefinitions")
#: `x-atlassian-oauth2-scopes` states forge lint requires (current) or accepts instead (beta)
FORGE_STATES = ("Current", "Beta")


def operation_alternatives(op: dict[str, Any], valid: set[str]) -> list[tuple[str, ...]]:
    """Scope sets of which any one satisfies the operation.

    Sets of scopes Forge accepts; when no such set remains, the sets forge lint requires
    (its `Current` and `Beta` entries, or its `security` scopes), kept as they are so a call
    to the operation is still reported with the scopes it needs, although an app cannot
    request them (SC401 says so).
    """
    found: list[tuple[str, ...]] = []
    fallback: list[tuple[str, ...]] = []
    entries = op.get("x-atlassian-oauth2-scopes") or []
    for entry in entries:
        scopes = tuple(sorted(entry.get("scopes") or []))
        if scopes and all(s in valid for s in scopes) and scopes not in found:
            found.append(scopes)
        elif scopes and entry.get("state", "Current") in FORGE_STATES and scopes not in fallback:
            fallback.append(scopes)
    for requirement in op.get("security") or []:
        for key, scopes_list in requirement.items():
            scopes = tuple(sorted(scopes_list or []))
            if scopes and all(s in valid for s in scopes) and scopes not in found:
                found.append(scopes)
            elif scopes and not entries and key in FORGE_SECURITY_KEYS and scopes not in fallback:
                fallback.append(scopes)
    for scopes in notice_alternatives(op, valid):
        if scopes not in found:
            found.append(scopes)
    return sorted(found or fallback)


#: how much a verb lets an app do; a replacement never does more than the classic scope
VERB_RANK = {"read": 1, "readonly": 1, "search": 1, "view": 1, "validate": 1, "write": 2, "send": 2,
             "import": 2, "moderate": 2, "delete": 3, "redact": 3, "manage": 4, "admin": 4}  # fmt: skip
#: what a classic verb reaches: a classic `write` scope also deletes (Atlassian accepts
#: `write:jira-work` for DELETE /rest/api/3/issue/{id}, `write:confluence-content` for deleting pages)
CLASSIC_REACH = {**VERB_RANK, "write": VERB_RANK["delete"]}


def granular_replacements(operations: dict[str, list[Any]], kinds: dict[str, str]) -> dict[str, list[str]]:
    """For each classic scope: the granular scopes that operations accept in its place.

    Only granular scopes whose verb does no more than the classic one reaches count: the
    specs list odd alternatives (a webhook DELETE that also accepts `read:jira-work`), which
    are no advice.
    """
    replacements: dict[str, set[str]] = defaultdict(set)
    for ops in operations.values():
        for _method, _path, alternatives, *_note in ops:
            classic = [a for a in alternatives if all(kinds.get(s) == "classic" for s in a)]
            granular = [a for a in alternatives if all(kinds.get(s) == "granular" for s in a)]
            for alt in classic:
                for scope in alt:
                    limit = CLASSIC_REACH.get(scope.split(":")[0], 4)
                    for galt in granular:
                        replacements[scope].update(
                            g for g in galt if VERB_RANK.get(g.split(":")[0], 4) <= limit
                        )
    return {k: sorted(v) for k, v in sorted(replacements.items()) if v}


def compass_requirements(data: dict[str, Any]) -> dict[str, Any]:
    """What each Compass call needs, as alternative scope sets: `@atlassian/forge-graphql`
    methods (`compass.asApp().getComponent`: every root field it sends, each met by any one of
    its scopes) and the root fields of `query { compass { ... } }` / `mutation { compass {...} }`."""

    def alternatives(all_of_any_of: list[list[str]]) -> list[list[str]]:
        sets: list[frozenset[str]] = [frozenset()]
        for any_of in all_of_any_of:
            sets = [s | {scope} for s in sets for scope in any_of]
        return [list(alt) for alt in sorted({tuple(sorted(s)) for s in sets if s})]

    methods = {
        item["method"]: alternatives(item["schema_requirement_all_of_any_of"]) for item in data["sdk_methods"]
    }
    fields: dict[str, dict[str, list[list[str]]]] = {}
    for api, items in data["graphql_fields"].items():
        kind = "mutation" if api.startswith("CompassCatalogMutationApi") else "query"
        fields[kind] = {item["field"]: [[s] for s in sorted(item["scopes_any_of"])] for item in items}
    return {
        "methods": dict(sorted(methods.items())),
        **{k: dict(sorted(v.items())) for k, v in fields.items()},
    }


def build(data_dir: Path) -> dict[str, Any]:
    """Every output file's content, by file name."""
    forge = data_dir / "forge"
    rules = load_json(RULES_FILE)
    valid = set(load_json(forge / "scopes.json"))
    graph = set(load_json(forge / "teamwork-graph-scopes.json"))
    platform = set(rules["platform_scopes"])
    interactive = set(load_json(forge / "scopes-interactive-consent.json"))
    deprecated: dict[str, str | None] = {name: None for name in load_json(forge / "deprecated-scopes.json")}
    deprecated.update(rules["deprecated"])
    operations, descriptions, admin = openapi_operations(data_dir, valid)
    kinds = {name: scope_kind(name, graph, platform) for name in valid}
    replacements = granular_replacements(operations, kinds)
    usage_count: dict[str, int] = defaultdict(int)
    for ops in operations.values():
        for _m, _p, alternatives, *_note in ops:
            # only sets a Forge app can request: a scope is no use beside one Forge does not offer
            for scope in {s for alt in alternatives if all(x in valid for x in alt) for s in alt}:
                usage_count[scope] += 1

    caps = classic_caps(replacements, rules)
    scopes: dict[str, Any] = {}
    for name in sorted(valid):
        risk, why = capped(risk_of(name, rules), caps.get(name))
        entry: dict[str, Any] = {
            "kind": kinds[name],
            "product": scope_product(name),
            "risk": risk,
            "risk_basis": why,
            "operations": usage_count.get(name, 0),
        }
        if name in descriptions:
            entry["description"] = descriptions[name]
        if name in replacements:
            entry["granular"] = replacements[name]
        if name in deprecated:
            entry["deprecated"] = True
            if deprecated[name]:
                entry["replacement"] = deprecated[name]
        if name in interactive:
            entry["interactive_consent"] = True
        scopes[name] = entry

    events = {}
    for item in load_json(forge / "product-event-scopes.json")["mapping"]:
        scopes_by_state = item["oAuthScopes"]
        events[item["productEvent"]] = {
            state: sorted(scopes_by_state[state])
            for state in ("current", "beta", "deprecated")
            if scopes_by_state.get(state)
        }
    # live doc events the Confluence events page documents (https://developer.atlassian.com/
    # platform/forge/events-reference/confluence/, 2025: "Page, live doc, and blog post events
    # require the OAuth scope read:confluence-content.summary") but @forge/manifest's mapping
    # lacks: the sets its other live doc events (started, snapshotted) have
    for name in DOCUMENTED_LIVE_DOC_EVENTS:
        events.setdefault(name, events["avi:confluence:started:page"])
    modules = {
        "types": load_json(forge / "module-types.json"),
        "scopes": {
            item["moduleType"]: sorted(item["oAuthScopes"])
            for item in load_json(forge / "module-scopes.json")["mapping"]
        },
        "agent_contexts": {
            item["productContext"]: sorted(item["oAuthScopes"]["current"])
            for item in load_json(forge / "agent-context-scopes.json")["mapping"]
        },
    }
    connect = load_json(data_dir / "atlassian-connect" / "permissions.json")
    implies = connect_implications(connect, valid)
    return {
        "scopes.json": {"scopes": scopes, "connect_implies": implies},
        "events.json": {"events": dict(sorted(events.items())), "modules": modules},
        "endpoints.json": operations,
        "admin_operations.json": admin,
        "compass.json": compass_requirements(load_json(forge / "compass-scopes.json")),
    }


def connect_implications(connect: Any, valid: set[str]) -> dict[str, list[str]]:
    """Forge connect-style scope -> the connect-style scopes it includes (transitively)."""
    entries = connect if isinstance(connect, list) else connect.get("scopes", connect.get("permissions", []))
    direct: dict[str, set[str]] = defaultdict(set)
    by_name = {e["name"]: e for e in entries}
    for entry in entries:
        for product, forge_name in (entry.get("forge_equivalent") or {}).items():
            if forge_name not in valid:
                continue
            for implied in (entry.get("implies") or {}).get(product, []):
                target = (by_name.get(implied, {}).get("forge_equivalent") or {}).get(product)
                if target in valid and target != forge_name:
                    direct[forge_name].add(target)
    closed: dict[str, list[str]] = {}
    for name in sorted(direct):
        seen: set[str] = set()
        stack = list(direct[name])
        while stack:
            item = stack.pop()
            if item not in seen:
                seen.add(item)
                stack.extend(direct.get(item, ()))
        closed[name] = sorted(seen)
    return closed


def render(content: Any) -> str:
    return json.dumps(content, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(data_dir: Path, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in build(data_dir).items():
        target = output / name
        tmp = target.with_suffix(".tmp")
        tmp.write_text(render(content), encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="reference data folder")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the catalog files go")
    args = parser.parse_args(argv)
    if not (args.data / "forge" / "scopes.json").is_file():
        print(f"error: {args.data} does not hold forge/scopes.json", file=sys.stderr)
        return 2
    for path in write_all(args.data, args.output):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
