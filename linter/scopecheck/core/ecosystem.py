"""The seam every ecosystem plugs into: one record of plain functions, no plugin magic.

An ecosystem says which files are its own, reads one into its model, lists what the model
requests (PermissionRequest, the view the shared rules and tools read), names its catalog,
its own rules, where its registry lives, which registry entries belong to one app, and how to
read the app's code. `scopecheck.ecosystems.ECOSYSTEMS` lists them in a tuple; this record
lives with the engine that calls it, so the engine never imports an ecosystem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from scopecheck.core.findings import Span
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.core.rules import Rule, RuleBook
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.registry.model import Justification
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_nodes import YamlDocument, YamlProblem, parse_yaml


@record
class AnalysisRequest:
    """What an ecosystem's code analysis is given: the app, where it lives, the run's cwd,
    whether the cache may be used and which files are not app code (the policy's patterns)."""

    app: Any
    app_file: Path
    cwd: Path
    use_cache: bool = True
    not_app_code: tuple[str, ...] = DEFAULT_NOT_APP_CODE


@record
class UpdatePrompt:
    """What the people who installed an app are asked when an update changes its permissions,
    where the platform, not an admin, asks them: a browser's install warnings."""

    who: str  # the browser that asks: "Chrome"
    #: the warning texts the update shows that the installed version did not
    warnings: tuple[str, ...]
    #: what the update does until they accept ("Chrome disables the extension ...")
    effect: str
    #: (section, key) of a head request -> (whether it makes a new warning, why)
    reasons: dict[tuple[str, str], tuple[bool, str]] = field(default_factory=dict)
    first: bool = False  # no installed version: every warning is shown at install


@record
class Ecosystem:
    name: str  # "forge"
    platform: str  # who grants the permissions, for messages: "Forge"
    #: is this file one of mine (manifest.yml)
    detect: Callable[[Path], bool]
    #: the model of one file (parsed by `parse`), or None when it cannot be read; every
    #: shape problem (SC001)
    load: Callable[[YamlDocument], tuple[Any | None, list[YamlProblem]]]
    #: what the model asks for: the one place this is computed
    requests: Callable[[Any], tuple[PermissionRequest, ...]]
    #: names, risk tiers, descriptions and deprecations of its permissions
    catalog: Callable[[], Any]
    #: the rules only this ecosystem has
    rules: tuple[Rule, ...]
    #: (app file, the policy's registry file name) -> where the app's registry is
    registry_path: Callable[[Path, str], Path]
    #: where the model says "these are my permissions" (`permissions:`), for "see" lines
    requests_span: Callable[[Any], Span | None]
    #: reads the app's code for the rules that need it (None: the ecosystem has no code)
    analyze: Callable[[AnalysisRequest, Any], Any] | None = None
    #: which registry entries are this app's, when one registry serves several apps (a
    #: repository's workflows share one); None: every entry of the sections it uses
    owns_entry: Callable[[Any, Justification], bool] | None = None
    #: the sections of the registry this ecosystem writes to
    sections: tuple[str, ...] = ("scopes", "egress", "content", "remotes")
    #: what a summary calls one of its files: "3 apps", "2 workflows"
    unit: str = "app"
    #: its file's text to nodes: YAML, or a reader of another format that gives the same
    #: nodes (`json_nodes.parse_json` for a `manifest.json`); `load` then reads the nodes
    parse: Callable[[SourceText], YamlDocument] = parse_yaml
    #: whether the policy's claims (a trust page's promises) are about its apps; a workflow
    #: has no trust page, so a repository's claims are not checked against it
    claims: bool = False
    #: (base requests or None, head requests) -> what an update shows the users who installed
    #: the app (a browser's install warnings); None: the diff's Forge and workflow rules
    update_prompt: Callable[[Any, Any], UpdatePrompt] | None = None


@record
class Toolkit:
    """What a run can read and check: the ecosystems and the rule book, handed to the engine
    by the composition root (the CLI, a test). `origin` names it as `module:attribute`, so
    worker processes can import the same one."""

    ecosystems: tuple[Ecosystem, ...]
    rules: RuleBook
    shared: tuple[Rule, ...]  # the rules every ecosystem runs
    origin: str = ""

    def ecosystem_for(self, path: Path) -> Ecosystem | None:
        return next((e for e in self.ecosystems if e.detect(path)), None)

    def detects(self, path: Path) -> bool:
        """Whether some ecosystem reads this file as an app."""
        return self.ecosystem_for(path) is not None

    def rules_for(self, ecosystem: Ecosystem) -> tuple[Rule, ...]:
        mine = {r.code for r in (*self.shared, *ecosystem.rules)}
        return tuple(r for r in self.rules.rules if r.code in mine)
