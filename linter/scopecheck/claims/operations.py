"""HTTP operation patterns (`DELETE /rest/api/{2,3}/role/*`) matched against code calls.

A pattern is a method (or `*`) and a path glob: `*` stands for any run of characters
(slashes too), `{a,b}` for either word. A call's path template has `{}` where a piece is only
known at run time. A call *matches* when every path its template can stand for matches
(`/rest/api/3/role/{}` against `/rest/api/3/role/*`); it *may match* when some could
(`/rest/api/3/{}` could be `/rest/api/3/role/10000`), or when its method or path is unknown.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache

from scopecheck.claims.model import OperationPattern
from scopecheck.core.code import CodeCall
from scopecheck.core.findings import Span

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
#: a template longer than this is not compared character by character: it may match
LONGEST = 2000


class Match(Enum):
    NO = "no"
    MAYBE = "maybe"
    YES = "yes"


def parse_operation(text: str, span: Span) -> OperationPattern | str:
    """The pattern, or why the text is not one (for an SC002 message)."""
    parts = text.split()
    if len(parts) != 2:
        return f"`{text}` is not `METHOD /path` (such as `DELETE /rest/api/3/role/*`)"
    method, path = parts[0].upper(), parts[1]
    if method != "*" and method not in METHODS:
        return f"`{parts[0]}` in `{text}` is not an HTTP method ({', '.join(METHODS)} or `*`)"
    if not path.startswith("/"):
        return f"the path in `{text}` must start with `/`"
    paths = _expand(path)
    if isinstance(paths, str):
        return f"{paths} in `{text}`"
    return OperationPattern(text, method, paths, span)


def _expand(path: str) -> tuple[str, ...] | str:
    """`/a/{2,3}/b` -> (`/a/2/b`, `/a/3/b`); one level of braces, each with a comma."""
    match = re.search(r"\{([^{}]*)\}", path)
    if match is None:
        if "{" in path or "}" in path:
            return "unbalanced `{` or `}`"
        return (path,)
    words = match.group(1).split(",")
    if len(words) < 2:
        return f"`{{{match.group(1)}}}` is not an alternation such as `{{2,3}}` (write `*` for any piece)"
    found: list[str] = []
    for word in words:
        rest = _expand(path[: match.start()] + word + path[match.end() :])
        if isinstance(rest, str):
            return rest
        found.extend(rest)
    return tuple(dict.fromkeys(found))


def match_call(pattern: OperationPattern, call: CodeCall) -> Match:
    """Whether `call` is an operation `pattern` names, may be one, or is not."""
    if call.method is not None and pattern.method != "*" and call.method != pattern.method:
        return Match.NO
    if call.path is None:
        return Match.MAYBE
    path = max((match_path(p, call.path) for p in pattern.paths), key=_rank, default=Match.NO)
    if path is Match.YES and call.method is None and pattern.method != "*":
        return Match.MAYBE
    return path


def _rank(match: Match) -> int:
    return (Match.NO, Match.MAYBE, Match.YES).index(match)


def match_path(glob: str, template: str) -> Match:
    # a `{*}` (a piece outside `route`, which may span segments) is a `{}` here: both stand
    # for any text, slashes included, in the glob's terms
    template = template.replace("{*}", "{}")
    if _covers(glob, template):
        return Match.YES
    if len(template) > LONGEST or _intersects(glob, template.replace("{}", "*")):
        return Match.MAYBE
    return Match.NO


@cache
def _glob_regex(glob: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in glob.split("*")), re.DOTALL)


def _covers(glob: str, template: str) -> bool:
    """Every path the template stands for matches: each `{}` must fall inside a `*`."""
    return _glob_regex(glob).fullmatch(template.replace("{}", "\0")) is not None


def _intersects(a: str, b: str) -> bool:
    """Whether two `*`-globs match some common string."""
    seen: set[tuple[int, int]] = set()
    stack = [(0, 0)]
    while stack:
        i, j = stack.pop()
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if i == len(a) and j == len(b):
            return True
        if i < len(a) and a[i] == "*":
            stack.append((i + 1, j))  # the star matches nothing more
            if j < len(b):
                stack.append((i, j + 1))  # it takes b's next character (or b's star)
        if j < len(b) and b[j] == "*":
            stack.append((i, j + 1))
            if i < len(a):
                stack.append((i + 1, j))
        if i < len(a) and j < len(b) and a[i] != "*" and b[j] != "*" and a[i] == b[j]:
            stack.append((i + 1, j + 1))
    return False
