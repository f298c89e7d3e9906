"""Fixes are text edits: layout and comments survive; `--fix` converges; `--diff` writes nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import write_app
from scopecheck.adapters.forge import read_manifest
from scopecheck.findings import Edit
from scopecheck.fixes import add_scope_edits, apply_edits, remove_scope_edit
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_nodes import parse_yaml


def manifest_of(text: str):
    doc = parse_yaml(SourceText.from_text(Path("manifest.yml"), "manifest.yml", textwrap.dedent(text)))
    manifest, problems = read_manifest(doc)
    assert manifest is not None and not problems
    return manifest


def removed(text: str, scope: str) -> str:
    manifest = manifest_of(text)
    request = next(s for s in manifest.scopes if s.name == scope)
    edit = remove_scope_edit(manifest, request)
    assert edit is not None
    return apply_edits(manifest.source.text, [edit])[0]


def added(text: str, *scopes: str) -> str:
    manifest = manifest_of(text)
    return apply_edits(manifest.source.text, add_scope_edits(manifest, scopes))[0]


BLOCK = """\
permissions:
  scopes:
    - read:jira-work   # reads issues
    # keep write for the sync
    - write:jira-work
app:
  id: x
"""


def test_remove_from_a_block_list_keeps_comments():
    assert removed(BLOCK, "read:jira-work") == BLOCK.replace("    - read:jira-work   # reads issues\n", "")
    assert removed(BLOCK, "write:jira-work") == BLOCK.replace("    - write:jira-work\n", "")


@pytest.mark.parametrize(
    ("before", "scope", "after"),
    [
        ("permissions:\n  scopes: [a:b, c:d, e:f]\n", "c:d", "permissions:\n  scopes: [a:b, e:f]\n"),
        ("permissions:\n  scopes: [a:b, c:d, e:f]\n", "a:b", "permissions:\n  scopes: [c:d, e:f]\n"),
        ("permissions:\n  scopes: [a:b, c:d, e:f]\n", "e:f", "permissions:\n  scopes: [a:b, c:d]\n"),
        ("permissions:\n  scopes: [a:b]\n", "a:b", "permissions:\n  scopes: []\n"),
    ],
)
def test_remove_from_a_flow_list(before, scope, after):
    assert removed(before, scope) == after


def test_add_to_a_block_list_keeps_its_indent():
    assert added(BLOCK, "storage:app", "read:me") == BLOCK.replace(
        "    - write:jira-work\n", "    - write:jira-work\n    - storage:app\n    - read:me\n"
    )


def test_add_to_a_block_list_at_the_end_of_a_file_without_newline():
    assert added("permissions:\n  scopes:\n  - a:b", "c:d") == "permissions:\n  scopes:\n  - a:b\n  - c:d"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("permissions:\n  scopes: [a:b]\n", "permissions:\n  scopes: [a:b, c:d]\n"),
        ("permissions:\n  scopes: []\n", "permissions:\n  scopes: [c:d]\n"),
        ("permissions:\n  scopes:\n", "permissions:\n  scopes:\n    - c:d\n"),
        ("permissions:\n  external: {}\n", "permissions:\n  scopes:\n    - c:d\n  external: {}\n"),
        ("app:\n  id: x\n", "app:\n  id: x\npermissions:\n  scopes:\n    - c:d\n"),
        ("app:\n  id: x", "app:\n  id: x\npermissions:\n  scopes:\n    - c:d\n"),
    ],
)
def test_add_in_every_starting_shape(before, after):
    assert added(before, "c:d") == after


def test_apply_edits_counts_duplicates_once_and_skips_overlaps():
    text = "0123456789"
    edits = [
        Edit("f", 2, 4, "X"),
        Edit("f", 2, 4, "X"),
        Edit("f", 3, 6, "Y"),
        Edit("f", 8, 8, "a"),
        Edit("f", 8, 8, "b"),
    ]
    assert apply_edits(text, edits) == ("01X4567ab89", 3)


FIX_MANIFEST = """\
# Approvals app
modules:
  function:
    - key: main
      handler: index.run   # the resolver
permissions:
  scopes:
    - write:jira-work  # left over from v1
    - storage:app
app:
  id: ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000
"""
FIX_CODE = """\
import api, { route, storage } from '@forge/api';

export async function run(key) {
  await storage.set('k', key);
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`);
}
"""


def scopecheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scopecheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_fix_converges_and_keeps_the_layout(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    manifest = app / "manifest.yml"
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Applied 2 fix(es) to 1 file(s)" in result.stderr
    assert manifest.read_text() == FIX_MANIFEST.replace(
        "    - write:jira-work  # left over from v1\n    - storage:app\n",
        "    - storage:app\n    - read:jira-work\n",
    )
    again = scopecheck("lint", "app", "--select", "SC401,SC402", cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.strip() == "No findings in 1 app"
    assert not [p for p in app.iterdir() if p.name.startswith(".manifest.yml")]


def test_diff_prints_and_writes_nothing(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    before = (app / "manifest.yml").read_bytes()
    result = scopecheck("lint", "app", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert (app / "manifest.yml").read_bytes() == before
    assert result.stdout.splitlines()[:2] == ["--- a/app/manifest.yml", "+++ b/app/manifest.yml"]
    assert "-    - write:jira-work  # left over from v1" in result.stdout
    assert "+    - read:jira-work" in result.stdout
    assert "nothing written: --diff" in result.stderr


def test_unsafe_fixes_only_when_asked(tmp_path):
    write_app(tmp_path, "permissions:\n  scopes:\n    - read:jira-works\n")
    safe = scopecheck("lint", "app", "--diff", "--select", "SC201", cwd=tmp_path)
    assert safe.returncode == 0 and safe.stdout == ""
    unsafe = scopecheck("lint", "app", "--diff", "--unsafe-fixes", "--select", "SC201", cwd=tmp_path)
    assert "+    - read:jira-work\n" in unsafe.stdout
