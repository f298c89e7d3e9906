"""Resource paths no app should have (review 39): one holding a NUL character crashed the run
(exit 3, "embedded null byte"); `path: "/"` made the page checks walk the whole disk, naming
pages of other folders. The first is a manifest problem now; an absolute path outside the app
is named as not analysed, and nothing under it is read."""

from __future__ import annotations

from conftest import run_lint, write_app

MANIFEST = """\
modules:
  jira:issuePanel:
    - key: panel
      resource: ui
      title: Panel
resources:
  - key: ui
    path: {path}
"""
PAGE = '<script type="module">import "./x.js";</script>'


def test_a_nul_in_a_resource_path_is_a_manifest_problem(tmp_path):
    app = write_app(
        tmp_path,
        MANIFEST.format(path='"static/ui/build\\0x"'),
        files={"src/index.js": "export const x = 1;\n"},
    )
    report = run_lint([app], cwd=tmp_path)
    assert report.crashes == ()
    messages = [(f.rule_id, f.message) for f in report.reported]
    assert ("SC001", "`resources[].path` holds a NUL character, which no path can") in messages, messages


def test_an_absolute_resource_path_outside_the_app_is_not_walked(tmp_path):
    elsewhere = tmp_path / "elsewhere"  # outside the repository the app is in
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    files = {"src/index.js": "export const x = 1;\n"}
    app = write_app(tmp_path / "repo", MANIFEST.format(path=f'"{elsewhere}"'), files=files)
    report = run_lint([app], cwd=tmp_path, select="SC402,SC403,SC404")
    assert report.crashes == ()
    paths = [notice.path for notice in report.notices]
    assert "elsewhere" in paths[0] and not any(path.endswith("index.html") for path in paths), paths
