"""What an extension's code does with the browser: `chrome.*`/`browser.*` uses, the hosts it
fetches, the scripts it injects and the permissions it asks for at run time, and every reason
the reading is incomplete (`gaps`).

`analyze` starts from what the manifest makes run (background, content scripts, popup,
options and other pages, with the `<script src>` of their HTML), follows relative imports,
`importScripts` and `scripting.executeScript({files})`, then reads the other JS/TS files of
the folder too. A use in a file nothing reaches still shows a permission is used, but is
not enough to say one is missing.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scopecheck.analysis.js.globals import Escape, GlobalUse, scan_globals, string_literal, text
from scopecheck.analysis.js.positions import Positions
from scopecheck.core.ecosystem import AnalysisRequest
from scopecheck.core.findings import Span
from scopecheck.core.records import record
from scopecheck.ecosystems.browser_extension.code import files as f
from scopecheck.ecosystems.browser_extension.model import Extension

if TYPE_CHECKING:
    from tree_sitter import Node

ROOTS = ("chrome", "browser")
#: packages whose default export is `browser` (`chrome` with promises): `browser.*` = `chrome.*`
POLYFILLS = ("webextension-polyfill", "webextension-polyfill-ts", "@types/webextension-polyfill")
#: listeners whose callback runs on a user gesture, which grants activeTab
GESTURES = re.compile(
    r"\b(?:action|browserAction|pageAction|contextMenus|menus|commands)\.on(?:Clicked|Command)\.addListener$"
)
_INJECT = {
    ("scripting", "executeScript"),
    ("scripting", "insertCSS"),
    ("tabs", "executeScript"),
    ("tabs", "insertCSS"),
    ("tabs", "captureVisibleTab"),
}
_FETCHERS = {
    "fetch",
    "window.fetch",
    "self.fetch",
    "globalThis.fetch",
    "axios",
    "axios.get",
    "axios.post",
    "axios.put",
    "axios.delete",
    "axios.request",
    "$.ajax",
    "$.get",
    "$.post",
    "$.getJSON",
    "jQuery.ajax",
}
_URL_HOST = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>[^/?#:]*)", re.IGNORECASE)


@record
class ApiUse:
    api: str  # `tabs.query` (the path below `chrome`/`browser`)
    span: Span
    called: bool
    certain: bool
    context: str  # files.BACKGROUND, CONTENT, PAGE, INJECTED or UNREACHED
    guarded: bool = False  # optional chaining or the file tests the API exists first


@record
class HostNeed:
    """Something the code does that needs host access: `host` None when it cannot be known."""

    what: str  # "fetch", "executeScript", "webRequest filter", "cookies"...
    host: str | None
    span: Span
    gesture: bool = False  # runs on a user gesture (activeTab would grant it)
    #: sends data of its own: a body, a beacon, a socket, or a URL built at run time
    carries: bool = False


@record
class RuntimeRequest:
    """`permissions.request({permissions, origins})`: the literal names, or dynamic."""

    permissions: tuple[str, ...]
    origins: tuple[str, ...]
    span: Span
    dynamic: bool


@record
class ExtensionUsage:
    uses: tuple[ApiUse, ...]
    escapes: tuple[tuple[Escape, str], ...]  # (escape, file context)
    hosts: tuple[HostNeed, ...]
    requests: tuple[RuntimeRequest, ...]
    #: reasons the code could not be read completely; empty: every file that runs was read
    gaps: tuple[str, ...]
    #: all code text read, for the non-API signals (`_favicon`, `execCommand('copy')`)
    text: str
    files: int
    manifest_keys: frozenset[str]
    fetches: tuple[Any, ...] = ()
    #: permissions a sibling manifest of the same code declares (`manifest.firefox.json` next
    #: to `manifest.chromium.json`): name -> that manifest's file name. Code shared between
    #: browsers often calls an API only for the browser whose manifest asks for it.
    sibling_permissions: dict[str, str] = field(default_factory=dict)
    #: every request to a server the code makes, in any context (content scripts too):
    #: fetch, XMLHttpRequest, `navigator.sendBeacon`, WebSocket, EventSource
    sends: tuple[HostNeed, ...] = ()

    def uses_of(self, api: str) -> list[ApiUse]:
        return [u for u in self.uses if u.api == api or u.api.startswith(api + ".")]


class _Run:
    def __init__(self, extension: Extension, request: AnalysisRequest) -> None:
        self.extension = extension
        self.cwd = os.path.abspath(request.cwd)
        self.root = os.path.dirname(os.path.abspath(os.path.join(self.cwd, request.app_file)))
        self.not_app_code = request.not_app_code
        self.budget = [0]
        self.contexts: dict[str, set[str]] = {}
        self.reads: dict[str, f.Read] = {}
        self.gaps: list[str] = []
        self.queue: list[tuple[str, str]] = []
        self.pages: set[str] = set()
        self.inline: dict[str, bytes] = {}
        self.import_edges: dict[str, list[tuple[str, str]]] = {}

    def display(self, key: str) -> str:
        prefix = self.cwd.rstrip(os.sep) + os.sep
        return key[len(prefix) :].replace(os.sep, "/") if key.startswith(prefix) else key

    def reach(self, key: str, context: str, named_by: str) -> None:
        if not os.path.isfile(key):
            self.gaps.append(
                f"{named_by} names `{self.display(key)}`, which does not exist (a build output?)"
            )
            return
        if key.endswith((".html", ".htm")):
            if key in self.pages:
                return
            self.pages.add(key)
            try:
                page = Path(key).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                self.gaps.append(f"`{self.display(key)}` cannot be read ({exc.strerror})")
                return
            for script, inline, written in f.html_scripts(key, page, self.root):
                if inline is not None:
                    virtual = f"{key}{written}"
                    self.inline[virtual] = inline.encode("utf-8")
                    self.add(virtual, context)
                elif script is None:
                    if "://" in written or written.startswith("//"):
                        self.gaps.append(f"`{self.display(key)}` loads a remote script ({written})")
                    else:
                        self.gaps.append(
                            f"`{self.display(key)}` loads `{written}`, which is outside the extension"
                        )
                else:
                    self.reach(script, context, f"`{self.display(key)}`")
            return
        self.add(key, context)

    def add(self, key: str, context: str) -> None:
        known = self.contexts.setdefault(key, set())
        if context not in known:
            known.add(context)
            self.queue.append((key, context))

    def read(self, key: str) -> f.Read:
        found = self.reads.get(key)
        if found is None:
            if key in self.inline:
                found = f.code_bytes(key, self.display(key.split("#")[0]), "javascript", self.inline[key])
            else:
                found = f.read_code(key, self.display(key), self.budget)
            self.reads[key] = found
            if found.problem is not None:
                self.gaps.append(f"`{found.display}` {found.problem}")
        return found


def analyze(request: AnalysisRequest, catalog: Any) -> ExtensionUsage:
    import tree_sitter

    from scopecheck.analysis.js.languages import language_pointer

    extension: Extension = request.app
    run = _Run(extension, request)
    for written, context, named_by in f.manifest_entries(extension, run.root):
        target = f.resolve_in_extension(run.root, run.root, written)
        if target is None:
            run.gaps.append(f"{named_by} names `{written}`, outside the extension")
        else:
            run.reach(target, context, named_by)
    others = list(f.other_sources(run.root, run.not_app_code))
    for key in others:
        if key.endswith(".html"):
            run.reach(key, f.PAGE, f"`{run.display(key)}`")
    parsers: dict[str, Any] = {}
    parsed: dict[str, tuple[Any, Positions, f.Read]] = {}
    scans: dict[str, Any] = {}

    def parse(key: str) -> tuple[Any, Positions, f.Read] | None:
        if key in parsed:
            return parsed[key]
        read = run.read(key)
        if read.data is None:
            return None
        parser = parsers.get(read.language)
        if parser is None:
            parser = parsers[read.language] = tree_sitter.Parser(
                tree_sitter.Language(language_pointer(read.language))
            )
        tree = parser.parse(read.data)
        if tree.root_node.has_error:
            line = _first_error_line(tree.root_node)
            run.gaps.append(f"`{read.display}` does not parse (line {line})")
        parsed[key] = (tree, Positions(read.display, read.data), read)
        return parsed[key]

    def follow(key: str, context: str) -> None:
        got = parse(key)
        if got is None:
            return
        tree, positions, read = got
        scan = scan_globals(tree.root_node, positions, ROOTS, polyfills=POLYFILLS)
        scans[key] = scan
        base = os.path.dirname(key.split("#")[0])
        for use in scan.uses:  # the files `executeScript({files})` injects run too
            _runtime(use, context, [], [], run)
        for spec, _name in set(scan.imports.values()) | set(_side_imports(tree.root_node)):
            _import(run, key, base, spec, context, read.display)
        for node in _calls(tree.root_node):
            function = node.child_by_field_name("function")
            name = text(function)
            if name in ("importScripts", "self.importScripts"):
                for arg in _args(node):
                    value = string_literal(arg)
                    target = f.resolve_in_extension(run.root, base, value) if value else None
                    if target is None:
                        run.gaps.append(
                            f"`{read.display}` calls importScripts with a value that cannot be read"
                        )
                    else:
                        run.reach(target, context, f"`{read.display}`")
            elif function is not None and function.type == "import":
                value = string_literal(_args(node)[0]) if _args(node) else None
                if value is None:
                    run.gaps.append(f"`{read.display}` imports a module named at run time")
                else:
                    _import(run, key, base, value, context, read.display)

    while run.queue:
        key, context = run.queue.pop(0)
        follow(key, context)
    for key in others:
        if not key.endswith(".html") and key not in run.contexts:
            run.add(key, f.UNREACHED)
    while run.queue:
        key, context = run.queue.pop(0)
        follow(key, context)
    # a second look where a file imports a name another file binds to the API
    exported = {key: scan.exports for key, scan in scans.items() if scan.exports}
    if exported:
        for key, scan in list(scans.items()):
            imported: dict[str, tuple[str, ...]] = {}
            base = os.path.dirname(key.split("#")[0])
            for local, (spec, name) in scan.imports.items():
                if spec.startswith("."):
                    target = f.find_module(base, spec)
                    if target in exported and name in exported[target]:
                        imported[local] = exported[target][name]
            if imported:
                tree, positions, _read = parsed[key]
                scans[key] = scan_globals(
                    tree.root_node, positions, ROOTS, polyfills=POLYFILLS, imported=imported
                )

    uses: list[ApiUse] = []
    escapes: list[tuple[Escape, str]] = []
    hosts: list[HostNeed] = []
    requests: list[RuntimeRequest] = []
    texts: list[str] = []
    sends: list[HostNeed] = []
    for key, scan in scans.items():
        context = _context(run.contexts.get(key, {f.UNREACHED}))
        tree, positions, read = parsed[key]
        texts.append(read.data.decode("utf-8", "replace") if read.data else "")
        guarded = {u.path for u in scan.uses if not u.called}
        for use in scan.uses:
            uses.append(_api_use(use, context, guarded))
            _runtime(use, context, hosts, requests, run)
        escapes.extend((e, context) for e in scan.escapes)
        fetched = _fetches(tree.root_node, positions)
        sends.extend(fetched)
        if context in (f.BACKGROUND, f.PAGE):
            hosts.extend(fetched)
        if any(c == f.PAGE and _is_popup(run, key) for c in run.contexts.get(key, ())):
            hosts[:] = [
                HostNeed(h.what, h.host, h.span, True)
                if h.span.path == read.display and h.what in _INJECT_WORDS
                else h
                for h in hosts
            ]
    return ExtensionUsage(
        uses=tuple(uses),
        escapes=tuple(escapes),
        hosts=tuple(hosts),
        requests=tuple(requests),
        gaps=tuple(dict.fromkeys(run.gaps)),
        text="\n".join(texts),
        files=len(scans),
        manifest_keys=_manifest_keys(extension),
        sends=tuple(sends),
        sibling_permissions=_sibling_permissions(request.app_file),
    )


_INJECT_WORDS = frozenset(
    {
        "scripting.executeScript",
        "scripting.insertCSS",
        "tabs.executeScript",
        "tabs.insertCSS",
        "tabs.captureVisibleTab",
    }
)


def _is_popup(run: _Run, key: str) -> bool:
    popups = {
        f.resolve_in_extension(run.root, run.root, page.value)
        for label, page in run.extension.pages
        if label == "popup"
    }
    for page in popups:
        if page is None or not os.path.isfile(page):
            continue
        try:
            html = Path(page).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for script, _inline, _written in f.html_scripts(page, html, run.root):
            if script == key:
                return True
        if key.startswith(page + "#"):
            return True
    return False


def _context(contexts: set[str]) -> str:
    for context in (f.BACKGROUND, f.PAGE, f.CONTENT, f.INJECTED, f.UNREACHED):
        if context in contexts:
            return context
    return f.UNREACHED


def _api_use(use: GlobalUse, context: str, guarded: set[tuple[str, ...]]) -> ApiUse:
    node = use.node
    chain = text(node.child_by_field_name("function") if use.called else node)
    tested = any(use.path[: len(p)] == p and p and len(p) < len(use.path) for p in guarded)
    return ApiUse(".".join(use.path), use.span, use.called, use.certain, context, "?." in chain or tested)


def _runtime(
    use: GlobalUse, context: str, hosts: list[HostNeed], requests: list[RuntimeRequest], run: _Run
) -> None:
    """The arguments that matter of one call: what `permissions.request` asks, which hosts
    `executeScript`, `webRequest` and `cookies` reach, which files `executeScript` injects."""
    if not use.called or not use.path:
        return
    path = use.path
    args = _args(use.node)
    api = ".".join(path)
    if path == ("permissions", "request"):
        first = args[0] if args else None
        names = _string_array(first, "permissions")
        origins = _string_array(first, "origins")
        dynamic = first is None or first.type != "object" or names is None or origins is None
        requests.append(RuntimeRequest(tuple(names or ()), tuple(origins or ()), use.span, dynamic))
    elif path[:2] in _INJECT:
        gesture = _in_gesture(use.node)
        hosts.append(HostNeed(api, None, use.span, gesture))
        first = args[0] if args else None
        for name in (*(_string_array(first, "files") or ()), *(_string_array(first, "file") or ())):
            target = f.resolve_in_extension(run.root, run.root, name)
            if target is not None:
                run.reach(target, f.INJECTED, f"`{use.span.path}`")
        single = _property(first, "file")
        value = string_literal(single) if single is not None else None
        if value:
            target = f.resolve_in_extension(run.root, run.root, value)
            if target is not None:
                run.reach(target, f.INJECTED, f"`{use.span.path}`")
    elif path[:2] == ("scripting", "registerContentScripts"):
        first = args[0] if args else None
        items = first.named_children if first is not None and first.type == "array" else []
        literal = bool(items)
        for item in items:
            matches = _string_array(item, "matches")
            if matches is None:
                literal = False
            for pattern in matches or ():
                hosts.append(HostNeed("registerContentScripts", pattern, use.span))
            for name in _string_array(item, "js") or ():
                target = f.resolve_in_extension(run.root, run.root, name)
                if target is not None:
                    run.reach(target, f.INJECTED, f"`{use.span.path}`")
        if not literal:
            hosts.append(HostNeed("registerContentScripts", None, use.span))
    elif path[0] == "webRequest" and path[-1] == "addListener":
        filter_ = args[1] if len(args) > 1 else None
        urls = _string_array(filter_, "urls")
        if urls is None:
            hosts.append(HostNeed("webRequest", None, use.span))
        for pattern in urls or ():
            hosts.append(HostNeed("webRequest", pattern, use.span))
    elif path[0] == "cookies" and context != f.UNREACHED:
        hosts.append(HostNeed("cookies", None, use.span))
    elif path[0] == "declarativeNetRequest" and context != f.UNREACHED:
        hosts.append(HostNeed("declarativeNetRequest", None, use.span))


def _sibling_permissions(app_file: Path) -> dict[str, str]:
    """What the other manifests of the folder (per-browser variants of the same extension)
    declare: permission names and host patterns, required or optional."""
    from scopecheck.ecosystems.browser_extension import detect
    from scopecheck.ecosystems.browser_extension.adapter import read_extension
    from scopecheck.source.files import SourceText
    from scopecheck.source.json_nodes import parse_json

    found: dict[str, str] = {}
    try:
        siblings = sorted(p for p in app_file.parent.iterdir() if p != app_file and detect(p))
    except OSError:
        return found
    for sibling in siblings:
        try:
            text = sibling.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        other, _problems = read_extension(parse_json(SourceText.from_text(sibling, sibling.name, text)))
        if other is None:
            continue
        for value in (*other.all_permissions(), *other.all_hosts()):
            found.setdefault(value.value, sibling.name)
    return found


def _in_gesture(node: Node) -> bool:
    """Whether `node` sits in a callback given to `action.onClicked.addListener` and the like."""
    current = node.parent
    while current is not None:
        if current.type in ("arrow_function", "function_expression", "function"):
            holder = current.parent
            if holder is not None and holder.type == "arguments" and holder.parent is not None:
                callee = holder.parent.child_by_field_name("function")
                if callee is not None and GESTURES.search(text(callee)):
                    return True
        current = current.parent
    return False


def _fetches(root: Node, positions: Positions) -> list[HostNeed]:
    """Every request to a server: `fetch` and the libraries like it, `xhr.open(method, url)`,
    `navigator.sendBeacon(url, data)`, `new WebSocket(url)`, `new EventSource(url)`."""
    found: list[HostNeed] = []
    for node in _calls(root):
        name = text(node.child_by_field_name("function"))
        args = _args(node)
        url_node = None
        carries = False
        what = "fetch"
        if name in _FETCHERS and args:
            url_node = args[0]
            options = args[1] if len(args) > 1 else args[0] if args[0].type == "object" else None
            method = string_literal(_property(options, "method")) if options is not None else None
            carries = (
                name.endswith((".post", ".put"))
                or (options is not None and _property(options, "body") is not None)
                or (options is not None and _property(options, "data") is not None)
                or (method is not None and method.upper() not in ("GET", "HEAD"))
            )
        elif name.endswith("sendBeacon") and args:
            url_node, carries, what = args[0], True, "sendBeacon"
        elif (
            name.endswith(".open")
            and len(args) >= 2
            and string_literal(args[0]) in ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "get", "post")
        ):
            url_node, what = args[1], "XMLHttpRequest"
            carries = (string_literal(args[0]) or "").upper() not in ("GET", "HEAD")
        else:
            continue
        if url_node.type == "object":
            url_node = _property(url_node, "url")
        carries = carries or (url_node is not None and url_node.type not in ("string", "template_string"))
        carries = carries or (url_node is not None and "${" in text(url_node))
        found.append(HostNeed(what, _host_of(url_node), positions.span(node), carries=carries))
    for node in _walk_type(root, "new_expression"):
        constructor = text(node.child_by_field_name("constructor"))
        if constructor in ("WebSocket", "EventSource"):
            args = _args(node)
            found.append(
                HostNeed(
                    constructor,
                    _host_of(args[0] if args else None),
                    positions.span(node),
                    carries=constructor == "WebSocket",
                )
            )
    return found


def _host_of(node: Node | None) -> str | None:
    """The host a URL expression names: a literal, or a template whose fixed start names it.
    A relative URL is the extension's own ("" : no host needed)."""
    if node is None:
        return None
    value = string_literal(node)
    if value is None and node.type == "template_string":
        value = text(node)[1:].split("${", 1)[0]
        if "://" not in value or "/" not in value.split("://", 1)[1]:
            return None
    if value is None:
        if node.type == "call_expression" and text(node.child_by_field_name("function")).endswith(
            ("runtime.getURL", "extension.getURL")
        ):
            return ""
        return None
    match = _URL_HOST.match(value)
    if match is None:
        return "" if "://" not in value else None
    if match.group("scheme").lower() not in ("http", "https", "ws", "wss"):
        return ""
    return match.group("host").lower() or None


def _import(run: _Run, key: str, base: str, spec: str, context: str, display: str) -> None:
    if spec.startswith((".", "/")):
        target = (
            f.find_module(base, spec)
            if spec.startswith(".")
            else f.resolve_in_extension(run.root, run.root, spec)
        )
        if target is None or not os.path.isfile(target):
            suffix = os.path.splitext(spec)[1]
            if suffix and suffix not in (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".mts", ".cts"):
                return  # a stylesheet, JSON, an image: not code
            run.gaps.append(f"`{display}` imports `{spec}`, which was not found")
            return
        if os.path.splitext(target)[1] not in f.LANGUAGE_BY_SUFFIX:
            return
        run.add(target, context)
    elif spec in POLYFILLS:
        return
    else:
        name = spec.split("?")[0]
        if name.endswith((".css", ".scss", ".json", ".svg", ".png", ".html")) or name.startswith("data:"):
            return
        run.gaps.append(f"`{display}` imports the package `{spec}`, which was not read")


def _manifest_keys(extension: Extension) -> frozenset[str]:
    from scopecheck.source.json_nodes import parse_json
    from scopecheck.source.yaml_nodes import Mapping

    doc = parse_json(extension.source)
    root = doc.root
    return frozenset(key for key, _k, _v in root.items()) if isinstance(root, Mapping) else frozenset()


def _calls(root: Node) -> list[Node]:
    return list(_walk_type(root, "call_expression"))


def _walk_type(root: Node, kind: str) -> list[Node]:
    found: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == kind:
            found.append(node)
        stack.extend(node.children)
    return found


def _side_imports(root: Node) -> list[tuple[str, str]]:
    """`import "./x.js"` and `export ... from "./x"`: modules loaded without a binding."""
    found: list[tuple[str, str]] = []
    for node in root.children:
        if node.type in ("import_statement", "export_statement"):
            source = string_literal(node.child_by_field_name("source"))
            if source is not None:
                found.append((source, ""))
    return found


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [c for c in args.named_children if c.type != "comment"] if args is not None else []


def _property(obj: Node | None, name: str) -> Node | None:
    if obj is None or obj.type != "object":
        return None
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            key_text = string_literal(key) if key is not None and key.type == "string" else text(key)
            if key_text == name:
                return pair.child_by_field_name("value")
    return None


def _string_array(obj: Node | None, name: str) -> list[str] | None:
    """The strings of `{name: ["a", "b"]}`: [] when the key is absent, None when not literal."""
    if obj is None or obj.type != "object":
        return None
    if any(c.type in ("spread_element", "shorthand_property_identifier") for c in obj.named_children):
        return None
    value = _property(obj, name)
    if value is None:
        return []
    if value.type != "array":
        single = string_literal(value)
        return [single] if single is not None else None
    items = [string_literal(item) for item in value.named_children if item.type != "comment"]
    return None if any(item is None for item in items) else [i for i in items if i is not None]


def _first_error_line(node: Node) -> int:
    stack = [node]
    while stack:
        current = stack.pop(0)
        if current.type == "ERROR" or current.is_missing:
            return current.start_point[0] + 1
        stack.extend(c for c in current.children if c.has_error or c.is_missing)
    return node.start_point[0] + 1
