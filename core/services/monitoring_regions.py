"""Voters and turnout of one group by declared region, with small figures suppressed.

Only regions with at least one voter are listed. A region whose voter count is hidden has its
"voted" figure hidden too: shown next to each other, the two would bound the hidden count.
Turnout by region is "voted" over the voters shown, so it never reveals a figure that is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from core.disclosure import Disclosed, disclose
from core.model import Voter
from core.services.holdings import STANDING_VOTERS


@dataclass(frozen=True)
class RegionRow:
    region: str
    voters: int | None  # None when suppressed
    voted: int | None  # None when suppressed
    turnout: float | None  # voted / voters; None when either is hidden or there are no voters


@dataclass(frozen=True)
class RegionBreakdown:
    threshold: int  # counts below it are shown as "<threshold"
    rows: tuple[RegionRow, ...]  # empty when withheld
    voters_total: int | None
    voted_total: int | None
    # So few voters that no region can be named without pointing at them: nothing is listed.
    withheld: bool = False


def region_breakdown(
    voters: Sequence[Voter], voted: Collection[str], regions: Sequence[str], threshold: int
) -> RegionBreakdown:
    """Count standing voters and those who voted by region, suppressing small figures."""
    standing = [v for v in voters if v.status in STANDING_VOTERS and v.region is not None]
    per_region = Counter(v.region for v in standing)
    voted_per_region = Counter(v.region for v in standing if v.pseudonym in voted)
    order = [code for code in regions if per_region[code]]
    order += sorted(code for code in per_region if code is not None and code not in regions)
    registered = disclose({code: per_region[code] for code in order}, threshold, floor=1)
    if registered.total is None:
        return RegionBreakdown(threshold, (), None, None, withheld=True)
    hidden = {cell.key for cell in registered.cells if cell.suppressed}
    counted = disclose({code: voted_per_region[code] for code in order}, threshold, also=hidden)
    rows = tuple(_row(code, registered, counted) for code in order)
    return RegionBreakdown(threshold, rows, registered.total, counted.total)


def _row(code: str, registered: Disclosed, counted: Disclosed) -> RegionRow:
    voters, voted = registered.value(code), counted.value(code)
    turnout = voted / voters if voters and voted is not None else None
    return RegionRow(code, voters, voted, turnout)
