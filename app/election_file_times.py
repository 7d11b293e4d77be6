"""Times as the Secretariat writes them (local, like 2024-08-19 18:00) and as the core keeps them.

A time without an offset is read in the cycle's time zone; an explicit offset (+05:00, Z) is
honoured. Everything is converted to aware UTC before it reaches a GroupCalendar or CycleInfo.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.yaml_source import Node

DEFAULT_TIMEZONE = "Asia/Almaty"
EXAMPLE = "2024-08-19 18:00"
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def zone_named(name: object) -> ZoneInfo | None:
    """Return the time zone with this IANA name, or None when there is no such zone."""
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def read_time(node: Node, zone: ZoneInfo) -> datetime | str:
    """Read a written time as aware UTC; on failure return the sentence that says why."""
    if node.is_mapping or node.is_list or node.value is None or node.text is None:
        return f"write a date and time here, like {EXAMPLE}"
    written = node.text.strip()
    if _DATE_ONLY.fullmatch(written):
        return f"'{written}' has no time of day; write it like {written} 18:00"
    try:
        moment = datetime.fromisoformat(written)
    except ValueError:
        return (
            f"'{written}' cannot be read as a date and time; write year-month-day "
            f"hours:minutes, like {EXAMPLE}"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def local_text(moment: datetime, zone: ZoneInfo) -> str:
    """Show a UTC instant the way the file writes it, in the cycle's time zone."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
