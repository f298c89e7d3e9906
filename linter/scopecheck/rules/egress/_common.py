"""Shared by the egress rules: what counts as an over-broad wildcard."""

from __future__ import annotations

from scopecheck.core.addresses import parse_address

#: public suffixes with two labels: a wildcard under them covers every registrant
TWO_LABEL_PUBLIC_SUFFIXES = frozenset(
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "com.au", "net.au",
        "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "co.kr",
        "or.kr", "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.tw", "com.hk",
        "com.sg", "com.my", "co.in", "net.in", "org.in", "co.za", "org.za", "com.mx", "com.ar",
        "com.tr", "co.il", "com.pl", "co.id", "com.ua", "co.th", "com.ph", "com.vn", "com.pk",
        "com.eg", "com.sa", "co.ke", "com.ng", "com.co", "com.pe",
    }
)  # fmt: skip
#: hosting suffixes where anyone can create a subdomain: `*.herokuapp.com` trusts strangers;
#: `*.atlassian.net` reaches every Atlassian Cloud site, including one an attacker signs up for
SHARED_HOSTING_SUFFIXES = frozenset(
    {
        "amazonaws.com", "cloudfront.net", "herokuapp.com", "azurewebsites.net", "azureedge.net",
        "blob.core.windows.net", "appspot.com", "web.app", "firebaseapp.com", "vercel.app",
        "netlify.app", "github.io", "gitlab.io", "pages.dev", "workers.dev", "ngrok.io",
        "ngrok-free.app", "ngrok.app", "trycloudflare.com", "loca.lt", "glitch.me", "repl.co",
        "onrender.com", "fly.dev", "run.app", "cloudfunctions.net", "supabase.co", "deno.dev",
        "atlassian.net", "jira.com",
    }
)  # fmt: skip


def wildcard_breadth(raw: str) -> str | None:
    """None (no wildcard), 'named' (`*.example.com`) or why it is over-broad."""
    host = parse_address(raw).host
    if "*" not in host:
        return None
    if host == "*":
        return "matches every host on the internet"
    if not host.startswith("*.") or "*" in host[2:]:
        return "a wildcard is only valid as the whole first label (`*.example.com`)"
    rest = host[2:]
    if "." not in rest:
        return f"covers every `.{rest}` domain"
    if rest in TWO_LABEL_PUBLIC_SUFFIXES:
        return f"covers every domain registered under `.{rest}`"
    if any(rest == s or rest.endswith("." + s) for s in SHARED_HOSTING_SUFFIXES):
        return f"covers every tenant of the shared host `{rest}`, where anyone can get a subdomain"
    return "named"
