from conftest import positions


def test_undocumented_scope_points_at_the_scope(lint_app):
    report = lint_app(
        """\
        permissions:
          scopes:
            - read:jira-work
        """,
        registry="version: 1\nscopes: {}\n",
        select="SC101",
    )
    assert positions(report) == [("manifest.yml", 3, 7, "SC101")]
