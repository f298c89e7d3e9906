"""SC211: a Manifest V2 extension (the Chrome Web Store requires V3); it is still checked."""

from __future__ import annotations

from conftest import positions

MV2 = '{\n  "name": "x",\n  "version": "1",\n  "manifest_version": 2,\n  "permissions": ["tabs", "https://a.example/*"]\n}\n'


def test_mv2_is_flagged_at_its_version(lint_extension):
    report = lint_extension(MV2, select="SC211")
    assert positions(report) == [("manifest.json", 4, 23, "SC211")]
    assert "Chrome Web Store requires Manifest V3" in report.reported[0].message


def test_mv3_is_not(lint_extension):
    report = lint_extension(MV2.replace('"manifest_version": 2', '"manifest_version": 3'), select="SC211")
    assert positions(report, rule="SC211") == []


def test_mv2_is_still_checked(lint_extension):
    # host patterns sit in `permissions` in MV2: they are read as host permissions
    report = lint_extension(MV2, registry="version: 1\n", select="SC101")
    assert [(f.span.line, f.subject) for f in report.reported] == [(5, "tabs"), (5, "https://a.example/*")]
    assert "host permission `https://a.example/*`" in report.reported[1].message
