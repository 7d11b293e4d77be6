"""Validate part of the file against a core model and point each error at its line."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from app.election_file_messages import explain, unknown_key_message
from app.election_file_problems import ProblemLog, YamlPath
from app.yaml_merge import written_by_defaults
from app.yaml_source import Node
from core.regulation import FieldProblem

Model = TypeVar("Model", bound=BaseModel)


def validate_node(
    model: type[Model],
    node: Node,
    log: ProblemLog,
    data: Any = None,
    ignore: Collection[str] = (),
) -> Model | None:
    """Build `model` from `node` (or from `data` prepared from it); log every error, or return it.

    Errors on fields named in `ignore` are skipped: the caller has reported them already.
    """
    try:
        return model.model_validate(node.plain() if data is None else data)
    except ValidationError as error:
        details = error.errors()
        for detail in details:
            if (detail["loc"] and detail["loc"][0] in ignore) or _follows(detail, details):
                continue
            loc, message = explain(model, detail)
            target, rest = _blamed(node, loc, detail)
            log.add((*target.path, *rest), target.line, message)
        return None


def _follows(detail: ErrorDetails, details: list[ErrorDetails]) -> bool:
    """Tell whether a list is too short only because an item in it was refused."""
    loc = detail["loc"]
    return detail["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in details
    )


def _blamed(node: Node, loc: YamlPath, detail: ErrorDetails) -> tuple[Node, YamlPath]:
    """Find the node to point at for an error at `loc`, and the steps the file lacks."""
    target, rest = node.locate(loc)
    clash = isinstance((detail.get("ctx") or {}).get("error"), FieldProblem)
    if clash and written_by_defaults(target) and not written_by_defaults(node):
        # Settings that clash only once merged are shown in the group that merged them.
        return node, loc
    return target, rest


def check_keys(node: Node, known: Iterable[str], log: ProblemLog) -> None:
    """Report every key of a block that is not one of `known`, suggesting the nearest."""
    known = tuple(known)
    for key, child in node.value.items():
        if key not in known:
            log.add(child.path, child.line, unknown_key_message(key, known))


def require_block(node: Node, log: ProblemLog, what: str) -> bool:
    """Report a value that should be a block of settings but is not; an empty one is fine."""
    if node.is_mapping or node.value is None:
        return True
    log.add(node.path, node.line, f"{what} must be a block of indented 'key: value' lines")
    return False
