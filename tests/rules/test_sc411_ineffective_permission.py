"""SC411 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

from extension_support import found, manifest

from scopecheck.core.findings import Confidence


def test_web_request_blocking_in_mv3(lint_extension):
    report = lint_extension(
        manifest(permissions=["webRequest", "webRequestBlocking"]), files={"bg.js": ""}, select="SC411"
    )
    [(subject, confidence, _message)] = found(report, "SC411")
    assert subject == "webRequestBlocking" and confidence is Confidence.HIGH
