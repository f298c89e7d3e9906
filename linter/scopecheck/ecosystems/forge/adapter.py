"""Forge `manifest.yml` nodes to the Manifest model: the only Forge-aware parser.

Anything of the wrong shape becomes a problem with a position (SC001) and is
skipped, so one bad item never hides the rest of the file. Duplicated keys are
read from every copy: two `permissions:` sections are both checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from scopecheck.core.addresses import parse_address
from scopecheck.ecosystems.forge.model import (
    ContentRelaxation,
    EgressEntry,
    Manifest,
    Module,
    ModuleEvent,
    ProductContext,
    ProviderRemote,
    Remote,
    Resource,
    ScopeRequest,
    Service,
)
from scopecheck.source.yaml_nodes import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlDocument,
    YamlProblem,
    type_name,
)

EGRESS_KINDS = (
    "fetch.backend",
    "fetch.client",
    "images",
    "media",
    "scripts",
    "styles",
    "frames",
    "fonts",
    "navigation",
)
CONTENT_KINDS = ("scripts", "styles")
#: keys that only mean something under `permissions:`; at the top level Forge ignores them
_MISPLACED = ("scopes", "external", "content")
#: modules whose `dynamicProperties.function` returns an icon the product loads as an image:
#: forge lint (@forge/lint 6.3.1 dynamic-properties-linter) checks icons only when one of
#: them has `dynamicProperties.function`
DYNAMIC_ICON_MODULES = frozenset({"confluence:contentBylineItem", "jira:issueGlance", "jira:issueContext"})


@dataclass
class _Reader:
    doc: YamlDocument
    problems: list[YamlProblem] = field(default_factory=list)

    def problem(self, message: str, node: Node, subject: str | None = None) -> None:
        # a subject keeps the finding's fingerprint stable when the wording changes
        self.problems.append(YamlProblem(message, node.span, subject=subject or "manifest"))

    def expect(self, node: Node, kind: type, where: str, wanted: str) -> bool:
        if isinstance(node, kind):
            return True
        if isinstance(node, Scalar) and node.value is None:
            return False  # an empty section (`scopes:` with nothing) is allowed
        self.problem(f"`{where}` must be {wanted}, found {type_name(node)}", node, subject=where)
        return False

    def string(self, node: Node | None, where: str) -> str | None:
        if node is None or (isinstance(node, Scalar) and node.value is None):
            return None
        if isinstance(node, Scalar) and isinstance(node.value, str):
            return node.value
        if isinstance(node, Scalar):
            return node.text  # numbers and booleans as written: still a readable value
        self.problem(f"`{where}` must be a string, found {type_name(node)}", node)
        return None


def _clip(text: str, limit: int) -> str:
    """Keep a message one line, whatever was written in the manifest."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_manifest(doc: YamlDocument) -> tuple[Manifest | None, list[YamlProblem]]:
    """The model (None when the file is unusable) and every shape problem found."""
    if not doc.usable or doc.source is None:
        return None, []
    reader = _Reader(doc)
    root = doc.root
    if not isinstance(root, Mapping):
        assert root is not None
        reader.problem(f"a Forge manifest must be a mapping at the top level, found {type_name(root)}", root)
        return None, reader.problems
    for name in _MISPLACED:
        for key, _value in root.get_all(name):
            reader.problem(
                f"`{name}` at the top level is ignored by Forge; move it under `permissions:`",
                key,
                subject=name,
            )
    scopes: list[ScopeRequest] = []
    egress: list[EgressEntry] = []
    content: list[ContentRelaxation] = []
    permissions_span = scopes_span = None
    for key, section in root.get_all("permissions"):
        permissions_span = permissions_span or key.span
        if not reader.expect(section, Mapping, "permissions", "a mapping"):
            continue
        assert isinstance(section, Mapping)
        for scopes_key, node in section.get_all("scopes"):
            if scopes_span is None:
                scopes_span = node.span if isinstance(node, Sequence) else scopes_key.span
            scopes.extend(_scopes(reader, node))
        for _key, node in section.get_all("external"):
            egress.extend(_external(reader, node))
        for _key, node in section.get_all("content"):
            content.extend(_content(reader, node))
    app = root.get("app")
    app_id = runtime = connect_key = None
    connect_key_span = entities_span = None
    connect_part = root.get("connectModules") is not None
    if app is not None and reader.expect(app, Mapping, "app", "a mapping"):
        assert isinstance(app, Mapping)
        app_id = reader.string(app.get("id"), "app.id")
        runtime_node = app.get("runtime")
        if isinstance(runtime_node, Mapping):
            runtime = reader.string(runtime_node.get("name"), "app.runtime.name")
        storage = app.get("storage")
        entities = storage.get("entities") if isinstance(storage, Mapping) else None
        if isinstance(entities, Sequence) and entities.items:
            entities_span = entities.span
        connect = app.get("connect")  # Connect on Forge: the Connect app's key
        connect_part = connect_part or connect is not None
        if connect is not None and reader.expect(connect, Mapping, "app.connect", "a mapping"):
            assert isinstance(connect, Mapping)
            key_node = connect.get("key")
            connect_key = reader.string(key_node, "app.connect.key")
            if connect_key is not None and key_node is not None:
                connect_key_span = key_node.span
    manifest = Manifest(
        path=doc.source.display,
        source=doc.source,
        app_id=app_id,
        runtime=runtime,
        connect_key=connect_key,
        connect_key_span=connect_key_span,
        connect_part=connect_part,
        storage_entities_span=entities_span,
        modules=tuple(_modules(reader, root)),
        remotes=tuple(_remotes(reader, root)),
        services=tuple(_services(root)),
        resources=tuple(_resources(reader, root)),
        providers=tuple(_providers(root)),
        provider_remotes=tuple(_provider_remotes(root)),
        provider_action_remotes=tuple(_provider_action_remotes(root)),
        scopes=tuple(scopes),
        egress=tuple(egress),
        content=tuple(content),
        permissions_span=permissions_span,
        scopes_span=scopes_span,
    )
    return manifest, reader.problems


def _scopes(reader: _Reader, node: Node) -> Iterator[ScopeRequest]:
    if isinstance(node, Mapping):  # object form: {read:jira-work: {allowImpersonation: true}}
        for name, key, options in node.items():
            yield ScopeRequest(name, key.span, _scope_options(reader, name, key, options))
        return
    if not reader.expect(node, Sequence, "permissions.scopes", "a list of scope names"):
        return
    assert isinstance(node, Sequence)
    for item in node.items:
        if isinstance(item, Scalar) and isinstance(item.value, str) and item.value.strip():
            yield ScopeRequest(item.value, item.span)
        elif isinstance(item, Scalar) and isinstance(item.value, str):
            reader.problem("empty scope name in `permissions.scopes`", item)
        else:
            reader.problem(
                f"each scope in `permissions.scopes` must be a string like `read:jira-work`, "
                f"found {type_name(item)}",
                item,
            )


def _scope_options(reader: _Reader, name: str, key: Node, options: Node) -> bool:
    """`allowImpersonation` of one scope in the object form, reporting any other shape.

    Forge's manifest schema (@forge/manifest 13.7.0, `AppPermissionsSchema.scopes`) takes a
    list of names, or an object whose values are `{allowImpersonation: <boolean>}` and nothing
    else; Atlassian documents the object form for offline user impersonation.
    """
    where = f"`{_clip(name, 60)}` in `permissions.scopes`"
    if not isinstance(options, Mapping):
        reader.problem(
            f"{where} needs a mapping of options (`{{}}` or `{{allowImpersonation: true}}`), "
            f"found {type_name(options)}; to list scope names, write each as `- {_clip(name, 60)}`",
            key if isinstance(options, Scalar) and options.value is None else options,
            subject=name,
        )
        return False
    impersonate = False
    for option, option_key, value in options.items():
        if option != "allowImpersonation":
            reader.problem(
                f"unknown option `{option}` for {where} (Forge allows only `allowImpersonation`)", option_key
            )
        elif isinstance(value, Scalar) and isinstance(value.value, bool):
            impersonate = value.value
        else:
            reader.problem(
                f"`allowImpersonation` of {where} must be true or false, found {type_name(value)}", value
            )
    return impersonate


def _external(reader: _Reader, node: Node) -> Iterator[EgressEntry]:
    if not reader.expect(node, Mapping, "permissions.external", "a mapping"):
        return
    assert isinstance(node, Mapping)
    for kind, key, value in node.items():
        if kind == "fetch":
            if not reader.expect(value, Mapping, "permissions.external.fetch", "a mapping"):
                continue
            assert isinstance(value, Mapping)
            for sub, sub_key, items in value.items():
                full = f"fetch.{sub}"
                if full not in EGRESS_KINDS:
                    reader.problem(
                        f"unknown egress kind `permissions.external.{full}` "
                        "(expected fetch.backend or fetch.client)",
                        sub_key,
                        subject=full,
                    )
                    continue
                yield from _egress_items(reader, full, items)
        elif kind in EGRESS_KINDS:
            yield from _egress_items(reader, kind, value)
        elif kind == "configurable":
            continue  # `configurable: {enabled: true}` lets admins add hosts; it names none itself
        else:
            expected = ", ".join(k for k in EGRESS_KINDS if not k.startswith("fetch.")) + ", fetch"
            reader.problem(
                f"unknown egress kind `permissions.external.{kind}` (expected one of {expected})",
                key,
                subject=kind,
            )


def _egress_items(reader: _Reader, kind: str, node: Node) -> Iterator[EgressEntry]:
    where = f"permissions.external.{kind}"
    if not reader.expect(node, Sequence, where, "a list of addresses"):
        return
    assert isinstance(node, Sequence)
    for item in node.items:
        if isinstance(item, Scalar) and isinstance(item.value, str) and item.value.strip():
            if _checked_address(reader, item.value.strip(), item, where):
                yield EgressEntry(kind, item.value.strip(), None, item.span)
        elif isinstance(item, Mapping):
            address = item.get("address")
            remote = item.get("remote")
            category = item.get("category")
            eud = item.get("inScopeEUD")
            in_scope = eud.value if isinstance(eud, Scalar) and isinstance(eud.value, bool) else None
            category_text = reader.string(category, f"{where}[].category")
            if address is not None:
                text = reader.string(address, f"{where}[].address")
                if text and _checked_address(reader, text.strip(), address, where):
                    yield EgressEntry(kind, text.strip(), None, address.span, category_text, in_scope)
            elif remote is not None:
                text = reader.string(remote, f"{where}[].remote")
                if text:
                    yield EgressEntry(kind, None, text, remote.span, category_text, in_scope)
            else:
                reader.problem(f"an item of `{where}` needs `address` or `remote`", item)
        else:
            reader.problem(
                f"each item of `{where}` must be an address string or a mapping with `address` "
                f"or `remote`, found {type_name(item)}",
                item,
            )


def _checked_address(reader: _Reader, text: str, node: Node, where: str) -> bool:
    """False (with an SC001 problem) for an address Forge could never match: no host, a bad
    port. `${VAR}` placeholders are set at deploy time and pass."""
    if "${" in text:
        return True
    address = parse_address(text)
    problem = None
    if not address.host or address.host in (".", "*."):
        problem = f"`{text}` in `{where}` names no host"
    elif address.port is not None and not (address.port.isdigit() and 0 < int(address.port) < 65536):
        problem = f"`{text}` in `{where}` has an invalid port `{address.port}`"
    if problem:
        reader.problem(problem, node, subject=text)
    return problem is None


def _content(reader: _Reader, node: Node) -> Iterator[ContentRelaxation]:
    if not reader.expect(node, Mapping, "permissions.content", "a mapping"):
        return
    assert isinstance(node, Mapping)
    for kind, key, value in node.items():
        if kind not in CONTENT_KINDS:
            reader.problem(
                f"unknown key `permissions.content.{kind}` (expected scripts or styles)",
                key,
                subject=kind,
            )
            continue
        where = f"permissions.content.{kind}"
        if not reader.expect(value, Sequence, where, "a list"):
            continue
        assert isinstance(value, Sequence)
        for item in value.items:
            text = reader.string(item, f"{where}[]")
            if text and text.strip(" '\""):
                # CSP writes keywords quoted ('unsafe-inline'); Forge accepts both spellings
                yield ContentRelaxation(kind, text.strip().strip("'\"").strip(), item.span)


def _modules(reader: _Reader, root: Mapping) -> Iterator[Module]:
    for _key, modules in root.get_all("modules"):
        if not reader.expect(modules, Mapping, "modules", "a mapping of module types"):
            continue
        assert isinstance(modules, Mapping)
        for module_type, _type_key, items in modules.items():
            if not isinstance(items, Sequence):
                continue  # Forge's own validation reports module shape problems
            for item in items.items:
                if isinstance(item, Mapping):
                    yield _module(reader, module_type, item)


def _module(reader: _Reader, module_type: str, item: Mapping) -> Module:
    def text(name: str) -> str | None:
        node = item.get(name)
        return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None

    key_node = item.get("key")
    events = list(_events(reader, module_type, text("key"), item.get("events")))
    contexts: list[ProductContext] = []
    contexts_node = item.get("productContexts")  # Rovo agents (`rovo:agentConnector`)
    if isinstance(contexts_node, Sequence):
        for context in contexts_node.items:
            if isinstance(context, Scalar) and isinstance(context.value, str):
                contexts.append(ProductContext(context.value, context.span))
    dynamic = item.get("dynamicProperties")  # `{function: <key of a function module>}`
    dynamic_node = dynamic.get("function") if isinstance(dynamic, Mapping) else None
    dynamic_function = dynamic_span = None
    if (
        isinstance(dynamic_node, Scalar)
        and isinstance(dynamic_node.value, str)
        and dynamic_node.value.strip()
    ):
        dynamic_function, dynamic_span = dynamic_node.value.strip(), dynamic_node.span
    function = text("function") or text("handler")
    if function is not None and "\0" in function:  # no module or file name holds one
        reader.problem("a module's `handler` or `function` holds a NUL character", item, subject="handler")
        function = None
    return Module(
        type=module_type,
        key=text("key"),
        span=key_node.span if key_node is not None else item.span,
        function=function,
        resource=text("resource"),
        events=tuple(events),
        product_contexts=tuple(contexts),
        app_system_token=_token_enabled(item, "appSystemToken"),
        app_user_token=_token_enabled(item, "appUserToken"),
        dynamic_function=dynamic_function,
        dynamic_function_span=dynamic_span,
        resolver_function=_resolver_function(item),
        resource_keys=tuple(dict.fromkeys(_resource_keys(item))),
    )


def _resolver_function(item: Mapping) -> str | None:
    """`resolver: {function: key}`: the function module that answers the module's `invoke`s."""
    resolver = item.get("resolver")
    function = resolver.get("function") if isinstance(resolver, Mapping) else None
    if isinstance(function, Scalar) and isinstance(function.value, str) and function.value.strip():
        return function.value.strip()
    return None


def _resource_keys(node: Node | None, depth: int = 0) -> Iterator[str]:
    """The value of every `resource:` key in a module's item, nested ones too (a custom
    field's `edit.resource`, a gadget's `edit.resource`)."""
    if isinstance(node, Mapping) and depth < 8:
        for name, _key, value in node.items():
            if name == "resource" and isinstance(value, Scalar) and isinstance(value.value, str):
                yield value.value.strip()
            else:
                yield from _resource_keys(value, depth + 1)
    elif isinstance(node, Sequence) and depth < 8:
        for value in node.items:
            yield from _resource_keys(value, depth + 1)


def _events(reader: _Reader, module_type: str, key: str | None, node: Node | None) -> Iterator[ModuleEvent]:
    """A module's product events: a list of names or of `{eventType, filter}` items. A lone
    name is reported (Forge wants a list) and still read, so the scopes it needs are checked."""
    if node is None or (isinstance(node, Scalar) and node.value is None):
        return
    where = f"`events` of {module_type} `{key or '?'}`"
    if isinstance(node, Scalar) and isinstance(node.value, str):
        reader.problem(f"{where} must be a list of event names, found a string; write `- {node.value}`", node)
        yield ModuleEvent(node.value, node.span)
        return
    if not isinstance(node, Sequence):
        reader.problem(f"{where} must be a list of event names, found {type_name(node)}", node)
        return
    for event in node.items:
        name = event.get("eventType") if isinstance(event, Mapping) else event
        if isinstance(name, Scalar) and isinstance(name.value, str) and name.value.strip():
            yield ModuleEvent(name.value, name.span)
        else:
            reader.problem(
                f"each item of {where} must be an event name or a mapping with `eventType`, "
                f"found {type_name(event)}",
                event,
            )


def dynamic_icon_handlers(manifest: Manifest) -> tuple[str | None, ...]:
    """The `handler` (`index.props`) of each function a dynamic-properties module of
    `DYNAMIC_ICON_MODULES` names in `dynamicProperties.function`, without repeats, in manifest
    order; None for a key that no `function` module has (its code cannot be found)."""
    handlers: list[str | None] = []
    for module in manifest.modules:
        if module.type not in DYNAMIC_ICON_MODULES or module.dynamic_function is None:
            continue
        function = manifest.module("function", module.dynamic_function)
        handler = function.function if function is not None else None
        if handler not in handlers:
            handlers.append(handler)
    return tuple(handlers)


def _remotes(reader: _Reader, root: Mapping) -> Iterator[Remote]:
    for _key, remotes in root.get_all("remotes"):
        if not reader.expect(remotes, Sequence, "remotes", "a list"):
            continue
        assert isinstance(remotes, Sequence)
        for item in remotes.items:
            if not isinstance(item, Mapping):
                reader.problem(
                    f"each remote must be a mapping with `key` and `baseUrl`, found {type_name(item)}",
                    item,
                )
                continue
            key_node = item.get("key")
            key = reader.string(key_node, "remotes[].key")
            if not key or key_node is None:
                reader.problem("a remote needs a `key`", item)
                continue
            base, base_url = _base_url(reader, key, item.get("baseUrl"))
            operations = item.get("operations")
            ops = tuple(
                op.value
                for op in (operations.items if isinstance(operations, Sequence) else [])
                if isinstance(op, Scalar) and isinstance(op.value, str)
            )
            yield Remote(
                key=key,
                span=key_node.span,
                base_url=base_url,
                base_url_span=base.span if base is not None else None,
                operations=ops,
                app_system_token=_token_enabled(item, "appSystemToken"),
                app_user_token=_token_enabled(item, "appUserToken"),
                in_scope_eud=_storage_eud(item),
            )


def _base_url(reader: _Reader, key: str, node: Node | None) -> tuple[Node | None, str | None]:
    """(the node, the URL) of a remote's `baseUrl`: a URL, or a mapping of regions to URLs whose
    `default` stands for them all. Anything else is reported and read as no URL."""
    where = f"`baseUrl` of remote `{key}`"
    if node is None or (isinstance(node, Scalar) and node.value is None):
        return None, None
    if isinstance(node, Mapping):
        urls = [(region, value) for region, _key, value in node.items()]
        for region, value in urls:
            _url(reader, value, f"{where} for region `{region}`")
        default = node.get("default")
        if default is None:
            reader.problem(f"{where} maps regions to URLs but has no `default`", node)
            return None, None
        return default, _url(reader, default, where)
    return node, _url(reader, node, where)


def _url(reader: _Reader, node: Node, where: str) -> str | None:
    """The text of an absolute http(s) URL with a host; anything else is an SC001 problem.
    `${VAR}` placeholders are set at deploy time and pass."""
    if not (isinstance(node, Scalar) and isinstance(node.value, str)):
        reader.problem(f"{where} must be a URL like `https://api.example.com`, found {type_name(node)}", node)
        return None
    text = node.value.strip()
    if "${" in text:
        return text
    address = parse_address(text)
    if address.scheme not in ("https", "http") or not address.host or any(c.isspace() for c in text):
        reader.problem(
            f"{where} must be a URL like `https://api.example.com`, found `{_clip(text, 80)}`", node
        )
        return None
    return text


def _token_enabled(item: Mapping, name: str) -> bool:
    """`auth.<name>.enabled: true` on a remote or an endpoint module, or a `${VAR}` Forge fills
    in at deploy time (it may be true: taken as enabled, so nothing it serves looks unused)."""
    auth = item.get("auth")
    token = auth.get(name) if isinstance(auth, Mapping) else None
    enabled = token.get("enabled") if isinstance(token, Mapping) else None
    if not isinstance(enabled, Scalar):
        return False
    return enabled.value is True or (isinstance(enabled.value, str) and "${" in enabled.value)


def _storage_eud(remote: Mapping) -> bool | None:
    storage = remote.get("storage")
    eud = storage.get("inScopeEUD") if isinstance(storage, Mapping) else None
    return eud.value if isinstance(eud, Scalar) and isinstance(eud.value, bool) else None


def _resources(reader: _Reader, root: Mapping) -> Iterator[Resource]:
    for _key, resources in root.get_all("resources"):
        for item in resources.items if isinstance(resources, Sequence) else ():
            if not isinstance(item, Mapping):
                continue
            key, path = item.get("key"), item.get("path")
            if isinstance(key, Scalar) and isinstance(path, Scalar) and isinstance(path.value, str):
                if "\0" in path.value:  # `"build\0x"`: no file name holds one
                    reader.problem("`resources[].path` holds a NUL character, which no path can", path)
                    continue
                yield Resource(str(key.value), path.value, path.span)


def _providers(root: Mapping) -> Iterator[str]:
    for _key, providers in root.get_all("providers"):
        auth = providers.get("auth") if isinstance(providers, Mapping) else None
        for item in auth.items if isinstance(auth, Sequence) else ():
            key = item.get("key") if isinstance(item, Mapping) else None
            if isinstance(key, Scalar) and isinstance(key.value, str):
                yield key.value


def _provider_action_remotes(root: Mapping) -> Iterator[ProviderRemote]:
    """Each remote an auth provider's `actions` name (`exchange: {remote: google-oauth}`):
    Forge calls them in the OAuth flow."""
    for _key, providers in root.get_all("providers"):
        auth = providers.get("auth") if isinstance(providers, Mapping) else None
        for item in auth.items if isinstance(auth, Sequence) else ():
            if not isinstance(item, Mapping):
                continue
            actions = item.get("actions")
            if not isinstance(actions, Mapping):
                continue
            key = item.get("key")
            provider = key.value if isinstance(key, Scalar) and isinstance(key.value, str) else ""
            for _name, _key_node, action in actions.items():
                remote = action.get("remote") if isinstance(action, Mapping) else None
                if isinstance(remote, Scalar) and isinstance(remote.value, str) and remote.value.strip():
                    yield ProviderRemote(provider, remote.value.strip(), remote.span)


def _services(root: Mapping) -> Iterator[Service]:
    """Each keyed item of the top-level `services` (Forge Containers)."""
    for _key, services in root.get_all("services"):
        for item in services.items if isinstance(services, Sequence) else ():
            key = item.get("key") if isinstance(item, Mapping) else None
            if isinstance(key, Scalar) and isinstance(key.value, str) and key.value.strip():
                yield Service(key.value.strip(), key.span)


def _provider_remotes(root: Mapping) -> Iterator[ProviderRemote]:
    """Each remote key in `providers.auth[].remotes`, with the provider's key."""
    for _key, providers in root.get_all("providers"):
        auth = providers.get("auth") if isinstance(providers, Mapping) else None
        for item in auth.items if isinstance(auth, Sequence) else ():
            if not isinstance(item, Mapping):
                continue
            key, remotes = item.get("key"), item.get("remotes")
            provider = key.value if isinstance(key, Scalar) and isinstance(key.value, str) else ""
            for remote in remotes.items if isinstance(remotes, Sequence) else ():
                if isinstance(remote, Scalar) and isinstance(remote.value, str) and remote.value.strip():
                    yield ProviderRemote(provider, remote.value.strip(), remote.span)
