"""What an app asks for, each value with the span to point at.

Ecosystem neutral on purpose: the Forge adapter fills it; another adapter
(GitHub Actions, Chrome extensions) could fill it without touching the rules.
"""

from __future__ import annotations

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.source.files import SourceText


@record
class ScopeRequest:
    name: str
    span: Span
    allow_impersonation: bool = False


@record
class EgressEntry:
    """One item under `permissions.external.<kind>`: an address or a `{remote: key}` reference."""

    kind: str  # fetch.backend, fetch.client, images, media, scripts, styles, frames, fonts, navigation
    address: str | None
    remote: str | None
    span: Span
    category: str | None = None
    in_scope_eud: bool | None = None

    @property
    def subject(self) -> str:
        return self.address if self.address is not None else f"remote:{self.remote}"


@record
class ContentRelaxation:
    kind: str  # scripts | styles
    value: str
    span: Span


@record
class Remote:
    key: str
    span: Span
    base_url: str | None = None
    base_url_span: Span | None = None
    operations: tuple[str, ...] = ()
    app_system_token: bool = False
    app_user_token: bool = False
    in_scope_eud: bool | None = None


@record
class Service:
    """One item of the top-level `services` (Forge Containers): a container whose code, in any
    language, runs on Atlassian's infrastructure and may call product APIs and app storage."""

    key: str
    span: Span


@record
class ModuleEvent:
    name: str
    span: Span


@record
class ProductContext:
    """One item of a Rovo agent's `productContexts` (`jira`, `confluence`)."""

    name: str
    span: Span


@record
class Module:
    type: str
    key: str | None
    span: Span
    function: str | None = None
    resource: str | None = None
    events: tuple[ModuleEvent, ...] = ()
    product_contexts: tuple[ProductContext, ...] = ()
    #: `auth.appSystemToken.enabled` / `auth.appUserToken.enabled` (endpoint modules)
    app_system_token: bool = False
    app_user_token: bool = False
    #: `dynamicProperties.function`: the key of the `function` module that computes the
    #: module's title, icon or status at run time (and where that key is written)
    dynamic_function: str | None = None
    dynamic_function_span: Span | None = None
    #: `resolver.function`: the key of the `function` module whose resolver the module's
    #: front ends `invoke`
    resolver_function: str | None = None
    #: every resource the module shows, at any depth (`resource`, `edit.resource`, ...)
    resource_keys: tuple[str, ...] = ()


@record
class ProviderRemote:
    """A remote listed in `providers.auth[].remotes`: the external OAuth provider's API, which
    Forge calls with the user's token, so it must be declared in `permissions.external.fetch.backend`."""

    provider: str  # the provider's key
    remote: str  # the remote's key
    span: Span  # the item in `remotes:`


@record
class Resource:
    """A Custom UI or UI Kit resource: its files are front-end code."""

    key: str
    path: str
    span: Span


@record
class Manifest:
    path: str
    source: SourceText
    app_id: str | None = None
    runtime: str | None = None
    #: `app.connect.key`: the Connect app this Forge app continues (Connect on Forge)
    connect_key: str | None = None
    connect_key_span: Span | None = None
    #: `app.connect` or `connectModules` is present: a Connect on Forge app, which alone
    #: uses the `*:connect-*` scopes
    connect_part: bool = False
    #: `app.storage.entities` (custom entities): they live in the app storage (`storage:app`)
    storage_entities_span: Span | None = None
    modules: tuple[Module, ...] = ()
    remotes: tuple[Remote, ...] = ()
    services: tuple[Service, ...] = ()
    scopes: tuple[ScopeRequest, ...] = ()
    egress: tuple[EgressEntry, ...] = ()
    content: tuple[ContentRelaxation, ...] = ()
    resources: tuple[Resource, ...] = ()
    providers: tuple[str, ...] = ()  # keys of `providers.auth` (external OAuth providers)
    provider_remotes: tuple[ProviderRemote, ...] = ()
    #: the remotes an auth provider's `actions` (authorization, exchange, ...) name: Forge
    #: calls them; whether egress must list them is not documented, so they are never unused
    provider_action_remotes: tuple[ProviderRemote, ...] = ()
    permissions_span: Span | None = None
    scopes_span: Span | None = None

    @property
    def scope_names(self) -> frozenset[str]:
        return frozenset(s.name for s in self.scopes)

    def remote(self, key: str) -> Remote | None:
        return next((r for r in self.remotes if r.key == key), None)

    @property
    def module_keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.modules if m.key)

    def module(self, module_type: str, key: str) -> Module | None:
        """The first module of `module_type` whose key is `key`."""
        return next((m for m in self.modules if m.type == module_type and m.key == key), None)
