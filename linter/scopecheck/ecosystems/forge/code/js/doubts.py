"""What leaves a file of the app "not analysed whole" beyond its own syntax: code a bundler
may load that scopecheck does not read. A module named at run time (`require('@forge' + x)`,
`createRequire`, `require.context`, a `data:` module) unless it names a folder below the
file's own whose files are all read; a change to `Object.prototype`; package.json files that
point at code not read (the app's own package names, `browser` maps) or a `node_modules`
folder inside the app; a relative import of a file the repository lacks. Each is a
`ParseProblem(skipped=True)`, so findings that need every call (SC402, SC404) are unsure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from scopecheck.ecosystems.forge.code.js.files import SourceFile, display_path
from scopecheck.ecosystems.forge.code.js.import_syntax import IMPORT_GAP, IMPORT_HEAD
from scopecheck.ecosystems.forge.code.js.program import NOT_CODE, Program
from scopecheck.ecosystems.forge.code.usage import ParseProblem

#: a `require(` or `import(` call, up to its first argument (group 1: the name, group 2:
#: what stands between it and `(`)
MODULE_CALL = re.compile(
    rb"""\b(require|import)((?>""" + IMPORT_GAP + rb"""))\((?>""" + IMPORT_GAP + rb""")"""
)
#: `(require)(...)`: a loader the scans above do not read
PAREN_REQUIRE = re.compile(rb"""\(\s*require\s*\)""")
#: a first argument that is a plain string: the module is known
PLAIN_MODULE = re.compile(rb"""['"][^'"\n]*['"]\s*[),]""")
#: a first argument that names a folder below the file's own and a name known at run time
#: (`'./locales/' + lang`, `` `./pages/${name}` ``): a bundler loads only files of that folder
OWN_FOLDER_MODULE = re.compile(
    rb"""(?:(['"])\./((?:[\w@-][\w@.-]*/)+)\1\s*\+\s*[\w$.]+"""
    rb"""|`\./((?:[\w@-][\w@.-]*/)+)\$\{[\w$.]+\}[\w.-]*`)\s*[),]"""
)
#: other ways to load modules by a name known at run time or a whole folder (`require
#: .context`, `require['context']` and `import.meta .webpackContext` too)
OTHER_LOADERS = re.compile(
    rb"""\bcreateRequire\b|\brequire(?>"""
    + IMPORT_GAP
    + rb""")(?:\.(?>"""
    + IMPORT_GAP
    + rb""")context\b|\[)"""
    rb"""|\bimport(?>"""
    + IMPORT_GAP
    + rb""")\.(?>"""
    + IMPORT_GAP
    + rb""")meta(?>"""
    + IMPORT_GAP
    + rb""")"""
    rb"""(?:\.(?>""" + IMPORT_GAP + rb""")(?:webpackContext|glob)\b|\[)"""
    rb"""|\b__non_webpack_require__\b|\bprocess\.mainModule\b"""
)
#: an import of a `data:` module, which webpack 5 bundles
DATA_MODULE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"`]data:""")
#: an import of a file by its absolute path (`require('/srv/shared/sync')`)
ABSOLUTE_MODULE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"](/[^'"\n*]+)['"]""")


def missing_imports(
    program: Program, files: Sequence[SourceFile], app_root: str, frontend_dirs: Sequence[str]
) -> list[ParseProblem]:
    """One problem per file that imports a relative file the repository lacks (made by a
    build step, or simply missing): what it would call is not known."""
    from scopecheck.ecosystems.forge.code.js.reach import missing_imports as missing

    first: dict[str, str] = {}
    for file, spec in missing(program, files, app_root, frontend_dirs):
        first.setdefault(file.display, spec)
    return [
        ParseProblem(
            display,
            f"imports `{spec}`, which is not in the repository (made by a build step?): what it calls is not known",
            skipped=True,
        )
        for display, spec in sorted(first.items())
    ]


def package_json_redirects(
    program: Program, files: Sequence[SourceFile], app_root: str, cwd: str
) -> list[ParseProblem]:
    """What package.json files (the app's, and any in a folder between a source file and the
    app's) make a bundler load that is not read: a package imported by its own name
    (`issue-tools/sync`, through `exports`), a `browser` map that puts another file
    (`./dist/issue.js`) in place of a source file, and a `node_modules` folder of its own
    (`src/node_modules`), whose packages the bare imports below it may name."""
    from scopecheck.ecosystems.forge.code.packages import imported_packages, read_json

    folders: set[str] = set()
    for file in files:
        folder = os.path.dirname(file.key)
        while folder.startswith(app_root) and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    names: set[str] = set()
    found = []
    for folder in sorted(folders):
        if folder != app_root and os.path.isdir(os.path.join(folder, "node_modules")):
            why = "has a node_modules folder of its own, whose packages scopecheck does not read"
            found.append(ParseProblem(display_path(folder, cwd), why, skipped=True))
        manifest = read_json(os.path.join(folder, "package.json"))
        if not isinstance(manifest, dict):
            continue
        if isinstance(manifest.get("name"), str):
            names.add(manifest["name"])
        browser = manifest.get("browser")
        for replaced, target in browser.items() if isinstance(browser, dict) else ():
            if not isinstance(target, str):
                continue
            unread = program.unread_target(folder, target if target.startswith(".") else "./" + target)
            if unread is not None:
                why = f"was not analysed: a package.json `browser` map loads it in place of `{replaced}`"
                found.append(ParseProblem(display_path(unread, cwd), why, skipped=True))
    for file in files:
        own = sorted({package for package, _o in imported_packages(file.data)} & names)
        if own:
            why = f"imports the package `{own[0]}` of the app's own folders by name, which scopecheck does not resolve"
            found.append(ParseProblem(file.display, why, skipped=True))
    return found


def run_time_loads(program: Program, files: Sequence[SourceFile], known: set[str]) -> list[ParseProblem]:
    """A `require(x)` or `import(x)` whose module is not a string (`require('@forge' + '/api')`,
    `` import(`acme-${kind}`) ``, `createRequire`, `require.context`) may load any package or
    file, and what it calls is not known: the file counts as not analysed whole. A name built
    from a folder below the file's own (`'./locales/' + lang`) loads that folder's files, which
    is no doubt when every code file there is read; a comment is no call. So does a change to
    `Object.prototype`, which every options object inherits (`method` among them)."""
    found = []
    for file in files:
        if file.display in known:
            continue
        line = _run_time_module(program, file)
        if line:
            why = f"loads a module named at run time (line {line}): what that module calls is not known"
            found.append(ParseProblem(file.display, why, skipped=True))
            continue
        line = _prototype_write(program, file)
        if line:  # every options object inherits from it
            why = f"changes what every object inherits (line {line}): the method a request sends is not known"
            found.append(ParseProblem(file.display, why, skipped=True))
    return found


def _run_time_module(program: Program, file: SourceFile) -> int:
    """The line of the first module loaded by a name known at run time, or 0."""
    data = file.data
    starts = [m.start() for m in OTHER_LOADERS.finditer(data)]
    starts += [m.start() for m in DATA_MODULE.finditer(data)]
    if b"require" in data:
        starts += [m.start() for m in PAREN_REQUIRE.finditer(data)]
    for match in MODULE_CALL.finditer(data):
        if match.group(1) == b"import" and data[match.start() - 1 : match.start()] == b".":
            continue  # `db.import(rows)`: a method
        if PLAIN_MODULE.match(data, match.end()) and not match.group(2).strip():
            continue  # a string, with nothing but spaces before `(`
        own = OWN_FOLDER_MODULE.match(data, match.end())
        if own is not None:
            folder = (own.group(2) or own.group(3)).decode("utf-8", "replace")
            if _all_read(program, os.path.join(os.path.dirname(file.key), folder)):
                continue
        starts.append(match.start())
    for start in sorted(starts):
        if not program.in_comment(file.key, start):
            return _line(data, start)
    return 0


#: a change to what every object inherits (`Object.prototype.method = 'PUT'`): an options
#: object without `method` then sends one
_PROTOTYPE_WRITE = re.compile(
    rb"\bObject\s*\.\s*prototype\s*(?:\.\s*[\w$]+|\[[^\]\n]*\])\s*=(?!=)"
    rb"|\b(?:defineProperty|defineProperties|assign|setPrototypeOf)\s*\(\s*Object\s*\.\s*prototype\b"
    rb"|\b__proto__\s*(?:\.\s*[\w$]+|\[[^\]\n]*\])\s*=(?!=)"
)


def _prototype_write(program: Program, file: SourceFile) -> int:
    """The line of the first change to `Object.prototype` outside comments, or 0."""
    if b"prototype" not in file.data and b"__proto__" not in file.data:
        return 0
    for match in _PROTOTYPE_WRITE.finditer(file.data):
        if not program.in_comment(file.key, match.start()):
            return _line(file.data, match.start())
    return 0


def _all_read(program: Program, folder: str) -> bool:
    """Whether `folder` is a real folder (no link) holding read code, and every other file in
    it is read, empty, or data (a bundler's context takes every file: `sync.es6`, an
    extensionless one; a folder of no code is filled by a build step)."""
    if not os.path.isdir(folder) or os.path.islink(folder):
        return False
    code = False
    for root, dirs, names in os.walk(folder):
        if any(os.path.islink(os.path.join(root, d)) for d in dirs):
            return False
        for name in names:
            path = os.path.join(root, name)
            if path in program.files:
                code = True
            elif not (name.lower().endswith(NOT_CODE) or os.path.getsize(path) == 0):
                return False
    return code


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
