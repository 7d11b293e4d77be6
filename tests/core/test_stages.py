"""Stage guards and deadline changes, on the 2024 calendar (Asia/Almaty is UTC+5)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.calendar import GroupCalendar, Stage
from core.reasons import Reason
from core.stages import (
    can_apply_as_candidate,
    can_change_application,
    can_confirm_results,
    can_decide_admissions,
    can_register_voter,
    can_vote,
    close_now,
    due_transitions,
    extend,
)

ALMATY = timezone(timedelta(hours=5))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An August 2024 instant given in Almaty time, as the Secretariat types it."""
    return datetime(2024, 8, day, hour, minute, tzinfo=ALMATY).astimezone(UTC)


CALENDAR = GroupCalendar(
    preparation=at(5, 9),
    announcement=at(11, 9),
    registration_opens=at(12, 9),
    registration_closes=at(19, 18),
    candidate_list=at(21, 9),
    voting_opens=at(22, 9),
    voting_closes=at(25, 18),
    results=at(28, 9),
)
SECOND = timedelta(seconds=1)


def test_registration_is_refused_before_it_opens_with_the_opening_instant() -> None:
    reason = can_register_voter(CALENDAR, at(12, 8, 59))
    assert reason == Reason("registration.not_open", {"opens_at": at(12, 9)})
    assert reason.params["opens_at"].tzinfo is UTC


def test_registration_is_open_from_its_first_instant_to_just_before_close() -> None:
    for guard in (can_register_voter, can_apply_as_candidate, can_change_application):
        assert guard(CALENDAR, at(12, 9)) is None
        assert guard(CALENDAR, at(19, 18) - SECOND) is None


def test_after_registration_closes_the_reason_says_since_when() -> None:
    for guard in (can_register_voter, can_apply_as_candidate, can_change_application):
        reason = guard(CALENDAR, at(19, 18))
        assert reason == Reason("registration.closed", {"closed_at": at(19, 18)})


def test_a_vote_one_second_after_close_is_late_even_without_a_job() -> None:
    assert can_vote(CALENDAR, at(25, 18) - SECOND) is None
    assert can_vote(CALENDAR, at(25, 18) + SECOND) == Reason(
        "voting.closed", {"closed_at": at(25, 18)}
    )
    assert can_vote(CALENDAR, at(21, 12)) == Reason("voting.not_open", {"opens_at": at(22, 9)})


def test_a_guard_accepts_now_in_any_time_zone() -> None:
    almaty_now = datetime(2024, 8, 25, 17, 59, tzinfo=ALMATY)
    assert can_vote(CALENDAR, almaty_now) is None


def test_a_naive_now_is_refused_as_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        can_vote(CALENDAR, datetime(2024, 8, 23, 12))


def test_the_commission_decides_admissions_until_the_list_is_published() -> None:
    assert can_decide_admissions(CALENDAR, at(12, 8)) == Reason(
        "admissions.not_open", {"opens_at": at(12, 9)}
    )
    assert can_decide_admissions(CALENDAR, at(20, 12)) is None
    assert can_decide_admissions(CALENDAR, at(21, 9)) == Reason(
        "admissions.closed", {"closed_at": at(21, 9)}
    )


def test_results_are_confirmed_only_once_voting_has_closed() -> None:
    assert can_confirm_results(CALENDAR, at(25, 17)) == Reason(
        "results.voting_not_closed", {"closes_at": at(25, 18)}
    )
    assert can_confirm_results(CALENDAR, at(25, 18)) is None


def test_due_transitions_start_from_nothing_recorded() -> None:
    assert due_transitions(CALENDAR, None, at(4, 9)) == []
    assert due_transitions(CALENDAR, None, at(12, 9)) == [
        Stage.PREPARATION,
        Stage.ANNOUNCEMENT,
        Stage.REGISTRATION,
    ]


def test_a_bot_down_across_several_starts_catches_up_once_in_order() -> None:
    missed = due_transitions(CALENDAR, Stage.REGISTRATION, at(23, 0))
    assert missed == [Stage.CANDIDATE_LIST, Stage.VOTING]
    assert due_transitions(CALENDAR, missed[-1], at(23, 0)) == []
    assert due_transitions(CALENDAR, Stage.RESULTS, at(31, 0)) == []


def test_extending_registration_gives_a_new_calendar() -> None:
    moved = extend(CALENDAR, "registration_closes", at(20, 18), now=at(18, 12))
    assert isinstance(moved, GroupCalendar)
    assert moved.registration_closes == at(20, 18)
    assert can_register_voter(moved, at(20, 12)) is None
    assert CALENDAR.registration_closes == at(19, 18)


def test_an_extension_cannot_overtake_the_next_instant() -> None:
    reason = extend(CALENDAR, "registration_closes", at(21, 10), now=at(18, 12))
    assert reason == Reason(
        "calendar.out_of_order",
        {"instant": "registration_closes", "must_precede": "candidate_list", "at": at(21, 9)},
    )
    # An opening may touch what follows it, but never reach the closing after it.
    touching = extend(CALENDAR, "voting_opens", at(25, 18), now=at(18, 12))
    assert isinstance(touching, Reason) and touching.code == "calendar.out_of_order"


def test_an_extension_cannot_reopen_a_passed_deadline_or_go_backwards() -> None:
    passed = extend(CALENDAR, "registration_closes", at(20, 18), now=at(19, 19))
    assert passed == Reason(
        "calendar.already_passed", {"instant": "registration_closes", "at": at(19, 18)}
    )
    assert isinstance(extend(CALENDAR, "voting_closes", at(24, 18), now=at(18, 12)), Reason)
    unknown = extend(CALENDAR, "lunch", at(24, 18), now=at(18, 12))
    assert unknown == Reason("calendar.unknown_instant", {"instant": "lunch"})


def test_closing_voting_early_makes_later_taps_late() -> None:
    closed = close_now(CALENDAR, Stage.VOTING, at(24, 12))
    assert isinstance(closed, GroupCalendar)
    assert closed.voting_closes == at(24, 12)
    assert can_vote(closed, at(24, 12, 1)) == Reason("voting.closed", {"closed_at": at(24, 12)})


def test_a_stage_not_yet_open_or_already_closed_cannot_be_closed() -> None:
    early = close_now(CALENDAR, Stage.VOTING, at(21, 12))
    assert early == Reason("calendar.not_open", {"stage": "voting", "opens_at": at(22, 9)})
    late = close_now(CALENDAR, Stage.REGISTRATION, at(20, 0))
    assert late == Reason(
        "calendar.already_closed", {"stage": "registration", "closed_at": at(19, 18)}
    )
    assert close_now(CALENDAR, Stage.ANNOUNCEMENT, at(11, 12)) == Reason(
        "calendar.not_closable", {"stage": "announcement"}
    )


@given(st.lists(st.integers(0, 30 * 24 * 60), max_size=12))
def test_a_scheduler_waking_at_any_moments_performs_each_stage_once_in_order(
    wakeups: list[int],
) -> None:
    recorded: list[Stage] = []
    last = None
    for minutes in sorted(wakeups):
        now = at(1, 0) + timedelta(minutes=minutes)
        for stage in due_transitions(CALENDAR, last, now):
            recorded.append(stage)
            last = stage
    assert recorded == list(Stage)[: len(recorded)]
    final = at(1, 0) + timedelta(minutes=max(wakeups, default=0))
    assert len(recorded) == (0 if not wakeups else len(due_transitions(CALENDAR, None, final)))
