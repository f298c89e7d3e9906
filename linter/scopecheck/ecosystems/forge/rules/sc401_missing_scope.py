from collections.abc import Iterator
from dataclasses import replace

from scopecheck.core.findings import Confidence, Related, Severity
from scopecheck.core.fixes import with_refusal
from scopecheck.core.rules import Context, Violation, rule
from scopecheck.ecosystems.forge.code.analysis import needs_of
from scopecheck.ecosystems.forge.code.needs import APP_TOKEN_SCOPES, app_token_users, proposed_set
from scopecheck.ecosystems.forge.fixes import scope_fix
from scopecheck.ecosystems.forge.rules._common import scopes_text, via_related


@rule("SC401", "missing-scope", Severity.ERROR, needs_code=True)
def missing_scope(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a REST call in the app's code, a trigger event or a module that needs a scope the
    manifest does not request, and names the scopes to add.

    Where granular and classic scope sets both would do, it proposes the kind the manifest
    already requests for that product (a manifest of granular Jira scopes gets granular Jira
    scopes, so `--fix` never undoes a migration), or the kind `lint --prefer granular|classic`
    or the policy's `prefer:` names; with both kinds or neither in the manifest, the fewest
    (then least risky) scopes. The message names every alternative set, and JSON output lists
    them in full under `alternatives`.

    Besides REST calls it checks storage, UI Kit property hooks, `NotificationApi`,
    `requestTeamworkGraph`, trigger events, module types, Rovo agent product contexts and app
    tokens (a remote or endpoint with an app token but no product scope). An operation that
    needs scopes Forge does not offer is reported too, without a fix: the app cannot call it.

    ## Why is this bad?
    The call fails at run time with 401 or 403 for every customer, usually only after
    release. Adding the scope later means every admin must consent again.

    ## Example
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      scopes:
        - storage:app
    ```
    ```js title="src/index.js"
    import api, { route, storage } from '@forge/api';

    export async function run(key) {
      await storage.set('last', key);
      return api.asApp().requestJira(route`/rest/api/3/issue/${key}/properties/approval`);
    }
    ```

    ## Fix
    `scopecheck lint --fix` adds the scopes for you:
    ```yaml title="manifest.yml"
    modules:
      function:
        - key: main
          handler: index.run
    permissions:
      scopes:
        - storage:app
        - read:issue.property:jira
    ```

    ## Known limitations
    A path only known at run time (a variable, `assumeTrustedRoute(x)`) cannot be checked; it
    lowers the confidence of SC402 instead. A method only known at run time is checked as GET,
    as `forge lint` does (on a path with no GET, such as `/rest/api/3/issue`, as one of the
    methods the path has), and the finding is unsure (its fix is applied only with
    `--unsafe-fixes`). So is a call of an operation whose spec requires no scope yet (its
    Beta scope is optional) and of a Jira Software operation, whose bundled spec (2024) lists
    only granular scopes although a classic Jira scope may serve it. Where an operation's
    description announces new scopes ("scopes will be updated on …"), those are used. Operations come from Atlassian's published OpenAPI specs, so an
    endpoint missing there is not checked.

    ## References
    - https://developer.atlassian.com/platform/forge/manifest-reference/permissions/
    """
    needs = needs_of(ctx)
    if needs is None:
        return
    requested = ctx.app.scope_names
    related: tuple[Related, ...] = ()
    if ctx.app.scopes_span is not None:
        related = (Related(ctx.app.scopes_span, "scopes requested here"),)
    for requirement in needs.requirements:
        if any(set(alt) <= requested for alt in requirement.alternatives):
            continue
        proposed = proposed_set(requirement, requested, ctx.catalog, ctx.policy.prefer)
        addition = tuple(s for s in proposed if s not in requested)
        others = [alt for alt in requirement.alternatives if alt != proposed]
        message = (
            f"{requirement.label} needs {scopes_text(addition, limit=99)}{_or(others)}, "
            f"which {ctx.app.path} does not request"
        )
        alternatives = (proposed, *others)
        outside = [s for s in addition if ctx.catalog.get(s) is None]
        if outside:
            # the spec asks for scopes Forge does not offer: no scope list makes the call work
            verb, pronoun = (
                ("is not a Forge scope", "it") if len(outside) == 1 else ("are not Forge scopes", "them")
            )
            yield Violation(
                span=requirement.span,
                subject=requirement.label,
                message=(
                    f"{message}; {scopes_text(outside, limit=99)} {verb}: the app cannot request "
                    f"{pronoun} (forge lint still reports the call)"
                ),
                help=(
                    "use another operation that Forge scopes allow, or make this call from a remote "
                    "with its own credentials"
                ),
                related=(*via_related(requirement.via), *related),
                confidence=Confidence.HIGH,
                alternatives=alternatives,
            )
            continue
        fix, refusal = scope_fix(
            ctx.app, f"add {scopes_text(addition, limit=99)} to permissions.scopes", add=addition
        )
        if requirement.doubt:
            # not certain the call fails: report it, but --fix adds nothing unless asked
            message = f"{message} (unsure: {requirement.doubt})"
            fix = replace(fix, safe=False) if fix is not None else None
        if requirement.unreached:
            message = f"{message} (in code no module reaches: {requirement.unreached})"
            fix = replace(fix, safe=False) if fix is not None else None
        yield Violation(
            span=requirement.span,
            subject=f"{requirement.label}",
            message=message,
            help=with_refusal(f"add {scopes_text(addition, limit=99)} to `permissions.scopes`", refusal),
            related=(*via_related(requirement.via), *related),
            fix=fix,
            confidence=Confidence.LOW if requirement.doubt or requirement.unreached else Confidence.HIGH,
            severity=Severity.INFO if requirement.unreached else None,
            alternatives=alternatives,
        )
    yield from _token_without_product_scope(ctx, related)


def _or(others: list[tuple[str, ...]]) -> str:
    """` (or a, b; or c)`: every other set in full, so no format cuts the granular set short."""
    if not others:
        return ""
    return " (or " + "; or ".join(scopes_text(alt, limit=99) for alt in others) + ")"


def _token_without_product_scope(ctx: Context, related: tuple[Related, ...]) -> Iterator[Violation]:
    """An app token with only the token scopes requested: Forge makes a token that can call
    nothing (forge lint: "Missing app scopes")."""
    if ctx.app.scope_names - APP_TOKEN_SCOPES:
        return
    for what, span in app_token_users(ctx.app):
        yield Violation(
            span=span,
            subject=f"{what.replace('`', '')}: missing app scopes",
            message=(
                f"{what} enables an app token, but {ctx.app.path} requests no scope besides "
                "`read:app-system-token`/`read:app-user-token`, so the token can call no Atlassian API "
                "(forge lint: missing app scopes)"
            ),
            help="add the scopes of the APIs the remote calls with the token to `permissions.scopes`",
            related=related,
            confidence=Confidence.HIGH,
        )
