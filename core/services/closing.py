"""Closing a group's vote: forget who cast which ballot, shuffle, count, and record the result.

A scheduler calls this at `voting_closes`; calling it again changes nothing. The close wipes the
sealed references on the vote markers (nothing left links a ballot or a receipt to a voter),
opens the sealed ballot box, writes the ballots in clear under fresh ids and the receipts, both
in random order, so their order on disk says nothing about the order of casting, empties the
box, and counts. Lots are drawn from the hash of the audit log's head at the close, which the
`voting.closed` entry chains to, so anyone holding the log can redo the draw.
The close's audit entries carry the counts and fingerprints an export is checked against.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from core.audit import AuditEvent
from core.ballot_box import open_ballot
from core.counting import (
    ballot_record,
    classify,
    counts,
    receipts_digest,
    records_digest,
    seats_summary,
    tally_records,
)
from core.errors import Refused
from core.model import Ballot, Contest, Group
from core.ports import Clock, UnitOfWork
from core.ports_voting import StoredResult
from core.privacy import Sealer
from core.receipts import new_ballot_id
from core.result_codec import digest, result_from_json, result_to_json
from core.services.context import find_group, group_id
from core.services.electorate import (
    contest_id,
    group_contests,
    standing_candidates,
    standings,
    tally_kind,
)
from core.stages import can_confirm_results
from core.tally import ContestKind, GroupResult, Standing, TallyRules

_shuffler = secrets.SystemRandom()


@dataclass(frozen=True)
class Closing:
    group: str
    closed_now: bool  # False: an earlier call had closed the vote, and nothing changed
    version: int  # the result version current after the call
    result: GroupResult


async def close_voting(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> Closing:
    """Close the group's vote once `voting_closes` has passed, and count it."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_confirm_results(group.calendar, now)
        if refusal is not None:
            raise Refused(refusal)
        contests = await group_contests(uow, group)
        # Waits for casts still in flight; a cast arriving later sees the result and is late.
        await uow.votes.hold_contests([contest_id(c) for c in contests], exclusive=True)
        versions = await uow.results.versions(group_id(group))
        if versions:
            latest = versions[-1]
            return Closing(group.code, False, latest.version, result_from_json(latest.result))
        standing = standings(await standing_candidates(uow, group))
        ids = frozenset(s.candidate_id for s in standing)
        records: dict[ContestKind, list[dict[str, Any]]] = {}
        summaries: dict[str, Any] = {}
        for contest in contests:
            kind = tally_kind(contest)
            records[kind], summaries[kind.value] = await _seal_contest(uow, contest, ids, sealer)
        payload = {"contests": summaries, "candidates": _candidates(standing)}
        entry = await uow.audit.append(
            AuditEvent("voting.closed", group=group.code, payload=payload), now
        )
        seed = entry.prev_hash
        rules = TallyRules.from_regulation(group.regulation)
        result = tally_records(rules, standing, records, seed)
        data = result_to_json(result)
        await uow.results.add(StoredResult(group_id(group), 1, data, seed, now))
        await _audit_result(uow, group, 1, data, result, now)
        await uow.commit()
    return Closing(group.code, True, 1, result)


async def _seal_contest(
    uow: UnitOfWork, contest: Contest, standing: frozenset[str], sealer: Sealer
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Unlink, open, shuffle and classify one contest's ballots; return them and their summary."""
    identifier = contest_id(contest)
    markers = await uow.votes.forget_references(identifier)
    opened = [open_ballot(sealer, b) for b in await uow.votes.sealed_ballots(identifier)]
    ballots = [_checked(ballot, standing, contest.choices) for ballot in opened]
    _shuffler.shuffle(ballots)
    await uow.votes.rewrite_ballots(identifier, ballots)
    await uow.votes.empty_box(identifier)
    receipts = await uow.votes.receipts(identifier)
    _shuffler.shuffle(receipts)
    await uow.votes.rewrite_receipts(identifier, receipts)
    records = [ballot_record(ballot) for ballot in ballots]
    tally = counts(records)
    summary = {
        "markers": markers,
        "counted": tally.counted,
        "blank": tally.blank,
        "invalid": tally.invalid,
        "late": await uow.votes.count_late(identifier),
        "receipts": len(receipts),
        "ballots_digest": records_digest(records),
        "receipts_digest": receipts_digest(receipts),
    }
    return records, summary


def _checked(ballot: Ballot, standing: frozenset[str], allowed: int) -> Ballot:
    """Classify the ballot against the candidates standing at the close, under a fresh id.

    The new id leaves nothing in common with the ballot as it was while its voter's marker
    still pointed at it.
    """
    status, reason = classify(ballot.choices, standing, allowed)
    return replace(ballot, id=new_ballot_id(), status=status, reason=reason)


def _candidates(standing: tuple[Standing, ...]) -> list[list[Any]]:
    return [[s.candidate_id, s.application_order] for s in standing]


async def _audit_result(
    uow: UnitOfWork,
    group: Group,
    version: int,
    data: dict[str, Any],
    result: GroupResult,
    now: datetime,
) -> None:
    payload = {"version": version, "result_digest": digest(data), **seats_summary(result)}
    await uow.audit.append(AuditEvent("results.computed", group=group.code, payload=payload), now)
