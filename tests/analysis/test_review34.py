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


TRIGGER = ROUND_26.replace("read:me", "read:jira-user")
RUN = (
    "export async function run(event) {\n"
    "  await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`);\n"
)


def _sc401(tmp_path, code: str, name: str = "index.js") -> list:
    write_files(
        tmp_path,
        {
            "app/manifest.yml": TRIGGER,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            f"app/src/{name}": "import api, { route } from '@forge/api';\n" + code,
        },
    )
    return [
        f for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401").reported if "POST" in f.subject
    ]


DEAD_POST = "async function {name}(k) {{ await api.asApp().requestJira(route`/rest/api/3/issue/${{k}}/comment`, {{ method: 'POST' }}); }}\n"


@pytest.mark.parametrize(
    ("name", "mention", "file"),
    [
        ("log", "  console.log('done');\n}\n", "index.js"),
        ("transition", "  const data = {};\n  return data.transition;\n}\n", "index.js"),
        ("assign", "  return Object.assign({}, event);\n}\n", "index.js"),
        ("notify", "  const notify = Boolean(event.notify);\n  return notify;\n}\n", "index.js"),
        ("comment", "  return 'a comment';\n}\n", "index.js"),
        ("retry", "}\n", "index.js"),
        ("archive", "}\nexport type Archiver = typeof archive;\n", "index.ts"),
    ],
    ids=["another-objects-method", "a-property-read", "a-global-method", "a-local-of-the-same-name",
         "a-word-of-a-string", "called-only-by-itself", "a-typescript-type"],
)  # fmt: skip
def test_a_function_only_named_as_something_else_never_runs(tmp_path, name, mention, file):
    """Review 34b 12, 19, 27, 38, 39, 40, 03: a function nothing calls, whose name stands
    elsewhere only as another thing, gave a certain SC401 for a request that never runs."""
    code = DEAD_POST.format(name=name)
    if name == "retry":  # its only caller is itself
        code = code.replace("method: 'POST' }); }", "method: 'POST' }); return retry(k); }")
    if file == "index.ts":
        code = code.replace("(k)", "(k: string)")
    (missing,) = _sc401(tmp_path, code + RUN + mention, file)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert f"it is in `{name}`" in missing.message


@pytest.mark.parametrize(
    "mention",
    [
        "  await log(event.issue.key);\n}\n",
        "  return [event.issue.key].map(log);\n}\n",
        "  return { log };\n}\n",
        "  return globalThis['log'];\n}\n",
    ],
    ids=["called", "handed-on", "shorthand", "whole-string"],
)
def test_a_function_named_as_itself_still_runs(tmp_path, mention):
    """Controls: a call, a hand-off, a shorthand property and a string of the name alone."""
    (missing,) = _sc401(tmp_path, DEAD_POST.format(name="log") + RUN + mention)
    assert missing.confidence is Confidence.HIGH, missing.message


GUARDED_PUT = "  await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`, { method: 'POST' });\n}\n"


@pytest.mark.parametrize(
    ("before", "guard"),
    [
        ("const SYNC_ENABLED = false;\n", "  if (!SYNC_ENABLED) return;\n"),
        ("const WRITE_BACK = false;\n", "  if (!WRITE_BACK) throw new Error('disabled');\n"),
        ("const MODE = 'readonly';\n", "  if (MODE !== 'readwrite') {\n    return;\n  }\n"),
        ("const FLAGS = Object.freeze({ write: false });\n", "  if (!FLAGS.write) return;\n"),
    ],
    ids=["negated-flag", "throw", "comparison", "frozen-object-flag"],
)
def test_what_follows_an_if_a_constant_always_takes_never_runs(tmp_path, before, guard):
    """Review 34b 13, 28, 29, 15: `if (!ENABLED) return;` with `ENABLED` constant false."""
    (missing,) = _sc401(tmp_path, before + RUN + guard + GUARDED_PUT)
    assert missing.confidence is not Confidence.HIGH, missing.message
    assert "whose condition is constant" in missing.message


@pytest.mark.parametrize(
    ("before", "guard"),
    [
        ("const SYNC_ENABLED = true;\n", "  if (!SYNC_ENABLED) return;\n"),
        ("let SYNC_ENABLED = false;\nexport const on = () => { SYNC_ENABLED = true; };\n", "  if (!SYNC_ENABLED) return;\n"),
        ("const FLAGS = { write: false };\nexport const on = () => { FLAGS.write = true; };\n", "  if (!FLAGS.write) return;\n"),
    ],
    ids=["the-guard-is-not-taken", "a-variable-set-elsewhere", "a-changed-object"],
)  # fmt: skip
def test_what_follows_an_if_that_may_be_skipped_runs(tmp_path, before, guard):
    """Controls: the guard is false, or its value may change."""
    (missing,) = _sc401(tmp_path, before + RUN + guard + GUARDED_PUT)
    assert missing.confidence is Confidence.HIGH, missing.message


@pytest.mark.parametrize(
    ("code", "file"),
    [
        ("namespace Jobs {\n  export async function log(k: string) {\n"
         "    await api.asApp().requestJira(route`/rest/api/3/issue/${k}/comment`, { method: 'POST' });\n  }\n}\n"
         "export async function run(event: any) {\n  await Jobs.log(event.issue.key);\n}\n", "index.ts"),
    ],
    ids=["a-namespace-member"],
)  # fmt: skip
def test_a_function_a_property_reaches_still_runs(tmp_path, code, file):
    """A control: a namespace's function is reached as `N.log`, a property."""
    (missing,) = _sc401(tmp_path, code, file)
    assert missing.confidence is Confidence.HIGH, missing.message


LEGACY = "import api, { route } from '@forge/api';\nexport const run = (e) => api.asApp().requestJira(route`/rest/api/3/issue/${e.issue.key}`, { method: 'DELETE' });\n"


@pytest.mark.parametrize(
    ("extra", "certain"),
    [
        ("    - key: legacy\n      handler: legacy.run\n", False),
        ("    - key: legacy\n      handler: legacy.run\n  scheduledTrigger:\n    - key: s\n      function: legacy\n      interval: hour\n", True),
    ],
    ids=["named-by-no-module", "named-by-a-scheduled-trigger"],
)  # fmt: skip
def test_a_function_module_no_module_names_never_runs(tmp_path, extra, certain):
    """Review 34b 04: a `function` module no trigger or other module names is never run by
    Forge; its handler's DELETE gave a certain SC401."""
    manifest = TRIGGER.replace("      handler: index.run\n", "      handler: index.run\n" + extra)
    write_files(
        tmp_path,
        {
            "app/manifest.yml": manifest,
            "app/package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "app/src/index.js": "import api, { route } from '@forge/api';\n" + RUN + "}\n",
            "app/src/legacy.js": LEGACY,
        },
    )
    found = [
        f
        for f in run_lint([tmp_path / "app"], cwd=tmp_path, select="SC401").reported
        if "DELETE" in f.subject
    ]
    (missing,) = found
    assert (missing.confidence is Confidence.HIGH) is certain, missing.message
    # the message names the module to wire up or drop, not only the file
    assert ("its function module `legacy` is named by no trigger" in missing.message) is not certain, (
        missing.message
    )


@pytest.mark.parametrize(
    ("thrower", "call", "certain"),
    [
        ("function notImplemented(w) { throw new Error(w); }\n", "  notImplemented('sync');\n", False),
        ("const fail = (w) => { if (w) { throw new Error(w); } else { throw new Error('?'); } };\n", "  fail('x');\n", False),
        ("async function fail(w) { throw new Error(w); }\n", "  await fail('x');\n", False),
        ("async function fail(w) { throw new Error(w); }\n", "  fail('x');\n", True),
        ("function check(w) { if (w) return; throw new Error('no'); }\n", "  check(event.ok);\n", True),
        ("function warn(w) { console.warn(w); }\n", "  warn('x');\n", True),
    ],
    ids=["throws", "both-branches-throw", "awaited-async", "async-not-awaited", "may-return", "does-not-throw"],
)  # fmt: skip
def test_what_follows_a_call_that_always_throws_never_runs(tmp_path, thrower, call, certain):
    """Review 34b 33: `notImplemented('x'); <PUT>`: the PUT never runs."""
    (missing,) = _sc401(tmp_path, thrower + RUN + call + GUARDED_PUT)
    assert (missing.confidence is Confidence.HIGH) is certain, missing.message


@pytest.mark.parametrize(
    ("before", "loop", "certain"),
    [
        ("const MAX_RETRIES = 0;\n", "for (let i = 0; i < MAX_RETRIES; i++)", False),
        ("", "for (let i = 5; i <= 4; i++)", False),
        ("const MAX_RETRIES = 3;\n", "for (let i = 0; i < MAX_RETRIES; i++)", True),
        ("let MAX_RETRIES = 0;\nexport const more = () => { MAX_RETRIES = 3; };\n", "for (let i = 0; i < MAX_RETRIES; i++)", True),
        ("const MAX_RETRIES = 0;\n", "for (let i = 0; i < MAX_RETRIES || event.force; i++)", True),
    ],
    ids=["constant-zero-bound", "literal-bounds", "a-bound-that-loops", "a-let-set-elsewhere", "a-condition-not-constant"],
)  # fmt: skip
def test_the_body_of_a_for_whose_condition_starts_false_never_runs(tmp_path, before, loop, certain):
    """Review 34b 14: `for (let i = 0; i < MAX_RETRIES; i++)` with `MAX_RETRIES = 0`."""
    body = (
        f"  {loop} {{\n"
        "    await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`, { method: 'POST' });\n"
        "  }\n}\n"
    )
    (missing,) = _sc401(tmp_path, before + RUN + body)
    assert (missing.confidence is Confidence.HIGH) is certain, missing.message
