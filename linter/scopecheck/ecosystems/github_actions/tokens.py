"""Telling the GITHUB_TOKEN from other credentials in workflow expressions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scopecheck.ecosystems.github_actions.model import Setting


_GITHUB_TOKEN = re.compile(r"\$\{\{[^}]*\b(github\.token|secrets\.github_token)\b[^}]*\}\}", re.IGNORECASE)
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


def is_github_token(value: str) -> bool:
    """`${{ github.token }}` or `${{ secrets.GITHUB_TOKEN }}`."""
    return bool(_GITHUB_TOKEN.search(value))


def mentions_github_token(text: str) -> bool:
    """The text uses the GITHUB_TOKEN: the expressions above, or `$GITHUB_TOKEN`/`$GH_TOKEN`
    read from an environment that holds it (the caller checks which variables do)."""
    return is_github_token(text)


def credential(setting: Setting | None) -> str:
    """What a token input or variable holds: `github` (the GITHUB_TOKEN), `other` (another
    secret or value), or `unset`."""
    if setting is None or not setting.value.strip():
        return "unset"
    return "github" if is_github_token(setting.value) else "other"


def expressions(text: str) -> list[str]:
    return _EXPRESSION.findall(text)
