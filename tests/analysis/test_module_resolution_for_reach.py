"""Which files an import or a handler loads, as bundlers resolve it, and what that means for
code no module reaches.

- A file (`./jira` as jira.js) is tried before a folder (`jira/index.js`), and a folder's
  package.json `main` before its index: review 36 (apps 93 and 94) found certain SC401s on
  a stale `jira/index.js` that webpack never bundles.
- A handler's module `index` beside both index.js and index.jsx: which one Forge bundles is
  not known, so both are entry points (heldout3, AtomOpera/forge-stats-n-ids).
- An import that may go through an alias, or a module named at run time, in a file no entry
  point loads (a build script at the app's root) does not make reachability unknown
  (heldout3, CHIBOLAR/MeetingSync: the `uuid` of generate-app-id.js did).
"""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_review34 import TRIGGER

from conftest import run_lint
from scopecheck.core.findings import Confidence, Severity

HEAD = "import api, { route } from '@forge/api';\n"
PUT = "  await api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body: '{}' });\n"
GET = "  const r = await api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`);\n  return r.json();\n"
CALLER = (
    "import { getIssue } from './jira';\n"
    "export async function run(event) {\n  return getIssue(event.issue.key);\n}\n"
)


def _lint(tmp_path, files: dict[str, str], select: str = "SC401"):
    write_files(
        tmp_path,
        {
            "app/manifest.yml": TRIGGER,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            **{f"app/{name}": text for name, text in files.items()},
        },
    )
    return run_lint([tmp_path / "app"], cwd=tmp_path, select=select)


def _put(report):
    (found,) = [f for f in report.reported if f.rule_id == "SC401" and "PUT" in f.subject]
    return found


STALE_INDEX = HEAD + "export async function getIssue(key) {\n" + PUT + GET + "}\n"
CURRENT = HEAD + "export async function getIssue(key) {\n" + GET + "}\n"


@pytest.mark.parametrize(
    "loaded",
    [
        {"src/jira.js": CURRENT},
        {
            "src/jira/package.json": '{"name": "jira-client", "private": true, "main": "./client-v2.js"}',
            "src/jira/client-v2.js": CURRENT,
        },
    ],
    ids=["a-file-before-a-folder", "a-package-main-before-the-index"],
)
def test_a_stale_folder_index_is_not_loaded(tmp_path, loaded):
    report = _lint(tmp_path, {"src/index.js": CALLER, "src/jira/index.js": STALE_INDEX, **loaded})
    put = _put(report)  # not at the call in src/index.js: its getIssue is the loaded one's
    assert put.span.path.endswith("src/jira/index.js")
    assert put.severity is Severity.INFO and "in code no module reaches" in put.message, put.message


def test_without_a_file_or_a_main_the_folders_index_is_loaded(tmp_path):
    report = _lint(
        tmp_path,
        {
            "src/index.js": CALLER,
            "src/jira/package.json": '{"name": "jira-client", "private": true}',
            "src/jira/index.js": STALE_INDEX,
        },
    )
    put = _put(report)
    assert put.severity is Severity.ERROR and put.confidence is Confidence.HIGH, put.message


TWO_HANDLER_FILES = {
    "src/index.js": HEAD + "export async function run(event) {\n  return event.issue.key;\n}\n",
    "src/index.jsx": HEAD
    + "import { write } from './write';\nexport async function run(event) {\n  return write(event.issue.key);\n}\n",
    "src/write.js": HEAD + "export async function write(key) {\n" + PUT + "}\n",
}


def test_a_handler_module_with_two_files_reaches_both(tmp_path):
    report = _lint(tmp_path, TWO_HANDLER_FILES)
    put = _put(report)
    assert "in code no module reaches" not in put.message, put.message
    assert put.severity is Severity.ERROR


def test_a_handler_module_with_one_file_leaves_the_other_unreached(tmp_path):
    files = {**TWO_HANDLER_FILES, "src/old.jsx": TWO_HANDLER_FILES["src/index.jsx"]}
    del files["src/index.jsx"]
    put = _put(_lint(tmp_path, files))
    assert put.severity is Severity.INFO and "in code no module reaches" in put.message, put.message


DEAD_SERVICE = {
    "src/index.js": HEAD + "export async function run(event) {\n  return event.issue.key;\n}\n",
    "src/service.js": HEAD + "export async function write(key) {\n" + PUT + "}\n",
}


def test_an_unlisted_package_in_a_file_nothing_loads_keeps_reachability(tmp_path):
    script = "import { v4 } from 'uuid';\nconsole.log(v4());\n"
    put = _put(_lint(tmp_path, {**DEAD_SERVICE, "generate-app-id.js": script}))
    assert (
        put.severity is Severity.INFO and "no handler or resource imports app/src/service.js" in put.message
    )


def test_a_module_named_at_run_time_in_a_file_nothing_loads_keeps_reachability(tmp_path):
    script = "const name = process.argv[2];\nrequire(name);\n"
    put = _put(_lint(tmp_path, {**DEAD_SERVICE, "scripts/load.js": script}))
    assert put.severity is Severity.INFO and "in code no module reaches" in put.message


def test_an_unlisted_package_in_a_reached_file_makes_reachability_unknown(tmp_path):
    handler = "import { v4 } from 'uuid';\n" + DEAD_SERVICE["src/index.js"]
    put = _put(_lint(tmp_path, {**DEAD_SERVICE, "src/index.js": handler}))
    assert put.severity is Severity.ERROR and "in code no module reaches" not in put.message


def test_a_module_named_at_run_time_in_a_reached_file_makes_reachability_unknown(tmp_path):
    handler = "const name = process.env.PLUGIN;\nrequire(name);\n" + DEAD_SERVICE["src/index.js"]
    put = _put(_lint(tmp_path, {**DEAD_SERVICE, "src/index.js": handler}))
    assert put.severity is Severity.ERROR and "in code no module reaches" not in put.message


def test_the_word_from_in_a_list_of_strings_is_no_import(tmp_path):
    """heldout3, JakeChu-Git/Jira-Recommended-Assignee-Capstone-Project: a stop-word list
    `'with', 'have', 'from', 'they'` in a reached file read as an import of `, `, a package no
    package.json lists, which made reachability unknown for the whole app."""
    words = "export const STOP = ['with', 'have', 'from', 'they', 'been'];\n"
    handler = "import { STOP } from './words';\n" + DEAD_SERVICE["src/index.js"]
    put = _put(_lint(tmp_path, {**DEAD_SERVICE, "src/index.js": handler, "src/words.js": words}))
    assert put.severity is Severity.INFO and "in code no module reaches" in put.message, put.message
