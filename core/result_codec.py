"""A group's result as plain JSON and back, so it can be stored, exported and recomputed.

The JSON form uses only lists, strings, numbers, booleans and null, so a result read back from
a database or an export file compares equal to a freshly computed one turned into JSON.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from core.election import Seat
from core.regulation import CompetitionRule, TieRule, WithdrawalRule
from core.tally_model import (
    BallotFlaw,
    CandidateVotes,
    ContestKind,
    ContestResult,
    ElectedSeat,
    GroupResult,
    InvalidCount,
    RepeatCause,
    RepeatVote,
    SeatPlace,
    TallyRules,
    TieBreak,
)

Json = dict[str, Any]


def result_to_json(result: GroupResult) -> Json:
    """Turn a result into its JSON form."""
    rules = result.rules
    return {
        "rules": {
            "rule": rules.rule.value,
            "members": rules.members,
            "alternates": rules.alternates,
            "choices": rules.choices,
            "tie_rule": rules.tie_rule.value,
            "withdrawal_rule": rules.withdrawal_rule.value,
        },
        "seed": result.seed,
        "contests": [_contest_to_json(contest) for contest in result.contests],
        "withdrawn": sorted(result.withdrawn),
    }


def result_from_json(data: Json) -> GroupResult:
    """Read back what `result_to_json` wrote."""
    rules = data["rules"]
    return GroupResult(
        rules=TallyRules(
            rule=CompetitionRule(rules["rule"]),
            members=int(rules["members"]),
            alternates=int(rules["alternates"]),
            choices=int(rules["choices"]),
            tie_rule=TieRule(rules["tie_rule"]),
            withdrawal_rule=WithdrawalRule(rules["withdrawal_rule"]),
        ),
        seed=str(data["seed"]),
        contests=tuple(_contest_from_json(contest) for contest in data["contests"]),
        withdrawn=frozenset(data["withdrawn"]),
    )


def digest(data: Any) -> str:
    """A SHA-256 fingerprint of JSON data that does not depend on key order."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _place(place: SeatPlace) -> list[Any]:
    return [place.seat.value, place.position]


def _read_place(data: list[Any]) -> SeatPlace:
    return SeatPlace(Seat(data[0]), int(data[1]))


def _contest_to_json(contest: ContestResult) -> Json:
    return {
        "kind": contest.kind.value,
        "ranking": [[r.candidate_id, r.votes, r.application_order] for r in contest.ranking],
        "blocks": [[seat.value, count] for seat, count in contest.blocks],
        "valid": contest.valid,
        "blank": contest.blank,
        "invalid": [[item.flaw.value, item.count] for item in contest.invalid],
        "elected": [[_place(e.place), e.candidate_id, e.votes] for e in contest.elected],
        "vacancies": [_place(place) for place in contest.vacancies],
        "repeat_votes": [
            {
                "contest": vote.contest.value,
                "cause": vote.cause.value,
                "places": [_place(place) for place in vote.places],
                "candidates": list(vote.candidates),
            }
            for vote in contest.repeat_votes
        ],
        "tie_breaks": [
            {
                "contest": tie.contest.value,
                "rule": tie.rule.value,
                "votes": tie.votes,
                "order": list(tie.order),
                "places": [_place(place) for place in tie.places],
                "tickets": list(tie.tickets),
            }
            for tie in contest.tie_breaks
        ],
        "deferred": contest.deferred,
    }


def _contest_from_json(data: Json) -> ContestResult:
    return ContestResult(
        kind=ContestKind(data["kind"]),
        ranking=tuple(CandidateVotes(str(c), int(v), int(o)) for c, v, o in data["ranking"]),
        blocks=tuple((Seat(seat), int(count)) for seat, count in data["blocks"]),
        valid=int(data["valid"]),
        blank=int(data["blank"]),
        invalid=tuple(InvalidCount(BallotFlaw(flaw), int(n)) for flaw, n in data["invalid"]),
        elected=tuple(
            ElectedSeat(_read_place(place), str(c), int(v)) for place, c, v in data["elected"]
        ),
        vacancies=tuple(_read_place(place) for place in data["vacancies"]),
        repeat_votes=tuple(
            RepeatVote(
                ContestKind(vote["contest"]),
                RepeatCause(vote["cause"]),
                tuple(_read_place(place) for place in vote["places"]),
                tuple(vote["candidates"]),
            )
            for vote in data["repeat_votes"]
        ),
        tie_breaks=tuple(
            TieBreak(
                ContestKind(tie["contest"]),
                TieRule(tie["rule"]),
                int(tie["votes"]),
                tuple(tie["order"]),
                tuple(_read_place(place) for place in tie["places"]),
                tuple(tie["tickets"]),
            )
            for tie in data["tie_breaks"]
        ),
        deferred=bool(data["deferred"]),
    )
