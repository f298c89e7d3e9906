"""Reading a Forge app's code: the JS/TS usage (cached) and the scopes it needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scopecheck.core.ecosystem import AnalysisRequest
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.analysis import ForgeAnalysis
from scopecheck.ecosystems.forge.code.usage import Usage
from scopecheck.ecosystems.forge.model import Manifest


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
    needs = compute_needs(manifest, usage, catalog, load_events(), load_endpoints())
    return ForgeAnalysis(usage, needs)


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

    front_end = [app_dir / d for d in resource_dirs(manifest, app_dir)]
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
        )

    if not use_cache:
        return analyze_now()
    from scopecheck.ecosystems.forge.code.cache import cached_usage

    return cached_usage(
        app_dir, cwd, front_end, handlers, analyze_now, not_app_code=not_app_code, entries=entries
    )


def resource_dirs(manifest: Manifest, app_dir: Path | None = None) -> list[str]:
    """`static/hello/build` -> `static/hello`; `src/frontend/index.jsx` -> `src/frontend`; a
    build folder of another name that is not in the repository (`static/site`, made by the
    bundler) -> its parent, where the sources are."""
    found = []
    for resource in manifest.resources:
        path = Path(resource.path)
        built = path.suffix or path.name in ("build", "dist", "out")
        if built or (app_dir is not None and not (app_dir / path).is_dir() and path.parent != Path(".")):
            path = path.parent
        found.append(path.as_posix())
    return found


def handler_modules(manifest: Manifest) -> list[str]:
    """`e2e/main` for a function module whose handler is `e2e/main.run` (under `src/`)."""
    return [
        module.function.rsplit(".", 1)[0]
        for module in manifest.modules
        if module.type == "function" and module.function and "." in module.function
    ]
