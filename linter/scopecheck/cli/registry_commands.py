"""Commands around the registry and the catalog: `init`, `docs`, `scopes`.

`register(app)` adds them to the typer app in cli.py. Keep module-level imports
light: heavy work is imported inside each command.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scopecheck.cli._io import fail, say, tell, use_color
from scopecheck.cli._options import PolicyFile


class PageFormat(StrEnum):
    md = "md"
    markdown = "markdown"
    html = "html"
    csv = "csv"


class ScopesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    md = "md"


class Risk(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class Kind(StrEnum):
    classic = "classic"
    granular = "granular"
    platform = "platform"
    connect = "connect"
    graph = "graph"


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def _check_files(**files: Path | None) -> None:
    for flag, path in files.items():
        if path is not None and not path.is_file():
            raise fail(f"{path}: --{flag} file does not exist")


def init(
    app_path: Annotated[
        Path,
        typer.Argument(
            metavar="APP",
            help="A directory holding manifest.yml, or a manifest file.",
            show_default=False,
        ),
    ] = Path("."),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 and list the entries that are missing."),
    ] = False,
    schema: Annotated[
        str | None,
        typer.Option(
            help="Where the `$schema=` line of a new registry points "
            "[default: the schema's published URL]; a relative path works for a local copy."
        ),
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(help="Registry file to write instead of the policy's `registry:` or permissions.yml."),
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
    from scopecheck.registry.init import describe_missing, plan_init

    _check_files(config=config)  # --registry may name a file init is about to create
    if registry is not None and registry.is_dir():
        raise fail(f"{registry}: --registry is a directory, not a file")
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
        return
    if check:
        state = "does not exist" if plan.created else f"lacks {entries}"
        tell(f"{plan.registry} {state} for permissions {plan.manifest} requests:")
        for line in describe_missing(plan.missing):
            tell(f"  {line}")
        tell("run `scopecheck init` to add them")
        raise typer.Exit(1)
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


def _write(plan) -> None:
    from scopecheck.registry.init import write_plan

    try:
        write_plan(plan)
    except OSError as exc:
        raise fail(f"{plan.registry}: cannot write: {exc.strerror or exc}") from None


def docs(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[APP]...",
            help="Apps (directories searched for manifest.yml, or manifest files) [default: .].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        PageFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html (one self-contained page) or csv (one row per permission) "
            "[default: from the -o file name, else md].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page to this file.")
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(help="Registry file to use instead of permissions.yml next to each manifest."),
    ] = None,
    config: PolicyFile = None,
) -> None:
    """Render the public "documented permissions" page from the registry.

    For each app: every scope with its description, risk tier, justification, modules and
    data; every egress host with its justification and whether user data leaves Atlassian;
    remotes; content relaxations; and when the registry was last reviewed. The page lists
    what the manifest requests: a request with no justification is shown as not documented
    (and counted on stderr), never left out.

    Examples:

      scopecheck docs -o PERMISSIONS.md

      scopecheck docs --format html -o site/permissions.html

      scopecheck docs apps/ -f csv -o permissions.csv   # every app, one row each
    """
    from scopecheck.core.atomic import write_atomic
    from scopecheck.core.engine import discover
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.registry.pages import build_page, render

    _check_files(registry=registry, config=config)
    chosen = output_format.value if output_format else None
    chosen = "md" if chosen == "markdown" else chosen
    if chosen is None:
        chosen = _SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output is not None else "md"
    targets = paths or [Path(".")]
    try:
        manifests = discover(targets)
        if not manifests:
            raise fail(f"no manifest.yml found under {', '.join(str(p) for p in targets)}")
        pages = [build_page(m, toolkit=TOOLKIT, registry=registry, config=config) for m in manifests]
    except InputError as exc:
        raise fail(exc.one_line()) from None
    for page in pages:
        if not page.registry_exists:
            say(
                f"scopecheck: warning: {page.manifest}: no registry ({page.registry}); "
                "every permission is shown as not documented (run `scopecheck init`)",
            )
        elif page.undocumented:
            names = ", ".join(p.name for p in page.undocumented[:5])
            more = f" and {len(page.undocumented) - 5} more" if len(page.undocumented) > 5 else ""
            say(
                f"scopecheck: warning: {page.name}: {len(page.undocumented)} permission(s) not "
                f"documented yet: {names}{more}",
            )
    text = render(pages, chosen)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise fail(f"{output}: cannot write the page: {exc.strerror or exc}") from None
    say(f"Wrote {output} ({chosen}, {len(pages)} app{'s' if len(pages) != 1 else ''})")


def scopes(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Show scopes whose name (or description) contains this text.", show_default=False
        ),
    ] = None,
    risk: Annotated[
        list[Risk] | None, typer.Option(help="Only this risk tier (repeat for several).", show_default=False)
    ] = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option(help="Only classic, granular, platform, connect or graph scopes.", show_default=False),
    ] = None,
    product: Annotated[
        list[str] | None,
        typer.Option(help="Only this product: jira, confluence, bitbucket…", show_default=False),
    ] = None,
    output_format: Annotated[
        ScopesFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = ScopesFormat.text,
) -> None:
    """Browse the scope catalog: risk tier, kind, description and how many API operations need each scope.

    Scopes whose name matches come first, then those matched by their description. Exit code
    1 when nothing matches.

    Examples:

      scopecheck scopes jira-work          # read:jira-work, write:jira-work

      scopecheck scopes issue --kind granular --risk high --product jira

      scopecheck scopes --risk critical --format json

      scopecheck explain read:jira-work    # what needs it, what replaces it
    """
    import shutil

    from scopecheck.ecosystems.forge.catalog import load_catalog
    from scopecheck.ecosystems.forge.catalog.view import (
        find_scopes,
        products,
        scopes_json,
        scopes_markdown,
        scopes_text,
    )

    catalog = load_catalog()
    wanted_products = [p.strip().lower() for raw in product or [] for p in raw.split(",") if p.strip()]
    known = products(catalog)
    unknown = [p for p in wanted_products if p not in known]
    if unknown:
        raise fail(f"unknown product {', '.join(unknown)} (choose from {', '.join(known)})")
    found = find_scopes(
        query,
        risks=[r.value for r in risk or []],
        kinds=[k.value for k in kind or []],
        products=wanted_products,
        catalog=catalog,
    )
    if not found:
        say("no scope matches (see `scopecheck scopes` for all of them)")
        raise typer.Exit(1)
    if output_format is ScopesFormat.json:
        text = scopes_json(found)
    elif output_format in (ScopesFormat.markdown, ScopesFormat.md):
        text = scopes_markdown(found)
    else:
        color = use_color(None)
        width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else None
        text = scopes_text(found, total=len(catalog.scopes), color=color, width=width)
    sys.stdout.write(text)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("init")(init)
    app.command("docs")(docs)
    app.command("scopes")(scopes)
