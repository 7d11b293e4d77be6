"""A result survives being stored as JSON: whatever the rules, ties, lots and withdrawals."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from core.regulation import CompetitionRule, TieRule, WithdrawalRule
from core.result_codec import digest, result_from_json, result_to_json
from core.tally import (
    ContestKind,
    Standing,
    TallyRules,
    apply_withdrawal,
    contest_from_ballots,
    tally_group,
)
from core.tally_group import contest_kinds

POOL = [f"C-{n:04d}-AAAA" for n in range(5)]


@st.composite
def results(draw):
    rules = TallyRules(
        rule=draw(st.sampled_from(list(CompetitionRule))),
        members=draw(st.integers(1, 2)),
        alternates=draw(st.integers(0, 2)),
        choices=draw(st.integers(1, 2)),
        tie_rule=draw(st.sampled_from(list(TieRule))),
        withdrawal_rule=draw(st.sampled_from(list(WithdrawalRule))),
    )
    standing = tuple(Standing(c, order) for order, c in enumerate(POOL, start=1))
    ballot = st.lists(st.sampled_from([*POOL, "C-GHST-0000"]), max_size=3)
    contests = {
        kind: contest_from_ballots(standing, draw(st.lists(ballot, max_size=12)))
        for kind in contest_kinds(rules.rule)
    }
    result = tally_group(rules, contests, draw(st.binary(min_size=1, max_size=8)))
    for candidate in draw(st.lists(st.sampled_from(POOL), max_size=2, unique=True)):
        result = apply_withdrawal(result, candidate)
    return result


@settings(max_examples=150, deadline=None)
@given(results())
def test_a_result_read_back_from_json_is_the_same_result(result):
    stored = json.loads(json.dumps(result_to_json(result)))

    assert result_from_json(stored) == result
    assert stored == result_to_json(result)
    assert digest(stored) == digest(result_to_json(result))


def test_the_json_form_names_seats_and_contests_by_their_plain_values():
    standing = (Standing("C-AAAA-0001", 1), Standing("C-AAAA-0002", 2))
    rules = TallyRules(
        CompetitionRule.SINGLE_CONTEST, 1, 1, 1, TieRule.LOT, WithdrawalRule.NEXT_BY_VOTES
    )
    contest = contest_from_ballots(standing, [("C-AAAA-0002",), ("C-AAAA-0002",), ("C-AAAA-0001",)])

    data = result_to_json(tally_group(rules, {ContestKind.SINGLE: contest}, "seed"))

    [single] = data["contests"]
    assert single["elected"] == [
        [["member", 1], "C-AAAA-0002", 2],
        [["alternate", 1], "C-AAAA-0001", 1],
    ]
    assert data["rules"]["rule"] == "single_contest" and data["seed"] == b"seed".hex()
