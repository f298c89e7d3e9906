"""How an import names its module, as bytes patterns shared by every scan that looks for
imports without a syntax tree (relative imports, bare packages, aliases). No heavy import:
the cache and the package scan read it on every run."""

from __future__ import annotations

import re

#: what may stand between `from` (or `require(`) and the module's name: spaces and comments
#: (`from /* generated */ './api'`, `/** doc */`, `from // why\n 'x'`). A block comment holds
#: no `*`, so `'from /*.json'` in a string cannot reach across code to a later `**/'x'`, and
#: a scan stops at the next `*` (linear on a file of `from /*` lines)
IMPORT_GAP = rb"""(?:\s|/\*\*?[^*]*\*/|//[^\n]*\n)*"""
#: what comes before a module's name: `from`, `require(`, `import(`, or a side-effect `import`
IMPORT_HEAD = rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport(?=""" + IMPORT_GAP + rb"""['"]))"""
#: `require(...)` or `import(...)` of a module that is not a string (`'@forge' + '/api'`, a
#: variable, a template): not a plain quoted name, nor a path from the file's own folder
DYNAMIC_MODULE = re.compile(
    rb"""\b(?:require|import)\s*\((?>""" + IMPORT_GAP + rb""")"""
    rb"""(?!['"][^'"\n]*['"]\s*[),])(?!['"`]\./)(?!\))"""
)
