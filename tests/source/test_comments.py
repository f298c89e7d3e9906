"""The fast comment finder the fix check uses (gaps between parsed scalars) against the
reference one (a YAML token scan): the same comments, at the same offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SHARED
from scopecheck.source.files import SourceText
from scopecheck.source.yaml_edit import comments, document_comments
from scopecheck.source.yaml_nodes import parse_yaml

TRICKY = [
    "a: 'not # a comment'  # one\nb: \"# nor\" # two\n",
    "run: |\n  echo '#'  # inside the block\n  # still inside\n# after the block\nx: 1\n",
    "flow: {a: 1, b: '#'} # c\nlist: [x, '#y'] #d\n",
    "url: https://x.example/#frag\nplain: a#b # real\n",
    "key:\t# after a tab\n  - item # in a list\n",
    "# first\n---\n# after the marker\na: &anchor 1 # anchored\nb: *anchor # alias\n",
    "plain: multi\n  line # ends it\n",
    "empty:\n# between\nnext: ~\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_comments(text):
    doc = parse_yaml(SourceText.from_text(Path("t.yml"), "t.yml", text))
    assert document_comments(doc) == comments(text)
    assert comments(text), "each case has at least one comment"


def _yaml_files() -> list[Path]:
    roots = [REPO / "examples", REPO / "tests", SHARED / "corpus"]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*.y*ml"))


def test_the_same_comments_on_every_yaml_file_at_hand():
    files = _yaml_files()
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = parse_yaml(SourceText.from_text(path, str(path), text))
        if not doc.usable:
            continue
        assert document_comments(doc) == comments(text), path
        checked += 1
    assert checked >= 20
