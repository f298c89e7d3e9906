from collections.abc import Iterator

from scopecheck.core.addresses import host_matches, parse_address
from scopecheck.core.findings import Severity
from scopecheck.core.rules import Context, Violation, rule, shorten


@rule("SC305", "egress-forbidden", Severity.ERROR)
def egress_forbidden(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags any egress host or remote when the policy says `egress: none` (a "runs on
    Atlassian" app), and any host outside `allow-egress` when it says `egress: allowlist`.

    ## Why is this bad?
    "No data leaves Atlassian" is a promise about the manifest: one `external` entry or remote
    breaks it for every customer. With the policy in the repository, the promise is checked on
    every commit rather than at the next audit.

    ## Example
    ```yaml title=".scopecheck.yml"
    policy:
      egress: none
    ```
    ```yaml title="manifest.yml"
    permissions:
      external:
        fetch:
          backend:
            - api.example.com
    ```

    ## Fix
    Remove the egress, and do the work inside Forge:
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - storage:app
    ```
    """
    mode = ctx.policy.egress
    if mode == "any":
        return
    allowed = ctx.policy.allow_egress
    for entry in ctx.requests:
        if entry.kind != "egress":
            continue  # remotes are reported below
        host = parse_address(entry.name).host
        if mode == "allowlist" and any(host_matches(p, host) for p in allowed):
            continue
        why = (
            "the policy allows no egress (`egress: none`)"
            if mode == "none"
            else "it is not in `policy.allow-egress`"
        )
        yield Violation(
            span=entry.span,
            subject=entry.name,
            message=f"egress to `{shorten(entry.name)}` is forbidden: {why}",
            help="remove it"
            if mode == "none"
            else "remove it, or add the host to `allow-egress` after review",
        )
    for remote in ctx.requests:
        if remote.kind != "remote" or remote.via is not None:
            continue
        remote_host = parse_address(remote.detail).host if remote.detail else None
        if mode == "allowlist" and remote_host and any(host_matches(p, remote_host) for p in allowed):
            continue
        why = (
            "the policy allows no egress (`egress: none`)"
            if mode == "none"
            else "its host is not in `policy.allow-egress`"
        )
        yield Violation(
            span=remote.span,
            subject=f"remote:{remote.key}",
            message=f"remote `{shorten(remote.name)}` is forbidden: {why}",
            help="remove the remote" if mode == "none" else "remove it, or allow its host after review",
        )
