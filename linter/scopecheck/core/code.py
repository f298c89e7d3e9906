"""What an app's code does, in a view every ecosystem can give and the claims can read.

An ecosystem with code analysis (Forge) turns its own findings into `CodeView`: each product
API call the code makes (through helpers and SDK wrappers too), with its method and path
template, or why either is not known. `scopecheck.claims` reads it; nothing here names an
ecosystem.
"""

from __future__ import annotations

from scopecheck.core.findings import Span
from scopecheck.core.records import record


@record
class CodeCall:
    """One request the code sends to a product API, or may send."""

    product: str | None  # "jira", "confluence"...; None: any product (a remote holding the app's token)
    method: str | None  # "DELETE"; None: not known statically
    path: str | None  # "/rest/api/3/role/{}" (`{}`: a piece known only at run time); None: unknown
    span: Span  # the call site in the app's code (the caller, for a helper)
    via: tuple[Span, ...] = ()  # helper calls between the call site and the request
    #: why the method or path is not known (None: both are); "remote `x` receives the app's token"
    why: str | None = None
    #: whether it changes data (a write, delete or manage operation); None: cannot be told
    writes: bool | None = None

    @property
    def label(self) -> str:
        """`DELETE /rest/api/3/role/{}`, with `?` for what is not known."""
        return f"{self.method or '?'} {self.path or '?'}"


@record
class CodeView:
    """Every product API call found in the code, and what the analysis could not read."""

    calls: tuple[CodeCall, ...] = ()
    #: how many source files were read
    files: int = 0
    #: files left out or not parsed whole: a call in one of them would not be known
    gaps: tuple[str, ...] = ()
