"""What the app's code uses: product API calls, outbound fetches and other scope needs.

Filled by `analysis/js_usage.py` (tree-sitter over the app's JS/TS); read by
the SC4xx rules. Every item keeps the span of the call site the user wrote.
"""

from __future__ import annotations

from scopecheck.core.findings import Span
from scopecheck.core.records import record

#: the product of a call to the api.atlassian.com gateway (`requestAtlassian`, `requestGraph`,
#: Compass): platform scopes, not a product's REST API
GATEWAY = "atlassian"
#: the product of a call through a request function or package the analysis does not read:
#: it could need any scope
ANY_PRODUCT = "*"
#: the "product" of the app's own storage (`storage:app`): what a remote holding the app's
#: token or a package the analysis does not read may reach besides product APIs
STORAGE = "storage"


@record
class ApiCall:
    """One `requestJira` / `requestConfluence` / `requestBitbucket` call (possibly via a helper)."""

    product: str  # "jira" | "confluence" | "bitbucket"
    method: str | None  # "GET", "PUT"...; None when it cannot be known statically
    path: str | None  # e.g. "/rest/api/3/issue/{}/properties/{}"; `{}` = one dynamic segment;
    # query string removed; None when the path cannot be known statically
    span: Span  # the call site in the user's code (the caller, for helper functions)
    origin: str = "api"  # "api" (@forge/api backend) | "bridge" (@forge/bridge Custom UI)
    as_user: bool | None = None  # asUser() True, asApp() False, bridge/unknown None
    via: tuple[Span, ...] = ()  # helper calls between the call site and the real request
    reason: str | None = None  # why it is unresolved ("path is a variable", ...)
    #: why the call may not be made as read ("" when nothing is in doubt): SC401 is unsure
    doubt: str = ""

    @property
    def resolved(self) -> bool:
        return self.method is not None and self.path is not None


@record
class Fetch:
    """An outbound request to a host outside Atlassian: `fetch(url)`, `<Image src>`."""

    kind: str  # "fetch.backend" | "fetch.client" | "images"
    url: str | None  # the literal URL (template `${...}` parts as `{}`); None when unknown
    host: str | None  # lower-case host of `url`; None when unknown
    span: Span
    reason: str | None = None  # why it is unresolved
    #: an icon a `dynamicProperties` function returns: only `images` declares it (no Forge
    #: exemption); `icon_handler` names that function (`index.props`) when it is known
    dynamic_icon: bool = False
    icon_handler: str | None = None
    via: tuple[Span, ...] = ()  # helper calls between the call site and the real fetch
    #: the other kind it may be: "fetch.client" for a fetch in a file that front-end and
    #: back-end code both import (which side calls it is not known)
    also: str = ""
    #: why the request may never be made though its code runs ("" when nothing is in doubt:
    #: a `<script>` React renders, a font no text uses): SC403 is unsure
    doubt: str = ""

    def is_kind(self, kind: str) -> bool:
        return kind in (self.kind, self.also)


@record
class ScopeNeed:
    """A scope requirement that is not an HTTP call: storage, UI Kit hooks, NotificationApi."""

    alternatives: tuple[tuple[str, ...], ...]  # any one complete set satisfies it
    reason: str  # e.g. "storage.set", "useIssueProperty", "@forge/kvs"
    span: Span
    #: why the API may work without these scopes ("" when nothing is in doubt): SC401 is unsure
    doubt: str = ""


@record
class ParseProblem:
    """A source file the analysis could not read whole: a syntax error, or a file it skipped."""

    path: str
    message: str  # "syntax error at ...", or for a skipped file "was not analysed (...)"
    #: nothing of the file was analysed (too big, minified, unreadable): any call in it is
    #: unknown, so findings that need every call (SC402, SC404) are unsure
    skipped: bool = False

    def describe(self) -> str:
        """One sentence naming the file: `src/big.js was not analysed (1.2 MB, over ...)`."""
        return f"{self.path} {self.message}" if self.skipped else f"{self.path}: {self.message}"


@record
class Resolver:
    """A resolver function, `resolver.define(name, fn)`: its name and the function's range.
    why: how it is invoked only by code that never runs ("" when no code invokes it)."""

    name: str
    span: Span
    why: str = ""


@record
class Uncalled:
    """Code that never runs (`js/uncalled.py`): a function nothing in the code uses (every
    name it goes by), or a statement no path reaches (`why`: "it comes after a `return`")."""

    names: tuple[str, ...]
    span: Span
    why: str = ""


@record
class Usage:
    calls: tuple[ApiCall, ...] = ()
    fetches: tuple[Fetch, ...] = ()
    needs: tuple[ScopeNeed, ...] = ()
    files_scanned: int = 0
    problems: tuple[ParseProblem, ...] = ()
    #: files no manifest entry point (handler, resource) reaches through imports
    unreached: tuple[str, ...] = ()
    #: resolver functions defined under a name no code invokes (the manifest may still name one)
    uninvoked: tuple[Resolver, ...] = ()
    #: top-level functions no code uses (the manifest may still name one as a handler)
    uncalled: tuple[Uncalled, ...] = ()

    @property
    def skipped(self) -> tuple[ParseProblem, ...]:
        """The files not analysed at all: a call in one of them would not be known."""
        return tuple(p for p in self.problems if p.skipped)

    def skipped_text(self, limit: int = 2) -> str:
        """The files not analysed, for a message: `src/big.js was not analysed (1.2 MB, over
        the 512 KiB limit)`, then `and N more files were not analysed`."""
        skipped = self.skipped
        text = "; ".join(p.describe() for p in skipped[:limit])
        more = len(skipped) - limit
        if more > 0:
            text += f"; and {more} more file{'s' if more > 1 else ''} {'were' if more > 1 else 'was'} not analysed"
        return text
