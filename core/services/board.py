"""The bulletin board and the anonymised ballots: what anyone may check after the vote.

The board lists each contest's receipt codes, sorted, so every voter can find theirs; once the
commission has confirmed the result it adds the totals. The ballots themselves (choices only,
shuffled, so a receipt proves inclusion but never the choice) are shown to those who watch the
election: the commission, observers, the organising committee and the Secretariat.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from core.counting import ballot_record, seats_summary
from core.errors import Refused
from core.model import ContestKind, Group, Role
from core.ports import UnitOfWork
from core.reasons import Reason
from core.result_codec import result_from_json
from core.services import voting_codes as codes
from core.services.context import find_group, group_id
from core.services.electorate import contest_id, group_contests, tally_kind
from core.services.results import latest_result
from core.tally import ContestResult

WATCHING_ROLES = frozenset({Role.COMMITTEE, Role.COMMISSION, Role.OBSERVER})
_shuffler = secrets.SystemRandom()


@dataclass(frozen=True)
class ContestTotals:
    counted: int  # ballots with at least one valid choice
    blank: int
    invalid: tuple[tuple[str, int], ...]  # (reason, count)
    late: int
    votes: tuple[tuple[str, int], ...]  # (public id, votes), most votes first


@dataclass(frozen=True)
class ContestBoard:
    contest_id: int
    kind: ContestKind
    receipts: tuple[str, ...]  # sorted
    totals: ContestTotals | None  # None until a result is confirmed


@dataclass(frozen=True)
class Board:
    group: str
    contests: tuple[ContestBoard, ...]
    confirmed_version: int | None
    seats: dict[str, Any] | None  # core.counting.seats_summary of the confirmed version


@dataclass(frozen=True)
class PublishedBallot:
    choices: tuple[str, ...]
    status: str
    reason: str | None
    voter: str | None  # open voting only: the voter's readable code


@dataclass(frozen=True)
class ContestBallots:
    contest_id: int
    kind: ContestKind
    ballots: tuple[PublishedBallot, ...]  # shuffled


async def bulletin_board(
    uow: UnitOfWork, *, group_code: str, cycle_code: str | None = None
) -> Board:
    """Show the group's receipts, and the totals of its latest confirmed result."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        confirmed = [v for v in await uow.results.versions(group_id(group)) if v.confirmed_at]
        result = result_from_json(confirmed[-1].result) if confirmed else None
        boards = []
        for contest in await group_contests(uow, group):
            identifier = contest_id(contest)
            receipts = tuple(await uow.votes.receipts(identifier))
            totals = None
            if result is not None:
                late = await uow.votes.count_late(identifier)
                totals = _totals(result.contest(tally_kind(contest)), late)
            boards.append(ContestBoard(identifier, contest.kind, receipts, totals))
    version = confirmed[-1].version if confirmed else None
    seats = seats_summary(result) if result is not None else None
    return Board(group.code, tuple(boards), version, seats)


def _totals(contest: ContestResult, late: int) -> ContestTotals:
    return ContestTotals(
        counted=contest.valid,
        blank=contest.blank,
        invalid=tuple((item.flaw.value, item.count) for item in contest.invalid),
        late=late,
        votes=tuple((row.candidate_id, row.votes) for row in contest.ranking),
    )


async def anonymised_ballots(
    uow: UnitOfWork, *, group_code: str, viewer: str, cycle_code: str | None = None
) -> tuple[ContestBallots, ...]:
    """Show those who watch the election every ballot's choices, shuffled, after the close."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await refuse_unless_watching(uow, group, viewer)
        await latest_result(uow, group)
        shown = []
        for contest in await group_contests(uow, group):
            identifier = contest_id(contest)
            ballots = [_published(ballot_record(b)) for b in await uow.votes.ballots(identifier)]
            _shuffler.shuffle(ballots)
            shown.append(ContestBallots(identifier, contest.kind, tuple(ballots)))
    return tuple(shown)


def _published(record: dict[str, Any]) -> PublishedBallot:
    return PublishedBallot(
        tuple(record["choices"]), record["status"], record["reason"], record["voter"]
    )


async def refuse_unless_watching(uow: UnitOfWork, group: Group, viewer: str) -> None:
    """Only the group's commission, observers, organising committee, or the Secretariat."""
    for grant in await uow.roles.for_person(viewer):
        if grant.revoked_at is not None:
            continue
        if grant.role is Role.SECRETARIAT:
            return
        if grant.role in WATCHING_ROLES and grant.group_id == group_id(group):
            return
    raise Refused(Reason(codes.NO_ACCESS, {"group": group.code}))
