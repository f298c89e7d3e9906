"""Whether a source file too big (or with too long a line) to parse is only data.

Apps embed fonts, images and translations as string constants (`export default "AAEAAA..."`):
such a file cannot make a request, so leaving it out should not make every unused-scope
finding unsure. A file counts as data when, once its string literals and comments are set
aside, what is left is a little plain text made only of names and punctuation that cannot
call anything: no parenthesis, no template with `${...}`, no tagged template, no `new`, no
`import`/`require`, no member access, no regular expression. Anything else, or a lexer that
might have lost its place, and the file stays left out (and named) as before.
"""

from __future__ import annotations

import re

#: data files bigger than this are not even scanned
MAX_DATA_BYTES = 16 * 1024 * 1024
#: what may remain outside literals: `export const A: string = ...;` and such, a few per file
MAX_CODE_BYTES = 16 * 1024
#: and so many literals and comments at most (a file of a million `/**/` is not data)
MAX_PIECES = 50_000

#: unrolled, possessive loops: linear in time and flat in memory on a 16 MB literal
_LITERAL = re.compile(
    rb'"[^"\\\n\r]*+(?:\\[\s\S][^"\\\n\r]*+)*+"'
    rb"|'[^'\\\n\r]*+(?:\\[\s\S][^'\\\n\r]*+)*+'"
    rb"|`[^`\\]*+(?:\\[\s\S][^`\\]*+)*+`"
    rb"|//[^\n\r]*"  # a line comment ends at CR too
    rb"|/\*[\s\S]*?\*/"
)
#: line terminators JS knows and this lexer does not (U+2028, U+2029): a file with one is not data
_OTHER_LINE_ENDS = (b"\xe2\x80\xa8", b"\xe2\x80\xa9")
#: names, spaces and punctuation that can only declare, assign and group constants
_PLAIN = re.compile(rb"[\w$\s=;,:{}\[\]+\-!?|&*]*")  # no `<`: `<!--` is a comment in scripts
_CALLING_WORDS = frozenset(
    {
        b"new",
        b"import",
        b"require",
        b"from",
        b"function",
        b"class",
        b"eval",
        b"await",
        b"yield",
        b"with",
        b"location",
    }
)
#: a JS identifier (ASCII): js_usage reads the words of a file with it too
WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_EXPORTS = re.compile(rb"(?<![\w$.])(?:module\s*\.\s*)?exports(?:\s*\.\s*[A-Za-z_$][\w$]*)*")


def only_data(data: bytes) -> bool:
    """Whether `data` (a JS/TS file's bytes) declares string constants and nothing else."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a byte order mark
    if any(end in data for end in _OTHER_LINE_ENDS):
        return False
    code: list[bytes] = []
    size = 0
    at = 0
    last = b""  # the last character of code before this point (comments do not count)
    for match in _LITERAL.finditer(data):
        between = data[at : match.start()]
        code.append(between)
        size += len(between)
        last = between.rstrip()[-1:] or last
        text = match.group()
        if text.startswith(b"`"):
            if b"${" in text:
                return False  # an interpolation runs code
            if last and re.fullmatch(rb"[\w$)\]]", last):
                return False  # a tagged template is a call, even with a comment before it
        if text.startswith((b'"', b"'", b"`")):
            code.append(b'""')
            last = b'"'
        at = match.end()
        if size > MAX_CODE_BYTES or len(code) > MAX_PIECES:
            return False
    code.append(data[at:])
    rest = b"".join(code)
    if len(rest) > MAX_CODE_BYTES + 2 * len(code) or b"/" in rest or b"=>" in rest:
        return False  # a regular expression or a stray quote may have misled the lexer
    # CommonJS exports (`module.exports = ...`, `exports.A = ...`) are the one member access allowed
    plain = _EXPORTS.sub(b"exports", rest.replace(b'""', b""))
    if not _PLAIN.fullmatch(plain):
        return False
    return not any(word.group() in _CALLING_WORDS for word in WORD.finditer(plain))
