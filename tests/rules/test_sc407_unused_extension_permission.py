"""SC407 on small hand-written extensions: sure, unsure with the reason, and fixed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from extension_support import ENV, found, manifest

from conftest import write_extension
from scopecheck.core.findings import Confidence, ListChange
from scopecheck.core.fixes import check_edited, plan_changes
from scopecheck.source.files import SourceText
from scopecheck.source.json_nodes import parse_json
from scopecheck.source.yaml_edit import Refused, apply


def test_unused_permission_is_certain_when_all_code_is_read(lint_extension):
    report = lint_extension(
        manifest(permissions=["storage", "bookmarks", "alarms"]),
        files={
            "bg.js": "import { save } from './lib/save.js';\nchrome.alarms.create('a', {});\nsave();\n",
            "lib/save.js": "export const save = () => browser.storage.local.set({a: 1});\n",
        },
        select="SC407",
    )
    [(subject, confidence, message)] = found(report, "SC407")
    assert subject == "bookmarks" and confidence is Confidence.HIGH
    assert "unsure" not in message
    assert report.reported[0].fix is not None


def test_aliases_polyfill_and_exports_count_as_uses(lint_extension):
    report = lint_extension(
        manifest(permissions=["storage", "bookmarks", "history", "cookies"]),
        files={
            "bg.js": (
                "import browser from 'webextension-polyfill';\nimport api from './api.js';\n"
                "const { bookmarks } = chrome;\nbookmarks.getTree();\nbrowser.history.search({text: ''});\n"
                "api.cookies.getAll({});\nconst s = globalThis.browser ?? chrome;\ns.storage.sync.get();\n"
            ),
            "api.js": "export default globalThis.browser || chrome;\n",
        },
        select="SC407",
    )
    assert found(report, "SC407") == []


def test_popup_html_script_and_inline_code_are_read(lint_extension):
    report = lint_extension(
        manifest(permissions=["storage", "topSites"], extra=', "action": {"default_popup": "ui/popup.html"}'),
        files={
            "bg.js": "chrome.storage.local.get();\n",
            "ui/popup.html": '<html><script src="popup.js"></script><script>chrome.topSites.get(() => {});</script></html>',
            "ui/popup.js": "document.title = 'x';\n",
        },
        select="SC407",
    )
    assert found(report, "SC407") == []


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"bg.js": "import x from 'webext-storage-cache';\nx();\n"}, "package `webext-storage-cache`"),
        ({"bg.js": "function call(api) { return chrome[api]; }\n"}, "computed name"),
        ({"bg.js": "setup(chrome);\n"}, "is passed to a function"),
        ({}, "does not exist"),
        ({"bg.js": "const x = 1;\n" + "a" * 25_000 + "\n"}, "minified"),
        ({"bg.js": "function f(browser) { browser.bookmarks.get('1'); }\n"}, "may not be the extension API"),
    ],
    ids=["package", "computed", "passed", "missing-entry", "minified", "parameter"],
)
def test_unused_permission_is_unsure_and_says_why(lint_extension, files, reason):
    report = lint_extension(manifest(permissions=["bookmarks"]), files=files, select="SC407")
    [(subject, confidence, message)] = found(report, "SC407")
    assert subject == "bookmarks" and confidence is Confidence.LOW
    assert reason in message
    assert report.reported[0].fix is None


@pytest.mark.parametrize("permission", ["activeTab", "tabs", "unlimitedStorage", "background"])
def test_a_permission_code_cannot_show_is_never_certainly_unused(lint_extension, permission):
    report = lint_extension(
        manifest(permissions=[permission]), files={"bg.js": "console.log(1);\n"}, select="SC407"
    )
    [(subject, confidence, _message)] = found(report, "SC407")
    assert subject == permission and confidence is Confidence.LOW


@pytest.mark.parametrize(
    ("permission", "files", "extra"),
    [
        ("declarativeNetRequest", {"bg.js": ""}, ', "declarative_net_request": {"rule_resources": []}'),
        ("favicon", {"bg.js": "const u = chrome.runtime.getURL('/_favicon/');\n"}, ""),
        ("clipboardWrite", {"bg.js": "navigator.clipboard.writeText('x');\n"}, ""),
        ("contextMenus", {"bg.js": "browser.menus.create({id: 'a'});\n"}, ""),
        ("notifications", {"bg.js": "chrome.notifications.create({});\n"}, ""),
        ("notifications", {"bg.js": "new Notification('hi');\n"}, ""),
    ],
)
def test_other_signals_show_a_permission_is_used(lint_extension, permission, files, extra):
    report = lint_extension(manifest(permissions=[permission], extra=extra), files=files, select="SC407")
    assert found(report, "SC407") == []


def test_fix_removes_the_permission_and_keeps_comments(tmp_path):
    text = """{
  "name": "T", "version": "1.0", "manifest_version": 3,
  // what we need
  "permissions": [
    "storage", // notes
    "bookmarks", // left over
    "alarms" /* reminders */
  ],
  "background": {"service_worker": "bg.js"}
}
"""
    ext = write_extension(tmp_path, text, files={"bg.js": "chrome.storage.local.get();\n"})
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "ext", "--fix", "--select", "SC407"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env=ENV,
    )
    assert "Applied 2 fix(es)" in result.stderr, result.stdout + result.stderr
    assert (ext / "manifest.json").read_text() == text.replace(
        '    "storage", // notes\n    "bookmarks", // left over\n    "alarms" /* reminders */\n',
        '    "storage" // notes\n',
    )


@pytest.mark.parametrize(
    ("before", "remove", "after"),
    [
        ('{"p": ["a", "b", "c"]}', [1], '{"p": ["a", "c"]}'),
        ('{"p": ["a", "b", "c"]}', [2], '{"p": ["a", "b"]}'),
        ('{"p": ["a"]}', [0], '{"p": []}'),
        ('{"p": [\n  "a",\n  "b"\n]}', [1], '{"p": [\n  "a"\n]}'),
        ('{"p": [\n  "a", // one\n  "b" // two\n]}', [0], '{"p": [\n  "b" // two\n]}'),
        ('{"p": [\r\n  "a",\r\n  "b"\r\n]}', [0], '{"p": [\r\n  "b"\r\n]}'),
    ],
)
def test_json_list_item_removal_keeps_everything_else(before, remove, after):
    doc = parse_json(SourceText.from_text(Path("m.json"), "m.json", before))
    offsets = tuple(doc.root.get("p").items[i].span.start_offset for i in remove)
    plan = plan_changes(doc, [ListChange("m.json", ("p",), remove=offsets)])
    edited = apply(before, plan.edits)
    assert edited == after
    assert check_edited(doc, edited, plan) is None


def test_json_edit_refuses_to_add():
    doc = parse_json(SourceText.from_text(Path("m.json"), "m.json", '{"p": []}'))
    with pytest.raises(Refused):
        plan_changes(doc, [ListChange("m.json", ("p",), add=("x",))])
