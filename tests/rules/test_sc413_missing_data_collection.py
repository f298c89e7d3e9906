"""SC413 and the data_collection_permissions checks, on small hand-written extensions."""

from __future__ import annotations


def manifest(gecko: str | None, name_extra: str = "") -> str:
    settings = f',\n  "browser_specific_settings": {{"gecko": {gecko}}}' if gecko is not None else ""
    return f"""{{
  "name": "T", "version": "1.0", "manifest_version": 3,
  "permissions": ["storage"],
  "background": {{"scripts": ["bg.js"]}}{settings}{name_extra}
}}
"""


CODE = {"bg.js": "chrome.storage.local.get('x');\n"}


def found(report, code):
    return [(f.subject, f.span.line, f.message) for f in report.reported if f.rule_id == code]


def test_firefox_extension_without_the_key(lint_extension):
    report = lint_extension(manifest('{"id": "t@example.com"}'), files=CODE, select="SC413")
    [(subject, line, message)] = found(report, "SC413")
    assert subject == "data_collection_permissions" and line == 5 and "addons.mozilla.org" in message


def test_declared_none_is_enough(lint_extension):
    gecko = '{"id": "t@example.com", "data_collection_permissions": {"required": ["none"]}}'
    assert found(lint_extension(manifest(gecko), files=CODE, select="SC413"), "SC413") == []


def test_chrome_only_extension_is_not_asked(lint_extension):
    assert found(lint_extension(manifest(None), files=CODE, select="SC413"), "SC413") == []


def test_a_firefox_manifest_file_is_asked_even_without_gecko(tmp_path):
    from tests.conftest import run_lint

    ext = tmp_path / "ext"
    ext.mkdir()
    (ext / "manifest.firefox.json").write_text(manifest(None))
    (ext / "bg.js").write_text(CODE["bg.js"])
    report = run_lint([ext], cwd=tmp_path, select="SC413")
    [(_subject, line, message)] = found(report, "SC413")
    assert line == 2 and "this Firefox manifest" in message


def test_none_with_other_types_and_misplaced_types_are_sc001(lint_extension):
    gecko = (
        '{"data_collection_permissions": {"required": ["none", "websiteContent", "technicalAndInteraction"], '
        '"optional": ["none"]}}'
    )
    report = lint_extension(manifest(gecko), files=CODE, select="SC001")
    messages = sorted(m for _s, _l, m in found(report, "SC001"))
    assert len(messages) == 3
    assert any("must not be listed with other required" in m for m in messages)
    assert any("can only be optional" in m for m in messages)
    assert any("belongs in `required`" in m for m in messages)


def test_each_declared_type_needs_a_justification(lint_extension):
    gecko = '{"data_collection_permissions": {"required": ["websiteContent"], "optional": ["technicalAndInteraction"]}}'
    registry = "version: 1\npermissions:\n  storage: Keeps the user's settings.\ndata-collection:\n  websiteContent: Sends the page text the user selects to the translation service.\n"
    report = lint_extension(manifest(gecko), registry=registry, files=CODE, select="SC101,SC201")
    assert [(s, m.split(" has")[0]) for s, _l, m in found(report, "SC101")] == [
        ("technicalAndInteraction", "optional data collection type `technicalAndInteraction`")
    ]
    assert found(report, "SC201") == []  # the types are known names


def test_an_unknown_type_is_sc201(lint_extension):
    gecko = '{"data_collection_permissions": {"required": ["websiteContents"]}}'
    report = lint_extension(manifest(gecko), files=CODE, select="SC201")
    [(subject, _line, _message)] = found(report, "SC201")
    assert subject == "websiteContents"
