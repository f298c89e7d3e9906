"""The inputs every reporter test renders, golden files, and redaction.

Each case lints a copy of its apps under a temporary "repository" (a directory
with `.git`), with the working directory at its root, so the paths in every
output read as they would for a user running `scopecheck lint` at the top of
this repository, and no file outside the copy (a future top-level
`.scopecheck.yml`, say) can change the result.

Not a conftest.py: a second conftest module would replace the top-level one in
`sys.modules`, and every `from conftest import ...` in other test directories
would then import the wrong file.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import scopecheck.ecosystems as ecosystems
from conftest import EXAMPLES, run_lint
from scopecheck.core.ecosystem import Toolkit
from scopecheck.core.findings import Report
from scopecheck.core.rules import RuleBook
from scopecheck.ecosystems import TOOLKIT
from scopecheck.reporters import REPORTERS, RenderOptions

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE_ENV = "SCOPECHECK_UPDATE_SNAPSHOTS"

# --- inputs -----------------------------------------------------------------

#: an app that breaks in the ways a user meets first: a duplicate key (SC001),
#: a registry entry that breaks the schema (SC002), and two ignored findings,
#: one by an ignore comment with a reason and one by the policy's `ignore:`
DUPLICATE_APP = {
    "manifest.yml": """\
        modules:
          jira:issuePanel:
            - key: status-panel
              resource: main
              title: Ticket status
              title: Ticket status (old)
        resources:
          - key: main
            path: static/panel
        permissions:
          scopes:
            # scopecheck: ignore[classic-scope] -- granular scopes tracked in PROJ-7
            - read:jira-work
            - read:jira-user
            - storage:app
        app:
          id: ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555
        """,
    "permissions.yml": """\
        version: 1
        scopes:
          read:jira-work:
            justification: Reads the status field of the issue the panel is shown on.
          read:jira-user:
            justification: Shows the display name of whoever last changed the ticket status.
          storage:app:
            justifcation: Remembers which ticket status each project maps to.
        """,
    ".scopecheck.yml": """\
        fail-on: warning
        rules:
          classic-scope:
            ignore: [read:jira-user]
        """,
}

#: a manifest YAML cannot read at all: no rule runs on it
BROKEN_APP = {
    "manifest.yml": """\
        permissions:
          scopes:
            - read:jira-work
           - write:jira-work
        """,
}

CRASHING_RULE = "SC104"
CRASH_MESSAGE = "simulated crash for the reporter tests"


def write_files(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


def new_repository(root: Path) -> Path:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    return root


def copy_example(root: Path, name: str) -> Path:
    """examples/NAME copied to ROOT/examples/NAME; returns the copy."""
    target = root / "examples" / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def lint_examples(root: Path, *names: str) -> Report:
    new_repository(root)
    apps = [copy_example(root, name) for name in names]
    return run_lint(apps, cwd=root)


def _crash(ctx: object) -> Iterator[object]:
    raise RuntimeError(CRASH_MESSAGE)


def crashing_toolkit(code: str = CRASHING_RULE) -> Toolkit:
    """The toolkit with one rule's check replaced by one that raises."""
    rules = tuple(dataclasses.replace(r, check=_crash) if r.code == code else r for r in TOOLKIT.rules.rules)
    return dataclasses.replace(TOOLKIT, rules=RuleBook(rules), origin="")


def lint_broken_inputs(root: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """Two apps: one with SC001/SC002 and ignored findings, one that is not YAML; and a rule crash."""
    new_repository(root)
    duplicate = write_files(root / "apps" / "duplicate-app", DUPLICATE_APP)
    broken = write_files(root / "apps" / "broken-app", BROKEN_APP)
    monkeypatch.setattr(ecosystems, "TOOLKIT", crashing_toolkit())
    return run_lint([broken, duplicate], cwd=root)


#: case name -> how to build its report (root directory, monkeypatch)
CASES: dict[str, Callable[[Path, pytest.MonkeyPatch], Report]] = {
    "leaky-app": lambda root, mp: lint_examples(root, "leaky-app"),
    "approvals-app": lambda root, mp: lint_examples(root, "approvals-app"),
    "broken-inputs": lint_broken_inputs,
}

# --- outputs ----------------------------------------------------------------

#: file extension of each format's golden file (others: txt)
EXTENSIONS = {"json": "json", "sarif": "sarif", "junit": "xml", "markdown": "md"}

#: variant name -> (format in REPORTERS, options, file extension); every format, plus --quiet text
VARIANTS: dict[str, tuple[str, RenderOptions, str]] = {
    **{name: (name, RenderOptions(), EXTENSIONS.get(name, "txt")) for name in REPORTERS},
    "quiet": ("text", RenderOptions(concise=True), "txt"),
}


def render(report: Report, variant: str) -> str:
    fmt, options, _ = VARIANTS[variant]
    return REPORTERS[fmt](report, options)


def snapshot_name(case: str, variant: str) -> str:
    """`leaky-app.sarif`, `leaky-app.text.txt`, `leaky-app.quiet.txt`, `leaky-app.junit.xml`..."""
    extension = VARIANTS[variant][2]
    return f"{case}.{extension}" if variant == extension else f"{case}.{variant}.{extension}"


def redact(text: str, report: Report, *roots: Path) -> str:
    """Absolute paths -> @@ROOT@@, the tool version -> @@VERSION@@."""
    paths = {report.root, report.cwd}
    for root in roots:
        paths.update({root.as_posix(), root.resolve().as_posix()})
    for path in sorted(paths, key=len, reverse=True):
        if path not in ("", ".", "/"):
            text = text.replace(path, "@@ROOT@@")
    if report.tool_version:
        text = text.replace(f'"{report.tool_version}"', '"@@VERSION@@"')
    return text


# --- golden files -------------------------------------------------------------


def updating() -> bool:
    return os.environ.get(UPDATE_ENV) == "1"


def assert_snapshot(name: str, actual: str) -> None:
    """Compare with snapshots/NAME; with SCOPECHECK_UPDATE_SNAPSHOTS=1, rewrite it instead."""
    path = SNAPSHOTS / name
    shown = f"tests/reporters/snapshots/{name}"
    if updating():
        if not path.is_file() or path.read_text(encoding="utf-8") != actual:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.is_file():
        pytest.fail(
            f"{shown} does not exist: run the tests with {UPDATE_ENV}=1 to write it, then read it",
            pytrace=False,
        )
    expected = path.read_text(encoding="utf-8")
    if expected != actual:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{shown} (committed)",
                tofile=f"{shown} (output now)",
            )
        )
        pytest.fail(
            f"the output differs from {shown}:\n{diff}\n"
            f"If the change is intended, rerun with {UPDATE_ENV}=1, read the new file and commit it.",
            pytrace=False,
        )
