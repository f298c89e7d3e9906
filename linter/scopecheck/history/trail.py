"""The permission audit trail: what each commit added to or removed from an app, who did it,
whether admins had to consent again, and what the registry said about it at that commit.

Each commit that changed a manifest is compared with the manifest before it (the consent
diff of `scopecheck diff`, so both read permissions the same way). A manifest that cannot be
read at some commit is an entry of its own; the next readable version is compared with the
last readable one, so nothing is reported twice or lost.

Consent follows Forge's rules (`scopecheck.diff.consent.FORGE_RULES`), with two cases of
the trail's own: the commit that creates a manifest is the app's first version (an admin
grants everything at install: nothing is asked *again*), and one that deletes it removes
the app. A commit is not a deployment: admins see the sum of the commits between two
deployments, so several commits can make one major version, and a change reverted before
the next deployment makes none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scopecheck.core.ecosystem import Ecosystem, Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.inputs import app_or_error
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.diff.consent import Change, compare
from scopecheck.history.blobs import BlobReader
from scopecheck.history.gitlog import Commit, FileChange, walk
from scopecheck.registry.model import Registry, read_registry
from scopecheck.source.files import MAX_FILE_BYTES, SourceText
from scopecheck.source.yaml_nodes import parse_yaml

#: the commit creates the manifest | changes it | deletes it | the version before it was unreadable
SITUATIONS = ("new", "update", "deleted", "after-unreadable")
UNDOCUMENTED = "undocumented"


@record
class Version:
    """A manifest read at one commit: what it requests, or why it could not be read."""

    requests: tuple[PermissionRequest, ...] | None
    problem: str | None = None


@record
class Entry:
    manifest: str  # repository-relative path at that commit
    commit: Commit
    situation: str  # one of SITUATIONS
    change: Change | None = None  # None: the manifest could not be read at this commit
    problem: str | None = None
    justification: str | None = None
    #: where the justification was read: "commit", or "parent" for a removed permission the
    #: registry no longer documents at the commit
    justified_at: str | None = None
    renamed_from: str | None = None

    @property
    def needs_consent(self) -> bool:
        """Whether Forge makes every site admin consent to this change (a major version), or
        a browser asks the extension's users to accept a new install warning."""
        if self.change is not None and self.change.verdict is not None:
            return self.situation == "update" and self.change.needs_consent
        return self.change is not None and self.situation == "update" and self.change.admin_consent

    @property
    def consent_reason(self) -> str:
        if self.change is None:
            return "the manifest could not be read at this commit"
        if self.change.kind == "token":  # no admin is ever asked about a workflow's token
            return self.change.consent_reason
        if self.situation == "new" and self.change.verdict is not None:
            return "first version of the extension: the browser shows every install warning at install"
        if self.situation == "new":
            return "first version of the app: an admin grants every permission at install"
        if self.situation == "deleted":
            return "the manifest was deleted"
        if self.situation == "after-unreadable":
            return "the version before this commit could not be read: everything is listed as added"
        return self.change.consent_reason


@record
class Trail:
    root: Path
    path: str  # what was asked for, repository-relative
    since: str | None
    until: str | None
    commits: int  # commits that changed a manifest
    manifests: tuple[str, ...]
    entries: tuple[Entry, ...]
    blob_requests: int = 0


def build_trail(
    root: Path,
    pathspec: str,
    toolkit: Toolkit,
    registry_name: Callable[[str], str],
    *,
    since: str | None = None,
    until: str | None = None,
) -> Trail:
    """The trail of every manifest below `pathspec` (repository-relative; `.` for all)."""
    commits = walk(root, pathspec, _wanted(toolkit), since=since, until=until)
    builder = _Builder(toolkit, registry_name)
    with BlobReader(root) as blobs:
        builder.blobs = blobs
        for commit in commits:
            for change in commit.files:
                builder.file(commit, change)
        requests = blobs.requests
    manifests = tuple(dict.fromkeys(f.path for c in commits for f in c.files if builder.wanted(f.path)))
    return Trail(root, pathspec, since, until, len(commits), manifests, tuple(builder.entries), requests)


def _wanted(toolkit: Toolkit) -> Callable[[str], bool]:
    def wanted(path: str) -> bool:
        parts = path.split("/")
        return "node_modules" not in parts and toolkit.detects(Path(path))

    return wanted


class _Builder:
    def __init__(self, toolkit: Toolkit, registry_name: Callable[[str], str]):
        self.toolkit = toolkit
        self.registry_name = registry_name
        self.wanted = _wanted(toolkit)
        self.blobs: Any = None
        self.entries: list[Entry] = []
        #: the last version of each manifest that could be read
        self.last: dict[str, Version] = {}
        self._versions: dict[tuple[str, str], Version] = {}
        self._registries: dict[str, Registry] = {}

    def ecosystem(self, path: str) -> Ecosystem:
        return self.toolkit.ecosystem_for(Path(path)) or self.toolkit.ecosystems[0]

    def file(self, commit: Commit, change: FileChange) -> None:
        path = change.path if self.wanted(change.path) else None
        moved = change.old_path if change.status == "R" else None
        before_path = moved or change.path
        situation = "update"
        if before_path in self.last:
            before: Version | None = self.last[before_path]
        elif change.old_blob is not None and change.status != "C":
            before = self.version(change.old_blob, before_path)
        else:
            before, situation = None, "new"
        if before is not None and before.requests is None:
            before, situation = None, "after-unreadable"
        if moved is not None:
            self.last.pop(moved, None)
        if path is None or change.new_blob is None:  # deleted, or renamed to a name no one reads
            if before is None:
                return
            after = Version(())
            situation = "deleted"
            self.last.pop(before_path, None)
        else:
            after = self.version(change.new_blob, path)
            if after.requests is None:
                self.entries.append(Entry(path, commit, situation, problem=after.problem, renamed_from=moved))
                if before is not None:
                    self.last[path] = before
                return
            self.last[path] = after
        where = path or before_path
        assert after.requests is not None
        diff = compare(
            before.requests if before is not None else None,
            after.requests,
            self.ecosystem(where).catalog(),
            base_label=f"{commit.sha}^",
            head_label=commit.sha,
            prompt=self.ecosystem(where).update_prompt,
        )
        if not diff.changes:
            return
        registry = self.registry(f"{commit.sha}:{self.registry_path(where)}")
        for item in diff.changes:
            text, at = self.justification(registry, item), "commit"
            if text is None and item.action == "removed":
                parent = self.registry(f"{commit.sha}^:{self.registry_path(before_path)}")
                text, at = self.justification(parent, item), "parent"
            self.entries.append(
                Entry(
                    where,
                    commit,
                    situation,
                    change=item,
                    justification=text,
                    justified_at=at if text is not None else None,
                    renamed_from=moved,
                )
            )

    def registry_path(self, manifest: str) -> str:
        ecosystem = self.ecosystem(manifest)
        return ecosystem.registry_path(Path(manifest), self.registry_name(manifest)).as_posix()

    def version(self, oid: str, path: str) -> Version:
        """The manifest blob `oid` read as `path` (cached: a reverted file is read once)."""
        key = (oid, path)
        if key not in self._versions:
            self._versions[key] = self._read(oid, path)
        return self._versions[key]

    def _read(self, oid: str, path: str) -> Version:
        blob = self.blobs.read(oid)
        if blob is None:
            return Version(None, f"{path}: the blob {oid[:12]} is not in the repository")
        if blob.data is None:
            return Version(
                None,
                f"{path}: file is too large ({blob.size / 1_000_000:.1f} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)",
            )
        try:
            text = blob.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Version(None, f"{path}: not UTF-8 text")
        try:
            ecosystem, app = app_or_error(Path(path), path, self.toolkit, text)
        except InputError as exc:
            return Version(None, exc.one_line())
        return Version(ecosystem.requests(app))

    def registry(self, name: str) -> Registry | None:
        """The registry blob `name` names, parsed once per blob id; None when there is none."""
        blob = self.blobs.read(name)
        if blob is None:
            return None
        if blob.oid not in self._registries:
            display = name.split(":", 1)[-1]
            if blob.data is None:
                self._registries[blob.oid] = Registry(display, exists=True, readable=False)
            else:
                text = blob.data.decode("utf-8-sig", "replace")
                source = SourceText.from_text(Path(display), display, text)
                self._registries[blob.oid] = read_registry(parse_yaml(source), display)
        return self._registries[blob.oid]

    @staticmethod
    def justification(registry: Registry | None, change: Change) -> str | None:
        if registry is None or change.request is None:
            return None
        entry = registry.lookup(change.request)
        text = entry.text.strip() if entry is not None and entry.text else ""
        return text or None
