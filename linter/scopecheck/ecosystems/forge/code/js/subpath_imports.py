"""Node's subpath imports: `import { bb } from '#lib/bb'` names a file of the app through the
`imports` field of the nearest package.json (`"#lib/*": "./src/lib/*.js"`).

Only what Node's resolver does with a relative target is followed: an exact key, or one
pattern with a single `*`; a target is a string or an object of conditions (`node`,
`import`, `require`, `default`, in that order). A target that names a package is not an app
file and stays unresolved.
"""

from __future__ import annotations

import os

from scopecheck.ecosystems.forge.code.packages import read_json

#: conditions a Forge function's Node runtime matches, most specific first
_CONDITIONS = ("node", "import", "require", "default")
#: how many folders above the importing file are searched for package.json
_LEVELS = 8


class SubpathImports:
    """`#spec` -> the relative path it names, from the nearest package.json above a folder."""

    def __init__(self) -> None:
        self._nearest: dict[str, tuple[str, dict[str, object]] | None] = {}

    def target(self, folder: str, spec: str) -> tuple[str, str] | None:
        """(package folder, `./relative/path`) that `spec` names from `folder`, or None."""
        found = self._imports_above(folder)
        if found is None:
            return None
        package_dir, imports = found
        relative = _match(imports, spec)
        if relative is None or not relative.startswith("./"):
            return None
        return package_dir, relative

    def _imports_above(self, folder: str) -> tuple[str, dict[str, object]] | None:
        """The `imports` of the nearest package.json at or above `folder` (Node stops at the
        first package.json, whether or not it has an `imports` field)."""
        if folder in self._nearest:
            return self._nearest[folder]
        found: tuple[str, dict[str, object]] | None = None
        current = folder
        for _ in range(_LEVELS):
            manifest = read_json(os.path.join(current, "package.json"))
            if isinstance(manifest, dict):
                imports = manifest.get("imports")
                found = (current, imports) if isinstance(imports, dict) else None
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        self._nearest[folder] = found
        return found


def _match(imports: dict[str, object], spec: str) -> str | None:
    if spec in imports:
        return _pick(imports[spec])
    best: tuple[int, str] | None = None
    for key in imports:
        if key.count("*") != 1:
            continue
        prefix, suffix = key.split("*")
        fits = spec.startswith(prefix) and spec.endswith(suffix) and len(spec) >= len(prefix) + len(suffix)
        if fits and (best is None or len(prefix) > best[0]):  # the longest prefix wins, as in Node
            best = (len(prefix), key)
    if best is None:
        return None
    key = best[1]
    prefix, suffix = key.split("*")
    matched = spec[len(prefix) : len(spec) - len(suffix)]
    target = _pick(imports[key])
    return target.replace("*", matched) if target is not None else None


def _pick(value: object) -> str | None:
    """A target string, choosing among conditions as Node does for a `require` or `import`."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for condition in _CONDITIONS:
            if condition in value:
                picked = _pick(value[condition])
                if picked is not None:
                    return picked
    if isinstance(value, list):
        for item in value:
            picked = _pick(item)
            if picked is not None:
                return picked
    return None
