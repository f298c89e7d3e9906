"""What an app's JS/TS code uses: product API calls, outbound fetches and other scope needs.

`analyze_app` reads every source file once. Only files that can matter are
parsed: those that mention `@forge/`, `fetch` or a `request*` method name,
the relative modules they import (for constants and helpers), and the files
that mention the name of a helper found so far. tree-sitter is imported when
the first file is parsed.

Followed statically (never executed): ES imports, `require`, TypeScript
`import x = require()`, aliases, namespaces, destructuring, `export`/`export
from`/`export *`, `module.exports`/`exports.x`; string constants, templates
and `+` concatenations across relative modules; `route` and
`assumeTrustedRoute`; option objects (also spread or destructured); the app's
own functions (and object-literal methods) whose parameters reach a request,
to any depth, reported at their callers with the helper's request in `via`.

Taken by name, as forge lint does, when the object is a parameter or not known
(a requester passed in, `this.requester`): `x.requestJira/Confluence/Bitbucket`
(a product call), `x.requestTeamworkGraph` (a Teamwork Graph scope) and
`x.fetch(url)` (a fetch when the URL names a host). A named `fetch` or
`requestJira` import from any other package is one too; `storage` and the
property hooks need their scopes at the import when the file never calls them.
`<Image src>` is read branch by branch (`?:`, `||`, `??`, `&&`). The icons that
dynamic-properties functions return are images too (`icons.py`).

Not followed: classes (a `this.x` value is unknown), TypeScript enums, values
assigned after their declaration (a reassigned `let` is unknown), conditional
expressions outside `<Image src>`, functions passed as callbacks and called
elsewhere, packages in `node_modules`, and Forge APIs other than the product
`request*` calls, `requestTeamworkGraph`, `fetch`, storage/KVS, `NotificationApi`
and the UI Kit property hooks and `Image` (`requestGraph`, `invokeRemote`,
`properties`...).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from scopecheck.core.collection import fewer_collections, release
from scopecheck.core.findings import Span
from scopecheck.core.settings import DEFAULT_NOT_APP_CODE
from scopecheck.ecosystems.forge.code.js import render
from scopecheck.ecosystems.forge.code.js import values as v
from scopecheck.ecosystems.forge.code.js.calls import (
    CallAnalyzer,
    Item,
    Need,
    ParamCall,
    Request,
    is_forge_sender,
)
from scopecheck.ecosystems.forge.code.js.data_files import WORD
from scopecheck.ecosystems.forge.code.js.doubts import (
    ABSOLUTE_MODULE,
    missing_imports,
    package_json_redirects,
    run_time_loads,
)
from scopecheck.ecosystems.forge.code.js.escapes import Escapes, escaped_helpers
from scopecheck.ecosystems.forge.code.js.files import SourceFile, discover, display_path
from scopecheck.ecosystems.forge.code.js.forge_api import (
    NOTIFICATION_SCOPES,
    STORAGE_SCOPES,
    hook_scopes,
)
from scopecheck.ecosystems.forge.code.js.grammar import Grammars, text_of
from scopecheck.ecosystems.forge.code.js.program import LOCAL_IMPORT, Program
from scopecheck.ecosystems.forge.code.js.unit import Unit
from scopecheck.ecosystems.forge.code.usage import (
    ANY_PRODUCT,
    ApiCall,
    Fetch,
    ParseProblem,
    ScopeNeed,
    Uncalled,
    Usage,
)

if TYPE_CHECKING:
    from scopecheck.ecosystems.forge.code.js.uncalled import HandlerTargets
    from scopecheck.ecosystems.forge.code.packages import DependencyGraph

#: a file mentioning none of these (nor a known helper) cannot call a Forge API or fetch
#: (`request*` for a requester passed in from another file: forge lint goes by the name)
#: escapes in strings or names, which may spell a trigger or a helper's name
ESCAPES = (b"\\u", b"\\x")
TRIGGERS = (
    b"@forge/",
    b"@atlassian/forge-graphql",
    b"fetch",
    b"requestJira",
    b"requestConfluence",
    b"requestBitbucket",
    b"requestTeamworkGraph",
    b"reportPersonalData",
    b"<img",
    b"<iframe",
    b"<script",
    b"<link",
    b"<video",
    b"<audio",
    b"<source",
    b"<object",
    b"<embed",
    b"<image",
)
#: browser (and Node) request APIs other than `fetch`: they go through the same egress
#: (the Cache API's `caches.open(name)` gives a cache whose `add`/`addAll` fetch their URLs)
_OTHER_REQUESTS = re.compile(
    rb"\b(XMLHttpRequest|WebSocket|EventSource|sendBeacon|caches(?=\s*\.\s*open\b))\b"
)
#: `from './x'`, `require('../x')`, `import('./x')`: a relative module a file may load


@fewer_collections()  # many short-lived records: see core/collection.py
def analyze_app(
    app_dir: Path,
    *,
    cwd: Path,
    resource_dirs: Sequence[Path] = (),
    icon_handlers: Sequence[str | None] = (),
    not_app_code: Sequence[str] = DEFAULT_NOT_APP_CODE,
    handler_modules: Sequence[str] | None = None,
    extra_roots: Sequence[str] = (),
    resource_entries: Sequence[Path] = (),
    handler_functions: Sequence[str] = (),
    invokers: Sequence[tuple[str, Sequence[str]]] = (),
) -> Usage:
    """Find the product calls, fetches and scope needs in the code under `app_dir`.

    Spans are relative to `cwd`. A global `fetch` in a file under one of
    `resource_dirs` (Custom UI / UI Kit code) is a client fetch. `icon_handlers` are the
    Forge handlers (`index.props`) of dynamic-properties functions, whose returned icons are
    images (fetches marked `dynamic_icon`); None stands for one whose handler is not known.
    Files matching `not_app_code` (tests, stories, mocks: `files.not_app_code`) are not read.
    `resource_entries` are the code files UI Kit resources name: a bundle starts there.
    `handler_functions` are the manifest's function handlers (`index.run`): Forge calls them
    with its own event, so the app's own calls of them do not say what they are given.
    `invokers` pairs a front end's source folder with the handler modules of the resolvers
    its `invoke`s reach (code/read.py `resolver_front_ends`).
    """
    files, problems = discover(app_dir, cwd, not_app_code, extra_roots)
    cwd_abs = os.path.abspath(cwd)
    frontend_dirs = [os.path.normpath(os.path.join(cwd_abs, d)) for d in resource_dirs]
    program = Program(files, Grammars(), frontend_dirs)
    if handler_modules:
        src = os.path.join(os.path.normpath(os.path.join(cwd_abs, app_dir)), "src")
        entries = [program.find_module(src, "./" + module) for module in handler_modules]
        program.set_backend_entries(
            [key for module in handler_modules for key in program.module_files(src, "./" + module)]
        )
        if files:  # with no code at all, SC402 says so itself
            problems.extend(_missing_handlers(handler_modules, entries, src, cwd_abs))
    analyzer = CallAnalyzer(program)
    analyzed: set[str] = set()

    queue = [file for file in files if _may_call(file.data)]
    searched: set[str] = set()
    words: dict[str, frozenset[bytes]] = {}
    while queue:
        for file in queue:
            _analyze(program.unit(file.key), analyzer, analyzed)
        while len(analyzed) < len(program.units):  # modules parsed for their constants or helpers
            for unit in list(program.units.values()):
                _analyze(unit, analyzer, analyzed)
        names = _helper_names(program, analyzer, analyzed) - searched
        if not names:
            break
        searched |= names
        wanted = {name.encode() for name in names}
        queue = []
        for file in files:
            if file.key in analyzed:
                continue
            found = words.get(file.key)
            if found is None:
                found = words[file.key] = frozenset(WORD.findall(file.data))
            if not found.isdisjoint(wanted):
                queue.append(file)

    app_root = os.path.normpath(os.path.join(cwd_abs, app_dir))
    for file in files:  # a file that imports one the policy says is not app code, or one outside
        for raw in LOCAL_IMPORT.findall(file.data):
            program.note_unread_in(file.key, file.display, raw.decode("utf-8", "replace"))
        for raw in ABSOLUTE_MODULE.findall(file.data):  # a path, or one from the root (webpack)
            spec = raw.decode("utf-8", "replace")
            program.note_unread_in(file.key, file.display, spec)
            from_root = os.path.relpath(app_root + spec, os.path.dirname(file.key))
            program.note_unread_in(
                file.key, file.display, from_root if from_root.startswith(".") else "./" + from_root
            )
    from scopecheck.ecosystems.forge.code.web_assets import asset_fetches

    icons: list[Fetch] = asset_fetches(frontend_dirs, cwd_abs, not_app_code)  # the front ends' HTML and CSS
    if icon_handlers:  # imported only for an app that has dynamic properties (2 ms)
        from scopecheck.ecosystems.forge.code.js.icons import find_icons

        icons.extend(find_icons(program, os.path.normpath(os.path.join(cwd_abs, app_dir)), icon_handlers))
    helpers = analyzer.helpers()
    from scopecheck.ecosystems.forge.code.js.reach import unresolved_imports

    unresolved = unresolved_imports(
        program, files, os.path.normpath(os.path.join(cwd_abs, app_dir)), frontend_dirs
    )
    # a helper may be called through an import not followed, with other arguments
    handler_refs = _handler_refs(program, app_root, handler_functions)
    escaped = Escapes(
        escaped_helpers(program, helpers, analyzed),
        frozenset(helpers),
        unresolved,
        {ref: name for ref, name in handler_refs.functions.items() if ref in helpers},
    )
    # a front end may import any file through an import not followed: its fetches may be client ones
    either_side = bool(unresolved and frontend_dirs)
    problems.extend(package_json_redirects(program, files, app_root, cwd_abs))
    problems.extend(missing_imports(program, files, app_root, frontend_dirs))
    # forge lint reads `src/` and UI Kit resources' folders: an import elsewhere (a Custom UI's
    # `import { storage } from '@forge/api'`, which cannot run in a browser) needs no scope
    linted = (
        os.path.join(app_root, "src") + os.sep,
        *(os.path.dirname(os.path.normpath(os.path.join(cwd_abs, e))) + os.sep for e in resource_entries),
    )
    usage = _collect(
        cwd_abs, program, analyzer, analyzed, len(files), problems, icons, escaped, either_side, linted
    )
    root = os.path.normpath(os.path.join(cwd_abs, app_dir))
    # a front end's own node_modules and lockfiles (static/ui/node_modules) count too
    package_roots = [*extra_roots, *frontend_dirs]
    package_calls = _package_calls(files, Path(root), package_roots)
    calls = (*usage.calls, *package_calls)
    fetches = (*usage.fetches, *_package_fetches(files, program.sides, Path(root), package_roots))
    unreached: tuple[str, ...] = ()
    live: set[str] | None = None
    # a file left unread (for its size, minified, or not app code) may import any other; a
    # doubt about a file that was read (a module it names at run time) counts where it is reached
    read_files = {file.display: file.key for file in files}
    doubted = {read_files[p.path] for p in usage.problems if p.skipped and p.path in read_files}
    unread = bool(program.unread_imports) or any(
        problem.skipped and problem.path not in read_files for problem in usage.problems
    )
    if handler_modules is not None and not unread:  # the manifest's entry points are known
        from scopecheck.ecosystems.forge.code.js.reach import reached

        entry_files = [os.path.normpath(os.path.join(cwd_abs, e)) for e in resource_entries]
        live = reached(program, files, root, handler_modules, frontend_dirs, entry_files)
        if live is not None and not doubted & live:
            unreached = tuple(sorted(file.display for file in files if file.key not in live))
        else:
            live = None
    from scopecheck.ecosystems.forge.code.js.resolvers import uninvoked_resolvers

    unsure = bool(usage.skipped) or bool(package_calls)  # a Forge package may invoke resolvers
    invoked_by = [
        (os.path.normpath(os.path.join(cwd_abs, folder)), tuple(modules)) for folder, modules in invokers
    ]
    uninvoked = uninvoked_resolvers(
        program,
        files,
        analyzed,
        frontend_dirs,
        unsure,
        live,
        (root, invoked_by) if live is not None else None,
    )
    from scopecheck.ecosystems.forge.code.js.uncalled import uncalled_functions

    sites = [call.span for call in usage.calls] + [need.span for need in usage.needs]
    sites += [fetch.span for fetch in usage.fetches]
    # a request made inside a helper: the statement holding it there may never run
    sites += [inner for call in usage.calls for inner in call.via]
    sites += [inner for fetch in usage.fetches for inner in fetch.via]
    keys: list[str] = []
    # back-end files only: a front end's HTML may call a script's function by name, a library
    # a method of an object handed to it, a file scopecheck does not read (`.vue`) any export;
    # and none when a package built on Forge is imported: it may call any export
    backend = live
    if live is None and handler_modules and not unread:  # the handlers' own imports are back-end code still
        from scopecheck.ecosystems.forge.code.js.reach import handler_closure

        backend = handler_closure(program, files, root, handler_modules)
        backend = None if backend is None or doubted & backend else backend
    if backend is not None and not package_calls:
        keys = [key for key in analyzed if key in backend and not program.is_frontend(program.units[key])]
    # a file whose only request is an icon it returns was not analysed for calls: its statements too
    icon_files = {file.key for file in files if any(icon.span.path == file.display for icon in icons)}
    for key in icon_files:
        program.unit(key)
    uncalled = uncalled_functions(program, keys, sites, handler_refs, also_statements=analyzed | icon_files)
    uncalled += tuple(_conditional_files(program))
    needs = tuple(sorted((*usage.needs, *_unfollowed_privacy(program, usage.needs)), key=_order))
    release(analyzer, program, *program.units.values())  # what follows holds none of it
    return replace(
        usage,
        calls=tuple(sorted(calls, key=_order)),
        fetches=tuple(sorted(fetches, key=_order)),
        needs=needs,
        unreached=unreached,
        uninvoked=uninvoked,
        uncalled=uncalled,
    )


#: `reportPersonalData`, or `privacy` used as a value (`privacy.x`, `privacy[k]`, `f(privacy)`,
#: `{ privacy }`, `c ? privacy : mock`, `p = privacy` ending a line): where one stands on a
#: line no need was found on, the value was not followed (`this.p.reportPersonalData(ids)`)
_PRIVACY_WORDS = re.compile(rb"\breportPersonalData\b|\bprivacy\b(?=[ \t]*(?:[.\[\],)};:?|&!=]|$))", re.M)
_PRIVACY_SCOPES = (("report:personal-data",),)
_IMPORTS = ("import_statement", "import_specifier")


#: the files a handler module may be (Forge's bundler and its manifest check)
_HANDLER_SUFFIXES = (".ts", ".tsx", ".js", ".jsx", ".cjs", ".mjs")


def _missing_handlers(
    modules: Sequence[str], entries: Sequence[str | None], src: str, cwd: str
) -> list[ParseProblem]:
    """A handler module the repository lacks (made by a build step, or kept elsewhere): what
    it calls is not known, like a file left out."""
    missing = []
    for module, key in zip(modules, entries, strict=True):
        # one on disk but not read (too large, not app code) is named where it was left out;
        # only a file Forge's bundler would take counts (not `index.test.js`, `index.d.ts`)
        base = os.path.join(src, module)
        if key is None and not any(os.path.isfile(base + suffix) for suffix in _HANDLER_SUFFIXES):
            shown = display_path(os.path.join(src, module), cwd)
            why = "was not analysed: a function handler's module, which is not in the repository (made by a build step?)"
            missing.append(ParseProblem(shown, why, skipped=True))
    return missing


def _unfollowed_privacy(program: Program, needs: Sequence[ScopeNeed]) -> list[ScopeNeed]:
    """`privacy.reportPersonalData` may be called wherever its name, or `privacy` as a value,
    stands in code on a line where no need of `report:personal-data` was found: a need of it
    there, in doubt (SC401 unsure), so the scope is never called unused."""
    from scopecheck.ecosystems.forge.code.packages import import_span

    found: dict[tuple[str, int], ScopeNeed] = {}
    seen = {(n.span.path, n.span.line) for n in needs if n.alternatives == _PRIVACY_SCOPES}
    for key, file in program.files.items():
        for match in _PRIVACY_WORDS.finditer(file.data):
            span = import_span(file.display, file.data, match.start(), len(match.group(0)))
            where = (span.path, span.line)
            if where in seen or where in found or program.in_comment(key, match.start(), _IMPORTS):
                continue  # a comment, or the import of `privacy` (its uses are what count)
            name = match.group(0).decode()
            doubt = f"`{name}` stands where scopecheck does not follow the value; it may call privacy.reportPersonalData"
            found[where] = ScopeNeed(
                _PRIVACY_SCOPES, "privacy.reportPersonalData (not followed)", span, doubt
            )
    return list(found.values())


def _conditional_files(program: Program) -> list[Uncalled]:
    """A file that is one of several a conditional `#` import names: its code may not load."""
    found = []
    for key, spec in sorted(program.conditional_branches().items()):
        file = program.files[key]
        lines = file.data.count(b"\n") + 1
        span = Span(file.display, 1, 1, lines, 1, 0, len(file.data))
        why = f"{file.display} is one of the files `{spec}` names under different conditions (require or import, node or browser); which one loads is not known"
        found.append(Uncalled((), span, why))
    return found


def _package_fetches(
    files: Sequence[SourceFile],
    sides: Callable[[str], tuple[str, ...]],
    app_dir: Path,
    extra_roots: Sequence[str] = (),
) -> list[Fetch]:
    """A fetch to a host not known at each import of a package that sends requests itself
    (an HTTP client, an analytics SDK): declared hosts of that kind are only possibly unused."""
    from scopecheck.ecosystems.forge.code.packages import (
        LOADS_URLS,
        DependencyGraph,
        import_span,
        imported_packages,
        sends_requests,
    )

    graph = DependencyGraph.of(app_dir, extra_roots)
    found: list[Fetch] = []
    for file in files:
        # a file front ends import runs in the browser too (`src/lib/api.js` of a UI Kit app)
        kinds = [f"fetch.{side}" for side in sides(file.key)]
        for match in _OTHER_REQUESTS.finditer(file.data):  # not followed: the host is unknown
            span = import_span(file.display, file.data, match.start(1), len(match.group(1)))
            what = match.group(1).decode()
            found.extend(
                Fetch(kind, None, None, span, f"sent by `{what}`, whose address is not read")
                for kind in kinds
            )
        imported = {n for n, _o in imported_packages(file.data)}
        for name in sorted(n for n in imported if sends_requests(n, graph) or _may_send(n, graph)):
            offset = next(o for n, o in imported_packages(file.data) if n == name)
            span = import_span(file.display, file.data, offset, len(name.encode()))
            why = (
                f"sent by the package `{name}`, whose requests are not read"
                if sends_requests(name, graph)
                else f"maybe sent by the package `{name}`, which loads a URL the code hands it"
                if name in LOADS_URLS
                else f"maybe sent by the package `{name}`, which scopecheck does not know to send no requests"
            )
            found.extend(Fetch(kind, None, None, span, why) for kind in kinds)
    return found


def _may_send(name: str, graph: DependencyGraph) -> bool:
    """A package the app can load that is not known to send no requests: one that calls the
    global `fetch` or Node's `https` itself shows that in no lockfile."""
    from scopecheck.ecosystems.forge.code.packages import LOADS_URLS, known_quiet

    return name in LOADS_URLS or (not known_quiet(name) and graph.declared(name.removeprefix("node:")))


def _package_calls(
    files: Sequence[SourceFile], app_dir: Path, extra_roots: Sequence[str] = ()
) -> list[ApiCall]:
    """A call that could need any scope at the first import of each third-party package that
    may call Forge APIs itself (`code/packages.py`)."""
    from scopecheck.ecosystems.forge.code.packages import forge_reaching, import_span, imported_packages

    first: dict[str, tuple[SourceFile, int]] = {}
    for file in files:
        for name, offset in imported_packages(file.data):
            first.setdefault(name, (file, offset))
    if not first:
        return []
    reaching = forge_reaching(first, app_dir, extra_roots)
    calls = []
    for name, why in reaching.items():
        file, offset = first[name]
        span = import_span(file.display, file.data, offset, len(name.encode()))
        reason = f"made inside the package `{name}`, which {why}; its code is not read"
        calls.append(ApiCall(ANY_PRODUCT, None, None, span, reason=reason))
    return calls


def _analyze(unit: Unit, analyzer: CallAnalyzer, analyzed: set[str]) -> None:
    if unit.key in analyzed:
        return
    analyzed.add(unit.key)
    for call in unit.calls:
        analyzer.call(unit, call)
    for element in unit.jsx:
        analyzer.jsx(unit, element)


def _helper_names(program: Program, analyzer: CallAnalyzer, analyzed: set[str]) -> set[str]:
    """Names under which other files can call an exported helper that makes requests."""
    names: set[str] = set()
    for key in analyzed:
        unit = program.units[key]
        for name in program.export_names(unit):
            value = program.export_value(unit, name, set())
            if _makes_requests(program, analyzer, value):
                if name != "default":
                    names.add(name)
                else:  # a default import can take any name, but its path names the module
                    stem = os.path.splitext(os.path.basename(key))[0]
                    names.add(os.path.basename(os.path.dirname(key)) if stem == "index" else stem)
    return names


def _makes_requests(program: Program, analyzer: CallAnalyzer, value: v.Value, depth: int = 0) -> bool:
    """A helper function, or an object literal holding one (`export const jira = { get(p) {...} }`)."""
    if is_forge_sender(value):  # `export const client = api.asApp()`: it may be handed on
        return True
    if isinstance(value, v.Func):
        # a loose `x.fetch(param)` (a cache's fetch, as likely as not) finds no helper by name
        if is_forge_sender(program.returned(value)):
            return True
        return any(not sink.loose for sink in analyzer.sinks(value))
    if isinstance(value, v.Obj) and depth < 2:
        # each value as written, in one pass: reading them by key scanned the object and the
        # file once per key (33 s for an exported literal of 2,500 keys, review 33 p01)
        return any(
            _makes_requests(program, analyzer, held, depth + 1) for held in _written_values(program, value)
        )
    return False


def _written_values(program: Program, obj: v.Obj) -> list[v.Value]:
    """The values an object literal's properties are written with (methods as functions)."""
    values: list[v.Value] = []
    for child in obj.node.named_children:
        if child.type == "pair":
            written = child.child_by_field_name("value")
            if written is not None:
                values.append(program.value(obj.unit, written))
        elif child.type == "method_definition":
            values.append(program.func(obj.unit, child))
        elif child.type == "shorthand_property_identifier":
            values.append(program.name_value(obj.unit, child.text.decode() if child.text else "", child))
    return values


def _collect(
    cwd: str,
    program: Program,
    analyzer: CallAnalyzer,
    analyzed: set[str],
    files_scanned: int,
    problems: list[ParseProblem],
    icons: list[Fetch],
    escaped: Escapes,
    either_side: bool = False,
    linted: tuple[str, ...] = (),
) -> Usage:
    """`linted`: the folders forge lint reads (`src/`, UI Kit resources' folders), where an
    import it requires scopes for (`storage`, a property hook) needs them."""
    calls: list[ApiCall] = []
    fetches: list[Fetch] = list(icons)
    needs: list[ScopeNeed] = []

    def owner(ref: v.FnRef) -> str:
        name = program.function_name(ref)
        label = f"`{name}`" if name else "an anonymous function"
        why = escaped.why(ref)
        if why is not None:
            return f"{label}, {why}"
        return label if ref in analyzer.called else f"{label}, which is never called"

    #: files both sides import: a fetch there may be the browser's too
    both_sides = {program.units[key].file.display for key in analyzed if program.runs_on_both_sides(key)}
    for key in sorted(analyzed):
        unit = program.units[key]
        items = [item for call in unit.calls for item in analyzer.call(unit, call)]
        items.extend(item for element in unit.jsx for item in analyzer.jsx(unit, element))
        for item in items:
            if isinstance(item, Need):
                needs.append(ScopeNeed(item.alternatives, item.reason, item.span, item.doubt))
                continue
            if isinstance(item, ParamCall):  # followed at the function's callers, when it has some
                fn = item.callee.fn
                if not item.escape and (fn not in analyzer.called or fn in escaped):
                    frontend = program.is_frontend(unit)
                    items.extend(analyzer.handed_to_a_parameter(item, frontend))
                continue
            if not _reported_here(item, analyzer.called, escaped):
                continue
            if item.kind == "api":
                call = render.api_call(item, owner)
                if call not in calls[-8:]:  # the branches of one variable may be one path
                    calls.append(call)
            else:
                found = render.fetch(item, owner)
                if (
                    found is not None
                    and found.kind == "fetch.backend"
                    and (either_side or found.span.path in both_sides)
                ):
                    found = replace(found, also="fetch.client")
                if found is not None:
                    fetches.append(found)
        # a Custom UI's import needs nothing; a back-end file's outside src/ runs all the same
        if unit.watched_imports and (unit.file.key.startswith(linted) or not program.is_frontend(unit)):
            needs.extend(_import_needs(program, unit, items))
        problem = _not_read_whole(unit)
        if problem is not None:
            problems.append(problem)

    known = {problem.path for problem in problems}
    problems.extend(run_time_loads(program, list(program.files.values()), known))
    known = {problem.path for problem in problems}
    for path, importer in sorted(program.unread_imports.items()):
        shown = display_path(path, cwd)
        if shown not in known:  # a file left out for its size is named already
            why = f"was not analysed: {importer} imports it, but it is not app code (policy `not-app-code`)"
            if ".min." in os.path.basename(path):
                why = f"was not analysed: {importer} imports it, but it is minified (scopecheck reads no bundles)"
            problems.append(ParseProblem(shown, why, skipped=True))
    return Usage(
        calls=tuple(sorted(calls, key=_order)),
        fetches=tuple(sorted(fetches, key=_order)),
        needs=tuple(sorted(needs, key=_order)),
        files_scanned=files_scanned,
        problems=tuple(sorted(problems, key=lambda problem: problem.path)),
    )


def _import_needs(program: Program, unit: Unit, items: list[Item]) -> list[ScopeNeed]:
    """What forge lint requires at an import: `NotificationApi` always; `storage` (from
    @forge/api) and the property hooks when this file never calls them (a call needs the
    same scopes where it is)."""
    found: list[ScopeNeed] = []
    called = {
        "storage" if item.alternatives == STORAGE_SCOPES else item.reason
        for item in items
        if isinstance(item, Need)
    }
    for spec, name in unit.watched_imports:
        if name == "NotificationApi":
            found.append(ScopeNeed(NOTIFICATION_SCOPES, name, unit.positions.span(spec)))
            continue
        if name in called:
            continue
        alias = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
        value = program.name_value(unit, text_of(alias), spec) if alias is not None else None
        if name == "storage" and isinstance(value, v.StorageRef) and value.reason is None:
            found.append(ScopeNeed(STORAGE_SCOPES, "import { storage }", unit.positions.span(spec)))
        elif isinstance(value, v.Hook) and value.name == name:
            span = unit.positions.span(spec)
            scopes = hook_scopes(name, bool(value.doubt))
            found.append(ScopeNeed(scopes, f"import {{ {name} }}", span, value.doubt))
    return found


def _reported_here(request: Request, called: set[v.FnRef], escaped: Escapes) -> bool:
    """A request that depends on a helper's parameters is reported at the helper's callers,
    and also where it is written when the helper is passed as a value (`escapes.py`)."""
    params = request.params
    return not params or not (params & called) or any(p in escaped for p in params)


def _handler_refs(program: Program, app_root: str, handlers: Sequence[str]) -> HandlerTargets:
    """The functions the manifest's handlers name (`index.run` -> `run` of src/index.*,
    followed through re-exports), and the names of handlers whose export is not followed
    (its module not read, or re-exported from a package): any function of that name may be
    the one Forge runs."""
    from scopecheck.ecosystems.forge.code.js.uncalled import HandlerTargets

    found: dict[v.FnRef, str] = {}
    unsure: set[str] = set()
    src = os.path.join(app_root, "src")
    for handler in handlers:
        module, _dot, name = handler.rpartition(".")
        # `index` beside both index.js and index.jsx: which one is bundled is not known
        keys = program.module_files(src, "./" + module) if module else []
        if not keys:
            unsure.add(name)
        for key in keys:
            value = program.export_value(program.unit(key), name, set())
            if isinstance(value, v.Func):
                found.setdefault(value.ref, handler)
            elif isinstance(value, v.Unknown) and not _resolver_definitions(program.unit(key), name):
                unsure.add(name)
    return HandlerTargets(found, frozenset(unsure))


def _resolver_definitions(unit: Unit, name: str) -> bool:
    """Whether the module's export `name` is `resolver.getDefinitions()` of `@forge/resolver`:
    Forge runs the resolvers it defines, not a function of the handler's name."""
    entry = unit.exports.get(name)
    node = entry.node if entry is not None and entry.kind == "node" else None
    if entry is not None and entry.kind == "local":
        decls = unit.decls.get(entry.name, [])
        if len(decls) == 1 and decls[0].kind == "var":
            node = decls[0].node.child_by_field_name("value")
    callee = (
        node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    )
    prop = (
        callee.child_by_field_name("property")
        if callee is not None and callee.type == "member_expression"
        else None
    )
    return prop is not None and text_of(prop) == "getDefinitions" and b"@forge/resolver" in unit.file.data


def _may_call(data: bytes) -> bool:
    """Whether a file names a trigger word, also through escapes (`'@forge\\u002fapi'`,
    `'@forg\\e/api'`, whose backslash JavaScript drops, and octal `'@forge\\057api'`): only
    such files are parsed."""
    if any(trigger in data for trigger in (*TRIGGERS, *ESCAPES)):
        return True
    if b"\\" not in data:
        return False
    octal = _OCTAL_ESCAPE.sub(lambda m: bytes([int(m.group(1), 8) & 0xFF]), data)  # `'@forge\\057api'`
    return any(trigger in octal.replace(b"\\", b"") for trigger in TRIGGERS)


_OCTAL_ESCAPE = re.compile(rb"\\([0-7]{1,3})")


def _not_read_whole(unit: Unit) -> ParseProblem | None:
    """Why a parsed file was not analysed whole, or None: a syntax error js/mend.py could not
    mend, code tree-sitter reads otherwise than JavaScript engines, or a name spelled with a
    `\\u` escape. Each may hide a call, so findings that need every call (SC402, SC404) are
    unsure."""
    if unit.error is not None:
        at, what = unit.error, "a syntax error at line {line}, column {column} may hide calls"
    elif unit.misread is not None:
        at, what = (
            unit.misread,
            (
                "at line {line}, column {column} scopecheck's parser reads the code otherwise than "
                "JavaScript does (a `/` after a function body, `<!--`, or `yield` outside a generator)"
            ),
        )
    elif unit.escaped_name is not None:
        at, what = (
            unit.escaped_name,
            (
                "the name at line {line}, column {column} is spelled with a `\\u` escape, which "
                "scopecheck does not read"
            ),
        )
    else:
        return None
    span = unit.positions.span(at)
    why = "was not analysed whole: " + what.format(line=span.line, column=span.column)
    return ParseProblem(unit.file.display, why, skipped=True)


def _order(item: ApiCall | Fetch | ScopeNeed) -> tuple[str, int, int]:
    span = item.span
    return (span.path, span.line, span.column)
