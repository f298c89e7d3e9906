"""What the app needs, and which requested scopes cover it.

Requirements come from the code (REST calls looked up in the endpoint catalog,
storage, UI Kit hooks) and from the manifest (trigger events, module types,
remotes with app tokens). Each has alternative scope sets; any one complete
set satisfies it. The cover picks one satisfied set per requirement, sharing
scopes where it can, so that every requested scope is either needed, redundant
(it only serves a requirement another requested set already covers) or unused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field, replace

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.ecosystems.forge.catalog import Catalog, EventCatalog
from scopecheck.ecosystems.forge.catalog.endpoints import (
    INFERRED_NOTE,
    PARAM,
    SPANS,
    EndpointCatalog,
    Operation,
    load_admin_operations,
)
from scopecheck.ecosystems.forge.code.usage import ANY_PRODUCT, GATEWAY, STORAGE, ApiCall, Usage
from scopecheck.ecosystems.forge.model import Manifest, Module, Remote

#: scope products -> the product a `requestX` call reaches
CALL_PRODUCT = {
    "jira": "jira",
    "jira-software": "jira",
    "jira-service-management": "jira",
    "confluence": "confluence",
    "bitbucket": "bitbucket",
}
#: platform scopes whose use scopecheck can see
TRACKED_PLATFORM = frozenset(
    {"storage:app", "read:app-system-token", "read:app-user-token", "read:me", "report:personal-data"}
)
#: platform scopes served by the api.atlassian.com gateway (`requestAtlassian`, `requestGraph`,
#: product GATEWAY): a gateway call scopecheck cannot pin makes them unsure, as an unknown Jira
#: call makes Jira's; a call of product ANY_PRODUCT (a request function or package the analysis
#: does not read) could need any scope
GATEWAY_SCOPES = frozenset({"read:me", "report:personal-data"})
#: the scopes that only let Forge pass an app token to a remote: a token made with nothing
#: else can call no API, so Forge wants at least one other scope (forge lint: "Missing app scopes")
APP_TOKEN_SCOPES = frozenset({"read:app-system-token", "read:app-user-token"})
#: module types whose `productContexts` need scopes (@forge/manifest
#: agent-product-context-scopes-validator; contexts mapped in catalog `agent_contexts`)
AGENT_MODULE_TYPES = ("rovo:agentConnector",)


@record
class Requirement:
    alternatives: tuple[tuple[str, ...], ...]
    label: str  # "GET /rest/api/3/issue/{}", "event avi:jira:created:issue", "storage.set"
    span: Span
    kind: str  # call | event | module | storage | hook | remote
    product: str | None = None
    via: tuple[Span, ...] = ()
    #: why the call may work without these scopes ("" when nothing is in doubt): SC401 is unsure
    doubt: str = ""
    #: why no manifest entry point reaches it ("" when one may): it may never run
    #: ("no handler or resource imports src/old.js")
    unreached: str = ""


@record
class Unresolved:
    """A call scopecheck could not pin to one operation, and the scopes it could need."""

    call: ApiCall
    why: str  # "path is the variable `p`", "GET /rest/x is in no published spec; ..."
    #: every scope an operation it could hit accepts; None: any scope of its product
    scopes: frozenset[str] | None = None
    #: why no entry point runs it ("" when one may): then it can only make a finding medium
    unreached: str = ""

    def could_need(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes

    def describe(self) -> str:
        """`src/a.js:3: path is the variable `p``"""
        return f"{self.call.span.path}:{self.call.span.line}: {self.why}"


@record
class Needs:
    requirements: tuple[Requirement, ...] = ()
    #: calls scopecheck could not pin to an operation (dynamic path or method, unknown endpoint)
    unresolved: tuple[Unresolved, ...] = ()
    code_seen: bool = False
    #: requirement index -> the requested set chosen to cover it
    chosen: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def used(self) -> frozenset[str]:
        return frozenset(s for alternative in self.chosen.values() for s in alternative)

    @property
    def used_where_reached(self) -> frozenset[str]:
        """The scopes picked for requirements in code some entry point reaches."""
        return frozenset(
            s
            for index, alternative in self.chosen.items()
            if not self.requirements[index].unreached
            for s in alternative
        )

    def satisfied_by(
        self, scope: str, requested: frozenset[str]
    ) -> list[tuple[Requirement, tuple[str, ...]]]:
        """Requirements that a requested set containing `scope` would satisfy."""
        return [
            (req, alt)
            for req in self.requirements
            for alt in req.alternatives
            if scope in alt and set(alt) <= requested
        ]

    def unresolved_for(self, product: str | None, scope: str | None = None) -> list[Unresolved]:
        """The unresolved calls of `product` (that could need `scope`, when it is given). A
        GraphQL query or `requestAtlassian` path not pinned may read any product through the
        gateway (`jira { issueByKey }`), so it counts for every product; app storage is not
        behind the product gateway, so only a remote or a package not read counts for it."""
        could_reach = (STORAGE, ANY_PRODUCT) if product == STORAGE else (product, ANY_PRODUCT, GATEWAY)
        return [
            u
            for u in self.unresolved
            if product is not None
            and u.call.product in could_reach
            and (scope is None or u.could_need(scope))
        ]


def call_product(catalog: Catalog, scope: str) -> str | None:
    if scope == "storage:app":
        return STORAGE
    if scope in GATEWAY_SCOPES:
        return GATEWAY
    info = catalog.get(scope)
    if info is not None and info.product == "compass" and info.kind == "granular":
        return GATEWAY  # Compass is read and written through the GraphQL gateway
    return CALL_PRODUCT.get(info.product) if info is not None else None


def traced(catalog: Catalog, scope: str) -> tuple[bool, str]:
    """Whether scopecheck can tell if a scope is used (so SC402 can call it unused), and how,
    or why not: `scopecheck explain` prints it."""
    info = catalog.get(scope)
    if scope == "storage:app":
        return (
            True,
            "from storage and @forge/kvs calls and app.storage.entities; a remote holding the app token keeps it unsure",
        )
    if scope in APP_TOKEN_SCOPES:
        return True, "from the remotes and endpoint modules that receive app tokens"
    if scope == "read:me":
        return (
            True,
            "from requestAtlassian('/me'); a GraphQL query or a remote holding the app token keeps it unsure",
        )
    if scope == "report:personal-data":
        return (
            True,
            "from privacy.reportPersonalData calls (@forge/api); a request to api.atlassian.com "
            "scopecheck cannot pin or a remote holding the app token keeps it unsure",
        )
    if info is None:
        return False, "not a scope Forge knows"
    if info.product == "compass" and info.kind == "granular":
        return True, (
            "from @atlassian/forge-graphql calls, Compass events and the compass:dataProvider module; "
            "a GraphQL query scopecheck does not read (requestGraph) keeps it unsure"
        )
    if info.kind == "connect":
        return True, "from the manifest: it serves only a Connect on Forge app (app.connect, connectModules)"
    if trackable(catalog, scope):
        return (
            True,
            f"from the REST calls in the code ({info.operations} operations of Atlassian's specs accept it), events and modules",
        )
    if info.kind == "graph":
        return (
            False,
            "a Teamwork Graph scope: requestTeamworkGraph needs one of them, which one depends on the query",
        )
    if info.kind == "platform":
        return (
            False,
            "a platform scope whose use the code does not show (a module, a Rovo agent, a remote may need it)",
        )
    if info.operations == 0 and info.product in CALL_PRODUCT:
        return (
            False,
            f"no REST operation in Atlassian's {info.product} specs accepts it, so no call shows a use; "
            "a module, event or GraphQL query may still need it",
        )
    if info.operations == 0:
        return (
            False,
            f"no REST operation in the bundled specs accepts it ({info.product} APIs are not in them)",
        )
    return False, f"{info.product} calls are not traced"


def trackable(catalog: Catalog, scope: str) -> bool:
    """Whether scopecheck can tell if a scope is used: product API scopes that some
    operation in the catalog accepts, and the platform scopes it understands."""
    if scope in TRACKED_PLATFORM:
        return True
    info = catalog.get(scope)
    if info is not None and info.product == "compass" and info.kind == "granular":
        return True  # @atlassian/forge-graphql methods, GraphQL fields, events, dataProvider
    return (
        info is not None
        and info.kind in ("classic", "granular")
        and info.operations > 0
        and info.product in CALL_PRODUCT
    )


def compute_needs(
    manifest: Manifest,
    usage: Usage | None,
    catalog: Catalog,
    events: EventCatalog,
    endpoints: EndpointCatalog,
) -> Needs:
    requirements = list(_manifest_requirements(manifest, events))
    unresolved: list[Unresolved] = []

    def could_serve(call: ApiCall) -> frozenset[str] | None:
        return endpoints.could_serve(call.product, call.path, call.method)

    for what, span in app_token_users(manifest):
        # its own server holds the app's token: whatever it calls, scopecheck cannot see
        why = f"{what} receives the app's token and may call product APIs or app storage with it"
        unresolved += _code_not_read(span, why)
    for service in manifest.services:
        why = f"service `{service.key}` runs a container whose code scopecheck does not read"
        unresolved += _code_not_read(service.span, why)
    unresolved += _unknown_events(manifest, events)
    if usage is not None:
        for call in usage.calls:
            if call.product in (GATEWAY, ANY_PRODUCT):
                unresolved.append(Unresolved(call, call.reason or _unlisted(call, False)))
                continue
            if not call.resolved:
                unresolved.append(Unresolved(call, call.reason or "not known statically", could_serve(call)))
                if call.path is not None and call.method is None:
                    # as forge lint does: an unknown method is checked as GET (the call
                    # stays unresolved, so unused-scope findings for its product stay unsure)
                    requirement = _checked_without_its_method(endpoints, call)
                    if requirement is not None:
                        requirements.append(requirement)
                continue
            assert call.method is not None and call.path is not None
            if _DOT_SEGMENT.search(_URL_IGNORED.sub("", call.path)):
                # `/rest/api/3/myself/../issue/{}`: URL parsing resolves it to another operation
                why = f"{call.method} {call.path}: a `.` or `..` segment is resolved before it is sent, so the operation is not known"
                unresolved.append(Unresolved(call, why))
                continue
            operation = endpoints.lookup(call.product, call.method, call.path)
            if operation is None:
                why = _unlisted(call, endpoints.publishes(call.product, call.path))
                unresolved.append(Unresolved(call, why, could_serve(call)))
                single = endpoints.lookup(call.product, call.method, call.path.replace(SPANS, PARAM))
                if SPANS in call.path and single is not None:
                    # most such pieces are one segment (an issue key): check that reading,
                    # unsure, as forge lint checks an unknown method as GET
                    doubt = "a `${...}` outside `route` may hold several path segments, so the operation may be another"
                    label = f"{single.label} (reading each `{{*}}` as one segment)"
                    requirements.append(
                        Requirement(
                            single.alternatives, label, call.span, "call", call.product, call.via, doubt=doubt
                        )
                    )
                continue
            if operation.note == INFERRED_NOTE:
                # its scope is a guess: it must not make another scope look certainly unused
                why = f"{operation.label}: its scope is inferred, not documented"
                unresolved.append(Unresolved(call, why, endpoints.family_scopes(call.product, call.path)))
            elif operation.note.endswith(CLASSIC_MAY_SERVE):
                # the 2024 Jira Software spec names granular scopes only: a classic Jira scope
                # the manifest requests may be the one that serves it
                why = f"{operation.label}: the Jira Software spec lists only granular scopes; {CLASSIC_MAY_SERVE}"
                classic = CLASSIC_JIRA_READ if operation.method == "GET" else CLASSIC_JIRA
                unresolved.append(Unresolved(call, why, classic))
            unresolved.extend(_app_user_needs(call, operation))
            requirements.append(
                Requirement(
                    operation.alternatives,
                    operation.label,
                    call.span,
                    "call",
                    call.product,
                    call.via,
                    doubt=call.doubt or operation.note,
                )
            )
        for need in usage.needs:
            kind = "storage" if "storage:app" in {s for alt in need.alternatives for s in alt} else "hook"
            requirements.append(
                Requirement(need.alternatives, need.reason, need.span, kind, doubt=need.doubt)
            )
    requested = manifest.scope_names
    if usage is not None and (usage.unreached or usage.uninvoked or usage.uncalled):
        requirements = [
            replace(r, unreached=why)
            if r.kind in ("call", "storage", "hook") and (why := _unreached(r, usage, manifest))
            else r
            for r in requirements
        ]
        unresolved = [
            replace(u, unreached=why)
            if (why := unreached_reason(u.call.span, usage, manifest, u.call.via))
            else u
            for u in unresolved
        ]
    return Needs(
        requirements=tuple(requirements),
        unresolved=tuple(unresolved),
        code_seen=usage is not None and usage.files_scanned > 0,
        chosen=cover(requirements, requested, catalog),
    )


def _app_user_needs(call: ApiCall, operation: Operation) -> list[Unresolved]:
    """An operation that needs the product's administer permission, called as the app (or
    maybe so): Forge gives the app's system user that permission with the product's
    configuration scope (FRGE-212), which the operation's OAuth scopes do not name. That
    scope is then possibly needed: SC402 on it is unsure (review 37, pravin-lyric/jira-forge:
    `asApp()` GET /rest/api/3/screens, whose scope is manage:jira-project)."""
    if call.as_user is True:
        return []
    found = []
    for scope, operations in load_admin_operations().get(call.product or "", {}).items():
        if (operation.method, operation.template) in operations:
            why = (
                f"{operation.label} needs the administer permission, which Forge gives the app's "
                f"own user with `{scope}`"
            )
            found.append(Unresolved(call, why, frozenset({scope})))
    return found


def _code_not_read(span: Span, why: str) -> list[Unresolved]:
    """Code scopecheck does not read (a remote's, a container's) may use any product API, the
    gateway and the app's storage."""
    return [
        Unresolved(ApiCall(product, None, None, span), why)
        for product in (*sorted(set(CALL_PRODUCT.values())), GATEWAY, STORAGE)
    ]


#: the product whose scopes an `avi:<family>:...` event needs (any `jira*` or `jsm*` family: Jira)
EVENT_PRODUCT = {"confluence": "confluence", "bitbucket": "bitbucket", "compass": GATEWAY}


def _checked_without_its_method(endpoints: EndpointCatalog, call: ApiCall) -> Requirement | None:
    """What a call whose method is only known at run time is checked as: GET, as forge lint
    does; on a path with no GET (`/rest/api/3/issue` is POST only), one of the methods the
    path has, since a call of any other fails. The call stays unresolved either way, so
    unused-scope findings for its product stay unsure."""
    assert call.path is not None
    operation = endpoints.lookup(call.product, "GET", call.path)
    if operation is not None:
        label = f"{operation.label} (method not known; checked as GET)"
        doubt = "the method is only known at run time, so the operation may be another"
        return Requirement(
            operation.alternatives, label, call.span, "call", call.product, call.via, doubt=doubt
        )
    operations = endpoints.at_path(call.product, call.path)
    if not operations:
        return None
    methods = " or ".join(operation.method for operation in operations)
    alternatives = tuple(dict.fromkeys(a for operation in operations for a in operation.alternatives))
    label = f"{methods} {operations[0].template} (method not known; the path has no GET)"
    doubt = f"the method is only known at run time; this path has no GET, so it is taken to be {methods}"
    return Requirement(alternatives, label, call.span, "call", call.product, call.via, doubt=doubt)


def _unknown_events(manifest: Manifest, events: EventCatalog) -> list[Unresolved]:
    """Trigger events the catalog does not list: Forge delivers one only with its scopes,
    which scopecheck does not know, so any scope of its product may be what it needs."""
    found = []
    for module in manifest.modules:
        for event in module.events:
            family = event.name.split(":")[1] if event.name.count(":") >= 2 else ""
            product = EVENT_PRODUCT.get(family) or ("jira" if family.startswith(("jira", "jsm")) else None)
            if product is not None and event.name not in events.events:
                why = f"trigger event `{event.name}` is not in Forge's published event list; the scopes it needs are unknown"
                found.append(Unresolved(ApiCall(product, None, None, event.span), why))
    return found


def _unreached(requirement: Requirement, usage: Usage, manifest: Manifest) -> str:
    return unreached_reason(requirement.span, usage, manifest, requirement.via)


def unreached_reason(span: Span, usage: Usage, manifest: Manifest, via: tuple[Span, ...] = ()) -> str:
    """Why no entry point runs the code at `span` ("" when one may): its file is imported by
    no handler or resource, it is in a resolver no front end invokes and the manifest does
    not name (a queue consumer's `method`), or in a function no code calls. A request made
    inside a helper (`via`) never runs either when, inside the helper, it sits in a statement
    no path reaches or in a nested function nothing calls."""
    return _reason_at(span, usage, manifest) or next(
        (
            f"in the helper it calls ({inner.path}:{inner.line}), {why}"
            for inner in via
            if (why := _uncalled_reason(inner, usage, manifest))
        ),
        "",
    )


def _reason_at(span: Span, usage: Usage, manifest: Manifest) -> str:
    if span.path in usage.unreached:
        return _unimported(span.path, manifest)
    for resolver in usage.uninvoked:
        where = resolver.span
        # one the manifest names runs: a queue consumer's `method`
        if _contains(where, span) and resolver.name not in _consumer_methods(manifest):
            how = resolver.why or "which no front end invokes"
            return f"it is in the resolver `{resolver.name}` ({where.path}:{where.line}), {how}"
    return _uncalled_reason(span, usage, manifest)


def _unimported(path: str, manifest: Manifest) -> str:
    """Why the file at `path` never runs; when a `function` module names it as its handler but
    nothing in the manifest names that module, the message says which module to wire or drop."""
    from scopecheck.ecosystems.forge.code.read import unnamed_function_modules

    unnamed = unnamed_function_modules(manifest)
    stem = path.rsplit(".", 1)[0]
    keys = [
        module.key
        for module in manifest.modules
        if module.key in unnamed
        and module.function
        and (stem + "/").endswith("src/" + module.function.rsplit(".", 1)[0] + "/")
    ]
    if not keys:
        return f"no handler or resource imports {path}"
    named = ", ".join(f"`{key}`" for key in sorted(keys))
    return (
        f"no handler or resource imports {path}; its function module {named} is named by no "
        "trigger, resolver or other module, so Forge never runs it"
    )


def _uncalled_reason(span: Span, usage: Usage, manifest: Manifest) -> str:
    for function in usage.uncalled:
        where = function.span
        if not _contains(where, span):
            continue
        if not function.names:
            if function.why:
                return function.why  # a statement no path reaches
            continue
        # the analysis leaves out the functions the manifest's handlers run (js/uncalled.py)
        what = f"it is in `{function.names[0]}` ({where.path}:{where.line})"
        return f"{what}: {function.why}" if function.why else f"{what}, which no code calls"
    return ""


def _contains(outer: Span, inner: Span) -> bool:
    return outer.path == inner.path and outer.start_offset <= inner.start_offset < outer.end_offset


def _consumer_methods(manifest: Manifest) -> set[str]:
    """The resolver definitions the manifest itself calls: each `method:` value (a queue
    consumer's `resolver.method`). Any other word of the manifest (a module key, a title, a
    function key) makes no code run."""
    return set(_METHOD.findall(manifest.source.text))


#: a `method:` value of the manifest (a queue consumer's resolver method)
_METHOD = re.compile(r"""(?m)^[ \t-]*method\s*:\s*['"]?([^'"\s#]+)""")


#: a `.` or `..` path segment, also percent-encoded (`%2e%2e`), which `route` lets through;
#: URL parsing reads `\` as `/` (`myself\..\issue`)
_DOT_SEGMENT = re.compile(r"(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\]|$|\?|#)", re.I)
#: what URL parsing removes from a path before it reads it (`'.\t.'` is `..`)
_URL_IGNORED = re.compile(r"[\t\n\r]")


def _unlisted(call: ApiCall, published_family: bool) -> str:
    """Why a call with a known method and path has no operation."""
    label = f"{call.method} {call.path}"
    if (call.path or "").startswith(("{}", "{*}")):
        return f"{label}: the path starts with a `${{...}}` value scopecheck does not know, so the operation is not known"
    if published_family and "{*}" in (call.path or ""):
        return f"{label}: the `{{*}}` piece (a `${{...}}` outside `route`) may hold several path segments, so more than one operation, or none, may be called"
    if published_family and "{}" in (call.path or ""):
        return f"{label} matches no published operation"
    return f"{label} is in no published spec; its scope is unknown"


#: how the catalog marks a Jira Software operation (catalog/build.py)
CLASSIC_MAY_SERVE = "a classic Jira scope may serve it too"
#: the classic Jira scopes (a GET needs no write or manage scope)
CLASSIC_JIRA = frozenset(
    {
        "read:jira-work",
        "write:jira-work",
        "read:jira-user",
        "manage:jira-project",
        "manage:jira-configuration",
    }
)
CLASSIC_JIRA_READ = frozenset({"read:jira-work", "read:jira-user"})


#: Forge's scope page: `read:chat:rovo` "Enables actions from your Forge app to be used by
#: agents created by customers" (shared/data/forge/platform-scopes.json, marked inferred)
ROVO_ACTION_SCOPE = "read:chat:rovo"
_ROVO_ACTION_DOUBT = "the app's own agents use its actions without it; only agents customers create need it"


#: the `compass:dataProvider` module page ("Required permissions"): providing events needs
#: write:component:compass and write:event:compass, providing metrics write:metric:compass
#: (shared/data/forge/compass-scopes.json `data_provider_module`). Which of the two a
#: provider sends is in its code (DataProviderResponse options), not yet traced: unsure.
DATA_PROVIDER_SCOPES = {
    "events": ("write:component:compass", "write:event:compass"),
    "metrics": ("write:metric:compass",),
}


#: module types whose scopes Atlassian documents outside @forge/manifest's mapping: the
#: workflow post function page (and ECO-68, "forge lint does not throw any error ... without
#: scopes read:jira-work and manage:jira-configuration"): Jira sends it issue and workflow data
DOCUMENTED_MODULE_SCOPES: dict[str, tuple[str, ...]] = {
    "jira:workflowPostFunction": ("manage:jira-configuration", "read:jira-work"),
}


def _manifest_requirements(manifest: Manifest, events: EventCatalog) -> Iterable[Requirement]:
    if manifest.storage_entities_span is not None:
        # custom entities are stored by the app storage API: "storage:app" (scopes page)
        yield Requirement(
            (("storage:app",),), "app.storage.entities", manifest.storage_entities_span, "storage"
        )
    provider = next((module for module in manifest.modules if module.type == "compass:dataProvider"), None)
    if provider is not None:
        for data, provided in DATA_PROVIDER_SCOPES.items():
            yield Requirement(
                (provided,),
                f"compass:dataProvider {provider.key or ''} providing {data}".replace("  ", " "),
                provider.span,
                "module",
                doubt=f"whether the provider sends {data} is in its code, which is not traced yet",
            )
    action = next((module for module in manifest.modules if module.type == "action"), None)
    if action is not None:
        yield Requirement(
            ((ROVO_ACTION_SCOPE,),),
            f"Rovo action {action.key or 'action'}",
            action.span,
            "module",
            doubt=_ROVO_ACTION_DOUBT,
        )
    for module in manifest.modules:
        for event in module.events:
            scopes = events.events.get(event.name)
            if scopes is not None and scopes.alternatives:
                yield Requirement(scopes.alternatives, f"event {event.name}", event.span, "event")
        module_scopes = events.module_scopes.get(module.type) or DOCUMENTED_MODULE_SCOPES.get(module.type)
        if module_scopes:
            yield Requirement((module_scopes,), f"module type {module.type}", module.span, "module")
        if module.type in AGENT_MODULE_TYPES:
            for context in module.product_contexts:
                context_scopes = events.agent_contexts.get(context.name)
                if context_scopes:
                    label = f"Rovo agent {module.key or module.type} (product context {context.name})"
                    yield Requirement((context_scopes,), label, context.span, "module")
        name = f"{module.type} {module.key or ''}".rstrip()
        yield from _token_requirements(module, name, module.span, "module")
    for remote in manifest.remotes:
        yield from _token_requirements(remote, f"remote {remote.key}", remote.span, "remote")


def _token_requirements(owner: Module | Remote, name: str, span: Span, kind: str) -> Iterable[Requirement]:
    """The scope each app token a remote or endpoint module enables needs."""
    if owner.app_system_token:
        yield Requirement((("read:app-system-token",),), f"{name} (appSystemToken)", span, kind)
    if owner.app_user_token:
        yield Requirement((("read:app-user-token",),), f"{name} (appUserToken)", span, kind)


def app_token_users(manifest: Manifest) -> list[tuple[str, Span]]:
    """(what, where) for each remote or endpoint module with an app token enabled."""
    found = [
        (f"{module.type} `{module.key or module.type}`", module.span)
        for module in manifest.modules
        if module.app_system_token or module.app_user_token
    ]
    found += [
        (f"remote `{remote.key}`", remote.span)
        for remote in manifest.remotes
        if remote.app_system_token or remote.app_user_token
    ]
    return found


def cover(
    requirements: list[Requirement],
    requested: frozenset[str],
    catalog: Catalog,
    prefer: str | None = None,
) -> dict[int, tuple[str, ...]]:
    """Pick one satisfied alternative per requirement, reusing scopes already picked.

    Where a classic and a granular set both satisfy a requirement, the narrower granular
    set is kept (the classic scope is then the redundant one), unless `prefer` is classic.
    """
    options = {
        index: [alt for alt in req.alternatives if set(alt) <= requested]
        for index, req in enumerate(requirements)
    }
    avoid = "granular" if prefer == "classic" else "classic"
    chosen: dict[int, tuple[str, ...]] = {}
    for index, alternatives in options.items():  # forced choices first
        if len(alternatives) == 1:
            chosen[index] = alternatives[0]
    for _round in range(2):  # a second round lets early picks see later ones
        for index, alternatives in options.items():
            if len(alternatives) < 2:
                continue
            # what the other requirements picked (a scope this one picked may be theirs too)
            others = {s for i, alt in chosen.items() if i != index for s in alt}
            best = min(
                alternatives,
                key=lambda alt: (_new_of_kind(alt, others, avoid, catalog), *_cost(alt, others, catalog)),
            )
            chosen[index] = best
    return chosen


def _new_of_kind(alternative: tuple[str, ...], picked: set[str], kind: str, catalog: Catalog) -> int:
    return sum(1 for s in alternative if s not in picked and _kind(catalog, s) == kind)


def _cost(
    alternative: tuple[str, ...], picked: set[str], catalog: Catalog
) -> tuple[int, int, int, tuple[str, ...]]:
    """Fewest new scopes, then lowest risk, then fewest scopes; the name breaks ties."""
    new = [s for s in alternative if s not in picked]
    risks = [info.risk for s in new if (info := catalog.get(s)) is not None]
    risk = max((int(r) for r in risks), default=0)
    return (len(new), risk, len(alternative), alternative)


#: the two kinds of product scope Atlassian offers for the same operations
STYLES = ("classic", "granular")


def _kind(catalog: Catalog, scope: str) -> str | None:
    info = catalog.get(scope)
    return info.kind if info is not None else None


def scope_family(catalog: Catalog, scope: str) -> str | None:
    """The product a classic or granular scope belongs to (Jira Software and JSM are `jira`)."""
    info = catalog.get(scope)
    if info is None or info.kind not in STYLES:
        return None
    return CALL_PRODUCT.get(info.product, info.product)


def set_style(alternative: Iterable[str], catalog: Catalog) -> str | None:
    """`classic` for a set with a classic scope, `granular` for one with only granular
    product scopes (platform scopes aside), None for neither."""
    kinds = {_kind(catalog, s) for s in alternative}
    return next((style for style in STYLES if style in kinds), None)


def manifest_style(requested: Iterable[str], family: str, catalog: Catalog) -> str | None:
    """The one kind of scope the manifest requests for a product; None when it requests
    both kinds, or none."""
    kinds = {_kind(catalog, s) for s in requested if scope_family(catalog, s) == family}
    return kinds.pop() if len(kinds) == 1 else None


def requirement_style(
    requirement: Requirement, requested: frozenset[str], catalog: Catalog, prefer: str | None
) -> str | None:
    """The kind of scope set to propose: the user's preference, else the manifest's own."""
    if prefer is not None:
        return prefer
    family = next(
        (f for alt in requirement.alternatives for s in alt if (f := scope_family(catalog, s))), None
    )
    return manifest_style(requested, family, catalog) if family is not None else None


def proposed_set(
    requirement: Requirement, requested: frozenset[str], catalog: Catalog, prefer: str | None = None
) -> tuple[str, ...]:
    """The scope set to propose for an unmet requirement: of the kind the user prefers (or
    the manifest already uses, so a granular migration is not undone), then the fewest (then
    least risky) scopes to add."""
    style = requirement_style(requirement, requested, catalog, prefer)
    candidates = [alt for alt in requirement.alternatives if set_style(alt, catalog) == style]
    return min(candidates or requirement.alternatives, key=lambda alt: _cost(alt, set(requested), catalog))


def granular_for(
    needs: Needs, scope: str, requested: frozenset[str], catalog: Catalog
) -> tuple[tuple[str, ...], int]:
    """The granular scopes that could take over what a requested classic scope serves (sharing
    scopes between requirements where they can), and how many of the requirements it serves
    accept no granular set at all."""
    picked: set[str] = set()
    without = 0
    for requirement in dict.fromkeys(req for req, _alt in needs.satisfied_by(scope, requested)):
        granular = [alt for alt in requirement.alternatives if set_style(alt, catalog) == "granular"]
        if not granular:
            without += 1
            continue
        picked.update(min(granular, key=lambda alt: _cost(tuple(alt), picked, catalog)))
    return tuple(sorted(picked)), without
