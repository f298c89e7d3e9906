"""SC304 unsafe-content: `unsafe-inline`, `unsafe-eval`, `unsafe-hashes` in `permissions.content`."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.findings import Severity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "permissions:\n  content:\n    scripts:\n      - 'sha256-abc='\n      - unsafe-inline\n",
            [("manifest.yml", 5, 9, "SC304")],
            id="block-list-hash-is-fine",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts: [unsafe-eval, unsafe-hashes]\n    styles: [unsafe-inline]\n",
            [
                ("manifest.yml", 3, 15, "SC304"),
                ("manifest.yml", 3, 28, "SC304"),
                ("manifest.yml", 4, 14, "SC304"),
            ],
            id="flow-lists-scripts-and-styles",
        ),
        pytest.param(
            "permissions:\n  content:\n    styles:\n      - \"'unsafe-inline'\"\n      - '\"unsafe-eval\"'\n",
            [("manifest.yml", 4, 9, "SC304"), ("manifest.yml", 5, 9, "SC304")],
            id="csp-quotes-inside-the-yaml-string",
        ),
        pytest.param(
            "permissions:\n  content:\n    styles:\n      - unsafe-allow-redirects\n      - unsafe-inline-x\n"
            "      - unsafe\n      - unsafe-inline\n",
            [("manifest.yml", 7, 9, "SC304")],
            id="only-the-three-keywords",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts: [unsafe-eval]\npermissions:\n  content:\n    styles: [unsafe-inline]\n",
            [
                ("manifest.yml", 3, 15, "SC304"),
                ("manifest.yml", 4, 1, "SC001"),
                ("manifest.yml", 6, 14, "SC304"),
            ],
            id="duplicated-permissions",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts: [unsafe-eval]\n  external:\n    scripts: [unsafe-inline]\n",
            [("manifest.yml", 3, 15, "SC304")],
            id="external-scripts-are-hosts-not-content",
        ),
    ],
)
def test_unsafe_content(lint_app, text, expected):
    assert positions(lint_app(text, select="SC304")) == expected


@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [
        pytest.param(
            "scripts",
            "unsafe-inline",
            "lets any inline script or style run: the main defence against injected code is gone",
            id="inline",
        ),
        pytest.param(
            "scripts",
            "unsafe-eval",
            "lets code build and run new code from strings (`eval`, `new Function`)",
            id="eval",
        ),
        pytest.param(
            "styles", "unsafe-hashes", "lets inline event handlers with a listed hash run", id="hashes"
        ),
    ],
)
def test_messages(lint_app, kind, value, why):
    report = lint_app(f"permissions:\n  content:\n    {kind}:\n      - \"'{value}'\"\n", select="SC304")
    [finding] = report.reported
    assert finding.message == f"`{value}` in content.{kind} {why}"
    assert finding.subject == f"{kind}:{value}"
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        pytest.param("rules:\n  SC304: error\n", Severity.ERROR, id="by-id"),
        pytest.param("rules:\n  unsafe-content: {severity: info}\n", Severity.INFO, id="by-name"),
    ],
)
def test_severity(lint_app, policy, severity):
    report = lint_app(
        "permissions:\n  content:\n    styles: [unsafe-inline]\n", policy=policy, select="SC304"
    )
    assert [(f.span.line, f.severity) for f in report.reported] == [(3, severity)]


def test_off_and_ignore(tmp_path):
    text = "permissions:\n  content:\n    scripts: [unsafe-eval]\n    styles: [unsafe-inline]\n"
    off = write_app(tmp_path / "off", text, None, "rules:\n  unsafe-content: off\n")
    assert positions(run_lint([off], cwd=tmp_path), rule="SC304") == []
    ign = write_app(tmp_path / "ign", text, None, "rules:\n  SC304: {ignore: ['styles:unsafe-inline']}\n")
    report = run_lint([ign], cwd=tmp_path, select="SC304")
    assert positions(report) == [("manifest.yml", 3, 15, "SC304")]
    assert [(f.subject, f.suppression.kind) for f in report.ignored] == [("styles:unsafe-inline", "config")]
