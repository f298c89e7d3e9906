"""`manifest.json` nodes to the Extension model: the only browser-extension-aware reader.

A value of the wrong shape is a problem with its position (SC001) and is left out; the rest
of the manifest is still read. What Chrome ignores is reported and not counted as requested:
a host pattern under `permissions` in Manifest V3 (it belongs in `host_permissions`), and
`host_permissions` in a Manifest V2 file (MV2 lists host patterns under `permissions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from scopecheck.ecosystems.browser_extension.model import (
    Background,
    ContentScript,
    Extension,
    ExternallyConnectable,
    Gecko,
    Value,
    WebResources,
    is_host_pattern,
)
from scopecheck.source.yaml_nodes import Mapping, Node, Scalar, Sequence, YamlDocument, YamlProblem, type_name

#: keys whose value is an extension page that runs code (path in the manifest, how it is named)
_PAGE_KEYS = (
    (("action", "default_popup"), "popup"),
    (("browser_action", "default_popup"), "popup"),
    (("page_action", "default_popup"), "popup"),
    (("options_page",), "options page"),
    (("options_ui", "page"), "options page"),
    (("side_panel", "default_path"), "side panel"),
    (("sidebar_action", "default_panel"), "sidebar"),
    (("devtools_page",), "devtools page"),
    (("chrome_url_overrides", "newtab"), "new tab page"),
    (("chrome_url_overrides", "history"), "history page"),
    (("chrome_url_overrides", "bookmarks"), "bookmarks page"),
    (("background", "page"), "background page"),
)


@dataclass
class _Reader:
    problems: list[YamlProblem] = field(default_factory=list)

    def problem(self, message: str, node: Node, subject: str) -> None:
        self.problems.append(YamlProblem(message, node.span, subject=subject))

    def strings(self, root: Mapping, key: str) -> tuple[Value, ...]:
        """The string items of the list under `key`; anything else is a problem."""
        found: list[Value] = []
        for _key, node in root.get_all(key):
            if not isinstance(node, Sequence):
                self.problem(f"`{key}` must be a list of strings, found {type_name(node)}", node, key)
                continue
            for item in node.items:
                if isinstance(item, Scalar) and isinstance(item.value, str):
                    found.append(Value(item.value, item.span))
                elif not isinstance(item, Mapping):  # Chrome Apps' {"usbDevices": ...}: not ours
                    self.problem(f"an item of `{key}` must be a string, found {type_name(item)}", item, key)
        return tuple(found)


def read_extension(doc: YamlDocument) -> tuple[Extension | None, list[YamlProblem]]:
    """The model (None when the file is unusable) and every shape problem found."""
    if not doc.usable or doc.source is None:
        return None, []
    reader = _Reader()
    root = doc.root
    if not isinstance(root, Mapping):
        assert root is not None
        reader.problem(f"manifest.json must be a JSON object, found {type_name(root)}", root, "manifest")
        return None, reader.problems
    version_node = root.get("manifest_version")
    version: int | None = None
    if isinstance(version_node, Scalar) and version_node.value in (2, 3) and version_node.tag.endswith("int"):
        version = int(version_node.value)
    elif version_node is not None:
        shown = version_node.text if isinstance(version_node, Scalar) else type_name(version_node)
        reader.problem(f"`manifest_version` must be 2 or 3, found {shown}", version_node, "manifest_version")
    permissions, hosts = _split(reader, reader.strings(root, "permissions"), "permissions", version)
    optional, optional_hosts = _split(
        reader, reader.strings(root, "optional_permissions"), "optional_permissions", version
    )
    declared_hosts = reader.strings(root, "host_permissions")
    declared_optional_hosts = reader.strings(root, "optional_host_permissions")
    if version == 2:
        for key, values in (
            ("host_permissions", declared_hosts),
            ("optional_host_permissions", declared_optional_hosts),
        ):
            if values:
                node = root.get(key)
                assert node is not None
                reader.problem(
                    f"`{key}` is a Manifest V3 key: a Manifest V2 browser ignores it (list host "
                    "patterns under `permissions`, or move to Manifest V3)",
                    node,
                    key,
                )
        declared_hosts, declared_optional_hosts = (), ()
    name = root.get("name")
    permissions_key = next((key for key, _value in root.get_all("permissions")), None)
    extension = Extension(
        path=doc.source.display,
        source=doc.source,
        manifest_version=version,
        manifest_version_span=version_node.span if version_node is not None else None,
        name=name.value if isinstance(name, Scalar) and isinstance(name.value, str) else None,
        permissions_span=permissions_key.span if permissions_key is not None else None,
        permissions=permissions,
        optional_permissions=optional,
        host_permissions=(*hosts, *declared_hosts),
        optional_host_permissions=(*optional_hosts, *declared_optional_hosts),
        content_scripts=tuple(_content_scripts(reader, root)),
        web_accessible_resources=tuple(_web_resources(reader, root)),
        externally_connectable=_externally_connectable(reader, root),
        content_security_policy=tuple(_csp(reader, root)),
        background=_background(reader, root),
        pages=tuple(_pages(root)),
        gecko=_gecko(reader, root),
        thunderbird="thunderbird" in doc.source.display.lower()
        or any(root.get(key) is not None for key in _THUNDERBIRD_KEYS),
        firefox_file=any(
            word in doc.source.display.rsplit("/", 1)[-1].lower() for word in ("firefox", "gecko")
        ),
    )
    return extension, reader.problems


def _split(
    reader: _Reader, values: tuple[Value, ...], key: str, version: int | None
) -> tuple[tuple[Value, ...], tuple[Value, ...]]:
    """(permission names, host patterns) of a `permissions`-like list: MV2 mixes them; in MV3 a
    host pattern there is ignored by Chrome, so it is a problem and is left out."""
    names = tuple(v for v in values if not is_host_pattern(v.value))
    patterns = tuple(v for v in values if is_host_pattern(v.value))
    if version == 2:
        return names, patterns
    target = "host_permissions" if key == "permissions" else "optional_host_permissions"
    for pattern in patterns:
        reader.problems.append(
            YamlProblem(
                f"`{pattern.value}` is a host pattern: Manifest V3 takes it in `{target}`, and "
                f"Chrome ignores it in `{key}`",
                pattern.span,
                subject=pattern.value,
            )
        )
    return names, ()


def _items(reader: _Reader, root: Mapping, key: str) -> Iterator[Mapping]:
    for _key, node in root.get_all(key):
        if not isinstance(node, Sequence):
            reader.problem(f"`{key}` must be a list, found {type_name(node)}", node, key)
            continue
        for item in node.items:
            if isinstance(item, Mapping):
                yield item
            elif key != "web_accessible_resources":  # MV2's are plain paths
                reader.problem(f"an item of `{key}` must be an object, found {type_name(item)}", item, key)


def _content_scripts(reader: _Reader, root: Mapping) -> Iterator[ContentScript]:
    for item in _items(reader, root, "content_scripts"):
        world = item.get("world")
        yield ContentScript(
            span=item.span,
            matches=reader.strings(item, "matches"),
            exclude_matches=reader.strings(item, "exclude_matches"),
            js=reader.strings(item, "js"),
            css=reader.strings(item, "css"),
            world=world.value if isinstance(world, Scalar) and isinstance(world.value, str) else None,
        )


def _web_resources(reader: _Reader, root: Mapping) -> Iterator[WebResources]:
    for item in _items(reader, root, "web_accessible_resources"):
        yield WebResources(
            span=item.span,
            resources=reader.strings(item, "resources"),
            matches=reader.strings(item, "matches"),
            extension_ids=reader.strings(item, "extension_ids"),
        )


def _externally_connectable(reader: _Reader, root: Mapping) -> ExternallyConnectable | None:
    found = root.get_all("externally_connectable")
    if not found:
        return None
    key, value = found[-1]
    if not isinstance(value, Mapping):
        reader.problem(
            f"`externally_connectable` must be an object, found {type_name(value)}",
            value,
            "externally_connectable",
        )
        return None
    tls = value.get("accepts_tls_channel_id")
    return ExternallyConnectable(
        span=key.span,
        matches=reader.strings(value, "matches"),
        ids=reader.strings(value, "ids"),
        accepts_tls_channel_id=tls.value if isinstance(tls, Scalar) and isinstance(tls.value, bool) else None,
    )


def _csp(reader: _Reader, root: Mapping) -> Iterator[tuple[str, Value]]:
    for _key, value in root.get_all("content_security_policy"):
        if isinstance(value, Scalar) and isinstance(value.value, str):  # MV2
            yield "", Value(value.value, value.span)
        elif isinstance(value, Mapping):
            for name, _name_key, policy in value.items():
                if isinstance(policy, Scalar) and isinstance(policy.value, str):
                    yield name, Value(policy.value, policy.span)
                else:
                    reader.problem(
                        f"`content_security_policy.{name}` must be a string, found {type_name(policy)}",
                        policy,
                        "content_security_policy",
                    )
        else:
            reader.problem(
                f"`content_security_policy` must be an object or a string, found {type_name(value)}",
                value,
                "content_security_policy",
            )


def _string(node: Node | None) -> Value | None:
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return Value(node.value, node.span)
    return None


def _background(reader: _Reader, root: Mapping) -> Background | None:
    found = root.get_all("background")
    if not found:
        return None
    key, value = found[-1]
    if not isinstance(value, Mapping):
        reader.problem(f"`background` must be an object, found {type_name(value)}", value, "background")
        return None
    kind = value.get("type")
    return Background(
        span=key.span,
        service_worker=_string(value.get("service_worker")),
        scripts=reader.strings(value, "scripts"),
        page=_string(value.get("page")),
        module=isinstance(kind, Scalar) and kind.value == "module",
    )


def _pages(root: Mapping) -> Iterator[tuple[str, Value]]:
    for path, label in _PAGE_KEYS:
        node: Node | None = root
        for part in path:
            node = node.get(part) if isinstance(node, Mapping) else None
        page = _string(node)
        if page is not None:
            yield label, page


#: manifest keys only Thunderbird reads
_THUNDERBIRD_KEYS = ("compose_action", "message_display_action", "cloud_file")
#: data types Firefox accepts only in `required` / only in `optional` (Extension Workshop)
_REQUIRED_ONLY = ("none",)
_OPTIONAL_ONLY = ("technicalAndInteraction",)


def _gecko(reader: _Reader, root: Mapping) -> Gecko | None:
    for outer in ("browser_specific_settings", "applications"):
        settings = root.get(outer)
        found = settings.get_all("gecko") if isinstance(settings, Mapping) else []
        if not found:
            continue
        key, gecko = found[-1]
        if not isinstance(gecko, Mapping):
            return Gecko(key.span)
        collection_found = gecko.get_all("data_collection_permissions")
        collection = collection_found[-1][1] if collection_found else None
        required: tuple[Value, ...] = ()
        optional: tuple[Value, ...] = ()
        if collection is not None and not isinstance(collection, Mapping):
            reader.problem(
                f"`data_collection_permissions` must be an object, found {type_name(collection)}",
                collection,
                "data_collection_permissions",
            )
        elif isinstance(collection, Mapping):
            required = reader.strings(collection, "required")
            optional = reader.strings(collection, "optional")
            _check_collection(reader, required, optional)
        return Gecko(
            key.span,
            id=_string(gecko.get("id")),
            strict_min_version=_string(gecko.get("strict_min_version")),
            data_collection=required,
            optional_data_collection=optional,
            data_collection_span=collection_found[-1][0].span if collection_found else None,
        )
    return None


def _check_collection(reader: _Reader, required: tuple[Value, ...], optional: tuple[Value, ...]) -> None:
    """What Firefox rejects in `data_collection_permissions` (the schema's enums, and
    addons-linter's NONE_DATA_COLLECTION_IS_EXCLUSIVE)."""
    names = [v.value for v in required]
    for value in required:
        if value.value in _OPTIONAL_ONLY:
            reader.problems.append(
                YamlProblem(
                    f"`{value.value}` can only be optional: move it to `optional`",
                    value.span,
                    subject=value.value,
                )
            )
        elif value.value == "none" and len(names) > 1:
            reader.problems.append(
                YamlProblem(
                    '`"none"` must not be listed with other required data types: either the extension '
                    "collects nothing, or it names what it collects",
                    value.span,
                    subject="none",
                )
            )
    for value in optional:
        if value.value in _REQUIRED_ONLY:
            reader.problems.append(
                YamlProblem(
                    '`"none"` belongs in `required` (`"required": ["none"]`), not in `optional`',
                    value.span,
                    subject="none",
                )
            )
