"""Which source files a Forge module can run: the rest is code no module reaches.

Entry points come from the manifest: each function handler's module (`index.run` is
`src/index.*`), the file a UI Kit resource's `path` names (unless a Custom UI resource builds
the same folder), and every file of a Custom UI resource's source folder (a bundler starts
there). From them, relative imports (`import`, `export ... from`, `require`, `import()`,
`'.'` and `'..'`) and package.json `imports` names are followed file by file. When
reachability cannot be told, nothing is called unreached: an entry module that is not found,
a `require(x)` / `import(x)` whose module is only known at run time, a module alias
(tsconfig/jsconfig `paths` or `baseUrl`, package.json `imports` not resolved, `alias` or a
`browser` map, a bare import that names no dependency, a workspace package, a Node built-in
name with a path Node does not have, a path from the bundler's root, or any bare import when
a bundler, Babel or SWC setting may alias one), a relative import of a missing file outside
comments, or a resource folder with no source files. An import TypeScript's build drops
(`import type`, names used only as types: js/type_imports.py) loads nothing and counts for none
of these.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Sequence

from scopecheck.ecosystems.forge.code.js.files import LANGUAGE_BY_SUFFIX, SourceFile
from scopecheck.ecosystems.forge.code.js.import_settings import ALIAS_CONFIGS, CONFIG_FOLDERS, setting_places
from scopecheck.ecosystems.forge.code.js.import_syntax import IMPORT_GAP, IMPORT_HEAD
from scopecheck.ecosystems.forge.code.js.program import NOT_CODE, RELATIVE_IMPORT, Program
from scopecheck.ecosystems.forge.code.js.type_imports import dropped, keeps_type_imports
from scopecheck.ecosystems.forge.code.packages import LOCAL_VERSIONS, read_json

#: a module named by something other than a string literal: any file may be loaded
_DYNAMIC = re.compile(
    # the word comes first and the boundary after it (`\b` first would make every position a
    # start to try; a fixed first word is searched for fast)
    rb"""(?:require|import)(?<![A-Za-z0-9_]require)(?<![A-Za-z0-9_]import)"""
    rb"""(?:\s*\(\s*(?:[^'"\s)]|(?:'[^'\n]*'|"[^"\n]*")\s*[+,])"""
    rb"""|(?<=require)\.context\b|(?<=import)\.meta\.(?:glob|webpackContext)\b)"""
)


def unreached(
    program: Program,
    files: Sequence[SourceFile],
    app_dir: str,
    handler_modules: Sequence[str],
    frontend_dirs: Sequence[str],
) -> tuple[str, ...]:
    """The display paths of the files no entry point reaches (empty when that is unknown)."""
    seen = reached(program, files, app_dir, handler_modules, frontend_dirs)
    if seen is None:
        return ()
    return tuple(sorted(file.display for file in files if file.key not in seen))


def reached(
    program: Program,
    files: Sequence[SourceFile],
    app_dir: str,
    handler_modules: Sequence[str],
    frontend_dirs: Sequence[str],
    frontend_entries: Sequence[str] = (),
) -> set[str] | None:
    """The keys of the files some entry point reaches; None when that cannot be told (a
    reached file loads a module named at run time, may import through an alias, or imports a
    path that names no file read). `frontend_entries` are the files a UI Kit resource's
    `path` names (`src/frontend/index.jsx`): the bundler starts at that file, not at every
    file of its folder."""
    if not handler_modules and not frontend_dirs:
        return None
    prefixes = tuple(d.rstrip(os.sep) + os.sep for d in frontend_dirs)
    if any(not any(file.key.startswith(prefix) for file in files) for prefix in prefixes):
        return None  # a resource whose sources are elsewhere: its imports are not known
    entries = {os.path.normpath(entry) for entry in frontend_entries}
    keys = {file.key for file in files}
    if not entries <= keys:
        return None  # a named entry file that was not read: cannot tell
    entry_dirs = {os.path.dirname(entry) for entry in entries}
    whole = tuple(prefix for prefix in prefixes if prefix.rstrip(os.sep) not in entry_dirs)
    handlers = handler_files(program, app_dir, handler_modules)
    if handlers is None:
        return None  # a handler is built from sources elsewhere: cannot tell
    closure = program.import_closure({key for key in keys if key.startswith(whole)} | entries | handlers)
    reachable = [file for file in files if file.key in closure]
    if _loads_unknown_modules(reachable) or _aliased(program, app_dir, reachable, frontend_dirs):
        return None
    return None if _unresolved_relative(program, reachable, app_dir, frontend_dirs) else closure


def handler_files(program: Program, app_dir: str, handler_modules: Sequence[str]) -> set[str] | None:
    """Every read file each handler's module (`index` of `index.run`, under src/) may be: both
    index.js and index.jsx when both are there. None when one has no file."""
    src = os.path.join(app_dir, "src")
    found: set[str] = set()
    for module in handler_modules:
        loaded = program.module_files(src, "./" + module)
        if not loaded:
            return None
        found.update(loaded)
    return found


def _loads_unknown_modules(reachable: Sequence[SourceFile]) -> bool:
    """Whether a reached file loads a module named at run time (`require(name)`). Only the
    reached files count: what a file nothing loads imports (a build script's `uuid`, a test's
    `require(path)`) adds nothing to what runs."""
    return any(_DYNAMIC.search(file.data) for file in reachable)


def handler_closure(
    program: Program, files: Sequence[SourceFile], app_dir: str, handler_modules: Sequence[str]
) -> set[str] | None:
    """The keys of the files the function handlers' modules import, directly or not: code that
    runs on Forge's servers, where no page calls a function by name. Known even when a
    resource's sources are elsewhere; None when a module is loaded by a name known only at
    run time or a handler's module is not found."""
    handlers = handler_files(program, app_dir, handler_modules) if handler_modules else None
    if handlers is None:
        return None
    closure = program.import_closure(handlers)
    return None if _loads_unknown_modules([file for file in files if file.key in closure]) else closure


#: TypeScript's CommonJS forms, whose exports the analysis does not read
_EXPORT_ASSIGN = re.compile(rb"export\s*=")
_IMPORT_REQUIRE = re.compile(rb"import(?<![A-Za-z0-9_]import)\s+[\w$]+\s*=\s*require\s*\(")
_SPACE = frozenset(b" \t\n\r\f\v")


def _ts_commonjs(data: bytes) -> bool:
    """TypeScript's `import x = require()`, or `export =` first on its line (after spaces and
    blank lines). Searched from the fixed words: a search from each line start was slow."""
    if _IMPORT_REQUIRE.search(data):
        return True
    for match in _EXPORT_ASSIGN.finditer(data):
        at = match.start()
        while at and data[at - 1] in _SPACE:
            if data[at - 1] == 10:  # a newline: `export` starts a line
                return True
            at -= 1
        if at == 0:
            return True
    return False


_TYPESCRIPT_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


def unresolved_imports(
    program: Program, files: Sequence[SourceFile], app_dir: str, frontend_dirs: Sequence[str]
) -> str:
    """Why some import may load an app file the analysis does not connect to it ("" when every
    import is resolved): a module named at run time, TypeScript's `export =`/`import x =
    require()`, a module alias, or a relative path that names no file read (a folder whose
    package.json has a `main`). A helper may then be called where no call of it is seen."""
    for file in files:
        if _DYNAMIC.search(file.data):
            return f"a module named at run time in {file.display}"
        if _ts_commonjs(file.data):
            return f"TypeScript's `export =` or `import x = require()` in {file.display}"
    if _aliased(program, app_dir, files, frontend_dirs):
        return "a module alias (tsconfig `paths`, package.json `imports`) or a package no package.json lists"
    return _unresolved_relative(program, files, app_dir, frontend_dirs)


def _folders(app_dir: str, frontend_dirs: Sequence[str]) -> list[str]:
    """The app's folder, the three above it (a monorepo's settings) and the front ends'."""
    folders = [app_dir]
    for _ in range(3):
        folders.append(os.path.dirname(folders[-1]))
    return [*folders, *frontend_dirs]


def _unresolved_relative(
    program: Program, files: Sequence[SourceFile], app_dir: str, frontend_dirs: Sequence[str]
) -> str:
    """A relative import of code that names no file read (a folder whose package.json has a
    `main`), or "" when there is none. An import TypeScript drops (`import type`) loads none."""
    for file, spec in missing_imports(program, files, app_dir, frontend_dirs):
        return f"`{spec}` in {file.display}, which names no file read"
    return ""


def missing_imports(
    program: Program, files: Sequence[SourceFile], app_dir: str, frontend_dirs: Sequence[str]
) -> Iterator[tuple[SourceFile, str]]:
    """(file, spec) of each relative import of code that names no file read and no file left
    unread: a file a build step makes (`./generated/limits`), or one not in the repository;
    also a package.json `imports` name (`#gen/me`) whose target is such a file. Not one in a
    comment, nor one TypeScript drops (`import type`)."""
    is_dropped = _Dropped(program, _folders(app_dir, frontend_dirs), files)
    for file in files:
        folder = os.path.dirname(file.key)
        if b"#" in file.data:
            for match in _BARE.finditer(file.data):
                spec = match.group(1).decode("utf-8", "replace")
                if (
                    spec.startswith("#")
                    and program.find_import(folder, spec) is None
                    and any(_names_no_file(target) for target in program.subpath_targets(folder, spec))
                    and not program.in_comment(file.key, match.start(1))
                    and not is_dropped(file.key, match.start(1))
                ):
                    yield file, spec
        for match in RELATIVE_IMPORT.finditer(file.data):
            spec = match.group(1).decode("utf-8", "replace")
            target = os.path.normpath(os.path.join(folder, spec))
            if (
                not spec.lower().endswith(NOT_CODE)  # `./x.client` is code: bundlers add `.js`
                and program.find_module(folder, spec) is None
                and not any(unread.startswith(target) for unread in program.unread_imports)
                and not program.in_comment(file.key, match.start(1))  # an example in a doc comment
                and not is_dropped(file.key, match.start(1))
                and not _CONCATENATED.match(file.data, match.end())  # `'./jobs/' + job`: a prefix
            ):
                yield file, spec


def _names_no_file(target: tuple[str, str]) -> bool:
    """Whether a package.json `imports` target (`./src/gen/me.js`) names no code on disk: no
    file, a folder without an `index` script, or only files a bundler does not take for it
    (`./src/gen/me` beside `me.graphql`). One left unread is named where it was left out."""
    path = os.path.normpath(os.path.join(*target))
    if os.path.isfile(path):
        return False
    stem = os.path.join(path, "index") if os.path.isdir(path) else path
    # the exact suffixes a bundler tries: `me.d.ts` or `me.test.js` is not `me`
    return not any(os.path.isfile(stem + suffix) for suffix in LANGUAGE_BY_SUFFIX)


#: what follows a module name that is only the start of one (`require('./jobs/' + job)`)
_CONCATENATED = re.compile(rb"\s*\+")
_BARE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"]([^.'"/][^'"\n]*)['"]""", re.M)
#: Node's own modules: a bare import of one names no dependency
_NODE_BUILTINS = frozenset(
    {
        "assert", "async_hooks", "buffer", "child_process", "crypto", "dns", "events", "fs", "http",
        "https", "module", "net", "os", "path", "perf_hooks", "process", "querystring", "readline",
        "stream", "string_decoder", "timers", "tls", "url", "util", "v8", "vm", "worker_threads", "zlib",
    }
)  # fmt: skip


def _aliased(
    program: Program, app_dir: str, files: Sequence[SourceFile], frontend_dirs: Sequence[str] = ()
) -> bool:
    """Whether some import may name an app file without a relative path (a front end's own
    package.json, `static/ui/package.json`, lists the packages its code imports); a
    package.json `imports` name the analysis resolves (`#lib/bb`) is not one."""
    folders = _folders(app_dir, frontend_dirs)
    dependencies: set[str] = set()
    for folder in folders:
        for name in ("tsconfig.json", "jsconfig.json"):
            text = _read(os.path.join(folder, name))
            if '"paths"' in text or '"baseUrl"' in text:
                return True
        manifest = read_json(os.path.join(folder, "package.json"))
        if isinstance(manifest, dict):
            for field in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
                value = manifest.get(field)
                if isinstance(value, dict):
                    if any(str(version).startswith(LOCAL_VERSIONS) for version in value.values()):
                        return True
                    dependencies.update(map(str, value))
        if isinstance(manifest, dict) and (
            "alias" in manifest or "_moduleAliases" in manifest or isinstance(manifest.get("browser"), dict)
        ):
            return True  # Parcel's and module-alias's aliases, a `browser` map of modules
    configured: bool | None = None  # read when some bare import could be aliased
    workspace = _workspace_packages(folders)
    is_dropped = _Dropped(program, folders, files)
    for file in files:
        if _ROOT_RELATIVE.search(file.data):
            return True  # `from '/src/api.js'`: the bundler's root, not a file path
        for match in _BARE.finditer(file.data):
            if _NOT_A_MODULE_NAME.search(match.group(1)):
                continue  # `'from', 'they'` in a word list: a string after the word `from`
            aliasing = _may_alias(
                program, file, match.group(1).decode("utf-8", "replace"), dependencies, workspace
            )
            if aliasing is None:  # a listed package: a bundler or Babel setting may alias it
                if configured is None:
                    configured = _alias_configured(folders)
                aliasing = configured
            if aliasing and not is_dropped(file.key, match.start(1)):
                return True
    return False


#: what no module name holds: spaces and commas
_NOT_A_MODULE_NAME = re.compile(rb"[\s,]")


def _may_alias(
    program: Program, file: SourceFile, spec: str, dependencies: set[str], workspace: frozenset[str]
) -> bool | None:
    """Whether a bare import may name an app file whatever the bundler's settings: True for an
    alias, a package no package.json lists or the repository's own; None for a listed package
    (only a bundler setting may alias it); False for what names no app file."""
    if spec.startswith("node:"):
        return False
    if spec.startswith("#"):
        return program.find_import(os.path.dirname(file.key), spec) is None  # `imports` not resolved
    parts = spec.split("/")
    package = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
    if package.startswith("@forge/") or package == "@atlassian/forge-graphql":
        return False
    if package in _NODE_BUILTINS:
        return spec not in _NODE_BUILTINS and spec not in _NODE_SUBPATHS  # `util/jira`: an alias
    if package not in dependencies or package in workspace:
        return True
    return None


class _Dropped:
    """Whether an import is one TypeScript's build drops (js/type_imports.py): it loads nothing.
    The settings that decide it are read once, on the first question."""

    def __init__(self, program: Program, folders: Sequence[str], files: Sequence[SourceFile]) -> None:
        self._program = program
        self._folders = folders
        self._files = files
        self._kept: bool | None = None

    def __call__(self, key: str, offset: int) -> bool:
        if not key.endswith(_TYPESCRIPT_SUFFIXES):
            return False
        if self._kept is None:
            places = setting_places(self._folders, [file.key for file in self._files])
            self._kept = keeps_type_imports(places)
        return not self._kept and dropped(self._program, key, offset)


#: Node's modules that have subpaths (`fs/promises`)
_NODE_SUBPATHS = frozenset(
    {
        "fs/promises", "dns/promises", "stream/promises", "stream/web", "stream/consumers",
        "timers/promises", "readline/promises", "util/types", "path/posix", "path/win32",
        "assert/strict", "inspector/promises",
    }
)  # fmt: skip
#: an import of a path from the bundler's root (Vite): `from '/src/api/jira.js'`
_ROOT_RELATIVE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"]/[^/'"]""")
#: what such a setting says to alias one (case folded)
_ALIAS_WORDS = re.compile(
    rb"alias|module-resolver|root-import|resolve\.modules|modules\s*:|roots|paths|fallback|replacement|resolveid",
    re.I,
)

#: how many package.json files of a workspace are read at most
_MAX_WORKSPACE_PACKAGES = 400


def _workspace_packages(folders: Sequence[str]) -> frozenset[str]:
    """The names of the packages of the workspaces the app's folders declare (package.json
    `workspaces`, pnpm-workspace.yaml): their code is the repository's, so an import of one
    may reach app files, whatever version the app lists (`"@acme/lib": "*"`)."""
    names: set[str] = set()
    for folder in folders:
        manifest = read_json(os.path.join(folder, "package.json"))
        declares = isinstance(manifest, dict) and "workspaces" in manifest
        if not declares and not os.path.isfile(os.path.join(folder, "pnpm-workspace.yaml")):
            continue
        found = sorted(glob.glob(os.path.join(folder, "*", "package.json")))
        found += sorted(glob.glob(os.path.join(folder, "*", "*", "package.json")))
        for path in found[:_MAX_WORKSPACE_PACKAGES]:
            data = read_json(path)
            if "node_modules" not in path and isinstance(data, dict) and isinstance(data.get("name"), str):
                names.add(data["name"])
    return frozenset(names)


def _alias_configured(folders: Sequence[str]) -> bool:
    """Whether a bundler, Babel or SWC setting in the app's folders (or their config, build,
    scripts or tools folders) may alias a module: then even a package the package.json lists
    may name an app file (`resolve.alias: { 'node-fetch': './src/shim.js' }`)."""
    places = [*folders, *(os.path.join(f, sub) for f in folders for sub in CONFIG_FOLDERS)]
    for place in places:
        try:
            names = os.listdir(place)
        except OSError:
            continue
        for name in names:
            if name.lower().startswith(ALIAS_CONFIGS) and _ALIAS_WORDS.search(
                _read(os.path.join(place, name)).encode()
            ):
                return True
    return False


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(1024 * 1024)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return ""
