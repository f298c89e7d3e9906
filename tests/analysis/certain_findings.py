"""The check the review-built cases share: lint a small app and see that no certain finding
is wrong (or that a right one stays certain)."""

from __future__ import annotations

import pytest

from scopecheck.core.findings import Confidence


def certain_cases(cases: list[tuple]) -> pytest.MarkDecorator:
    """Parametrize a test over (name, check, files) cases, each named by its first item."""
    return pytest.mark.parametrize(
        ("check", "files"), [case[1:] for case in cases], ids=[case[0] for case in cases]
    )


def check_certain(lint_app, check: tuple[str, str], files: dict[str, str]) -> None:
    """`check` is (kind, what): "no_high" — rule `what` (or each of `SC403,SC404`) has no certain finding;
    "no_high_subject" — no certain finding is about `what` (a scope the app needs);
    "high" — rule `what` has a certain finding (the app really lacks it)."""
    files = dict(files)
    manifest = files.pop("manifest.yml")
    report = lint_app(manifest, files=files, select="SC401,SC402,SC403,SC404")
    certain = [f for f in report.reported if f.confidence is Confidence.HIGH]
    kind, what = check
    if kind == "no_high":
        assert [(f.rule_id, f.subject) for f in certain if f.rule_id in what.split(",")] == []
    elif kind == "no_high_subject":
        assert [f.rule_id for f in certain if f.subject == what] == []
    else:
        assert any(f.rule_id == what for f in certain), [(f.rule_id, f.message) for f in report.reported]
