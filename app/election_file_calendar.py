"""A group's calendar block: the six stages' times, checked in the file's own terms.

The order and cycle-window checks are done here rather than left to GroupCalendar's validator
so that each complaint names the one time to change, with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

from app.election_file_messages import unknown_key_message
from app.election_file_problems import ProblemLog
from app.election_file_times import local_text, read_time
from app.yaml_merge import written_by_defaults
from app.yaml_source import Node
from core.calendar import GroupCalendar


@dataclass(frozen=True)
class Instant:
    field: str  # the GroupCalendar field
    steps: tuple[str, ...]  # where it is written inside a calendar block
    label: str
    strict: bool  # must come strictly after the instant before it, not at the same time


INSTANTS = (
    Instant("preparation", ("preparation",), "preparation starts", False),
    Instant("announcement", ("announcement",), "the announcement", False),
    Instant("registration_opens", ("registration", "opens"), "registration opens", False),
    Instant("registration_closes", ("registration", "closes"), "registration closes", True),
    Instant("candidate_list", ("candidate_list",), "the candidate list", False),
    Instant("voting_opens", ("voting", "opens"), "voting opens", False),
    Instant("voting_closes", ("voting", "closes"), "voting closes", True),
    Instant("results", ("results",), "results", False),
)
CALENDAR_KEYS = (
    "preparation",
    "announcement",
    "registration",
    "candidate_list",
    "voting",
    "results",
)
WINDOW_KEYS = ("opens", "closes")

Found = tuple[Instant, Node, datetime]


def check_calendar_block(block: Node, log: ProblemLog) -> None:
    """Report unknown keys and misshapen windows in one calendar block as written."""
    if not block.is_mapping:
        log.add(block.path, block.line, "the calendar must be a block of 'stage: time' lines")
        return
    for key, child in block.value.items():
        if key not in CALENDAR_KEYS:
            log.add(child.path, child.line, unknown_key_message(key, CALENDAR_KEYS))
        elif key in ("registration", "voting") and not child.is_mapping:
            log.add(child.path, child.line, f"write {key} as a block with 'opens:' and 'closes:'")
        elif key in ("registration", "voting"):
            for inner, grandchild in child.value.items():
                if inner not in WINDOW_KEYS:
                    message = unknown_key_message(inner, WINDOW_KEYS)
                    log.add(grandchild.path, grandchild.line, message)


def read_calendar(
    calendar: Node, zone: ZoneInfo, cycle: tuple[datetime, datetime] | None, log: ProblemLog
) -> GroupCalendar | None:
    """Read the eight times of a merged calendar; None (with problems logged) if any is wrong."""
    if calendar.is_mapping and not calendar.value:
        message = "there is no calendar for this group; write 'calendar:' here or in defaults"
        log.add(calendar.path, calendar.line, message)
        return None
    found: list[Found] = []
    complete = True
    for instant in INSTANTS:
        node, missing = calendar.locate(instant.steps)
        if missing:
            complete = False
            if node.is_mapping or node.value is None:
                where = ".".join(instant.steps)
                message = f"the time for '{where}' is missing; write it here or in defaults"
                log.add((*node.path, *missing), node.line, message)
            continue
        moment = read_time(node, zone)
        if isinstance(moment, str):
            complete = False
            log.add(node.path, node.line, moment)
        else:
            found.append((instant, node, moment))
    in_order = _check_order(found, zone, log)
    inside = cycle is None or _check_inside(found, cycle, zone, log)
    if not (complete and in_order and inside):
        return None
    return GroupCalendar(**{instant.field: moment for instant, _, moment in found})


def _check_order(found: list[Found], zone: ZoneInfo, log: ProblemLog) -> bool:
    fine = True
    for (before, before_node, earlier), (after, after_node, later) in pairwise(found):
        if later > earlier or (later == earlier and not after.strict):
            continue
        fine = False
        relation = "must be after" if after.strict else "cannot be before"
        message = (
            f"{after.label} ({local_text(later, zone)}) {relation} "
            f"{before.label} ({local_text(earlier, zone)})"
        )
        # A group that overrides one time against an inherited one made the mistake itself.
        blamed = after_node
        if written_by_defaults(after_node) and not written_by_defaults(before_node):
            blamed = before_node
        log.add(blamed.path, blamed.line, message)
    return fine


def _check_inside(
    found: list[Found], cycle: tuple[datetime, datetime], zone: ZoneInfo, log: ProblemLog
) -> bool:
    starts, ends = cycle
    fine = True
    for instant, node, moment in found:
        if not starts <= moment <= ends:
            fine = False
            log.add(
                node.path,
                node.line,
                f"{instant.label} ({local_text(moment, zone)}) is outside the election cycle, "
                f"which runs from {local_text(starts, zone)} to {local_text(ends, zone)}",
            )
    return fine
