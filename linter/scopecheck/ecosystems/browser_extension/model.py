"""A browser extension's `manifest.json` (Chrome, Firefox), each value with the span to point at.

Kept: what the extension asks the browser for (`permissions`, `optional_permissions`,
`host_permissions`, `optional_host_permissions`), what else reaches sites (content script
`matches`, `web_accessible_resources[].matches`, `externally_connectable`), the content
security policy, and where its code starts (background service worker or scripts, content
scripts, popup, options and other pages), plus Firefox's `browser_specific_settings`.
"""

from __future__ import annotations

from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.source.files import SourceText


@record
class Value:
    """A string of the manifest with where it is written."""

    value: str
    span: Span


@record
class ContentScript:
    span: Span  # the item of `content_scripts`
    matches: tuple[Value, ...] = ()
    exclude_matches: tuple[Value, ...] = ()
    js: tuple[Value, ...] = ()
    css: tuple[Value, ...] = ()
    world: str | None = None  # ISOLATED (default) | MAIN


@record
class WebResources:
    """One item of MV3 `web_accessible_resources`: files sites (or extensions) may load."""

    span: Span
    resources: tuple[Value, ...] = ()
    matches: tuple[Value, ...] = ()
    extension_ids: tuple[Value, ...] = ()


@record
class ExternallyConnectable:
    span: Span  # the key
    matches: tuple[Value, ...] = ()
    ids: tuple[Value, ...] = ()
    accepts_tls_channel_id: bool | None = None


@record
class Background:
    span: Span  # the key
    service_worker: Value | None = None
    scripts: tuple[Value, ...] = ()  # Firefox MV3 (event page), and every MV2 extension
    page: Value | None = None
    module: bool = False  # `"type": "module"`


@record
class Gecko:
    """`browser_specific_settings.gecko` (`applications.gecko` in MV2)."""

    span: Span  # the key
    id: Value | None = None
    strict_min_version: Value | None = None
    data_collection: tuple[Value, ...] = ()  # `data_collection_permissions.required`
    #: `data_collection_permissions.optional`
    optional_data_collection: tuple[Value, ...] = ()
    #: the `data_collection_permissions` key; None: not declared
    data_collection_span: Span | None = None


@record
class Extension:
    path: str  # display path of manifest.json
    source: SourceText
    manifest_version: int | None
    manifest_version_span: Span | None
    name: str | None = None
    #: the `permissions` key, where "these are my permissions" is written
    permissions_span: Span | None = None
    permissions: tuple[Value, ...] = ()
    optional_permissions: tuple[Value, ...] = ()
    host_permissions: tuple[Value, ...] = ()
    optional_host_permissions: tuple[Value, ...] = ()
    content_scripts: tuple[ContentScript, ...] = ()
    web_accessible_resources: tuple[WebResources, ...] = ()
    externally_connectable: ExternallyConnectable | None = None
    #: MV3 `{extension_pages, sandbox}` as (key, policy); MV2's single string as ("", policy)
    content_security_policy: tuple[tuple[str, Value], ...] = ()
    background: Background | None = None
    #: extension pages that run code: popup, options, side panel, devtools, overrides...
    pages: tuple[tuple[str, Value], ...] = ()
    gecko: Gecko | None = None
    #: the manifest's file name says it is Firefox's (`manifest.firefox.json`)
    firefox_file: bool = False
    #: a Thunderbird add-on (Thunderbird-only keys, or a `thunderbird` folder): Gecko too, but
    #: not listed on addons.mozilla.org
    thunderbird: bool = False

    @property
    def targets_firefox(self) -> bool:
        """Firefox-specific settings (`browser_specific_settings.gecko`), or a Firefox manifest;
        not a Thunderbird add-on."""
        return (self.gecko is not None or self.firefox_file) and not self.thunderbird

    @property
    def is_mv2(self) -> bool:
        return self.manifest_version == 2

    def all_permissions(self) -> tuple[Value, ...]:
        return (*self.permissions, *self.optional_permissions)

    def all_hosts(self) -> tuple[Value, ...]:
        return (*self.host_permissions, *self.optional_host_permissions)


def is_host_pattern(text: str) -> bool:
    """A match pattern (`https://*.example.com/*`, `<all_urls>`) rather than a permission name."""
    return text == "<all_urls>" or "://" in text
