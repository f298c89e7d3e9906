"""Tests, stories and mocks are not app code: a call there neither needs nor uses a scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import positions
from scopecheck.ecosystems.forge.code.js.files import walk_sources

MANIFEST = """\
modules:
  function:
    - key: main
      handler: index.run
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
"""
INDEX = """\
import api, { route } from '@forge/api';
export const run = (key) => api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
"""
#: the only code that writes: a test that calls the API to set up a fixture
WRITE = """\
import api, { route } from '@forge/api';
export const setUp = () => api.asApp().requestJira(route`/rest/api/3/issue`, { method: 'POST', body: '{}' });
"""


@pytest.mark.parametrize(
    "path",
    [
        "src/index.test.js",
        "src/index.spec.ts",
        "test-e2e/api.e2e.ts",
        "src/Panel.stories.jsx",
        "src/__tests__/setup.js",
        "src/__mocks__/api.js",
        "test/setup.js",
        "tests/integration/setup.ts",
        "e2e/flow.js",
    ],
)
def test_a_call_in_a_test_file_does_not_keep_a_scope_in_use(lint_app, path):
    report = lint_app(MANIFEST, files={"src/index.js": INDEX, path: WRITE}, select="SC402")
    assert [(f.subject, f.confidence.name) for f in report.reported] == [("write:jira-work", "HIGH")]


def test_the_policy_replaces_the_patterns(lint_app):
    policy = "policy:\n  not-app-code: ['fixtures/']\n"
    files = {"src/index.js": INDEX, "src/index.test.js": WRITE, "fixtures/seed.js": WRITE}
    report = lint_app(MANIFEST, policy=policy, files=files, select="SC402")
    # the test file is app code again (fixtures/ is not): its call is seen, though no module
    # imports it, so write:jira-work is only possibly unused
    assert [(f.subject, f.confidence.name) for f in report.reported] == [("write:jira-work", "MEDIUM")]
    assert "src/index.test.js" in report.reported[0].message


def test_an_empty_list_reads_every_file(lint_app):
    report = lint_app(
        MANIFEST,
        policy="policy:\n  not-app-code: []\n",
        files={"src/index.js": INDEX, "e2e/flow.js": WRITE},
        select="SC402",
    )
    assert [(f.subject, f.confidence.name) for f in report.reported] == [("write:jira-work", "MEDIUM")]


def test_a_missing_scope_in_a_test_file_is_not_reported(lint_app):
    manifest = MANIFEST.replace("    - write:jira-work\n", "")
    report = lint_app(manifest, files={"src/index.js": INDEX, "src/api.test.js": WRITE}, select="SC401")
    assert positions(report) == []
    report = lint_app(manifest, files={"src/index.js": INDEX, "src/api.js": WRITE}, select="SC401")
    assert positions(report) == [("api.js", 2, 28, "SC401")]


def test_patterns_match_folders_paths_and_names(tmp_path: Path):
    for name in ("src/a.js", "src/a.test.js", "src/testing/b.js", "src/test/c.js", "lib/gen/d.js", "e.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x;\n")

    def found(patterns: list[str]) -> list[str]:
        return [Path(p).relative_to(tmp_path).as_posix() for p in walk_sources(str(tmp_path), patterns)]

    assert found(["*.test.*", "test/"]) == ["e.js", "lib/gen/d.js", "src/a.js", "src/testing/b.js"]
    assert found(["lib/gen/*"]) == ["e.js", "src/a.js", "src/a.test.js", "src/test/c.js", "src/testing/b.js"]
    assert found(["lib/"]) == ["e.js", "src/a.js", "src/a.test.js", "src/test/c.js", "src/testing/b.js"]
    assert len(found([])) == 6


def test_a_test_helper_the_app_imports_makes_unused_scopes_unsure(lint_app):
    """Excluded files are not read; one that app code imports could do anything."""
    index = "import { update } from './test/helpers';\nexport async function run(e) { await update(e.id); }\n"
    report = lint_app(MANIFEST, files={"src/index.js": index, "src/test/helpers.js": WRITE}, select="SC402")
    assert [(f.subject, f.confidence.name) for f in report.reported] == [
        ("read:jira-work", "LOW"),
        ("write:jira-work", "LOW"),
    ]
    finding = report.reported[1]
    assert "src/test/helpers.js was not analysed: app/src/index.js imports it, but it is not app code" in (
        finding.message
    )
    required = "const { setUp } = require('./api.spec.js');\nexport const run = () => setUp();\n"
    report = lint_app(MANIFEST, files={"src/index.js": required, "src/api.spec.js": WRITE}, select="SC402")
    assert [f.confidence.name for f in report.reported] == ["LOW", "LOW"]


def test_importing_data_or_styles_is_not_an_unread_module(lint_app):
    index = INDEX + "import config from './config.json';\nimport './panel.css';\n"
    files = {"src/index.js": index, "src/config.json": "{}", "src/panel.css": "a {}"}
    report = lint_app(MANIFEST, files=files, select="SC402")
    assert [(f.subject, f.confidence.name) for f in report.reported] == [("write:jira-work", "HIGH")]


def test_a_handler_in_a_folder_the_patterns_exclude_is_still_read(lint_app):
    manifest = MANIFEST.replace("handler: index.run", "handler: e2e/main.run")
    # the handler calls the writing helper (an exported helper no code calls is dead code)
    main = (
        WRITE
        + "export const run = async (key) => {\n  await setUp();\n"
        + ("  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`);\n};\n")
    )
    files = {"src/e2e/main.js": main, "src/other.js": "export const x = 1;\n"}
    report = lint_app(manifest, files=files, select="SC402")
    assert list(report.reported) == []  # read as app code: both scopes are used there


def test_is_not_app_code():
    from scopecheck.ecosystems.forge.code.js.files import is_not_app_code

    assert is_not_app_code("src/e2e/main.js", ["e2e/"])
    assert is_not_app_code("src/a.test.js", ["*.test.*"])
    assert not is_not_app_code("src/index.js", ["e2e/", "*.test.*"])
    assert is_not_app_code("lib/gen/x.js", ["lib/gen/*"])
