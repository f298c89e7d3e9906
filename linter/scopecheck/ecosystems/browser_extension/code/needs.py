"""From what the code does to what each permission is for: used, certainly unused, or unsure
(with the reasons).

A permission is certainly unused only when the code's only way to use it is a `chrome.*` call
the catalog maps to it, every file that runs was read (`ExtensionUsage.gaps` is empty), no
`chrome`/`browser` object escapes where the use could hide, and no unsure name (`browser` as
a parameter) reaches one of its APIs. A permission that other evidence shows (`activeTab`,
`tabs`, `unlimitedStorage`, `clipboardWrite`...) is never certainly unused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scopecheck.core.records import record
from scopecheck.ecosystems.browser_extension.catalog import ApiNeed, ExtensionCatalog, load_signals
from scopecheck.ecosystems.browser_extension.code.files import UNREACHED
from scopecheck.ecosystems.browser_extension.code.usage import ApiUse, ExtensionUsage

#: evidence in the manifest: the key that shows the permission is used without any call
MANIFEST_SIGNALS = {
    "declarativeNetRequest": "declarative_net_request",
    "declarativeNetRequestWithHostAccess": "declarative_net_request",
    "sidePanel": "side_panel",
    "ttsEngine": "tts_engine",
}
#: evidence in the code's text (a use that is not a `chrome.*` call); absence proves nothing
TEXT_SIGNALS = {
    "favicon": re.compile(r"_favicon"),
    "clipboardWrite": re.compile(r"execCommand\s*\(|clipboard\s*\.\s*write"),
    "clipboardRead": re.compile(r"execCommand\s*\(|clipboard\s*\.\s*read"),
    "geolocation": re.compile(r"geolocation"),
    "webRequestBlocking": re.compile(r"""["']blocking["']|\bBLOCKING\b"""),
    "webRequestAuthProvider": re.compile(r"onAuthRequired"),
    "tabs": re.compile(r"\.\s*(?:url|pendingUrl|title|favIconUrl)\b"),
    "activeTab": re.compile(r"on(?:Clicked|Command)|executeScript|insertCSS|captureVisibleTab|tabCapture"),
    "unlimitedStorage": re.compile(r"storage|indexedDB|caches"),
    "notifications": re.compile(r"\b(?:Notification|showNotification|webkitNotifications)\b"),
}
#: text signals whose absence is proof: the web API is reached by a global name
RELIABLE_TEXT = frozenset({"notifications"})
#: why nothing in the code can show some permissions are unused
UNSEEABLE = {
    "activeTab": "activeTab is granted by a user gesture; what the code then does with the tab is not traced",
    "tabs": "whether the code reads a tab's url, title or favicon cannot be traced",
    "unlimitedStorage": "how much the extension stores cannot be seen in the code",
    "background": "the `background` permission has no API; what it keeps running cannot be seen",
    "webRequestBlocking": "a blocking listener may be registered with options built at run time",
}


@record
class Verdict:
    permission: str
    used: bool
    certain: bool = False  # for an unused permission: nothing could use it
    reasons: tuple[str, ...] = ()
    evidence: tuple[ApiUse, ...] = ()


#: Firefox's names for the same API: `browser.menus` is `contextMenus`
FIREFOX_NAMESPACES = {"contextMenus": ("menus",)}


def alternatives(need: ApiNeed) -> tuple[tuple[str, ...], ...]:
    return (*need.any_of, *need.firefox_any_of)


def permission_apis(catalog: ExtensionCatalog, permission: str) -> list[str]:
    """The APIs whose use shows `permission` is needed."""
    signals = load_signals().get(permission, {})
    found = [a.split("#")[0] for a in signals.get("apis", ())]
    found.extend(FIREFOX_NAMESPACES.get(permission, ()))
    for name, need in catalog.apis.items():
        groups = (*alternatives(need), *need.extra_any_of)
        if any(permission in group for group in groups):
            found.append(name.split("#")[0])
    return sorted(set(found))


def _related(path: str, api: str) -> bool:
    return path == "" or api == path or api.startswith(path + ".") or path.startswith(api + ".")


def verdict(permission: str, usage: ExtensionUsage, catalog: ExtensionCatalog) -> Verdict:
    apis = permission_apis(catalog, permission)
    evidence = tuple(u for u in usage.uses if any(u.api == a or u.api.startswith(a + ".") for a in apis))
    sure = tuple(u for u in evidence if u.certain)
    if sure:
        return Verdict(permission, True, evidence=sure)
    key = MANIFEST_SIGNALS.get(permission)
    if key is not None and key in usage.manifest_keys:
        return Verdict(permission, True)
    pattern = TEXT_SIGNALS.get(permission)
    if pattern is not None and pattern.search(usage.text):
        return Verdict(permission, True)
    reasons: list[str] = []
    signals = load_signals().get(permission)
    if permission in UNSEEABLE:
        reasons.append(UNSEEABLE[permission])
    elif signals is None:
        reasons.append(f"scopecheck does not know which code uses `{permission}`")
    elif pattern is not None and permission not in RELIABLE_TEXT:
        reasons.append(
            f"`{permission}` is used without a `chrome.*` call, which is only looked for by its text"
        )
    elif not apis or signals.get("no_api"):
        reasons.append(f"`{permission}` has no API whose use shows it is needed")
    for use in evidence:
        reasons.append(
            f"`{use.span.path}:{use.span.line}` reaches `{use.api}` through a name that may not be the extension API"
        )
    reasons.extend(_escapes(usage, apis))
    reasons.extend(usage.gaps[:3])
    if len(usage.gaps) > 3:
        reasons.append(f"{len(usage.gaps) - 3} more files or imports were not read")
    return Verdict(permission, False, certain=not reasons, reasons=tuple(reasons[:4]))


def _escapes(usage: ExtensionUsage, apis: Iterable[str]) -> list[str]:
    found: list[str] = []
    for escape, _context in usage.escapes:
        path = ".".join(escape.path)
        if any(_related(path, api) for api in apis):
            found.append(f"{escape.why} at {escape.span.path}:{escape.span.line}")
    return found[:2]


@record
class Missing:
    use: ApiUse
    groups: tuple[tuple[str, ...], ...]  # any one set settles it
    certain: bool
    reason: str = ""


def missing(
    usage: ExtensionUsage, catalog: ExtensionCatalog, declared: frozenset[str], hosts: tuple[str, ...]
) -> list[Missing]:
    """Uses of an API whose permission the manifest does not declare (required or optional)."""
    found: list[Missing] = []
    seen: set[tuple[str, str, int]] = set()
    extended = {u.api.rsplit(".", 1)[0] for u in usage.uses if "." in u.api}
    for use in usage.uses:
        if not use.called and use.api in extended:
            continue  # `chrome.alarms` in `if (chrome.alarms)`: the call below it is the use
        need = catalog.api(use.api)
        if need is None:
            continue
        groups = alternatives(need)
        if not groups or any(set(group) <= declared for group in groups):
            extra = need.extra_any_of
            if not (use.called and extra) or any(_granted(group, declared, hosts) for group in extra):
                continue
            groups = extra
        key = (use.api.split(".")[0], use.span.path, use.span.line)
        if key in seen:
            continue
        seen.add(key)
        reason = ""
        if use.context == UNREACHED:
            reason = f"nothing the manifest names loads `{use.span.path}`"
        elif not use.certain:
            reason = "the name may not be the extension API here"
        elif use.guarded:
            reason = "the code checks that the API exists before it uses it"
        found.append(Missing(use, groups, not reason, reason))
    return found


def _granted(group: tuple[str, ...], declared: frozenset[str], hosts: tuple[str, ...]) -> bool:
    for item in group:
        if item.startswith("host "):
            if item[5:] not in hosts and not ({"<all_urls>", "*://*/*"} & set(hosts)):
                return False
        elif item not in declared:
            return False
    return True
