"""Which source files a Forge module can run: the rest is code no module reaches.

Entry points come from the manifest: each function handler's module (`index.run` is
`src/index.*`) and every file of a Custom UI or UI Kit resource's source folder (a bundler
starts there). From them, relative imports (`import`, `export ... from`, `require`, `import()`)
are followed file by file. When reachability cannot be told, nothing is called unreached: an
entry module that is not found, or a `require(x)` / `import(x)` whose module is only known at
run time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from scopecheck.ecosystems.forge.code.js.files import SourceFile
from scopecheck.ecosystems.forge.code.js.program import Program

_RELATIVE = re.compile(
    rb"""(?:\bfrom|\brequire\s*\(|\bimport\s*\(|^import)\s*['"](\.\.?/[^'"\n]+)['"]""", re.M
)
#: a module named by something other than a string literal: any file may be loaded
_DYNAMIC = re.compile(rb"""\b(?:require|import)\s*\(\s*[^'"\s)]""")


def unreached(
    program: Program,
    files: Sequence[SourceFile],
    app_dir: str,
    handler_modules: Sequence[str],
    frontend_dirs: Sequence[str],
) -> tuple[str, ...]:
    """The display paths of the files no entry point reaches (empty when that is unknown)."""
    if not handler_modules and not frontend_dirs:
        return ()
    if any(_DYNAMIC.search(file.data) for file in files):
        return ()
    prefixes = tuple(d.rstrip(os.sep) + os.sep for d in frontend_dirs)
    seen = {file.key for file in files if file.key.startswith(prefixes)}
    src = os.path.join(app_dir, "src")
    for module in handler_modules:
        key = program.find_module(src, "./" + module)
        if key is None:
            return ()  # the handler is built from sources elsewhere: cannot tell
        seen.add(key)
    by_key = {file.key: file for file in files}
    stack = list(seen)
    while stack:
        file = by_key.get(stack.pop())
        if file is None:
            continue
        folder = os.path.dirname(file.key)
        for spec in _RELATIVE.findall(file.data):
            target = program.find_module(folder, spec.decode("utf-8", "replace"))
            if target is not None and target not in seen:
                seen.add(target)
                stack.append(target)
    return tuple(sorted(file.display for file in files if file.key not in seen))
