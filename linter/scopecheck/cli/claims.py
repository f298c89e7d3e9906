"""`scopecheck claims`: each claim of the policy, its status and its evidence."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import App, Exit, Option
from scopecheck.cli._io import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, emit, fail, say
from scopecheck.cli._options import FORMAT_ALIASES, AppPaths, PolicyFile, RegistryFile, check_files


class ClaimsFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    md = "md"


def claims(
    paths: AppPaths = None,
    output_format: Annotated[
        ClaimsFormat, Option("--format", "-f", help="Output format.")
    ] = ClaimsFormat.text,
    output: Annotated[Path | None, Option("--output", "-o", help="Write the result to this file.")] = None,
    registry: RegistryFile = None,
    config: PolicyFile = None,
    strict: Annotated[
        bool,
        Option("--strict", help="Fail (exit 1) on an unverified claim too, not only a broken one."),
    ] = False,
) -> None:
    """Check the claims of the policy (`claims:` in .scopecheck.yml) and list each one: verified,
    broken or unverified, with its evidence and the commit it was checked at.

    A claim is verified only when nothing breaks it and everything it rests on was read and
    resolved; a call whose method or path is only known at run time, and that could be a
    forbidden one, leaves it unverified. Exit codes: 0 no claim broken, 1 a claim broken (or,
    with --strict, unverified), 2 input that cannot be read, 3 an internal error.

    Examples:

      scopecheck claims

      scopecheck claims apps/ -f markdown -o claims.md    # a pull-request comment

      scopecheck claims -f json | jq '.summary'
    """
    from scopecheck.claims.collect import check_claims
    from scopecheck.claims.model import Status
    from scopecheck.claims.render import RENDERERS
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT

    check_files(registry=registry, config=config)
    fmt = FORMAT_ALIASES.get(output_format.value, output_format.value)
    try:
        checked = check_claims(paths or [Path(".")], toolkit=TOOLKIT, registry=registry, config=config)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    if errors := checked.input_errors:
        raise fail(errors[0])
    if not checked.apps:
        raise fail(f"no Forge app found under {', '.join(str(p) for p in paths or [Path('.')])}")
    text = RENDERERS[fmt](checked.apps)
    emit(text, output)
    for crash in checked.report.crashes:
        say(f"scopecheck: internal error: {crash.rule_id} crashed on {crash.path}: {crash.error}")
    if checked.report.crashes:
        raise Exit(EXIT_INTERNAL)
    failing = {Status.BROKEN, Status.UNVERIFIED} if strict else {Status.BROKEN}
    broken = any(r.status in failing for app in checked.apps for r in app.results)
    raise Exit(EXIT_FINDINGS if broken else EXIT_CLEAN)


def register(app: App) -> None:
    app.command("claims")(claims)
