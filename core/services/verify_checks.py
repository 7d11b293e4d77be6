"""The checks `verify_export` runs on an export's audit log, ballots and receipts.

Each returns Problems naming where the export disagrees with itself or with what the audit
chain recorded at the close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.audit import AuditEntry, AuditEvent, first_break
from core.counting import classify, counts, receipts_digest, records_digest

Json = dict[str, Any]
CLOSE_FIELDS = ("markers", "counted", "blank", "invalid", "receipts")


@dataclass(frozen=True)
class Problem:
    code: str  # a stable key: audit.broken, counts.mismatch, result.recount_differs, ...
    detail: str  # in English, for the command line


def audit_entry(item: Json) -> AuditEntry:
    """Rebuild an audit entry from its exported form."""
    event = AuditEvent(item["action"], item["actor"], item["group"], item["payload"])
    at = datetime.fromisoformat(item["at"])
    return AuditEntry(int(item["seq"]), at, event, item["prev_hash"], item["hash"])


def chain_problems(entries: list[AuditEntry]) -> list[Problem]:
    broken = first_break(entries)
    if broken is None:
        return []
    return [Problem("audit.broken", f"audit entry {broken.seq}: {broken.why}")]


def contest_problems(data: Json, closed: Json) -> list[Problem]:
    """Check each contest's ballots and receipts against each other and against the close."""
    problems: list[Problem] = []
    standing = frozenset(candidate["id"] for candidate in data["candidates"])
    at_close = closed["contests"]
    for contest in data["contests"]:
        kind, records, receipts = contest["kind"], contest["ballots"], contest["receipts"]
        tally = counts(records)
        now = {
            "markers": contest["markers"],
            "counted": tally.counted,
            "blank": tally.blank,
            "invalid": tally.invalid,
            "receipts": len(receipts),
        }
        if not now["markers"] == tally.total == now["receipts"]:
            detail = (
                f"contest {kind}: {now['markers']} voters marked as voted, {tally.total} ballots, "
                f"{now['receipts']} receipts"
            )
            problems.append(Problem("counts.mismatch", detail))
        recorded = at_close.get(kind)
        if recorded is None:
            problems.append(Problem("counts.not_recorded", f"contest {kind} was not closed"))
            continue
        for field in CLOSE_FIELDS:
            if recorded[field] != now[field]:
                detail = f"contest {kind}: {field} {now[field]}, at the close {recorded[field]}"
                problems.append(Problem("counts.differ_from_close", detail))
        if recorded["ballots_digest"] != records_digest(records):
            detail = f"contest {kind}: the ballots are not those counted at the close"
            problems.append(Problem("ballots.changed", detail))
        if recorded["receipts_digest"] != receipts_digest(receipts):
            detail = f"contest {kind}: the receipts are not those listed at the close"
            problems.append(Problem("receipts.changed", detail))
        problems += _misclassified(kind, records, standing, int(contest["choices"]))
    return problems


def _misclassified(
    kind: str, records: list[Json], standing: frozenset[str], allowed: int
) -> list[Problem]:
    wrong = 0
    for record in records:
        status, reason = classify(record["choices"], standing, allowed)
        if (status.value, reason) != (record["status"], record["reason"]):
            wrong += 1
    if not wrong:
        return []
    detail = f"contest {kind}: {wrong} ballot(s) marked with a status their choices do not give"
    return [Problem("ballots.misclassified", detail)]
