"""SC408 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

import pytest
from extension_support import found, manifest

from scopecheck.core.findings import Confidence


def test_missing_permission_is_certain_in_code_the_manifest_runs(lint_extension):
    report = lint_extension(
        manifest(permissions=["storage"]),
        files={
            "bg.js": "chrome.alarms.create('a', {});\nchrome.storage.local.get();\nchrome.tabs.query({});\n"
        },
        select="SC408",
    )
    [(subject, confidence, message)] = found(report, "SC408")
    assert subject == "alarms" and confidence is Confidence.HIGH and "chrome.alarms.create" in message


def test_missing_permission_settled_by_an_optional_one(lint_extension):
    report = lint_extension(
        manifest(optional=["alarms"]), files={"bg.js": "chrome.alarms.create('a', {});\n"}, select="SC408"
    )
    assert found(report, "SC408") == []


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"bg.js": "", "tools/old.js": "chrome.alarms.create('a');\n"}, "nothing the manifest names loads"),
        ({"bg.js": "if (chrome.alarms) { chrome.alarms.create('a'); }\n"}, "checks that the API exists"),
        ({"bg.js": "chrome.sidePanel?.open({});\n"}, "checks that the API exists"),
    ],
)
def test_missing_permission_unsure(lint_extension, files, reason):
    report = lint_extension(manifest(), files=files, select="SC408")
    [(_subject, confidence, message)] = found(report, "SC408")
    assert confidence is Confidence.LOW and reason in message


def test_sub_permission_needed_by_a_member(lint_extension):
    report = lint_extension(
        manifest(permissions=["downloads"]), files={"bg.js": "chrome.downloads.open(1);\n"}, select="SC408"
    )
    [(subject, confidence, _message)] = found(report, "SC408")
    assert subject == "downloads.open" and confidence is Confidence.HIGH
