"""Reading a Forge app's code: the JS/TS usage (cached) and the scopes it needs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from scopecheck.core.ecosystem import AnalysisRequest
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.analysis import ForgeAnalysis
from scopecheck.ecosystems.forge.code.usage import ParseProblem, Usage
from scopecheck.ecosystems.forge.model import Manifest, Resource


def analyze(request: AnalysisRequest, catalog: Any) -> ForgeAnalysis:
    """The app's usage and, from it and the manifest, every scope requirement."""
    from scopecheck.ecosystems.forge.catalog import load_events
    from scopecheck.ecosystems.forge.catalog.endpoints import load_endpoints
    from scopecheck.ecosystems.forge.code.needs import compute_needs

    manifest: Manifest = request.app
    usage = analyze_code(
        request.app_file.parent,
        manifest,
        request.cwd,
        use_cache=request.use_cache,
        not_app_code=request.not_app_code,
    )
    unread = unread_front_ends(manifest, request.app_file.parent, request.cwd)
    if unread:
        usage = replace(usage, problems=tuple(sorted((*usage.problems, *unread), key=lambda p: p.path)))
    needs = compute_needs(manifest, usage, catalog, load_events(), load_endpoints())
    return ForgeAnalysis(usage, needs)


def unread_front_ends(manifest: Manifest, app_dir: Path, cwd: Path) -> list[ParseProblem]:
    """Front ends a module shows whose code is not read: a resource outside the manifest's
    folder whose sources are not there either. Any request may be in them, so they are named
    like a file left out, and SC402/SC404 stay unsure."""
    import os

    from scopecheck.ecosystems.forge.code.js.files import display_path

    root = os.path.normpath(os.path.abspath(app_dir))
    problems = []
    for resource, folder in outside_front_ends(manifest, app_dir):
        if folder is not None:
            continue  # read as an extra root
        display = display_path(os.path.normpath(os.path.join(root, resource.path)), os.path.abspath(cwd))
        why = (
            f"was not analysed: resource `{resource.key}` is outside the manifest's folder, and "
            "its sources are not found there"
        )
        problems.append(ParseProblem(display, why, skipped=True))
    return problems


def outside_front_ends(manifest: Manifest, app_dir: Path) -> list[tuple[Resource, str | None]]:
    """Each front end a module shows whose sources are outside the manifest's folder, with the
    folder that holds them (None when it is not found): a resource at `../ui/build` (sources
    in `../ui`), or one a bundler beside the app folder builds into it (`outDir:
    '../app/build/ui'` in `../custom-ui/vite.config.ts`: sources in `../custom-ui`)."""
    import os

    shown = {m.resource for m in manifest.modules if m.resource}
    root = os.path.normpath(os.path.abspath(app_dir))
    found: list[tuple[Resource, str | None]] = []
    for resource in manifest.resources:
        if resource.key not in shown:
            continue
        folder = os.path.normpath(os.path.join(root, _source_dir(resource.path, app_dir)))
        if folder != root and not folder.startswith(root + os.sep):
            found.append((resource, folder if os.path.isdir(folder) else None))
        elif not os.path.isdir(folder) and (config := _built_from_outside(root, resource.path)) is not None:
            found.append((resource, os.path.dirname(config)))
    return found


def analyze_code(
    app_dir: Path,
    manifest: Manifest,
    cwd: Path,
    *,
    use_cache: bool = True,
    not_app_code: tuple[str, ...] = DEFAULT_NOT_APP_CODE,
) -> Usage:
    """The app's JS/TS usage; front-end folders come from the manifest's resources, and the
    functions whose returned icons are images from its dynamic-properties modules. Files
    matching `not_app_code` (tests, stories, mocks) are not read."""
    from scopecheck.ecosystems.forge.adapter import dynamic_icon_handlers
    from scopecheck.ecosystems.forge.code.js.files import is_not_app_code

    outside = sorted({folder for _r, folder in outside_front_ends(manifest, app_dir) if folder is not None})
    front_end = [app_dir / d for d in resource_dirs(manifest, app_dir)] + [Path(f) for f in outside]
    handlers = dynamic_icon_handlers(manifest)
    entries = handler_modules(manifest)
    if any(is_not_app_code(f"src/{module}.js", not_app_code) for module in entries):
        not_app_code = ()  # a handler lives where the patterns say tests do: read everything

    def analyze_now() -> Usage:
        from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app  # tree-sitter loads only here

        return analyze_app(
            app_dir,
            cwd=cwd,
            resource_dirs=front_end,
            icon_handlers=handlers,
            not_app_code=not_app_code,
            handler_modules=entries,
            extra_roots=outside,
        )

    if not use_cache:
        return analyze_now()
    from scopecheck.ecosystems.forge.code.cache import cached_usage

    return cached_usage(
        app_dir,
        cwd,
        front_end,
        handlers,
        analyze_now,
        not_app_code=not_app_code,
        entries=entries,
        extra_roots=outside,
    )


def resource_dirs(manifest: Manifest, app_dir: Path | None = None) -> list[str]:
    """`static/hello/build` -> `static/hello`; `src/frontend/index.jsx` -> `src/frontend`; a
    build folder of another name that is not in the repository (`static/site`, made by the
    bundler) -> its parent, where the sources are."""
    return [_source_dir(resource.path, app_dir) for resource in manifest.resources]


def _source_dir(resource_path: str, app_dir: Path | None) -> str:
    path = Path(resource_path)
    built = path.suffix or path.name in ("build", "dist", "out")
    if built or (app_dir is not None and not (app_dir / path).is_dir() and path.parent != Path(".")):
        path = path.parent
    return path.as_posix()


def handler_modules(manifest: Manifest) -> list[str]:
    """`e2e/main` for a function module whose handler is `e2e/main.run` (under `src/`)."""
    return [
        module.function.rsplit(".", 1)[0]
        for module in manifest.modules
        if module.type == "function" and module.function and "." in module.function
    ]


#: folders beside the app (and inside each of them) looked at for a bundler configuration
MAX_SIBLINGS = 64
#: bundler configurations that name where a front end is built
_BUNDLER_CONFIGS = ("vite.config", "webpack.config", "rollup.config", "esbuild.config", "package.json")


def _built_from_outside(root: str, resource_path: str) -> str | None:
    """A bundler configuration in a sibling of the app folder (or one level below it) that
    names the resource's folder as `<app folder>/<path>`: the path of that file, or None.
    Asked only when that folder is not there; never above a repository's root (an app folder
    holding `.git` has no siblings to look at), and in at most MAX_SIBLINGS folders."""
    import os

    if os.path.exists(os.path.join(root, ".git")):
        return None
    parent = os.path.dirname(root)
    wanted = f"{os.path.basename(root)}/{resource_path.strip('/').removeprefix('./')}".encode()
    for sibling in _names(parent)[:MAX_SIBLINGS]:
        top = os.path.join(parent, sibling)
        if top == root or not os.path.isdir(top) or sibling.startswith(".") or sibling == "node_modules":
            continue
        for folder in (top, *(os.path.join(top, d) for d in _subfolders(top)[:MAX_SIBLINGS])):
            for name in _names(folder):
                if not name.startswith(_BUNDLER_CONFIGS):
                    continue
                path = os.path.join(folder, name)
                try:
                    if os.path.getsize(path) <= 256 * 1024 and wanted in Path(path).read_bytes():
                        return path
                except OSError:
                    continue
    return None


def _subfolders(folder: str) -> list[str]:
    import os

    return [
        n
        for n in _names(folder)
        if not n.startswith(".") and n != "node_modules" and os.path.isdir(os.path.join(folder, n))
    ]


def _names(folder: str) -> list[str]:
    import os

    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []
