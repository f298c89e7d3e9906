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

`requestTeamworkGraph` (on `api.asUser()`/`asApp()`): forge lint 6.3.1 (teamwork-graph-linter)
asks for any one of the Teamwork Graph scopes (`@forge/manifest` teamwork-graph-scopes.json)
wherever a call of that name is made; scopecheck asks the same, at each call, taking the
scopes of kind `graph` from its catalog.

`properties` (entity properties): `properties.onJiraIssue(key)`, `onJiraProject`,
`onConfluencePage` and `onConfluenceSpace`, each with `get`, `set` and `delete`, send the
product REST requests in PROPERTY_REQUESTS (from `shared/data/forge/sdk-operations.json`, read
from the @forge/api source; none marked inferred). They run as the app (`asApp()`), so the
scopes are those of the operations, looked up like any call.

`privacy.reportPersonalData` (@forge/api) needs `report:personal-data` (scopes page: "Enables
the User privacy API"; sdk-operations.json, from @forge/api 8.3.0 out/privacy). A requester's
`requestAtlassian('/me')` reads the User identity API, which needs `read:me`: inferred (no Forge
page documents `requestAtlassian`), so a missing `read:me` there is unsure.

The UI Kit 1 hooks: `@forge/ui-jira`'s `useIssueProperty` sends the same issue-property
requests as the @forge/react hook (sdk-operations.json, @forge/ui-jira 0.5.6), so it needs the
same scopes; `@forge/ui-confluence`'s hooks are given the scopes of the @forge/react hooks of
the same name, unsure, because that package's source is not available.

`NotificationApi`: the Forge docs say nothing of it, but forge lint (@forge/lint
6.3.1, notification-api-visitor and its verifier) requires `send:app-notification:jira`
or `send:app-notification:confluence` wherever a name `NotificationApi` is imported;
scopecheck does the same, at the import.
"""

from __future__ import annotations

from functools import cache

from scopecheck.ecosystems.forge.code.js import values as v

STORAGE_SCOPES: tuple[tuple[str, ...], ...] = (("storage:app",),)

HOOK_SCOPES: dict[str, tuple[tuple[str, ...], ...]] = {
    # @forge/react's jiraEntity.js: the first read GETs the property and POSTs it when it is
    # not there yet, the setter PUTs it, so a granular manifest needs the write scope too
    # (forge lint's ui-hook-verifier accepts the read scope alone)
    "useIssueProperty": (
        ("read:jira-work", "write:jira-work"),
        ("read:issue.property:jira", "write:issue.property:jira"),
    ),
    "useContentProperty": (("read:page:confluence", "write:page:confluence"),),
    "useSpaceProperty": (("read:space:confluence", "write:space:confluence"),),
}
#: the product each hook's requests reach
HOOK_PRODUCT = {
    "useIssueProperty": "jira",
    "useContentProperty": "confluence",
    "useSpaceProperty": "confluence",
}
#: what the older UI Kit 1 hooks (@forge/ui-confluence, whose source is not published) may
#: need besides: the Confluence v1 property API they were written against (GET, then PUT or
#: POST /wiki/rest/api/content|space/{id}/property/{key}, as the v1 spec scopes them)
_V1_PROPERTY_SCOPES: dict[str, tuple[tuple[str, ...], ...]] = {
    "useContentProperty": (
        ("read:confluence-props", "write:confluence-props"),
        (
            "read:content-details:confluence",
            "read:content.property:confluence",
            "write:content.property:confluence",
        ),
    ),
    "useSpaceProperty": (
        ("read:confluence-props", "write:confluence-props"),
        (
            "read:content-details:confluence",
            "read:space.property:confluence",
            "write:space.property:confluence",
        ),
    ),
}


def hook_scopes(name: str, unseen: bool) -> tuple[tuple[str, ...], ...]:
    """The scope sets a property hook may need; a hook whose package's source is not
    known (`unseen`) may also be served by the v1 property API's scopes."""
    return HOOK_SCOPES[name] + (_V1_PROPERTY_SCOPES.get(name, ()) if unseen else ())


#: `properties.<target>(id).<method>()` -> (product, the requests the SDK sends: method, path)
PROPERTY_REQUESTS: dict[tuple[str, str], tuple[str, tuple[tuple[str, str], ...]]] = {
    ("onJiraIssue", "get"): ("jira", (("GET", "/rest/api/3/issue/{}/properties/{}"),)),
    ("onJiraIssue", "set"): ("jira", (("PUT", "/rest/api/3/issue/{}/properties/{}"),)),
    ("onJiraIssue", "delete"): ("jira", (("DELETE", "/rest/api/3/issue/{}/properties/{}"),)),
    ("onJiraProject", "get"): ("jira", (("GET", "/rest/api/3/project/{}/properties/{}"),)),
    ("onJiraProject", "set"): ("jira", (("PUT", "/rest/api/3/project/{}/properties/{}"),)),
    ("onJiraProject", "delete"): ("jira", (("DELETE", "/rest/api/3/project/{}/properties/{}"),)),
    ("onConfluencePage", "get"): ("confluence", (("GET", "/wiki/rest/api/content/{}/property/{}"),)),
    ("onConfluencePage", "set"): (
        "confluence",
        tuple((m, "/wiki/rest/api/content/{}/property/{}") for m in ("GET", "PUT", "POST")),
    ),
    ("onConfluencePage", "delete"): ("confluence", (("DELETE", "/wiki/rest/api/content/{}/property/{}"),)),
    ("onConfluenceSpace", "get"): ("confluence", (("GET", "/wiki/rest/api/space/{}/property/{}"),)),
    ("onConfluenceSpace", "set"): (
        "confluence",
        tuple((m, "/wiki/rest/api/space/{}/property/{}") for m in ("GET", "PUT", "POST")),
    ),
    ("onConfluenceSpace", "delete"): ("confluence", (("DELETE", "/wiki/rest/api/space/{}/property/{}"),)),
}
PROPERTY_TARGETS = frozenset(target for target, _method in PROPERTY_REQUESTS)

#: `authorize()` from @forge/api (@forge/auth 1.0.0): each check POSTs, as the user, to the
#: product's permission check. target -> (product, path, its checks; empty: the target itself
#: sends, as `onJira(...)` does)
_JIRA_CHECKS = frozenset(
    {"canAssign", "canCreate", "canEdit", "canMove", "canDelete", "canAddComments", "canEditAllComments",
     "canDeleteAllComments", "canCreateAttachments", "canDeleteAllAttachments", "canAssignIssues",
     "canCreateIssues", "canEditIssues", "canMoveIssues", "canDeleteIssues"}
)  # fmt: skip
AUTHORIZE_REQUESTS: dict[str, tuple[str, str, frozenset[str]]] = {
    "onJira": ("jira", "/rest/api/3/permissions/check", frozenset()),
    "onJiraIssue": ("jira", "/rest/api/3/permissions/check", _JIRA_CHECKS),
    "onJiraProject": ("jira", "/rest/api/3/permissions/check", _JIRA_CHECKS),
    "onConfluenceContent": (
        "confluence",
        "/wiki/rest/api/content/{}/permission/check",
        frozenset({"canRead", "canUpdate", "canDelete"}),
    ),
}

NOTIFICATION_SCOPES: tuple[tuple[str, ...], ...] = (
    ("send:app-notification:jira",),
    ("send:app-notification:confluence",),
)

#: named imports forge lint requires scopes for where they are imported: `NotificationApi`
#: always, `storage` and the hooks (scopecheck: when the file never calls them)
WATCHED_IMPORTS = frozenset({"NotificationApi", "storage", *HOOK_SCOPES})

PRODUCTS = {"requestJira": "jira", "requestConfluence": "confluence", "requestBitbucket": "bitbucket"}
GRAPH = "requestTeamworkGraph"

#: packages whose exports mean something to the analysis
#: Compass's GraphQL client: `graphqlGateway.compass.asApp().getComponent(...)`
COMPASS_PACKAGE = "@atlassian/forge-graphql"
FORGE_PACKAGES = frozenset(
    {
        COMPASS_PACKAGE,
        "@forge/api",
        "@forge/bridge",
        "@forge/kvs",
        "@forge/react",
        "@forge/ui",
        "@forge/ui-jira",
        "@forge/ui-confluence",
    }
)
#: packages whose default export is a `fetch`
FETCH_PACKAGES = frozenset({"node-fetch", "cross-fetch", "undici", "isomorphic-fetch", "isomorphic-unfetch"})
#: imports that make a file front-end code (a global `fetch` there runs in the browser)
FRONTEND_PACKAGES = frozenset({"@forge/bridge", "@forge/react", "react"})

_UI_PACKAGES = ("@forge/react", "@forge/ui", "@forge/ui-jira", "@forge/ui-confluence")
#: packages whose hooks' requests are not known from their source: the scopes are a guess
_UNSEEN_HOOK_PACKAGES = {"@forge/ui-confluence": "@forge/ui-confluence's source is not available"}
#: `<object>.<method>` of the SDK -> the scopes a call needs
SDK_METHODS: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("privacy", "reportPersonalData"): (("report:personal-data",),),
}
SDK_OBJECTS = frozenset(name for name, _method in SDK_METHODS)
#: `requestAtlassian(path)` paths of the User identity API
READ_ME_PATHS = ("/me",)
READ_ME_DOUBT = "`requestAtlassian` is not documented; `read:me` is inferred from the User identity API"
GRAPHQL_QUERY = v.Unknown("a GraphQL query, whose scopes are not traced")


@cache
def graph_scopes() -> tuple[tuple[str, ...], ...]:
    """Each Teamwork Graph scope is one alternative; the catalog loads on the first such call."""
    from scopecheck.ecosystems.forge.catalog import load_catalog

    scopes = load_catalog().scopes
    return tuple((name,) for name in sorted(scopes) if scopes[name].kind == "graph")


def package_of(source: str) -> str:
    """`@atlassian/forge-graphql/dist/index` -> `@atlassian/forge-graphql`: a subpath of a Forge
    package is that package (its files export the same API)."""
    for package in (*FORGE_PACKAGES, *FETCH_PACKAGES):
        if source.startswith(package + "/"):
            return package
    return source


def package_value(package: str) -> v.Value:
    """The value of the package as a whole (its default export or namespace)."""
    if package in FETCH_PACKAGES:
        return v.FetchFn(backend=None)
    if package == COMPASS_PACKAGE:
        return v.CompassGateway()
    if package == "@forge/kvs":
        return v.StorageRef("@forge/kvs")
    return v.Module(package)


def export_value(package: str, name: str) -> v.Value:
    """The value of `import { name } from package` (or `package.name`)."""
    if name == "default":
        return package_value(package)
    if package == "@forge/api":
        return _forge_api(name)
    if package == COMPASS_PACKAGE:
        if name in ("graphqlGateway", "default"):
            return v.CompassGateway()
        return v.CompassApi() if name == "compass" else v.Unknown(f"`{name}` from {package}")
    if package == "@forge/bridge" and name in PRODUCTS:
        return v.Bound(PRODUCTS[name], "bridge", None)
    if package == "@forge/kvs":
        # `kvs`, `kvs.entity(...)`: data; capitalised exports (WhereConditions, Sort...) build queries
        return v.StorageRef("@forge/kvs") if name[:1].islower() else v.Unknown(f"`{name}` from @forge/kvs")
    if package in _UI_PACKAGES:
        if name in HOOK_SCOPES:
            return v.Hook(name, _UNSEEN_HOOK_PACKAGES.get(package, ""))
        if name == "Image":
            return v.ImageComponent()
    return other_export(package, name) or v.Unknown(f"`{name}` from {package}")


def other_export(package: str, name: str) -> v.Value | None:
    """A named import from a package the analysis does not model, taken by its name as forge
    lint does: `fetch` (undici) is a fetch, `requestJira` a product request. A request
    function that is not Forge's may send something else, so SC401 on it is unsure."""
    if name == "fetch":
        return v.FetchFn(backend=None)
    product = PRODUCTS.get(name)
    if product is not None:
        doubt = (
            f"`{name}` is imported from `{package}`, not from a Forge package; it is taken by "
            "its name to be Forge's, but what it sends is not read"
        )
        return v.Bound(product, "api", None, doubt)
    if name == GRAPH:
        return v.GraphFn()
    return None


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
    if name in ("properties", "store"):  # `store`: the deprecated name of `properties`
        return v.PropertiesApi()
    if name == "authorize":  # its permission checks POST to the product (AUTHORIZE_REQUESTS)
        return v.AuthorizeFn()
    if name == "assumeTrustedRoute":
        return v.TrustedRoute()
    if name in SDK_OBJECTS:
        return v.SdkObject(name)
    if name in PRODUCTS:
        return v.Bound(PRODUCTS[name], "api", None)
    if name == GRAPH:
        return v.GraphFn()
    if _opaque_request(name):
        return v.OpaqueRequestFn(name)
    return v.Unknown(f"`{name}` from @forge/api")


def _opaque_request(name: str) -> bool:
    """`__requestAtlassianAsApp`, `requestX`: a request function of the SDK not modelled; and
    the factories of such functions (`createRequestStargateAsApp()`, `__fetchProduct(...)`,
    `createReportPersonalData(...)` of `@forge/api/out/privacy`), whose calls may reach any API."""
    plain = name.lstrip("_").lower()
    return plain.startswith(("request", "fetch")) or any(
        word in plain for word in ("request", "stargate", "reportpersonaldata")
    )


def member_value(value: v.Value, name: str) -> v.Value | None:
    """`value.name` for Forge objects; None when `value` is not one."""
    if isinstance(value, v.Module):
        return export_value(value.package, name)
    if isinstance(value, v.Requester):
        if name in PRODUCTS:
            return v.Bound(PRODUCTS[name], "api", value.as_user)
        if name == GRAPH:
            return v.GraphFn()
        if name in ("requestAtlassian", "requestGraph"):
            return v.AtlassianFn(graph=name == "requestGraph", as_user=value.as_user)
        if _opaque_request(name):
            return v.OpaqueRequestFn(name, value.as_user)
        return v.Unknown(f"`{name}` of a requester")
    if isinstance(value, v.StorageRef):
        return v.StorageOp(value.reason or f"storage.{name}", value.doubt)
    if isinstance(value, v.FetchFn) and name in ("fetch", "default"):  # require('undici').fetch
        return value
    if isinstance(value, v.CompassGateway):
        return v.CompassApi() if name == "compass" else v.Unknown(f"`graphqlGateway.{name}`")
    if isinstance(value, v.CompassApi):
        if name in ("asApp", "asUser"):
            return v.CompassAs()
        return v.CompassApi() if name == "configAsCode" else v.Unknown(f"`compass.{name}`")
    if isinstance(value, v.CompassClient):
        return v.CompassFn(name)
    if isinstance(value, v.SdkObject):
        needed = SDK_METHODS.get((value.name, name))
        if needed is not None:
            return v.NeedFn(f"{value.name}.{name}", needed)
        return v.Unknown(f"`{value.name}.{name}` from @forge/api")
    if isinstance(value, v.PropertiesApi) and value.sdk == "authorize":
        found = AUTHORIZE_REQUESTS.get(name)
        if found is not None:
            # `onJira(...)` sends itself; the others give checks once called with the entity
            return (
                v.PropertyOp(name, "", "authorize")
                if not found[2]
                else v.PropertyStore(name, sdk="authorize")
            )
        return v.Unknown(f"`authorize().{name}` from @forge/api")
    if isinstance(value, v.PropertiesApi):
        if name in PROPERTY_TARGETS:
            return v.PropertyStore(name)
        return v.Unknown(f"`properties.{name}` from @forge/api")
    if isinstance(value, v.PropertyStore) and value.bound and value.sdk == "authorize":
        if name in AUTHORIZE_REQUESTS[value.target][2]:
            return v.PropertyOp(value.target, name, "authorize")
        return v.Unknown(f"`authorize().{value.target}(…).{name}` from @forge/api")
    if isinstance(value, v.PropertyStore) and value.bound:
        if (value.target, name) in PROPERTY_REQUESTS:
            return v.PropertyOp(value.target, name)
        return v.Unknown(f"`properties.{value.target}(…).{name}` from @forge/api")
    return None


def is_request_function_named(name: str, value: v.Value) -> bool:
    """Whether `value` is the Forge function a property `name` is taken to hold by its name
    (`requestJira`: a Jira request function), so a property holding it defines nothing new."""
    product = PRODUCTS.get(name)
    if product is not None:
        return isinstance(value, v.Bound) and value.product == product
    if name in ("requestAtlassian", "requestGraph"):
        return isinstance(value, v.AtlassianFn) and value.graph == (name == "requestGraph")
    return name == GRAPH and isinstance(value, v.GraphFn)


def unknown_member(name: str, compass: bool = True) -> v.Value | None:
    """`x.name` for a parameter or a value not known statically, when forge lint goes by the
    name alone: a requester's `requestJira` (a client passed in, `this.requester`), its
    `requestAtlassian`, `requestGraph` and `requestTeamworkGraph`, `fetch` (loose: only a URL with a host makes it a fetch), and a
    Compass client's method when the app imports the Compass client at all (`compass`)."""
    product = PRODUCTS.get(name)
    if product is not None:
        return v.Bound(product, "api", None)
    if name == GRAPH:
        return v.GraphFn()
    if name in ("requestAtlassian", "requestGraph"):  # `who[mode]().requestAtlassian('/me')`
        return v.AtlassianFn(graph=name == "requestGraph")
    if name == "fetch":
        return _LOOSE_FETCH
    if compass and name in _compass_methods():
        # a Compass client passed around or kept on `this`: whatever it sends is not pinned
        return v.OpaqueRequestFn(
            f"{name} (a Compass client method, called on a value not followed)", None, gateway=True
        )
    return None


@cache
def _compass_methods() -> frozenset[str]:
    from scopecheck.ecosystems.forge.catalog import load_compass

    return frozenset(load_compass().methods)


_LOOSE_FETCH = v.FetchFn(backend=None, loose=True)
