"""Runs the rules: files in, a Report out. Prints nothing, exits nothing.

For each app: find the ecosystem that reads its file, load the file, the policy and the
registry (their problems become SC001/SC002 findings), list what the app requests, read its
code when an enabled rule needs it, run every enabled rule (the shared ones and the
ecosystem's) on one immutable Context, stamp each violation with the rule's id, name and
effective severity, then apply ignore comments, config ignores and the registry's accepted
risks. A rule that raises is recorded as a crash; the other rules still run.

The engine never imports an ecosystem: the caller hands it a Toolkit.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scopecheck import __version__
from scopecheck.core.addresses import address_key
from scopecheck.core.discovery import apps_for_changed, discover
from scopecheck.core.ecosystem import AnalysisRequest, Ecosystem, Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.findings import (
    AppReport,
    Confidence,
    Finding,
    Notice,
    Related,
    Report,
    RuleCrash,
    Span,
    Suppression,
)
from scopecheck.core.inputs import policy_path_for
from scopecheck.core.permissions import PermissionRequest
from scopecheck.core.records import record
from scopecheck.core.rules import Context, Rule, RuleBook, Violation
from scopecheck.core.schemas import schema_errors
from scopecheck.core.settings import (
    REGISTRY_FILE,
    CliOverrides,
    PolicyFile,
    Settings,
    build_settings,
    load_policy,
)
from scopecheck.registry.model import Justification, Registry, read_registry
from scopecheck.rules import CLAIM_BROKEN, INVALID_MANIFEST, INVALID_REGISTRY, UNUSED_SUPPRESSION
from scopecheck.source.files import SourceText, read_text
from scopecheck.source.suppressions import IgnoreComment, find_ignores
from scopecheck.source.yaml_nodes import (
    Scalar,
    YamlDocument,
    YamlProblem,
    load_document,
    load_yaml,
    text_lines,
    to_python,
)

#: below this many apps, starting worker processes costs more than it saves
PARALLEL_FROM = 24


@record
class AppResult:
    findings: tuple[Finding, ...]
    app: AppReport
    crashes: tuple[RuleCrash, ...] = ()
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: `rules.X.ignore` entries of the app's policy (when SC003 runs) and the ones that matched
    config_ignores: tuple[tuple[str, str, Span], ...] = ()
    config_used: frozenset[tuple[str, str]] = frozenset()
    digests: dict[str, str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


@dataclass
class _Run:
    """Per-run caches (policy files shared by many apps, catalogs); never module-level."""

    cli: CliOverrides
    toolkit: Toolkit
    cwd: Path
    #: a catalog to use instead of every ecosystem's own (tests)
    catalog_override: Any = None
    #: app file texts to use instead of the files (absolute path -> text), for --fix/--diff
    overlay: Mapping[Path, str] = field(default_factory=dict)
    policies: dict[Path, tuple[PolicyFile, list[YamlProblem]]] = field(default_factory=dict)
    #: a policy shared by many apps has its problems reported once, with the first app
    policies_reported: set[Path] = field(default_factory=set)
    catalogs: dict[str, Any] = field(default_factory=dict)

    @property
    def book(self) -> RuleBook:
        return self.toolkit.rules

    def catalog(self, ecosystem: Ecosystem) -> Any:
        if self.catalog_override is not None:
            return self.catalog_override
        if ecosystem.name not in self.catalogs:
            self.catalogs[ecosystem.name] = ecosystem.catalog()
        return self.catalogs[ecosystem.name]


def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory when below it: what the user typed, roughly."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return absolute.as_posix()


def repository_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


def lint(
    paths: Sequence[Path],
    cli: CliOverrides | None = None,
    *,
    toolkit: Toolkit,
    cwd: Path | None = None,
    catalog: Any = None,
    overlay: Mapping[Path, str] | None = None,
) -> Report:
    """Lint every app file under `paths`. `overlay` replaces files' text (absolute paths)."""
    cwd = (cwd or Path.cwd()).resolve()
    cli = cli or CliOverrides()
    absolute = [p if p.is_absolute() else cwd / p for p in paths]
    try:
        detect = toolkit.detects
        apps = apps_for_changed(absolute, detect) if cli.changed else discover(absolute, detect)
    except InputError as exc:  # name the path as the user typed it
        raise InputError(display_path(Path(exc.path or ""), cwd), exc.message) from None
    workers = _workers(cli.jobs, len(apps))
    if workers > 1 and catalog is None and toolkit.origin:
        results = _lint_parallel(apps, cli, cwd, dict(overlay or {}), workers, toolkit.origin)
    else:
        run = _Run(cli, toolkit, cwd, catalog, dict(overlay or {}))
        results = [lint_app_contained(path, run) for path in apps]
    sources = {path: lines for r in results for path, lines in r.sources.items()}
    # a policy or registry shared by several apps is reported once, whatever the worker split
    stale_ignores = unused_config_ignores(results, toolkit.rules)
    unique = {(f.rule_id, f.span, f.message): f for r in results for f in (*r.findings, *stale_ignores)}
    findings = sorted(unique.values(), key=lambda f: f.sort_key)
    return Report(
        reported=tuple(f for f in findings if f.suppression is None),
        ignored=tuple(f for f in findings if f.suppression is not None),
        apps=tuple(r.app for r in results),
        crashes=tuple(c for r in results for c in r.crashes),
        root=repository_root(cwd).as_posix(),
        cwd=cwd.as_posix(),
        tool_version=__version__,
        sources=sources,
        digests={path: value for r in results for path, value in r.digests.items()},
        notices=tuple(n for r in results for n in r.notices),
        rules=toolkit.rules.rules,
    )


def _workers(jobs: int | None, apps: int) -> int:
    """--jobs N wins; otherwise one process per core once there are enough apps."""
    if jobs is not None:
        return max(1, min(jobs, apps))
    return min(os.cpu_count() or 1, apps) if apps >= PARALLEL_FROM else 1


def load_toolkit(origin: str) -> Toolkit:
    """The toolkit a `module:attribute` name points at (worker processes import it)."""
    module, _, attribute = origin.partition(":")
    toolkit = getattr(importlib.import_module(module), attribute)
    assert isinstance(toolkit, Toolkit)
    return toolkit


def _lint_chunk(
    apps: list[Path], cli: CliOverrides, cwd: Path, overlay: dict[Path, str], origin: str
) -> list[AppResult]:
    run = _Run(cli, load_toolkit(origin), cwd, None, overlay)
    return [lint_app_contained(path, run) for path in apps]


def _lint_parallel(
    apps: list[Path], cli: CliOverrides, cwd: Path, overlay: dict[Path, str], workers: int, origin: str
) -> list[AppResult]:
    """Chunks of apps in worker processes; results come back in the original order."""
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, len(apps) // (workers * 4))
    chunks = [apps[i : i + size] for i in range(0, len(apps), size)]
    count = len(chunks)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(
            _lint_chunk, chunks, [cli] * count, [cwd] * count, [overlay] * count, [origin] * count
        )
        return [result for part in parts for result in part]


def lint_app_contained(app_file: Path, run: _Run) -> AppResult:
    """`lint_app`, with a crash while reading this app's files kept to this app: the other
    apps' findings still come out, and the exit code says an internal error happened."""
    try:
        return lint_app(app_file, run)
    except InputError:  # a usage error (an unknown --base-ref): exit 2 for the whole run
        raise
    except Exception as exc:
        display = display_path(app_file, run.cwd)
        crash = RuleCrash("loading", display, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        return AppResult((), AppReport(manifest=display, registry=None, policy=None), (crash,))


def lint_app(app_file: Path, run: _Run) -> AppResult:
    display = display_path(app_file, run.cwd)
    ecosystem = run.toolkit.ecosystem_for(app_file) or run.toolkit.ecosystems[0]
    doc = load_document(app_file, display, run.overlay.get(app_file.absolute()), ecosystem.parse)
    app, shape_problems = ecosystem.load(doc)
    app_problems = [*doc.problems, *shape_problems]
    policy_file, policy_problems = _policy(app_file, run)
    settings = build_settings(policy_file, run.cli)
    registry_doc, registry, registry_problems = _registry(app_file, ecosystem, policy_file, run)

    findings = [_loader_finding(INVALID_MANIFEST, p) for p in app_problems]
    findings += [_loader_finding(INVALID_REGISTRY, p) for p in (*policy_problems, *registry_problems)]
    crashes: list[RuleCrash] = []
    rules = run.toolkit.rules_for(ecosystem)
    ran = [r.code for r in rules if r.origin != "check" and settings.enabled(r)]
    notices: tuple[Notice, ...] = ()
    claim_results: tuple[Any, ...] = ()
    if app is not None:
        registry = registry.only(lambda entry: _owns(ecosystem, app, entry))
        ctx = _context(app_file, app, ecosystem, rules, registry, settings, run, crashes)
        claim_results = _claims(ctx, ecosystem, rules, settings, display, crashes)
        ctx = dataclasses.replace(ctx, claim_results=claim_results)
        findings += _run_rules(ctx, rules, settings, display, crashes, ran)
        if run.cli.verify_fixes:
            findings = [_verified(f, doc) for f in findings]
        problems = getattr(ctx.analysis, "problems", ())
        notices = tuple(Notice(p.path, p.describe(), display) for p in problems)

    docs = [d for d in (doc, registry_doc) if d is not None and d.source is not None]
    commented = [(d.source, text_lines(d.root)) for d in docs if d.source is not None]
    used_config: set[tuple[str, str]] = set()
    findings = [
        dataclasses.replace(f, app=display)
        for f in apply_suppressions(findings, commented, settings, policy_file.path, used_config, run.book)
    ]
    findings = [settle_by_registry(f, registry, run.book) for f in findings]
    declared: tuple[tuple[str, str, Span], ...] = ()
    if settings.enabled(UNUSED_SUPPRESSION):
        declared = tuple(
            (code, entry, span)
            for code, rule_settings in settings.rules.items()
            if (rule := run.book.find(code)) is not None and code in ran and settings.enabled(rule)
            for entry, span in rule_settings.ignore_at
        )
    reported = [f.severity for f in findings if f.suppression is None]
    app_report = AppReport(
        manifest=display,
        registry=registry.path if registry.exists else None,
        policy=policy_file.path,
        files=tuple(source.display for source, _lines in commented),
        fail_on=settings.fail_on.label if settings.fail_on else "never",
        worst=max(reported) if reported else None,
        rules=tuple(sorted(ran)),
        unit=ecosystem.unit,
        registry_at=registry.path,
        claims=claim_results,
    )
    quoted = [source for source, _lines in commented]
    if policy_file.document is not None and policy_file.document.source is not None:
        quoted.append(policy_file.document.source)  # quoted by reporters, never suppressed
    digests = {}
    if doc.source is not None:
        from scopecheck.core.fixes import digest

        digests[display] = digest(doc.source.text)
    return AppResult(
        tuple(findings),
        app_report,
        tuple(crashes),
        _quoted_lines(quoted, findings, run.cwd),
        declared,
        frozenset(used_config),
        digests,
        notices,
    )


def _owns(ecosystem: Ecosystem, app: Any, entry: Justification) -> bool:
    """Whether a registry entry is this app's: in a section its ecosystem writes, and, where
    one registry serves several apps, one the ecosystem says is this app's."""
    if entry.section not in ecosystem.sections:
        return False
    return ecosystem.owns_entry is None or ecosystem.owns_entry(app, entry)


def _context(
    app_file: Path,
    app: Any,
    ecosystem: Ecosystem,
    rules: tuple[Rule, ...],
    registry: Registry,
    settings: Settings,
    run: _Run,
    crashes: list[RuleCrash],
) -> Context:
    """The immutable input of every rule; code analysis runs only if a rule needs it."""
    catalog = run.catalog(ecosystem)
    analysis = None
    if ecosystem.analyze is not None and any(_reads_code(r, ecosystem, settings) for r in rules):
        try:
            request = AnalysisRequest(
                app, app_file, run.cwd, use_cache=run.cli.cache, not_app_code=settings.policy.not_app_code
            )
            analysis = ecosystem.analyze(request, catalog)
        except Exception as exc:  # the other rules still run without code analysis
            crashes.append(
                RuleCrash("analysis", app.path, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            )
    return Context(
        app=app,
        requests=ecosystem.requests(app),
        registry=registry,
        policy=settings.policy,
        catalog=catalog,
        today=settings.today,
        analysis=analysis,
        fetches=getattr(analysis, "fetches", None),
        code=getattr(analysis, "code", None),
        strict=settings.strict,
        base=_base_requests(app_file, ecosystem, run) if run.cli.base_ref else None,
        base_label=run.cli.base_ref,
        platform=ecosystem.platform,
        requests_span=ecosystem.requests_span(app),
    )


def _reads_code(rule: Rule, ecosystem: Ecosystem, settings: Settings) -> bool:
    """Whether `rule` will read the code: SC601 only when there are claims to check."""
    if not rule.needs_code or not settings.enabled(rule):
        return False
    return rule.code != CLAIM_BROKEN.code or (ecosystem.claims and bool(settings.policy.claims))


def _claims(
    ctx: Context,
    ecosystem: Ecosystem,
    rules: tuple[Rule, ...],
    settings: Settings,
    display: str,
    crashes: list[RuleCrash],
) -> tuple[Any, ...]:
    """What checking the policy's claims finds for this app (SC601 reports it; `scopecheck
    claims` lists it). `documented` and `least-privilege` read other rules' violations, run
    here whether or not the run reports them: a claim's status never depends on `--select`,
    `--strict` or a rule turned off."""
    claims = settings.policy.claims
    if not claims or not ecosystem.claims or not settings.enabled(CLAIM_BROKEN):
        return ()
    from scopecheck.claims.evaluate import Inputs, evaluate

    plain = dataclasses.replace(ctx, strict=False)

    def peers(code: str) -> list[Violation] | None:
        rule = next((r for r in rules if r.code == code), None)
        if rule is None:
            return None
        return list(rule.check(dataclasses.replace(plain, options=settings.options(rule))))

    try:
        return evaluate(claims, Inputs(ctx.requests, ctx.catalog, ctx.code, peers, ecosystem.unit))
    except Exception as exc:  # the other rules still run
        message = f"{type(exc).__name__}: {exc}"
        crashes.append(RuleCrash(CLAIM_BROKEN.code, display, message, traceback.format_exc()))
        return ()


def _verified(finding: Finding, doc: YamlDocument) -> Finding:
    """The finding, without its fix when the edited file would not be what the fix means
    (help then says why `--fix` will not do it)."""
    source = doc.source
    if (
        finding.fix is None
        or source is None
        or finding.fix.changes[:1] == ()
        or (finding.fix.changes[0].path != source.display)
    ):
        return finding
    from scopecheck.core.fixes import fix_problem, with_refusal

    problem = fix_problem(doc, finding.fix)
    if problem is None:
        return finding
    return dataclasses.replace(finding, fix=None, help=with_refusal(finding.help or "", problem))


def _run_rules(
    ctx: Context,
    rules: tuple[Rule, ...],
    settings: Settings,
    display: str,
    crashes: list[RuleCrash],
    ran: list[str],
) -> list[Finding]:
    """Every enabled rule over `ctx`; appends the ids of the rules that ran to `ran`."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.origin != "check" or not settings.enabled(rule):
            continue
        if rule.needs_base and ctx.base_label is None:
            continue
        ran.append(rule.code)
        try:
            violations = list(rule.check(dataclasses.replace(ctx, options=settings.options(rule))))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            crashes.append(
                RuleCrash(rule.code, display, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            )
            continue
        findings.extend(_finding(rule, v, settings, ctx.catalog) for v in violations)
    return findings


def _quoted_lines(
    sources: list[SourceText], findings: list[Finding], cwd: Path
) -> dict[str, tuple[str, ...]]:
    """The lines of every file a finding points at (code files too), for reporters to quote."""
    lines = {s.display: s.lines for s in sources}
    for finding in findings:
        path = finding.span.path
        if path not in lines:
            text = read_text(cwd / path, path)
            lines[path] = text.lines if isinstance(text, SourceText) else ()
    return lines


def _base_requests(app_file: Path, ecosystem: Ecosystem, run: _Run) -> tuple[PermissionRequest, ...] | None:
    """What the app requested at `--base-ref`; None when it did not exist there (a new app)."""
    from scopecheck.core import gitio

    assert run.cli.base_ref is not None
    text = gitio.show(run.cli.base_ref, app_file)
    if text is None:
        return None
    display = f"{run.cli.base_ref}:{display_path(app_file, run.cwd)}"
    base, _problems = ecosystem.load(load_document(app_file, display, text, ecosystem.parse))
    return ecosystem.requests(base) if base is not None else None


def _policy(app_file: Path, run: _Run) -> tuple[PolicyFile, list[YamlProblem]]:
    path = policy_path_for(app_file, run.cli.config)
    if path is None:
        return PolicyFile(), []
    path = path if path.is_absolute() else run.cwd / path
    if path not in run.policies:
        run.policies[path] = load_policy(path, display_path(path, run.cwd), run.book)
    policy, problems = run.policies[path]
    if path in run.policies_reported:
        return policy, []
    run.policies_reported.add(path)
    return policy, problems


def _registry(
    app_file: Path, ecosystem: Ecosystem, policy: PolicyFile, run: _Run
) -> tuple[YamlDocument | None, Registry, list[YamlProblem]]:
    explicit = run.cli.registry
    if explicit is not None and not explicit.is_absolute():
        explicit = run.cwd / explicit
    path = explicit or ecosystem.registry_path(app_file, policy.registry or REGISTRY_FILE)
    display = display_path(path, run.cwd)
    if not path.exists() and run.cli.registry is None:
        return None, Registry(display, exists=False), []
    doc = load_yaml(path, display)
    problems = list(doc.problems)
    if doc.usable and doc.root is not None:
        problems.extend(schema_errors(to_python(doc.root), "registry.schema.json", doc.root, display))
        if isinstance(doc.root, Scalar) and doc.root.value is None:
            problems.append(YamlProblem("the registry is empty: expected `version: 1`", doc.root.span))
    registry = read_registry(doc, display)
    problems += [YamlProblem(message, span, subject="reviewed") for message, span in registry.problems]
    return doc, registry, problems


def _loader_finding(rule: Rule, problem: YamlProblem) -> Finding:
    related = tuple(Related(span, label) for span, label in getattr(problem, "related", ()))
    return Finding(
        rule_id=rule.code,
        rule_name=rule.name,
        severity=rule.default_severity,
        confidence=Confidence.HIGH,
        message=problem.message,
        span=problem.span,
        subject=problem.subject,
        related=related,
    )


def _finding(rule: Rule, violation: Violation, settings: Settings, catalog: Any) -> Finding:
    configured = settings.rule_settings(rule.code).severity
    scope = catalog.get(violation.subject) if violation.subject else None
    return Finding(
        rule_id=rule.code,
        rule_name=rule.name,
        severity=configured or violation.severity or settings.severity(rule),
        confidence=violation.confidence,
        message=violation.message,
        span=violation.span,
        subject=violation.subject,
        related=violation.related,
        help=violation.help,
        fix=violation.fix,
        risk=violation.risk or (scope.risk.label if scope is not None and rule.carries_risk else None),
        alternatives=violation.alternatives,
    )


def apply_suppressions(
    findings: list[Finding],
    sources: Iterable[tuple[SourceText, frozenset[int]]],
    settings: Settings,
    policy_path: str | None,
    used_config: set[tuple[str, str]],
    book: RuleBook,
) -> list[Finding]:
    """Mark findings silenced by comments or config; add SC003 for comments that silence nothing.

    Config entries that silenced something are added to `used_config` as (rule id, entry):
    whether an entry is unused can only be told after every app that shares the policy.

    `sources` pairs each file with the lines inside its multi-line scalars (text, not comments).
    """
    comments = [c for source, text in sources for c in find_ignores(source, text)]
    used: set[tuple[int, str]] = set()
    result: list[Finding] = []
    for finding in findings:
        rule = book.find(finding.rule_id)
        suppression = None
        if rule is not None and rule.origin != "loader":
            suppression = _comment_suppression(finding, comments, used, book) or _config_suppression(
                finding, settings, policy_path, used_config
            )
        result.append(dataclasses.replace(finding, suppression=suppression) if suppression else finding)
    if settings.enabled(UNUSED_SUPPRESSION):
        result.extend(_unused(comments, used, settings, book))
    return result


def settle_by_registry(finding: Finding, registry: Registry, book: RuleBook) -> Finding:
    """A warning about a permission the registry keeps with `risk-accepted` is settled: kept
    among the ignored findings, with the accepted risk as the reason."""
    rule = book.find(finding.rule_id)
    if finding.suppression is not None or rule is None or not rule.settled_by_accepted_risk:
        return finding
    subject = finding.subject or ""
    entry = (
        registry.scopes.get(subject)
        or registry.egress_entry(subject)
        or registry.remotes.get(subject.removeprefix("remote:"))
        or registry.content.get(subject)
        or registry.workflows.get(subject)
        or registry.permissions.get(subject)
        or registry.hosts.get(subject)
    )
    if entry is None or not entry.risk_accepted:
        return finding
    reason = f"risk accepted in {registry.path}: {entry.risk_accepted}"
    return dataclasses.replace(finding, suppression=Suppression("registry", reason, entry.key_span))


def _comment_suppression(
    finding: Finding, comments: list[IgnoreComment], used: set[tuple[int, str]], book: RuleBook
) -> Suppression | None:
    for index, comment in enumerate(comments):
        if comment.span.path != finding.span.path or comment.target_line != finding.span.line:
            continue
        for name in comment.rules:
            rule = book.find(name)
            if rule is not None and rule.code == finding.rule_id:
                used.add((index, name))
                return Suppression("comment", comment.reason, comment.span)
    return None


def _config_suppression(
    finding: Finding, settings: Settings, policy_path: str | None, used_config: set[tuple[str, str]]
) -> Suppression | None:
    subject = finding.subject
    if not subject:
        return None
    for entry in settings.rule_settings(finding.rule_id).ignore:
        if entry == subject or _same_host(subject, frozenset({entry})):
            used_config.add((finding.rule_id, entry))
            where = f" in {policy_path}" if policy_path else ""
            return Suppression("config", f"listed under rules.{finding.rule_id}.ignore{where}")
    return None


def unused_config_ignores(results: Sequence[AppResult], book: RuleBook) -> list[Finding]:
    """SC003 for `rules.X.ignore` entries that silenced nothing in any app that shares them."""
    used = {item for result in results for item in result.config_used}
    rule = UNUSED_SUPPRESSION
    findings: dict[Span, Finding] = {}
    for result in results:
        for code, entry, span in result.config_ignores:
            if (code, entry) in used or span in findings:
                continue
            findings[span] = Finding(
                rule.code,
                rule.name,
                rule.default_severity,
                Confidence.HIGH,
                f"`{entry}` under rules.{code}.ignore silences nothing",
                span,
                subject=f"{code}:{entry}",
                help="delete the entry, or fix its spelling (a scope, host or key, as findings name it)",
                app=result.app.manifest,
            )
    return list(findings.values())


def _same_host(subject: str, ignore: frozenset[str]) -> bool:
    """An egress subject matches an ignore entry spelled another way (`https://x/v1` ~ `x`)."""
    if "." not in subject or " " in subject:
        return False
    key = address_key(subject)
    return any("." in entry and address_key(entry) == key for entry in ignore)


def _unused(
    comments: list[IgnoreComment], used: set[tuple[int, str]], settings: Settings, book: RuleBook
) -> list[Finding]:
    rule = UNUSED_SUPPRESSION
    severity = settings.severity(rule)
    out: list[Finding] = []

    def add(span: Span, message: str, subject: str) -> None:
        out.append(
            Finding(
                rule.code,
                rule.name,
                severity,
                Confidence.HIGH,
                message,
                span,
                subject,
                help="delete the ignore comment, or the rule name that no longer applies",
            )
        )

    for index, comment in enumerate(comments):
        if not comment.well_formed:
            add(
                comment.span,
                "ignore comment names no rule: write `# scopecheck: ignore[SC101] -- reason`",
                "ignore",
            )
            continue
        if comment.target_line == 0:
            add(
                comment.span,
                "ignore comment applies to nothing: a blank line or the end of the file follows it",
                "ignore",
            )
            continue
        for name in comment.rules:
            target = book.find(name)
            if target is None:
                add(comment.span, f"ignore comment names unknown rule `{name}`", name)
            elif target.origin == "loader":
                add(
                    comment.span,
                    f"{target.code} reports input that cannot be read and cannot be ignored",
                    name,
                )
            elif (index, name) not in used and settings.enabled(target) and target.origin == "check":
                add(
                    comment.span,
                    f"`ignore[{name}]` silences nothing on line {comment.target_line}",
                    f"ignore[{target.code}]",
                )
    return out
