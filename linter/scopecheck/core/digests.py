"""SHA-256 and BLAKE2b without loading OpenSSL: `import hashlib` loads it (about 2 to 3 ms
of every start-up, which a pre-commit hook pays on each commit), while CPython's built-in
`_sha256` / `_sha2` and `_blake2` modules give the same digests. hashlib is the fallback
where a build lacks them."""

from __future__ import annotations

from typing import Any


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object (hashlib's interface: update, hexdigest)."""
    try:
        from _sha256 import sha256 as built_in  # type: ignore[import-not-found]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as built_in  # type: ignore[import-not-found]  # 3.12+
        except ImportError:
            from hashlib import sha256 as built_in
    return built_in(data)


def blake2b(data: bytes = b"", *, digest_size: int = 64) -> Any:
    """A BLAKE2b hash object of `digest_size` bytes."""
    try:
        from _blake2 import blake2b as built_in
    except ImportError:
        from hashlib import blake2b as built_in
    return built_in(data, digest_size=digest_size)
