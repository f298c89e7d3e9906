"""The `claims:` section of `.scopecheck.yml`: named claims, each with its sentence and checks.

```yaml
claims:
  roles-never-deleted:
    kind: forbid-operations
    claim: Roles are created only when configured and never deleted.
    operations: ["DELETE /rest/api/{2,3}/role/*"]
```

The schema checks the shape; this reads each claim and reports, with its position, what the
schema cannot say: a kind's missing or foreign field, an operation that is not `METHOD /path`.
"""

from __future__ import annotations

import re

from scopecheck.claims.model import KINDS, Claim, OperationPattern
from scopecheck.claims.operations import parse_operation
from scopecheck.source.yaml_nodes import Mapping, Node, Scalar, YamlProblem, strings_with_spans

#: the field each kind needs besides `kind` and `claim`, and the fields it may have
FIELDS: dict[str, tuple[str, ...]] = {
    "no-egress": (),
    "no-external-storage": ("storage-hosts",),
    "forbid-operations": ("operations",),
    "forbid-scopes": ("scopes",),
    "read-only": ("products",),
    "documented": (),
    "least-privilege": (),
}
REQUIRED = {"forbid-operations": "operations", "forbid-scopes": "scopes", "read-only": "products"}
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def read_claims(node: Node | None) -> tuple[tuple[Claim, ...], list[YamlProblem]]:
    """Every well-formed claim, and a problem for each one that is not (it is left out)."""
    if not isinstance(node, Mapping):
        return (), []  # absent, or the schema already said it must be a mapping
    claims: list[Claim] = []
    problems: list[YamlProblem] = []
    for name, key, value in node.items():
        claim, found = _claim(name, key, value)
        problems.extend(found)
        if claim is not None and not found:
            claims.append(claim)
    return tuple(claims), problems


def _claim(name: str, key: Scalar, node: Node) -> tuple[Claim | None, list[YamlProblem]]:
    if not NAME.fullmatch(name) or not isinstance(node, Mapping):
        return None, []  # the schema reports a bad name or a value that is not a mapping
    kind = _text(node.get("kind"))
    sentence = _text(node.get("claim"))
    if kind not in KINDS or not sentence or not sentence.strip():
        return None, []  # the schema reports a missing or unknown kind, and a missing sentence
    problems: list[YamlProblem] = []
    allowed = FIELDS[kind]
    for field, field_key, _value in node.items():
        if field in ("kind", "claim") or field in allowed:
            continue
        if field in {f for fields in FIELDS.values() for f in fields}:
            problems.append(
                YamlProblem(
                    f"claim `{name}`: `{field}` does not apply to a `{kind}` claim"
                    + (f" (it takes `{allowed[0]}`)" if allowed else ""),
                    field_key.span,
                    subject=f"claims.{name}.{field}",
                )
            )
    needed = REQUIRED.get(kind)
    if needed is not None and not strings_with_spans(node.get(needed)):
        problems.append(
            YamlProblem(
                f"claim `{name}` ({kind}) needs `{needed}:` with at least one entry",
                key.span,
                subject=f"claims.{name}",
            )
        )
    operations: list[OperationPattern] = []
    for text, span in strings_with_spans(node.get("operations")):
        parsed = parse_operation(text, span)
        if isinstance(parsed, str):
            problems.append(YamlProblem(f"claim `{name}`: {parsed}", span, subject=f"claims.{name}"))
        else:
            operations.append(parsed)
    return (
        Claim(
            name=name,
            kind=kind,
            sentence=" ".join(sentence.split()),
            span=key.span,
            operations=tuple(operations),
            scopes=_strings(node.get("scopes")),
            products=tuple(p.lower() for p in _strings(node.get("products"))),
            storage_hosts=_strings(node.get("storage-hosts")),
        ),
        problems,
    )


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _strings(node: Node | None) -> tuple[str, ...]:
    return tuple(text for text, _span in strings_with_spans(node))
