"""How the election went in a group, told from its audit log: one step per kind of event.

Repeated events (registrations, decisions) are summed into one step with the first and last
instant; events that change the course of the election (a moved deadline, the close, each
result version) are one step each. The log holds codes and counts only, so the steps do too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from core.audit import AuditEntry
from reports.model import ProcessStep

_CYCLE_EVENTS = frozenset({"election.loaded", "election.updated"})
# One step per entry: each of these changes the course of the election on its own.
_EACH = {
    "stage.started": lambda p: {"stage": p.get("stage", "")},
    "calendar.extended": lambda p: {
        "instant": p.get("instant", ""),
        "to": _instant(p.get("to")),
        "reason": p.get("reason") or "-",
    },
    "calendar.closed_early": lambda p: {"stage": p.get("stage", ""), "reason": p.get("reason")},
    "voting.closed": lambda p: {
        "cast": sum(c.get("markers", 0) for c in p.get("contests", {}).values()),
        "late": sum(c.get("late", 0) for c in p.get("contests", {}).values()),
    },
    "results.computed": lambda p: {"version": p.get("version")},
    "results.confirmed": lambda p: {"version": p.get("version")},
    "results.withdrawal": lambda p: {
        "candidate": p.get("candidate"),
        "version": p.get("version"),
    },
}


def group_entries(entries: Sequence[AuditEntry], cycle: str, group: str) -> list[AuditEntry]:
    """The group's entries in this cycle, with the loading of the cycle itself.

    The log spans cycles and group codes repeat every three years: the cycle's entries run from
    its first loading to the loading of another cycle.
    """
    chosen: list[AuditEntry] = []
    inside = False
    for entry in entries:
        if entry.event.action in _CYCLE_EVENTS:
            inside = entry.event.payload.get("cycle") == cycle
            if inside and group in entry.event.payload.get("groups", ()):
                chosen.append(entry)
            continue
        if inside and entry.event.group == group:
            chosen.append(entry)
    return chosen


def process_steps(entries: Iterable[AuditEntry]) -> tuple[ProcessStep, ...]:
    """Turn the group's entries into the steps the protocol tells, in the order they began."""
    steps: list[ProcessStep] = []
    summed: dict[str, tuple[datetime, datetime, int, dict[str, Any]]] = {}
    for entry in entries:
        key, extra = _key(entry)
        if entry.event.action in _EACH:
            params = _EACH[entry.event.action](entry.event.payload)
            steps.append(ProcessStep(entry.at, key, {**params, **extra}))
            continue
        first, _, count, params = summed.get(key, (entry.at, entry.at, 0, extra))
        summed[key] = (first, entry.at, count + 1, params)
    for key, (first, last, count, params) in summed.items():
        steps.append(ProcessStep(first, key, {"count": count, "last": last, **params}))
    return tuple(sorted(steps, key=lambda step: step.at))


def _key(entry: AuditEntry) -> tuple[str, dict[str, Any]]:
    """The sentence that tells this entry, and the parameters it needs beyond a count."""
    action, payload = entry.event.action, entry.event.payload
    if action == "role.granted":
        return f"role_granted.{payload.get('role', 'other')}", {}
    if action == "results.confirmed":
        return "results.confirmed", {"by": entry.event.actor.partition(":")[2]}
    if action.startswith("candidate.draft") or action == "candidate.edited":
        return "candidate.drafting", {}
    known = {
        "election.loaded",
        "election.updated",
        "role.invited",
        "role.pledge_accepted",
        "role.revoked",
        "chat.linked",
        "broadcast.sent",
        "voter.registered",
        "voter.admitted",
        "voter.refused",
        "candidate.submitted",
        "candidate.admitted",
        "candidate.refused",
        "candidate.withdrawn",
        "complaint.filed",
        "complaint.answered",
        *_EACH,
    }
    if action in known:
        return action, {}
    return f"other:{action}", {"action": action}


def _instant(value: object) -> datetime | str:
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return "-"
