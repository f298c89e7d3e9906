"""Defaults, then `.scopecheck.yml`, then command-line flags: one frozen Settings.

The policy file is searched upward from the manifest and stops at the
repository root, so a policy at the top of a monorepo covers every app in it.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import field
from pathlib import Path
from typing import Any

from scopecheck.claims.model import Claim
from scopecheck.claims.parse import read_claims
from scopecheck.core.findings import Severity, Span
from scopecheck.core.permissions import RiskTier
from scopecheck.core.records import record
from scopecheck.core.rules import Rule, RuleBook
from scopecheck.core.schemas import schema_errors
from scopecheck.source.yaml_nodes import (
    Mapping,
    Node,
    Scalar,
    YamlDocument,
    YamlProblem,
    load_yaml,
    strings_with_spans,
    to_python,
)

POLICY_FILE = ".scopecheck.yml"
POLICY_NAMES = (POLICY_FILE, ".scopecheck.yaml")
REGISTRY_FILE = "permissions.yml"
FAIL_ON_CHOICES = ("error", "warning", "info", "never")
#: a certain unused permission (a warning) fails the gate, as any non-info finding does in
#: ruff and zizmor; every warning can be settled in the registry or by a suppression
DEFAULT_FAIL_ON = "warning"
#: which kind of scope to propose where both would do; None keeps the style the manifest uses
PREFER_CHOICES = ("granular", "classic")
#: files the code analysis does not read as app code: no module bundles a test, a story or a
#: mock, so a call there neither needs a scope nor keeps one in use (policy `not-app-code`)
DEFAULT_NOT_APP_CODE = (
    "*.test.*",
    "*.spec.*",
    "*.e2e.*",
    "*.stories.*",
    "__tests__/",
    "__mocks__/",
    "test/",
    "tests/",
    "e2e/",
)


@record
class Policy:
    deny_scopes: tuple[str, ...] = ()
    #: lowest tier that needs `risk-accepted`; None means never
    risk_acceptance_required: RiskTier | None = RiskTier.CRITICAL
    egress: str = "any"  # any | allowlist | none
    allow_egress: tuple[str, ...] = ()
    #: granular | classic: the kind of scope SC401 proposes, SC205 recommends and SC206 keeps;
    #: None: the kind the manifest already requests for that product
    prefer: str | None = None
    #: GitHub Actions: what a job without `permissions:` gets (permissive | restricted; None:
    #: unknown), and whether the repository is public (None: unknown)
    token_default: str | None = None
    repository_visibility: str | None = None
    #: file patterns that are not app code (see DEFAULT_NOT_APP_CODE)
    not_app_code: tuple[str, ...] = DEFAULT_NOT_APP_CODE
    #: the trust page's promises, checked by SC601 and listed by `scopecheck claims`
    claims: tuple[Claim, ...] = ()


@record
class RuleSettings:
    enabled: bool | None = None  # None: the rule's default
    severity: Severity | None = None  # None: the rule's default
    ignore: frozenset[str] = frozenset()
    options: tuple[tuple[str, Any], ...] = ()
    #: each `ignore:` entry with where it is written, so one that matches nothing is reported
    ignore_at: tuple[tuple[str, Span], ...] = ()


@record
class PolicyFile:
    """What one `.scopecheck.yml` says, already checked against its schema."""

    path: str | None = None
    registry: str | None = None
    fail_on: str | None = None
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)
    document: YamlDocument | None = None


@record
class CliOverrides:
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    fail_on: str | None = None
    registry: Path | None = None
    config: Path | None = None
    strict: bool = False
    today: datetime.date | None = None
    base_ref: str | None = None  # compare each manifest with this git revision (SC501)
    changed: bool = False  # paths are changed files: lint the apps they belong to (pre-commit)
    jobs: int | None = None  # worker processes; None: one per core when there are many apps
    cache: bool = True  # reuse the code analysis of unchanged apps (see usage_cache.py)
    prefer: str | None = None  # granular | classic: overrides the policy's `prefer`
    #: check each fix's edited file (a parse per fix); off when no one will use the edits
    verify_fixes: bool = True


@record
class Settings:
    fail_on: Severity | None
    policy: Policy
    rules: dict[str, RuleSettings]
    select: frozenset[str] | None
    ignore: frozenset[str]
    strict: bool
    today: datetime.date

    def rule_settings(self, code: str) -> RuleSettings:
        return self.rules.get(code, RuleSettings())

    def enabled(self, rule: Rule) -> bool:
        if rule.origin == "loader":
            return True  # input errors cannot be turned off
        if rule.code in self.ignore:
            return False
        if self.select is not None:
            return rule.code in self.select
        configured = self.rule_settings(rule.code).enabled
        return rule.default_enabled if configured is None else configured

    def severity(self, rule: Rule) -> Severity:
        return self.rule_settings(rule.code).severity or rule.default_severity

    def options(self, rule: Rule) -> Any:
        if rule.options_type is None:
            return None
        return rule.options_type(**dict(self.rule_settings(rule.code).options))


def find_policy(start: Path) -> Path | None:
    """Nearest `.scopecheck.yml` from `start` upward, not past the repository root."""
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        for name in POLICY_NAMES:
            path = candidate / name
            if path.is_file():
                return path
        if (candidate / ".git").exists():
            return None
    return None


def load_policy(path: Path, display: str, book: RuleBook) -> tuple[PolicyFile, list[YamlProblem]]:
    doc = load_yaml(path, display)
    if (
        doc.root is None
        and doc.source is not None
        and len(doc.problems) == 1
        and doc.problems[0].subject == "empty"
    ):
        return PolicyFile(display, document=doc), []  # an empty policy means the defaults
    problems = list(doc.problems)
    if not doc.usable:
        return PolicyFile(display, document=doc), problems
    root = doc.root
    assert root is not None
    if isinstance(root, Scalar) and root.value is None:
        return PolicyFile(display, document=doc), problems
    problems.extend(schema_errors(to_python(root), "policy.schema.json", root, display))
    if not isinstance(root, Mapping):
        return PolicyFile(display, document=doc), problems
    rules, rule_problems = _rules(root.get("rules"), book)
    problems.extend(rule_problems)
    claims, claim_problems = read_claims(root.get("claims"))
    problems.extend(claim_problems)
    registry_node = root.get("registry")
    registry = _text(registry_node)
    if registry and registry_node is not None and (why := registry_path_problem(registry)):
        problems.append(YamlProblem(why, registry_node.span, subject="registry"))
        registry = None
    return (
        PolicyFile(
            path=display,
            registry=registry,
            fail_on=fail_on if (fail_on := _text(root.get("fail-on"))) in FAIL_ON_CHOICES else None,
            rules=rules,
            policy=dataclasses.replace(_policy(root.get("policy")), claims=claims),
            document=doc,
        ),
        problems,
    )


def registry_path_problem(value: str) -> str | None:
    """Why the policy's `registry:` is not a file name inside the app, or None.

    The registry is read, quoted in reports and written by `init`: a path that leaves the app
    (absolute, `..`) or names the manifest or the policy would let a policy file make
    scopecheck read or overwrite any file.
    """
    from pathlib import PurePosixPath, PureWindowsPath

    posix = PurePosixPath(value.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(value).drive:
        return f"`registry: {value}` must be a path relative to the manifest, not an absolute one"
    if ".." in posix.parts:
        return f"`registry: {value}` must stay inside the app's folder (no `..`)"
    if posix.name in (*POLICY_NAMES, "manifest.yml", "manifest.yaml") or not posix.name:
        return f"`registry: {value}` names the manifest or the policy, not a registry file"
    return None


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _strings(node: Node | None) -> tuple[str, ...]:
    value = to_python(node)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _policy(node: Node | None) -> Policy:
    if not isinstance(node, Mapping):
        return Policy()
    tier = _text(node.get("risk-acceptance-required"))
    required: RiskTier | None = RiskTier.CRITICAL
    if tier == "never":
        required = None
    elif tier in ("low", "medium", "high", "critical"):
        required = RiskTier.parse(tier)
    egress = _text(node.get("egress"))
    prefer = _text(node.get("prefer"))
    token_default = _text(node.get("token-default"))
    visibility = _text(node.get("repository-visibility"))
    not_app_code = node.get("not-app-code")
    return Policy(
        deny_scopes=_strings(node.get("deny-scopes")),
        risk_acceptance_required=required,
        egress=egress if egress in ("any", "allowlist", "none") else "any",
        allow_egress=_strings(node.get("allow-egress")),
        prefer=prefer if prefer in PREFER_CHOICES else None,
        token_default=token_default if token_default in ("permissive", "restricted") else None,
        repository_visibility=visibility if visibility in ("public", "private") else None,
        not_app_code=_strings(not_app_code) if not_app_code is not None else DEFAULT_NOT_APP_CODE,
    )


def _rules(node: Node | None, book: RuleBook) -> tuple[dict[str, RuleSettings], list[YamlProblem]]:
    result: dict[str, RuleSettings] = {}
    problems: list[YamlProblem] = []
    if not isinstance(node, Mapping):
        return result, problems
    for name, key, value in node.items():
        if not re.fullmatch(r"SC[0-9]{3}|[a-z][a-z0-9-]*", name):
            continue  # the schema reports a malformed key
        rule = book.find(name)
        if rule is None:
            problems.append(YamlProblem(f"unknown rule `{name}` in `rules`", key.span, subject=name))
            continue
        if rule.code in result:
            problems.append(
                YamlProblem(
                    f"{rule.code} ({rule.name}) is configured twice in `rules`", key.span, subject=name
                )
            )
            continue
        settings, option_problems = _rule_settings(rule, value)
        problems.extend(option_problems)
        if rule.origin == "loader" and (settings.enabled is False or settings.severity is not None):
            message = f"{rule.code} reports input that cannot be read; it cannot be turned off or regraded"
            problems.append(YamlProblem(message, key.span, subject=name))
            settings = RuleSettings()
        result[rule.code] = settings
    return result, problems


def _rule_settings(rule: Rule, node: Node) -> tuple[RuleSettings, list[YamlProblem]]:
    value = to_python(node)
    if value in ("off", False):
        return RuleSettings(enabled=False), []
    if value in ("on", True):
        return RuleSettings(enabled=True), []
    if isinstance(value, str) and value in ("error", "warning", "info"):
        return RuleSettings(enabled=True, severity=Severity.parse(value)), []
    if not isinstance(node, Mapping) or not isinstance(value, dict):
        return RuleSettings(), []  # the schema already reported it
    fields = dataclasses.fields(rule.options_type) if rule.options_type else ()
    known = {f.name.replace("_", "-"): f.name for f in fields}
    options: list[tuple[str, Any]] = []
    problems: list[YamlProblem] = []
    for option, key, option_node in node.items():
        if option in ("enabled", "severity", "ignore"):
            continue
        if option not in known:
            allowed = ", ".join(["enabled", "severity", "ignore", *known])
            problems.append(
                YamlProblem(
                    f"{rule.code} has no option `{option}` (allowed: {allowed})",
                    key.span,
                    subject=f"{rule.code}.{option}",
                )
            )
            continue
        option_value = to_python(option_node)
        field_type = _option_type(rule.options_type, known[option])
        if field_type is not None and not _fits(option_value, field_type):
            message = (
                f"option `{option}` of {rule.code} must be {field_type.__name__}, found {option_value!r}"
            )
            problems.append(YamlProblem(message, option_node.span, subject=f"{rule.code}.{option}"))
            continue
        options.append((known[option], option_value))
    severity = value.get("severity")
    enabled = value.get("enabled")
    ignore_at = strings_with_spans(node.get("ignore"))
    return (
        RuleSettings(
            enabled=enabled if isinstance(enabled, bool) else None,
            severity=Severity.parse(severity)
            if isinstance(severity, str) and severity in ("error", "warning", "info")
            else None,
            ignore=frozenset(entry for entry, _span in ignore_at),
            options=tuple(options),
            ignore_at=ignore_at,
        ),
        problems,
    )


def _option_type(options_type: type | None, name: str) -> type | None:
    if options_type is None:
        return None
    default = next(f.default for f in dataclasses.fields(options_type) if f.name == name)
    if default is dataclasses.MISSING:
        return None
    return type(default)


def _fits(value: Any, wanted: type) -> bool:
    if wanted is int:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if wanted is tuple:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, wanted)


def build_settings(policy: PolicyFile, cli: CliOverrides) -> Settings:
    fail_on = cli.fail_on or policy.fail_on or DEFAULT_FAIL_ON
    rules_policy = policy.policy
    if cli.prefer is not None:
        rules_policy = dataclasses.replace(rules_policy, prefer=cli.prefer)
    return Settings(
        fail_on=None if fail_on == "never" else Severity.parse(fail_on),
        policy=rules_policy,
        rules=policy.rules,
        select=cli.select,
        ignore=cli.ignore,
        strict=cli.strict,
        today=cli.today or datetime.date.today(),
    )
