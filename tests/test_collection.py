"""core/collection.py: the analysis collects garbage less often, and leaves the process's
thresholds as it found them."""

from __future__ import annotations

import gc

import pytest

from scopecheck.core.collection import BUSY_THRESHOLD, fewer_collections


def test_the_threshold_is_raised_inside_and_restored_after_even_on_error():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold()[0] == max(BUSY_THRESHOLD, before[0])
        assert gc.get_threshold()[1:] == before[1:]
        raise RuntimeError("analysis failed")
    assert gc.get_threshold() == before


def test_a_higher_threshold_set_by_the_caller_is_kept():
    before = gc.get_threshold()
    gc.set_threshold(BUSY_THRESHOLD * 2, *before[1:])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == BUSY_THRESHOLD * 2
    finally:
        gc.set_threshold(*before)
