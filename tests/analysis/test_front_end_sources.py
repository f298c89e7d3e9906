"""A front end whose sources sit outside the manifest's folder is read from there."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import write_files

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: p
      resource: ui
      title: P
  function:
    - key: main
      handler: index.run
resources:
  - key: ui
    path: {path}
permissions:
  scopes:
    - read:jira-work
    - write:jira-work
"""
SAVE = "import { requestJira } from '@forge/bridge';\nexport const save = (k) => requestJira(`/rest/api/3/issue/${k}`, { method: 'PUT' });\nsave('X-1');\n"
BACKEND = {"app/src/index.js": "export const run = () => 1;\n"}


def lint(tmp_path: Path, path: str, files: dict[str, str]):
    write_files(tmp_path, {"app/manifest.yml": MANIFEST.format(path=path), **BACKEND, **files})
    return run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402")


def test_a_resource_outside_the_manifest_folder_is_read_from_its_sources(tmp_path):
    report = lint(tmp_path, "../ui/build", {"ui/src/App.js": SAVE})
    assert report.notices == ()
    assert "write:jira-work" not in [f.subject for f in report.reported]  # ui/src/App.js PUTs
    removed = MANIFEST.format(path="../ui/build").replace("    - write:jira-work\n", "")
    (tmp_path / "app" / "manifest.yml").write_text(removed)
    missing = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    assert [f.span.path for f in missing.reported] == ["ui/src/App.js"]


def test_a_resource_outside_whose_sources_are_missing_makes_unused_scopes_unsure(tmp_path):
    report = lint(tmp_path, "../ui/build", {})
    assert [f.confidence for f in report.reported] == [Confidence.LOW, Confidence.LOW]
    assert (
        "ui/build was not analysed: resource `ui` is outside the manifest's folder"
        in report.reported[0].message
    )
    assert [n.path for n in report.notices] == ["ui/build"]


def test_a_front_end_a_sibling_bundler_builds_into_the_app_is_read(tmp_path):
    config = "export default { build: { outDir: '../app/build/ui' } };\n"
    report = lint(tmp_path, "build/ui", {"custom-ui/vite.config.ts": config, "custom-ui/src/App.js": SAVE})
    assert report.notices == ()
    assert "write:jira-work" not in [f.subject for f in report.reported]


def test_a_front_end_built_from_sources_inside_the_app_folder_is_read(tmp_path):
    config = "export default { build: { outDir: 'build/ui' } };\n"
    report = lint(tmp_path, "build/ui", {"app/vite.config.ts": config, "app/web/App.js": SAVE})
    assert report.notices == ()  # nothing left out: app/web/App.js is read
    assert "write:jira-work" not in [f.subject for f in report.reported]  # its PUT needs it


def test_no_sibling_is_looked_at_above_a_repository_root(tmp_path):
    # the app is a repository of its own: a folder beside it is another project
    config = "export default { build: { outDir: '../app/build/ui' } };\n"
    (tmp_path / "app" / ".git").mkdir(parents=True)
    report = lint(tmp_path, "build/ui", {"other/vite.config.ts": config, "other/src/App.js": SAVE})
    assert "write:jira-work" in [f.subject for f in report.reported]  # other/ is not read


# a review's holes in reading front ends from outside the app folder
def test_a_sibling_front_end_already_built_into_the_app_is_still_read(tmp_path):
    config = "export default { build: { outDir: '../app/build/ui' } };\n"
    built = {"app/build/ui/index.html": "<html></html>\n"}
    report = lint(
        tmp_path, "build/ui", {"custom-ui/vite.config.ts": config, "custom-ui/src/App.js": SAVE, **built}
    )
    assert "write:jira-work" not in [f.subject for f in report.reported]


def test_a_missing_resource_folder_no_configuration_names_is_unsure(tmp_path):
    report = lint(tmp_path, "build/ui", {})
    assert [f.confidence for f in report.reported] == [Confidence.LOW, Confidence.LOW]
    assert "resource `ui` is not in the repository" in report.reported[0].message


def test_a_configuration_naming_another_app_is_not_taken(tmp_path):
    config = "export default { build: { outDir: '../legacy-app/build/ui' } };\n"
    report = lint(tmp_path, "build/ui", {"admin-ui/vite.config.ts": config, "admin-ui/src/App.js": SAVE})
    assert [f.confidence for f in report.reported] == [Confidence.LOW, Confidence.LOW]


def test_an_outside_front_ends_own_packages_are_read(tmp_path):
    code = "import { saveIssue } from 'jira-helpers';\nexport const go = (k) => saveIssue(k);\n"
    helper = '{"name": "jira-helpers", "dependencies": {"@forge/bridge": "^4"}}'
    report = lint(
        tmp_path, "../ui/build", {"ui/src/App.js": code, "ui/node_modules/jira-helpers/package.json": helper}
    )
    assert {f.confidence for f in report.reported} == {Confidence.LOW}


def test_a_resource_holding_the_app_is_not_read(tmp_path):
    report = lint(tmp_path, "..", {"elsewhere/App.js": SAVE})
    assert "write:jira-work" in [f.subject for f in report.reported]
    assert all(f.confidence is Confidence.LOW for f in report.reported)
    assert "is outside the manifest's folder and the repository it is in" in report.reported[0].message


def test_a_front_ends_own_node_modules_inside_the_app_are_read(tmp_path):
    code = "import { saveIssue } from 'jira-helpers';\nexport const go = (k) => saveIssue(k);\n"
    helper = '{"name": "jira-helpers", "dependencies": {"@forge/bridge": "^4"}}'
    files = {"app/static/ui/src/App.js": code, "app/static/ui/node_modules/jira-helpers/package.json": helper}
    report = lint(tmp_path, "static/ui/build", files)
    assert {f.confidence for f in report.reported} == {Confidence.LOW}


BUNDLE = "(()=>{var e={12:(e,t,r)=>{r(7).requestJira('/rest/api/3/issue/A-1',{method:'PUT'})}}})();\n"


def test_a_resource_outside_holding_only_build_output_is_named_not_read(tmp_path):
    """Review 27a c17: `../ui/build` holds a bundle and `../ui` no sources of it."""
    report = lint(
        tmp_path, "../ui/build", {"ui/build/main.js": BUNDLE, "ui/build/index.html": "<div></div>\n"}
    )
    assert [f.confidence for f in report.reported] == [Confidence.LOW, Confidence.LOW]
    assert "holds only build output, which scopecheck does not read" in report.reported[0].message


def test_a_front_end_vite_builds_from_another_root_is_named_not_read(tmp_path):
    """Review 27a c21: the app's `static/ui/vite.config.js` builds from `../../../shared-ui`,
    whose sources PUT; they are not read, so the scopes stay unsure."""
    config = (
        "import { fileURLToPath } from 'url';\nconst here = fileURLToPath(new URL('.', import.meta.url));\n"
        "export default { root: here + '../../../shared-ui', build: { outDir: here + 'build' } };\n"
    )
    files = {"app/static/ui/vite.config.js": config, "shared-ui/src/main.js": SAVE}
    report = lint(tmp_path, "static/ui/build", files)
    assert [f.confidence for f in report.reported] == [Confidence.LOW, Confidence.LOW]
    assert (
        "is built by ui/vite.config.js, whose `root` scopecheck does not follow" in report.reported[0].message
    )


@pytest.mark.parametrize(
    "root",
    [
        "'src'",
        "__dirname",
        "path.resolve(__dirname)",
        "resolve(__dirname, 'src')",
        "process.cwd()",
        "fileURLToPath(new URL('.', import.meta.url))",
    ],
)
def test_a_vite_root_inside_the_front_end_is_read(tmp_path, root):
    """A control: a `root` that is the folder or one below it keeps the sources where they
    are read (review 28a: `__dirname` and its spellings had made both scopes unsure)."""
    files = {
        "app/static/ui/vite.config.js": f"export default {{ root: {root}, build: {{ outDir: 'build' }} }};\n",
        "app/static/ui/src/main.js": SAVE.replace("PUT", "GET"),
    }
    report = lint(tmp_path, "static/ui/build", files)
    assert [(f.subject, f.confidence) for f in report.reported] == [("write:jira-work", Confidence.HIGH)]
