"""Deep-merge a group's settings over the common defaults, keeping where each value came from."""

from __future__ import annotations

from app.election_file_problems import YamlPath
from app.yaml_source import Node


def deep_merge(base: Node | None, own: Node | None, path: YamlPath, line: int) -> Node:
    """Lay `own` over `base`: blocks merge key by key, anything else in `own` replaces `base`.

    Lists are replaced whole (a group listing its own documents means exactly those). Each
    value keeps its own path and line, so a bad default is reported where the default is written.
    The merged block itself stands at `path`/`line` (the group's), for settings missing from both.
    """
    base_items = base.value if base is not None and base.is_mapping else {}
    own_items = own.value if own is not None and own.is_mapping else {}
    merged: dict[str, Node] = dict(base_items)
    for key, child in own_items.items():
        inherited = merged.get(key)
        if inherited is not None and inherited.is_mapping and child.is_mapping:
            merged[key] = deep_merge(inherited, child, child.path, child.line)
        else:
            merged[key] = child
    if own is not None:
        path, line = own.path, own.line
    return Node(path, line, merged)


def written_by_defaults(node: Node) -> bool:
    """Tell whether a value was inherited from the `defaults:` block."""
    return bool(node.path) and node.path[0] == "defaults"
