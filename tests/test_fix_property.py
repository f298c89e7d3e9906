"""The property every fix must keep (issue 8, item 7), over real manifests and generated ones.

After a fix the file parses, has no duplicate key, every value other than the edited scope
list is unchanged, the list holds exactly the kept and added scopes, comments and line endings
are kept, and fixing again changes nothing. The assertions here are written independently of
the planner's own check, so a bug in that check cannot hide a bug in the planner.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, needs_shared
from scopecheck.core.engine import lint
from scopecheck.core.findings import ListChange
from scopecheck.core.fixes import fix_until_stable
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import RULES, TOOLKIT
from scopecheck.ecosystems.forge.adapter import read_manifest
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_edit import Refused, apply, plan_changes
from scopecheck.source.yaml_nodes import parse_yaml, to_python

CORPUS = SHARED / "corpus" / "forge-manifests"
KEYS = ("permissions", "scopes")


def _doc(text: str):
    return parse_yaml(SourceText.from_text(Path("manifest.yml"), "manifest.yml", text))


def _without_scopes(value: Any) -> Any:
    value = dict(value) if isinstance(value, dict) else {}
    permissions = value.get("permissions")
    if isinstance(permissions, dict):
        rest = {k: v for k, v in permissions.items() if k != "scopes"}
        value["permissions"] = rest or None
    if value.get("permissions") is None:
        value.pop("permissions", None)
    return value


def _scopes(value: Any) -> list[Any]:
    permissions = value.get("permissions") if isinstance(value, dict) else None
    scopes = permissions.get("scopes") if isinstance(permissions, dict) else None
    return list(scopes or [])


def _comment_lines(text: str) -> list[str]:
    """Comments by a plain line scan: `#` at the start of a line or after a space, outside
    quotes on that line. Good enough for the files here, and independent of the planner."""
    found = []
    for line in re.split(r"\r\n|\r|\n", text):
        quote = None
        for index, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"" and (index == 0 or line[index - 1] in " [,{:"):
                quote = char
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                found.append(line[index:].rstrip())
                break
    return found


def _breaks(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def assert_fix_property(old: str, add: tuple[str, ...], remove: tuple[str, ...]) -> None:
    """Apply a planned scope change to `old` and check the property; refusals are allowed
    only with a reason, and must leave nothing half done."""
    doc = _doc(old)
    manifest, _problems = read_manifest(doc)
    assert manifest is not None
    items = [s for s in manifest.scopes if s.name in remove]
    change = ListChange("manifest.yml", KEYS, add, tuple(s.span.start_offset for s in items))
    try:
        plan = plan_changes(doc, [change])
    except Refused as refused:
        assert str(refused)
        return
    new = apply(old, plan.edits)
    new_doc = _doc(new)
    assert new_doc.usable and new_doc.problems == [], (old, new)  # parses, no duplicate key
    before, after = to_python(doc.root), to_python(new_doc.root)
    assert _without_scopes(after) == _without_scopes(before), (old, new)
    removed_offsets = {s.span.start_offset for s in items}
    kept = [to_python(item) for item in _scope_nodes(doc) if item.span.start_offset not in removed_offsets]
    expected = kept + [a for a in dict.fromkeys(add) if a not in kept]
    assert _scopes(after) == expected, (old, new)
    removed_lines = {doc.source.line_text(s.span.line) for s in items} if doc.source else set()
    old_comments = [c for c in _comment_lines(old) if not any(c in line for line in removed_lines)]
    new_comments = _comment_lines(new)
    assert [c for c in old_comments if c not in new_comments] == [], (old, new)
    assert _breaks(new) <= (_breaks(old) or {"\n"}), (old, new)
    again = plan_changes(new_doc, [ListChange("manifest.yml", KEYS, add, ())])
    assert again.edits == [], (old, new)


def _scope_nodes(doc) -> list[Any]:
    root = doc.root
    permissions = root.get("permissions") if hasattr(root, "get") else None
    scopes = permissions.get("scopes") if permissions is not None and hasattr(permissions, "get") else None
    return list(getattr(scopes, "items", []) or [])


# ---------------------------------------------------------------- the real corpus


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.yml")) if CORPUS.is_dir() else []


@needs_shared
@pytest.mark.parametrize("scenario", ["add", "remove-first", "remove-all-add-one", "remove-last-add-two"])
def test_corpus_scope_changes_keep_the_property(scenario):
    checked = 0
    for path in _corpus():
        text = path.read_bytes().decode("utf-8-sig")
        doc = _doc(text)
        manifest, problems = read_manifest(doc)
        if manifest is None or problems or doc.problems:
            continue
        names = [s.name for s in manifest.scopes]
        add, remove = {
            "add": (("storage:app", "read:me"), ()),
            "remove-first": ((), tuple(names[:1])),
            "remove-all-add-one": (("storage:app",), tuple(names)),
            "remove-last-add-two": (("storage:app", "report:personal-data"), tuple(names[-1:])),
        }[scenario]
        assert_fix_property(text, add, remove)
        checked += 1
    assert checked >= 80  # most of the 96 manifests parse cleanly


CODE = """\
import api, { route, storage } from '@forge/api';

export async function run() {
  await storage.get('k');
  return api.asApp().requestJira(route`/rest/api/3/myself`);
}

// named here, so `run` is live whatever handler name the manifest gives
export const handlers = { run };
"""


@needs_shared
def test_corpus_lint_fix_then_fix_again_changes_nothing(tmp_path):
    """`lint --fix` end to end (in-process) on every corpus manifest, with code that needs
    two scopes and leaves every other requested scope unused."""
    cli = CliOverrides(select=RULES.resolve(["SC206,SC401,SC402"])[0], cache=False)
    checked = 0
    for index, path in enumerate(_corpus()):
        root = tmp_path / str(index)
        (root / ".git").mkdir(parents=True)
        app = root / "app"
        (app / "src").mkdir(parents=True)
        data = path.read_bytes()
        (app / "manifest.yml").write_bytes(data)
        (app / "src" / "index.js").write_text(CODE)
        outcome = fix_until_stable(
            lambda overlay, app=app, root=root: lint([app], cli, cwd=root, overlay=overlay, toolkit=TOOLKIT)
        )
        for file in outcome.changed.values():
            old, new = file.before, file.after
            new_doc = _doc(new)
            assert new_doc.usable and new_doc.problems == [], path.name
            assert _without_scopes(to_python(new_doc.root)) == _without_scopes(to_python(_doc(old).root)), (
                path.name
            )
            assert _breaks(new) <= (_breaks(old) or {"\n"}), path.name
            (app / "manifest.yml").write_text(new, newline="")
            checked += 1
            second = fix_until_stable(
                lambda overlay, app=app, root=root: lint(
                    [app], cli, cwd=root, overlay=overlay, toolkit=TOOLKIT
                )
            )
            assert second.changed == {}, path.name
    assert checked >= 50


# ---------------------------------------------------------------- generated manifests

NAMES = ["read:jira-work", "write:jira-work", "storage:app", "read:me", "read:confluence-content.summary"]


@st.composite
def manifests(draw: st.DrawFn) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    step = draw(st.sampled_from([2, 4]))
    dash = draw(st.sampled_from(["- ", "-   "]))
    indentless = draw(st.booleans())
    scopes = draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True))
    shape = draw(st.sampled_from(["block", "flow", "flow-multiline", "empty-flow", "null", "none"]))
    permissions = draw(st.sampled_from(["mapping", "absent", "null", "flow-empty"]))
    external = draw(st.booleans())
    comments = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    final_newline = draw(st.booleans())
    end_marker = draw(st.booleans())
    pad = " " * step

    def item_lines(indent: str) -> list[str]:
        lead = indent if not indentless else indent[:-step] if len(indent) >= step else indent
        return [f"{lead}{dash}{name}" + ("  # why" if comments else "") for name in scopes]

    lines = ["# my app" if comments else "app:", *([f"{pad}id: x"] if not comments else [])]
    if comments:
        lines = ["# my app", "app:", f"{pad}id: x"]
    lines += ["modules:", f"{pad}function:", f"{pad}{pad}- key: main", f"{pad}{pad}  handler: index.run"]
    if permissions == "mapping":
        lines.append("permissions:")
        if external:
            lines += [f"{pad}external:", f"{pad * 2}images:", f"{pad * 3}- x.example.com"]
        if shape == "block" and scopes:
            lines.append(f"{pad}scopes:" + ("  # requested" if comments else ""))
            lines += item_lines(pad * 2)
        elif shape in ("flow", "block") or (shape == "flow-multiline" and not scopes):
            lines.append(f"{pad}scopes: [" + ", ".join(scopes) + "]")
        elif shape == "flow-multiline":
            lines.append(f"{pad}scopes: [")
            lines += [f"{pad * 2}{name}," + (" # why" if comments else "") for name in scopes]
            lines.append(f"{pad}]")
        elif shape == "empty-flow":
            lines.append(f"{pad}scopes: []")
        elif shape == "null":
            lines.append(f"{pad}scopes:")
        if not external and shape == "none":
            lines.append(f"{pad}content: {{}}")
    elif permissions == "null":
        lines.append("permissions:")
    elif permissions == "flow-empty":
        lines.append("permissions: {}")
    if comments:
        lines.append("# trailing comment")
    if end_marker:
        lines.append("...")
    text = newline.join(lines) + (newline if final_newline or end_marker else "")
    present = scopes if permissions == "mapping" and shape in ("block", "flow", "flow-multiline") else []
    remove = tuple(draw(st.lists(st.sampled_from(present), unique=True))) if present else ()
    add = tuple(draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True)))
    return text, add, remove


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifests())
def test_generated_manifests_keep_the_property(case):
    text, add, remove = case
    doc = _doc(text)
    assert doc.usable and not doc.problems, textwrap.indent(text, "  ")
    assert_fix_property(text, add, remove)
