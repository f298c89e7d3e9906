"""scripts/compare_findings.py records every code-rule finding on keyed apps and shows what
changed between two records."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from analysis.analysis_support import write_files

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_findings.py"
MANIFEST = """modules:
  trigger:
    - key: t
      function: main
      events: [avi:jira:created:issue]
  function:
    - key: main
      handler: index.run
app:
  id: ari:cloud:ecosystem::app/x
permissions:
  scopes: [read:me, write:jira-work]
  external:
    fetch:
      backend: [api.example.com]
"""
INDEX = (
    "import api, { route } from '@forge/api';\n"
    "export const run = async (e) => {\n"
    "  await api.asApp().requestJira(route`/rest/api/3/issue/${e.issue.key}`, { method: 'DELETE' });\n"
    "  await api.fetch('https://other.example.org/hook');\n"
    "};\n"
)


def _script():
    spec = importlib.util.spec_from_file_location("compare_findings", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _app(tmp_path: Path, index: str) -> tuple[Path, Path]:
    keys, apps = tmp_path / "keys", tmp_path / "apps"
    write_files(keys, {"me__app.yml": "repo: me/app\ncommit: " + "0" * 40 + "\napp: .\nscopes: {}\n"})
    write_files(
        apps / "me__app",
        {
            "manifest.yml": MANIFEST,
            "package.json": '{"dependencies": {"@forge/api": "^5"}}',
            "src/index.js": index,
        },
    )
    return keys, apps


def test_a_record_holds_every_code_rule_and_a_diff_shows_what_changed(tmp_path, capsys):
    compare = _script()
    keys, apps = _app(tmp_path, INDEX)
    before = tmp_path / "before.json"
    assert compare.main(["record", str(before), "--set", str(keys), str(apps)]) == 0
    rules = {row[1] for row in json.loads(before.read_text())}
    # the event needs read:jira-work, read:me is unused, one host is missing and one unused
    assert rules == {"SC401", "SC402", "SC403", "SC404"}, rules
    assert compare.main(["diff", str(before), str(before)]) == 0

    (apps / "me__app" / "src" / "index.js").write_text(INDEX.replace("other.example.org", "api.example.com"))
    after = tmp_path / "after.json"
    compare.main(["record", str(after), "--set", str(keys), str(apps)])
    capsys.readouterr()
    assert compare.main(["diff", str(before), str(after)]) == 1
    printed = capsys.readouterr().out
    assert "-\tme__app\tSC403\tother.example.org" in printed, printed
    assert "2 only before, 0 only after" in printed, printed
