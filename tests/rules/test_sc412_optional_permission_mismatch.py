"""SC412 on small hand-written extensions: sure, unsure with the reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extension_support import ENV, found, manifest

from scopecheck.core.findings import Confidence


def test_requested_at_run_time_but_not_declared(lint_extension):
    code = "chrome.permissions.request({permissions: ['history'], origins: ['https://x.example/*']});\n"
    report = lint_extension(manifest(optional=["history"]), files={"bg.js": code}, select="SC412")
    [(subject, confidence, message)] = found(report, "SC412")
    assert subject == "https://x.example/*" and confidence is Confidence.HIGH and "rejects" in message


def test_optional_never_requested(lint_extension):
    code = "chrome.permissions.request({permissions: ['history']});\n"
    report = lint_extension(
        manifest(optional=["history", "bookmarks"]), files={"bg.js": code}, select="SC412"
    )
    assert [(s, c) for s, c, _m in found(report, "SC412")] == [("bookmarks", Confidence.HIGH)]


def test_optional_never_requested_unsure_when_the_request_is_dynamic(lint_extension):
    code = "chrome.permissions.request({permissions: wanted});\n"
    report = lint_extension(manifest(optional=["bookmarks"]), files={"bg.js": code}, select="SC412")
    [(_s, confidence, message)] = found(report, "SC412")
    assert confidence is Confidence.LOW and "built at run time" in message


def test_example_extension_stays_clean(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "tab-notes-extension"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scopecheck",
            "lint",
            str(example),
            "--select",
            "SC407,SC408,SC409,SC410,SC411,SC412",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env=ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
