"""What a Forge manifest asks for, as PermissionRequests: the one place this is computed."""

from __future__ import annotations

from scopecheck.core.permissions import PermissionRequest
from scopecheck.ecosystems.forge.model import Manifest


def requests(manifest: Manifest) -> tuple[PermissionRequest, ...]:
    """Scopes, egress addresses, content relaxations and remotes, in manifest order.

    An egress item that names a remote (`{remote: billing}`) is the remote's request only
    when `remotes:` does not define it; a scope or address listed twice is two requests (the
    rules say so once).
    """
    found: list[PermissionRequest] = []
    for scope in manifest.scopes:
        found.append(PermissionRequest("scope", scope.name, scope.span, "scopes", scope.name))
    for entry in manifest.egress:
        if entry.address is not None:
            found.append(
                PermissionRequest(
                    "egress",
                    entry.address,
                    entry.span,
                    "egress",
                    entry.address,
                    detail=entry.kind,
                    user_data=entry.in_scope_eud,
                )
            )
        elif entry.remote and manifest.remote(entry.remote) is None:
            # a reference to a remote `remotes:` does not define: the reference is the request
            found.append(
                PermissionRequest("remote", entry.remote, entry.span, "remotes", entry.remote, via=entry.kind)
            )
    for item in manifest.content:
        key = f"{item.kind}:{item.value}"
        found.append(PermissionRequest("content", item.value, item.span, "content", key, detail=item.kind))
    for remote in manifest.remotes:
        found.append(
            PermissionRequest(
                "remote",
                remote.key,
                remote.span,
                "remotes",
                remote.key,
                detail=remote.base_url,
                detail_span=remote.base_url_span,
                user_data=remote.in_scope_eud,
                uses=remote.operations,
            )
        )
    return tuple(found)
