"""SC410 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

import os
from pathlib import Path

from scopecheck.core.findings import Confidence


def manifest(*, permissions=(), optional=(), hosts=(), optional_hosts=(), extra=""):
    def items(values):
        return ", ".join(f'"{v}"' for v in values)

    return f"""{{
  "name": "T", "version": "1.0", "manifest_version": 3,
  "permissions": [{items(permissions)}],
  "optional_permissions": [{items(optional)}],
  "host_permissions": [{items(hosts)}],
  "optional_host_permissions": [{items(optional_hosts)}],
  "background": {{"service_worker": "bg.js"}}{extra}
}}
"""


ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "linter")}


def found(report, code):
    return [(f.subject, f.confidence, f.message) for f in report.reported if f.rule_id == code]


def test_all_urls_where_active_tab_would_serve(lint_extension):
    code = (
        "chrome.action.onClicked.addListener((tab) => {\n"
        "  chrome.scripting.executeScript({target: {tabId: tab.id}, files: ['inject.js']});\n});\n"
    )
    report = lint_extension(
        manifest(permissions=["scripting"], hosts=["<all_urls>"], extra=', "action": {}'),
        files={"bg.js": code, "inject.js": "document.body.style.background = 'yellow';\n"},
        select="SC409,SC410",
    )
    assert [(s, c) for s, c, _m in found(report, "SC410")] == [("<all_urls>", Confidence.HIGH)]
    assert found(report, "SC409") == []


def test_injection_outside_a_gesture_needs_the_hosts(lint_extension):
    code = "chrome.tabs.onUpdated.addListener((id) => chrome.scripting.executeScript({target: {tabId: id}, files: ['i.js']}));\n"
    report = lint_extension(
        manifest(permissions=["scripting", "tabs"], hosts=["<all_urls>"]),
        files={"bg.js": code, "i.js": ""},
        select="SC409,SC410",
    )
    assert list(report.reported) == []
