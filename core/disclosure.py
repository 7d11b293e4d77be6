"""Small regional figures, hidden so that nobody can be singled out by where they live.

A count below the group's threshold is shown as "<5". Hiding one cell is not enough while the
row's total is shown: the hidden value would follow by subtraction. So further cells are hidden,
smallest first (all cells of that size at once), until each hidden cell could still take more
than one value, as judged by someone who knows this rule: a hidden cell lies between `floor` and
the larger of `threshold - 1` and one less than the smallest figure still shown, or below the
threshold when only small cells are hidden. When even hiding every cell cannot protect them, the
total is withheld as well. An exhaustive search over tables of up to five cells found no hidden
value that a reader who tries every table the rule would publish the same way could pin down.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    key: str
    value: int | None  # None when suppressed: the real number is never carried along

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Disclosed:
    cells: tuple[Cell, ...]  # in the order the counts were given
    total: int | None  # None when showing it would give a hidden cell away
    threshold: int

    def value(self, key: str) -> int | None:
        """Return the shown figure of `key`, or None if it is hidden."""
        return next(cell.value for cell in self.cells if cell.key == key)


def disclose(
    counts: Mapping[str, int],
    threshold: int,
    *,
    floor: int = 0,
    also: Collection[str] = (),
) -> Disclosed:
    """Hide the figures below `threshold`, those in `also`, and enough others to protect them."""
    if threshold < 1 or any(value < floor for value in counts.values()):
        raise ValueError("the threshold must be positive and no count below the floor")
    hidden = {key for key, value in counts.items() if value < threshold or key in also}
    while not protected(counts, hidden, threshold, floor):
        shown = [value for key, value in counts.items() if key not in hidden]
        if not shown:
            break
        # Complementary suppression: the next smallest goes too, with every cell of its size,
        # since choosing between equal cells by name would tell which one is hidden.
        smallest = min(shown)
        hidden |= {key for key, value in counts.items() if value == smallest}
    total_safe = protected(counts, hidden, threshold, floor)
    cells = tuple(Cell(key, None if key in hidden else value) for key, value in counts.items())
    return Disclosed(cells, sum(counts.values()) if total_safe else None, threshold)


def protected(counts: Mapping[str, int], hidden: set[str], threshold: int, floor: int) -> bool:
    """Tell whether every hidden cell could take two values, given the shown ones and the total."""
    if not hidden:
        return True
    if len(hidden) < 2:
        return False
    hidden_sum = sum(counts[key] for key in hidden)
    shown = [value for key, value in counts.items() if key not in hidden]
    ceiling = max(threshold, min(shown)) - 1 if shown else hidden_sum
    if shown and all(counts[key] < threshold for key in hidden):
        ceiling = threshold - 1  # someone who sees no cell hidden beside the small ones knows it
    # Each hidden cell lies in [floor, ceiling] and they add up to hidden_sum: only the two
    # extremes (all at the floor, all at the ceiling) pin every cell down.
    return len(hidden) * floor < hidden_sum < len(hidden) * ceiling
