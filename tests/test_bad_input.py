"""Bad input never crashes: every hostile or broken file through the real CLI, in a subprocess.

Each case runs `python -m scopecheck lint PATH` inside a small runner process of its own, so
`getrusage(RUSAGE_CHILDREN)` there measures the linter alone. Every case must exit with the
expected code (2 for unreadable input, 0/1 where the input is valid), print no traceback,
name the file (and line) in its output, finish in a few seconds, stay under 200 MB and leave
every input file byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

MAX_SECONDS = 5.0
MAX_RSS_MB = 200

RUNNER = r"""
import json, resource, subprocess, sys, time
spec = json.loads(sys.argv[1])
start = time.monotonic()
try:
    done = subprocess.run(spec["cmd"], cwd=spec["cwd"], capture_output=True, timeout=spec["timeout"],
                          env=spec["env"])
    code, out, err = done.returncode, done.stdout, done.stderr
except subprocess.TimeoutExpired as exc:
    code, out, err = None, exc.stdout or b"", exc.stderr or b""
seconds = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({"code": code, "stdout": out.decode("utf-8", "replace"), "stderr": err.decode("utf-8", "replace"),
           "seconds": seconds, "peak_kb": peak_kb}, sys.stdout)
"""

GOOD_MANIFEST = b"permissions:\n  scopes:\n    - storage:app\n"
GOOD_REGISTRY = (
    b"version: 1\nscopes:\n  storage:app: Stores the approval rules of each project in the app storage.\n"
)
STORE = "Stores the approval rules of each project in the app storage."

BOMB = "".join(
    f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9 if prev else ["lol"] * 9) + "]\n"
    for prev, name in zip(
        ["", "a", "b", "c", "d", "e", "f", "g"], ["a", "b", "c", "d", "e", "f", "g", "h"], strict=True
    )
).encode()
DEEP_FLOW = b"[" * 50_000 + b"]" * 50_000
DEEP_BLOCK = b"- " * 50_000 + b"x\n"
DEEP_BLOCK_MAPS = b"".join(b" " * i + b"k:\n" for i in range(1500))
LONG_NAME = "read:" + "x" * 200_000
SIXTY_MB = 60 * 1024 * 1024


@dataclass
class Case:
    id: str
    files: dict[str, bytes | Callable[[Path], None]]  # relative to tmp_path; a callable builds it
    code: int
    where: list[str]  # each must appear in stdout + stderr
    args: list[str] = field(default_factory=list)
    target: str = "app/manifest.yml"
    json_rule: str | None = None  # run with --format json and expect this rule in the findings


def huge(name: str, head: bytes) -> Callable[[Path], None]:
    """A real 60 MB file (not sparse): `head`, then a repeated valid line."""

    def build(root: Path) -> None:
        line = b"    - read:jira-work\n"
        with open(root / name, "wb") as handle:
            handle.write(head)
            handle.write(line * (SIXTY_MB // len(line)))

    return build


def directory(name: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        (root / name).mkdir(parents=True)

    return build


def manifest_cases() -> list[Case]:
    m = "app/manifest.yml"
    return [
        Case(
            "malformed",
            {m: b"permissions:\n  scopes:\n    - read:jira-work\n   bad: [\n"},
            2,
            [f"{m}:4:4", "invalid YAML"],
        ),
        Case(
            "tabs",
            {m: b"permissions:\n\tscopes:\n    - read:jira-work\n"},
            2,
            [f"{m}:2:1", "tabs"],
            json_rule="SC001",
        ),
        Case("unclosed-bracket", {m: b"permissions:\n  scopes: [read:jira-work\n"}, 2, [f"{m}:3:1", "']'"]),
        Case(
            "top-level-list",
            {m: b"- permissions\n- scopes\n"},
            2,
            [f"{m}:1:1", "found a list"],
            json_rule="SC001",
        ),
        Case("scopes-number", {m: b"permissions:\n  scopes: 42\n"}, 2, [f"{m}:2:11", "found a number"]),
        Case(
            "scope-items-of-wrong-types",
            {m: b"permissions:\n  scopes:\n    - 42\n    - null\n    - [a]\n    - {a: b}\n"},
            2,
            [f"{m}:3:7", f"{m}:4:7", f"{m}:5:7", f"{m}:6:7", "found null", "found a mapping"],
            json_rule="SC001",
        ),
        Case(
            "permissions-list", {m: b"permissions: [read:jira-work]\n"}, 2, [f"{m}:1:14", "must be a mapping"]
        ),
        Case("external-string", {m: b'permissions:\n  external: "x"\n'}, 2, [f"{m}:2:13", "found a string"]),
        Case("empty", {m: b""}, 2, [f"{m}:1:1", "the file is empty"]),
        Case("only-comments", {m: b"# nothing\n# here\n"}, 2, [f"{m}:1:1", "the file is empty"]),
        Case(
            "binary",
            {m: b"permissions:\n  scopes:\n    - \x00\x01\x02\xff\n"},
            2,
            [f"{m}:3:1", "binary file"],
        ),
        Case(
            "not-utf8",
            {m: "permissions:\n  scopes:\n    - café\n".encode("latin-1")},
            2,
            [f"{m}:3:1", "not UTF-8"],
        ),
        Case(
            "utf8-bom-works",
            {m: b"\xef\xbb\xbf" + GOOD_MANIFEST + b"    - read:me\n", "app/permissions.yml": GOOD_REGISTRY},
            1,
            [f"{m}:4:7", "undocumented-scope"],
        ),
        Case(
            "unsafe-tag",
            {m: b'permissions: !!python/object/apply:os.system ["touch PWNED"]\n'},
            2,
            [f"{m}:1:14", "unsupported YAML tag"],
            json_rule="SC001",
        ),
        Case("alias-bomb", {m: BOMB}, 2, [f"{m}:6:12", "billion laughs"], json_rule="SC001"),
        Case("nesting-50000-flow", {m: b"permissions: " + DEEP_FLOW + b"\n"}, 2, [f"{m}:1:", "invalid YAML"]),
        Case("nesting-50000-block", {m: DEEP_BLOCK}, 2, [f"{m}:1:201", "nesting is deeper than 100 levels"]),
        Case("nesting-block-mappings", {m: DEEP_BLOCK_MAPS}, 2, [f"{m}:100:100", "nesting is deeper"]),
        Case("sixty-mb", {m: huge(m, b"permissions:\n  scopes:\n")}, 2, [f"{m}:1:1", "file is too large"]),
        Case(
            "scope-of-200000-characters",
            {m: f"permissions:\n  scopes:\n    - {LONG_NAME}\n".encode()},
            1,
            [f"{m}:3:7", "unknown scope `read:xxxx"],
        ),
        Case("directory-as-manifest", {m: directory(m)}, 2, [m, "no manifest.yml or workflow found"]),
        Case("nonexistent", {}, 2, ["app/nope.yml", "no such file"], target="app/nope.yml"),
    ]


def registry_cases() -> list[Case]:
    r = "app/permissions.yml"
    base = {"app/manifest.yml": GOOD_MANIFEST}
    return [
        Case(
            f"registry-{c.id}",
            {**base, r: c.files},
            c.code,
            [s.replace("RPATH", r) for s in c.where],
            json_rule=c.json_rule,
        )
        if not callable(c.files)
        else Case(f"registry-{c.id}", {**base, r: c.files}, c.code, [s.replace("RPATH", r) for s in c.where])
        for c in [
            Case(
                "malformed",
                b"version: 1\nscopes:\n  storage:app: [\n",
                2,
                ["RPATH:4:1", "invalid YAML"],
                json_rule="SC002",
            ),
            Case("tabs", b"version: 1\nscopes:\n\tstorage:app: x\n", 2, ["RPATH:3:1", "tabs"]),
            Case(
                "unclosed-bracket", b"version: 1\nscopes: {storage:app: x\n", 2, ["RPATH:3:1", "invalid YAML"]
            ),
            Case("top-level-list", b"- version\n", 2, ["RPATH:1:1", "found a list"], json_rule="SC002"),
            Case("scopes-number", b"version: 1\nscopes: 42\n", 2, ["RPATH:2:9", "wrong shape"]),
            Case("scopes-list", b"version: 1\nscopes: [storage:app]\n", 2, ["RPATH:2:9", "wrong shape"]),
            Case(
                "entry-number", b"version: 1\nscopes:\n  storage:app: 42\n", 2, ["RPATH:3:16", "wrong shape"]
            ),
            Case("empty", b"", 2, ["RPATH:1:1", "the file is empty"]),
            Case("only-comments", b"# to do\n", 2, ["RPATH:1:1", "the file is empty"]),
            Case("binary", b"version: 1\n\x00\n", 2, ["RPATH:2:1", "binary file"], json_rule="SC002"),
            Case(
                "not-utf8",
                "version: 1\nscopes:\n  storage:app: caf\xe9\n".encode("latin-1"),
                2,
                ["RPATH:3:1", "not UTF-8"],
            ),
            Case(
                "utf8-bom-works",
                b"\xef\xbb\xbf"
                + GOOD_REGISTRY
                + b"  read:me: Shows the name of the current user in the panel.\n",
                1,  # a warning: it fails the default gate
                ["RPATH:4:3", "stale-justification"],
            ),
            Case(
                "unsafe-tag",
                b'version: !!python/object/apply:os.system ["touch PWNED"]\n',
                2,
                ["RPATH:1:10", "unsupported YAML tag"],
            ),
            Case("alias-bomb", BOMB, 2, ["RPATH:6:12", "billion laughs"], json_rule="SC002"),
            Case(
                "nesting-50000-flow",
                b"version: 1\nscopes: " + DEEP_FLOW + b"\n",
                2,
                ["RPATH:2:", "invalid YAML"],
            ),
            Case(
                "nesting-50000-block",
                b"version: 1\nscopes:\n  x:\n    " + DEEP_BLOCK,
                2,
                ["RPATH:4:", "nesting is deeper"],
            ),
            Case(
                "scope-of-200000-characters",
                f"version: 1\nscopes:\n  storage:app: {STORE}\n  ? {LONG_NAME}\n  : {STORE} Two.\n".encode(),
                1,  # a warning: it fails the default gate
                ["RPATH:4:5", "stale-justification", "read:xxxx"],
            ),
        ]
    ] + [
        Case(
            "registry-sixty-mb",
            {**base, r: huge(r, b"version: 1\nscopes:\n")},
            2,
            [f"{r}:1:1", "file is too large"],
        ),
        Case("registry-directory", {**base, r: directory(r)}, 2, [f"{r}:1:1", "is a directory"]),
        Case(
            "registry-nonexistent",
            base,
            2,
            ["app/missing.yml", "--registry file does not exist"],
            args=["--registry", "app/missing.yml"],
        ),
    ]


def policy_cases() -> list[Case]:
    p = "app/.scopecheck.yml"
    base = {"app/manifest.yml": GOOD_MANIFEST, "app/permissions.yml": GOOD_REGISTRY}
    bad = [
        Case("malformed", b"rules: {SC101: off\n", 2, ["PPATH:2:1", "invalid YAML"], json_rule="SC002"),
        Case("tabs", b"rules:\n\tSC101: off\n", 2, ["PPATH:2:1", "tabs"]),
        Case("unclosed-bracket", b"policy:\n  deny-scopes: [a\n", 2, ["PPATH:3:1", "invalid YAML"]),
        Case("top-level-list", b"- rules\n", 2, ["PPATH:1:1", "found a list"], json_rule="SC002"),
        Case("rules-number", b"rules: 42\n", 2, ["PPATH:1:8", "found a number"]),
        Case("policy-list", b"policy: [egress]\n", 2, ["PPATH:1:9", "found a list"]),
        Case("fail-on-list", b"fail-on: [error]\n", 2, ["PPATH:1:10", "fail-on"]),
        # an empty policy means the defaults: not an error
        Case("empty", b"", 0, ["No findings in 1 app"]),
        Case("only-comments", b"# policy to come\n", 0, ["No findings in 1 app"]),
        Case("binary", b"rules:\n  \x00\n", 2, ["PPATH:2:1", "binary file"], json_rule="SC002"),
        Case("not-utf8", "rules:\n  SC101: caf\xe9\n".encode("latin-1"), 2, ["PPATH:2:1", "not UTF-8"]),
        Case(
            "unsafe-tag",
            b'rules: !!python/object/apply:os.system ["touch PWNED"]\n',
            2,
            ["PPATH:1:8", "unsupported YAML tag"],
        ),
        Case("alias-bomb", BOMB, 2, ["PPATH:6:12", "billion laughs"], json_rule="SC002"),
        Case("nesting-50000-flow", b"rules: " + DEEP_FLOW + b"\n", 2, ["PPATH:1:", "invalid YAML"]),
        Case(
            "nesting-50000-block",
            b"policy:\n  deny-scopes:\n    " + DEEP_BLOCK,
            2,
            ["PPATH:3:", "nesting is deeper"],
        ),
    ]
    return [
        Case(
            f"policy-{c.id}",
            {**base, p: c.files},
            c.code,
            [s.replace("PPATH", p) for s in c.where],
            json_rule=c.json_rule,
        )
        for c in bad
    ] + [
        # a BOM policy is read: fail-on never turns the undocumented scope's error into exit 0
        Case(
            "policy-utf8-bom-works",
            {
                "app/manifest.yml": b"permissions:\n  scopes: [storage:app, read:me]\n",
                p: b"\xef\xbb\xbffail-on: never\n",
            },
            0,
            ["app/manifest.yml:2:25", "undocumented-scope"],
        ),
        Case(
            "policy-scope-of-200000-characters",
            {**base, p: f"policy:\n  deny-scopes: ['{LONG_NAME}', storage:app]\n".encode()},
            1,
            ["app/manifest.yml:3:7", "denied-scope"],
        ),
        Case(
            "policy-sixty-mb",
            {**base, p: huge(p, b"policy:\n  deny-scopes:\n")},
            2,
            [f"{p}:1:1", "file is too large"],
        ),
        Case(
            "policy-directory",
            {**base, "app/policy.d": directory("app/policy.d")},
            2,
            ["app/policy.d", "--config"],
            args=["--config", "app/policy.d"],
        ),
        Case(
            "policy-nonexistent",
            base,
            2,
            ["app/nope.yml", "--config file does not exist"],
            args=["--config", "app/nope.yml"],
        ),
    ]


CASES = manifest_cases() + registry_cases() + policy_cases()


def build(root: Path, case: Case) -> None:
    (root / ".git").mkdir()  # the policy search stops here
    (root / "app").mkdir(exist_ok=True)
    for name, content in case.files.items():
        if callable(content):
            content(root)
        else:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file and directory under root: (sha256, size, mtime_ns)."""
    state = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[path.relative_to(root).as_posix()] = (digest, path.stat().st_size, path.stat().st_mtime_ns)
        else:
            state[path.relative_to(root).as_posix()] = ("dir", 0, path.stat().st_mtime_ns)
    return state


def run_cli(root: Path, args: list[str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR",)}
    env["NO_COLOR"] = "1"
    spec = {
        "cmd": [sys.executable, "-m", "scopecheck", "lint", *args],
        "cwd": str(root),
        "timeout": 30,
        "env": env,
    }
    done = __import__("subprocess").run(
        [sys.executable, "-c", RUNNER, json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(tmp_path, case):
    build(tmp_path, case)
    before = snapshot(tmp_path)
    args = [case.target, *case.args]
    if case.json_rule:
        args += ["--format", "json"]
    result = run_cli(tmp_path, args)
    output = result["stdout"] + result["stderr"]

    assert result["code"] == case.code, output[-2000:]
    assert "Traceback" not in output
    for text in case.where:
        assert text in output, f"{text!r} not in output:\n{output[-2000:]}"
    assert result["seconds"] < MAX_SECONDS
    assert result["peak_kb"] / 1024 < MAX_RSS_MB
    assert snapshot(tmp_path) == before  # nothing changed, nothing created (no PWNED)
    assert len(result["stderr"].splitlines()) <= 3 or case.json_rule  # a short reason, not a dump

    if case.json_rule:
        report = json.loads(result["stdout"])
        assert report["version"] == 1
        found = [f for f in report["findings"] if f["rule"] == case.json_rule]
        assert found, report["findings"]
        first = case.where[0]
        path, line = first.split(":")[0], first.split(":")[1]
        assert any(f["path"] == path and str(f["line"]) == line for f in found)
        assert f"scopecheck: error: {first}" in result["stderr"]


def test_unreadable_files(tmp_path):
    build(
        tmp_path, Case("x", {"app/manifest.yml": GOOD_MANIFEST, "app/permissions.yml": GOOD_REGISTRY}, 0, [])
    )
    (tmp_path / "app" / ".scopecheck.yml").write_bytes(b"fail-on: error\n")
    names = ["manifest.yml", "permissions.yml", ".scopecheck.yml"]
    for name in names:
        (tmp_path / "app" / name).chmod(0)
    try:
        if os.access(tmp_path / "app" / "manifest.yml", os.R_OK):
            pytest.skip("running as root: chmod 000 does not make a file unreadable")
        for name in names:
            for other in names:
                (tmp_path / "app" / other).chmod(0 if other == name else 0o644)
            result = run_cli(tmp_path, ["app/manifest.yml"])
            output = result["stdout"] + result["stderr"]
            assert result["code"] == 2, output
            assert "Traceback" not in output
            assert f"app/{name}:1:1" in output and "permission denied" in output
    finally:
        for name in names:
            (tmp_path / "app" / name).chmod(0o644)


def test_marker_file_is_not_created_anywhere(tmp_path):
    """The unsafe-tag payload again, in all three files at once, run from the app directory."""
    payload = b'!!python/object/apply:os.system ["touch PWNED"]'
    build(
        tmp_path,
        Case(
            "x",
            {
                "app/manifest.yml": b"permissions: " + payload + b"\n",
                "app/permissions.yml": b"version: " + payload + b"\n",
                "app/.scopecheck.yml": b"rules: " + payload + b"\n",
            },
            2,
            [],
        ),
    )
    result = run_cli(tmp_path / "app", ["manifest.yml"])
    assert result["code"] == 2
    assert [p.name for p in tmp_path.rglob("PWNED")] == []
    assert "Traceback" not in result["stdout"] + result["stderr"]
