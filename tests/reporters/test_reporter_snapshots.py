"""Golden files of every output format for a few reports.

A snapshot is only worth something if a person read it: after
`SCOPECHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/reporters`, read each
changed file in tests/reporters/snapshots/ as a user would before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reporter_cases import (
    CASES,
    SNAPSHOTS,
    VARIANTS,
    assert_snapshot,
    redact,
    render,
    snapshot_name,
    updating,
)


@pytest.fixture
def snapshot():
    """snapshot(name, text): compare with the golden file, or rewrite it under SCOPECHECK_UPDATE_SNAPSHOTS=1."""
    return assert_snapshot


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("case", list(CASES))
def test_output_matches_snapshot(case, variant, tmp_path, monkeypatch, snapshot):
    report = CASES[case](tmp_path, monkeypatch)
    snapshot(snapshot_name(case, variant), redact(render(report, variant), report, tmp_path))


def test_no_stale_snapshots():
    """Every golden file belongs to a case and a variant that still exist."""
    if updating():
        pytest.skip("rewriting snapshots")
    expected = {snapshot_name(case, variant) for case in CASES for variant in VARIANTS}
    present = {p.name for p in SNAPSHOTS.iterdir()} if SNAPSHOTS.is_dir() else set()
    assert present - expected == set(), "delete the snapshots no test writes any more"


def test_redaction_leaves_no_machine_specific_text(tmp_path, monkeypatch):
    report = CASES["leaky-app"](tmp_path, monkeypatch)
    for variant in VARIANTS:
        text = redact(render(report, variant), report, tmp_path)
        assert tmp_path.name not in text
        assert str(Path.home()) not in text or str(Path.home()) == "/"
    sarif = redact(render(report, "sarif"), report, tmp_path)
    assert '"uri": "file://@@ROOT@@/"' in sarif
    assert '"version": "@@VERSION@@"' in sarif
