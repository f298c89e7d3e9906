"""SC409 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

from extension_support import found, manifest

from scopecheck.core.findings import Confidence


def test_a_filter_as_wide_as_the_pattern_is_not_narrower(lint_extension):
    code = "chrome.webRequest.onBeforeRequest.addListener(() => {}, {urls: ['https://*/*']});\n"
    report = lint_extension(
        manifest(permissions=["webRequest"], hosts=["https://*/*"]), files={"bg.js": code}, select="SC409"
    )
    assert found(report, "SC409") == []


def test_static_rules_need_the_hosts(lint_extension):
    extra = ', "declarative_net_request": {"rule_resources": []}'
    report = lint_extension(manifest(hosts=["<all_urls>"], extra=extra), files={"bg.js": ""}, select="SC409")
    assert found(report, "SC409") == []


def test_all_urls_broader_than_the_hosts_fetched(lint_extension):
    report = lint_extension(
        manifest(hosts=["<all_urls>"]),
        files={
            "bg.js": "fetch('https://api.example.com/v1');\nfetch(`https://cdn.example.com/${x}`);\nfetch('/local.json');\n"
        },
        select="SC409",
    )
    [(subject, confidence, message)] = found(report, "SC409")
    assert subject == "<all_urls>" and confidence is Confidence.HIGH
    assert "`api.example.com`, `cdn.example.com`" in message


def test_a_fetch_to_any_host_says_nothing(lint_extension):
    report = lint_extension(
        manifest(hosts=["<all_urls>"]), files={"bg.js": "fetch(url);\n"}, select="SC409,SC410"
    )
    assert list(report.reported) == []


def test_reading_tabs_without_tabs_makes_hosts_unsure(lint_extension):
    report = lint_extension(
        manifest(hosts=["*://*.example.com/*"]),
        files={"bg.js": "fetch('https://a.example.com/x');\nchrome.tabs.query({}, t => t[0].url);\n"},
        select="SC409",
    )
    [(_subject, confidence, message)] = found(report, "SC409")
    assert confidence is Confidence.LOW and "reveal their url" in message
