"""Node's subpath imports (package.json `imports`, `#lib/bb`) name app files: followed as
relative imports are, so a helper called through one is not an unresolved call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scopecheck.core.findings import Confidence
from scopecheck.ecosystems.forge.code.js.subpath_imports import SubpathImports

IMPORTS = {
    "#config": "./src/config.js",
    "#lib/*": "./src/lib/*.js",
    "#lib/special/*": {"types": "./src/special/*.d.ts", "default": "./src/special/*.js"},
    "#dep": "some-package",
    "#cond": {"browser": "./browser.js", "require": "./node.cjs"},
    "#same": {"import": "./same.js", "require": "./same.js"},
}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("#config", "./src/config.js"),
        ("#lib/bb", "./src/lib/bb.js"),
        ("#lib/deep/x", "./src/lib/deep/x.js"),
        ("#lib/special/y", "./src/special/y.js"),  # the longest prefix wins; `types` loads nothing
        ("#cond", None),  # a browser bundle and a require get different files: not decided
        ("#same", "./same.js"),
        ("#dep", None),  # a package, not an app file
        ("#missing", None),
    ],
)
def test_targets(tmp_path: Path, spec: str, expected: str | None) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"imports": IMPORTS}))
    (tmp_path / "src").mkdir()
    found = SubpathImports().target(str(tmp_path / "src"), spec)
    assert (found[1] if found else None) == expected
    if found:
        assert found[0] == str(tmp_path)


def test_the_nearest_package_json_decides(tmp_path: Path) -> None:
    """Node stops at the first package.json above the file, with or without `imports`."""
    (tmp_path / "package.json").write_text(json.dumps({"imports": IMPORTS}))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "package.json").write_text("{}")
    assert SubpathImports().target(str(tmp_path / "sub"), "#config") is None


APP = {
    "package.json": json.dumps(
        {
            "name": "a",
            "type": "module",
            "imports": {"#lib/*": "./src/lib/*.js"},
            "dependencies": {"@forge/api": "5"},
        }
    ),
    "src/index.js": "import api, { route } from '@forge/api';\nimport { bbGet } from '#lib/bb';\n"
    "export const run = ({ ws, repo }) => bbGet(route`/2.0/repositories/${ws}/${repo}/pullrequests`);\n",
    "src/lib/bb.js": "import api from '@forge/api';\n"
    "export const bbGet = async (path) => (await api.asApp().requestBitbucket(path)).json();\n",
}
MANIFEST = (
    "modules:\n  function:\n    - key: main\n      handler: index.run\n"
    "permissions:\n  scopes:\n    - read:pullrequest:bitbucket\n    - write:repository:bitbucket\n"
)


def test_a_helper_called_through_a_subpath_import_is_followed(lint_app) -> None:
    report = lint_app(MANIFEST, files=APP, select="SC402")
    assert [(f.subject, f.confidence) for f in report.reported] == [
        ("write:repository:bitbucket", Confidence.HIGH)
    ]


def test_an_unresolved_subpath_import_keeps_findings_unsure(lint_app) -> None:
    """`#lib/*` names a package here: the helper's callers are not seen, so the GET it sends
    may need the read scope (the write scope no GET needs stays certainly unused)."""
    files = dict(APP, **{"package.json": json.dumps({"name": "a", "imports": {"#lib/*": "lib-package/*"}})})
    report = lint_app(MANIFEST, files=files, select="SC402")
    found = {f.subject: f for f in report.reported}
    assert found["read:pullrequest:bitbucket"].confidence is Confidence.LOW
    assert "path is parameter `path` of `bbGet`" in found["read:pullrequest:bitbucket"].message
    assert found["write:repository:bitbucket"].confidence is Confidence.HIGH
