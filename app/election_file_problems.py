"""What is wrong with an election file, each problem named by file, line and field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing the Secretariat officer has to fix, and where."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # a dotted path like groups[SW].calendar.voting.closes
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ElectionFileError(Exception):
    """An election file that cannot be used; carries every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        # Same problem once (a bad default is met by every group), then in file order.
        unique = dict.fromkeys(problems)
        self.problems = tuple(sorted(unique, key=lambda problem: problem.line))
        super().__init__("\n".join(str(problem) for problem in self.problems))


def format_path(path: YamlPath, group_labels: Mapping[int, str]) -> str:
    """Write a YAML path the way a person reads it: groups[SW].regulation.voter_kind.

    A group is named by its code when that code is valid and unique, otherwise by its position;
    positions in any list count from 1, as a person counts.
    """
    text = ""
    for index, step in enumerate(path):
        if isinstance(step, int):
            in_groups = index == 1 and path[0] == "groups"
            label = group_labels.get(step) if in_groups else None
            text += f"[{label or step + 1}]"
        else:
            text += f".{step}" if text else step
    return text or "(top of the file)"


class ProblemLog:
    """Collects problems while the loader keeps going, so that one run reports all of them."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.group_labels: dict[int, str] = {}
        self._found: list[tuple[YamlPath, int, str]] = []

    def add(self, path: YamlPath, line: int, message: str) -> None:
        self._found.append((path, line, message))

    def __bool__(self) -> bool:
        return bool(self._found)

    def problems(self) -> list[Problem]:
        return [
            Problem(self.file, line, format_path(path, self.group_labels), message)
            for path, line, message in self._found
        ]

    def raise_if_any(self) -> None:
        if self._found:
            raise ElectionFileError(self.problems())
