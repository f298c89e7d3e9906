"""What the Forge packages export, as analysis values, and the scopes their non-HTTP APIs need.

UI Kit property hooks. Each hook's page says "The OAuth scope required are: ..."
and lists one set of scopes (no classic/granular alternative is documented),
so each hook has a single alternative:

- `useIssueProperty`: read:jira-work, write:jira-work
  (https://developer.atlassian.com/platform/forge/ui-kit/hooks/use-issue-property, updated Nov 11, 2024)
- `useContentProperty`: read:page:confluence, write:page:confluence
  (https://developer.atlassian.com/platform/forge/ui-kit/hooks/use-content-property/, updated Nov 11, 2024)
- `useSpaceProperty`: read:space:confluence, write:space:confluence
  (https://developer.atlassian.com/platform/forge/ui-kit/hooks/use-space-property, updated Nov 11, 2024)

The same hooks exported by the UI Kit 1 package `@forge/ui` are given the
same scopes. All six scope names are in Forge's own scope list
(`shared/data/forge/scopes.json`, @forge/manifest 13.7.0).

The App storage API needs `storage:app`
(https://developer.atlassian.com/platform/forge/manifest-reference/scopes-forge/: "storage:app
Enables the App storage API"); `@forge/kvs` is the same key-value store.

`NotificationApi`: the Forge docs say nothing of it, but forge lint (@forge/lint
6.3.1, notification-api-visitor and its verifier) requires `send:app-notification:jira`
or `send:app-notification:confluence` wherever a name `NotificationApi` is imported;
scopecheck does the same, at the import.
"""

from __future__ import annotations

from scopecheck.analysis import values as v

STORAGE_SCOPES: tuple[tuple[str, ...], ...] = (("storage:app",),)

HOOK_SCOPES: dict[str, tuple[tuple[str, ...], ...]] = {
    # forge lint (@forge/lint 6.3.1, ui-hook-verifier) also accepts the granular read scope
    "useIssueProperty": (("read:jira-work", "write:jira-work"), ("read:issue.property:jira",)),
    "useContentProperty": (("read:page:confluence", "write:page:confluence"),),
    "useSpaceProperty": (("read:space:confluence", "write:space:confluence"),),
}

NOTIFICATION_SCOPES: tuple[tuple[str, ...], ...] = (
    ("send:app-notification:jira",),
    ("send:app-notification:confluence",),
)

PRODUCTS = {"requestJira": "jira", "requestConfluence": "confluence", "requestBitbucket": "bitbucket"}

#: packages whose exports mean something to the analysis
FORGE_PACKAGES = frozenset({"@forge/api", "@forge/bridge", "@forge/kvs", "@forge/react", "@forge/ui"})
#: packages whose default export is a `fetch`
FETCH_PACKAGES = frozenset({"node-fetch", "cross-fetch", "undici", "isomorphic-fetch", "isomorphic-unfetch"})
#: imports that make a file front-end code (a global `fetch` there runs in the browser)
FRONTEND_PACKAGES = frozenset({"@forge/bridge", "@forge/react", "react"})

_UI_PACKAGES = ("@forge/react", "@forge/ui")


def package_value(package: str) -> v.Value:
    """The value of the package as a whole (its default export or namespace)."""
    if package in FETCH_PACKAGES:
        return v.FetchFn(backend=None)
    if package == "@forge/kvs":
        return v.StorageRef("@forge/kvs")
    return v.Module(package)


def export_value(package: str, name: str) -> v.Value:
    """The value of `import { name } from package` (or `package.name`)."""
    if name == "default":
        return package_value(package)
    if package == "@forge/api":
        return _forge_api(name)
    if package == "@forge/bridge" and name in PRODUCTS:
        return v.Bound(PRODUCTS[name], "bridge", None)
    if package == "@forge/kvs":
        # `kvs`, `kvs.entity(...)`: data; capitalised exports (WhereConditions, Sort...) build queries
        return v.StorageRef("@forge/kvs") if name[:1].islower() else v.Unknown(f"`{name}` from @forge/kvs")
    if package in _UI_PACKAGES:
        if name in HOOK_SCOPES:
            return v.Hook(name)
        if name == "Image":
            return v.ImageComponent()
    return v.Unknown(f"`{name}` from {package}")


def _forge_api(name: str) -> v.Value:
    if name == "asApp":
        return v.AsFn(as_user=False)
    if name == "asUser":
        return v.AsFn(as_user=True)
    if name == "fetch":
        return v.FetchFn(backend=True)
    if name == "storage":
        return v.StorageRef(None)
    if name == "route":
        return v.RouteTag()
    if name == "assumeTrustedRoute":
        return v.TrustedRoute()
    if name in PRODUCTS:
        return v.Bound(PRODUCTS[name], "api", None)
    return v.Unknown(f"`{name}` from @forge/api")


def member_value(value: v.Value, name: str) -> v.Value | None:
    """`value.name` for Forge objects; None when `value` is not one."""
    if isinstance(value, v.Module):
        return export_value(value.package, name)
    if isinstance(value, v.Requester):
        if name in PRODUCTS:
            return v.Bound(PRODUCTS[name], "api", value.as_user)
        return v.Unknown(f"`{name}` of a requester")
    if isinstance(value, v.StorageRef):
        return v.StorageOp(value.reason or f"storage.{name}")
    return None
