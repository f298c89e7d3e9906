"""Browser-extension fixes: remove an item from a list of `manifest.json`, comments kept."""

from __future__ import annotations

from scopecheck.core.findings import Fix, ListChange
from scopecheck.core.fixes import planned_fix
from scopecheck.ecosystems.browser_extension.model import Extension, Value


def remove_fix(extension: Extension, key: str, value: Value) -> tuple[Fix | None, str | None]:
    """Remove `value` from the list under the top-level `key` (`permissions`)."""
    change = ListChange(extension.path, (key,), remove=(value.span.start_offset,))
    return planned_fix(extension.source, f"remove `{value.value}` from `{key}`", (change,))
