"""`scopecheck diff`: load both sides (files or git revisions), compare, grade with the policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scopecheck.core import gitio
from scopecheck.core.ecosystem import Ecosystem, Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.findings import Severity
from scopecheck.core.inputs import app_or_error, policy_or_error, policy_path_for
from scopecheck.core.settings import CliOverrides, build_settings
from scopecheck.diff.consent import compare
from scopecheck.diff.render import RENDERERS

Loaded = tuple[tuple[Ecosystem, Any] | None, Path, str]


def _load(spec: str, manifest_path: Path, toolkit: Toolkit, *, base: bool) -> Loaded:
    """(manifest or None for "did not exist", its file path, label) for a file or a revision."""
    cwd = Path.cwd()
    as_file = Path(spec)
    if as_file.is_file():
        return _parse(as_file, spec, None, toolkit), as_file, spec
    if as_file.is_dir():
        for candidate in (as_file / "manifest.yml", as_file / "manifest.json"):
            if candidate.is_file() and toolkit.detects(candidate):
                return _parse(candidate, spec, None, toolkit), candidate, spec
    if not gitio.is_revision(spec, cwd):
        raise InputError(spec, "neither a manifest file nor a git revision")
    text = gitio.show(spec, manifest_path.resolve())
    label = f"{spec}:{manifest_path.as_posix()}"
    if text is None:
        if base:
            return None, manifest_path, label  # a new app: everything is added
        raise InputError(label, "the manifest does not exist at that revision")
    return _parse(manifest_path, label, text, toolkit), manifest_path, label


def _parse(path: Path, label: str, text: str | None, toolkit: Toolkit) -> tuple[Ecosystem, Any]:
    return app_or_error(path, label, toolkit, text)


def run_diff(
    base: str, head: str | None, manifest: Path, fmt: str, fail_on: str | None, toolkit: Toolkit
) -> tuple[str, bool]:
    """(rendered output, whether SC501 fails the run)."""
    # a revision side reads the manifest at the head's path (a file head) or at --manifest
    path_in_repo = Path(head) if head is not None and Path(head).is_file() else manifest
    base_side, _base_path, base_label = _load(base, path_in_repo, toolkit, base=True)
    if head is None:
        if not manifest.is_file():
            raise InputError(str(manifest), "no such manifest (use --manifest PATH)")
        head_side, head_path, head_label = (
            _parse(manifest, str(manifest), None, toolkit),
            manifest,
            str(manifest),
        )
    else:
        loaded, head_path, head_label = _load(head, manifest, toolkit, base=False)
        assert loaded is not None
        head_side = loaded
    ecosystem, head_app = head_side
    diff = compare(
        ecosystem.requests(base_side[1]) if base_side is not None else None,
        ecosystem.requests(head_app),
        ecosystem.catalog(),
        base_label=base_label,
        head_label=head_label,
        prompt=ecosystem.update_prompt,
    )

    # a broken policy must not quietly grade SC501 with the defaults
    policy_path = policy_path_for(head_path.resolve(), None)
    policy = policy_or_error(policy_path, str(policy_path), toolkit.rules)
    settings = build_settings(policy, CliOverrides(fail_on=fail_on))
    rule = toolkit.rules.find("SC501")
    assert rule is not None
    severity: Severity = settings.severity(rule)
    consent = any(c.needs_consent for c in diff.added)  # SC501 is about what was added
    failing = (
        consent and settings.enabled(rule) and settings.fail_on is not None and severity >= settings.fail_on
    )
    return RENDERERS[fmt](diff), failing
