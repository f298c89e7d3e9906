"""The files whose settings change what a bare import names: read by js/reach.py to tell a
possible module alias, and stamped by code/cache.py so a change to one is never served a
stale analysis. No heavy import here: the cache checks them on every run."""

from __future__ import annotations

#: bundlers, Babel, SWC and build scripts, which may alias a module (matched case-folded)
ALIAS_CONFIGS = (
    "webpack", "vite.", "rollup.", "esbuild", "rspack", "rsbuild", "tsup", "babel.config", ".babelrc",
    ".swcrc", "craco.config", "config-overrides", "next.config", "vue.config", "metro.config",
    "snowpack.config", ".parcelrc", "build.", "bundle.",
)  # fmt: skip
#: the folders beside the app's folders that projects keep such settings in
CONFIG_FOLDERS = ("config", "build", "scripts", "tools", ".config")
#: every setting that changes what an import names: TypeScript's, `NODE_PATH` in `.env`,
#: pnpm's workspaces, and the alias configurations above
IMPORT_SETTINGS = ("tsconfig", "jsconfig", ".env", "pnpm-workspace.yaml", *ALIAS_CONFIGS)
