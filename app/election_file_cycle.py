"""The `cycle:` block: what the election is called, its year, time zone and time span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.election_file_models import check_keys, require_block, validate_node
from app.election_file_problems import ProblemLog
from app.election_file_times import DEFAULT_TIMEZONE, local_text, read_time, zone_named
from app.yaml_source import Node
from core.election import CycleInfo

CYCLE_KEYS = ("code", "names", "year", "timezone", "starts", "ends")
_TIMES = ("starts", "ends")
# Stand-ins for times already reported as wrong, so that the other fields still get checked.
_STAND_IN = {
    "starts": datetime(2000, 1, 1, tzinfo=UTC),
    "ends": datetime(2000, 1, 2, tzinfo=UTC),
}


@dataclass(frozen=True)
class Cycle:
    """What the rest of the file needs from the cycle block, even when the block has errors."""

    info: CycleInfo | None
    zone: ZoneInfo
    window: tuple[datetime, datetime] | None  # None when starts or ends could not be read


def read_cycle(root: Node, log: ProblemLog) -> Cycle:
    """Read the cycle block, logging every problem in it."""
    block = root.get("cycle")
    fallback = Cycle(None, ZoneInfo(DEFAULT_TIMEZONE), None)
    if block is None:
        log.add(("cycle",), root.line, "the 'cycle:' block is missing; it names the election")
        return fallback
    if not block.is_mapping:
        require_block(block, log, "cycle")
        return fallback
    check_keys(block, CYCLE_KEYS, log)
    zone = _read_zone(block, log)
    window = _read_window(block, zone, log)
    data = block.plain()
    starts, ends = window or (_STAND_IN["starts"], _STAND_IN["ends"])
    data.update(timezone=zone.key, starts=starts, ends=ends)
    info = validate_node(CycleInfo, block, log, data=data, ignore=("timezone", *_TIMES))
    return Cycle(info if window else None, zone, window)


def _read_zone(block: Node, log: ProblemLog) -> ZoneInfo:
    node = block.get("timezone")
    if node is None:
        return ZoneInfo(DEFAULT_TIMEZONE)
    zone = zone_named(node.value)
    if zone is None:
        log.add(
            node.path,
            node.line,
            f"unknown time zone '{node.text}'; write a name like {DEFAULT_TIMEZONE} "
            "(times below are read in that zone meanwhile)",
        )
        return ZoneInfo(DEFAULT_TIMEZONE)
    return zone


def _read_window(block: Node, zone: ZoneInfo, log: ProblemLog) -> tuple[datetime, datetime] | None:
    times: dict[str, datetime] = {}
    for key in _TIMES:
        node = block.get(key)
        if node is None:
            message = f"'{key}' is missing; write it like 2024-08-01 00:00"
            log.add((*block.path, key), block.line, message)
            continue
        moment = read_time(node, zone)
        if isinstance(moment, str):
            log.add(node.path, node.line, moment)
        else:
            times[key] = moment
    if len(times) < len(_TIMES):
        return None
    if times["ends"] <= times["starts"]:
        ends = block.value["ends"]
        starts = local_text(times["starts"], zone)
        log.add(ends.path, ends.line, f"the cycle must end after it starts ({starts})")
        return None
    return times["starts"], times["ends"]
