"""Node's subpath imports: `import { bb } from '#lib/bb'` names a file of the app through the
`imports` field of the nearest package.json (`"#lib/*": "./src/lib/*.js"`).

Only what Node's resolver does with a relative target is followed: an exact key, or one
pattern with a single `*`; a target is a string, or an object of conditions whose branches
all name the same file (which branch a `require`, an `import` or a browser bundle takes is
not decided here). A target that names a package is not an app file and stays unresolved.
"""

from __future__ import annotations

import os

from scopecheck.ecosystems.forge.code.packages import read_json

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

    def branches(self, folder: str, spec: str) -> tuple[str, tuple[str, ...]] | None:
        """(package folder, the `./relative` paths) when `spec`'s conditions name different
        files: one of them loads, which one is not decided here (None otherwise)."""
        found = self.files(folder, spec)
        return found if found is not None and len(found[1]) > 1 else None

    def files(self, folder: str, spec: str) -> tuple[str, tuple[str, ...]] | None:
        """(package folder, every `./relative` path) `spec` may load: each branch of its
        conditions and fallbacks that names a file (a branch naming a package is left out)."""
        found = self._imports_above(folder)
        if found is None:
            return None
        package_dir, imports = found
        matched = _matched_value(imports, spec)
        if matched is None:
            return None
        value, star = matched
        return package_dir, tuple(sorted(t.replace("*", star) for t in _targets(value) if t.startswith("./")))

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


def _matched_value(imports: dict[str, object], spec: str) -> tuple[object, str] | None:
    """The `imports` value `spec` matches, with what its `*` stands for."""
    if spec in imports:
        return imports[spec], ""
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
    prefix, suffix = best[1].split("*")
    return imports[best[1]], spec[len(prefix) : len(spec) - len(suffix)]


def _match(imports: dict[str, object], spec: str) -> str | None:
    found = _matched_value(imports, spec)
    if found is None:
        return None
    value, star = found
    target = _pick(value)
    return target.replace("*", star) if target is not None else None


def _pick(value: object) -> str | None:
    """The one target a value names whatever the conditions (`require` or `import`, Node or a
    browser bundle): None when conditions lead to different files, as the analysis does not
    know which one a given import gets (Node takes the first matching key in the order
    written; a bundler for the browser takes `browser`)."""
    targets = _targets(value)
    return targets.pop() if len(targets) == 1 else None


def _targets(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        # `types` names declarations only: no code is loaded from it
        return {t for key, item in value.items() if key != "types" for t in _targets(item)}
    if isinstance(value, list):  # fallbacks: the first valid one; several make it unknown
        return {t for item in value for t in _targets(item)}
    return set()
