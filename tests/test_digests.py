"""scopecheck.core.digests gives hashlib's digests without loading OpenSSL at start-up."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from scopecheck.core import digests


@pytest.mark.parametrize("data", [b"", b"x", "äöü \U0001f600".encode(), bytes(range(256)) * 300])
def test_the_digests_are_hashlibs(data):
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert (
        digests.blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()
    )
    grown = digests.blake2b(digest_size=16)
    grown.update(data[:7])
    grown.update(data[7:])
    assert grown.hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()


def test_a_lint_does_not_load_openssl():
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['scopecheck', 'lint', 'examples/approvals-app', '--no-cache']\n"
        "try:\n    runpy.run_module('scopecheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('_hashlib' in sys.modules, file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "False"
