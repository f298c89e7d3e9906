"""What an admin must consent to again: permissions added and removed between two manifests.

Forge makes a deployment a *major version* when it changes the app's permissions, and "a
new major version won't be applied to a site until its admin consents to the upgrade"
(Forge docs, "App versions", developer.atlassian.com/platform/forge/versions/). Atlassian's
table of which updates need admin approval in Forge ("Versioning in Connect vs Forge",
developer.atlassian.com/platform/adopting-forge-from-connect/versioning-in-connect-vs-forge)
lists, among others: "Increases or changes to scopes", "Modifying external permissions CSP
options and URLs" (egress), "Modifying content permissions CSP options", "Adding of a new
Remote" and "Changing the baseUrl of a Remote"; adding, updating or removing modules does
not. So a scope, egress address or content relaxation added *or removed* needs consent, and
so does a remote added or given a new base URL; a remote removed is not on the list.
`FORGE_RULES` words each case; `compare` lists every change, with each scope's risk tier, for
`scopecheck diff`, `scopecheck history` and SC501 in `lint --base-ref` (which reports only
additions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scopecheck.core.addresses import address_key
from scopecheck.core.ecosystem import UpdatePrompt
from scopecheck.core.findings import Span
from scopecheck.core.permissions import PermissionCatalog, PermissionRequest
from scopecheck.core.records import record

#: why a change does (or does not) make admins consent again, quoted from Atlassian's table
FORGE_RULES = {
    ("scope", "added"): "Forge: 'increases or changes to scopes' need admin approval (a major version)",
    ("scope", "removed"): "Forge: 'increases or changes to scopes' need admin approval (a major version)",
    (
        "egress",
        "added",
    ): "Forge: 'modifying external permissions ... URLs' needs admin approval (a major version)",
    (
        "egress",
        "removed",
    ): "Forge: 'modifying external permissions ... URLs' needs admin approval (a major version)",
    (
        "content",
        "added",
    ): "Forge: 'modifying content permissions CSP options' needs admin approval (a major version)",
    (
        "content",
        "removed",
    ): "Forge: 'modifying content permissions CSP options' needs admin approval (a major version)",
    ("remote", "added"): "Forge: 'adding of a new Remote' needs admin approval (a major version)",
    ("remote", "changed"): "Forge: 'changing the baseUrl of a Remote' needs admin approval (a major version)",
    ("remote", "removed"): "Forge does not list removing a remote among the updates that need admin approval",
    ("token", "added"): "a GITHUB_TOKEN grant: no admin is asked; review is the only check",
    ("token", "removed"): "a GITHUB_TOKEN grant removed: nothing to approve",
}

KIND_LABEL = {
    "scope": "scope",
    "egress": "egress host",
    "remote": "remote",
    "content": "content relaxation",
    "token": "token permission",
}


@record
class Change:
    kind: str  # scope | egress | remote | content | token (a workflow's GITHUB_TOKEN)
    name: str
    added: bool
    span: Span | None  # in the head manifest for additions and changes, in the base for removals
    risk: str | None = None
    detail: str | None = None  # egress kinds, remote base URL
    #: the request itself (head for additions and changes, base for removals), to look it up
    #: in a registry
    request: PermissionRequest | None = None
    #: a remote whose base URL changed: the base's URL (then `added` is True: the new URL)
    previous: str | None = None
    #: where the platform asks the users themselves (a browser's install warnings): whether
    #: this change makes them accept again, and why; None: Forge's and workflows' rules
    verdict: tuple[bool, str] | None = None

    @property
    def action(self) -> str:
        """added | removed | changed (a remote's base URL)"""
        return "changed" if self.previous is not None else "added" if self.added else "removed"

    @property
    def needs_consent(self) -> bool:
        """A change someone must approve: a Forge site admin (FORGE_RULES), or for an addition
        to a workflow's token, the reviewer of the change (no one is asked once it is merged)."""
        if self.verdict is not None:
            return self.verdict[0]
        if self.kind == "token":
            return self.added
        return self.kind in ("scope", "egress", "content") or self.action != "removed"

    @property
    def admin_consent(self) -> bool:
        """Whether the change makes every site admin consent to the update (a Forge major
        version); a workflow's token is never put to an admin, an extension's update to its users."""
        return self.needs_consent and self.kind != "token" and self.verdict is None

    @property
    def consent_reason(self) -> str:
        if self.verdict is not None:
            return self.verdict[1]
        return FORGE_RULES.get((self.kind, self.action), "")


@record
class ConsentDiff:
    base: str
    head: str
    changes: tuple[Change, ...]
    unchanged: dict[str, int]
    #: what the update shows the users who installed the app (a browser extension)
    prompt: UpdatePrompt | None = None

    @property
    def added(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.added)

    @property
    def removed(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.added)


Item = tuple[Span, str | None, str | None, PermissionRequest]


def _items(
    requests: tuple[PermissionRequest, ...] | None, catalog: PermissionCatalog
) -> dict[tuple[str, str], Item]:
    """(kind, key) -> (span, risk, detail, request) of everything an app asks for; egress by origin."""
    found: dict[tuple[str, str], Item] = {}
    kinds: dict[str, list[str]] = {}
    for request in requests or ():
        if request.via is not None:
            continue  # a reference to a remote is not a permission of its own
        if request.section == "workflows":  # per block: the same grant in a new job is new
            info = catalog.get(request.name)
            risk = info.risk.label if info else None
            found.setdefault(
                ("token", f"{request.name} ({request.detail})"), (request.span, risk, None, request)
            )
        elif request.kind == "scope":
            info = catalog.get(request.name)
            found.setdefault(
                ("scope", request.name), (request.span, info.risk.label if info else None, None, request)
            )
        elif request.kind == "egress":
            key = address_key(request.name)
            kinds.setdefault(key, []).append(request.detail or "")
            found.setdefault(("egress", key), (request.span, None, None, request))
        else:
            found.setdefault((request.kind, request.key), (request.span, None, request.detail, request))
    for (kind, key), (span, risk, _detail, request) in list(found.items()):
        if kind == "egress":
            found[(kind, key)] = (span, risk, ", ".join(dict.fromkeys(kinds[key])), request)
    return found


def compare(
    base: tuple[PermissionRequest, ...] | None,
    head: tuple[PermissionRequest, ...],
    catalog: PermissionCatalog,
    *,
    base_label: str,
    head_label: str,
    prompt: Callable[[Any, Any], UpdatePrompt] | None = None,
) -> ConsentDiff:
    """Additions and removals between what two versions of an app request (None: the app did
    not exist at the base, so everything is added). `prompt`: the ecosystem's update prompt
    (a browser's install warnings), which then decides what needs consent."""
    before, after = _items(base, catalog), _items(head, catalog)
    changes = [
        Change(kind, name, True, span, risk, detail, request)
        for (kind, name), (span, risk, detail, request) in after.items()
        if (kind, name) not in before
    ] + [
        Change(kind, name, False, span, risk, detail, request)
        for (kind, name), (span, risk, detail, request) in before.items()
        if (kind, name) not in after
    ]
    unchanged: dict[str, int] = {}
    for kind, name in set(before) & set(after):
        was, now = before[(kind, name)], after[(kind, name)]
        if kind == "remote" and (was[2] or "") != (now[2] or ""):  # a new base URL
            changes.append(Change(kind, name, True, now[0], now[1], now[2], now[3], previous=was[2] or ""))
            continue
        unchanged[kind] = unchanged.get(kind, 0) + 1
    shown = prompt(base, head) if prompt is not None else None
    if shown is not None:
        changes = [_judged(change, shown) for change in changes]
    order = {"scope": 0, "egress": 1, "remote": 2, "content": 3, "token": 4}
    changes.sort(key=lambda c: (not c.added, c.previous is not None, order[c.kind], c.name))
    return ConsentDiff(base_label, head_label, tuple(changes), unchanged, shown)


def _judged(change: Change, prompt: UpdatePrompt) -> Change:
    import dataclasses

    if not change.added:
        verdict = (False, f"removed: {prompt.who} never asks about a permission taken away")
    elif prompt.first:
        verdict = (False, f"a new extension: {prompt.who} shows its warnings at install")
    else:
        request = change.request
        key = (request.section, request.key) if request is not None else ("", change.name)
        verdict = prompt.reasons.get(key, (False, f"{prompt.who} shows no install warning for it"))
    return dataclasses.replace(change, verdict=verdict)
