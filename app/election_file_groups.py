"""The `defaults:` block and the `groups:` list: each group's regulation, calendar, past holders."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.election_file_calendar import check_calendar_block, read_calendar
from app.election_file_cycle import Cycle
from app.election_file_models import check_keys, require_block, validate_node
from app.election_file_problems import ProblemLog
from app.yaml_merge import deep_merge
from app.yaml_source import Node
from core.calendar import GroupCalendar
from core.election import GroupConfig
from core.regulation import Regulation

DEFAULTS_KEYS = ("regulation", "calendar")
_CODE = re.compile(r"[A-Z][A-Z0-9-]{1,15}")  # core.election.GroupCode, to label groups early


@dataclass(frozen=True)
class Defaults:
    regulation: Node | None = None
    calendar: Node | None = None


def read_defaults(root: Node, log: ProblemLog) -> Defaults:
    """Read the optional defaults block; parts with problems are logged and left out."""
    block = root.get("defaults")
    if block is None or not require_block(block, log, "defaults") or not block.is_mapping:
        return Defaults()
    check_keys(block, DEFAULTS_KEYS, log)
    regulation = block.get("regulation")
    if regulation is not None and not require_block(regulation, log, "defaults.regulation"):
        regulation = None
    calendar = block.get("calendar")
    if calendar is not None and calendar.value is not None:
        check_calendar_block(calendar, log)
    return Defaults(regulation, calendar if calendar is not None and calendar.is_mapping else None)


def group_items(root: Node, log: ProblemLog) -> list[Node]:
    """Return the group entries, reporting a missing or misshapen list."""
    groups = root.get("groups")
    if groups is None:
        log.add(("groups",), root.line, "the 'groups:' list is missing; list at least one group")
        return []
    if not groups.is_list or not groups.value:
        log.add(groups.path, groups.line, "write groups as a list, each starting with '- code:'")
        return []
    return list(groups.value)


def label_groups(items: list[Node], log: ProblemLog) -> None:
    """Name each group by its code in messages; report a code that two groups share."""
    codes = [_code_of(item) for item in items]
    counts = Counter(code for code in codes if code)
    first_line: dict[str, int] = {}
    for index, (item, code) in enumerate(zip(items, codes, strict=True)):
        if not code:
            continue
        if counts[code] == 1 and _CODE.fullmatch(code):
            log.group_labels[index] = code
        if code in first_line:
            node = item.value["code"]
            message = (
                f"the group code {code} is already used by the group on line "
                f"{first_line[code]}; each group needs its own code"
            )
            log.add(node.path, node.line, message)
        first_line.setdefault(code, item.line)


def read_group(item: Node, defaults: Defaults, cycle: Cycle, log: ProblemLog) -> GroupConfig | None:
    """Build one group from its entry merged over the defaults; None if anything is wrong."""
    if not item.is_mapping:
        log.add(item.path, item.line, "each group must be a block starting with '- code:'")
        return None
    regulation = _read_regulation(item, defaults, log)
    calendar = _read_calendar(item, defaults, cycle, log)
    # Regulation and calendar are checked above, merged with the defaults; pass the results on.
    data = {key: value for key, value in item.plain().items() if key not in DEFAULTS_KEYS}
    if regulation is not None:
        data["regulation"] = regulation
    if calendar is not None:
        data["calendar"] = calendar
    group = validate_node(GroupConfig, item, log, data=data, ignore=DEFAULTS_KEYS)
    if group is not None and cycle.info is not None:
        _check_past_terms(item, group, cycle.info.year, log)
    return group if regulation is not None and calendar is not None else None


def _read_regulation(item: Node, defaults: Defaults, log: ProblemLog) -> Regulation | None:
    own = item.get("regulation")
    if own is not None and not require_block(own, log, "regulation"):
        return None
    merged = deep_merge(defaults.regulation, own, (*item.path, "regulation"), item.line)
    return validate_node(Regulation, merged, log)


def _read_calendar(
    item: Node, defaults: Defaults, cycle: Cycle, log: ProblemLog
) -> GroupCalendar | None:
    own = item.get("calendar")
    if own is not None and own.value is not None:
        check_calendar_block(own, log)
        if not own.is_mapping:
            return None
    merged = deep_merge(defaults.calendar, own, (*item.path, "calendar"), item.line)
    return read_calendar(merged, cycle.zone, cycle.window, log)


def _check_past_terms(item: Node, group: GroupConfig, year: int, log: ProblemLog) -> None:
    for h, holder in enumerate(group.past_holders):
        for t, term in enumerate(holder.terms):
            if term.cycle_year >= year:
                node, _ = item.locate(("past_holders", h, "terms", t, "cycle_year"))
                message = f"a past term must be from a cycle before {year}, not {term.cycle_year}"
                log.add(node.path, node.line, message)


def _code_of(item: Node) -> str | None:
    code = item.get("code")
    return code.value if code is not None and isinstance(code.value, str) else None
