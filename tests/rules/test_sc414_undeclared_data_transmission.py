"""SC414: `required: ["none"]` while the code sends data out, at the sending line."""

from __future__ import annotations

from scopecheck.core.findings import Confidence

MANIFEST = """{
  "name": "T", "version": "1.0", "manifest_version": 3,
  "permissions": ["storage"],
  "host_permissions": ["https://api.example.com/*"],
  "background": {"scripts": ["bg.js"]},
  "content_scripts": [{"matches": ["https://docs.example.com/*"], "js": ["content.js"]}],
  "browser_specific_settings": {"gecko": {"data_collection_permissions": {"required": [%s]}}}
}
"""


def found(report):
    return [
        (f.span.path.rsplit("/", 1)[-1], f.span.line, f.subject, f.confidence)
        for f in report.reported
        if f.rule_id == "SC414"
    ]


def lint(lint_extension, bg: str, content: str = "", declared: str = '"none"'):
    return lint_extension(
        MANIFEST % declared,
        files={"bg.js": "chrome.storage.local.get('x');\n" + bg, "content.js": content},
        select="SC414",
    )


def test_each_way_of_sending_is_found_at_its_line(lint_extension):
    bg = (
        'fetch("https://api.example.com/notes", { method: "POST", body: note });\n'
        'navigator.sendBeacon("https://stats.example.com/hit", data);\n'
        'const ws = new WebSocket("wss://live.example.com/socket");\n'
        'xhr.open("POST", "https://api.example.com/save");\n'
    )
    report = lint(lint_extension, bg, content="fetch(`https://api.example.com/page?u=${location.href}`);\n")
    assert sorted(found(report)) == [
        ("bg.js", 2, "api.example.com", Confidence.HIGH),
        ("bg.js", 3, "stats.example.com", Confidence.HIGH),
        ("bg.js", 4, "live.example.com", Confidence.HIGH),
        ("bg.js", 5, "api.example.com", Confidence.HIGH),
        ("content.js", 1, "api.example.com", Confidence.HIGH),
    ]


def test_a_fixed_get_or_an_unknown_address_is_unsure(lint_extension):
    report = lint(lint_extension, 'fetch("https://lists.example.com/filters.txt");\nfetch(url);\n')
    assert sorted(found(report)) == [
        ("bg.js", 2, "lists.example.com", Confidence.LOW),
        ("bg.js", 3, "dynamic", Confidence.LOW),
    ]


def test_own_files_are_not_transmission(lint_extension):
    report = lint(lint_extension, 'fetch(chrome.runtime.getURL("data.json"));\nfetch("/rules.json");\n')
    assert found(report) == []


def test_declared_types_are_not_flagged(lint_extension):
    bg = 'fetch("https://api.example.com/notes", { method: "POST", body: note });\n'
    assert found(lint(lint_extension, bg, declared='"websiteContent"')) == []
