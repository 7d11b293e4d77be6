"""Read a YAML file into a tree that remembers, for every value, its path and line.

PyYAML's composed nodes carry the marks; values are built from them here so that any later
complaint, even one about a value merged in from `defaults:`, can name the line it came from.
A key written twice in one mapping is reported instead of silently keeping the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.election_file_problems import ElectionFileError, Problem, ProblemLog, YamlPath

_MAX_DEPTH = 40  # an alias that contains itself would otherwise never end


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as text: the election file reads times itself."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


@dataclass
class Node:
    """A value from the file with the YAML path and line it was written at."""

    path: YamlPath
    line: int
    value: Any  # dict[str, Node] for a mapping, list[Node] for a list, else a plain scalar
    text: str | None = None  # a scalar exactly as written

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if self.is_mapping else None

    def plain(self) -> Any:
        """Return the value as plain Python data, as pydantic expects it."""
        if self.is_mapping:
            return {key: child.plain() for key, child in self.value.items()}
        if self.is_list:
            return [child.plain() for child in self.value]
        return self.value

    def locate(self, loc: YamlPath) -> tuple[Node, YamlPath]:
        """Follow `loc` as far as the tree goes; return that node and the steps left over."""
        node = self
        for depth, step in enumerate(loc):
            child: Node | None = None
            if isinstance(step, str) and node.is_mapping:
                child = node.value.get(step)
            elif isinstance(step, int) and node.is_list and 0 <= step < len(node.value):
                child = node.value[step]
            if child is None:
                return node, tuple(loc[depth:])
            node = child
        return node, ()


def read_yaml(path: Path, log: ProblemLog) -> Node | None:
    """Read and compose the file; raise ElectionFileError if it cannot be read at all."""
    text = _read_text(path, log.file)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        what = error.problem or "unreadable text"
        raise ElectionFileError(
            [Problem(log.file, line, "(syntax)", _syntax_message(what))]
        ) from error
    if root is None:
        raise ElectionFileError([Problem(log.file, 0, "(file)", "the file is empty")])
    return _build(root, (), root.start_mark.line + 1, loader, log, 0)


def _syntax_message(problem: str) -> str:
    return (
        f"this is not valid YAML ({problem}); check the indentation (spaces, not tabs), "
        "a space after each colon, and that quotes are closed"
    )


def _read_text(path: Path, file: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        message = "the file does not exist; check the name and the folder"
        raise ElectionFileError([Problem(file, 0, "(file)", message)]) from error
    except IsADirectoryError as error:
        message = "this is a folder, not a file"
        raise ElectionFileError([Problem(file, 0, "(file)", message)]) from error
    except UnicodeDecodeError as error:
        message = "the file is not UTF-8 text; save it with the UTF-8 encoding"
        raise ElectionFileError([Problem(file, 0, "(file)", message)]) from error
    except OSError as error:
        message = f"the file cannot be read ({error.strerror or error})"
        raise ElectionFileError([Problem(file, 0, "(file)", message)]) from error


def _build(
    node: yaml.Node, path: YamlPath, line: int, loader: _Loader, log: ProblemLog, depth: int
) -> Node:
    if depth > _MAX_DEPTH:
        log.add(path, line, "this is nested too deeply (does an alias refer to itself?)")
        return Node(path, line, None)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, line, loader, log, depth)
    if isinstance(node, yaml.SequenceNode):
        items = [
            _build(item, (*path, index), item.start_mark.line + 1, loader, log, depth + 1)
            for index, item in enumerate(node.value)
        ]
        return Node(path, line, items)
    try:
        value = loader.construct_object(node)
    except yaml.YAMLError:
        log.add(
            path, line, f"the value {node.value!r} cannot be read; write plain text or a number"
        )
        value = str(node.value)
    return Node(path, line, value, text=str(node.value))


def _build_mapping(
    node: yaml.MappingNode, path: YamlPath, line: int, loader: _Loader, log: ProblemLog, depth: int
) -> Node:
    children: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            log.add(path, key_line, "a key must be a plain word followed by a colon")
            continue
        key = str(key_node.value)
        if key in children:
            first = children[key].line
            log.add(
                (*path, key),
                key_line,
                f"'{key}' is written twice in the same block (first on line {first}); "
                "keep only one",
            )
        children[key] = _build(value_node, (*path, key), key_line, loader, log, depth + 1)
    return Node(path, line, children)
