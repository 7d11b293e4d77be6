"""Properties every tally must have, whatever the rules, candidates, ballots and seed."""

from collections import Counter
from dataclasses import dataclass
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from core.election import Seat
from core.regulation import CompetitionRule, TieRule, WithdrawalRule
from core.tally import (
    ContestInput,
    ContestKind,
    GroupResult,
    Standing,
    TallyRules,
    apply_withdrawal,
    contest_from_ballots,
    tally_group,
)

POOL = [f"c{n}" for n in range(7)]
# Ids outside the pool turn up on ballots as candidates who do not stand.
MARKS = [*POOL, "ghost"]


@dataclass(frozen=True)
class Case:
    rules: TallyRules
    candidates: dict[ContestKind, tuple[Standing, ...]]
    ballots: dict[ContestKind, list[tuple[str, ...]]]
    seed: bytes

    def inputs(self) -> dict[ContestKind, ContestInput]:
        return {k: contest_from_ballots(self.candidates[k], self.ballots[k]) for k in self.ballots}

    def tally(self) -> GroupResult:
        return tally_group(self.rules, self.inputs(), self.seed)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    rule = draw(st.sampled_from(CompetitionRule))
    rules = TallyRules(
        rule=rule,
        members=draw(st.integers(1, 3)),
        alternates=draw(st.integers(0, 3)),
        choices=draw(st.integers(1, 3)),
        tie_rule=draw(st.sampled_from(TieRule)),
        withdrawal_rule=draw(st.sampled_from(WithdrawalRule)),
    )
    kinds = (
        [ContestKind.SINGLE]
        if rule is CompetitionRule.SINGLE_CONTEST
        else [ContestKind.MEMBER, ContestKind.ALTERNATE]
    )
    orders = draw(st.permutations(range(len(POOL))))
    candidates: dict[ContestKind, tuple[Standing, ...]] = {}
    ballots: dict[ContestKind, list[tuple[str, ...]]] = {}
    for kind in kinds:
        ids = draw(st.lists(st.sampled_from(POOL), unique=True, max_size=6))
        if kind is ContestKind.ALTERNATE and draw(st.booleans()):
            # Often the same people stand for both seats: the case where a double election lurks.
            ids = [s.candidate_id for s in candidates[ContestKind.MEMBER]] + ids
            ids = list(dict.fromkeys(ids))
        candidates[kind] = tuple(Standing(cid, orders[POOL.index(cid)]) for cid in ids)
        # Small vote ranges make ties, the interesting part, frequent.
        marking = st.lists(st.sampled_from(ids or MARKS), max_size=3).map(tuple)
        noise = st.lists(st.sampled_from(MARKS), max_size=4).map(tuple)
        ballots[kind] = draw(st.lists(st.one_of(marking, marking, noise), max_size=40))
    return Case(rules, candidates, ballots, draw(st.binary(min_size=1, max_size=8)))


def is_valid(ballot: tuple[str, ...], standing: set[str], choices: int) -> bool:
    return len(set(ballot)) == len(ballot) <= choices and set(ballot) <= standing


def group_holders(result: GroupResult) -> list[str]:
    return [seat.candidate_id for seat in result.elected]


def pending(result: GroupResult, kind: ContestKind) -> set[str]:
    return {c for vote in result.contest(kind).repeat_votes for c in vote.candidates}


@given(cases())
def test_votes_are_conserved_and_every_ballot_is_accounted_for(case: Case) -> None:
    result = case.tally()
    for kind, ballots in case.ballots.items():
        counted = result.contest(kind)
        standing = {s.candidate_id for s in case.candidates[kind]}
        valid = [b for b in ballots if is_valid(b, standing, case.rules.choices)]
        assert sum(counted.votes.values()) == sum(len(b) for b in valid)
        assert counted.blank == sum(1 for b in valid if not b)
        assert counted.valid + counted.blank + counted.invalid_total == len(ballots)


@settings(max_examples=300)
@given(cases())
def test_nobody_is_elected_twice_and_seats_are_not_exceeded(case: Case) -> None:
    result = case.tally()
    holders = group_holders(result)
    assert len(holders) == len(set(holders))
    for seat, seats in ((Seat.MEMBER, case.rules.members), (Seat.ALTERNATE, case.rules.alternates)):
        places = [e.place for e in result.elected if e.place.seat is seat]
        assert len(places) == len(set(places)) <= seats
        assert all(1 <= place.position <= seats for place in places)
    assert all(seat.votes > 0 for seat in result.elected)


@given(cases(), st.randoms(use_true_random=False))
def test_same_input_gives_same_result_whatever_the_ballot_order(case: Case, rnd: Random) -> None:
    shuffled = {kind: rnd.sample(ballots, len(ballots)) for kind, ballots in case.ballots.items()}
    again = Case(case.rules, case.candidates, shuffled, case.seed)
    assert case.tally() == case.tally() == again.tally()
    aggregated = {
        kind: ContestInput(case.candidates[kind], Counter(frozenset(b) for b in ballots))
        for kind, ballots in case.ballots.items()
        if all(len(set(b)) == len(b) for b in ballots)
    }
    if len(aggregated) == len(case.ballots):
        assert tally_group(case.rules, aggregated, case.seed) == case.tally()


@given(cases())
def test_a_vacancy_means_no_voted_candidate_was_left(case: Case) -> None:
    result = case.tally()
    holders = set(group_holders(result))
    for contest in result.contests:
        if contest.vacancies:
            left = {
                row.candidate_id
                for row in contest.ranking
                if row.votes > 0 and row.candidate_id not in holders
            }
            assert left <= pending(result, contest.kind)


@given(cases())
def test_elected_candidates_have_at_least_the_votes_of_those_not_elected(case: Case) -> None:
    result = case.tally()
    holders = set(group_holders(result))
    for contest in result.contests:
        elected = [seat.votes for seat in contest.elected]
        undecided = holders | pending(result, contest.kind)
        beaten = [r.votes for r in contest.ranking if r.candidate_id not in undecided]
        if elected and beaten:
            assert min(elected) >= max(beaten)
        if contest.kind is ContestKind.SINGLE:
            by_place = sorted(
                contest.elected, key=lambda s: (s.place.seat != Seat.MEMBER, s.place.position)
            )
            assert [s.votes for s in by_place] == sorted(elected, reverse=True)


@given(cases(), st.data())
def test_a_withdrawal_unseats_only_the_one_who_withdrew(case: Case, data: st.DataObject) -> None:
    result = case.tally()
    if not result.elected:
        return
    leaving = data.draw(st.sampled_from(group_holders(result)))
    after = apply_withdrawal(result, leaving)
    holders = group_holders(after)
    assert leaving not in holders and len(holders) == len(set(holders))
    stayed = {s.candidate_id: s.place for s in result.elected if s.candidate_id != leaving}
    now = {s.candidate_id: s.place for s in after.elected}
    if case.rules.withdrawal_rule is WithdrawalRule.REPEAT_VOTE:
        assert all(now.get(cid) == place for cid, place in stayed.items())
    else:
        # Those who stay keep a seat at least as good: same kind, or promoted to member.
        for cid, place in stayed.items():
            assert cid in now
            assert now[cid].seat is Seat.MEMBER or place.seat is Seat.ALTERNATE


@settings(max_examples=30)
@given(cases())
def test_lot_draws_replay_from_the_recorded_seed(case: Case) -> None:
    result = case.tally()
    for draw in result.lot_draws:
        assert list(draw.tickets) == sorted(draw.tickets)
        assert len(draw.order) == len(draw.tickets) > 1
    assert result.seed == case.seed.hex()
