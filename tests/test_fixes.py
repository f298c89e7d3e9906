"""Fixes: every layout survives, changes to one file are planned together and checked, a file
that changed since it was read is never written, links and files outside the repository are
never written (issue 8, items 1-6)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import write_app
from scopecheck.core.atomic import ChangedOnDisk, write_atomic
from scopecheck.core.findings import ListChange
from scopecheck.core.fixes import FixError, fix_until_stable, write_fixes
from scopecheck.ecosystems.forge.adapter import read_manifest
from scopecheck.ecosystems.forge.fixes import scope_fix
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_edit import Refused, apply, check_edited, plan_changes
from scopecheck.source.yaml_nodes import parse_yaml


def document(text: str):
    return parse_yaml(SourceText.from_text(Path("manifest.yml"), "manifest.yml", text))


def changed(text: str, add: tuple[str, ...] = (), remove: tuple[str, ...] = ()) -> str:
    """`text` with scopes added and removed, through the planner and its check."""
    doc = document(text)
    offsets: list[int] = []
    if remove:
        manifest, _problems = read_manifest(doc)
        assert manifest is not None
        offsets = [s.span.start_offset for s in manifest.scopes if s.name in remove]
    plan = plan_changes(doc, [ListChange("manifest.yml", ("permissions", "scopes"), add, tuple(offsets))])
    new = apply(text, plan.edits)
    assert check_edited(doc, new, plan) is None
    return new


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
    assert changed(BLOCK, remove=("read:jira-work",)) == BLOCK.replace(
        "    - read:jira-work   # reads issues\n", ""
    )
    assert changed(BLOCK, remove=("write:jira-work",)) == BLOCK.replace("    - write:jira-work\n", "")


def test_add_to_a_block_list_keeps_its_indent():
    assert changed(BLOCK, add=("storage:app", "read:me")) == BLOCK.replace(
        "    - write:jira-work\n", "    - write:jira-work\n    - storage:app\n    - read:me\n"
    )


@pytest.mark.parametrize(
    ("before", "add", "remove", "after"),
    [
        # flow lists (item 3)
        ("permissions:\n  scopes: [a:b, c:d, e:f]\n", (), ("c:d",), "permissions:\n  scopes: [a:b, e:f]\n"),
        ("permissions:\n  scopes: [a:b, c:d, e:f]\n", (), ("a:b",), "permissions:\n  scopes: [c:d, e:f]\n"),
        ("permissions:\n  scopes: [a:b]\n", (), ("a:b",), "permissions:\n  scopes: []\n"),
        ("permissions:\n  scopes: [read:jira-work]\n", ("storage:app",), ("read:jira-work",),
         "permissions:\n  scopes: [storage:app]\n"),
        ("permissions:\n  scopes: [a:b, ]\n", ("c:d",), ("a:b",), "permissions:\n  scopes: [c:d]\n"),
        ("permissions:\n  scopes: [\n    a:b,  # first\n    c:d\n  ]\n", ("e:f",), ("c:d",),
         "permissions:\n  scopes: [\n    a:b, e:f # first\n  ]\n"),
        ("permissions:\n  scopes: [\n    a:b,  # first\n    c:d,\n  ]\n", ("e:f",), ("a:b",),
         "permissions:\n  scopes: [\n     # first\n    c:d, e:f,\n  ]\n"),
        ("permissions:\n  scopes: [a:b]\n", ("c:d",), (), "permissions:\n  scopes: [a:b, c:d]\n"),
        ("permissions:\n  scopes: []\n", ("c:d",), (), "permissions:\n  scopes: [c:d]\n"),
        # block lists in other layouts (item 4)
        ("permissions:\n  scopes:\n    -   a:b\n", ("c:d",), (), "permissions:\n  scopes:\n    -   a:b\n    -   c:d\n"),
        ("permissions:\n  scopes:\n  - a:b\n", ("c:d",), (), "permissions:\n  scopes:\n  - a:b\n  - c:d\n"),
        ("permissions:\n    scopes:\n        - a:b\n", ("c:d",), ("a:b",), "permissions:\n    scopes:\n        - c:d\n"),
        ("permissions:\n  scopes:\n    - a:b\n", (), ("a:b",), "permissions:\n  scopes: []\n"),
        ("permissions:\n  scopes:\n  - a:b", ("c:d",), (), "permissions:\n  scopes:\n  - a:b\n  - c:d"),
        ("permissions:\n  scopes:\n    - a:b\n    - c:d", ("x:y",), ("c:d",), "permissions:\n  scopes:\n    - a:b\n    - x:y"),
        # a list or its parents missing or empty (items 1 and 4)
        ("permissions:\n  scopes:\n", ("c:d",), (), "permissions:\n  scopes:\n    - c:d\n"),
        ("permissions:\n  scopes: ~\n", ("c:d",), (), "permissions:\n  scopes: [c:d]\n"),
        ("permissions:\n", ("c:d",), (), "permissions:\n  scopes:\n    - c:d\n"),
        ("permissions: {}\n", ("c:d",), (), "permissions: {scopes: [c:d]}\n"),
        ("permissions: {external: {images: [x.io]}}\n", ("c:d",), (),
         "permissions: {scopes: [c:d], external: {images: [x.io]}}\n"),
        ("permissions:\n  external: {}\n", ("c:d",), (), "permissions:\n  external: {}\n  scopes:\n    - c:d\n"),
        ("permissions:\n    external:\n        images:\n            - x.io\n", ("c:d", "e:f"), (),
         "permissions:\n    external:\n        images:\n            - x.io\n    scopes:\n        - c:d\n        - e:f\n"),
        ("app:\n  id: x\n", ("c:d", "e:f"), (), "app:\n  id: x\npermissions:\n  scopes:\n    - c:d\n    - e:f\n"),
        ("app:\n  id: x", ("c:d",), (), "app:\n  id: x\npermissions:\n  scopes:\n    - c:d"),
        ("app:\n    id: x\n", ("c:d",), (), "app:\n    id: x\npermissions:\n    scopes:\n        - c:d\n"),
        ("{}\n", ("c:d", "e:f"), (), "permissions:\n  scopes:\n    - c:d\n    - e:f\n"),
        ("app:\n  id: x\n...\n", ("c:d",), (), "app:\n  id: x\npermissions:\n  scopes:\n    - c:d\n...\n"),
        ("app:\n  id: x\n# the end\n", ("c:d",), (), "app:\n  id: x\npermissions:\n  scopes:\n    - c:d\n# the end\n"),
        # line endings (item 4)
        ("permissions:\r\n  scopes:\r\n    - a:b\r\n", ("c:d",), ("a:b",), "permissions:\r\n  scopes:\r\n    - c:d\r\n"),
        ("app:\r\n  id: x\r\n", ("c:d",), (), "app:\r\n  id: x\r\npermissions:\r\n  scopes:\r\n    - c:d\r\n"),
        ("permissions:\r  scopes:\r    - a:b\r", ("c:d",), (), "permissions:\r  scopes:\r    - a:b\r    - c:d\r"),
        ("app:\n  id: x\r\npermissions:\r\n  scopes:\r\n    - a:b\r\n", ("c:d",), (),
         "app:\n  id: x\r\npermissions:\r\n  scopes:\r\n    - a:b\r\n    - c:d\r\n"),
        # names that need quotes stay strings
        ("permissions:\n  scopes: []\n", ("yes", "a: b"), (), 'permissions:\n  scopes: ["yes", "a: b"]\n'),
    ],
)  # fmt: skip
def test_layouts(before, add, remove, after):
    assert changed(before, add, remove) == after


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("base: &b\n  - a:b\npermissions:\n  scopes: *b\n", "alias"),
        ("permissions:\n  scopes: &s\n    - a:b\nother: *s\n", "anchor"),
        ("permissions:\n  scopes:\n    - &x a:b\n", "anchor"),
        ("base: &p {scopes: [a:b]}\npermissions:\n  <<: *p\n", "anchor"),
        ("permissions:\n  scopes: [a:b]\npermissions:\n  scopes: [c:d]\n", "duplicate"),
        ("permissions:\n  scopes:\n    - a:b\u2028", "line breaks"),
        ("permissions:\n  scopes: 12\n", "not a list"),
    ],
)
def test_refuses_what_it_would_have_to_guess(text, reason):
    with pytest.raises(Refused, match=reason):
        changed(text, add=("storage:app",))


def test_a_fix_that_cannot_be_made_says_why_in_the_help():
    manifest, _problems = read_manifest(document("base: &b\n  - a:b\npermissions:\n  scopes: *b\n"))
    assert manifest is not None
    fix, refusal = scope_fix(manifest, "add", add=["storage:app"])
    assert fix is None and refusal is not None and "alias" in refusal


def test_the_check_catches_an_edit_that_reads_differently():
    doc = document(BLOCK)
    plan = plan_changes(doc, [ListChange("manifest.yml", ("permissions", "scopes"), ("storage:app",))])
    assert check_edited(doc, BLOCK.replace("id: x", "id: y") + "    - storage:app\n", plan) is not None
    good = apply(BLOCK, plan.edits)
    assert check_edited(doc, good.replace("# keep write", "# kept write"), plan) == (
        "the edit would lose or move a comment"
    )
    assert (
        check_edited(doc, good.replace("\n", "\r\n"), plan) == "the edit would change the file's line endings"
    )


# ---------------------------------------------------------------- end to end

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
TWO_NEEDS_CODE = """\
import api, { route, storage } from '@forge/api';

export async function run() {
  await storage.get('k');
  return api.asApp().requestJira(route`/rest/api/3/myself`);
}
"""
NO_PERMISSIONS = """\
modules:
  function:
    - key: main
      handler: index.run
app:
  id: ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000
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


@pytest.mark.parametrize(
    "manifest",
    [NO_PERMISSIONS, NO_PERMISSIONS + "permissions:\n  external:\n    images:\n      - x.example.com\n"],
    ids=["no-permissions", "only-external"],
)
def test_issue_8_1_two_missing_scopes_make_one_block(tmp_path, manifest):
    app = write_app(tmp_path, manifest, files={"src/index.js": TWO_NEEDS_CODE})
    result = scopecheck("lint", "app", "--fix", "--select", "SC401", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (app / "manifest.yml").read_text()
    assert text.count("permissions:") == 1 and text.count("scopes:") == 1
    assert text.startswith(manifest)  # appended, nothing before it changed
    assert "- storage:app" in text and "- read:jira-user" in text
    again = scopecheck("lint", "app", "--fix", "--select", "SC401", cwd=tmp_path)
    assert again.returncode == 0 and (app / "manifest.yml").read_text() == text


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        ("  scopes:\n    -   write:jira-work\n    -   storage:app\n", "  scopes:\n    -   storage:app\n    -   read:jira-work\n"),
        ("  scopes: [write:jira-work, storage:app]\n", "  scopes: [storage:app, read:jira-work]\n"),
        ("  scopes: [write:jira-work]\n", "  scopes: [storage:app, read:jira-work]\n"),
        ("    scopes:\n        - write:jira-work\n", "    scopes:\n        - storage:app\n        - read:jira-work\n"),
    ],
)  # fmt: skip
def test_issue_8_3_and_4_fix_twice_changes_nothing_more(tmp_path, scopes, expected):
    manifest = NO_PERMISSIONS + "permissions:\n" + scopes
    app = write_app(tmp_path, manifest, files={"src/index.js": FIX_CODE})
    first = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (app / "manifest.yml").read_text() == NO_PERMISSIONS + "permissions:\n" + expected
    second = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert second.returncode == 0 and "Applied" not in second.stderr
    assert (app / "manifest.yml").read_text() == NO_PERMISSIONS + "permissions:\n" + expected


def test_issue_8_4_crlf_and_bom_are_kept(tmp_path):
    app = write_app(tmp_path, "x: 1\n", files={"src/index.js": FIX_CODE})
    text = FIX_MANIFEST.replace("\n", "\r\n")
    (app / "manifest.yml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (app / "manifest.yml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"    - read:jira-work\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_issue_8_4_anchored_scopes_are_left_alone_with_a_reason(tmp_path):
    manifest = NO_PERMISSIONS + "common: &common\n  - write:jira-work\npermissions:\n  scopes: *common\n"
    app = write_app(tmp_path, manifest, files={"src/index.js": FIX_CODE})
    before = (app / "manifest.yml").read_bytes()
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=tmp_path)
    assert (app / "manifest.yml").read_bytes() == before
    assert "--fix cannot" in result.stdout and "alias" in result.stdout


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


# ---------------------------------------------------------------- item 2: races


def _lint(app_root: Path):
    from scopecheck.core.engine import lint
    from scopecheck.core.settings import CliOverrides
    from scopecheck.ecosystems import RULES, TOOLKIT

    cli = CliOverrides(select=RULES.resolve(["SC401,SC402"])[0])
    return lambda overlay: lint([app_root / "app"], cli, cwd=app_root, overlay=overlay, toolkit=TOOLKIT)


def test_issue_8_2_a_file_changed_after_the_lint_read_it_is_not_fixed(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    lint_with = _lint(tmp_path)
    saved = FIX_MANIFEST.replace("app:\n", "images: [x]\napp:\n")

    def lint_then_user_saves(overlay):
        report = lint_with(overlay)
        if not overlay:
            (app / "manifest.yml").write_text(saved)
        return report

    with pytest.raises(FixError, match="changed while scopecheck read it"):
        fix_until_stable(lint_then_user_saves)
    assert (app / "manifest.yml").read_text() == saved


def test_issue_8_2_a_file_changed_before_the_write_is_left_as_it_is(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    outcome = fix_until_stable(_lint(tmp_path))
    assert outcome.changed
    saved = FIX_MANIFEST + "# the user's edit\n"
    (app / "manifest.yml").write_text(saved)
    with pytest.raises(FixError, match="changed while scopecheck was fixing it"):
        write_fixes(outcome, [tmp_path])
    assert (app / "manifest.yml").read_text() == saved


def test_issue_8_2_write_atomic_checks_the_bytes_just_before_the_rename(tmp_path):
    target = tmp_path / "f.yml"
    target.write_text("a: 1\n")
    with pytest.raises(ChangedOnDisk):
        write_atomic(target, "a: 2\n", expect=b"a: 0\n")
    assert target.read_text() == "a: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yml"]
    write_atomic(target, "a: 2\n", expect=b"a: 1\n")
    assert target.read_text() == "a: 2\n"


def test_issue_8_2_two_concurrent_fix_runs_never_lose_a_line(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    command = [sys.executable, "-m", "scopecheck", "lint", "app", "--fix", "--select", "SC401,SC402"]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for run in runs:
        run.communicate(timeout=60)
    text = (app / "manifest.yml").read_text()
    for line in ("# Approvals app", "handler: index.run   # the resolver", "app:", "- storage:app"):
        assert line in text
    assert text.count("read:jira-work") == 1
    assert document(text).problems == []


# ---------------------------------------------------------------- item 5: fixes that break the app

HTTP_MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
permissions:
  external:
    fetch:
      backend:
        - http://api.example.com
"""


def test_issue_8_5_https_fix_is_unsafe_while_the_code_fetches_http(tmp_path):
    code = (
        "import { fetch } from '@forge/api';\nexport const run = () => fetch('http://api.example.com/v1');\n"
    )
    write_app(tmp_path, HTTP_MANIFEST, files={"src/index.js": code})
    result = scopecheck("lint", "app", "--format", "json", cwd=tmp_path)
    import json

    sc303 = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "SC303"]
    assert sc303 and sc303[0]["fix"]["safe"] is False
    assert "app/src/index.js:2" in sc303[0]["help"]
    fixed = scopecheck("lint", "app", "--fix", cwd=tmp_path)
    assert "http://api.example.com" in (tmp_path / "app" / "manifest.yml").read_text(), fixed.stderr


def test_issue_8_5_https_fix_is_safe_when_no_code_uses_http(tmp_path):
    code = (
        "import { fetch } from '@forge/api';\nexport const run = () => fetch('https://api.example.com/v1');\n"
    )
    write_app(tmp_path, HTTP_MANIFEST, files={"src/index.js": code})
    scopecheck("lint", "app", "--fix", "--select", "SC303", cwd=tmp_path)
    text = (tmp_path / "app" / "manifest.yml").read_text()
    assert "https://api.example.com" in text


# ---------------------------------------------------------------- item 6: writes outside the app


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_issue_8_6_fix_does_not_write_through_a_link(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    real = outside / "manifest.yml"
    real.write_text(textwrap.dedent(FIX_MANIFEST))
    repo = tmp_path / "repo"
    app = write_app(repo, "x: 1\n", files={"src/index.js": FIX_CODE})
    (app / "manifest.yml").unlink()
    (app / "manifest.yml").symlink_to(real)
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=repo)
    assert result.returncode == 2
    assert "symbolic link" in result.stderr and "nothing was written" in result.stderr
    assert real.read_text() == FIX_MANIFEST
    assert (app / "manifest.yml").is_symlink()


def test_fix_writes_in_the_repository_of_the_path_named_not_of_the_working_directory(tmp_path):
    """`scopecheck lint ../other-app --fix` run from another repository fixes that app."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    app = write_app(repo, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    result = scopecheck("lint", str(app), "--fix", "--select", "SC401,SC402", cwd=elsewhere)
    assert result.returncode in (0, 1), result.stderr
    assert (app / "manifest.yml").read_text() != FIX_MANIFEST
    assert sorted(p.name for p in elsewhere.iterdir()) == [".git"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_issue_8_6_fix_does_not_write_through_a_linked_folder_out_of_the_repository(tmp_path):
    outside = tmp_path / "outside"
    write_app(outside, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "app").symlink_to(outside / "app")
    result = scopecheck("lint", "app", "--fix", "--select", "SC401,SC402", cwd=repo)
    assert result.returncode == 2
    assert "outside the repository" in result.stderr and "nothing was written" in result.stderr
    assert (outside / "app" / "manifest.yml").read_text() == FIX_MANIFEST


# ---------------------------------------------------------------- when fixes are checked


def test_a_fix_whose_edit_fails_its_check_is_dropped_where_the_edits_are_used(tmp_path, monkeypatch):
    """The check costs a parse per fix, so the engine runs it only when the edits are used
    (--fix, --diff, JSON); then a fix that fails it is dropped and the help says why."""
    from conftest import run_lint
    from scopecheck.core import fixes
    from scopecheck.core.settings import CliOverrides

    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    calls: list[str] = []

    def failing(doc, fix):
        calls.append(fix.description)
        return "the edited file would read differently than intended"

    monkeypatch.setattr(fixes, "fix_problem", failing)
    checked = run_lint([app], cwd=tmp_path, select="SC402")
    [finding] = checked.reported
    assert finding.fix is None and "(--fix cannot: the edited file would read differently" in finding.help
    assert len(calls) == 1
    from scopecheck.core.engine import lint
    from scopecheck.ecosystems import RULES, TOOLKIT

    select = RULES.resolve(["SC402"])[0]
    unchecked = lint([app], CliOverrides(select=select, verify_fixes=False), cwd=tmp_path, toolkit=TOOLKIT)
    [finding] = unchecked.reported
    assert finding.fix is not None and len(calls) == 1


def test_text_output_does_not_check_fixes_but_json_and_fix_do(tmp_path):
    app = write_app(tmp_path, FIX_MANIFEST, files={"src/index.js": FIX_CODE})
    probe = (
        "import sys, scopecheck.core.fixes as f\n"
        "real = f.fix_problem\n"
        "def counted(doc, fix):\n    print('checked', file=sys.stderr)\n    return real(doc, fix)\n"
        "f.fix_problem = counted\n"
        "from scopecheck.cli import main\n"
        "sys.argv = ['scopecheck', *sys.argv[1:]]\n"
        "main()\n"
    )

    def checks(*args: str) -> int:
        result = subprocess.run(
            [sys.executable, "-c", probe, "lint", str(app), "--select", "SC402", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )
        return result.stderr.count("checked")

    assert checks() == 0
    assert checks("-f", "json") == 1
    assert checks("--diff") >= 1
