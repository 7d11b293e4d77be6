"""The vote side of a protocol: each contest's figures, the decision, and the ballots annex.

Before the count only the number of voters who voted is known to the protocol: votes per
candidate and the ballots would be a running tally, which nobody sees before the close.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from core.election import Seat
from core.model import Contest
from core.ports_voting import StoredResult
from core.result_codec import result_from_json
from core.services.electorate import tally_kind
from core.tally import ContestResult, GroupResult
from reports.model import BallotRow, ContestFigures, Decision, SeatRow, VoteRow


def contest_figures(
    contests: Sequence[Contest],
    cast: Mapping[int, int],
    late: Mapping[int, int],
    result: GroupResult | None,
    names: Mapping[str, str],
) -> tuple[ContestFigures, ...]:
    """Figures of every contest; the count's figures only once there is a result."""
    figures = []
    for contest in contests:
        identifier = contest.id or 0
        counted = result.contest(tally_kind(contest)) if result is not None else None
        figures.append(
            ContestFigures(
                kind=contest.kind.value,
                seats=contest.seats,
                choices=contest.choices,
                cast=cast[identifier],
                late=late[identifier],
                counted=counted.valid if counted else None,
                blank=counted.blank if counted else None,
                invalid=_invalid(counted),
                votes=_votes(counted, names),
            )
        )
    return tuple(figures)


def _invalid(counted: ContestResult | None) -> tuple[tuple[str, int], ...]:
    if counted is None:
        return ()
    return tuple((item.flaw.value, item.count) for item in counted.invalid if item.count)


def _votes(counted: ContestResult | None, names: Mapping[str, str]) -> tuple[VoteRow, ...]:
    if counted is None:
        return ()
    return tuple(
        VoteRow(row.candidate_id, names.get(row.candidate_id, row.candidate_id), row.votes)
        for row in counted.ranking
    )


def decision(stored: StoredResult, names: Mapping[str, str]) -> Decision:
    """Who holds each seat in the current result version, which are vacant or wait."""
    result = result_from_json(stored.result)
    return Decision(
        version=stored.version,
        computed_at=stored.computed_at,
        confirmed_at=stored.confirmed_at,
        confirmed_by=stored.confirmed_by,
        seed=stored.seed,
        seats=_seats(result, names),
        withdrawn=tuple(sorted(result.withdrawn)),
        lot_draws=len(result.lot_draws),
    )


def _seats(result: GroupResult, names: Mapping[str, str]) -> tuple[SeatRow, ...]:
    held = {(e.place.seat, e.place.position): e for e in result.elected}
    waiting = {(p.seat, p.position) for vote in result.repeat_votes for p in vote.places}
    places = {(seat, n) for seat, count in _seat_counts(result) for n in range(1, count + 1)}
    rows = []
    for seat, position in sorted(places, key=lambda p: (p[0] is Seat.ALTERNATE, p[1])):
        elected = held.get((seat, position))
        if elected is None:
            pending = (seat, position) in waiting
            rows.append(SeatRow(seat.value, position, None, None, None, pending))
            continue
        name = names.get(elected.candidate_id, elected.candidate_id)
        rows.append(SeatRow(seat.value, position, elected.candidate_id, name, elected.votes))
    return tuple(rows)


def _seat_counts(result: GroupResult) -> list[tuple[Seat, int]]:
    return [(Seat.MEMBER, result.rules.members), (Seat.ALTERNATE, result.rules.alternates)]


def ballot_rows(records: Mapping[str, Sequence[dict[str, Any]]]) -> tuple[BallotRow, ...]:
    """The counted election's ballots, sorted so that their order says nothing of casting."""
    rows = [
        BallotRow(
            contest=kind,
            choices=tuple(record["choices"]),
            status=record["status"],
            reason=record["reason"],
            voter=record["voter"],
        )
        for kind, contest_records in records.items()
        for record in contest_records
    ]
    return tuple(sorted(rows, key=lambda r: (r.contest, r.status, r.choices, r.reason or "")))
