"""The public "documented permissions" page: what an app requests, and why, from its registry.

`build_page` reads one app (manifest, policy, registry) into an `AppPage`;
`RENDERERS` turn a list of pages into Markdown, HTML or CSV. The page lists
what the manifest requests, with the registry's words beside it: a registry
entry for something the app no longer requests is not shown (SC102 reports
it), and a request with no entry is shown as not documented, never hidden.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scopecheck.core.addresses import address_key
from scopecheck.core.ecosystem import Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.permissions import PermissionCatalog, PermissionRequest, of_kind
from scopecheck.core.records import record
from scopecheck.registry.model import Justification, Registry, read_registry
from scopecheck.rules.registry.sc103_weak_justification import is_placeholder
from scopecheck.source.yaml_nodes import Mapping, Scalar, parse_yaml

KINDS = ("scope", "egress", "remote", "content")
#: the page's kind of a browser extension's registry section
EXTENSION_KINDS = {"permissions": "permission", "hosts": "host", "data-collection": "data"}
#: how an extension asks for it, from the manifest key
REQUESTED_AS = {
    "permissions": "required",
    "optional_permissions": "optional",
    "host_permissions": "required",
    "optional_host_permissions": "optional",
    "content_scripts": "content script",
    "data_collection_required": "required",
    "data_collection_optional": "optional",
}
NOT_DOCUMENTED = "Not documented yet."


@record
class Permission:
    """One row of the page: a scope, an egress host, a remote or a content relaxation."""

    kind: str  # scope | egress | remote | content
    name: str
    description: str | None  # what it allows or how it is used
    justification: str | None  # why the app needs it (None: no registry entry)
    risk: str | None = None  # scopes only: low | medium | high | critical
    modules: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    user_data: bool | None = None  # egress and remotes: whether user data leaves Atlassian
    reviewed: datetime.date | None = None
    owner: str | None = None
    risk_accepted: str | None = None
    placeholder: bool = False  # the justification is `TODO` or the like (SC103)
    #: token permissions: the block that grants it ("the workflow", "job `publish`")
    where: str | None = None

    @property
    def documented(self) -> bool:
        return bool((self.justification or "").strip()) and not self.placeholder


@record
class PageClaim:
    """A claim of the policy as the page shows it: its sentence, and what checking it found."""

    name: str
    sentence: str
    status: str  # verified | broken | unverified
    at: str  # `at 3b87607 (2026-03-01)`: the commit (and its date) it was checked at
    commit: str | None = None
    date: str | None = None
    #: what breaks it or leaves it unverified, in a sentence (None when verified)
    reason: str | None = None

    def status_line(self) -> str:
        """What the page says after the status word; a broken claim is never called verified."""
        if self.status == "verified":
            return f"Checked {self.at}."
        fallback = (
            "something the app does breaks it"
            if self.status == "broken"
            else "part of the app could not be checked"
        )
        return f"{self.reason or fallback}; checked {self.at}."


@record
class AppPage:
    name: str
    manifest: str
    registry: str
    registry_exists: bool
    permissions: tuple[Permission, ...]
    vendor: str | None = None
    contact: str | None = None
    unit: str = "app"  # app | workflow: what the page is about, which decides its sections
    #: the policy's claims, checked (`scopecheck docs` adds them)
    claims: tuple[PageClaim, ...] = ()

    def of(self, kind: str) -> list[Permission]:
        return [p for p in self.permissions if p.kind == kind]

    @property
    def review_dates(self) -> list[datetime.date]:
        """The review dates the registry entries carry (entries without one are left out)."""
        return [p.reviewed for p in self.permissions if p.reviewed is not None]

    @property
    def last_reviewed(self) -> datetime.date | None:
        return max(self.review_dates, default=None)

    @property
    def undocumented(self) -> list[Permission]:
        """Permissions with no justification, or only a placeholder such as TODO."""
        return [p for p in self.permissions if not p.documented]

    def review_line(self) -> str:
        """When the registry was last reviewed, as one sentence."""
        last = self.last_reviewed
        if last is None:
            return "No review date is recorded in the registry."
        dated = len(self.review_dates)
        return (
            f"Last reviewed on {last.isoformat()} "
            f"({dated} of {len(self.permissions)} entries carry a review date)."
        )

    def summary(self) -> str:
        """One sentence of counts: what a reader wants to know first."""
        if self.unit == "workflow":
            return self._token_summary()
        if self.unit == "extension":
            parts = [
                _count(len(self.of("permission")), "permission", "permissions"),
                _count(len(self.of("host")), "host pattern", "host patterns"),
                _count(
                    len(self.of("data")), "data type declared to Firefox", "data types declared to Firefox"
                ),
            ]
            return "At a glance: " + "; ".join(parts) + "."
        scopes = self.of("scope")
        risky = [t for t in ("critical", "high") if any(p.risk == t for p in scopes)]
        counts = ", ".join(f"{sum(p.risk == t for p in scopes)} {t}" for t in risky)
        parts = [_count(len(scopes), "scope", "scopes") + (f" ({counts} risk)" if counts else "")]
        for kind, one, many in (
            ("egress", "host outside Atlassian", "hosts outside Atlassian"),
            ("remote", "remote service", "remote services"),
        ):
            rows = self.of(kind)
            leaving = sum(1 for p in rows if p.user_data)
            phrase = _count(len(rows), one, many)
            if leaving and len(rows) == 1:
                phrase += ", which receives user data"
            elif leaving:
                phrase += f", {leaving} of which receive user data"
            parts.append(phrase)
        relaxations = len(self.of("content"))
        parts.append(_count(relaxations, "content security relaxation", "content security relaxations"))
        return "At a glance: " + "; ".join(parts) + "."

    def _token_summary(self) -> str:
        tokens = self.of("token")
        risky = [t for t in ("critical", "high") if any(p.risk == t for p in tokens)]
        counts = ", ".join(f"{sum(p.risk == t for p in tokens)} {t}" for t in risky)
        blocks = len({p.where for p in tokens})
        return (
            "At a glance: "
            + _count(len(tokens), "token permission", "token permissions")
            + (f" ({counts} risk)" if counts else "")
            + (f" in {_count(blocks, 'permissions block', 'permissions blocks')}" if tokens else "")
            + "."
        )


def _count(count: int, one: str, many: str) -> str:
    return f"no {many}" if count == 0 else f"1 {one}" if count == 1 else f"{count} {many}"


def build_page(
    app: Path,
    *,
    toolkit: Toolkit,
    registry: Path | None = None,
    config: Path | None = None,
    catalog: PermissionCatalog | None = None,
    cwd: Path | None = None,
) -> AppPage:
    """Read one app into a page. Raises InputError (one line) for input that cannot be read."""
    from scopecheck.registry.init import load_app

    cwd = cwd or Path.cwd()
    ecosystem, manifest, registry_path, source = load_app(
        app, toolkit=toolkit, registry=registry, config=config, cwd=cwd
    )
    if catalog is None:
        catalog = ecosystem.catalog()
    from scopecheck.core.engine import display_path

    display = display_path(registry_path, cwd)
    app_dir = (cwd / manifest.path).resolve().parent
    try:  # the page names the registry as the app's repository has it, wherever docs ran
        shown = registry_path.resolve().relative_to(app_dir).as_posix()
    except ValueError:
        shown = display
    vendor = contact = None
    if source is None:
        entries = Registry(display, exists=False)
    else:
        doc = parse_yaml(source)
        problem = next((p for p in doc.problems if p.fatal), None)
        if problem is not None and not _comments_only(source.text):
            raise InputError(display, problem.message, problem.span.line, problem.span.column)
        entries = read_registry(doc, display)
        if isinstance(doc.root, Mapping):
            about = doc.root.get("app")
            if isinstance(about, Mapping):
                vendor, contact = _text(about.get("vendor")), _text(about.get("contact"))
    if ecosystem.unit == "workflow":  # a workflow is named by its file; the registry is the repository's
        return AppPage(
            name=Path(manifest.path).name,
            manifest=manifest.path,
            registry=registry_path.name if registry is None else display,
            registry_exists=source is not None,
            permissions=tuple(permissions(ecosystem.requests(manifest), entries, catalog)),
            unit=ecosystem.unit,
        )
    return AppPage(
        name=entries.app_name or app_dir.name,
        manifest=manifest.path,
        registry=shown,
        registry_exists=source is not None,
        permissions=tuple(permissions(ecosystem.requests(manifest), entries, catalog)),
        vendor=vendor,
        contact=contact,
        unit=ecosystem.unit,
    )


def _comments_only(text: str) -> bool:
    """An empty registry, or one with only comments: nothing documented yet, not an error."""
    return all(
        not line.strip() or line.lstrip().startswith("#") or line.strip() in ("---", "...")
        for line in text.splitlines()
    )


def _text(node: object) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def permissions(
    requests: tuple[PermissionRequest, ...], registry: Registry, catalog: PermissionCatalog
) -> list[Permission]:
    """Every requested permission (scopes, egress hosts, remotes, content relaxations, each
    in the order the app lists them), with what the registry says about it."""
    from scopecheck.registry.init import CONTENT_EFFECTS, EGRESS_USES

    rows: list[Permission] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, name: str, entry: Justification | None, **values: Any) -> None:
        key = (kind, f"{name} {values.get('where') or ''}")
        if key in seen:
            return
        seen.add(key)
        text = entry.text.strip() if entry is not None and entry.text else None
        rows.append(
            Permission(
                kind=kind,
                name=name,
                justification=text,
                placeholder=text is not None and (not text.strip() or is_placeholder(text)),
                modules=tuple(module for module, _span in entry.modules) if entry else (),
                data=entry.data if entry else (),
                reviewed=entry.reviewed if entry else None,
                owner=entry.owner if entry else None,
                risk_accepted=entry.risk_accepted if entry else None,
                **values,
            )
        )

    for scope in of_kind(requests, "scope"):
        info = catalog.get(scope.name)
        publisher = catalog.publisher
        description = (
            (info.plain_description or f"No description published by {publisher}.")
            if info
            else f"Not a scope {publisher} publishes."
        )
        token = scope.section == "workflows"  # a GITHUB_TOKEN permission, per block
        kind = "token" if token else EXTENSION_KINDS.get(scope.section, "scope")
        if kind != "scope" and not token:
            warning = getattr(info, "warning", ()) if info else ()
            if warning and scope.detail in ("permissions", "host_permissions", "content_scripts"):
                host = scope.name.split("://", 1)[-1].split("/", 1)[0]
                description += " Install warning: " + " ".join(
                    f'"{w.replace("{host}", host)}"' for w in warning
                )
        add(
            kind,
            scope.name,
            registry.lookup(scope),
            description=description,
            risk=info.risk.label if info else None,
            where=scope.detail
            if token
            else REQUESTED_AS.get(scope.detail or "")
            if kind != "scope"
            else None,
        )

    hosts: dict[str, list[PermissionRequest]] = {}
    for item in of_kind(requests, "egress"):
        hosts.setdefault(address_key(item.name), []).append(item)
    for items in hosts.values():
        kinds = list(dict.fromkeys(item.detail or "" for item in items))
        entry = registry.lookup(items[0])
        uses = "; ".join(EGRESS_USES.get(kind, kind) for kind in kinds)
        add(
            "egress",
            items[0].name,
            entry,
            description=uses[0].upper() + uses[1:] + ".",
            user_data=_user_data(entry, [item.user_data for item in items]),
        )

    remotes = sorted(of_kind(requests, "remote"), key=lambda r: r.via is not None)  # definitions first
    for remote in remotes:
        entry = registry.lookup(remote)
        where = remote.detail if remote.via is None else None
        add(
            "remote",
            remote.name,
            entry,
            description=f"A server outside Atlassian{f' at {where}' if where else ''}.",
            user_data=_user_data(entry, [remote.user_data]),
        )

    for item in of_kind(requests, "content"):
        effect = CONTENT_EFFECTS.get(item.name, "relaxes the Content Security Policy for {kind}")
        text = effect.format(kind=item.detail)
        add("content", item.key, registry.lookup(item), description=text[0].upper() + text[1:] + ".")
    return rows


def _user_data(entry: Justification | None, declared: list[bool | None]) -> bool | None:
    """The registry's `user-data`, else what the manifest's `inScopeEUD` says."""
    if entry is not None and entry.user_data is not None:
        return entry.user_data
    known = [flag for flag in declared if flag is not None]
    if not known:
        return None
    return any(known)


def yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not stated"}[value]


def _renderers() -> dict[str, Callable[[Sequence[AppPage]], str]]:
    from scopecheck.registry.pages import csv, html, markdown, store

    return {"md": markdown.render, "html": html.render, "csv": csv.render, "store": store.render}


FORMATS = ("md", "html", "csv", "store")


def render(pages: Sequence[AppPage], output_format: str) -> str:
    return _renderers()[output_format](pages)


def page_claims(results: Sequence[Any], at: Any) -> tuple[PageClaim, ...]:
    """The page's claims from what checking them found (ClaimResult) at a commit (Provenance)."""
    claims = []
    for result in results:
        shown = result.breaking or result.doubts
        claims.append(
            PageClaim(
                name=result.claim.name,
                sentence=result.claim.sentence,
                status=result.status.value,
                at=at.describe(),
                commit=at.commit,
                date=at.date,
                reason=shown[0].message if shown else None,
            )
        )
    return tuple(claims)
