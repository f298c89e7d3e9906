from collections.abc import Iterator

from scopecheck.core.findings import Confidence, Severity
from scopecheck.core.fixes import with_refusal
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of, usage_of
from scopecheck.ecosystems.forge.code.needs import Needs, call_product, trackable
from scopecheck.ecosystems.forge.code.usage import STORAGE
from scopecheck.ecosystems.forge.fixes import scope_fix
from scopecheck.ecosystems.forge.model import ScopeRequest
from scopecheck.ecosystems.forge.rules._common import scopes_text, unresolved_text


@rule(
    "SC402",
    "unused-scope",
    Severity.WARNING,
    carries_risk=True,
    settled_by_accepted_risk=True,
    needs_code=True,
)
def unused_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a requested scope that no call in the code, trigger event, module or remote needs.

    ## Why is this bad?
    "We request only what we need" is the promise admins read before they consent. A scope
    nothing uses is pure exposure: if the app is ever compromised, it is one more thing an
    attacker can do with every customer's data.

    ## Example
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      scopes:
        - read:issue.property:jira
        - write:issue.property:jira
    ```
    ```js title="src/index.js"
    import api, { route } from '@forge/api';

    export async function run(key) {
      return api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`);
    }
    ```

    ## Fix
    Remove it (`scopecheck lint --fix` does, when the finding is certain):
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      scopes:
        - read:issue.property:jira
    ```

    If something scopecheck cannot see needs it (a remote's own calls with the app's token),
    keep it on the record instead: a registry entry with `justification` and `risk-accepted`
    settles the finding (it is counted as settled, not reported).

    A Connect-style scope (`read:connect-jira`, `write:connect-confluence`...) authorises only
    the Connect part of a Connect on Forge app; without `app.connect` or `connectModules` it is
    unused whatever the code does.

    A scope that is one of a set that would serve a call or event no requested scope serves
    now (`read:user:jira` without `read:application-role:jira`, which together serve
    `GET /rest/api/3/myself`) is reported at medium confidence with no fix: the rest of the
    set may be what is missing (SC401 names that call).

    ## Known limitations
    Only scopes scopecheck can trace are judged: Jira, Jira Software, Jira Service Management,
    Confluence and Bitbucket REST scopes, `storage:app` and the app-token scopes. When the
    code makes calls to a product whose path or method cannot be known statically, unused
    scopes of that product are reported with low confidence as info (`--strict` reports them
    as certain); when every such call sits in code no entry point runs (a helper nothing
    calls), the scope is possibly unused at medium confidence, with no fix. So are all of them when a source file was not analysed (too big, minified,
    or past the code read per app: see "Limits" in the README); the message names the file.
    A front end whose sources are outside the manifest's folder is read from there (a
    resource at `../ui/build`, or one a bundler beside the app folder builds into it); when
    its sources cannot be found it is named and the findings are unsure. When the manifest names code (a function or a resource) but no source file is found next
    to it, every finding is low confidence and says so: the code may be generated or kept
    elsewhere. A manifest that names no code gets no finding here.
    `manage:jira-configuration` (or `manage:confluence-configuration`) is possibly needed,
    at low confidence, when the app itself (`asApp()`) calls an operation that needs the
    product's administer permission under another scope (`GET /rest/api/3/screens`): Forge
    gives the app's own user that permission with the configuration scope.
    """
    connect = {s.name: s for s in ctx.app.scopes if ":connect-" in s.name and not ctx.app.connect_part}
    for scope in connect.values():
        yield _connect_scope(ctx, scope)
    needs = needs_of(ctx)
    if needs is None or (not needs.code_seen and not _expects_code(ctx)):
        return
    requested = ctx.app.scope_names
    used = needs.used
    #: files not analysed at all: any scope could be needed by a call in them
    usage = usage_of(ctx)
    skipped = usage.skipped_text() if usage is not None and usage.skipped else ""
    if not needs.code_seen:
        skipped = _no_code_text(ctx)
    seen: set[str] = set(connect)
    for scope in _only_unreached(ctx, needs, used):
        seen.add(scope.name)
        yield _unreached_only(scope, _unreached_reasons(scope, needs))
    for scope in ctx.app.scopes:
        if scope.name in seen or scope.name in used or not trackable(ctx.catalog, scope.name):
            continue
        seen.add(scope.name)
        served = needs.satisfied_by(scope.name, requested)
        if served and all(req.unreached for req, _alt in served):
            yield _unreached_only(scope, sorted({req.unreached for req, _alt in served}))
            continue  # only dead code could use it, and other scopes cover that code too
        if served:
            continue  # it serves a requirement another set already covers: SC206 says so
        product = call_product(ctx.catalog, scope.name)
        found = needs.unresolved_for(product, scope.name)
        unresolved = [u for u in found if not u.unreached]
        unsure = bool(unresolved or skipped) and not ctx.strict
        if not unsure and found and not ctx.strict:
            # only calls in code no entry point runs may need it: possibly unused, as above
            reasons = sorted({f"{u.describe()}, and {u.unreached}" for u in found})
            yield _unreached_only(scope, reasons, "could only be needed by calls not pinned in code")
            continue
        message = f"scope `{scope.name}` is requested but no detected call, event or module needs it"
        partial = [
            (req, alt)
            for req in needs.requirements
            for alt in req.alternatives
            if scope.name in alt
            and not set(alt) <= requested
            and all(ctx.catalog.get(s) is not None for s in alt)  # a set Forge can grant
        ]
        # a set that would serve something nothing requested serves now: the rest of the set
        # may be what is missing (SC401), so removing this one is not a safe fix
        wanted = [(r, a) for r, a in partial if not any(set(other) <= requested for other in r.alternatives)]
        if partial:
            req, alt = (wanted or partial)[0]
            missing = [s for s in alt if s not in requested]
            where = (
                f" at {req.span.path}:{req.span.line}, which no requested scope serves now," if wanted else ""
            )
            message += f"; it could serve {req.label}{where} together with {scopes_text(missing)}"
        if unsure and unresolved:
            target = "app storage" if product == STORAGE else product
            message += f" (unsure: {len(unresolved)} {target} call(s) that may need it: {unresolved_text(unresolved)})"
        if unsure and skipped:
            message += f"; {skipped}"
        fix, refusal = (
            (None, None) if unsure or wanted else scope_fix(ctx.app, f"remove `{scope.name}`", remove=[scope])
        )
        help_text = "remove it from `permissions.scopes`, or show the call that needs it"
        if wanted and not unsure:
            help_text = (
                "request the rest of that set, or remove it and request a scope that serves that alone"
            )
        yield Violation(
            span=scope.span,
            subject=scope.name,
            message=message,
            help=with_refusal(help_text, refusal),
            fix=fix,
            confidence=Confidence.LOW if unsure else Confidence.MEDIUM if wanted else Confidence.HIGH,
            severity=Severity.INFO if unsure else None,
        )


def _expects_code(ctx: Context) -> bool:
    """Whether the manifest names code: a function handler or a resource."""
    return bool(ctx.app.resources) or any(m.type == "function" for m in ctx.app.modules)


def _no_code_text(ctx: Context) -> str:
    """Why nothing is certain when no source file sits next to the manifest: the code the
    manifest names may be generated, built or kept somewhere scopecheck does not look."""
    handlers = sorted({m.function for m in ctx.app.modules if m.type == "function" and m.function})
    named = f" (handler `{handlers[0]}`{' and others' if len(handlers) > 1 else ''})" if handlers else ""
    return f"no source file was found next to the manifest{named}: its code may be built or kept elsewhere"


def _connect_scope(ctx: Context, scope: ScopeRequest) -> Violation:
    """A Connect-style scope authorises only the Connect part of a Connect on Forge app (its
    JWT calls and iframes): without `app.connect` or `connectModules` nothing can use it."""
    fix, refusal = scope_fix(ctx.app, f"remove `{scope.name}`", remove=[scope])
    return Violation(
        span=scope.span,
        subject=scope.name,
        message=(
            f"scope `{scope.name}` serves only the Connect part of a Connect on Forge app, and this "
            "manifest has neither `app.connect` nor `connectModules`"
        ),
        help=with_refusal(
            "remove it; a Forge call needs a Forge scope (`scopecheck explain` names them)", refusal
        ),
        fix=fix,
    )


def _only_unreached(ctx: Context, needs: Needs, used: frozenset[str]) -> list[ScopeRequest]:
    """Requested scopes that only code no entry point reaches uses."""
    reached = needs.used_where_reached
    found: dict[str, ScopeRequest] = {}
    for scope in ctx.app.scopes:
        if scope.name in used and scope.name not in reached and trackable(ctx.catalog, scope.name):
            found.setdefault(scope.name, scope)
    return list(found.values())


def _unreached_reasons(scope: ScopeRequest, needs: Needs) -> list[str]:
    """Why the code that uses `scope` may never run, one line per place."""
    return sorted(
        {
            r.unreached
            for index, alternative in needs.chosen.items()
            if (r := needs.requirements[index]).unreached and scope.name in alternative
        }
    )


def _unreached_only(
    scope: ScopeRequest, reasons: list[str], what: str = "is only needed in code"
) -> Violation:
    """Possibly unused: the file may be loaded in a way scopecheck does not see (no fix)."""
    return Violation(
        span=scope.span,
        subject=scope.name,
        message=f"scope `{scope.name}` {what} no module reaches ({'; '.join(reasons[:3])})",
        help="remove it if that code is dead; otherwise make it run: import its file, invoke its resolver or call its function",
        confidence=Confidence.MEDIUM,
    )
