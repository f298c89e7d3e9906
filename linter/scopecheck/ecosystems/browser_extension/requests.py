"""What an extension asks the browser for, as PermissionRequests: the one place this is computed.

Every name under `permissions`/`optional_permissions` is a permission, justified in the
registry under `permissions:`; every host pattern under `host_permissions`/
`optional_host_permissions` (MV2: under `permissions`) and every content script `matches`
pattern is a host permission, justified under `hosts:` (the Chrome Web Store asks for one
justification per permission and for the host permissions). A content script pattern also
listed as a host permission is one request, at its `host_permissions` line. Each data type
Firefox's `browser_specific_settings.gecko.data_collection_permissions` declares (but
`none`) is justified under `data-collection:`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scopecheck.core.permissions import PermissionRequest

if TYPE_CHECKING:
    from scopecheck.ecosystems.browser_extension.model import Extension, Value

PERMISSIONS = "permissions"
HOSTS = "hosts"
DATA = "data-collection"


def requests(extension: Extension) -> tuple[PermissionRequest, ...]:
    found: list[PermissionRequest] = []
    for values, detail, noun in (
        (extension.permissions, "permissions", "permission"),
        (extension.optional_permissions, "optional_permissions", "optional permission"),
    ):
        found.extend(_request(value, PERMISSIONS, detail, noun) for value in values)
    hosts: set[str] = set()
    for values, detail, noun in (
        (extension.host_permissions, "host_permissions", "host permission"),
        (extension.optional_host_permissions, "optional_host_permissions", "optional host permission"),
        (
            tuple(m for script in extension.content_scripts for m in script.matches),
            "content_scripts",
            "content script match",
        ),
    ):
        for value in values:
            if value.value in hosts:
                continue
            hosts.add(value.value)
            found.append(_request(value, HOSTS, detail, noun))
    if extension.gecko is not None:  # Firefox's data collection types, each justified too
        for values, detail, noun in (
            (extension.gecko.data_collection, "data_collection_required", "data collection type"),
            (
                extension.gecko.optional_data_collection,
                "data_collection_optional",
                "optional data collection type",
            ),
        ):
            found.extend(_request(v, DATA, detail, noun) for v in values if v.value != "none")
    return tuple(found)


def _request(value: Value, section: str, detail: str, noun: str) -> PermissionRequest:
    return PermissionRequest(
        "scope",
        value.value,
        value.span,
        section,
        value.value,
        detail=detail,
        noun=noun,
        entry_path=(section, value.value),
    )
