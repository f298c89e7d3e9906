"""The hand-written answer keys in accuracy/forge/ follow their format (accuracy/README.md)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO

KEYS = sorted((REPO / "accuracy" / "forge").glob("*/*.yml"))


def test_there_are_keys_for_every_set():
    folders = {path.parent.name for path in KEYS}
    assert folders == {"keys", "heldout", "heldout2", "heldout3"} and len(KEYS) >= 140


@pytest.mark.parametrize("path", KEYS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_key_follows_the_format(path):
    key = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", key["repo"])
    assert re.fullmatch(r"[0-9a-f]{40}", str(key["commit"]))
    assert "scopecheck output" in key["written_by"]  # written by hand, never from the tool
    for scope, entry in (key.get("scopes") or {}).items():
        assert entry["verdict"] in ("needed", "unused", "unsure"), scope
        if entry["verdict"] == "needed":
            assert entry.get("evidence"), f"{scope}: a needed scope names what needs it"
        else:
            assert entry.get("note"), f"{scope}: an {entry['verdict']} scope says why"
    for missing in key.get("missing") or []:
        assert missing["call"] and missing["alternatives"]
