"""SC001 invalid-manifest: unreadable YAML, wrong shapes under `permissions`, duplicate keys."""

from __future__ import annotations

import pytest

from conftest import positions, run_lint, write_app
from scopecheck.core.findings import Severity


@pytest.mark.parametrize(
    ("manifest", "expected", "message"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    - read:jira-work\n   bad: [\n",
            [("manifest.yml", 4, 4, "SC001")],
            "invalid YAML: did not find expected key (while parsing a block mapping)",
            id="malformed",
        ),
        pytest.param(
            "permissions:\n\tscopes:\n    - read:jira-work\n",
            [("manifest.yml", 2, 1, "SC001")],
            "invalid YAML: found character that cannot start any token (while scanning for the next token); "
            "YAML does not allow tabs for indentation",
            id="tab-indentation",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, write:jira-work\n",
            [("manifest.yml", 3, 1, "SC001")],
            "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
            id="unclosed-bracket",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work, ${SCOPE}]\n",
            [("manifest.yml", 2, 29, "SC001")],
            "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
            id="unquoted-interpolation-in-a-flow-list",
        ),
        pytest.param(
            "- read:jira-work\n- write:jira-work\n",
            [("manifest.yml", 1, 1, "SC001")],
            "a Forge manifest must be a mapping at the top level, found a list",
            id="top-level-list",
        ),
        pytest.param(
            "just a string\n",
            [("manifest.yml", 1, 1, "SC001")],
            "a Forge manifest must be a mapping at the top level, found a string",
            id="top-level-scalar",
        ),
        pytest.param(
            "", [("manifest.yml", 1, 1, "SC001")], "the file is empty: expected a YAML mapping", id="empty"
        ),
        pytest.param(
            "# a comment\n\n# another\n",
            [("manifest.yml", 1, 1, "SC001")],
            "the file is empty: expected a YAML mapping",
            id="only-comments",
        ),
        pytest.param(
            "app:\n  id: x\n---\npermissions: {}\n",
            [("manifest.yml", 3, 1, "SC001")],
            "expected one YAML document, found a second one (`---`)",
            id="two-documents",
        ),
        pytest.param(
            'permissions: !!python/object/apply:os.system ["touch PWNED"]\n',
            [("manifest.yml", 1, 14, "SC001")],
            "unsupported YAML tag !!python/object/apply:os.system: only plain YAML values are allowed",
            id="unsafe-tag",
        ),
        pytest.param(
            "permissions:\n  scopes: !custom [read:jira-work]\n",
            [("manifest.yml", 2, 11, "SC001")],
            "unsupported YAML tag !custom: only plain YAML values are allowed",
            id="local-tag",
        ),
        pytest.param(
            "permissions:\n  scopes: *nowhere\n",
            [("manifest.yml", 2, 11, "SC001")],
            "unknown alias *nowhere",
            id="unknown-alias",
        ),
        pytest.param(
            "permissions: [read:jira-work]\n",
            [("manifest.yml", 1, 14, "SC001")],
            "`permissions` must be a mapping, found a list",
            id="permissions-list",
        ),
        pytest.param(
            "permissions:\n  scopes: 42\n",
            [("manifest.yml", 2, 11, "SC001")],
            "`permissions.scopes` must be a list of scope names, found a number",
            id="scopes-number",
        ),
        pytest.param(
            "permissions:\n  scopes: read:jira-work\n",
            [("manifest.yml", 2, 11, "SC001")],
            "`permissions.scopes` must be a list of scope names, found a string",
            id="scopes-string",
        ),
        pytest.param(
            'permissions:\n  external: "x"\n',
            [("manifest.yml", 2, 13, "SC001")],
            "`permissions.external` must be a mapping, found a string",
            id="external-string",
        ),
        pytest.param(
            "permissions:\n  external:\n    fetch: [a.example.com]\n",
            [("manifest.yml", 3, 12, "SC001")],
            "`permissions.external.fetch` must be a mapping, found a list",
            id="fetch-list",
        ),
        pytest.param(
            "permissions:\n  external:\n    fetch:\n      backend: a.example.com\n",
            [("manifest.yml", 4, 16, "SC001")],
            "`permissions.external.fetch.backend` must be a list of addresses, found a string",
            id="backend-string",
        ),
        pytest.param(
            "permissions:\n  external:\n    fetch:\n      server: [a.example.com]\n",
            [("manifest.yml", 4, 7, "SC001")],
            "unknown egress kind `permissions.external.fetch.server` (expected fetch.backend or fetch.client)",
            id="unknown-fetch-kind",
        ),
        pytest.param(
            "permissions:\n  external:\n    pictures: [a.example.com]\n",
            [("manifest.yml", 3, 5, "SC001")],
            "unknown egress kind `permissions.external.pictures` "
            "(expected one of images, media, scripts, styles, frames, fonts, navigation, fetch)",
            id="unknown-egress-kind",
        ),
        pytest.param(
            "permissions:\n  external:\n    images:\n      - category: analytics\n",
            [("manifest.yml", 4, 9, "SC001")],
            "an item of `permissions.external.images` needs `address` or `remote`",
            id="egress-item-without-address",
        ),
        pytest.param(
            "permissions:\n  external:\n    images:\n      - address: [a.example.com]\n",
            [("manifest.yml", 4, 18, "SC001")],
            "`permissions.external.images[].address` must be a string, found a list",
            id="egress-address-list",
        ),
        pytest.param(
            "permissions:\n  content:\n    scripts: unsafe-inline\n",
            [("manifest.yml", 3, 14, "SC001")],
            "`permissions.content.scripts` must be a list, found a string",
            id="content-string",
        ),
        pytest.param(
            "permissions:\n  content:\n    fonts: [x]\n",
            [("manifest.yml", 3, 5, "SC001")],
            "unknown key `permissions.content.fonts` (expected scripts or styles)",
            id="content-unknown-key",
        ),
        pytest.param(
            "remotes:\n  - baseUrl: https://x.example.com\n",
            [("manifest.yml", 2, 5, "SC001")],
            "a remote needs a `key`",
            id="remote-without-key",
        ),
        pytest.param(
            "remotes:\n  - billing\n",
            [("manifest.yml", 2, 5, "SC001")],
            "each remote must be a mapping with `key` and `baseUrl`, found a string",
            id="remote-string",
        ),
        pytest.param(
            "remotes: {billing: {}}\n",
            [("manifest.yml", 1, 10, "SC001")],
            "`remotes` must be a list, found a mapping",
            id="remotes-mapping",
        ),
        pytest.param(
            "modules: [a]\n",
            [("manifest.yml", 1, 10, "SC001")],
            "`modules` must be a mapping of module types, found a list",
            id="modules-list",
        ),
        pytest.param(
            "scopes:\n  - read:jira-work\n",
            [("manifest.yml", 1, 1, "SC001")],
            "`scopes` at the top level is ignored by Forge; move it under `permissions:`",
            id="misplaced-top-level-scopes",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\npermissions:\n  scopes: [write:jira-work]\n",
            [("manifest.yml", 3, 1, "SC001")],
            "duplicate key `permissions` (first at line 1); YAML keeps only the last one, "
            "so the earlier one is silently lost",
            id="duplicate-permissions",
        ),
        pytest.param(
            "permissions:\n  external:\n    images: [a.example.com]\n    images: [b.example.com]\n",
            [("manifest.yml", 4, 5, "SC001")],
            "duplicate key `images` (first at line 3); YAML keeps only the last one, so the earlier one is silently lost",
            id="duplicate-nested-key",
        ),
        pytest.param(
            "modules:\n  trigger:\n    - {key: a, key: b}\n",
            [("manifest.yml", 3, 16, "SC001")],
            "duplicate key `key` (first at line 3); YAML keeps only the last one, so the earlier one is silently lost",
            id="duplicate-key-inside-a-list-item",
        ),
        pytest.param(
            "permissions:\n  scopes: [read:jira-work]\n",
            [],
            None,
            id="valid",
        ),
    ],
)
def test_invalid_manifest(lint_app, manifest, expected, message):
    report = lint_app(manifest, select="SC001")
    assert positions(report) == expected
    assert [f.message for f in report.reported] == ([message] if message else [])


def test_scope_items_of_every_wrong_type(lint_app):
    report = lint_app(
        "permissions:\n  scopes:\n    - 42\n    - null\n    - [a]\n    - {a: b}\n    - ''\n    - true\n"
        "    - read:jira-work\n",
        select="SC001,SC101",
    )
    assert positions(report) == [
        ("manifest.yml", 3, 7, "SC001"),
        ("manifest.yml", 4, 7, "SC001"),
        ("manifest.yml", 5, 7, "SC001"),
        ("manifest.yml", 6, 7, "SC001"),
        ("manifest.yml", 7, 7, "SC001"),
        ("manifest.yml", 8, 7, "SC001"),
        ("manifest.yml", 9, 7, "SC101"),  # the good item is still checked
    ]
    found = [f.message.rsplit(", found ", 1)[-1] for f in report.reported[:6]]
    assert found == [
        "a number",
        "null",
        "a list",
        "a mapping",
        "empty scope name in `permissions.scopes`",
        "a boolean",
    ]


def test_duplicate_key_names_both_lines(lint_app):
    report = lint_app("permissions:\n  scopes: [a]\napp: {}\npermissions:\n  scopes: [b]\n", select="SC001")
    [finding] = report.reported
    assert (finding.span.line, finding.span.column) == (4, 1)
    assert "first at line 1" in finding.message
    assert [(r.span.line, r.span.column, r.label) for r in finding.related] == [(1, 1, "first `permissions`")]
    assert finding.subject == "permissions"


def test_every_duplicate_is_reported(lint_app):
    report = lint_app("permissions: {}\npermissions: {}\npermissions: {}\n", select="SC001")
    assert positions(report) == [("manifest.yml", 2, 1, "SC001"), ("manifest.yml", 3, 1, "SC001")]
    assert all("first at line 1" in f.message for f in report.reported)


def test_empty_sections_are_allowed(lint_app):
    text = "permissions:\n  scopes:\n  external:\n  content:\nremotes:\nmodules:\n"
    assert positions(lint_app(text, select="SC001")) == []
    assert positions(lint_app(text + "permissions: 3\n", select="SC001")) == [
        ("manifest.yml", 7, 1, "SC001"),
        ("manifest.yml", 7, 14, "SC001"),
    ]


@pytest.mark.parametrize("select", ["SC101", "SC3", None])
def test_reported_whatever_is_selected(lint_app, select):
    report = lint_app("permissions: [x]\n", select=select)
    assert positions(report, rule="SC001") == [("manifest.yml", 1, 14, "SC001")]
    assert report.reported[0].severity is Severity.ERROR


def test_cannot_be_turned_off(lint_app):
    report = lint_app("permissions: [x]\n", policy="rules:\n  SC001: off\n", select="SC001")
    assert positions(report) == [(".scopecheck.yml", 2, 3, "SC002"), ("manifest.yml", 1, 14, "SC001")]
    assert (
        report.reported[0].message
        == "SC001 reports input that cannot be read; it cannot be turned off or regraded"
    )


def test_cannot_be_turned_off_by_name(lint_app):
    report = lint_app("permissions: [x]\n", policy="rules:\n  invalid-manifest: false\n", select="SC001")
    assert positions(report) == [(".scopecheck.yml", 2, 3, "SC002"), ("manifest.yml", 1, 14, "SC001")]


def test_cannot_be_suppressed_by_a_comment(lint_app):
    report = lint_app("permissions: [x]  # scopecheck: ignore[SC001] -- on purpose\n", select="SC001")
    assert positions(report) == [("manifest.yml", 1, 14, "SC001")]
    assert report.ignored == ()


def test_cannot_be_ignored_by_subject(tmp_path):
    text = "permissions: {}\npermissions: {}\n"
    app = write_app(tmp_path, text, None, "rules:\n  SC001: {ignore: [permissions]}\n")
    report = run_lint([app], cwd=tmp_path, select="SC001")
    assert positions(report) == [("manifest.yml", 2, 1, "SC001")]
    assert report.ignored == ()


def test_unusable_manifest_runs_no_rules(lint_app):
    report = lint_app("permissions:\n  scopes: [read:jira-work\n")  # every rule, nothing but SC001
    assert [f.rule_id for f in report.reported] == ["SC001"]


def test_shape_problems_leave_the_rest_checked(lint_app):
    report = lint_app(
        "permissions:\n  scopes: [read:jira-work]\n  external: 5\n",
        registry="version: 1\n",
        select="SC001,SC101",
    )
    assert positions(report) == [("manifest.yml", 2, 12, "SC101"), ("manifest.yml", 3, 13, "SC001")]


def test_the_model_keeps_providers_resources_and_remote_tokens(tmp_path):
    from scopecheck.ecosystems.forge.adapter import read_manifest
    from scopecheck.source.yaml_nodes import load_yaml

    text = """\
resources:
  - key: main
    path: static/app/build
providers:
  auth:
    - key: github
      name: GitHub
remotes:
  - key: api
    baseUrl: https://api.example.com
    operations: [fetch, storage]
    auth:
      appSystemToken:
        enabled: true
    storage:
      inScopeEUD: false
"""
    path = tmp_path / "manifest.yml"
    path.write_text(text)
    manifest, problems = read_manifest(load_yaml(path, "manifest.yml"))
    assert problems == []
    assert manifest.providers == ("github",)
    assert [(r.key, r.path) for r in manifest.resources] == [("main", "static/app/build")]
    (remote,) = manifest.remotes
    assert (
        remote.base_url,
        remote.operations,
        remote.app_system_token,
        remote.app_user_token,
        remote.in_scope_eud,
    ) == (
        "https://api.example.com",
        ("fetch", "storage"),
        True,
        False,
        False,
    )


def _read(tmp_path, text):
    from scopecheck.ecosystems.forge.adapter import read_manifest
    from scopecheck.source.yaml_nodes import load_yaml

    path = tmp_path / "manifest.yml"
    path.write_text(text)
    return read_manifest(load_yaml(path, "manifest.yml"))


def test_the_model_keeps_the_connect_key(tmp_path):
    text = """\
app:
  id: ari:cloud:ecosystem::app/1
  connect:
    key: com.example.approvals
    remote: connect
"""
    manifest, problems = _read(tmp_path, text)
    assert problems == []
    assert manifest.connect_key == "com.example.approvals"
    span = manifest.connect_key_span
    assert (span.line, span.column, span.end_column) == (4, 10, 31)
    # a Forge app that is not a Connect app
    manifest, problems = _read(tmp_path, "app:\n  id: ari:cloud:ecosystem::app/1\n")
    assert (manifest.connect_key, manifest.connect_key_span, problems) == (None, None, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("app:\n  connect: com.example.approvals\n", "`app.connect` must be a mapping, found a string"),
        ("app:\n  connect:\n    key: [a, b]\n", "`app.connect.key` must be a string, found a list"),
    ],
    ids=["not-a-mapping", "key-not-a-string"],
)
def test_a_connect_section_of_the_wrong_shape(tmp_path, text, message):
    manifest, problems = _read(tmp_path, text)
    assert [p.message for p in problems] == [message]
    assert manifest.connect_key is None


def test_the_model_keeps_dynamic_properties_functions(tmp_path):
    from scopecheck.ecosystems.forge.adapter import dynamic_icon_handlers

    text = """\
modules:
  confluence:contentBylineItem:
    - key: byline
      title: Byline
      dynamicProperties:
        function: props
    - key: again
      title: Again
      dynamicProperties:
        function: props
  jira:issueGlance:
    - key: glance
      label: Glance
      dynamicProperties:
        function: gone
  jira:issuePanel:
    - key: panel
      dynamicProperties:
        function: other
  function:
    - key: props
      handler: lib/props.get
    - key: other
      handler: index.other
"""
    manifest, problems = _read(tmp_path, text)
    assert problems == []
    byline = manifest.modules[0]
    assert byline.dynamic_function == "props"
    span = byline.dynamic_function_span
    assert (span.line, span.column, span.end_column) == (6, 19, 24)
    assert [m.dynamic_function for m in manifest.modules] == ["props", "props", "gone", "other", None, None]
    assert manifest.module("function", "props").function == "lib/props.get"
    assert manifest.module("function", "byline") is None
    # the icon functions of bylines, glances and contexts: `gone` names no function module
    assert dynamic_icon_handlers(manifest) == ("lib/props.get", None)


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("https://", "`https://` in `permissions.external.fetch.backend` names no host"),
        ("https://api.example.com:99999", "has an invalid port `99999`"),
        ("api.example.com:http", "has an invalid port `http`"),
    ],
)
def test_egress_addresses_forge_could_never_match(lint_app, address, message):
    manifest = f"permissions:\n  external:\n    fetch:\n      backend:\n        - '{address}'\n"
    report = lint_app(manifest, select="SC001")
    assert positions(report) == [("manifest.yml", 5, 11, "SC001")]
    assert message in report.reported[0].message


def test_placeholders_and_good_ports_pass(lint_app):
    manifest = (
        "permissions:\n  external:\n    fetch:\n      backend:\n"
        "        - ${API_HOST}\n        - https://api.example.com:8443\n        - '*.example.com'\n"
    )
    assert positions(lint_app(manifest, select="SC001")) == []


TRIGGER = "modules:\n  trigger:\n    - key: on-create\n      function: main\n"


@pytest.mark.parametrize(
    ("manifest", "expected", "messages"),
    [
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work:\n    write:jira-work: true\n",
            [("manifest.yml", 3, 5, "SC001"), ("manifest.yml", 4, 22, "SC001")],
            [
                "`read:jira-work` in `permissions.scopes` needs a mapping of options (`{}` or "
                "`{allowImpersonation: true}`), found null; to list scope names, write each as `- read:jira-work`",
                "`write:jira-work` in `permissions.scopes` needs a mapping of options (`{}` or "
                "`{allowImpersonation: true}`), found a boolean; to list scope names, write each as "
                "`- write:jira-work`",
            ],
            id="scopes-mapping-of-names-to-nothing",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read: jira-work\n",
            [("manifest.yml", 3, 11, "SC001")],
            [
                "`read` in `permissions.scopes` needs a mapping of options (`{}` or `{allowImpersonation: true}`), "
                "found a string; to list scope names, write each as `- read`"
            ],
            id="scopes-mapping-of-a-split-name",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work: {allowImpersonation: yes please, impersonate: true}\n",
            [("manifest.yml", 3, 42, "SC001"), ("manifest.yml", 3, 54, "SC001")],
            [
                "`allowImpersonation` of `read:jira-work` in `permissions.scopes` must be true or false, "
                "found a string",
                "unknown option `impersonate` for `read:jira-work` in `permissions.scopes` "
                "(Forge allows only `allowImpersonation`)",
            ],
            id="scopes-object-form-bad-options",
        ),
        pytest.param(
            "permissions:\n  scopes:\n    read:jira-work: {}\n    write:jira-work: {allowImpersonation: true}\n",
            [],
            [],
            id="scopes-object-form-is-valid-forge",
        ),
        pytest.param(
            TRIGGER + "      events: avi:jira:created:issue\n",
            [("manifest.yml", 5, 15, "SC001")],
            [
                "`events` of trigger `on-create` must be a list of event names, found a string; "
                "write `- avi:jira:created:issue`"
            ],
            id="trigger-events-string",
        ),
        pytest.param(
            TRIGGER + "      events: {avi:jira:created:issue: {}}\n",
            [("manifest.yml", 5, 15, "SC001")],
            ["`events` of trigger `on-create` must be a list of event names, found a mapping"],
            id="trigger-events-mapping",
        ),
        pytest.param(
            TRIGGER + "      events:\n        - 7\n        - {filter: {expression: x}}\n",
            [("manifest.yml", 6, 11, "SC001"), ("manifest.yml", 7, 11, "SC001")],
            [
                "each item of `events` of trigger `on-create` must be an event name or a mapping with "
                "`eventType`, found a number",
                "each item of `events` of trigger `on-create` must be an event name or a mapping with "
                "`eventType`, found a mapping",
            ],
            id="trigger-event-items",
        ),
        pytest.param(
            TRIGGER + "      events:\n        - avi:jira:created:issue\n"
            "        - {eventType: avi:jira:updated:issue, filter: {expression: x}}\n",
            [],
            [],
            id="trigger-events-valid-both-forms",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: 12\n",
            [("manifest.yml", 3, 14, "SC001")],
            ["`baseUrl` of remote `billing` must be a URL like `https://api.example.com`, found a number"],
            id="base-url-number",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: billing service\n",
            [("manifest.yml", 3, 14, "SC001")],
            [
                "`baseUrl` of remote `billing` must be a URL like `https://api.example.com`, "
                "found `billing service`"
            ],
            id="base-url-not-a-url",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: api.example.com\n",
            [("manifest.yml", 3, 14, "SC001")],
            [
                "`baseUrl` of remote `billing` must be a URL like `https://api.example.com`, "
                "found `api.example.com`"
            ],
            id="base-url-without-scheme",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: {EU: https://eu.example.com, US: [x]}\n",
            [("manifest.yml", 3, 14, "SC001"), ("manifest.yml", 3, 47, "SC001")],
            [
                "`baseUrl` of remote `billing` maps regions to URLs but has no `default`",
                "`baseUrl` of remote `billing` for region `US` must be a URL like `https://api.example.com`, "
                "found a list",
            ],
            id="base-url-regions-without-default",
        ),
        pytest.param(
            "remotes:\n  - key: billing\n    baseUrl: {default: https://api.example.com, EU: https://eu.example.com}\n"
            "  - key: b\n    baseUrl: ${BILLING_URL}\n  - key: c\n    baseUrl: http://plain.example.com\n",
            [],
            [],
            id="base-url-valid-forms",
        ),
    ],
)
def test_issue_8_invalid_shapes_are_reported(lint_app, manifest, expected, messages):
    report = lint_app(manifest, select="SC001")
    assert positions(report) == expected
    assert [f.message for f in report.reported] == messages


def test_issue_8_a_lone_trigger_event_is_still_checked_for_scopes(lint_app):
    """`events: <name>` is SC001, and the event still needs its scope (SC401)."""
    manifest = (
        "modules:\n  trigger:\n    - key: on-create\n      function: main\n      events: avi:jira:created:issue\n"
        "  function:\n    - key: main\n      handler: index.run\npermissions:\n  scopes: [storage:app]\n"
    )
    report = lint_app(manifest, select="SC401")
    assert positions(report) == [("manifest.yml", 5, 15, "SC001"), ("manifest.yml", 5, 15, "SC401")]
    assert report.reported[1].message.startswith("event avi:jira:created:issue needs `read:jira-work`")


def test_issue_8_region_base_urls_use_the_default(tmp_path):
    app = write_app(
        tmp_path,
        "remotes:\n  - key: billing\n    baseUrl: {default: https://api.example.com, EU: https://eu.example.com}\n",
    )
    from scopecheck.ecosystems.forge.adapter import read_manifest
    from scopecheck.source.yaml_nodes import load_yaml

    manifest, problems = read_manifest(load_yaml(app / "manifest.yml", "manifest.yml"))
    assert problems == []
    assert manifest is not None
    [remote] = manifest.remotes
    assert (remote.base_url, remote.base_url_span.line, remote.base_url_span.column) == (
        "https://api.example.com",
        3,
        24,
    )


def test_issue_8_invalid_base_url_exits_2_with_one_line(tmp_path):
    import subprocess
    import sys

    write_app(tmp_path, "remotes:\n  - key: billing\n    baseUrl: 12\n")
    result = subprocess.run(
        [sys.executable, "-m", "scopecheck", "lint", "app", "--quiet"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "app/manifest.yml:3:14:" in result.stdout + result.stderr
