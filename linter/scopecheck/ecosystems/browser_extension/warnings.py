"""The install warnings Chrome shows for an extension's permissions, and which ones an update adds.

Chrome does not show one warning per permission: its rules (Chromium's
`chrome_permission_message_rules.cc`, kept in `catalog/sources/chrome-warning-rules.json`) run
in order, and a rule that fires consumes the permissions it names, so `<all_urls>` absorbs
`tabs`, `history` absorbs `tabs` and `topSites`, and `tabs` with `sessions` is one message.
Host patterns (host permissions and content script matches) make one message naming up to
three hosts, else "a number of websites". Only what is granted at install warns: optional
permissions and hosts are asked for at run time. An update whose warnings are not all among
the installed version's makes Chrome disable the extension until the user accepts them.
"""

from __future__ import annotations

from collections.abc import Iterable

from scopecheck.core.ecosystem import UpdatePrompt
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.ecosystems.browser_extension.catalog import (
    ALL_HOSTS,
    ExtensionCatalog,
    load_catalog,
    load_warning_rules,
)

#: requests granted at install (optional ones are asked for at run time)
_INSTALLED = ("permissions", "host_permissions", "content_scripts")
_ALL, _SPECIFIC = "hosts:all", "hosts:specific"


@record
class InstallWarning:
    text: str
    permissions: tuple[str, ...]  # the permissions (and host patterns) that make it
    hosts: tuple[str, ...] = ()  # the hosts a host-list warning names


def _host(pattern: str) -> str | None:
    """The host Chrome names for a pattern (`All example.com sites` for `*.example.com`);
    None for an all-hosts pattern."""
    if pattern == "<all_urls>" or "://" not in pattern:
        return None
    host = pattern.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
    if host in ("*", ""):
        return None
    return host


def _host_text(hosts: list[str]) -> str:
    """One host-list warning: up to three hosts named (a `*.` host as "all x sites")."""
    texts = load_warning_rules()["<hosts>"]
    if len(hosts) > 3:
        return str(texts["many"])
    shown = [texts["subdomains"].format(h[2:]) if h.startswith("*.") else h for h in hosts]
    return str(texts[("one", "two", "three")[len(hosts) - 1]].format(*shown))


def _own_warnings(name: str, catalog: ExtensionCatalog) -> tuple[str, ...]:
    info = catalog.get(name)
    if info is None or not info.warns or name == "sessions":  # sessions warns only with tabs/history
        return ()
    return info.warning


def install_warnings(requests: Iterable[PermissionRequest]) -> tuple[InstallWarning, ...]:
    """The warnings Chrome shows when installing an extension that requests these."""
    catalog = load_catalog()
    present: dict[str, list[str]] = {}  # token -> the manifest's names for it
    hosts: list[str] = []
    for request in requests:
        if request.detail not in _INSTALLED:
            continue
        name = request.name
        if request.section == "hosts":
            host = _host(name)
            token = _ALL if host is None or catalog.get(name) is catalog.get(ALL_HOSTS) else _SPECIFIC
            if token == _SPECIFIC and host is not None and host not in hosts:
                hosts.append(host)
            present.setdefault(token, []).append(name)
        else:
            present.setdefault(name, []).append(name)
    found: list[InstallWarning] = []
    consumed: set[str] = set()
    rules = [rule for key, rule in load_warning_rules().items() if not key.startswith("<")]
    for rule in rules:
        required = rule["required"]
        if not all(token in present and token not in consumed for token in required):
            continue
        names = [
            n
            for token in (*required, *rule["optional"])
            if token not in consumed
            for n in present.get(token, [])
        ]
        consumed.update(required)
        consumed.update(rule["optional"])
        if required == [_SPECIFIC]:
            found.append(InstallWarning(_host_text(sorted(hosts)), tuple(names), tuple(sorted(hosts))))
            continue
        texts = (rule["text"],) if "text" in rule else _own_warnings(required[0], catalog)
        if required == [_ALL]:
            texts = catalog.permissions[ALL_HOSTS].warning
        found.extend(InstallWarning(text, tuple(names)) for text in texts)
    for token, names in present.items():
        if token in consumed or token.startswith("hosts:"):
            continue
        found.extend(InstallWarning(text, tuple(names)) for text in _own_warnings(token, catalog))
    unique: dict[str, InstallWarning] = {}
    for warning in found:
        key = _norm(warning.text)
        if key in unique:
            was = unique[key]
            unique[key] = InstallWarning(was.text, (*was.permissions, *warning.permissions), was.hosts)
        else:
            unique[key] = warning
    return tuple(unique.values())


def _norm(text: str) -> str:
    """Warnings compared as Chrome's data writes them: with or without a final period."""
    return text.strip().rstrip(".").casefold()


def update_prompt(
    base: tuple[PermissionRequest, ...] | None, head: tuple[PermissionRequest, ...]
) -> UpdatePrompt:
    """What updating from `base` to `head` shows the people who installed the extension."""
    after = install_warnings(head)
    if base is None:
        return UpdatePrompt(
            who="Chrome",
            warnings=tuple(w.text for w in after),
            effect="a new extension: Chrome shows these warnings when it is installed",
            first=True,
        )
    before = install_warnings(base)
    shown = {_norm(w.text) for w in before}
    old_hosts = {h for w in before for h in w.hosts}
    all_hosts_before = any(_norm(w.text) == _ALL_TEXT for w in before)
    new: list[InstallWarning] = []
    for warning in after:
        if warning.hosts:  # a host list is new when it names a host the old one did not
            if all_hosts_before or set(warning.hosts) <= old_hosts:
                continue
        elif _norm(warning.text) in shown:
            continue
        new.append(warning)
    reasons: dict[tuple[str, str], tuple[bool, str]] = {}
    for request in head:
        makes = [w for w in new if request.name in w.permissions]
        shows = [w for w in after if request.name in w.permissions]
        if makes:
            reason = (
                True,
                f'Chrome warns "{makes[0].text}" and disables the extension until the user accepts',
            )
        elif request.detail not in _INSTALLED:
            reason = (False, "optional: Chrome asks when the code requests it, not at the update")
        elif shows:
            reason = (False, f'no new warning: the installed version already shows "{shows[0].text}"')
        else:
            reason = (False, "Chrome shows no install warning for it")
        reasons[(request.section, request.key)] = reason
    effect = (
        load_warning_rules()["<disabled_on_update>"]
        if new
        else "Chrome shows no new warning: the update installs silently"
    )
    return UpdatePrompt(
        who="Chrome", warnings=tuple(w.text for w in new), effect=str(effect), reasons=reasons
    )


_ALL_TEXT = _norm("Read and change all your data on all websites.")
