"""A `requestJira` imported from a package that is not Forge's is still taken by its name to
be a product request (as forge lint takes it), but what it sends is not read: SC401 on it is
unsure and says why (review 33). Forge's own request functions stay certain."""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_review34 import TRIGGER

from conftest import run_lint
from scopecheck.core.findings import Confidence


def _delete(tmp_path, head: str, call: str, path: str = "route`/rest/api/3/issue/${event.issue.key}`"):
    write_files(
        tmp_path,
        {
            "app/manifest.yml": TRIGGER,
            "app/package.json": '{"dependencies": {"@forge/api": "^5", "jira-kit": "^1"}}',
            "app/src/index.js": head
            + "export async function run(event) {\n"
            + f"  await {call}({path}, {{ method: 'DELETE' }});\n"
            + "}\n",
        },
    )
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    (found,) = [f for f in report.reported if "DELETE" in f.subject]
    return found


def test_a_request_function_of_another_package_is_unsure(tmp_path):
    found = _delete(
        tmp_path, "import { requestJira } from 'jira-kit';\n", "requestJira", "'/rest/api/3/issue/A-1'"
    )
    assert found.confidence is not Confidence.HIGH, found.message
    assert "imported from `jira-kit`, not from a Forge package" in found.message, found.message


@pytest.mark.parametrize(
    ("head", "call"),
    [
        ("import api, { route } from '@forge/api';\n", "api.asApp().requestJira"),
        ("import { asApp, route } from '@forge/api';\n", "asApp().requestJira"),
    ],
    ids=["default-import", "named-import"],
)
def test_forges_own_request_functions_stay_certain(tmp_path, head, call):
    found = _delete(tmp_path, head, call)
    assert found.confidence is Confidence.HIGH, found.message
