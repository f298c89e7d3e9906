"""How an import names its module, as bytes patterns shared by every scan that looks for
imports without a syntax tree (relative imports, bare packages, aliases). No heavy import:
the cache and the package scan read it on every run."""

from __future__ import annotations

#: what may stand between `from` (or `require(`) and the module's name: spaces and comments
#: (`from /* generated */ './api'`, `from // why\n 'x'`)
IMPORT_GAP = rb"""(?:\s|/\*(?:[^*]|\*(?!/))*\*/|//[^\n]*\n)*"""
#: what comes before a module's name: `from`, `require(`, `import(`, or a side-effect `import`
IMPORT_HEAD = rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport(?=""" + IMPORT_GAP + rb"""['"]))"""
