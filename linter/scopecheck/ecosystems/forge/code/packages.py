"""Third-party packages the app's code imports that may call Forge APIs themselves.

A package that depends on `@forge/api` (or `@forge/bridge`, `@forge/kvs`...) can make product
requests or use storage inside its own code, which scopecheck does not read. Whether an
imported package does is read from its `package.json` in `node_modules`, or from a lockfile
(`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`) in the app's folder or a folder above
it (a monorepo hoists them); a package known from neither is taken by its name (one with
`forge` in it may). Each such import becomes a call that could need any scope, so
unused-scope findings stay unsure and name the package. Nothing is run and nothing is fetched.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from scopecheck.core.findings import Span
from scopecheck.ecosystems.forge.code.js.import_syntax import IMPORT_GAP, IMPORT_HEAD

#: the Forge packages through which code reaches product APIs or storage
REACHING_PACKAGES = frozenset(
    {"@forge/api", "@forge/bridge", "@forge/kvs", "@forge/storage", "@forge/react", "@forge/ui"}
)
#: how many folders above the app are searched for node_modules and the lockfile
PARENT_LEVELS = 3
_BARE_IMPORT = re.compile(
    IMPORT_HEAD + IMPORT_GAP + rb"""['"]((?:node:)?(?:@[\w.-]+/)?[\w.-]+)(?:/[^'"\n]*)?['"]""", re.M
)


def imported_packages(data: bytes) -> list[tuple[str, int]]:
    """(package, byte offset) of each bare import in a file: `lodash/get` -> `lodash`."""
    return [
        (m.group(1).decode("utf-8", "replace"), m.start(1))
        for m in _BARE_IMPORT.finditer(data)
        if not m.group(1).startswith(b".")  # `./App`: a file of the app, not a package
    ]


#: words in a package's name that say it is made for Forge or an Atlassian product (a
#: `compass-kit` may hand out a Compass client built on Forge)
_ATLASSIAN_WORDS = ("forge", "atlassian", "jira", "confluence", "compass", "bitbucket")


def forge_reaching(packages: Iterable[str], app_dir: Path, extra: Sequence[str] = ()) -> dict[str, str]:
    """The imported packages that may call Forge APIs, each with why ("depends on @forge/api")."""
    graph = DependencyGraph.of(app_dir, extra)
    found: dict[str, str] = {}
    for name in sorted(set(packages)):
        if name.startswith("@forge/") or name == "@atlassian/forge-graphql":
            continue  # modelled by the analysis itself
        if name.startswith("@types/") or name.endswith(("-types", "/types")):
            continue  # type declarations run nothing
        closure = graph.closure(name)
        if closure is not None:
            reaching = sorted(REACHING_PACKAGES & closure)
            if reaching:
                found[name] = f"depends on {reaching[0]}"
            elif graph.incomplete(name):
                found[name] = "depends on packages that are not installed or listed in a lockfile"
        elif name in graph.local:
            found[name] = (
                f"is a package of the repository (`{graph.local[name][1]}`) whose package.json was not found"
            )
        elif any(word in name.lower() for word in _ATLASSIAN_WORDS):
            found[name] = "is not installed, and its name says it is made for Forge or Atlassian products"
    return found


#: dependency versions that name a folder of the repository, not a published package
LOCAL_VERSIONS = ("file:", "link:", "portal:", "workspace:")


#: how many packages a dependency closure visits at most
MAX_CLOSURE = 400


class DependencyGraph:
    """Package -> its dependencies, from `node_modules` and the lockfiles (a workspace
    package, `link: true`, reads the package.json it points to)."""

    def __init__(
        self,
        folders: list[Path],
        locks: list[tuple[Path, dict]],
        listed: list[dict[str, list[str]]] | None = None,
        local: dict[str, tuple[Path | None, str]] | None = None,
    ) -> None:
        self.folders = folders
        self.locks = locks
        #: what yarn.lock and pnpm-lock.yaml files list (package -> dependencies)
        self.listed = listed or []
        #: dependencies the package.json files list as folders of the repository (`file:../lib`):
        #: name -> (the folder, when the version names one; the version as written)
        self.local = local or {}
        self._known: dict[str, list[str] | None] = {}
        self._uses: dict[Path, frozenset[str]] = {}
        self._declared: frozenset[str] | None = None

    def source_uses(self, folder: Path) -> frozenset[str]:
        """`local_source_uses`, read once per run."""
        if folder not in self._uses:
            self._uses[folder] = local_source_uses(folder)
        return self._uses[folder]

    @classmethod
    def of(cls, app_dir: Path, extra: Sequence[str] = ()) -> DependencyGraph:
        """From the app folder, the folders above it and `extra` (front ends read from outside
        the app folder, with node_modules and lockfiles of their own)."""
        from scopecheck.ecosystems.forge.code.lockfiles import read_lockfiles

        folders = [app_dir, *list(app_dir.parents)[:PARENT_LEVELS], *(Path(e) for e in extra)]
        locks = []
        listed = []
        for folder in folders:
            data = read_json(folder / "package-lock.json")
            packages = data.get("packages") if isinstance(data, dict) else None
            if isinstance(packages, dict):
                locks.append((folder, packages))
            other = read_lockfiles(folder)
            if other is not None:
                listed.append(other)
        return cls(folders, locks, listed, local_packages(folders))

    def dependencies(self, name: str) -> list[str] | None:
        if name not in self._known:
            found = _installed(name, self.folders)
            for folder, packages in self.locks:
                if found is not None:
                    break
                # every copy of the package, nested ones too (another version may be installed
                # under a package that needs it)
                suffix = f"node_modules/{name}"
                entries = [
                    entry for key, entry in packages.items() if key == suffix or key.endswith("/" + suffix)
                ]
                for entry in entries:
                    if (
                        isinstance(entry, dict)
                        and entry.get("link")
                        and isinstance(entry.get("resolved"), str)
                    ):
                        target = packages.get(entry["resolved"])
                        linked = read_json(folder / entry["resolved"] / "package.json")
                        entry = target if isinstance(target, dict) else linked
                    if isinstance(entry, dict):
                        found = [*(found or []), *_dependency_names(entry)]
            for listed in self.listed:
                if name in listed:
                    found = [*(found or []), *listed[name]]
            local_folder, _version = self.local.get(name, (None, ""))
            if found is not None and local_folder is not None and "forge" in self.source_uses(local_folder):
                found = [*found, "@forge/api"]  # installed (a link), but its own code is what runs
            if found is None and local_folder is None:
                found = self._own_package(name)
            if found is None and local_folder is not None:
                data = read_json(local_folder / "package.json")
                if isinstance(data, dict):
                    # a folder of the repository: its devDependencies are installed with it (a
                    # workspace hoists them), and its own code shows what it imports and calls
                    found = [*_dependency_names(data), *_names(data.get("devDependencies"))]
                    if "forge" in self.source_uses(local_folder):
                        found.append("@forge/api")
            self._known[name] = found
        return self._known[name]

    def _own_package(self, name: str) -> list[str] | None:
        """The dependencies of the package a package.json of the app or a folder above it is,
        when it is `name` (an example app importing its repository's package by name)."""
        for folder in self.folders:
            data = read_json(folder / "package.json")
            if isinstance(data, dict) and data.get("name") == name:
                return [*_dependency_names(data), *_names(data.get("devDependencies"))]
        return None

    def declared(self, name: str) -> bool:
        """Whether `name` is a package the app can load: installed, in a lockfile, listed by a
        package.json of the app or a folder above it, or the package such a package.json is
        (the repository's own package, which its examples import by name) (an import of anything
        else is a path alias of the app's own files, `@src/shared`, or a package that is not
        installed)."""
        if self._declared is None:
            found: set[str] = set()
            for folder in self.folders:
                data = read_json(folder / "package.json")
                if isinstance(data, dict):
                    found.update(_dependency_names(data), _names(data.get("devDependencies")))
                    if isinstance(data.get("name"), str):
                        found.add(data["name"])
            self._declared = frozenset(found)
        return name in self._declared or self.dependencies(name) is not None

    def local_sends(self, name: str) -> bool:
        """Whether `name` is a folder of the repository whose code sends requests itself."""
        folder, _version = self.local.get(name, (None, ""))
        return folder is not None and "requests" in self.source_uses(folder)

    def incomplete(self, name: str) -> bool:
        """Whether the walk stopped at its limit, or, without a lockfile (node_modules alone,
        perhaps laid out by pnpm or nested), some package `name` depends on was not found: what
        it does is then not known. With a lockfile, a package it does not list is not installed."""
        closure = self.closure(name) or frozenset()
        if len(closure) >= MAX_CLOSURE:
            return True
        # yarn and pnpm lockfiles do not list workspace packages: only package-lock.json says
        # that a package it does not list is not installed
        return not self.locks and any(self.dependencies(other) is None for other in closure)

    def closure(self, name: str) -> frozenset[str] | None:
        """Every package `name` depends on, directly or not (None when `name` is unknown)."""
        first = self.dependencies(name)
        if first is None:
            return None
        seen: set[str] = set()
        stack = list(first)
        while stack and len(seen) < MAX_CLOSURE:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack.extend(self.dependencies(current) or ())
        return frozenset(seen)


def local_packages(folders: Sequence[Path]) -> dict[str, tuple[Path | None, str]]:
    """The dependencies package.json files list as folders of the repository: name ->
    (that folder, when it is found: named by a `file:`, `link:` or `portal:` version, or a
    `workspace:` package found by `_workspace_folder`; the version as written)."""
    found: dict[str, tuple[Path | None, str]] = {}
    for folder in folders:
        data = read_json(folder / "package.json")
        if not isinstance(data, dict):
            continue
        for field in ("dependencies", "optionalDependencies", "devDependencies"):
            value = data.get(field)
            if not isinstance(value, dict):
                continue
            for name, version in value.items():
                if isinstance(version, str) and version.startswith(LOCAL_VERSIONS):
                    path = version.split(":", 1)[1]
                    target = (
                        _workspace_folder(str(name), folders)
                        if version.startswith("workspace:")
                        else folder / path
                    )
                    found.setdefault(str(name), (target, version))
    return found


def _workspace_folder(name: str, folders: Sequence[Path]) -> Path | None:
    """The folder of the workspace package `name`: where a node_modules link points, or a
    folder one or two levels below a folder above the app whose package.json has that name."""
    for folder in folders:
        link = folder / "node_modules" / name
        if link.is_dir():
            return link.resolve()
    seen = 0
    for folder in folders[1:]:
        for candidate in sorted([*folder.glob("*/package.json"), *folder.glob("*/*/package.json")]):
            seen += 1
            if seen > _MAX_SOURCE_FILES:
                return None
            if "node_modules" in candidate.parts:
                continue
            data = read_json(candidate)
            if isinstance(data, dict) and data.get("name") == name:
                return candidate.parent
    return None


def _installed(name: str, folders: Sequence[Path]) -> list[str] | None:
    for folder in folders:
        manifest = folder / "node_modules" / name / "package.json"
        data = read_json(manifest)
        if isinstance(data, dict):
            return _dependency_names(data)
    return None


def _names(value: object) -> list[str]:
    return [str(name) for name in value] if isinstance(value, dict) else []


#: what a repository package's code shows: it imports a Forge package, it sends requests
_SOURCE_USES = (
    (re.compile(rb"""['"]@forge/[\w-]+['"]"""), "forge"),
    (
        re.compile(
            rb"\bfetch\s*\(|\bXMLHttpRequest\b|\bhttps?\s*\.\s*(?:request|get)\s*\(|\bnavigator\s*\.\s*sendBeacon\b"
            rb"""|['"](?:axios|got|undici|node-fetch|cross-fetch|superagent|ky)['"]"""
        ),
        "requests",
    ),
)
_SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
#: how much of a repository package's code is read for that
_MAX_SOURCE_FILES = 400
_MAX_SOURCE_BYTES = 1024 * 1024


def local_source_files(folders: Iterable[Path]) -> list[str]:
    """The code files of repository packages that `local_source_uses` reads (at most one past
    the limit of each folder, which says the limit was reached)."""
    found: list[str] = []
    for folder in folders:
        seen = 0
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in ("node_modules", ".git"))
            for file_name in sorted(names):
                if file_name.endswith(_SOURCE_SUFFIXES) and not file_name.endswith(".d.ts"):
                    found.append(os.path.join(root, file_name))
                    seen += 1
                    if seen > _MAX_SOURCE_FILES:
                        break
            if seen > _MAX_SOURCE_FILES:
                break
    return found


def local_source_uses(folder: Path) -> frozenset[str]:
    """What a repository package's own code shows: "forge" when it imports a Forge package,
    "requests" when it calls `fetch` or makes HTTP requests. Its node_modules are not read;
    past the limit, both are assumed."""
    paths = local_source_files([folder])
    if len(paths) > _MAX_SOURCE_FILES:
        return frozenset(uses for _pattern, uses in _SOURCE_USES)
    found: set[str] = set()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read(_MAX_SOURCE_BYTES)
        except OSError:
            continue
        found.update(uses for pattern, uses in _SOURCE_USES if pattern.search(data))
    return frozenset(found)


def _dependency_names(entry: dict) -> list[str]:
    """Every dependency's name, and the real package behind an alias (`"fapi": "npm:@forge/api@3"`)."""
    names: list[str] = []
    for field in ("dependencies", "optionalDependencies", "peerDependencies"):
        value = entry.get(field)
        if isinstance(value, dict):
            for name, spec in value.items():
                names.append(str(name))
                if isinstance(spec, str) and spec.startswith("npm:"):
                    names.append(_alias_target(spec))
    return names


def _alias_target(spec: str) -> str:
    """`npm:@forge/api@^3.0.0` -> `@forge/api`."""
    spec = spec.removeprefix("npm:")
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


def read_json(path: Path | str) -> object:
    """A JSON file's value, or None when it is missing, too big or not JSON."""
    try:
        if os.path.getsize(path) > 64 * 1024 * 1024:
            return None
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def import_span(display: str, data: bytes, offset: int, length: int) -> Span:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return Span(display, line, column, line, column + length, offset, offset + length)


#: packages that send requests to hosts of their own or of the caller's choosing, which the
#: analysis does not follow: HTTP clients, analytics, error reporting and search SDKs
REQUESTING_PACKAGES = frozenset(
    {
        "axios", "got", "ky", "superagent", "request", "needle", "ofetch", "redaxios", "wretch",
        "posthog-js", "posthog-node", "mixpanel", "mixpanel-browser", "amplitude-js",
        "analytics-node", "algoliasearch", "launchdarkly-js-client-sdk", "launchdarkly-node-server-sdk",
        "openai", "@anthropic-ai/sdk", "@octokit/rest", "@octokit/core", "@slack/web-api",
        "octokit", "stripe", "twilio", "jquery", "graphql-request", "urql", "firebase",
        "googleapis", "aws-sdk", "mailgun.js", "contentful", "airtable", "jira.js", "jira-client",
        "graphql-ws", "socket.io-client", "pusher-js", "ably", "@notionhq/client", "@linear/sdk",
        "@hubspot/api-client", "@supabase/supabase-js", "@apollo/client", "apollo-client",
        # clients that call the global `fetch` themselves (no transport dependency to see)
        "undici", "@google/generative-ai", "@google/genai", "groq-sdk", "cohere-ai", "replicate",
        "@huggingface/inference", "@mistralai/mistralai", "ollama", "ai", "langchain",
        "@pinecone-database/pinecone", "resend", "postmark", "@vercel/kv", "@upstash/redis",
        # Node's own network modules (`import https from 'https'`, `node:https`)
        "http", "https", "http2", "net", "tls", "dgram",
        # clients of a service, feature flags and error or usage reporting (review 27)
        "pocketbase", "@urql/core", "plausible-tracker", "rollbar", "flagsmith", "@stripe/stripe-js",
        "react-ga4", "react-ga", "bent", "simple-get", "jwks-rsa", "jose",
    }
)  # fmt: skip
REQUESTING_SCOPES = (
    "@segment/",
    "@amplitude/",
    "@sentry/",
    "@algolia/",
    "@datadog/",
    "@launchdarkly/",
    "@octokit/",
    "@aws-sdk/",
    "@google-cloud/",
    "@sendgrid/",
    "@mailchimp/",
    "@azure/",
    "@langchain/",
    "@ai-sdk/",
    "@google/",
    "@bugsnag/",
    "@growthbook/",
)
#: words in a package's name that say it talks to a service (`acme-sdk`, `foo-api-client`)
_REQUESTING_NAME = re.compile(r"(?:^|[-_/.@])(?:sdk|api-client|client|api)(?:$|[-_/.])")


#: what sends HTTP for a package that depends on it
TRANSPORTS = frozenset(
    {
        "axios",
        "node-fetch",
        "undici",
        "cross-fetch",
        "got",
        "ky",
        "superagent",
        "request",
        "isomorphic-fetch",
        "needle",
    }
)


#: packages known to send no request of their own (UI, data, formats, dates, validation, state),
#: and Node's modules that are not network ones: any other package the code imports may send
#: requests (with the global `fetch` or Node's `https`, which a lockfile does not show)
QUIET_PACKAGES = frozenset(
    {
        "react", "react-dom", "preact", "prop-types", "styled-components", "classnames", "clsx",
        "lodash", "lodash-es", "underscore", "ramda", "immer", "immutable", "redux",
        "react-redux", "zustand", "jotai", "mobx", "mobx-react", "mobx-react-lite", "recoil",
        "date-fns", "date-fns-tz", "dayjs", "moment", "moment-timezone", "luxon",
        "uuid", "nanoid", "zod", "yup", "joi", "ajv", "ajv-formats", "validator", "class-validator",
        "marked", "markdown-it", "dompurify", "isomorphic-dompurify", "sanitize-html", "he", "entities",
        "html-react-parser", "html-entities", "turndown", "showdown", "remark", "unified", "rehype",
        "csv-parse", "csv-stringify", "js-yaml", "yaml", "xml2js", "fast-xml-parser",
        "semver", "qs", "query-string", "crypto-js", "jsonwebtoken", "bcryptjs", "md5", "sha.js",
        "chart.js", "react-chartjs-2", "recharts", "react-select", "react-hook-form", "formik",
        "react-router", "react-router-dom", "i18next", "react-i18next", "tslib", "core-js",
        "regenerator-runtime", "i18next-browser-languagedetector", "jszip", "xlsx", "exceljs", "diff", "fuse.js", "lru-cache", "p-limit",
        "p-queue", "p-retry", "async", "bluebird", "react-beautiful-dnd", "@hello-pangea/dnd",
        "react-dnd", "react-dnd-html5-backend", "react-markdown", "highlight.js", "prismjs", "katex",
        "string-similarity", "pluralize", "slugify", "escape-html", "deepmerge", "fast-deep-equal",
        "json-stable-stringify", "jsonpath-plus", "mustache", "handlebars", "ejs",
        "lucide-react", "react-icons", "simple-icons", "sonner", "react-toastify", "framer-motion",
        "class-variance-authority", "tailwind-merge", "next-themes", "echarts", "echarts-for-react",
        "gojs", "tippy.js", "@tippyjs/react", "react-resizable-panels", "react-responsive",
        "parse-duration", "reflect-metadata", "inversify", "stream-json", "node-sql-parser",
        "typescript", "dotenv", "react-window", "react-virtualized", "react-datepicker",
        "react-color", "react-textarea-autosize", "react-table", "react-modal",
        # fetch packages the analysis reads as `fetch` itself
        "node-fetch", "cross-fetch", "isomorphic-fetch", "isomorphic-unfetch",
        # Node's own modules that do not reach the network
        "fs", "path", "crypto", "util", "url", "os", "events", "stream", "buffer", "zlib",
        "querystring", "assert", "string_decoder", "timers", "process", "readline", "perf_hooks",
        "async_hooks", "worker_threads",
    }
)  # fmt: skip
#: scopes of such packages (the Forge ones the analysis models itself, or that talk to Forge)
QUIET_SCOPES = (
    "@forge/", "@atlaskit/", "@emotion/", "@types/", "@babel/", "@mui/", "@chakra-ui/",
    "@radix-ui/", "@tanstack/react-table", "@fortawesome/", "@heroicons/", "@dnd-kit/", "d3-",
    "lodash.", "@date-io/", "@tiptap/", "@hookform/", "@testing-library/", "@storybook/",
)  # fmt: skip


#: packages that load a URL the app hands them (`Papa.parse(url, { download: true })`,
#: `d3.json(url)`, `ajax(url)` of `rxjs/ajax`, `fromFetch` of `rxjs/fetch`, Prism's
#: file-highlight): a request may go to a host the code names only as their argument
LOADS_URLS = frozenset({"papaparse", "d3", "d3-fetch", "d3-request", "rxjs", "prismjs"})


def known_quiet(name: str) -> bool:
    """Whether a package is known to send no request of its own."""
    name = name.removeprefix("node:")
    return name not in LOADS_URLS and (
        name in QUIET_PACKAGES
        or name.startswith(QUIET_SCOPES)
        or name.endswith(".css")  # `normalize.css`: a style sheet
        or name == "@atlassian/forge-graphql"
    )


def sends_requests(name: str, graph: DependencyGraph | None = None) -> bool:
    """Whether an imported package makes requests the analysis cannot see: a known client or
    SDK, or one that depends (at any depth) on an HTTP transport."""
    name = name.removeprefix("node:")
    if name in REQUESTING_PACKAGES or name.startswith(REQUESTING_SCOPES):
        return True
    if _REQUESTING_NAME.search(name) and not name.startswith(("@forge/", "@atlaskit/", "@types/")):
        return True
    if graph is not None and graph.local_sends(name):
        return True
    closure = graph.closure(name) if graph is not None else None
    if closure and "@forge/api" in closure and not name.startswith("@forge/"):
        return True  # it may send requests with @forge/api's `fetch`
    return bool(closure and closure & TRANSPORTS)
