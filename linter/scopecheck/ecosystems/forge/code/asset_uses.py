"""Whether a page's or a stylesheet's URL is ever loaded: the page is an entry or named by
some file, the sheet is named by some file, its `@font-face` family is used, its custom
property is read.

A browser fetches an `@font-face` source only for text set in that family, and a `url()` in a
custom property (`--hero: url(...)`) only where `var(--hero)` uses it; a bundler takes a
stylesheet only when a page, a module or another sheet names it; a page that is not a front
end's entry (`demo/index.html`) is shown only where a link or a setting names it. Where no front-end file
shows such a use, the request may never be made: web_assets.py gives the fetch a doubt, and
SC403 is unsure instead of certainly wrong (review 36: a leftover `legacy.css`, an unused
font, an unused custom property). Every question is answered from the text of the front
ends' files, read once and only when one is asked; any mention counts as a use, so a doubt
is raised only where no file names the thing at all.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from scopecheck.ecosystems.forge.code.js.files import SKIPPED_DIRS

#: the files that may name a stylesheet, a font family or a custom property
_TEXT_SUFFIXES = (
    ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".mts", ".cts", ".html", ".htm", ".css", ".scss",
    ".sass", ".less", ".styl", ".vue", ".svelte", ".astro", ".json",
)  # fmt: skip
#: a bigger file is not read for names (it is generated or vendored)
_MAX_TEXT_BYTES = 1024 * 1024
#: how many files are read at most; past it every name counts as used
_MAX_FILES = 5000
#: a bundler that loads files by a pattern, not by name: every sheet may be loaded
_LOADS_BY_PATTERN = re.compile(r"import\.meta\.glob|require\.context|webpackContext")
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
#: the folders of a front end whose index.html is its entry page
_ENTRY_FOLDERS = frozenset({"public", "src"})
#: the files beside a page that say a bundler starts there (Vite's root holds index.html)
_BUILDERS = ("vite.config", "vite.forge.config", "webpack.config", "rollup.config", "package.json")


def _names(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


class FrontEndText:
    """The text of the front ends' files, read on the first question."""

    def __init__(self, dirs: Sequence[str]) -> None:
        self._dirs = dirs
        self._files: list[tuple[str, str]] | None = None
        self._complete = True

    def _texts(self) -> list[tuple[str, str]]:
        if self._files is None:
            self._files = []
            for top in self._dirs:
                for folder, subfolders, names in os.walk(top):
                    subfolders[:] = sorted(
                        d for d in subfolders if not d.startswith(".") and d not in SKIPPED_DIRS
                    )
                    for name in sorted(names):
                        if name.lower().endswith(_TEXT_SUFFIXES):
                            self._read(os.path.join(folder, name))
            if any(_LOADS_BY_PATTERN.search(text) for _path, text in self._files):
                self._complete = False
        return self._files

    def _read(self, path: str) -> None:
        assert self._files is not None
        if len(self._files) >= _MAX_FILES:
            self._complete = False
            return
        try:
            if os.path.getsize(path) > _MAX_TEXT_BYTES:
                return
            with open(path, encoding="utf-8", errors="replace") as handle:
                self._files.append((os.path.normpath(path), handle.read()))
        except OSError:
            return

    def sheet_unnamed(self, path: str) -> str:
        """Why no page, module or sheet loads the stylesheet at `path` ("" when one may): no
        other file names it (`legacy` for legacy.css, as a word)."""
        if self._named(os.path.splitext(os.path.basename(path))[0].lstrip("_"), path):
            return ""
        return f"no page, module or stylesheet of the front end names {os.path.basename(path)}"

    def page_unnamed(self, path: str) -> str:
        """Why a page that is not a front end's entry may never be loaded ("" when it may be):
        no other file names it (`help` for help.html, the folder `demo` for demo/index.html).
        An entry page (index.html at the top of a front end's folder, of its public/ or src/
        folder, or beside a bundler's configuration) is always loaded."""
        folder = os.path.dirname(os.path.normpath(path))
        tops = {os.path.normpath(d) for d in self._dirs}
        stem = os.path.splitext(os.path.basename(path))[0]
        index = stem.lower() == "index"
        if index and (
            folder in tops
            or (os.path.dirname(folder) in tops and os.path.basename(folder) in _ENTRY_FOLDERS)
            or any(name.startswith(_BUILDERS) for name in _names(folder))
        ):
            return ""
        if self._named(os.path.basename(folder) if index else stem, path):
            return ""
        shown = os.path.join(os.path.basename(folder), os.path.basename(path))
        return f"{shown} is not a front end's entry page, and no page, module or setting names it"

    def _named(self, name: str, path: str) -> bool:
        named = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
        own = os.path.normpath(path)
        texts = self._texts()
        return not self._complete or any(named.search(text) for other, text in texts if other != own)

    def family_unused(self, family: str) -> str:
        """Why the browser may never load an `@font-face` of `family` ("" when it may): no
        text outside the `@font-face` rules names the family."""
        named = re.compile(rf"(?<![\w-]){re.escape(family)}(?![\w-])", re.IGNORECASE)
        texts = self._texts()
        if not self._complete or any(named.search(_FONT_FACE.sub(" ", text)) for _path, text in texts):
            return ""
        return f"no rule or code names the font family `{family}`, and a browser loads a font only for text set in it"

    def property_unused(self, name: str) -> str:
        """Why the `url()` of the custom property `name` (`--hero`) may never be loaded ("" when
        it may): no file names it other than where it is set."""
        used = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s*:)")
        texts = self._texts()
        if not self._complete or any(used.search(text) for _path, text in texts):
            return ""
        return f"no rule or code reads the custom property `{name}`, and a `url()` is loaded only where it is used"
