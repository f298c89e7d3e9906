"""How an import names its module, as bytes patterns shared by every scan that looks for
imports without a syntax tree (relative imports, bare packages, aliases). Only pattern text,
nothing compiled: the cache and the package scan read it on every run, and each scan
compiles what it needs (js/doubts.py compiles the loader patterns)."""

from __future__ import annotations

#: what may stand between `from` (or `require(`) and the module's name: spaces and comments
#: (`from /* generated */ './api'`, `/** doc */`, `from // why\n 'x'`). A block comment holds
#: no `*`, so `'from /*.json'` in a string cannot reach across code to a later `**/'x'`, and
#: a scan stops at the next `*` (linear on a file of `from /*` lines)
IMPORT_GAP = rb"""(?:\s|/\*\*?[^*]*\*/|//[^\n]*\n)*"""
#: what comes before a module's name: `from`, `require(`, `import(`, or a side-effect `import`
#: (`require /* why */ (` and `(require)(` are rare enough to be doubts: js_usage.py
#: `_run_time_module`; an alternative starting at `(` makes every scan five times slower)
IMPORT_HEAD = rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport(?=""" + IMPORT_GAP + rb"""['"]))"""
