"""What any app asks for, in one flat view: the seam between ecosystems and the shared rules.

Each ecosystem turns its own model (a Forge manifest, a workflow, an extension manifest) into
PermissionRequests in one place. The rules that only need "what is requested" plus the
registry, a catalog and the policy (documented? known? denied? risky? egress allowed?), the
consent diff, `init` and `docs` all read this view, so they work for every ecosystem.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Protocol

from scopecheck.core.findings import Span
from scopecheck.core.records import record


class RiskTier(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> RiskTier:
        return cls[text.upper()]


#: how messages and pages name each kind of request
KIND_LABEL = {
    "scope": "scope",
    "egress": "egress host",
    "content": "content relaxation",
    "remote": "remote",
}


@record
class PermissionRequest:
    """One permission an app asks for, where it is written, and where it is justified."""

    kind: str  # scope | egress | content | remote
    name: str  # as the user wrote it: `read:jira-work`, `https://api.example.com`, `unsafe-inline`
    span: Span
    section: str  # the registry section that justifies it: scopes, egress, content, remotes
    key: str  # its key in that section: the scope, the address, `scripts:unsafe-inline`, the remote
    #: egress: the egress kind (`fetch.backend`); remote: its base URL; content: scripts|styles
    detail: str | None = None
    detail_span: Span | None = None  # where `detail` is written, when it is a value of its own
    #: whether the app declares that user data leaves through it (Forge `inScopeEUD`)
    user_data: bool | None = None
    #: requested by a reference in another list (an egress item naming a remote): its kind
    via: str | None = None
    #: what messages call it, when not the kind's word ("token permission")
    noun: str | None = None
    #: where its registry entry goes, outermost first (`workflows`, `ci.yml`, `jobs`, `build`,
    #: `contents`); empty means `section` then `key`
    entry_path: tuple[str, ...] = ()
    #: a remote: what it declares it does with the data it gets (Forge `operations`:
    #: storage, compute, fetch, other); empty when it declares nothing
    uses: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.noun or KIND_LABEL.get(self.kind, self.kind)

    def registry_entry(self) -> tuple[str, str]:
        """(the entry's key, where it goes) for messages: (`read:jira-work`, `` `scopes:` ``),
        or for a workflow (`contents`, `` `workflows:` › `ci.yml:` › `jobs:` › `build:` ``)."""
        path = self.entry_path or (self.section, self.key)
        return path[-1], " › ".join(f"`{part}:`" for part in path[:-1])


class PermissionInfo(Protocol):
    """What a catalog knows of one permission (Forge's ScopeInfo is one)."""

    name: str
    risk: RiskTier
    risk_basis: str
    description: str | None
    deprecated: bool
    replacement: str | None

    @property
    def plain_description(self) -> str | None: ...


class PermissionCatalog(Protocol):
    """The names an ecosystem accepts, with their risk tiers and descriptions."""

    platform: str  # who grants them: "Forge"
    publisher: str  # who describes them: "Atlassian"

    def get(self, name: str) -> Any: ...

    def nearest(self, name: str) -> str | None: ...


def of_kind(requests: tuple[PermissionRequest, ...], *kinds: str) -> list[PermissionRequest]:
    return [r for r in requests if r.kind in kinds]
