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
#: (`require /* why */ (` and `(require)(` are rare enough to be doubts: js_usage.py
#: `_run_time_module`; an alternative starting at `(` makes every scan five times slower)
IMPORT_HEAD = rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport(?=""" + IMPORT_GAP + rb"""['"]))"""
#: a `require(` or `import(` call, up to its first argument (group 1: the name, group 2:
#: what stands between it and `(`)
MODULE_CALL = re.compile(
    rb"""\b(require|import)((?>""" + IMPORT_GAP + rb"""))\((?>""" + IMPORT_GAP + rb""")"""
)
#: `(require)(...)`: a loader the scans above do not read
PAREN_REQUIRE = re.compile(rb"""\(\s*require\s*\)""")
#: a first argument that is a plain string: the module is known
PLAIN_MODULE = re.compile(rb"""['"][^'"\n]*['"]\s*[),]""")
#: a first argument that names a folder below the file's own and a name known at run time
#: (`'./locales/' + lang`, `` `./pages/${name}` ``): a bundler loads only files of that folder
OWN_FOLDER_MODULE = re.compile(
    rb"""(?:(['"])\./((?:[\w@-][\w@.-]*/)+)\1\s*\+\s*[\w$.]+"""
    rb"""|`\./((?:[\w@-][\w@.-]*/)+)\$\{[\w$.]+\}[\w.-]*`)\s*[),]"""
)
#: other ways to load modules by a name known at run time or a whole folder (`require
#: .context`, `require['context']` and `import.meta .webpackContext` too)
OTHER_LOADERS = re.compile(
    rb"""\bcreateRequire\b|\brequire(?>"""
    + IMPORT_GAP
    + rb""")(?:\.(?>"""
    + IMPORT_GAP
    + rb""")context\b|\[)"""
    rb"""|\bimport(?>"""
    + IMPORT_GAP
    + rb""")\.(?>"""
    + IMPORT_GAP
    + rb""")meta(?>"""
    + IMPORT_GAP
    + rb""")"""
    rb"""(?:\.(?>""" + IMPORT_GAP + rb""")(?:webpackContext|glob)\b|\[)"""
    rb"""|\b__non_webpack_require__\b|\bprocess\.mainModule\b"""
)
#: an import of a `data:` module, which webpack 5 bundles
DATA_MODULE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"`]data:""")
#: an import of a file by its absolute path (`require('/srv/shared/sync')`)
ABSOLUTE_MODULE = re.compile(IMPORT_HEAD + IMPORT_GAP + rb"""['"](/[^'"\n*]+)['"]""")
