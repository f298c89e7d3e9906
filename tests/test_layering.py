"""The layers of STYLE §3.1: `core` never imports an ecosystem, and neither do the shared
rules, the registry tooling, the consent diff, the history trail or the reporters; only the
composition roots (`scopecheck.ecosystems`, the CLI) and the ecosystems themselves name one.
Imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "linter" / "scopecheck"
NEUTRAL = ("core", "rules", "registry", "diff", "history", "reporters", "source", "analysis", "claims")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("layer", NEUTRAL)
def test_layer_never_imports_an_ecosystem(layer):
    offenders = {
        path.relative_to(PACKAGE).as_posix(): sorted(
            m for m in imported_modules(path) if m.startswith("scopecheck.ecosystems")
        )
        for path in (PACKAGE / layer).rglob("*.py")
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from scopecheck.ecosystems.forge import ECOSYSTEM\n")
    assert "scopecheck.ecosystems.forge" in imported_modules(probe)


def test_every_module_lives_in_a_layer():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py"]
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    expected = [
        "analysis",
        "claims",
        "cli",
        "core",
        "diff",
        "ecosystems",
        "history",
        "registry",
        "reporters",
        "rules",
        "schemas",
        "source",
    ]
    assert folders == expected
