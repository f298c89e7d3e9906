"""Real manifests written by other people: the linter never crashes on any of them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SHARED, TODAY, needs_shared
from scopecheck.core.engine import lint
from scopecheck.core.settings import CliOverrides
from scopecheck.ecosystems import TOOLKIT
from scopecheck.reporters import REPORTERS, RenderOptions

CORPUS = SHARED / "corpus" / "forge-manifests"
MANIFESTS = sorted(CORPUS.glob("*.yml")) if CORPUS.is_dir() else []


@needs_shared
def test_corpus_is_there():
    assert len(MANIFESTS) > 90


@needs_shared
@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name[:60])
def test_no_crash_and_every_format_renders(manifest, tmp_path):
    report = lint([manifest], CliOverrides(today=TODAY), cwd=CORPUS, toolkit=TOOLKIT)
    assert report.crashes == ()
    assert len(report.apps) == 1
    for render in REPORTERS.values():
        assert render(report, RenderOptions())


@needs_shared
def test_whole_corpus_in_one_process():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scopecheck",
            "lint",
            *map(str, MANIFESTS),
            "--format",
            "json",
            "--today",
            str(TODAY),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=CORPUS,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2), result.stderr
    assert '"version": 1' in result.stdout
