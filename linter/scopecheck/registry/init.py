"""`scopecheck init`: a registry entry for every permission the manifest requests.

A new registry is written whole. An existing one is only appended to: each
missing entry goes after the last entry of its section, with that section's
indentation, or into a new section at the end of the file. Everything already
there (entries, comments, order, blank lines, line endings) stays byte for
byte, so the edit reads as pure additions in review. Entries count as present
the way the linter matches them (egress by host, content as `value` or
`kind:value`), so `init` never adds what SC101/SC301 would not ask for.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

from scopecheck.core.addresses import address_key
from scopecheck.core.ecosystem import Ecosystem, Toolkit
from scopecheck.core.errors import InputError
from scopecheck.core.permissions import PermissionCatalog, PermissionRequest, of_kind
from scopecheck.core.records import record
from scopecheck.registry.model import SECTIONS, Justification, Registry, read_registry
from scopecheck.source.files import ReadProblem, SourceText, read_text
from scopecheck.source.yaml_nodes import Mapping, Node, Scalar, Sequence, parse_yaml

PLACEHOLDER = "TODO"
COMMENT_WIDTH = 96
_BOM = "\ufeff"
#: what each kind of egress means, in words for the registry comments and the public page
EGRESS_USES = {
    "fetch.backend": "the app's back end calls it",
    "fetch.client": "the app's pages in the browser call it",
    "images": "images are loaded from it",
    "media": "audio or video is loaded from it",
    "scripts": "scripts are loaded from it",
    "styles": "style sheets are loaded from it",
    "frames": "it is shown in a frame",
    "fonts": "fonts are loaded from it",
    "navigation": "the app can send users to it",
}
#: what each content relaxation allows (`{kind}` is scripts or styles)
CONTENT_EFFECTS = {
    "unsafe-inline": "lets the app's pages run inline {kind}",
    "unsafe-eval": "lets the app's pages evaluate strings as code (eval) in {kind}",
    "unsafe-hashes": "lets the app's pages use inline event handlers in {kind}",
}
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/@+~=-]*$")


@record
class Wanted:
    """One registry entry the manifest calls for."""

    section: str  # scopes | egress | content | remotes | workflows
    key: str  # as it will be written: scope name, address, `kind:value`, remote key
    comment: tuple[str, ...]  # comment lines above the entry, without `# `
    #: for a nested entry (a workflow's), the keys from the section down to the entry
    path: tuple[str, ...] = ()


@record
class InitPlan:
    manifest: str  # display path
    registry_path: Path
    registry: str  # display path
    created: bool  # there was no registry file
    missing: tuple[Wanted, ...]
    before: str | None
    after: str
    bom: bool = False  # the existing file starts with a UTF-8 byte order mark; it is kept
    #: scopes given no entry, and why: a typo, or one the code certainly does not use
    left_out: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return self.after != self.before


def schema_url() -> str:
    """The default for the `$schema=` line of a new registry: the schema file in the release
    tag of this version, which exists once the version is released (see the README)."""
    from scopecheck import REPOSITORY, __version__

    return f"https://raw.githubusercontent.com/{REPOSITORY}/v{__version__}/schemas/registry.schema.json"


# --- what the manifest asks for -------------------------------------------------------------


def wanted_entries(requests: tuple[PermissionRequest, ...], catalog: PermissionCatalog) -> list[Wanted]:
    """One entry per requested scope, egress host, remote and content relaxation, in the order
    the app lists each kind (scopes, egress, content, remotes)."""
    found: dict[tuple[str, str], Wanted] = {}
    for scope in of_kind(requests, "scope"):
        info = catalog.get(scope.name)
        if scope.entry_path:  # a workflow's token permission: justified per workflow and job
            notes: list[str] = []
            if info is not None and info.plain_description:
                notes += _wrap(info.plain_description)
            if info is not None:
                notes += _wrap(f"Risk tier: {info.risk.label} ({info.risk_basis}).")
            found.setdefault(
                (scope.section, scope.key), Wanted(scope.section, scope.key, tuple(notes), scope.entry_path)
            )
            continue
        if info is None:
            nearest = catalog.nearest(scope.name)
            hint = f"did you mean `{nearest}`?" if nearest else "check the spelling."
            lines = tuple(_wrap(f"Not a scope {catalog.platform} knows: {hint}"))
        elif info.description is None and info.plain_description:  # the tier's reason is the description
            lines = (*_wrap(info.plain_description), f"Risk tier: {info.risk.label}.")
        else:
            lines = (
                *_wrap(
                    info.plain_description or f"{catalog.publisher} publishes no description of this scope."
                ),
                *_wrap(f"Risk tier: {info.risk.label} ({info.risk_basis})."),
            )
        found.setdefault(("scopes", scope.name), Wanted("scopes", scope.name, lines))

    hosts: dict[str, tuple[str, list[str]]] = {}
    for entry in of_kind(requests, "egress"):
        address, kinds = hosts.setdefault(address_key(entry.name), (entry.name, []))
        if entry.detail not in kinds:
            kinds.append(entry.detail or "")
    for address, kinds in hosts.values():
        uses = "; ".join(EGRESS_USES.get(kind, kind) for kind in kinds)
        lines = (
            *_wrap(f"Egress ({', '.join(kinds)}): {uses}."),
            "Say what is sent there; add `user-data: true` if user data leaves Atlassian through it.",
        )
        found.setdefault(("egress", address), Wanted("egress", address, lines))

    for item in of_kind(requests, "content"):
        what = CONTENT_EFFECTS.get(item.name, "relaxes the Content Security Policy for {kind}")
        lines = tuple(_wrap(f"Content relaxation: {what.format(kind=item.detail)}."))
        found.setdefault(("content", item.key), Wanted("content", item.key, lines))

    for remote in sorted(of_kind(requests, "remote"), key=lambda r: r.via is not None):
        where = f" at {remote.detail}" if remote.via is None and remote.detail else ""
        lines = tuple(_wrap(f"Remote{where}: a server outside Atlassian the app sends requests and data to."))
        found.setdefault(("remotes", remote.key), Wanted("remotes", remote.key, lines))
    return list(found.values())


def _wrap(text: str) -> list[str]:
    """Comment lines: one paragraph, no control characters (YAML rejects them even in comments)."""
    from scopecheck.reporters._common import clean as escape_controls

    clean = escape_controls(" ".join(text.split()))
    return textwrap.wrap(clean, width=COMMENT_WIDTH, break_on_hyphens=False, break_long_words=False) or [""]


def is_present(wanted: Wanted, registry: Registry) -> bool:
    """Whether the registry already has the entry, matched the way the linter matches it."""
    if wanted.section == "scopes":
        return wanted.key in registry.scopes
    if wanted.section == "workflows":
        return wanted.key in registry.workflows
    if wanted.section == "egress":
        return registry.egress_entry(wanted.key) is not None
    if wanted.section == "content":
        kind, _, value = wanted.key.partition(":")
        return registry.content_entry(kind, value) is not None
    return wanted.key in registry.remotes


# --- reading the inputs ---------------------------------------------------------------------


def find_manifest(app: Path) -> Path:
    """APP is a directory holding manifest.yml (or .yaml) or a manifest file."""
    if app.is_dir():
        for name in ("manifest.yml", "manifest.yaml"):
            if (app / name).is_file():
                return app / name
        raise InputError(str(app), "no manifest.yml in this directory")
    if not app.exists():
        raise InputError(str(app), "no such file or directory")
    return app


def _display(path: Path, cwd: Path) -> str:
    from scopecheck.core.engine import display_path

    return display_path(path, cwd)


def load_app(
    app: Path,
    *,
    toolkit: Toolkit,
    registry: Path | None = None,
    config: Path | None = None,
    cwd: Path | None = None,
) -> tuple[Ecosystem, Any, Path, SourceText | None]:
    """The app's ecosystem and model, where its registry lives, and the registry's text (None:
    no file yet). Anything unreadable raises InputError with one line naming the file and line.
    """
    from scopecheck.core.inputs import app_or_error, policy_or_error, policy_path_for, registry_path_for

    cwd = cwd or Path.cwd()
    app_file = find_manifest(app)
    # any SC001 problem (a scope list of the wrong shape, a duplicated key) would make the
    # registry or the public page silently incomplete: refuse, as `lint` exits 2
    ecosystem, model = app_or_error(app_file, _display(app_file, cwd), toolkit)
    if registry is None:
        policy_path = policy_path_for(app_file, config)
        policy = policy_or_error(
            policy_path, _display(policy_path, cwd) if policy_path else "", toolkit.rules
        )
        registry = registry_path_for(app_file, ecosystem, policy, None)
    registry_display = _display(registry, cwd)
    if not registry.exists():
        return ecosystem, model, registry, None
    source = read_text(registry, registry_display)
    if isinstance(source, ReadProblem):
        raise InputError(registry_display, source.message, source.line)
    return ecosystem, model, registry, source


def _blank(text: str) -> bool:
    """Nothing but blank lines, comments and document markers."""
    return all(
        not line.strip() or line.lstrip().startswith("#") or line.strip() in ("---", "...")
        for line in text.splitlines()
    )


# --- planning the edit ----------------------------------------------------------------------


def plan_init(
    app: Path,
    *,
    toolkit: Toolkit,
    registry: Path | None = None,
    config: Path | None = None,
    schema: str | None = None,
    catalog: PermissionCatalog | None = None,
    cwd: Path | None = None,
) -> InitPlan:
    """What `init` would write; nothing is written. Raises InputError for unreadable input."""
    cwd = cwd or Path.cwd()
    ecosystem, manifest, registry_path, source = load_app(
        app, toolkit=toolkit, registry=registry, config=config, cwd=cwd
    )
    if catalog is None:
        catalog = ecosystem.catalog()
    display = _display(registry_path, cwd)
    requests = ecosystem.requests(manifest)
    skip = not_worth_justifying(find_manifest(app), requests, catalog, registry, config, cwd, toolkit)
    left_out = tuple(skip.items())
    wanted = [w for w in wanted_entries(requests, catalog) if not (w.section == "scopes" and w.key in skip)]
    if source is None:
        text = new_registry(wanted, schema or schema_url())
        return InitPlan(
            manifest.path, registry_path, display, True, tuple(wanted), None, text, left_out=left_out
        )

    bom = _has_bom(registry_path)
    doc = parse_yaml(source)
    root = doc.root
    empty = (root is None and _blank(source.text)) or (
        isinstance(root, Scalar) and root.value is None and not root.text
    )
    if not empty:
        problem = next((p for p in doc.problems if p.fatal), None)
        if problem is not None:
            raise InputError(display, problem.message, problem.span.line, problem.span.column)
        if not isinstance(root, Mapping):
            raise InputError(display, "the registry must be a mapping (`version: 1`, `scopes:` …)")
    existing = read_registry(doc, display) if not empty else Registry(display, exists=True)
    missing = tuple(w for w in wanted if not is_present(w, existing))
    left_out = tuple((scope, why) for scope, why in left_out if scope not in existing.scopes)
    before = source.text
    if not missing:
        return InitPlan(manifest.path, registry_path, display, False, (), before, before, bom, left_out)
    if empty:
        newline = _newline(before)
        body = _body(missing, base=0, indent=2, step=2, newline=newline)
        after = _ensure_newline(before) + f"version: 1{newline}" + body
    else:
        assert isinstance(root, Mapping)
        after = append_entries(before, root, missing, display)
    _verify(after, missing, existing, len(doc.problems), display)
    return InitPlan(manifest.path, registry_path, display, False, missing, before, after, bom, left_out)


def not_worth_justifying(
    manifest_path: Path,
    requests: tuple[PermissionRequest, ...],
    catalog: PermissionCatalog,
    registry: Path | None,
    config: Path | None,
    cwd: Path,
    toolkit: Toolkit,
) -> dict[str, str]:
    """Scopes that should get no entry, with the reason: typos (SC201), and scopes the code
    certainly does not use (a confident SC402), since the next step removes them."""
    from scopecheck.core.engine import lint
    from scopecheck.core.settings import CliOverrides

    skip: dict[str, str] = {}
    scopes = of_kind(requests, "scope")
    for scope in scopes:
        if "${" not in scope.name and catalog.get(scope.name) is None:
            nearest = catalog.nearest(scope.name)
            skip[scope.name] = f"not a {catalog.platform} scope" + (
                f": did you mean `{nearest}`?" if nearest else ""
            )
    if not scopes:
        return skip
    report = lint(
        [manifest_path],
        CliOverrides(select=frozenset({"SC402"}), registry=registry, config=config),
        cwd=cwd,
        toolkit=toolkit,
    )
    for finding in report.reported:
        if finding.rule_id == "SC402" and finding.confidence.label == "high" and finding.subject:
            skip.setdefault(finding.subject, "no code needs it: `scopecheck lint --fix` removes it")
    return skip


def _has_bom(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(3) == _BOM.encode("utf-8")
    except OSError:
        return False


def write_plan(plan: InitPlan) -> None:
    """Write the planned text atomically (keeping a byte order mark the file had)."""
    from scopecheck.core.atomic import write_atomic

    if plan.registry_path.is_symlink():
        raise OSError(f"{plan.registry_path} is a symbolic link; scopecheck does not write through links")
    write_atomic(plan.registry_path, (_BOM if plan.bom else "") + plan.after)


def new_registry(wanted: list[Wanted], schema: str) -> str:
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "# Why this app needs each permission it requests: reviewed like code, published with",
        "# `scopecheck docs`. Replace every `justification: TODO` with a sentence an admin",
        "# understands; `scopecheck lint` flags the placeholders (SC103) until then.",
        "version: 1",
        "# app:",
        "#   name: My Forge app          # shown on the permissions page",
        "#   vendor: My company",
    ]
    text = "\n".join(lines) + "\n"
    return text + _body(wanted, base=0, indent=2, step=2, newline="\n")


def _body(
    entries: tuple[Wanted, ...] | list[Wanted], *, base: int, indent: int, step: int, newline: str
) -> str:
    """New sections (keys at column `base`), in the registry's section order."""
    out = []
    for section in (*SECTIONS, "workflows"):
        items = [w for w in entries if w.section == section]
        if items and section == "workflows":
            out.append(f"{' ' * base}{section}:{newline}")
            out.append(_nested(items, base + indent, step, newline))
        elif items:
            out.append(f"{' ' * base}{section}:{newline}")
            out.append(_entries(items, base + indent, step, newline))
    return "".join(out)


def _nested(items: list[Wanted], indent: int, step: int, newline: str) -> str:
    """Entries under their nested keys (`release.yml:` › `jobs:` › `publish:`), each key once."""
    out: list[str] = []
    written: list[tuple[str, ...]] = []
    for wanted in items:
        parents = wanted.path[1:-1]
        for depth in range(len(parents)):
            prefix = parents[: depth + 1]
            if prefix not in written:
                written.append(prefix)
                out.append(f"{' ' * (indent + depth * step)}{yaml_key(prefix[-1])}:{newline}")
        pad = " " * (indent + len(parents) * step)
        out += [f"{pad}# {line}".rstrip() + newline for line in wanted.comment]
        out.append(f"{pad}{yaml_key(wanted.path[-1])}:{newline}")
        out.append(f"{pad}{' ' * step}justification: {PLACEHOLDER}{newline}")
    return "".join(out)


def _entries(items: list[Wanted] | tuple[Wanted, ...], indent: int, step: int, newline: str) -> str:
    pad, inner = " " * indent, " " * (indent + step)
    out = []
    for wanted in items:
        out += [f"{pad}# {line}".rstrip() + newline for line in wanted.comment]
        out.append(f"{pad}{yaml_key(wanted.key)}:{newline}")
        out.append(f"{inner}justification: {PLACEHOLDER}{newline}")
    return "".join(out)


def yaml_key(key: str) -> str:
    """A mapping key as plain YAML when that reads back as the same string, else double-quoted."""
    if _PLAIN_KEY.match(key) and ": " not in key and not key.endswith(":") and _reads_as_string(key):
        return key
    return _double_quoted(key)


def _reads_as_string(text: str) -> bool:
    import yaml

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif code in (0x2028, 0x2029, 0xFEFF) or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + _newline(text)


def append_entries(text: str, root: Mapping, missing: tuple[Wanted, ...], display: str) -> str:
    """Insert the missing entries into `text` without changing a byte of what is there."""
    newline = _newline(text)
    base = root.span.column - 1
    if _is_flow(root, text):
        raise InputError(
            display, "the registry is written in flow style ({…}); write it as a block mapping to use init"
        )
    entry_indent, step = _layout(root, text)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied from the end
    new_sections: list[Wanted] = []
    nested = [w for w in missing if w.path]
    if nested and root.get_all("workflows"):
        text = _add_nested(text, nested, display)
        missing = tuple(w for w in missing if not w.path)
        from scopecheck.source.yaml_nodes import parse_yaml as _parse

        reread = _parse(SourceText.from_text(Path(display), display, text)).root
        if not isinstance(reread, Mapping):
            raise InputError(display, "cannot add entries to this file safely; nothing was written")
        root = reread
    for section in (*SECTIONS, "workflows"):
        items = [w for w in missing if w.section == section]
        if not items:
            continue
        found = root.get_all(section)
        if not found:
            new_sections += items
            continue
        key_node, value = found[-1]
        edits.append(_section_edit(text, key_node, value, items, entry_indent, step, newline, display))
    result = text
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        result = result[:start] + replacement + result[end:]
    if new_sections:
        body = _body(new_sections, base=base, indent=entry_indent, step=step, newline=newline)
        result = _ensure_newline(result) + body
    return result


def _add_nested(text: str, items: list[Wanted], display: str) -> str:
    """Workflow entries into an existing `workflows:` section, one at a time, each planned and
    checked like a fix (`justification: TODO` written as the shorthand `TODO`)."""
    from scopecheck.core.findings import EntryChange
    from scopecheck.source.yaml_edit import Refused, apply, check_edited, plan_changes

    for wanted in items:
        doc = parse_yaml(SourceText.from_text(Path(display), display, text))
        try:
            plan = plan_changes(doc, [EntryChange(display, wanted.path, PLACEHOLDER)])
        except Refused as refused:
            raise InputError(display, f"cannot add `{wanted.key}`: {refused}") from None
        new = apply(text, plan.edits)
        problem = check_edited(doc, new, plan)
        if problem is not None:
            raise InputError(display, f"cannot add `{wanted.key}` safely: {problem}; nothing was written")
        text = new
    return text


def _section_edit(
    text: str,
    key_node: Scalar,
    value: Node,
    items: list[Wanted],
    default_indent: int,
    step: int,
    newline: str,
    display: str,
) -> tuple[int, int, str]:
    section = key_node.text
    where = f"`{section}` (line {key_node.span.line})"
    empty_flow = isinstance(value, Mapping | Sequence) and _is_flow(value, text) and _is_empty(value)
    if (isinstance(value, Scalar) and value.value is None) or empty_flow:
        # `scopes:`, `scopes: ~` or `scopes: {}`: drop the empty value, entries go below the key
        start, end = value.span.start_offset, value.span.end_offset
        if start != end:
            while start > key_node.span.end_offset and text[start - 1] in " \t":
                start -= 1
        indent = key_node.span.column - 1 + default_indent
        line_end = _line_end(text, max(end, key_node.span.end_offset))
        block = _entries(items, indent, step, newline)
        if line_end == len(text) and not text.endswith("\n"):
            block = newline + block
        # one edit from the value to the end of its line: remove the value, keep the rest
        tail = text[end:line_end]
        return start, line_end, tail + block
    if not isinstance(value, Mapping):
        raise InputError(
            display,
            f"{where} must be a mapping of entries, found {_type(value)}; fix it first (SC002)",
            key_node.span.line,
            key_node.span.column,
        )
    if _is_flow(value, text):
        raise InputError(
            display,
            f"{where} is written in flow style ({{…}}); write it as a block mapping to use init",
            key_node.span.line,
            key_node.span.column,
        )
    first_key = next((k for k, _v in value.pairs if isinstance(k, Scalar)), None)
    indent = first_key.span.column - 1 if first_key is not None else default_indent
    insert_at = _line_end(text, _content_end(text, value))
    block = _entries(items, indent, step, newline)
    if insert_at == len(text) and not text.endswith("\n"):
        block = newline + block
    return insert_at, insert_at, block


def _type(node: Node) -> str:
    from scopecheck.source.yaml_nodes import type_name

    return type_name(node)


def _is_flow(node: Node, text: str) -> bool:
    start = node.span.start_offset
    return start < len(text) and text[start] in "[{"


def _is_empty(node: Node) -> bool:
    return not (node.pairs if isinstance(node, Mapping) else node.items)  # type: ignore[attr-defined]


def _content_end(text: str, node: Node) -> int:
    """Offset just past the last character that belongs to `node` in the text.

    Block collections end where the next token starts (after trailing comments
    and blank lines), so look at their last child instead; block scalars end
    after their trailing line breaks, so step back over whitespace unless the
    scalar keeps them (`|+`, `>+`). Children that live elsewhere (aliases,
    merged keys) are skipped.
    """
    start = node.span.start_offset
    if isinstance(node, Scalar):
        end = node.span.end_offset
        header = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
        if header[:1] in "|>" and "+" in header.split("#", 1)[0]:
            return end  # the trailing blank lines are part of the value
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        return end
    if _is_flow(node, text):
        return node.span.end_offset
    children: list[Node] = []
    if isinstance(node, Mapping):
        for key, value in node.pairs:
            children += [key, value]
    elif isinstance(node, Sequence):
        children = list(node.items)
    ends = [_content_end(text, child) for child in children if child.span.start_offset >= start]
    return max(ends, default=start)


def _line_end(text: str, offset: int) -> int:
    """Offset just past the newline that ends the line holding `offset` (or the text's end).

    An offset that already starts a line (just after a newline) is its own answer.
    """
    if 0 < offset <= len(text) and text[offset - 1] == "\n":
        return offset
    newline = text.find("\n", offset)
    return len(text) if newline == -1 else newline + 1


def _layout(root: Mapping, text: str) -> tuple[int, int]:
    """(indent of entries under a section, step from an entry's key to its fields), from the file."""
    entry_indent = step = None
    for _name, key, value in root.items():
        if isinstance(value, Mapping) and value.pairs and not _is_flow(value, text):
            first = value.pairs[0][0]
            if entry_indent is None and first.span.column > key.span.column:
                entry_indent = first.span.column - key.span.column
            for _k, entry_key, entry_value in value.items():
                if isinstance(entry_value, Mapping) and entry_value.pairs and not _is_flow(entry_value, text):
                    field = entry_value.pairs[0][0]
                    if step is None and field.span.column > entry_key.span.column:
                        step = field.span.column - entry_key.span.column
    entry_indent = entry_indent or 2
    return entry_indent, step or entry_indent


def _verify(after: str, missing: tuple[Wanted, ...], before: Registry, problems: int, display: str) -> None:
    """Read the result back: every old entry still there, every new one found, no new problem."""
    doc = parse_yaml(SourceText.from_text(Path(display), display, after))
    if not doc.usable or len(doc.problems) > problems:
        raise InputError(display, "cannot add entries to this file safely; nothing was written")
    registry = read_registry(doc, display)
    lost = [
        e.key
        for e in before.entries()
        if e.key not in registry.section(e.section) or _facts(registry.section(e.section)[e.key]) != _facts(e)
    ]
    absent = [w.key for w in missing if not is_present(w, registry)]
    if lost or absent:
        raise InputError(
            display, "cannot add entries to this file safely (unusual layout); nothing was written"
        )


def _facts(entry: Justification) -> tuple[object, ...]:
    """What an entry says, without where it is: must be the same after an insertion."""
    return (
        entry.text,
        tuple(name for name, _span in entry.modules),
        entry.data,
        entry.reviewed,
        entry.owner,
        entry.risk_accepted,
        entry.user_data,
    )


def describe_missing(missing: tuple[Wanted, ...]) -> list[str]:
    """`scopes: a, b` lines, one per section, for messages."""
    lines = []
    for section in SECTIONS:
        keys = [w.key for w in missing if w.section == section]
        if keys:
            lines.append(f"{section}: {', '.join(json.dumps(k) if k != yaml_key(k) else k for k in keys)}")
    return lines
