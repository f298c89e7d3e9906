"""SC304 unsafe-content: `unsafe-inline`, `unsafe-eval`, `unsafe-hashes` in `permissions.content`."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


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
            "lets any inline script run (`<script>` blocks, `onclick=` handlers, `javascript:` URLs): "
            "one injected snippet acts as the user with every scope the app has",
            id="inline",
        ),
        pytest.param(
            "scripts",
            "unsafe-eval",
            "lets code build and run new code from strings (`eval`, `new Function`)",
            id="eval",
        ),
        pytest.param(
            "scripts", "unsafe-hashes", "lets inline event handlers whose hash is listed run", id="hashes"
        ),
        pytest.param(
            "styles",
            "unsafe-inline",
            "lets inline `<style>` blocks and `style=` attributes apply: injected markup can restyle, "
            "hide or overlay parts of the page, but runs no script",
            id="styles-inline",
        ),
        pytest.param(
            "styles",
            "unsafe-hashes",
            "lets inline `style=` attributes whose hash is listed apply; no script runs",
            id="styles-hashes",
        ),
    ],
)
def test_messages(lint_app, kind, value, why):
    report = lint_app(f"permissions:\n  content:\n    {kind}:\n      - \"'{value}'\"\n", select="SC304")
    [finding] = report.reported
    assert finding.message == f"`{value}` in content.{kind} {why}"
    assert finding.subject == f"{kind}:{value}"
    assert finding.severity is (Severity.INFO if kind == "styles" else Severity.WARNING)


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


def test_issue_8_styles_are_not_worded_as_scripts(lint_app):
    """`styles: unsafe-inline` does not let any script run, and is graded below scripts."""
    report = lint_app(
        "permissions:\n  content:\n    scripts: [unsafe-inline]\n    styles: [unsafe-inline]\n",
        select="SC304",
    )
    scripts, styles = report.reported
    assert "script" not in styles.message.replace("runs no script", "")
    assert "inline script run" in scripts.message
    assert (scripts.severity, styles.severity) == (Severity.WARNING, Severity.INFO)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        pytest.param(
            "  styles:unsafe-inline:\n    justification: The charting library injects inline styles.\n"
            "    risk-accepted: SEC-7\n",
            [],
            id="justified-with-accepted-risk-settles-it",
        ),
        pytest.param(
            "  unsafe-inline:\n    justification: The charting library injects inline styles.\n"
            "    risk-accepted: SEC-7\n",
            [],
            id="entry-for-both-kinds",
        ),
        pytest.param(
            "  styles:unsafe-inline:\n    justification: The charting library injects inline styles.\n",
            [("manifest.yml", 4, 14, "SC304")],
            id="justification-alone-does-not",
        ),
        pytest.param(
            "  styles:unsafe-inline: The charting library injects inline styles.\n",
            [("manifest.yml", 4, 14, "SC304")],
            id="shorthand-cannot-accept-risk",
        ),
        pytest.param(
            "  scripts:unsafe-inline:\n    justification: The charting library injects inline styles.\n"
            "    risk-accepted: SEC-7\n",
            [("manifest.yml", 4, 14, "SC304")],
            id="the-other-kind-does-not",
        ),
    ],
)
def test_issue_8_accepted_risk_in_the_registry_settles_it(lint_app, entry, expected):
    manifest = "permissions:\n  content:\n    scripts: []\n    styles: [unsafe-inline]\n"
    report = lint_app(manifest, registry="version: 1\ncontent:\n" + entry, select="SC304")
    assert positions(report) == expected


def test_justified_without_accepted_risk_points_at_the_entry(lint_app):
    report = lint_app(
        "permissions:\n  content:\n    scripts: [unsafe-eval]\n",
        registry="version: 1\ncontent:\n  unsafe-eval:\n    justification: The formula editor compiles formulas.\n",
        select="SC304",
    )
    [finding] = report.reported
    assert [(r.span.line, r.label) for r in finding.related] == [
        (3, "justified here, without `risk-accepted`")
    ]
    assert finding.help == (
        "remove it if the app can do without; otherwise add `risk-accepted: <ticket>` to its entry in "
        "app/permissions.yml"
    )
