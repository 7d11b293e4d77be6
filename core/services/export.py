"""A group's election as one JSON document, for the archive and for anyone who wants to check it.

The export holds what the protocol rests on and nothing that names a voter: the regulation,
contests, candidates by public id (and name, when a sealer is given), each contest's ballots
(choices and status only, shuffled) and receipt codes, the counts of vote markers and late
attempts, every version of the result, and the whole audit log, whose chain `verify_export`
walks from the first entry. Only a counted vote is exported: before the close the ballots would
be a running tally.
"""

from __future__ import annotations

import secrets
from typing import Any

from core.audit import AuditEntry
from core.counting import ballot_record
from core.ports import UnitOfWork
from core.ports_voting import StoredResult
from core.privacy import Sealer
from core.services.ballot import entry as candidate_entry
from core.services.context import find_group, group_id
from core.services.electorate import (
    contest_id,
    group_contests,
    order_of,
    public_id,
    standing_candidates,
)
from core.services.results import latest_result

EXPORT_FORMAT = "saylau-group-export/1"
_shuffler = secrets.SystemRandom()


async def export_group(
    uow: UnitOfWork, *, group_code: str, sealer: Sealer | None = None, cycle_code: str | None = None
) -> dict[str, Any]:
    """Gather the group's counted election into a JSON-ready dict."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await latest_result(uow, group)
        candidates = [
            {
                "id": public_id(c),
                "application_order": order_of(c),
                "name": candidate_entry(c, sealer).name if sealer is not None else None,
            }
            for c in await standing_candidates(uow, group)
        ]
        contests = []
        for contest in await group_contests(uow, group):
            identifier = contest_id(contest)
            ballots = [ballot_record(b) for b in await uow.votes.ballots(identifier)]
            _shuffler.shuffle(ballots)
            contests.append(
                {
                    "id": identifier,
                    "kind": contest.kind.value,
                    "seats": contest.seats,
                    "choices": contest.choices,
                    "markers": await uow.votes.count_markers(identifier),
                    "late": await uow.votes.count_late(identifier),
                    "receipts": await uow.votes.receipts(identifier),
                    "ballots": ballots,
                }
            )
        results = [_result(version) for version in await uow.results.versions(group_id(group))]
        audit = [_entry(item) for item in await uow.audit.entries()]
    return {
        "format": EXPORT_FORMAT,
        "cycle": group.cycle_code,
        "group": group.code,
        "names": group.names.model_dump(mode="json"),
        "regulation": group.regulation.model_dump(mode="json"),
        "calendar": group.calendar.model_dump(mode="json"),
        "candidates": candidates,
        "contests": contests,
        "results": results,
        "audit": audit,
    }


def _result(stored: StoredResult) -> dict[str, Any]:
    return {
        "version": stored.version,
        "seed": stored.seed,
        "computed_at": stored.computed_at.isoformat(),
        "confirmed_at": stored.confirmed_at.isoformat() if stored.confirmed_at else None,
        "confirmed_by": stored.confirmed_by,
        "result": stored.result,
    }


def _entry(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.event.actor,
        "group": entry.event.group,
        "action": entry.event.action,
        "payload": entry.event.payload,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }
