"""`scopecheck init`: a registry entry for every requested permission, appended without touching the rest."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, invoke_cli, run_lint, write_app
from scopecheck.core.schemas import load_schema
from scopecheck.ecosystems import TOOLKIT
from scopecheck.registry.init import plan_init, schema_url, yaml_key
from scopecheck.source.yaml_nodes import load_yaml

APPS = ("approvals-app", "leaky-app", "on-atlassian-app")
#: the rules that judge the registry itself; SC104/SC204 judge the policy's demands on it
REGISTRY_RULES = "SC001,SC002,SC101,SC102,SC103,SC105,SC301"

MANIFEST = """\
    modules:
      jira:issuePanel:
        - key: panel
          resource: main
          title: Panel
    permissions:
      scopes:
        - read:jira-work
        - storage:app
        - read:jira-work
      external:
        fetch:
          backend:
            - https://api.example.com
            - "*.example.org"
            - remote: billing
          client:
            - api.example.com
        images:
          - cdn.example.net
      content:
        scripts:
          - unsafe-inline
        styles:
          - unsafe-inline
    remotes:
      - key: billing
        baseUrl: https://billing.example.com
    """


def cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    return invoke_cli(*args, cwd=cwd)


def copy_example(name: str, tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)  # the policy search stops here, as in a checkout
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target)
    return target


def only_insertions(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails when any line of `before` changed or moved."""
    import difflib

    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        added += new[j1:j2] if tag == "insert" else []
    return added


def keys(path: Path) -> dict[str, list[str]]:
    from scopecheck.registry.model import read_registry

    registry = read_registry(load_yaml(path, path.name), path.name)
    return {s: list(getattr(registry, s)) for s in ("scopes", "egress", "content", "remotes")}


# --- a new registry -------------------------------------------------------------------------


def test_new_registry_has_every_entry_with_description_and_risk(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST)
    code, out, err = cli("init", "app", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out.startswith("Wrote 8 entries to app/permissions.yml:")
    text = (app_dir / "permissions.yml").read_text()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema_url()}"
    from scopecheck import __version__

    # the schema in this version's release tag: a URL that resolves once the version is out
    assert schema_url().endswith(f"/v{__version__}/schemas/registry.schema.json")
    assert load_schema("registry.schema.json")["$id"].endswith("/main/schemas/registry.schema.json")
    assert keys(app_dir / "permissions.yml") == {
        "scopes": ["read:jira-work", "storage:app"],  # listed twice in the manifest, written once
        "egress": ["https://api.example.com", "*.example.org", "cdn.example.net"],  # one per host
        "content": ["scripts:unsafe-inline", "styles:unsafe-inline"],
        "remotes": ["billing"],
    }
    assert text.count("    justification: TODO\n") == 8
    expected_scope = textwrap.dedent(
        """\
        scopes:
          # Read project and issue data. Search for issues and objects associated with issues (such as
          # attachments and worklogs).
          # Risk tier: medium (`read` scopes are medium risk).
          read:jira-work:
            justification: TODO
          # The app's own storage; holds no product data unless the app puts it there.
          # Risk tier: low.
          storage:app:
            justification: TODO
        egress:
          # Egress (fetch.backend, fetch.client): the app's back end calls it; the app's pages in the
          # browser call it.
        """
    )
    assert expected_scope in text
    assert '  "*.example.org":\n' in text  # `*` would start an alias: quoted
    assert (
        "  # Content relaxation: lets the app's pages run inline styles.\n  styles:unsafe-inline:\n" in text
    )
    assert "  # Remote at https://billing.example.com: a server outside Atlassian" in text


def test_new_registry_passes_the_schema_and_only_placeholders_are_flagged(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST)
    before = run_lint([app_dir], cwd=tmp_path, select=REGISTRY_RULES)
    assert {f.rule_id for f in before.reported} == {"SC101", "SC301"}
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    after = run_lint([app_dir], cwd=tmp_path, select=REGISTRY_RULES)
    assert {f.rule_id for f in after.reported} == {"SC103"}
    assert sorted(f.subject for f in after.reported) == sorted(
        [
            "read:jira-work",
            "storage:app",
            "https://api.example.com",
            "*.example.org",
            "cdn.example.net",
            "scripts:unsafe-inline",
            "styles:unsafe-inline",
            "billing",
        ]
    )


def test_schema_option_points_the_first_line_elsewhere(tmp_path):
    write_app(tmp_path, MANIFEST)
    assert cli("init", "app", "--schema", "../schemas/registry.schema.json", cwd=tmp_path)[0] == 0
    first = (tmp_path / "app" / "permissions.yml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/registry.schema.json"


def test_a_manifest_file_and_the_policy_registry_name_are_used(tmp_path):
    write_app(tmp_path, MANIFEST, policy="registry: docs/why.yml\n")
    (tmp_path / "app" / "docs").mkdir()
    code, out, _err = cli("init", "app/manifest.yml", cwd=tmp_path)
    assert code == 0
    assert "app/docs/why.yml" in out
    assert not (tmp_path / "app" / "permissions.yml").exists()
    assert keys(tmp_path / "app" / "docs" / "why.yml")["remotes"] == ["billing"]
    assert run_lint([tmp_path / "app"], cwd=tmp_path, select="SC101,SC301").reported == ()


def test_default_app_is_the_current_directory(tmp_path):
    app_dir = write_app(tmp_path, "permissions:\n  scopes: [storage:app]\n")
    code, _out, _err = cli("init", cwd=app_dir)
    assert code == 0
    assert keys(app_dir / "permissions.yml")["scopes"] == ["storage:app"]


def test_an_app_that_requests_nothing_gets_a_valid_empty_registry(tmp_path):
    app_dir = write_app(tmp_path, "modules: {}\n")
    code, out, _err = cli("init", "app", cwd=tmp_path)
    assert code == 0
    assert "every permission" in out
    assert (app_dir / "permissions.yml").read_text().count("\nversion: 1\n") == 1
    assert run_lint([app_dir], cwd=tmp_path, select="SC002").reported == ()


# --- the examples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", APPS)
def test_init_twice_on_every_example_changes_nothing_the_second_time(name, tmp_path):
    app_dir = copy_example(name, tmp_path)
    original = (app_dir / "permissions.yml").read_text()
    assert cli("init", name, cwd=tmp_path)[0] == 0
    once = (app_dir / "permissions.yml").read_bytes()
    added = only_insertions(original, once.decode())  # every existing line is kept, in order
    assert len([line for line in added if line.strip() == "justification: TODO"]) == (
        2 if name == "leaky-app" else 0  # a typo and an unused scope get no entry
    )
    assert cli("init", name, cwd=tmp_path)[0] == 0
    assert (app_dir / "permissions.yml").read_bytes() == once
    assert cli("init", name, "--check", cwd=tmp_path)[0] == 0


@pytest.mark.parametrize("name", APPS)
def test_init_from_scratch_on_every_example(name, tmp_path):
    app_dir = copy_example(name, tmp_path)
    (app_dir / "permissions.yml").unlink()
    assert cli("init", name, cwd=tmp_path)[0] == 0
    first = (app_dir / "permissions.yml").read_bytes()
    assert cli("init", name, cwd=tmp_path)[0] == 0
    assert (app_dir / "permissions.yml").read_bytes() == first
    report = run_lint([app_dir], cwd=tmp_path, select=REGISTRY_RULES)
    assert report.reported and {f.rule_id for f in report.reported} <= {"SC101", "SC103"}
    # the only scopes left undocumented are the ones init left out on purpose (issue 8 item 19)
    left_out = {  # typos are SC201's, not SC101's
        f.subject
        for f in run_lint([app_dir], cwd=tmp_path, select="SC402").reported
        if f.confidence.label == "high"
    }
    assert {f.subject for f in report.reported if f.rule_id == "SC101"} == left_out


def test_leaky_app_gets_exactly_its_missing_entries(tmp_path):
    app_dir = copy_example("leaky-app", tmp_path)
    original = (app_dir / "permissions.yml").read_text()
    code, out, err = cli("init", "leaky-app", cwd=tmp_path)
    assert code == 0
    assert out.splitlines()[:4] == [
        "Added 2 entries to leaky-app/permissions.yml:",
        '  egress: "*.herokuapp.com"',
        "  content: scripts:unsafe-inline",
        "Replace each `justification: TODO` with why the app needs it; `scopecheck lint` checks.",
    ]
    # a typo and a scope no code needs get no entry: nobody should justify what the next step removes
    assert err.splitlines()[:2] == [
        "scopecheck: no entry for `read:jira-works` in leaky-app/permissions.yml: not a Forge scope: "
        "did you mean `read:jira-work`?",
        "scopecheck: no entry for `read:confluence-content.all` in leaky-app/permissions.yml: no code "
        "needs it: `scopecheck lint --fix` removes it",
    ]
    text = (app_dir / "permissions.yml").read_text()
    # the scope entries are as they were; the new egress entry goes last in `egress:`
    head, _, tail = text.partition("egress:\n")
    assert head == original.partition("egress:\n")[0]
    assert tail.endswith(
        '  "*.herokuapp.com":\n'
        "    justification: TODO\n"
        "content:\n"
        "  # Content relaxation: lets the app's pages run inline scripts.\n"
        "  scripts:unsafe-inline:\n"
        "    justification: TODO\n"
    )
    findings = run_lint([app_dir], cwd=tmp_path, select="SC101,SC301").reported
    assert {f.subject for f in findings} == {"read:confluence-content.all"}  # the typo is SC201's


# --- appending to an existing registry ------------------------------------------------------

COMMENTED = """\
# Reviewed by the security team every quarter.
version: 1   # format

scopes:
    # the panel
    read:jira-work:
        justification: |
            Reads issue fields for the panel.
            # this line is part of the text, not a comment

        reviewed: 2026-01-02   # Q1
    # trailing comment of the scopes section

egress:
    api.example.com: Sends approval notifications to the customer's chat tool.  # shorthand
# the end
"""


def test_comments_layout_and_order_survive_byte_for_byte(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST, registry=COMMENTED)
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    text = (app_dir / "permissions.yml").read_text()
    scopes_end = COMMENTED.index("    # trailing comment")
    egress_end = COMMENTED.index("# the end")
    # three insertions, each at a line boundary; everything else is the old text, in order
    assert text.startswith(COMMENTED[:scopes_end])
    rest = text[scopes_end:]
    added_scopes, rest = rest.split(COMMENTED[scopes_end:egress_end], 1)
    assert added_scopes == (
        "    # The app's own storage; holds no product data unless the app puts it there.\n"
        "    # Risk tier: low.\n"
        "    storage:app:\n"
        "        justification: TODO\n"
    )
    added_egress, rest = rest.split("# the end\n", 1)
    assert [line.strip() for line in added_egress.splitlines() if not line.lstrip().startswith("#")] == [
        '"*.example.org":',
        "justification: TODO",
        "cdn.example.net:",
        "justification: TODO",
    ]
    assert all(line.startswith("    ") for line in added_egress.splitlines())  # the file's indent
    assert rest.startswith("content:\n    # Content relaxation")  # new sections at the end
    assert "remotes:\n    # Remote at https://billing.example.com" in rest
    # the block scalar kept its `#` line, and api.example.com (also in fetch.client) was not re-added
    assert keys(app_dir / "permissions.yml")["egress"] == [
        "api.example.com",
        "*.example.org",
        "cdn.example.net",
    ]
    assert run_lint([app_dir], cwd=tmp_path, select="SC002,SC101,SC301").reported == ()
    again = (app_dir / "permissions.yml").read_bytes()
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    assert (app_dir / "permissions.yml").read_bytes() == again


@pytest.mark.parametrize(
    ("registry", "expected_head"),
    [
        ("version: 1\nscopes: {}\n", "version: 1\nscopes:\n  # Read project"),
        ("version: 1\nscopes: {}  # none yet\n", "version: 1\nscopes:  # none yet\n  # Read project"),
        ("version: 1\nscopes:\n", "version: 1\nscopes:\n  # Read project"),
        ("version: 1\nscopes: ~\negress:\n", "version: 1\nscopes:\n  # Read project"),
        ("version: 1\nscopes:   # later\n\n", "version: 1\nscopes:   # later\n  # Read project"),
        ("version: 1\nscopes:", "version: 1\nscopes:\n  # Read project"),  # no final newline
        ("version: 1", "version: 1\nscopes:\n  # Read project"),
        ("# nothing yet\n", "# nothing yet\nversion: 1\nscopes:\n  # Read project"),
        ("", "version: 1\nscopes:\n  # Read project"),
    ],
    ids=["flow-empty", "flow-empty-comment", "null", "tilde", "null-comment", "no-newline", "no-section",
         "only-comments", "empty-file"],
)  # fmt: skip
def test_empty_sections_and_files(tmp_path, registry, expected_head):
    manifest = (
        "permissions:\n  scopes: [read:jira-work]\n  external:\n    fetch:\n      backend: [a.example.com]\n"
    )
    app_dir = write_app(tmp_path, manifest, registry=registry)
    code, _out, err = cli("init", "app", cwd=tmp_path)
    assert code == 0 and "error" not in err
    text = (app_dir / "permissions.yml").read_text()
    assert text.startswith(expected_head)
    assert keys(app_dir / "permissions.yml") == {
        "scopes": ["read:jira-work"],
        "egress": ["a.example.com"],
        "content": [],
        "remotes": [],
    }
    assert run_lint([app_dir], cwd=tmp_path, select="SC002,SC101,SC301").reported == ()


def test_present_entries_are_recognised_as_the_linter_recognises_them(tmp_path):
    registry = """\
        version: 1
        scopes:
          read:jira-work: Reads issue fields to evaluate approval rules.
          storage:app: Keeps the approval rules of each project.
        egress:
          api.example.com: Sends approval notifications to the chat tool.
          https://*.example.org:443: Fetches avatars from the customer's own server.
          CDN.example.net: Loads product images from the vendor's content network.
        content:
          unsafe-inline: The charting library injects inline styles and scripts.
        remotes:
          billing: Reports licence usage to the vendor's billing service.
        """
    app_dir = write_app(tmp_path, MANIFEST, registry=registry)
    before = (app_dir / "permissions.yml").read_bytes()
    code, out, _err = cli("init", "app", "--check", cwd=tmp_path)
    assert code == 1
    assert out.splitlines()[1:] == ['  egress: "*.example.org"', "run `scopecheck init` to add them"]
    assert (app_dir / "permissions.yml").read_bytes() == before


def test_crlf_line_endings_and_a_byte_order_mark_are_kept(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST)
    original = "\ufeffversion: 1\r\nscopes:\r\n  storage:app: Keeps the approval rules of each project.\r\n"
    (app_dir / "permissions.yml").write_bytes(original.encode("utf-8"))
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    data = (app_dir / "permissions.yml").read_bytes()
    assert data.startswith(original.encode("utf-8"))
    assert b"\n" not in data.replace(b"\r\n", b"")  # every new line ends in CRLF too
    assert keys(app_dir / "permissions.yml")["scopes"] == ["storage:app", "read:jira-work"]


def test_keys_that_yaml_would_misread_are_quoted():
    assert yaml_key("read:jira-work") == "read:jira-work"
    assert yaml_key("https://api.example.com:8443/v1") == "https://api.example.com:8443/v1"
    assert yaml_key("*.example.com") == '"*.example.com"'
    assert yaml_key("true") == '"true"'
    assert yaml_key("2026-01-01") == '"2026-01-01"'
    assert yaml_key("a: b") == '"a: b"'
    assert yaml_key("x #y") == '"x #y"'
    assert yaml_key('q"\\\x07\u2028') == '"q\\"\\\\\\x07\\u2028"'


def test_hostile_names_still_make_a_valid_file(tmp_path):
    manifest = """\
        permissions:
          scopes:
            - "read:jira-work\\u2028injected: true"
            - "null"
          external:
            fetch:
              backend:
                - "https://x.example.com/#not-a-comment"
                - "'quoted'.example.com"
        """
    app_dir = write_app(tmp_path, manifest)
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    found = keys(app_dir / "permissions.yml")
    assert found["scopes"] == []  # not Forge scopes: init leaves them out and says so
    assert found["egress"] == ["https://x.example.com/#not-a-comment", "'quoted'.example.com"]


# --- --check and errors ---------------------------------------------------------------------


def test_check_exit_codes_and_writes_nothing(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST)
    code, out, _err = cli("init", "app", "--check", cwd=tmp_path)
    assert code == 1
    assert (
        out.splitlines()[0] == "app/permissions.yml does not exist for permissions app/manifest.yml requests:"
    )
    assert "  scopes: read:jira-work, storage:app" in out
    assert not (app_dir / "permissions.yml").exists()
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    assert cli("init", "app", "--check", cwd=tmp_path)[0] == 0
    (app_dir / "manifest.yml").write_text(MANIFEST.replace("- storage:app", "- read:jira-user"))
    before = (app_dir / "permissions.yml").read_bytes()
    code, out, _err = cli("init", "app", "--check", cwd=tmp_path)
    assert code == 1
    assert "app/permissions.yml lacks 1 entry" in out
    assert "  scopes: read:jira-user" in out
    assert (app_dir / "permissions.yml").read_bytes() == before


@pytest.mark.parametrize(
    ("manifest", "registry", "message"),
    [
        ("permissions: [\n", None, "app/manifest.yml:2:1: invalid YAML"),
        ("- a\n", None, "app/manifest.yml:1:1: a Forge manifest must be a mapping"),
        (MANIFEST, "version: 1\nscopes: [\n", "app/permissions.yml:3:1: invalid YAML"),
        (MANIFEST, "version: 1\nscopes: [read:jira-work]\n", "app/permissions.yml:2:1: `scopes` (line 2) must be a mapping"),
        (MANIFEST, "version: 1\nscopes: {storage:app: x}\n", "is written in flow style"),
        (MANIFEST, "{version: 1}\n", "the registry is written in flow style"),
        (MANIFEST, "- 1\n", "app/permissions.yml: the registry must be a mapping"),
        (MANIFEST, "a: &x 1\nb: *y\n", "app/permissions.yml:2:4: unknown alias *y"),
    ],
)  # fmt: skip
def test_unreadable_input_is_one_line_and_exit_2(tmp_path, manifest, registry, message):
    app_dir = write_app(tmp_path, textwrap.dedent(manifest), registry=registry)
    before = (app_dir / "permissions.yml").read_bytes() if registry is not None else None
    for extra in ([], ["--check"]):
        code, out, err = cli("init", "app", *extra, cwd=tmp_path)
        assert code == 2, out + err
        assert err.startswith("scopecheck: error: ") and message in err
        assert err.count("\n") == 1 and "Traceback" not in err
    if before is not None:
        assert (app_dir / "permissions.yml").read_bytes() == before
    else:
        assert not (app_dir / "permissions.yml").exists()


def test_missing_app_and_binary_registry(tmp_path):
    code, _out, err = cli("init", "nowhere", cwd=tmp_path)
    assert (code, err) == (2, "scopecheck: error: nowhere: no such file or directory\n")
    (tmp_path / "empty").mkdir()
    code, _out, err = cli("init", "empty", cwd=tmp_path)
    assert (code, err) == (2, "scopecheck: error: empty: no manifest.yml and no .github/workflows here\n")
    app_dir = write_app(tmp_path, MANIFEST)
    (app_dir / "permissions.yml").write_bytes(b"version: 1\n\x00\x01")
    code, _out, err = cli("init", "app", cwd=tmp_path)
    assert code == 2
    assert err == "scopecheck: error: app/permissions.yml:2: binary file (NUL byte), expected UTF-8 YAML\n"


def test_broken_policy_is_an_error_not_a_silent_default(tmp_path):
    write_app(tmp_path, MANIFEST, policy="registry: [\n")
    code, _out, err = cli("init", "app", cwd=tmp_path)
    assert code == 2
    assert err.startswith("scopecheck: error: app/.scopecheck.yml:2:1: invalid YAML")


def test_plan_is_pure(tmp_path):
    app_dir = write_app(tmp_path, MANIFEST)
    plan = plan_init(app_dir, toolkit=TOOLKIT, cwd=tmp_path)
    assert plan.created and plan.changed and len(plan.missing) == 8
    assert not (app_dir / "permissions.yml").exists()


@pytest.mark.parametrize(
    "registry",
    [
        "version: 1\nscopes:\n  read:jira-work:\n    justification: |+\n      Reads issue fields.\n\n\n# tail\n",
        "version: 1\nscopes:\n  read:jira-work: |+\n      Reads issue fields.\n\negress:\n",
        "version: 1\nscopes:\n  read:jira-work: >\n      Reads issue\n      fields.\n\n  # about the next\n",
        "version: 1\nscopes:\n  x: &a Reads issue fields for the panel.\n  read:jira-work: *a\n# end",
        "version: 1\nscopes:\n  read:jira-work: Reads issue\n    fields for the panel.\nscopes:\n  y: z\n",
    ],
    ids=["keep-chomping", "keep-chomping-shorthand", "folded", "alias", "duplicate-section"],
)
def test_block_scalars_aliases_and_duplicate_sections_keep_their_values(tmp_path, registry):
    manifest = "permissions:\n  scopes: [read:jira-work, storage:app]\n"
    app_dir = write_app(tmp_path, manifest, registry=registry)
    path = app_dir / "permissions.yml"
    from scopecheck.registry.model import read_registry

    def texts() -> dict[str, str | None]:
        found = read_registry(load_yaml(path, "p"), "p")
        return {key: entry.text for key, entry in found.scopes.items()}

    before = texts()
    assert cli("init", "app", cwd=tmp_path)[0] == 0
    added = only_insertions(registry, path.read_text())
    assert "  storage:app:\n" in added
    after = texts()
    assert after.pop("storage:app") == "TODO"
    assert after == before
