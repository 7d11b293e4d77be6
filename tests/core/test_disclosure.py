"""Small regional figures: never shown, and never recoverable by subtraction from the total."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.disclosure import Disclosed, disclose

REGIONS = ("AST", "ALA", "SHY", "KOS", "TUR")

counts_by_region = st.dictionaries(
    st.sampled_from(REGIONS), st.integers(min_value=0, max_value=9), min_size=1, max_size=4
)
thresholds = st.integers(min_value=1, max_value=6)


def hidden_keys(result: Disclosed) -> list[str]:
    return [cell.key for cell in result.cells if cell.suppressed]


def candidates(counts: dict[str, int], result: Disclosed, floor: int) -> list[dict[str, int]]:
    """Every table an onlooker who knows the rule could not tell apart from this one.

    They see the shown figures and the total; they try every value for the hidden cells and keep
    the tables for which the rule publishes exactly what they see.
    """
    hidden = hidden_keys(result)
    assert result.total is not None
    room = result.total - sum(v for k, v in counts.items() if k not in hidden)
    found = []
    for values in product(range(floor, room + 1), repeat=len(hidden)):
        if sum(values) != room:
            continue
        guess = {**counts, **dict(zip(hidden, values, strict=True))}
        if disclose(guess, result.threshold, floor=floor) == result:
            found.append(guess)
    return found


@settings(max_examples=150, deadline=None)
@given(counts=counts_by_region, threshold=thresholds, floor=st.sampled_from([0, 1]))
def test_no_figure_below_the_threshold_is_shown(
    counts: dict[str, int], threshold: int, floor: int
) -> None:
    counts = {key: max(value, floor) for key, value in counts.items()}
    result = disclose(counts, threshold, floor=floor)
    for cell in result.cells:
        assert cell.suppressed or (cell.value is not None and cell.value >= threshold)
        assert cell.suppressed or cell.value == counts[cell.key]
    assert result.total in (None, sum(counts.values()))


@settings(max_examples=150, deadline=None)
@given(counts=counts_by_region, threshold=thresholds, floor=st.sampled_from([0, 1]))
def test_no_hidden_figure_can_be_worked_out_from_the_shown_ones_and_the_total(
    counts: dict[str, int], threshold: int, floor: int
) -> None:
    counts = {key: max(value, floor) for key, value in counts.items()}
    result = disclose(counts, threshold, floor=floor)
    hidden = hidden_keys(result)
    if not hidden:
        return
    if result.total is None:
        assert hidden == list(counts), "a withheld total goes only with a fully hidden row"
        return
    tables = candidates(counts, result, floor)
    assert counts in tables
    for key in hidden:
        possible = {table[key] for table in tables}
        assert len(possible) >= 2, f"{key}={counts[key]} is the only value that fits"


@settings(max_examples=100, deadline=None)
@given(counts=counts_by_region, threshold=thresholds, data=st.data())
def test_figures_named_for_hiding_stay_hidden(
    counts: dict[str, int], threshold: int, data: st.DataObject
) -> None:
    forced = data.draw(st.sets(st.sampled_from(sorted(counts))))
    result = disclose(counts, threshold, also=forced)
    assert forced <= set(hidden_keys(result))
    assert all(cell.suppressed or (cell.value or 0) >= threshold for cell in result.cells)


def test_a_lone_small_region_takes_the_next_smallest_with_it() -> None:
    result = disclose({"AST": 12, "ALA": 3, "KOS": 7, "SHY": 9}, 5)
    assert [(c.key, c.value) for c in result.cells] == [
        ("AST", 12),
        ("ALA", None),
        ("KOS", None),
        ("SHY", 9),
    ]
    assert result.total == 31


def test_cells_as_small_as_the_partner_are_hidden_with_it() -> None:
    # Hiding only one of two equal cells, chosen by name, would tell which one holds the rest.
    result = disclose({"AST": 12, "ALA": 3, "KOS": 7, "SHY": 7}, 5)
    assert [c.value for c in result.cells] == [12, None, None, None]
    assert result.total == 29


def test_a_single_small_region_withholds_the_total_too() -> None:
    result = disclose({"AST": 3}, 5, floor=1)
    assert result.value("AST") is None
    assert result.total is None


def test_large_figures_are_all_shown() -> None:
    result = disclose({"AST": 12, "ALA": 5}, 5)
    assert (result.value("AST"), result.value("ALA"), result.total) == (12, 5, 17)


def test_a_count_below_the_floor_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        disclose({"AST": 0}, 5, floor=1)


def test_every_small_table_of_up_to_three_regions_keeps_its_hidden_figures() -> None:
    """Exhaustively, where hypothesis only samples: thresholds 1-4, counts 0-6."""
    for size, threshold, floor in product((1, 2, 3), range(1, 5), (0, 1)):
        for values in product(range(floor, 7), repeat=size):
            counts = dict(zip(REGIONS, values, strict=False))
            result = disclose(counts, threshold, floor=floor)
            hidden = hidden_keys(result)
            if not hidden or result.total is None:
                continue
            tables = candidates(counts, result, floor)
            for key in hidden:
                assert len({table[key] for table in tables}) >= 2, (counts, threshold, key)
