"""Output formats. Each is a pure `render(report, options) -> str`; REPORTERS is the only list."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from scopecheck.core.findings import Report
from scopecheck.core.records import record


@record
class RenderOptions:
    color: bool = False
    concise: bool = False  # one line per finding, no snippets (--quiet)


Renderer = Callable[[Report, RenderOptions], str]


def _lazy(module: str) -> Renderer:
    """Import the reporter on first use, so `--format json` never loads rich."""

    def render(report: Report, options: RenderOptions) -> str:
        return importlib.import_module(f"scopecheck.reporters.{module}").render(report, options)

    render.__name__ = f"render_{module}"
    return render


#: format name -> renderer
REPORTERS: dict[str, Renderer] = {
    "text": _lazy("text"),
    "json": _lazy("json"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "junit": _lazy("junit"),
    "markdown": _lazy("markdown"),
}
