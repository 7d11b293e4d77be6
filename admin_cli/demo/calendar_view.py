"""The compressed calendar, shown before the rehearsal starts: minutes where the file has weeks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rich.table import Table

from core.election import ElectionConfig


def calendar_table(config: ElectionConfig) -> Table:
    """Each group's key instants, in the cycle's time zone, to the second."""
    zone = ZoneInfo(config.cycle.timezone)

    def at(instant: datetime) -> str:
        return instant.astimezone(zone).strftime("%H:%M:%S")

    table = Table(title=f"The calendar, compressed (times in {zone.key})", title_justify="left")
    for column in ("Group", "Registration", "Candidate list", "Voting", "Results"):
        table.add_column(column)
    for group in config.groups:
        calendar = group.calendar
        table.add_row(
            group.code,
            f"{at(calendar.registration_opens)} → {at(calendar.registration_closes)}",
            at(calendar.candidate_list),
            f"{at(calendar.voting_opens)} → {at(calendar.voting_closes)}",
            at(calendar.results),
        )
    return table
