"""Package -> dependencies from `yarn.lock` (v1 and Berry) and `pnpm-lock.yaml`.

Only the dependency names are read, for every version of a package together: the question
asked of them is whether a package can reach `@forge/*` at any depth, and any version that can
counts. A lockfile that cannot be read gives nothing (and is then not a lockfile to trust).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: lockfiles larger than this are not read (a monorepo's can be tens of megabytes)
MAX_LOCK_BYTES = 64 * 1024 * 1024
_SECTIONS = frozenset({"dependencies", "optionalDependencies", "peerDependencies"})


def read_lockfiles(folder: Path) -> dict[str, list[str]] | None:
    """The dependencies of each package listed in the folder's yarn.lock or pnpm-lock.yaml,
    or None when it has neither (or neither could be read)."""
    found: dict[str, list[str]] | None = None
    yarn = _text(folder / "yarn.lock")
    if yarn is not None:
        found = yarn_dependencies(yarn)
    pnpm = _text(folder / "pnpm-lock.yaml")
    if pnpm is not None:
        listed = pnpm_dependencies(pnpm)
        if listed is not None:
            found = {**(found or {}), **listed}
    return found


def yarn_dependencies(text: str) -> dict[str, list[str]]:
    """Both yarn formats are indented blocks: a package's specifiers at column 0, its fields
    at 2, the names in a dependency field at 4 (`name "range"` in v1, `name: range` in Berry)."""
    found: dict[str, list[str]] = {}
    names: list[str] = []
    section = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if indent == 0:
            names = sorted({_yarn_name(spec) for spec in stripped.rstrip(":").split(",")} - {""})
            for name in names:
                found.setdefault(name, [])
            section = False
        elif indent == 2:
            section = stripped.rstrip(":") in _SECTIONS and stripped.endswith(":")
        elif indent == 4 and section and names:
            token, _, value = stripped.partition(" ")
            token = token.rstrip(":").strip("\"'")
            listed = [token, *_aliased(value.strip().strip("\"'"))]
            for name in names:
                found[name].extend(t for t in listed if t)
    return found


def pnpm_dependencies(text: str) -> dict[str, list[str]] | None:
    """`packages:` (and, from lockfile v9, `snapshots:`) keyed `/name@1.0.0`, `name@1.0.0(peer)`
    or, in v5, `/name/1.0.0`, each with its dependency maps."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    found: dict[str, list[str]] = {}
    for table in ("packages", "snapshots"):
        entries = data.get(table)
        if not isinstance(entries, dict):
            continue
        for key, entry in entries.items():
            name = _pnpm_name(str(key))
            deps = found.setdefault(name, [])
            if isinstance(entry, dict):
                for field in _SECTIONS:
                    value = entry.get(field)
                    if isinstance(value, dict):
                        for dep, spec in value.items():
                            deps.extend([str(dep), *_aliased(str(spec))])
    return found


def _aliased(spec: str) -> list[str]:
    """The real package behind an alias: `npm:@forge/api@^3` (yarn, npm), `/@forge/api@3.0.0`
    or `@forge/api@3.0.0(peer)` (pnpm); nothing for a plain version range."""
    spec = spec.removeprefix("npm:")
    if not spec or spec[0].isdigit() or spec[0] in "^~<>=*":
        return []
    name = _pnpm_name(spec)
    return [name] if name else []


def _yarn_name(spec: str) -> str:
    """`"@scope/name@npm:^1.0.0"` -> `@scope/name`."""
    spec = spec.strip().strip("\"'")
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


def _pnpm_name(key: str) -> str:
    """`/@scope/name@1.0.0(peer)` (v6+), `/@scope/name/1.0.0_peer@2` (v5) -> `@scope/name`."""
    key = key.lstrip("/")
    start = key.find("/") + 1 if key.startswith("@") else 0
    name = re.match(r"[^@/(]*", key[start:])
    return key[: start + (name.end() if name else 0)]


def _text(path: Path) -> str | None:
    try:
        if os.path.getsize(path) > MAX_LOCK_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
