"""Fixtures for the election-file tests: the shipped examples and broken copies of them."""

from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def example_2024() -> str:
    return (EXAMPLES / "election-2024.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write text to a fresh election file in the test's own folder."""

    def write(text: str) -> Path:
        path = tmp_path / "election.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def broken_2024(example_2024: str, write_file: Callable[[str], Path]) -> Callable[..., Path]:
    """Write a copy of the 2024 example with the first `old` replaced by `new`."""

    def broken(old: str, new: str) -> Path:
        assert old in example_2024, f"the example no longer contains {old!r}"
        return write_file(example_2024.replace(old, new, 1))

    return broken
