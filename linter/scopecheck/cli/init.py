"""`scopecheck init`: write (or complete) the registry, an entry per requested permission."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from scopecheck.cli._args import App, Argument, Exit, Option
from scopecheck.cli._io import fail, say, tell
from scopecheck.cli._options import PolicyFile, check_files


def init(
    app_path: Annotated[
        Path,
        Argument(
            metavar="APP",
            help="A directory holding manifest.yml, or a manifest file.",
            show_default=False,
        ),
    ] = Path("."),
    check: Annotated[
        bool,
        Option("--check", help="Write nothing; exit 1 and list the entries that are missing."),
    ] = False,
    schema: Annotated[
        str | None,
        Option(
            help="Where the `$schema=` line of a new registry points "
            "[default: the schema's published URL]; a relative path works for a local copy."
        ),
    ] = None,
    registry: Annotated[
        Path | None,
        Option(help="Registry file to write instead of the policy's `registry:` or permissions.yml."),
    ] = None,
    config: PolicyFile = None,
) -> None:
    """Write the registry (permissions.yml) with an entry for every requested permission.

    Each scope, egress host, content relaxation and remote the manifest requests gets an
    entry with `justification: TODO` (which `scopecheck lint` flags as SC103 until a person
    writes one) under a comment with the scope's description and risk tier.

    An existing registry is only appended to: entries, comments and order stay as they are,
    new entries go after the last entry of their section (or into a new section at the end),
    and running init again changes nothing. A new file starts with a
    `# yaml-language-server: $schema=...` line so editors check it as you type.

    The registry is the policy's `registry:` (relative to the manifest) or permissions.yml
    next to the manifest. Exit codes: 0 written or nothing to add; 1 with --check when
    entries are missing; 2 when the manifest or registry cannot be read.

    Examples:

      scopecheck init                       # the app in this directory

      scopecheck init apps/approvals --check   # in CI: fail on a gap

      scopecheck init --schema ../../schemas/registry.schema.json
    """
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT

    check_files(config=config)  # --registry may name a file init is about to create
    if registry is not None and registry.is_dir():
        raise fail(f"{registry}: --registry is a directory, not a file")
    try:
        apps = _apps(app_path, TOOLKIT.detects)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    lacking = False
    for app_file in apps:  # one at a time: apps that share a registry each see the last write
        lacking |= _init_one(app_file, registry=registry, config=config, schema=schema, check=check)
    if check and lacking:
        raise Exit(1)


def _apps(path: Path, detect: Callable[[Path], bool]) -> list[Path]:
    """A file is itself; a folder means its manifest and the workflows in its `.github/workflows`."""
    from scopecheck.core.errors import InputError

    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if not path.is_dir():
        return [path]
    found = [p for p in sorted(path.iterdir()) if p.is_file() and detect(p)]
    workflows = path / ".github" / "workflows"
    if workflows.is_dir():
        found += [p for p in sorted(workflows.iterdir()) if p.is_file() and detect(p)]
    if not found:
        raise InputError(str(path), "no manifest.yml and no .github/workflows here")
    return found


def _init_one(
    app_path: Path, *, registry: Path | None, config: Path | None, schema: str | None, check: bool
) -> bool:
    """Plan (and unless --check, write) the registry entries of one app; True if some were missing."""
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.registry.init import describe_missing, plan_init

    try:
        plan = plan_init(app_path, toolkit=TOOLKIT, registry=registry, config=config, schema=schema)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    count = len(plan.missing)
    entries = f"{count} entr{'y' if count == 1 else 'ies'}"
    for scope, why in plan.left_out:
        say(f"scopecheck: no entry for `{scope}` in {plan.registry}: {why}")
    if not plan.missing:
        where = plan.registry if not plan.created else f"{plan.registry} (new, empty)"
        tell(f"{where}: every permission {plan.manifest} requests has an entry")
        if plan.created and not check:
            _write(plan)
        return False
    if check:
        state = "does not exist" if plan.created else f"lacks {entries}"
        tell(f"{plan.registry} {state} for permissions {plan.manifest} requests:")
        for line in describe_missing(plan.missing):
            tell(f"  {line}")
        tell("run `scopecheck init` to add them")
        return True
    _write(plan)
    verb = "Wrote" if plan.created else "Added"
    tell(f"{verb} {entries} to {plan.registry}:")
    for line in describe_missing(plan.missing):
        tell(f"  {line}")
    tell("Replace each `justification: TODO` with why the app needs it; `scopecheck lint` checks.")
    if not plan.created and plan.before is not None and "$schema=" not in plan.before.split("\n", 1)[0]:
        say(
            "hint: start the file with `# yaml-language-server: $schema=<registry.schema.json>` "
            "so your editor checks it"
        )
    return False


def _write(plan) -> None:
    from scopecheck.registry.init import write_plan

    try:
        write_plan(plan)
    except OSError as exc:
        raise fail(f"{plan.registry}: cannot write: {exc.strerror or exc}") from None


def register(app: App) -> None:
    app.command("init")(init)
