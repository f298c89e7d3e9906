"""A method of the app's own class is not called by a call of the same name on a built-in
collection the code makes on the spot (`const seen = new Map(); seen.delete(k)`): review
34b's case 31 gave a certain SC401 for a client's `delete`, which only `Map.prototype.delete`
shared a name with. A receiver that may be anything else still counts as a call."""

from __future__ import annotations

import pytest
from analysis_support import write_files
from test_review34 import TRIGGER

from conftest import run_lint
from scopecheck.core.findings import Confidence

CLIENT = (
    "import api, { route } from '@forge/api';\n"
    "export class JiraClient {\n"
    "  async read(key) { return api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`); }\n"
    "  async delete(key) {\n"
    "    return api.asApp().requestJira(route`/rest/api/3/issue/${key}`, { method: 'DELETE' });\n"
    "  }\n"
    "}\n"
)


def _delete_finding(tmp_path, index: str, suffix: str = "js"):
    write_files(
        tmp_path,
        {
            "app/manifest.yml": TRIGGER,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/client.js": CLIENT,
            f"app/src/index.{suffix}": index,
        },
    )
    report = run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401")
    (found,) = [f for f in report.reported if "DELETE" in f.subject]
    return found


@pytest.mark.parametrize(
    "made",
    [
        "new Map()",
        "new Set([])",
        "new WeakMap()",
        "new URLSearchParams('a=1')",
        "new Map<string, number>()",
        "[]",
    ],
)
def test_a_call_on_a_built_in_collection_is_not_the_apps_method(tmp_path, made):
    suffix = "ts" if "<" in made else "js"
    index = (
        "import { JiraClient } from './client';\n"
        "const client = new JiraClient();\n"
        f"const seen = {made};\n"
        "export async function run(event) {\n"
        "  await client.read(event.issue.key);\n"
        "  seen.delete(event.issue.key);\n"
        "}\n"
    )
    found = _delete_finding(tmp_path, index, suffix)
    assert found.confidence is not Confidence.HIGH, found.message
    assert "never runs" in found.message or "no module reaches" in found.message, found.message


@pytest.mark.parametrize(
    ("declared", "then"),
    [
        ("let seen = new Map();\n", "  seen = client;\n"),
        ("const seen = client;\n", ""),
        ("const seen = globalThis.cache ?? new Map();\n", ""),
        ("class Map { delete(k) { return client.delete(k); } }\nconst seen = new Map();\n", ""),
        ("const seen = new Map();\n", "  client.delete(event.issue.key);\n"),
        ("const seen = new Map();\nseen.delete = (k) => client.delete(k);\n", ""),
        ("const seen = [];\nseen.delete = client.delete.bind(client);\n", ""),
    ],
    ids=[
        "reassigned",
        "the-client",
        "maybe-a-map",
        "own-map-class",
        "client-too",
        "property-set",
        "array-property-set",
    ],
)
def test_a_receiver_that_may_be_the_client_still_calls_it(tmp_path, declared, then):
    index = (
        "import { JiraClient } from './client';\n"
        "const client = new JiraClient();\n"
        f"{declared}"
        "export async function run(event) {\n"
        "  await client.read(event.issue.key);\n"
        "  seen.delete(event.issue.key);\n"
        f"{then}"
        "}\n"
    )
    found = _delete_finding(tmp_path, index)
    assert found.confidence is Confidence.HIGH, found.message
