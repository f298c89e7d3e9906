"""SC410 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

from extension_support import found, manifest

from scopecheck.core.findings import Confidence


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
