"""Review 34 (session 19): small apps whose requests were proved by running their bundles
with node, on which scopecheck gave a certain finding that was wrong.

- a helper module loaded without a name for its module object (`await import()`, a
  `require()` written into a call or an object literal, `require('./m').get` as a value)
  hands its helper on where the name search cannot see it: the path the helper is given
  there is not known, so the scopes it may need are unsure.
"""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_classes_not_followed import MANIFEST as ROUND_26

from conftest import run_lint
from scopecheck.core.findings import Confidence

MANIFEST = ROUND_26.replace("read:me", "read:jira-user")
ESM_HELPER = (
    "import api from '@forge/api';\nexport function jiraGet(path) { return api.asApp().requestJira(path); }\n"
)
CJS_HELPER = (
    "const api = require('@forge/api').default;\nexports.jiraGet = (path) => api.asApp().requestJira(path);\n"
)
ISSUE = "route`/rest/api/3/issue/${event.issue.key}`"
MYSELF = "[route`/rest/api/3/myself`]"


def _sc402(tmp_path, helper: str, index: str) -> dict:
    write_files(
        tmp_path,
        {
            "app/manifest.yml": MANIFEST,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/jira.js": helper,
            "app/src/index.js": index,
        },
    )
    return {f.subject: f for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC402").reported}


@pytest.mark.parametrize(
    ("helper", "index"),
    [
        (ESM_HELPER, "import { route } from '@forge/api';\nexport async function run(event) {\n"
         f"  const {{ jiraGet: get }} = await import('./jira.js');\n  await get({ISSUE});\n"
         f"  await Promise.all({MYSELF}.map(get));\n}}\n"),
        (ESM_HELPER, "import { route } from '@forge/api';\nexport async function run(event) {\n"
         f"  const jira = await import('./jira.js');\n  await jira.jiraGet({ISSUE});\n"
         f"  await Promise.all({MYSELF}.map(jira.jiraGet));\n}}\n"),
        (CJS_HELPER, "const { route } = require('@forge/api');\n"
         f"async function sync(lib, event) {{\n  await lib.jiraGet({ISSUE});\n"
         f"  await Promise.all({MYSELF}.map(lib.jiraGet));\n}}\n"
         "exports.run = (event) => sync(require('./jira'), event);\n"),
        (CJS_HELPER, "const { route } = require('@forge/api');\nconst deps = { jira: require('./jira') };\n"
         f"exports.run = async (event) => {{\n  await deps.jira.jiraGet({ISSUE});\n"
         f"  await Promise.all({MYSELF}.map(deps.jira.jiraGet));\n}};\n"),
        (CJS_HELPER, "const { route } = require('@forge/api');\nexports.run = async (event) => {\n"
         f"  const get = require('./jira').jiraGet;\n  await get({ISSUE});\n"
         f"  await Promise.all({MYSELF}.map(require('./jira').jiraGet));\n}};\n"),
    ],
    ids=["destructured-dynamic-import", "dynamic-import-namespace", "require-given-to-a-function",
         "require-in-an-object", "require-member-as-a-value"],
)  # fmt: skip
def test_a_helper_of_a_module_loaded_without_a_name_is_handed_on(tmp_path, helper, index):
    """Review 34a 47, 48, 51, 53, 55: `read:jira-user` (GET /myself, sent through the helper
    handed to `.map`) was certain."""
    found = _sc402(tmp_path, helper, index)
    assert found["read:jira-user"].confidence is Confidence.LOW, found["read:jira-user"].message


def test_a_helper_called_on_the_spot_through_require_stays_followed(tmp_path):
    """A control: `require('./jira').jiraGet(path)` is a call the analysis reads."""
    index = (
        "const { route } = require('@forge/api');\n"
        f"exports.run = async (event) => require('./jira').jiraGet({ISSUE});\n"
    )
    found = _sc402(tmp_path, CJS_HELPER, index)
    assert found["read:jira-user"].confidence is Confidence.HIGH
