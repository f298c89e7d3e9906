"""TypeScript's `baseUrl`: `import x from 'src/model/jira'` names `<baseUrl>/src/model/jira`
when the nearest tsconfig.json (or jsconfig.json) above the importing file sets `baseUrl`.

TypeScript, and the bundlers that read its configuration (Create React App, the tsconfig
paths plugins), look there before node_modules. A configuration with `paths` maps names in
ways not followed here: it gives no folder, and the caller treats its imports as aliases.
`extends` of a relative file is followed; a setting read from a package is not.
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
    """Folder -> the `baseUrl` folders of the configuration that governs it (read once)."""

    def __init__(self) -> None:
        self._nearest: dict[str, tuple[str, ...] | None] = {}

    def bases(self, folder: str) -> tuple[str, ...] | None:
        """The `baseUrl` folders for code in `folder` (empty when none is set), or None when
        its configuration maps imports with `paths`."""
        if folder in self._nearest:
            return self._nearest[folder]
        found: tuple[str, ...] | None = ()
        for current in folders_up(folder, _LEVELS):
            configs = [os.path.join(current, n) for n in _CONFIGS if os.path.isfile(os.path.join(current, n))]
            if configs:
                each = [config_bases(config) for config in configs]
                found = None if None in each else tuple(b for bases in each if bases for b in bases)
                break
        self._nearest[folder] = found
        return found


def config_bases(config: str, depth: int = 0) -> tuple[str, ...] | None:
    """The `baseUrl` folders a configuration (and the files it `extends`) sets, or None when
    it has `paths` (or nests `extends` past following)."""
    text = read_text(config)
    if '"paths"' in text or depth > _MAX_EXTENDS:
        return None
    folder = os.path.dirname(config)
    found = tuple(os.path.normpath(os.path.join(folder, base)) for base in _BASE_URL.findall(text))
    for parent in _EXTENDS.findall(text):
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
    except OSError:
        return ""
