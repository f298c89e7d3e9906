"""Reading a Forge app's code: the JS/TS usage (cached) and the scopes it needs."""

from __future__ import annotations

import os
import re
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
    unread = unread_front_ends(manifest, request.app_file.parent, request.cwd, request.not_app_code)
    if unread:
        usage = replace(usage, problems=tuple(sorted((*usage.problems, *unread), key=lambda p: p.path)))
    needs = compute_needs(manifest, usage, catalog, load_events(), load_endpoints())
    return ForgeAnalysis(usage, needs)


def unread_front_ends(
    manifest: Manifest, app_dir: Path, cwd: Path, not_app_code: tuple[str, ...] = DEFAULT_NOT_APP_CODE
) -> list[ParseProblem]:
    """Front ends a module shows whose code is not read (their sources are not found, or lie
    where scopecheck does not read): any request may be in them, so they are named like a file
    left out, and SC402/SC404 stay unsure."""
    from scopecheck.ecosystems.forge.code.js.files import display_path
    from scopecheck.ecosystems.forge.code.web_assets import (
        asset_files,
        inline_module_pages,
        missing_script_sources,
    )

    root = os.path.normpath(os.path.abspath(app_dir))
    problems = []
    read_outside: list[str] = []
    for resource, folder, why in outside_front_ends(manifest, app_dir):
        if folder is not None:
            read_outside.append(folder)
        else:
            display = display_path(os.path.normpath(os.path.join(root, resource.path)), os.path.abspath(cwd))
            problems.append(
                ParseProblem(display, f"was not analysed: resource `{resource.key}` {why}", skipped=True)
            )
    for folder in _linked_code_folders(manifest, root):
        why = "was not analysed: a link to a folder outside the app, which scopecheck does not follow"
        problems.append(ParseProblem(display_path(folder, os.path.abspath(cwd)), why, skipped=True))
    # a resource outside the app is read only from where outside_front_ends found its sources
    # (`path: "/"` must not walk the whole disk)
    front_ends = [
        folder
        for folder in (os.path.normpath(os.path.join(root, d)) for d in resource_dirs(manifest, app_dir))
        if _inside(os.path.realpath(folder), os.path.realpath(root))
    ]
    pages = asset_files([d for d in (*front_ends, *read_outside) if os.path.isdir(d)], not_app_code)
    if front_ends or read_outside:
        pages = sorted({*pages, *_bundled_pages(root)})
    shown = os.path.abspath(cwd)
    for page in inline_module_pages(pages):
        why = 'has an inline <script type="module">, whose code scopecheck does not read'
        problems.append(ParseProblem(display_path(page, shown), why, skipped=True))
    for page, source in missing_script_sources(pages):
        why = f"was not analysed: its <script src> `{source}` names a file that is not in the repository (made by a build step?)"
        problems.append(ParseProblem(display_path(page, shown), why, skipped=True))
    return problems


def outside_front_ends(manifest: Manifest, app_dir: Path) -> list[tuple[Resource, str | None, str]]:
    """Each front end a module shows whose sources are not in the manifest's folder: the folder
    that holds them, or None and why they are not read. A resource at `../ui/build` has its
    sources in `../ui`; one a bundler beside the app folder builds into it (`outDir:
    '../app/build/ui'` in `../custom-ui/vite.config.ts`) in `../custom-ui`. Sources are read
    only inside the repository (the nearest folder above holding `.git`, else the app's
    parent), never in a folder that holds the app itself."""
    shown = {m.resource for m in manifest.modules if m.resource}
    root = os.path.realpath(app_dir)
    limit = _repository_root(root)
    found: list[tuple[Resource, str | None, str]] = []
    for resource in manifest.resources:
        if resource.key not in shown:
            continue
        relative = resource.path.replace("\\", "/")
        folder = os.path.realpath(os.path.join(root, _source_dir(relative, app_dir)))
        if not _inside(folder, root):
            if not os.path.isdir(folder):
                found.append(
                    (resource, None, "is outside the manifest's folder, and its sources are not found")
                )
            elif _inside(root, folder) or not _inside(folder, limit):
                found.append((resource, None, "is outside the manifest's folder and the repository it is in"))
            elif (
                _build_folder(relative)
                and _holds_code(os.path.join(root, relative))
                and not _front_end_code_in(folder)
            ):
                why = "is outside the manifest's folder and holds only build output, which scopecheck does not read"
                found.append((resource, None, why))
            else:
                found.append((resource, folder, "outside"))
            continue
        moved = _vite_root_elsewhere(folder)
        if moved is not None:
            found.append((resource, None, f"is built by {moved}, whose `root` scopecheck does not follow"))
            continue
        built = not os.path.isdir(os.path.join(root, relative)) or _build_folder(relative)
        if not built:
            continue
        config, complete = _built_from_outside(root, limit, relative)
        if config is not None:
            found.append((resource, config, "outside"))
        elif (
            not os.path.isdir(os.path.join(root, relative))
            and not _has_sources(folder)
            and not _named_inside(root, relative)
        ):
            why = "is not in the repository, and no bundler configuration in the app names it"
            if not complete:
                why += f" (only {MAX_SIBLINGS} folders beside the app were searched)"
            found.append((resource, None, why))
        elif _holds_code(os.path.join(root, relative)) and not _front_end_code_in(
            root, _other_front_ends(manifest, shown, resource, folder, root, app_dir)
        ):
            # a bundle is not read: its imports are numbered functions, not named packages.
            # Its sources are taken to be here only where some file is a front end's code (a
            # stray `.eslintrc.js`, a stylesheet or a tsconfig naming the folder is not; nor
            # another resource's sources, in a folder of their own)
            why = "holds only build output, which scopecheck does not read, and its sources are not in the repository"
            found.append((resource, None, why))
    return found


def _build_folder(relative: str) -> bool:
    """Whether a resource's path is a bundler's output folder (`static/ui/build`)."""
    return any(part in ("build", "dist", "out") for part in relative.split("/"))


#: an import of what a front end is written with (`@forge/bridge`, `@forge/react`, React)
_FRONT_END_IMPORT = re.compile(
    rb"""(?:\bfrom|\brequire\s*\(|\bimport)\s*['"](?:@forge/bridge|@forge/react|react|react-dom(?:/client)?)['"]"""
)


def _other_front_ends(
    manifest: Manifest, shown: set[str], resource: Resource, folder: str, root: str, app_dir: Path
) -> tuple[str, ...]:
    """The source folders of the other front ends the manifest shows, each a folder of its
    own (not `folder`, where `resource`'s sources would be, nor a folder above it)."""
    found: list[str] = []
    for other in manifest.resources:
        if other.key == resource.key or other.key not in shown:
            continue
        theirs = os.path.realpath(os.path.join(root, _source_dir(other.path.replace("\\", "/"), app_dir)))
        if not _inside(folder, theirs) and theirs not in found:
            found.append(theirs)
    return tuple(found)


def _front_end_code_in(root: str, others: tuple[str, ...] = ()) -> bool:
    """Whether some source file of the app (build output aside) imports a front end's
    packages: asked only of an app whose resource folder holds nothing but build output.
    Files in `others` (another front end's own folder) do not count."""
    from scopecheck.ecosystems.forge.code.js.files import walk_sources

    for path in walk_sources(root):
        if others and any(_inside(os.path.realpath(path), other) for other in others):
            continue
        try:
            with open(path, "rb") as handle:
                if _FRONT_END_IMPORT.search(handle.read(1024 * 1024)):
                    return True
        except OSError:
            continue
    return False


def _linked_code_folders(manifest: Manifest, root: str) -> list[str]:
    """The folders on the way to code the manifest names (`src/`, a handler's folder, a
    front end's sources) that are links to a folder outside the app: the walk does not
    follow them, and a bundler resolves imports from where they point."""
    handlers = [os.path.join(root, "src", *module.split("/")[:-1]) for module in handler_modules(manifest)]
    front_ends = [os.path.normpath(os.path.join(root, d)) for d in resource_dirs(manifest, Path(root))]
    # a front end's sources elsewhere in the repository are read from there (outside_front_ends)
    limit = os.path.realpath(_repository_root(os.path.realpath(root)))
    found: list[str] = []
    for target in handlers + front_ends:
        outside = root if target in handlers else limit
        relative = os.path.relpath(target, root)
        if relative == "." or relative.startswith(".."):
            continue
        parts = relative.split(os.sep)
        for index in range(len(parts)):
            folder = os.path.join(root, *parts[: index + 1])
            if os.path.islink(folder):
                if not _inside(os.path.realpath(folder), os.path.realpath(outside)) and folder not in found:
                    found.append(folder)
                break
    return found


#: how deep below the app's folder a Vite configuration is looked for (`ui/`, `web/app/`)
_VITE_CONFIG_DEPTH = 2


def _bundled_pages(root: str) -> list[str]:
    """The pages the app's Vite configurations bundle (at its top or up to two folders down,
    `ui/vite.config.js` building into `../static/ui/build`): `index.html` beside each, or in
    the folder its `root:` names (`root: 'web'`)."""
    folders: list[str] = []
    named: list[str] = []
    for top, subfolders, names in os.walk(root):
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and d not in ("node_modules", "build", "dist", "out")
        )
        if top[len(root) :].count(os.sep) >= _VITE_CONFIG_DEPTH:
            subfolders[:] = []
        configs = [name for name in names if name.startswith(("vite.config.", "vite.forge.config."))]
        if configs:
            folders.append(top)
        for name in configs:
            text = _config_text(os.path.join(top, name))
            for match in _VITE_ROOT.finditer(text):
                inside = _vite_root_inside((match.group(1) or "root").strip())
                if inside is not None and ".." not in inside:
                    folders.append(os.path.join(top, inside))
            # pages it names as entries (`rollupOptions.input: 'panel.html'`)
            named.extend(os.path.join(top, page.removeprefix("./")) for page in _NAMED_PAGE.findall(text))
    pages = [os.path.join(folder, "index.html") for folder in folders] + named
    return [page for page in dict.fromkeys(pages) if os.path.isfile(page)]


#: an HTML file a Vite configuration names (an entry of `rollupOptions.input`)
_NAMED_PAGE = re.compile(r"""['"`]((?:\./)?[\w./-]+\.html?)['"`]""")


def _holds_code(folder: str) -> bool:
    """Whether a folder (a front end's build output) holds a script at any depth, or a page
    with an inline script (a single-file build inlines the whole bundle)."""
    from scopecheck.ecosystems.forge.code.js.files import LANGUAGE_BY_SUFFIX
    from scopecheck.ecosystems.forge.code.web_assets import asset_files, inline_module_pages

    for _top, _subfolders, names in os.walk(folder):
        if any(os.path.splitext(name)[1] in LANGUAGE_BY_SUFFIX for name in names):
            return True
    return bool(inline_module_pages(asset_files([folder], ()), classic=True))


def _has_sources(folder: str) -> bool:
    """Whether a resource's source folder (`static/ui` of `static/ui/build`) holds code or a page."""
    from scopecheck.ecosystems.forge.code.js.files import walk_sources
    from scopecheck.ecosystems.forge.code.web_assets import asset_files

    return os.path.isdir(folder) and bool(walk_sources(folder) or asset_files([folder]))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _repository_root(root: str) -> str:
    folder = root
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.dirname(root)
        folder = parent


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

    outside = sorted(
        {folder for _r, folder, _w in outside_front_ends(manifest, app_dir) if folder is not None}
    )
    root = os.path.realpath(app_dir)
    orphans = _orphan_resources(manifest)
    front_end = [
        app_dir / _source_dir(resource.path, app_dir)
        for resource in manifest.resources
        # one outside is read only as an extra root; one nothing names never runs (its code
        # is read as the app's, and reached only if a handler imports it)
        if _inside(os.path.realpath(app_dir / _source_dir(resource.path, app_dir)), root)
        and resource.key not in orphans
    ] + [Path(f) for f in outside]
    handlers = dynamic_icon_handlers(manifest)
    unused_functions = unnamed_function_modules(manifest)
    entries = [
        module.function.rsplit(".", 1)[0]
        for module in manifest.modules
        if module.type == "function"
        and module.function
        and "." in module.function
        and module.key not in unused_functions
    ] or handler_modules(manifest)
    functions = [
        m.function for m in manifest.modules if m.type == "function" and m.function and "." in m.function
    ]
    resource_files = [app_dir / path for path in resource_entries(manifest, app_dir)]
    invokers = resolver_front_ends(manifest, app_dir)
    # a handler or a front end in a folder the walk skips (`src/build/sync.js`, `static/test/`) is read
    outside = outside + _unwalked_code_folders(app_dir, entries, front_end, not_app_code)
    if any(is_not_app_code(f"src/{module}.js", not_app_code) for module in entries):
        not_app_code = ()  # a handler lives where the patterns say tests do: read everything

    def analyze_now() -> Usage:
        from scopecheck.ecosystems.forge.code.js.js_usage import analyze_app  # tree-sitter loads only here

        try:
            return analyze_app(
                app_dir,
                cwd=cwd,
                resource_dirs=front_end,
                icon_handlers=handlers,
                not_app_code=not_app_code,
                handler_modules=entries,
                extra_roots=outside,
                resource_entries=resource_files,
                handler_functions=functions,
                invokers=invokers,
            )
        except RecursionError:  # a value defined through itself in a way the evaluator missed
            from scopecheck.ecosystems.forge.code.js.files import discover, display_path

            folder = display_path(os.path.abspath(app_dir), os.path.abspath(cwd))
            why = "was not analysed: its values nest too deeply to follow (please report it)"
            code = f"the code under {folder}" if folder != os.path.abspath(cwd) else "the app's code"
            files, _problems = discover(app_dir, cwd, not_app_code, outside)
            return Usage(files_scanned=len(files), problems=(ParseProblem(code, why, skipped=True),))

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
        resource_entries=resource_files,
        handler_functions=functions,
        invokers=invokers,
    )


def resolver_front_ends(manifest: Manifest, app_dir: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(front-end source folder, the handler modules of the resolvers its `invoke`s reach):
    the folders of the resources each module shows, and the module of its `resolver.function`
    (`index` of `index.handler`). A folder a module shows whose resolver function is not a
    `function` module of the manifest is left out: its `invoke`s may reach any resolver."""
    handlers = {
        module.key: module.function.rsplit(".", 1)[0]
        for module in manifest.modules
        if module.type == "function" and module.key and module.function and "." in module.function
    }
    paths = {resource.key: resource.path for resource in manifest.resources}
    found: dict[str, set[str] | None] = {}
    for module in manifest.modules:
        if module.resolver_function is None:
            continue
        handler = handlers.get(module.resolver_function)
        for key in module.resource_keys:
            if key not in paths:
                continue
            folder = os.fspath(app_dir / _source_dir(paths[key], app_dir))
            known = found.setdefault(folder, set())
            if handler is None or known is None:
                found[folder] = None
            else:
                known.add(handler)
    return tuple(
        (folder, tuple(sorted(modules))) for folder, modules in sorted(found.items()) if modules is not None
    )


_PATH_LINE = re.compile(r"(?m)^[ \t-]*path\s*:.*$")


def unnamed_function_modules(manifest: Manifest) -> set[str]:
    """The keys of `function` modules the manifest names nowhere but in their own entry (no
    trigger, resolver, consumer or other module names them): Forge never runs them."""
    text = _HANDLER_LINE.sub("", manifest.source.text)  # `handler: legacy.run` names no module
    return {
        module.key
        for module in manifest.modules
        if module.type == "function"
        and module.key
        and len(re.findall(rf"(?<![\w-]){re.escape(module.key)}(?![\w-])", text)) <= 1
    }


#: a `handler:` line of a function module
_HANDLER_LINE = re.compile(r"(?m)^[ \t-]*handler\s*:.*$")


def _orphan_resources(manifest: Manifest) -> set[str]:
    """The keys of resources the manifest names nowhere but in `resources:` (no module shows
    them, no `resource:key;...` reference): Forge never serves them."""
    text = _PATH_LINE.sub("", manifest.source.text)  # `path: static/old/build` names no resource
    return {
        resource.key
        for resource in manifest.resources
        if resource.key and len(re.findall(rf"(?<![\w-]){re.escape(resource.key)}(?![\w-])", text)) <= 1
    }


def _unwalked_code_folders(
    app_dir: Path, modules: list[str], front_ends: list[Path], not_app_code: tuple[str, ...]
) -> list[str]:
    """The folders of code the manifest names (handler modules under `src/`, front ends'
    sources) that the source walk does not enter: build output or hidden by name
    (`src/build/`, `static/.ui/`), not app code by the policy (`static/test/`), or holding a
    `manifest.yml` it takes for a nested app's. Each is read as a root of its own."""
    from scopecheck.ecosystems.forge.code.js.files import SKIPPED_DIRS, NotAppCode

    root = os.path.normpath(os.path.abspath(app_dir))
    skip = NotAppCode.of(not_app_code)
    targets = [os.path.join(root, "src", *module.split("/")[:-1]) for module in modules]
    targets += [os.path.normpath(os.path.abspath(folder)) for folder in front_ends]
    found: list[str] = []
    for target in targets:
        relative = os.path.relpath(target, root)
        if relative == "." or relative.startswith(".."):
            continue
        parts = relative.split(os.sep)
        for index, part in enumerate(parts):
            folder = os.path.join(root, *parts[: index + 1])
            if (
                part in SKIPPED_DIRS
                or part.startswith(".")
                or skip.folder(part, "/".join(parts[: index + 1]))
                or any(
                    os.path.isfile(os.path.join(folder, name)) for name in ("manifest.yml", "manifest.yaml")
                )
            ):
                if folder not in found:
                    found.append(folder)
                break
    return found


def resource_dirs(manifest: Manifest, app_dir: Path | None = None) -> list[str]:
    """`static/hello/build` -> `static/hello`; `src/frontend/index.jsx` -> `src/frontend`; a
    build folder of another name that is not in the repository (`static/site`, made by the
    bundler) -> its parent, where the sources are."""
    return [_source_dir(resource.path, app_dir) for resource in manifest.resources]


#: what a resource `path` that names one file of code ends with (a UI Kit entry)
_CODE_FILE = (".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts")


def resource_entries(manifest: Manifest, app_dir: Path) -> list[str]:
    """The resource paths that name a file of code (`src/frontend/index.jsx`): a UI Kit
    bundle starts at that file, so only what it imports is the resource's code."""
    entries = [
        resource.path
        for resource in manifest.resources
        if resource.path.endswith(_CODE_FILE) and (app_dir / resource.path).is_file()
    ]
    # a folder another resource's bundler starts in whole keeps every file an entry
    folders = {_source_dir(r.path, app_dir) for r in manifest.resources if r.path not in entries}
    return [entry for entry in entries if _source_dir(entry, app_dir) not in folders]


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
_BUNDLER_CONFIGS = (
    "vite.config",
    "vite.forge.config",
    "webpack.config",
    "rollup.config",
    "esbuild.config",
    "tsconfig",
    "package.json",
)


#: a Vite configuration's `root:` (where its index.html and sources are), up to the line's end
_VITE_ROOT = re.compile(r"""(?<![\w$.'"])root\s*(?::\s*((?:[^,}\n(]|\([^)\n]*\))+)|(?=[,}]))""")


def _config_text(path: str) -> str:
    """A bundler configuration's text (its first 256 KiB; empty when it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(256 * 1024)
    except OSError:
        return ""


def _vite_root_elsewhere(folder: str) -> str | None:
    """The Vite configuration in a front end's folder that builds it from another folder (a
    `root:` not a plain path inside it: `'../shared-ui'`, `here + '../x'`, `process.cwd()`),
    named as the folder shows it; None when there is none."""
    for name in _names(folder):
        if not name.startswith(("vite.config.", "vite.forge.config.")):
            continue
        for match in _VITE_ROOT.finditer(_config_text(os.path.join(folder, name))):
            inside = _vite_root_inside((match.group(1) or "root").strip())  # `{ root }`: a variable
            if inside is None or ".." in inside or inside.startswith("/"):
                return f"{os.path.basename(folder)}/{name}"
    return None


#: a `root:` value that names the configuration's folder or a path below it: a string, or the
#: folder spelled as code (`__dirname`, `process.cwd()`, `path.resolve(__dirname, 'web')`,
#: `fileURLToPath(new URL('./web', import.meta.url))`)
_ROOT_SPELLINGS = (
    re.compile(r"""(['"`])(?P<path>[^'"`$]*)\1"""),
    re.compile(r"""(?:path\.)?(?:resolve|join)\(\s*__dirname\s*(?:,\s*(['"])(?P<path>[^'"]*)\1\s*)?\)"""),
    re.compile(r"""__dirname|process\.cwd\(\s*\)"""),
    re.compile(
        r"""(?:(?:url\.)?fileURLToPath\(\s*)?new\s+URL\(\s*(['"])(?P<path>[^'"]*)\1\s*,\s*import\.meta\.url\s*\)\s*\)?"""
    ),
)


def _vite_root_inside(value: str) -> str | None:
    """The path below the configuration's folder a `root:` value names (`''` for the folder
    itself), or None when it is not one of the spellings scopecheck reads."""
    value = value.rstrip(";").strip()
    for spelling in _ROOT_SPELLINGS:
        match = spelling.fullmatch(value)
        if match is not None:
            path = (match.groupdict().get("path") or "").strip()
            return path.removeprefix("./").strip("/") if path not in (".", "./") else ""
    return None


def _built_from_outside(root: str, limit: str, resource_path: str) -> tuple[str | None, bool]:
    """The sibling folder of the app (inside the repository) whose bundler configuration, in it
    or one level below, names the resource's folder as `<app folder>/<path>`; and whether the
    search was complete (at most MAX_SIBLINGS folders are looked at)."""
    parent = os.path.dirname(root)
    if not _inside(parent, limit) or parent == root:
        return None, True
    wanted = re.compile(
        rb"(?<![\w.-])"
        + re.escape(f"{os.path.basename(root)}/{resource_path.strip('/').removeprefix('./')}".encode())
    )
    siblings = [n for n in _names(parent) if not n.startswith(".") and n != "node_modules"]
    for sibling in siblings[:MAX_SIBLINGS]:
        top = os.path.join(parent, sibling)
        if top == root or not os.path.isdir(top):
            continue
        if _names_it(top, wanted):
            return top, True
    return None, len(siblings) <= MAX_SIBLINGS


def _named_inside(root: str, resource_path: str) -> bool:
    """Whether the app folder builds a front end itself: a bundler configuration in it (or one
    level below) names the resource's folder, or one deeper down builds something (its sources
    are then in the app folder, which is read)."""
    folder = resource_path.strip("/").removeprefix("./").rstrip("/")
    if _names_it(root, re.compile(rb"(?<![\w.-])" + re.escape(folder.encode()))):
        return True
    for top, subfolders, names in os.walk(root):
        subfolders[:] = [
            d for d in subfolders if not d.startswith(".") and d not in ("node_modules", "dist", "build")
        ]
        if top[len(root) :].count(os.sep) >= 3:
            subfolders[:] = []
        if any(n.startswith(_BUILDERS) for n in names):
            return True
    return False


#: configurations of bundlers that build a front end
_BUILDERS = tuple(name for name in _BUNDLER_CONFIGS if name.endswith(".config"))


def _names_it(top: str, wanted: re.Pattern[bytes]) -> bool:
    for folder in (top, *(os.path.join(top, d) for d in _subfolders(top)[:MAX_SIBLINGS])):
        for name in _names(folder):
            if not name.startswith(_BUNDLER_CONFIGS):
                continue
            path = os.path.join(folder, name)
            try:
                if os.path.getsize(path) <= 256 * 1024 and wanted.search(Path(path).read_bytes()):
                    return True
            except OSError:
                continue
    return False


def _subfolders(folder: str) -> list[str]:
    return [
        n
        for n in _names(folder)
        if not n.startswith(".") and n != "node_modules" and os.path.isdir(os.path.join(folder, n))
    ]


def _names(folder: str) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []
