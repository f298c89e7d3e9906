"""The files whose settings change what a bare import names: read by js/reach.py to tell a
possible module alias, and stamped by code/cache.py so a change to one is never served a
stale analysis. No heavy import here: the cache checks them on every run."""

from __future__ import annotations

import os
from collections.abc import Iterable

#: bundlers, Babel, SWC and build scripts, which may alias a module (matched case-folded)
ALIAS_CONFIGS = (
    "webpack", "vite.", "rollup.", "esbuild", "rspack", "rsbuild", "tsup", "babel.config", ".babelrc",
    ".swcrc", "craco.config", "config-overrides", "next.config", "vue.config", "metro.config",
    "snowpack.config", ".parcelrc", "build.", "bundle.",
)  # fmt: skip
#: the folders beside the app's folders that projects keep such settings in
CONFIG_FOLDERS = ("config", "build", "scripts", "tools", ".config")
#: every setting that changes what an import names or whether a build keeps it: TypeScript's,
#: `NODE_PATH` in `.env`, pnpm's workspaces, package.json (`main`, Babel's settings) and the
#: alias configurations above
IMPORT_SETTINGS = ("tsconfig", "jsconfig", ".env", "pnpm-workspace.yaml", "package.json", *ALIAS_CONFIGS)


def setting_places(folders: Iterable[str], sources: Iterable[str]) -> list[str]:
    """The folders whose settings govern how the app's imports are read: the app's folders,
    every folder above them (esbuild and tsc look up for a tsconfig without limit), their
    config folders, and each folder between a source file and an app folder (a
    `src/tsconfig.json` governs `src/lib/x.ts`)."""
    tops = {os.path.normpath(os.fspath(folder)) for folder in folders}
    places = set(tops) | {os.path.join(top, sub) for top in tops for sub in CONFIG_FOLDERS}
    for top in tops:
        while os.path.dirname(top) != top:
            top = os.path.dirname(top)
            places.add(top)
    for source in sources:
        folder = os.path.dirname(source)
        for _ in range(_MAX_DEPTH):
            if folder in places:
                break
            places.add(folder)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return sorted(places)


#: how many folders above a source file are looked at, at most, before an app folder
_MAX_DEPTH = 12
