"""Check the claims of every app under some paths: the engine runs SC601 alone, and each app's
results come back with the commit they were checked at."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scopecheck.claims.provenance import provenance
from scopecheck.claims.render import AppClaims
from scopecheck.core.ecosystem import Toolkit
from scopecheck.core.findings import Report
from scopecheck.core.records import record
from scopecheck.core.settings import CliOverrides

CLAIM_RULE = "SC601"
INPUT_RULES = ("SC001", "SC002")


@record
class Checked:
    apps: tuple[AppClaims, ...]
    report: Report  # SC601's findings (reported and ignored), input errors and crashes

    @property
    def input_errors(self) -> list[str]:
        """`file:line:column: message` of each file that could not be read (SC001/SC002)."""
        return [
            f"{f.span.path}:{f.span.line}:{f.span.column}: {f.message}"
            for f in self.report.reported
            if f.rule_id in INPUT_RULES
        ]


def check_claims(
    paths: Sequence[Path],
    *,
    toolkit: Toolkit,
    registry: Path | None = None,
    config: Path | None = None,
    cwd: Path | None = None,
    strict: bool = False,
) -> Checked:
    """Raises InputError (one line) when the paths hold no app or cannot be read."""
    from scopecheck.core.engine import lint

    cwd = (cwd or Path.cwd()).resolve()
    cli = CliOverrides(
        select=frozenset({CLAIM_RULE}), registry=registry, config=config, strict=strict, verify_fixes=False
    )
    report = lint(list(paths), cli, toolkit=toolkit, cwd=cwd)
    apps = []
    for app in report.apps:
        manifest = cwd / app.manifest
        ecosystem = toolkit.ecosystem_for(manifest)
        if ecosystem is None or not ecosystem.claims:
            continue
        files = [manifest.parent] + ([cwd / app.policy] if app.policy else [])
        apps.append(AppClaims(app.manifest, app.policy, tuple(app.claims), provenance(files)))
    return Checked(tuple(apps), report)
