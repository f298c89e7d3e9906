import re
from collections.abc import Iterator

from scopecheck.core.findings import Related, Severity
from scopecheck.core.records import record
from scopecheck.core.rules import Context, Violation, rule, shorten
from scopecheck.registry.model import Justification

PLACEHOLDERS = frozenset(
    {
        "todo", "tbd", "tba", "fixme", "xxx", "n/a", "na", "none", "nothing", "needed",
        "required", "necessary", "placeholder", "justification", "reason", "because",
        "needed by the app", "required by the app", "needed for the app", "required for the app",
        "needed for app", "required for app", "app needs it", "the app needs it", "-", "?", "...",
    }
)  # fmt: skip
_LEADING_MARKER = re.compile(r"^\s*(todo|tbd|fixme|xxx)\b", re.IGNORECASE)


@record
class Options:
    min_words: int = 4
    placeholders: tuple = ()


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w/?.-]+", " ", text.lower()).split()).strip(" .")


def is_placeholder(text: str, extra: frozenset[str] = frozenset()) -> bool:
    """TODO, TBD, "needed", "n/a", punctuation only...: text that justifies nothing.

    Shared with the permissions page, which shows such entries as not documented.
    """
    return (
        _normal(text) in PLACEHOLDERS | extra
        or _LEADING_MARKER.match(text) is not None
        or not any(c.isalnum() for c in text)
    )


@rule("SC103", "weak-justification", Severity.WARNING, options=Options)
def weak_justification(ctx: Context) -> Iterator[Violation]:
    """
    ## What it does
    Flags a justification that is empty, a placeholder (TODO, TBD, FIXME, "needed",
    "required", "n/a"), shorter than a sentence, or copied word for word from another entry.

    ## Why is this bad?
    "Every scope is documented" means nothing if the documentation is `TODO`. A justification
    should tell an admin what the app does with the permission; text pasted onto several
    entries explains none of them.

    ## Example
    ```yaml title="manifest.yml"
    permissions:
      scopes:
        - read:jira-work
    ```
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work: TODO
    ```

    ## Fix
    ```yaml title="permissions.yml"
    version: 1
    scopes:
      read:jira-work: Reads issue fields to evaluate approval rules in the issue panel.
    ```

    ## Options
    - `min-words` (default 4): fewer words than this is too short.
    - `placeholders` (default none): more phrases to treat as placeholders, in any case.
    """
    options: Options = ctx.options or Options()
    extra = frozenset(_normal(p) for p in options.placeholders)
    first_seen: dict[str, Justification] = {}
    for entry in ctx.registry.entries():
        if entry.text is None:
            continue  # no justification string at all: the schema check (SC002) reports it
        text = entry.text.strip()
        label = f"`{shorten(entry.key)}`"
        normal = _normal(text)
        problem = None
        if not text:
            problem = f"justification for {label} is empty"
        elif is_placeholder(text, extra):
            problem = f"justification for {label} is a placeholder: {shorten(text, 40)!r}"
        elif len(text.split()) < options.min_words:
            problem = (
                f"justification for {label} is too short ({len(text.split())} words; "
                f"at least {options.min_words})"
            )
        if problem:
            yield Violation(
                span=entry.text_span,
                subject=entry.key,
                message=problem,
                help="say what the app does with it and for whom, in words an admin understands",
            )
            continue
        original = first_seen.setdefault(normal, entry)
        if original is not entry:
            yield Violation(
                span=entry.text_span,
                subject=entry.key,
                message=f"justification for {label} is copied from `{shorten(original.key)}`",
                help="explain what this permission in particular is for",
                related=(Related(original.text_span, f"same text for `{shorten(original.key)}`"),),
            )
