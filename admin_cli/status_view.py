"""How the Secretariat sees the election's progress: a table per group, or JSON for scripts.

A suppressed regional figure is shown as "<5" (the group's threshold) and, in JSON, as null with
"suppressed": true; the real number never reaches either.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table

from admin_cli import store
from core.services.monitoring import ElectionStatus, GroupStatus
from core.services.monitoring_regions import RegionBreakdown


def status_view(status: ElectionStatus) -> RenderableType:
    """Lay out every group's figures, its regions below it."""
    parts: list[RenderableType] = [
        f"[bold]{status.cycle}[/bold]: {status.names.en}, as of "
        f"{store.local(status.at, status.timezone)} ({status.timezone})"
    ]
    for group in status.groups:
        parts.append(_group_table(group, status.timezone))
        if group.regions is not None:
            parts.append(_regions_table(group.code, group.regions))
    return Stack(*parts)


def _group_table(group: GroupStatus, timezone: str) -> Table:
    stage = group.stage.value if group.stage else "not started"
    deadline = "-"
    if group.next_deadline is not None:
        name, at = group.next_deadline
        deadline = f"{name.replace('_', ' ')} {store.local(at, timezone)}"
    table = Table(title=f"{group.code}: {group.names.en}", title_justify="left")
    for header in ("Stage", "Next deadline", "Voters", "Candidates", "Ballots cast", "Turnout"):
        table.add_column(header)
    voters = "\n".join(f"{status} {count}" for status, count in group.voters.items())
    candidates = "\n".join(f"{status} {count}" for status, count in group.candidates.items())
    cast = "\n".join(f"{c.kind} {c.cast}" for c in group.contests) or "-"
    table.add_row(stage, deadline, voters, candidates, cast, _percent(group.turnout))
    return table


def _regions_table(code: str, regions: RegionBreakdown) -> RenderableType:
    if regions.withheld:
        return f"{code} by region: withheld, too few voters to show any region safely."
    table = Table(
        title=f"{code} by region",
        title_justify="left",
        caption=f"<{regions.threshold}: fewer than {regions.threshold}, or hidden so that a "
        "small figure cannot be worked out",
    )
    for header in ("Region", "Voters", "Voted", "Turnout"):
        table.add_column(header, justify="left" if header == "Region" else "right")
    hidden = f"<{regions.threshold}"
    for row in regions.rows:
        table.add_row(
            row.region,
            _figure(row.voters, hidden),
            _figure(row.voted, hidden),
            _percent(row.turnout, hidden),
        )
    turnout = None
    if regions.voters_total and regions.voted_total is not None:
        turnout = regions.voted_total / regions.voters_total
    table.add_row(
        "Total",
        _figure(regions.voters_total, hidden),
        _figure(regions.voted_total, hidden),
        _percent(turnout, hidden),
    )
    return table


def _figure(value: int | None, hidden: str) -> str:
    return hidden if value is None else str(value)


def _percent(value: float | None, missing: str = "-") -> str:
    return missing if value is None else f"{100 * value:.1f}%"


def status_json(status: ElectionStatus) -> dict[str, Any]:
    """The same figures as plain data; a suppressed one is null with its flag."""
    return {
        "cycle": status.cycle,
        "at": status.at.isoformat(timespec="seconds"),
        "timezone": status.timezone,
        "groups": [_group_json(group) for group in status.groups],
    }


def _group_json(group: GroupStatus) -> dict[str, Any]:
    deadline = None
    if group.next_deadline is not None:
        name, at = group.next_deadline
        deadline = {"instant": name, "at": at.isoformat(timespec="seconds")}
    return {
        "group": group.code,
        "stage": group.stage.value if group.stage else None,
        "next_deadline": deadline,
        "voters": group.voters,
        "candidates": group.candidates,
        "ballots_cast": {c.kind: c.cast for c in group.contests},
        "voted": group.voted,
        "turnout": _rounded(group.turnout),
        "regions": None if group.regions is None else _regions_json(group.regions),
    }


def _regions_json(regions: RegionBreakdown) -> dict[str, Any]:
    return {
        "threshold": regions.threshold,
        "withheld": regions.withheld,
        "rows": [
            {
                "region": row.region,
                "voters": _count(row.voters),
                "voted": _count(row.voted),
                "turnout": _rounded(row.turnout),
            }
            for row in regions.rows
        ],
        "voters_total": _count(regions.voters_total),
        "voted_total": _count(regions.voted_total),
    }


def _count(value: int | None) -> dict[str, Any]:
    return {"value": value, "suppressed": value is None}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
