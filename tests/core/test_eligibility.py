"""Who may stand (term limit) and who may hold which role, within and across groups."""

import pytest

from core.election import Seat, ServedTerm
from core.eligibility import Holding, Role, role_conflict, term_limit_bar
from core.errors import NotFound
from core.reasons import Reason
from core.regulation import CrossGroupPolicy, Permission, TermLimit

M, A = Seat.MEMBER, Seat.ALTERNATE
CCM = TermLimit()  # two consecutive terms, alternates count
ALLOW, FORBID = Permission.ALLOWED, Permission.FORBIDDEN


def terms(*served: tuple[int, Seat]) -> list[ServedTerm]:
    return [ServedTerm(cycle_year=year, seat=seat) for year, seat in served]


def test_two_consecutive_member_terms_bar_a_third() -> None:
    reason = term_limit_bar(terms((2018, M), (2021, M)), CCM, 2024)
    assert reason == Reason("candidate.term_limit", {"terms": 2, "last_cycle_year": 2021})


def test_one_term_or_a_break_in_between_does_not_bar() -> None:
    assert term_limit_bar(terms((2021, M)), CCM, 2024) is None
    assert term_limit_bar(terms((2015, M), (2018, M)), CCM, 2024) is None
    assert term_limit_bar(terms((2015, M), (2021, M)), CCM, 2024) is None
    assert term_limit_bar([], CCM, 2024) is None


def test_alternate_terms_count_when_the_regulation_says_so() -> None:
    assert term_limit_bar(terms((2018, A), (2021, M)), CCM, 2024) is not None
    assert term_limit_bar(terms((2018, M), (2021, A)), CCM, 2024) is not None


def test_a_non_counting_alternate_term_breaks_the_chain() -> None:
    members_only = TermLimit(alternate_counts=False)
    assert term_limit_bar(terms((2018, M), (2021, A)), members_only, 2024) is None
    assert term_limit_bar(terms((2015, M), (2018, A), (2021, M)), members_only, 2024) is None
    assert term_limit_bar(terms((2018, M), (2021, M)), members_only, 2024) is not None


def test_the_limit_and_cycle_length_are_parameters() -> None:
    three = TermLimit(max_consecutive_terms=3)
    assert term_limit_bar(terms((2018, M), (2021, M)), three, 2024) is None
    assert term_limit_bar(terms((2015, M), (2018, M), (2021, M)), three, 2024) is not None
    yearly = terms((2022, M), (2023, M))
    assert term_limit_bar(yearly, CCM, 2024, cycle_years=1) is not None
    assert term_limit_bar(yearly, CCM, 2024) is None


def test_a_mid_cycle_by_election_counts_for_the_cycle_it_fell_in() -> None:
    assert term_limit_bar(terms((2019, M), (2021, M)), CCM, 2024) is not None


def test_a_term_in_the_current_cycle_is_not_a_previous_term() -> None:
    assert term_limit_bar(terms((2021, M), (2024, M)), CCM, 2024) is None


POLICY = CrossGroupPolicy()  # the defaults: only serving two commissions is forbidden
STRICT = CrossGroupPolicy(
    voter_in_several_groups=FORBID,
    commission_member_votes_elsewhere=FORBID,
    candidate_votes_elsewhere=FORBID,
    commission_member_serves_several_groups=FORBID,
)


def conflict(
    held: list[tuple[str, Role]],
    wanted: tuple[str, Role],
    sw: CrossGroupPolicy = POLICY,
    plhiv: CrossGroupPolicy = POLICY,
) -> Reason | None:
    holdings = [Holding(group, role) for group, role in held]
    return role_conflict(holdings, Holding(*wanted), {"SW": sw, "PLHIV": plhiv})


def test_a_second_voter_registration_depends_on_the_policy() -> None:
    held = [("PLHIV", Role.VOTER)]
    assert conflict(held, ("SW", Role.VOTER)) is None
    assert conflict(held, ("SW", Role.VOTER), sw=STRICT) == Reason(
        "cross_group.votes_elsewhere", {"group": "PLHIV", "role": "voter"}
    )


def test_the_stricter_group_wins_whichever_side_forbids() -> None:
    held = [("PLHIV", Role.VOTER)]
    assert conflict(held, ("SW", Role.VOTER), plhiv=STRICT) is not None
    assert conflict(held, ("SW", Role.VOTER), sw=STRICT) is not None
    assert conflict(held, ("SW", Role.VOTER), sw=POLICY, plhiv=POLICY) is None


def test_a_delegate_counts_as_voting_in_their_group() -> None:
    assert conflict([("PLHIV", Role.DELEGATE)], ("SW", Role.VOTER), sw=STRICT) is not None


def test_commission_member_voting_elsewhere_is_refused_both_ways_when_forbidden() -> None:
    forbid = CrossGroupPolicy(commission_member_votes_elsewhere=FORBID)
    assert conflict([("PLHIV", Role.COMMISSION)], ("SW", Role.VOTER), plhiv=forbid) == Reason(
        "cross_group.commission_member_elsewhere", {"group": "PLHIV", "role": "commission"}
    )
    assert conflict([("PLHIV", Role.VOTER)], ("SW", Role.COMMISSION), sw=forbid) == Reason(
        "cross_group.votes_elsewhere", {"group": "PLHIV", "role": "voter"}
    )
    assert conflict([("PLHIV", Role.COMMISSION)], ("SW", Role.VOTER)) is None


def test_candidate_voting_elsewhere_follows_its_own_switch() -> None:
    forbid = CrossGroupPolicy(candidate_votes_elsewhere=FORBID)
    assert conflict([("SW", Role.CANDIDATE)], ("PLHIV", Role.VOTER), sw=forbid) == Reason(
        "cross_group.candidate_elsewhere", {"group": "SW", "role": "candidate"}
    )
    assert conflict([("SW", Role.VOTER)], ("PLHIV", Role.CANDIDATE), plhiv=forbid) is not None
    assert conflict([("SW", Role.CANDIDATE)], ("PLHIV", Role.VOTER)) is None
    # The switch is about candidates only: a plain second voter registration stays allowed.
    assert conflict([("SW", Role.VOTER)], ("PLHIV", Role.VOTER), sw=forbid) is None


def test_serving_two_commissions_is_refused_by_default() -> None:
    assert conflict([("SW", Role.COMMISSION)], ("PLHIV", Role.COMMISSION)) == Reason(
        "cross_group.commission_member_elsewhere", {"group": "SW", "role": "commission"}
    )
    allow = CrossGroupPolicy(commission_member_serves_several_groups=ALLOW)
    assert conflict([("SW", Role.COMMISSION)], ("PLHIV", Role.COMMISSION), allow, allow) is None


def test_committee_and_commission_members_never_stand_in_their_own_group() -> None:
    for role, code in (
        (Role.COMMITTEE, "eligibility.committee_member_cannot_stand"),
        (Role.COMMISSION, "eligibility.commission_member_cannot_stand"),
    ):
        assert conflict([("SW", role)], ("SW", Role.CANDIDATE), STRICT) == Reason(code)
        assert conflict([("SW", Role.CANDIDATE)], ("SW", role)) == Reason(code)
        # Not configurable: even the most permissive policy refuses.
        allow_all = CrossGroupPolicy(commission_member_serves_several_groups=ALLOW)
        assert conflict([("SW", role)], ("SW", Role.CANDIDATE), allow_all) == Reason(code)
    assert conflict([("PLHIV", Role.COMMITTEE)], ("SW", Role.CANDIDATE)) is None


def test_an_observer_holds_no_other_role_in_the_group_observed() -> None:
    assert conflict([("SW", Role.OBSERVER)], ("SW", Role.VOTER)) == Reason(
        "eligibility.observer_holds_no_other_role", {"role": "voter"}
    )
    assert conflict([("SW", Role.VOTER)], ("SW", Role.OBSERVER)) == Reason(
        "eligibility.observer_holds_no_other_role", {"role": "voter"}
    )
    assert conflict([("PLHIV", Role.OBSERVER)], ("SW", Role.VOTER)) is None


def test_the_same_role_twice_in_one_group_is_refused() -> None:
    assert conflict([("SW", Role.VOTER)], ("SW", Role.VOTER)) == Reason(
        "eligibility.already_holds", {"role": "voter"}
    )


def test_a_group_without_a_policy_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(NotFound):
        role_conflict([Holding("TB", Role.VOTER)], Holding("SW", Role.VOTER), {"SW": STRICT})
