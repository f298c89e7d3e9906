"""`scopecheck docs`: the public "documented permissions" page, from the registry."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from scopecheck.cli._args import App, Option
from scopecheck.cli._io import EXIT_INTERNAL, emit, fail, say
from scopecheck.cli._options import AppPaths, PolicyFile, RegistryFile, check_files


class PageFormat(StrEnum):
    md = "md"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    store = "store"


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def docs(
    paths: AppPaths = None,
    output_format: Annotated[
        PageFormat | None,
        Option(
            "--format",
            "-f",
            help="md, html (one self-contained page), csv (one row per permission) or store "
            "(a browser extension's justifications, ready to paste into the Chrome Web Store) "
            "[default: from the -o file name, else md].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, Option("--output", "-o", help="Write the page to this file.")] = None,
    registry: RegistryFile = None,
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

      scopecheck docs my-extension -f store   # paste into the Chrome Web Store dashboard
    """
    from scopecheck.core.engine import discover
    from scopecheck.core.errors import InputError
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.registry.pages import build_page, render

    check_files(registry=registry, config=config)
    chosen = output_format.value if output_format else None
    chosen = "md" if chosen == "markdown" else chosen
    if chosen is None:
        chosen = _SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output is not None else "md"
    targets = paths or [Path(".")]
    try:
        manifests = discover(targets, TOOLKIT.detects)
        if not manifests:
            raise fail(f"no manifest.yml or workflow found under {', '.join(str(p) for p in targets)}")
        pages = [build_page(m, toolkit=TOOLKIT, registry=registry, config=config) for m in manifests]
        pages = _with_claims(pages, manifests, registry, config)
    except InputError as exc:
        raise fail(exc.one_line()) from None
    for page in pages:
        for claim in page.claims:
            if claim.status != "verified":
                say(
                    f"scopecheck: warning: {page.name}: claim `{claim.name}` is {claim.status}: {claim.reason}"
                )
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
    emit(text, output, "the page")
    if output is None:
        return
    say(f"Wrote {output} ({chosen}, {len(pages)} app{'s' if len(pages) != 1 else ''})")


def _with_claims(
    pages: list[Any], manifests: list[Path], registry: Path | None, config: Path | None
) -> list[Any]:
    """The pages with their policy's claims, checked now (SC601 alone), at the current commit."""
    import dataclasses

    from scopecheck.claims.collect import check_claims
    from scopecheck.ecosystems import TOOLKIT
    from scopecheck.registry.pages import page_claims

    checked = check_claims(manifests, toolkit=TOOLKIT, registry=registry, config=config)
    if errors := checked.input_errors:
        raise fail(errors[0])
    if checked.report.crashes:
        crash = checked.report.crashes[0]
        raise fail(f"internal error: {crash.rule_id} crashed on {crash.path}: {crash.error}", EXIT_INTERNAL)
    found = {app.manifest: app for app in checked.apps}
    return [
        dataclasses.replace(page, claims=page_claims(found[page.manifest].results, found[page.manifest].at))
        if page.manifest in found
        else page
        for page in pages
    ]


def register(app: App) -> None:
    app.command("docs")(docs)
