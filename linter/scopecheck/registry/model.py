"""The justification registry (`permissions.yml`): why each permission is there.

Built leniently from the nodes: a schema problem is reported (SC002) where it
is, and every entry that can still be read is still checked.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from dataclasses import field

from scopecheck.core.addresses import address_key
from scopecheck.core.findings import Span
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_nodes import Mapping, Node, Scalar, YamlDocument, strings_with_spans

SECTIONS = ("scopes", "egress", "content", "remotes", "permissions", "hosts", "data-collection")


@record
class Justification:
    section: str
    key: str
    key_span: Span
    text: str | None
    text_span: Span
    entry_span: Span
    modules: tuple[tuple[str, Span], ...] = ()
    data: tuple[str, ...] = ()
    reviewed: datetime.date | None = None
    reviewed_span: Span | None = None
    owner: str | None = None
    risk_accepted: str | None = None
    user_data: bool | None = None


@record
class Registry:
    path: str
    exists: bool
    source: SourceText | None = None
    scopes: dict[str, Justification] = field(default_factory=dict)
    egress: dict[str, Justification] = field(default_factory=dict)
    content: dict[str, Justification] = field(default_factory=dict)
    remotes: dict[str, Justification] = field(default_factory=dict)
    #: GitHub Actions token permissions, keyed `file/permissions/name` (the workflow-level
    #: block) or `file/jobs/job/name` (a job's block)
    workflows: dict[str, Justification] = field(default_factory=dict)
    #: a browser extension's permissions (`tabs`) and host patterns (`https://x.example/*`)
    permissions: dict[str, Justification] = field(default_factory=dict)
    hosts: dict[str, Justification] = field(default_factory=dict)
    #: Firefox's data collection types (`websiteContent`), keyed by name
    data_collection: dict[str, Justification] = field(default_factory=dict)
    app_name: str | None = None
    readable: bool = True  # False: the file exists but could not be read (SC002 says why)
    #: problems the schema cannot see (an impossible date), reported as SC002
    problems: tuple[tuple[str, Span], ...] = ()

    def entries(self) -> list[Justification]:
        return [
            *self.scopes.values(),
            *self.egress.values(),
            *self.content.values(),
            *self.remotes.values(),
            *self.workflows.values(),
            *self.permissions.values(),
            *self.hosts.values(),
            *self.data_collection.values(),
        ]

    def egress_entry(self, address: str) -> Justification | None:
        """The entry for an egress address, matched as written or by origin."""
        if address in self.egress:
            return self.egress[address]
        wanted = address_key(address)
        for key, entry in self.egress.items():
            if address_key(key) == wanted:
                return entry
        return None

    def content_entry(self, kind: str, value: str) -> Justification | None:
        return self.content.get(f"{kind}:{value}") or self.content.get(value)

    def only(self, keep: Callable[[Justification], bool]) -> Registry:
        """The same registry with only the entries `keep` accepts (one app's share)."""

        def kept(section: dict[str, Justification]) -> dict[str, Justification]:
            return {key: entry for key, entry in section.items() if keep(entry)}

        return dataclasses.replace(
            self,
            scopes=kept(self.scopes),
            egress=kept(self.egress),
            content=kept(self.content),
            remotes=kept(self.remotes),
            workflows=kept(self.workflows),
            permissions=kept(self.permissions),
            hosts=kept(self.hosts),
            data_collection=kept(self.data_collection),
        )

    def lookup(self, request: PermissionRequest) -> Justification | None:
        """The entry that justifies `request`, matched the way each section is written:
        egress by origin, content as `kind:value` or `value`, the rest by key."""
        if request.section == "egress":
            return self.egress_entry(request.key)
        if request.section == "content":
            return self.content_entry(request.detail or "", request.name)
        return self.section(request.section).get(request.key)

    def section(self, name: str) -> dict[str, Justification]:
        return {
            "scopes": self.scopes,
            "egress": self.egress,
            "content": self.content,
            "remotes": self.remotes,
            "workflows": self.workflows,
            "permissions": self.permissions,
            "hosts": self.hosts,
            "data-collection": self.data_collection,
        }.get(name, {})


def read_registry(doc: YamlDocument, display: str) -> Registry:
    """Every readable entry; shape problems are left to the schema check."""
    root = doc.root
    if not doc.usable or not isinstance(root, Mapping):
        return Registry(display, exists=True, source=doc.source, readable=False)
    sections: dict[str, dict[str, Justification]] = {}
    problems: list[tuple[str, Span]] = []
    for section in SECTIONS:
        entries: dict[str, Justification] = {}
        for _key, node in root.get_all(section):
            if isinstance(node, Mapping):
                for key_text, key_node, value in node.items():
                    entries.setdefault(key_text, _entry(section, key_text, key_node, value, problems))
        sections[section] = entries
    workflows = _workflows(root, problems)
    app = root.get("app")
    name = app.get("name") if isinstance(app, Mapping) else None
    return Registry(
        display,
        exists=True,
        source=doc.source,
        app_name=name.value if isinstance(name, Scalar) and isinstance(name.value, str) else None,
        problems=tuple(problems),
        scopes=sections.get("scopes", {}),
        egress=sections.get("egress", {}),
        content=sections.get("content", {}),
        remotes=sections.get("remotes", {}),
        workflows=workflows,
        permissions=sections.get("permissions", {}),
        hosts=sections.get("hosts", {}),
        data_collection=sections.get("data-collection", {}),
    )


def workflow_key(workflow: str, job: str | None, permission: str) -> str:
    """The registry key of a token permission: `ci.yml/permissions/contents` for the
    workflow-level block, `ci.yml/jobs/build/contents` for a job's."""
    return f"{workflow}/permissions/{permission}" if job is None else f"{workflow}/jobs/{job}/{permission}"


def _workflows(root: Mapping, problems: list[tuple[str, Span]]) -> dict[str, Justification]:
    """`workflows: {file: {permissions: {...}, jobs: {job: {...}}}}`, flattened to keys."""
    entries: dict[str, Justification] = {}
    for _key, section in root.get_all("workflows"):
        if not isinstance(section, Mapping):
            continue
        for file, _file_key, body in section.items():
            if not isinstance(body, Mapping):
                continue
            block = body.get("permissions")
            for name, key_node, value in block.items() if isinstance(block, Mapping) else ():
                key = workflow_key(file, None, name)
                entries.setdefault(key, _entry("workflows", key, key_node, value, problems))
            jobs = body.get("jobs")
            for job, _job_key, job_block in jobs.items() if isinstance(jobs, Mapping) else ():
                for name, key_node, value in job_block.items() if isinstance(job_block, Mapping) else ():
                    key = workflow_key(file, job, name)
                    entries.setdefault(key, _entry("workflows", key, key_node, value, problems))
    return entries


def _entry(
    section: str, key: str, key_node: Scalar, value: Node, problems: list[tuple[str, Span]]
) -> Justification:
    entry_span = Span(
        key_node.span.path,
        key_node.span.line,
        key_node.span.column,
        value.span.end_line,
        value.span.end_column,
        key_node.span.start_offset,
        value.span.end_offset,
    )
    if isinstance(value, Scalar):
        text = value.value if isinstance(value.value, str) else None
        return Justification(section, key, key_node.span, text, value.span, entry_span)
    if not isinstance(value, Mapping):
        return Justification(section, key, key_node.span, None, key_node.span, entry_span)
    justification = value.get("justification")
    reviewed = value.get("reviewed")
    reviewed_value = _date(reviewed, key, problems)
    return Justification(
        section=section,
        key=key,
        key_span=key_node.span,
        text=_text(justification),
        text_span=justification.span if justification is not None else key_node.span,
        entry_span=entry_span,
        modules=strings_with_spans(value.get("modules")),
        data=tuple(text for text, _span in strings_with_spans(value.get("data"))),
        reviewed=reviewed_value if isinstance(reviewed_value, datetime.date) else None,
        reviewed_span=reviewed.span if reviewed is not None else None,
        owner=_text(value.get("owner")),
        risk_accepted=_text(value.get("risk-accepted")),
        user_data=_bool(value.get("user-data")),
    )


def _date(node: Node | None, key: str, problems: list[tuple[str, Span]]) -> datetime.date | None:
    """`reviewed` as a date: YAML's own dates, or quoted ISO text; an impossible date is a problem."""
    if not isinstance(node, Scalar):
        return None
    if isinstance(node.value, datetime.datetime):
        return node.value.date()
    if isinstance(node.value, datetime.date):
        return node.value
    if isinstance(node.value, str):
        try:
            return datetime.date.fromisoformat(node.value.strip())
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value.strip()):
                problems.append((f"`reviewed` of `{key}` is not a real date: {node.value!r}", node.span))
    return None


def _text(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    return None


def _bool(node: Node | None) -> bool | None:
    if isinstance(node, Scalar) and isinstance(node.value, bool):
        return node.value
    return None
