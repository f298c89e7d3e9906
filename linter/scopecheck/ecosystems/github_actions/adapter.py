"""Workflow (and composite action) YAML to the model: the only GitHub Actions-aware parser.

Anything GitHub itself would reject in a `permissions:` block (an unknown permission, a level
the permission does not take, a shorthand other than `read-all`/`write-all`) is a problem
with a position (SC001) and is left out; the rest of the file is still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scopecheck.ecosystems.github_actions.catalog import load_catalog
from scopecheck.ecosystems.github_actions.model import (
    LEVELS,
    SHORTHANDS,
    Grant,
    GrantEntry,
    Job,
    Setting,
    Step,
    Workflow,
)
from scopecheck.source.yaml_nodes import Mapping, Node, Scalar, Sequence, YamlDocument, YamlProblem, type_name


@dataclass
class _Reader:
    problems: list[YamlProblem] = field(default_factory=list)

    def problem(self, message: str, node: Node, subject: str) -> None:
        self.problems.append(YamlProblem(message, node.span, subject=subject))


def registry_name(path: Path) -> str:
    """How the registry names a workflow: its file under `.github/workflows/`; an action by
    its path from the repository root (`.github/actions/setup/action.yml`, `action.yml`)."""
    parts = path.parts
    for index in range(len(parts) - 2, -1, -1):
        if parts[index] == ".github" and index + 1 < len(parts) and parts[index + 1] == "workflows":
            return "/".join(parts[index + 2 :])
    for parent in path.parents:
        if (parent / ".git").exists():
            return path.relative_to(parent).as_posix()
    return path.name


def read_workflow(doc: YamlDocument) -> tuple[Workflow | None, list[YamlProblem]]:
    """The model (None when the file is unusable) and every shape problem found."""
    if not doc.usable or doc.source is None:
        return None, []
    reader = _Reader()
    root = doc.root
    if not isinstance(root, Mapping):
        assert root is not None
        reader.problem(
            f"a workflow must be a mapping at the top level, found {type_name(root)}", root, "workflow"
        )
        return None, reader.problems
    path = doc.source.path
    kind = "action" if path.name in ("action.yml", "action.yaml") else "workflow"
    permissions = None
    for key, value in root.get_all("permissions"):
        permissions = _grant(reader, key, value, "permissions")
    jobs: list[Job] = []
    jobs_span = None
    if kind == "workflow":
        for key, value in root.get_all("jobs"):
            jobs_span = key.span
            jobs.extend(_jobs(reader, value))
    else:
        runs = root.get("runs")
        steps = runs.get("steps") if isinstance(runs, Mapping) else None
        if isinstance(runs, Mapping) and isinstance(steps, Sequence):
            jobs.append(
                Job("(steps)", runs.span, runs.span, steps=tuple(_steps(reader, steps, "runs.steps")))
            )
    workflow = Workflow(
        path=doc.source.display,
        source=doc.source,
        name=registry_name(path),
        kind=kind,
        triggers=tuple(_triggers(root)),
        permissions=permissions,
        env=_pairs(root.get("env")),
        jobs=tuple(jobs),
        jobs_span=jobs_span,
        working_directory=_default_directory(root),
    )
    return workflow, reader.problems


def _triggers(root: Mapping) -> Iterator[Setting]:
    for _key, value in root.get_all("on"):
        if isinstance(value, Scalar) and isinstance(value.value, str):
            yield Setting(value.value, value.span)
        elif isinstance(value, Sequence):
            for item in value.items:
                if isinstance(item, Scalar) and isinstance(item.value, str):
                    yield Setting(item.value, item.span)
        elif isinstance(value, Mapping):
            for name, key, _body in value.items():
                yield Setting(name, key.span)


def _grant(reader: _Reader, key: Scalar, value: Node, where: str) -> Grant | None:
    if isinstance(value, Scalar) and isinstance(value.value, str):
        if value.value in SHORTHANDS:
            return Grant(key.span, value.span, shorthand=value.value)
        reader.problem(
            f"`{where}: {value.value}` is not a permissions value: use `read-all`, `write-all` or a "
            "mapping such as `{contents: read}`",
            value,
            where,
        )
        return None
    if not isinstance(value, Mapping):
        reader.problem(
            f"`{where}` must be `read-all`, `write-all` or a mapping of permissions, found {type_name(value)}",
            value,
            where,
        )
        return None
    catalog = load_catalog()
    known = catalog.names()
    entries: list[GrantEntry] = []
    for name, name_key, level_node in value.items():
        level = (
            level_node.value if isinstance(level_node, Scalar) and isinstance(level_node.value, str) else None
        )
        if name not in known:
            near = catalog.nearest(f"{name}:read") or catalog.nearest(f"{name}:write")
            hint = f"; did you mean `{near.split(':')[0]}`?" if near else ""
            reader.problem(f"unknown permission `{name}` in `{where}`{hint}", name_key, f"{where}.{name}")
            continue
        allowed = ("none", *catalog.levels(name))
        if level not in LEVELS or level not in allowed:
            shown = level if level is not None else type_name(level_node)
            reader.problem(
                f"`{name}: {shown}` in `{where}`: `{name}` takes {', '.join(allowed)}",
                level_node,
                f"{where}.{name}",
            )
            continue
        entries.append(GrantEntry(name, level, name_key.span, level_node.span))
    return Grant(key.span, value.span, entries=tuple(entries))


def _jobs(reader: _Reader, node: Node) -> Iterator[Job]:
    if not isinstance(node, Mapping):
        reader.problem(f"`jobs` must be a mapping of job ids, found {type_name(node)}", node, "jobs")
        return
    for job_id, key, body in node.items():
        if not isinstance(body, Mapping):
            continue  # GitHub reports a job of the wrong shape; nothing here needs a token
        permissions = None
        for grant_key, value in body.get_all("permissions"):
            permissions = _grant(reader, grant_key, value, f"jobs.{job_id}.permissions")
        steps_node = body.get("steps")
        steps = (
            tuple(_steps(reader, steps_node, f"jobs.{job_id}.steps"))
            if isinstance(steps_node, Sequence)
            else ()
        )
        first_key = body.pairs[0][0] if body.pairs else key
        yield Job(
            id=job_id,
            span=key.span,
            body_span=body.span,
            permissions=permissions,
            steps=steps,
            uses=_setting(body.get("uses")),
            env=_pairs(body.get("env")),
            indent=first_key.span.column - 1,
            working_directory=_default_directory(body),
        )


def _default_directory(node: Mapping) -> str | None:
    """`defaults: run: working-directory:` of a workflow or a job."""
    defaults = node.get("defaults")
    run = defaults.get("run") if isinstance(defaults, Mapping) else None
    folder = _setting(run.get("working-directory")) if isinstance(run, Mapping) else None
    return folder.value if folder is not None else None


def _steps(reader: _Reader, node: Sequence, where: str) -> Iterator[Step]:
    for index, item in enumerate(node.items, start=1):
        if not isinstance(item, Mapping):
            continue
        first_key = item.pairs[0][0] if item.pairs else item
        name = _setting(item.get("name"))
        folder = _setting(item.get("working-directory"))
        yield Step(
            index=index,
            span=first_key.span,
            uses=_setting(item.get("uses")),
            run=_setting(item.get("run")),
            with_=_pairs(item.get("with")),
            env=_pairs(item.get("env")),
            name=name.value if name is not None else None,
            working_directory=folder.value if folder is not None else None,
        )


def _setting(node: Node | None) -> Setting | None:
    if isinstance(node, Scalar) and node.value is not None:
        return Setting(node.text if not isinstance(node.value, str) else node.value, node.span)
    return None


def _pairs(node: Node | None) -> tuple[tuple[str, Setting], ...]:
    if not isinstance(node, Mapping):
        return ()
    pairs = []
    for name, _key, value in node.items():
        setting = _setting(value)
        if setting is not None:
            pairs.append((name, setting))
    return tuple(pairs)
