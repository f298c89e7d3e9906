"""SC601 claim-broken: each kind of claim verified, broken, and unverified, on small apps."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app, write_workflows
from scopecheck.core.findings import Confidence, Severity

FUNCTION = """\
modules:
  function:
    - key: main
      handler: index.run
"""


def claim(kind: str, extra: str = "", name: str = "promise") -> str:
    return f"claims:\n  {name}:\n    kind: {kind}\n    claim: The promise on the trust page.\n{extra}"


def check(tmp_path, manifest, policy, files=None, registry=None, **overrides):
    """(status of each claim by name, [(file, line, column, confidence)] of SC601 findings)."""
    app = write_app(tmp_path, manifest, registry, policy, files)
    report = run_lint([app], cwd=tmp_path, select="SC601", **overrides)
    statuses = {r.claim.name: r.status.value for r in report.apps[0].claims}
    found = [
        (*p[:3], f.confidence.name.lower()) for p, f in zip(positions(report), report.reported, strict=True)
    ]
    return statuses, found, report


# --- no-egress -------------------------------------------------------------------------------


def test_no_egress_verified(tmp_path):
    manifest = "permissions:\n  scopes:\n    - storage:app\n"
    assert check(tmp_path, manifest, claim("no-egress"))[:2] == ({"promise": "verified"}, [])


@pytest.mark.parametrize(
    ("permissions", "line", "column"),
    [
        ("  external:\n    fetch:\n      client:\n        - api.example.com\n", 5, 11),
        ("  content:\n    styles:\n      - unsafe-inline\n", 4, 9),
    ],
    ids=["client-fetch", "content"],
)
def test_no_egress_broken_at_the_line(tmp_path, permissions, line, column):
    statuses, found, report = check(tmp_path, "permissions:\n" + permissions, claim("no-egress"))
    assert statuses == {"promise": "broken"}
    assert found == [("manifest.yml", line, column, "high")]
    assert '"The promise on the trust page."' in report.reported[0].message


def test_no_egress_broken_by_a_remote(tmp_path):
    manifest = "remotes:\n  - key: billing\n    baseUrl: https://billing.example.com\n"
    statuses, found, _ = check(tmp_path, manifest, claim("no-egress"))
    assert statuses == {"promise": "broken"} and found == [("manifest.yml", 2, 10, "high")]


# --- no-external-storage ---------------------------------------------------------------------

STORAGE = claim("no-external-storage", '    storage-hosts: ["*.s3.amazonaws.com"]\n')


def remote(operations: str = "") -> str:
    return "remotes:\n  - key: calc\n    baseUrl: https://calc.example.com\n" + operations


def test_no_external_storage_verified(tmp_path):
    statuses, found, _ = check(tmp_path, remote("    operations: [compute, fetch]\n"), STORAGE)
    assert (statuses, found) == ({"promise": "verified"}, [])


def test_no_external_storage_broken_by_a_storing_remote(tmp_path):
    statuses, found, _ = check(tmp_path, remote("    operations: [storage, compute]\n"), STORAGE)
    assert (statuses, found) == ({"promise": "broken"}, [("manifest.yml", 2, 10, "high")])


def test_no_external_storage_broken_by_egress_to_a_storage_service(tmp_path):
    manifest = (
        "permissions:\n  external:\n    fetch:\n      backend:\n        - https://bucket.s3.amazonaws.com\n"
    )
    statuses, found, _ = check(tmp_path, manifest, STORAGE)
    assert (statuses, found) == ({"promise": "broken"}, [("manifest.yml", 5, 11, "high")])


def test_no_external_storage_unverified_when_a_remote_says_nothing(tmp_path):
    statuses, found, report = check(tmp_path, remote(), STORAGE)
    assert (statuses, found) == ({"promise": "unverified"}, [("manifest.yml", 2, 10, "low")])
    assert report.reported[0].severity is Severity.INFO
    assert "declares no `operations`" in report.reported[0].message


# --- forbid-operations -----------------------------------------------------------------------

ROLES = claim(
    "forbid-operations",
    '    operations: ["DELETE /rest/api/{2,3}/role/*", "DELETE /rest/api/{2,3}/group*"]\n',
)
HELPER = """\
import api, { route } from '@forge/api';
async function removeRole(id) {
  return api.asApp().requestJira(route`/rest/api/3/role/${id}`, { method: 'DELETE' });
}
export async function run(id) {
  await api.asApp().requestJira(route`/rest/api/3/role/${id}`);
  await removeRole(id);
}
"""


def test_forbid_operations_verified(tmp_path):
    code = HELPER.replace("{ method: 'DELETE' }", "{ method: 'GET' }")
    statuses, found, _ = check(tmp_path, FUNCTION, ROLES, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "verified"}, [])


def test_forbid_operations_broken_through_a_helper(tmp_path):
    statuses, found, report = check(tmp_path, FUNCTION, ROLES, {"src/index.js": HELPER})
    assert (statuses, found) == ({"promise": "broken"}, [("index.js", 7, 9, "high")])
    finding = report.reported[0]
    assert "`DELETE /rest/api/3/role/{}`" in finding.message
    assert [(r.span.line, r.label) for r in finding.related] == [
        (2, "claim `promise`"),
        (3, "through this helper call"),
    ]


def test_forbid_operations_broken_through_the_sdk(tmp_path):
    policy = claim("forbid-operations", '    operations: ["DELETE /rest/api/3/issue/*/properties/*"]\n')
    code = """\
    import { properties } from '@forge/api';
    export async function run(key) {
      await properties.onJiraIssue(key).delete('approval');
    }
    """
    statuses, found, _ = check(tmp_path, FUNCTION, policy, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "broken"}, [("index.js", 3, 9, "high")])


def test_forbid_operations_on_confluence_content(tmp_path):
    policy = claim(
        "forbid-operations",
        '    operations: ["DELETE /wiki/rest/api/content/*", "DELETE /wiki/api/v2/pages/*"]\n',
    )
    code = """\
    import api, { route } from '@forge/api';
    export async function run(id) {
      await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${id}`, { method: 'DELETE' });
    }
    """
    statuses, found, _ = check(tmp_path, FUNCTION, policy, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "broken"}, [("index.js", 3, 9, "high")])


def test_forbid_operations_unverified_by_an_unresolved_call(tmp_path):
    code = """\
    import api, { route } from '@forge/api';
    export async function run(id, method) {
      await api.asApp().requestJira(route`/rest/api/3/role/${id}`, { method });
    }
    """
    statuses, found, report = check(tmp_path, FUNCTION, ROLES, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "unverified"}, [("index.js", 3, 9, "low")])
    message = report.reported[0].message
    assert "cannot be verified" in message and "`? /rest/api/3/role/{}`" in message
    assert "method is parameter `method` of `run`" in message


def test_a_get_with_an_unknown_path_cannot_be_a_delete(tmp_path):
    code = """\
    import api from '@forge/api';
    export async function run(path) {
      await api.asApp().requestJira(path);
    }
    """
    statuses, found, _ = check(tmp_path, FUNCTION, ROLES, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "verified"}, [])


def test_forbid_operations_unverified_by_a_remote_holding_the_app_token(tmp_path):
    manifest = (
        FUNCTION
        + "remotes:\n  - key: back\n    baseUrl: https://back.example.com\n"
        + "    auth:\n      appSystemToken:\n        enabled: true\n"
    )
    statuses, found, report = check(tmp_path, manifest, ROLES, {"src/index.js": "export const run = 1;\n"})
    assert statuses == {"promise": "unverified"}
    assert found == [("manifest.yml", 6, 10, "low")]
    assert "receives the app's token" in report.reported[0].message


def test_forbid_operations_unverified_when_a_file_is_not_analysed(tmp_path):
    huge = "export const x = () => 1;\n" + "// " + "x" * 30000 + "\n"  # code, and a long line
    statuses, found, _ = check(
        tmp_path, FUNCTION, ROLES, {"src/index.js": "export const run = 1;\n", "src/big.js": huge}
    )
    assert statuses == {"promise": "unverified"}
    assert found == [(".scopecheck.yml", 2, 3, "low")]  # at the claim: no line of code breaks it


# --- forbid-scopes ---------------------------------------------------------------------------

ADMIN = claim("forbid-scopes", '    scopes: ["manage:*", "admin:*"]\n')


def test_forbid_scopes(tmp_path):
    assert check(tmp_path, "permissions:\n  scopes:\n    - read:jira-work\n", ADMIN)[:2] == (
        {"promise": "verified"},
        [],
    )
    manifest = "permissions:\n  scopes:\n    - read:jira-work\n    - manage:jira-configuration\n"
    assert check(tmp_path, manifest, ADMIN)[:2] == ({"promise": "broken"}, [("manifest.yml", 4, 7, "high")])


# --- read-only -------------------------------------------------------------------------------

READ_ONLY = claim("read-only", "    products: [confluence]\n")
READER = """\
import api, { route } from '@forge/api';
export async function run(id, method) {
  await api.asUser().requestConfluence(route`/wiki/api/v2/pages/${id}`);
  await api.asApp().requestJira(route`/rest/api/3/issue/${id}`, { method: 'PUT' });
}
"""


def test_read_only_verified_for_the_named_product(tmp_path):
    manifest = FUNCTION + "permissions:\n  scopes:\n    - read:page:confluence\n    - write:jira-work\n"
    statuses, found, _ = check(tmp_path, manifest, READ_ONLY, {"src/index.js": READER})
    assert (statuses, found) == ({"promise": "verified"}, [])


def test_read_only_broken_by_a_scope_and_a_call(tmp_path):
    manifest = FUNCTION + "permissions:\n  scopes:\n    - write:page:confluence\n"
    code = READER.replace("/pages/${id}`)", "/pages/${id}`, { method: 'DELETE' })")
    statuses, found, _ = check(tmp_path, manifest, READ_ONLY, {"src/index.js": code})
    assert statuses == {"promise": "broken"}
    assert found == [("manifest.yml", 7, 7, "high"), ("index.js", 3, 9, "high")]


def test_read_only_a_post_that_only_reads_keeps_it(tmp_path):
    policy = claim("read-only", "    products: [jira]\n")
    code = """\
    import api, { route } from '@forge/api';
    export async function run() {
      await api.asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST' });
    }
    """
    manifest = FUNCTION + "permissions:\n  scopes:\n    - read:jira-work\n"
    assert check(tmp_path, manifest, policy, {"src/index.js": code})[:2] == ({"promise": "verified"}, [])


def test_read_only_unverified_by_an_unknown_method(tmp_path):
    code = READER.replace("/pages/${id}`)", "/pages/${id}`, { method })")
    manifest = FUNCTION + "permissions:\n  scopes:\n    - read:page:confluence\n"
    statuses, found, _ = check(tmp_path, manifest, READ_ONLY, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "unverified"}, [("index.js", 3, 9, "low")])


# --- documented and least-privilege ----------------------------------------------------------

SCOPES = FUNCTION + "permissions:\n  scopes:\n    - read:jira-work\n    - write:jira-work\n"
USES_READ = """\
import api, { route } from '@forge/api';
export async function run(key) {
  return api.asApp().requestJira(route`/rest/api/3/issue/${key}`);
}
"""
REGISTRY = """\
version: 1
scopes:
  read:jira-work: Reads the issue the panel shows, to evaluate its approval rules.
  write:jira-work: TODO
"""


def test_documented(tmp_path):
    policy = claim("documented")
    good = REGISTRY.replace("TODO", "Writes the approval state back to the issue it belongs to.")
    assert check(tmp_path, SCOPES, policy, registry=good)[:2] == ({"promise": "verified"}, [])
    statuses, found, report = check(tmp_path, SCOPES, policy, registry=REGISTRY)
    assert (statuses, found) == ({"promise": "broken"}, [("permissions.yml", 4, 20, "high")])
    assert report.reported[0].message.startswith("SC103: ")


def test_least_privilege(tmp_path):
    policy = claim("least-privilege")
    uses_both = USES_READ.replace("`);", "`, { method: 'PUT' });")
    calls_both = uses_both.replace("return api", "await get(key);\n  return api") + USES_READ.replace(
        "run", "get"
    )
    assert check(tmp_path, SCOPES, policy, {"src/index.js": calls_both})[:2] == (
        {"promise": "verified"},
        [],
    )
    statuses, found, _ = check(tmp_path, SCOPES, policy, {"src/index.js": USES_READ})
    assert (statuses, found) == ({"promise": "broken"}, [("manifest.yml", 8, 7, "high")])


def test_least_privilege_unverified_by_an_unresolved_call(tmp_path):
    code = USES_READ.replace("`);", "`, { method: m });").replace("run(key)", "run(key, m)")
    statuses, found, _ = check(tmp_path, SCOPES, claim("least-privilege"), {"src/index.js": code})
    assert statuses == {"promise": "unverified"}
    assert ("manifest.yml", 8, 7, "low") in found


def test_least_privilege_unverified_without_code(tmp_path):
    statuses, found, _ = check(tmp_path, SCOPES, claim("least-privilege"))
    # the claim is unverified, and each scope SC402 cannot judge without code is low confidence
    assert statuses == {"promise": "unverified"}
    assert found[0] == (".scopecheck.yml", 2, 3, "low")
    assert found[1:] and all(path == "manifest.yml" and c == "low" for path, _l, _c, c in found[1:])


# --- status never depends on the run's flags --------------------------------------------------


def test_strict_reports_an_unverified_claim_as_certain(tmp_path):
    _, found, report = check(tmp_path, remote(), STORAGE, strict=True)
    assert found == [("manifest.yml", 2, 10, "high")] and report.reported[0].severity is Severity.ERROR
    assert report.apps[0].claims[0].status.value == "unverified"  # the claim's status stays honest


def test_a_rule_turned_off_still_counts_for_a_claim(tmp_path):
    policy = claim("least-privilege") + "rules:\n  SC402: off\n"
    statuses, _, _ = check(tmp_path, SCOPES, policy, {"src/index.js": USES_READ})
    assert statuses == {"promise": "broken"}


def test_a_suppressed_finding_leaves_the_claim_broken(tmp_path):
    manifest = "permissions:\n  external:\n    fetch:\n      client:\n        - api.example.com  # scopecheck: ignore[SC601] -- moving\n"
    app = write_app(tmp_path, manifest, None, claim("no-egress"))
    report = run_lint([app], cwd=tmp_path, select="SC601")
    assert report.reported == () and len(report.ignored) == 1
    assert report.apps[0].claims[0].status.value == "broken"


def test_claims_are_not_checked_against_workflows(tmp_path):
    workflow = "on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n"
    root = write_workflows(
        tmp_path, {"ci.yml": workflow}, policy=claim("forbid-scopes", '    scopes: ["contents*"]\n')
    )
    report = run_lint([root], cwd=tmp_path, select="SC601")
    assert report.reported == () and report.apps[0].claims == ()


def test_confidence_of_a_broken_claim_is_high(tmp_path):
    _, _, report = check(tmp_path, remote("    operations: [storage]\n"), STORAGE)
    assert report.reported[0].confidence is Confidence.HIGH


def test_a_piece_outside_route_may_reach_a_forbidden_operation(tmp_path):
    """`/rest/api/3/${x}` (not a route) may be `/rest/api/3/role/1`: unverified, not verified."""
    code = """\
    import api from '@forge/api';
    export async function run(x) {
      await api.asApp().requestJira(`/rest/api/3/${x}`, { method: 'DELETE' });
    }
    """
    statuses, found, _ = check(tmp_path, FUNCTION, ROLES, {"src/index.js": code})
    assert (statuses, found) == ({"promise": "unverified"}, [("index.js", 3, 9, "low")])
