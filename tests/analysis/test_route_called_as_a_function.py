"""`route('/wiki/rest/api/content')` is a call, not a tag (heldout3, blueorbitz/conf-blockscan).

@forge/api's `route(template, ...values)` reads `template` one index at a time as a tag's
strings; a plain string gives its first character, so the request goes to `/`. The call
stays unresolved (no operation is guessed), and the reason says what is wrong and how to
write it. Control: the tag form resolves."""

from __future__ import annotations

from analysis_support import analyze, calls

CODE = """\
import api, {{ route }} from '@forge/api';
export const create = (body) =>
  api.asApp().requestConfluence({route}, {{ method: 'POST', body }});
"""


def test_route_called_with_parentheses_is_unresolved_and_says_why(tmp_path):
    usage = analyze(tmp_path, {"src/index.js": CODE.format(route="route('/wiki/rest/api/content')")})
    (call,) = usage.calls
    assert call.path is None and call.method == "POST"
    assert call.reason is not None and call.reason.startswith(
        "path is the result of `route('/wiki/rest/api/content')`, `route` called with parentheses, not as a tag"
    ), call.reason
    assert "write route`...`" in call.reason


def test_route_as_a_tag_resolves(tmp_path):
    usage = analyze(tmp_path, {"src/index.js": CODE.format(route="route`/wiki/rest/api/content`")})
    assert calls(usage) == [("app/src/index.js", 3, 3, "POST", "/wiki/rest/api/content")]
