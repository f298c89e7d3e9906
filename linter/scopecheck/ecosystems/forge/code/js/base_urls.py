"""TypeScript's `baseUrl`: `import x from 'src/model/jira'` may name `<baseUrl>/src/model/jira`
when a tsconfig.json (or jsconfig.json) above the importing file sets `baseUrl`.

Such an import is not followed: which file it names depends on more than the setting (the
bundler may look in node_modules first, `moduleSuffixes`, which configuration governs the
file, comments and duplicate keys in it). Every `baseUrl` any configuration above a folder
sets counts, commented out or not, so a bare import naming a file below one is a possible
alias; a configuration with `paths`, or whose `extends` is not a relative file, maps names in
ways not read at all.
"""

from __future__ import annotations

import os
import re

from scopecheck.ecosystems.forge.code.js.subpath_imports import folders_up

#: how many folders above the importing file are searched for a configuration
_LEVELS = 8
_CONFIGS = ("tsconfig.json", "jsconfig.json")
_BASE_URL = re.compile(r'"baseUrl"\s*:\s*"([^"]*)"')
_EXTENDS = re.compile(r'"extends"\s*:\s*"(\.{1,2}/[^"]+)"')
#: how many `extends` deep a configuration is followed
_MAX_EXTENDS = 3


class BaseUrls:
    """Folder -> the `baseUrl` folders of the configurations above it (read once)."""

    def __init__(self) -> None:
        self._above: dict[str, tuple[str, ...] | None] = {}

    def bases(self, folder: str) -> tuple[str, ...] | None:
        """Every `baseUrl` folder a configuration at or above `folder` sets (empty when none
        does), or None when one maps imports in ways not read (`paths`, `extends` of a package)."""
        if folder in self._above:
            return self._above[folder]
        found: tuple[str, ...] | None = ()
        for current in folders_up(folder, _LEVELS):
            for name in _CONFIGS:
                config = os.path.join(current, name)
                if found is not None and os.path.isfile(config):
                    bases = config_bases(config)
                    found = None if bases is None else found + bases
        self._above[folder] = found
        return found


def config_bases(config: str, depth: int = 0) -> tuple[str, ...] | None:
    """The `baseUrl` folders a configuration (and the files it `extends`) names anywhere in
    its text, or None when it has `paths`, an `extends` that is not one relative file, or
    nests `extends` past following."""
    text = read_text(config)
    if '"paths"' in text or depth > _MAX_EXTENDS:
        return None
    folder = os.path.dirname(config)
    found = tuple(os.path.normpath(os.path.join(folder, base)) for base in _BASE_URL.findall(text))
    parents = _EXTENDS.findall(text)
    if text.count('"extends"') != len(parents):
        return None  # an array, or a package's configuration
    for parent in parents:
        target = os.path.join(folder, parent)
        more = config_bases(target if target.endswith(".json") else target + ".json", depth + 1)
        if more is None:
            return None
        found += more
    return found


def read_text(path: str) -> str:
    """A text file's first megabyte ("" when it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(1024 * 1024)
    except (OSError, ValueError):  # ValueError: a NUL in a path named by a configuration
        return ""
