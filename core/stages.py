"""Stage guards: may this be done now? Each returns a Reason, or None when it is allowed.

Guards read the stored instants, never the stage a job last recorded: a vote tapped one second
after `voting_closes` is late even if the closing job has not run yet. Every Reason carries the
instant that decides it as an aware UTC datetime, so the edge can say "closed since 19 Aug 18:00"
in the person's own time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.calendar import GroupCalendar, Stage
from core.reasons import Reason


def utc(instant: datetime) -> datetime:
    """The instant in UTC; a naive datetime is a programming error, not a guess."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(UTC)


def iso_utc(instant: datetime) -> str:
    """The instant as audit payloads write it: UTC, to the second."""
    return utc(instant).isoformat(timespec="seconds")


def window(prefix: str, opens: datetime, closes: datetime, now: datetime) -> Reason | None:
    """Refuse outside [opens, closes): `<prefix>.not_open` or `<prefix>.closed`."""
    if utc(now) < opens:
        return Reason(f"{prefix}.not_open", {"opens_at": utc(opens)})
    if utc(now) >= closes:
        return Reason(f"{prefix}.closed", {"closed_at": utc(closes)})
    return None


def can_register_voter(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """Voters register while registration is open."""
    return window("registration", calendar.registration_opens, calendar.registration_closes, now)


def can_apply_as_candidate(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """Candidates apply while registration is open."""
    return window("registration", calendar.registration_opens, calendar.registration_closes, now)


def can_change_application(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """Editing or withdrawing an application is possible until registration closes."""
    return window("registration", calendar.registration_opens, calendar.registration_closes, now)


def can_vote(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """A ballot counts only between voting_opens and voting_closes."""
    return window("voting", calendar.voting_opens, calendar.voting_closes, now)


def can_decide_admissions(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """The commission admits candidates from registration opening until the list is published."""
    return window("admissions", calendar.registration_opens, calendar.candidate_list, now)


def can_confirm_results(calendar: GroupCalendar, now: datetime) -> Reason | None:
    """Results are confirmed once voting has closed, never while a ballot could still arrive."""
    if utc(now) < calendar.voting_closes:
        return Reason("results.voting_not_closed", {"closes_at": utc(calendar.voting_closes)})
    return None


def due_transitions(
    calendar: GroupCalendar, last_stage_recorded: Stage | None, now: datetime
) -> list[Stage]:
    """The stages that have started by `now` but were not recorded yet, oldest first.

    Calling it again after recording them returns nothing, so a scheduler that was down across
    several starts performs each missed transition exactly once. Closings of registration and
    voting are not transitions: the guards above read those instants directly.
    """
    after = -1 if last_stage_recorded is None else last_stage_recorded.order
    moment = utc(now)
    return [s for s in Stage if s.order > after and calendar.starts(s) <= moment]


CLOSINGS: dict[Stage, str] = {
    Stage.REGISTRATION: "registration_closes",
    Stage.VOTING: "voting_closes",
}


def extend(
    calendar: GroupCalendar, which: str, new_instant: datetime, now: datetime
) -> GroupCalendar | Reason:
    """Move one instant later; refuse a past or passed instant, or one that breaks the order.

    Nothing cascades: to push registration past the list's publication, move the later instants
    first, so every change the Secretariat makes is one it named.
    """
    if which not in dict(calendar.ordered_instants()):
        return Reason("calendar.unknown_instant", {"instant": which})
    current: datetime = getattr(calendar, which)
    new, moment = utc(new_instant), utc(now)
    if current <= moment:
        return Reason("calendar.already_passed", {"instant": which, "at": utc(current)})
    if new < moment:
        return Reason("calendar.in_the_past", {"instant": which, "at": new})
    if new <= current:
        return Reason("calendar.not_later", {"instant": which, "at": utc(current)})
    return _moved(calendar, which, new)


def close_now(calendar: GroupCalendar, which: Stage, now: datetime) -> GroupCalendar | Reason:
    """Close registration or voting at `now`; only a stage that is open can be closed."""
    field = CLOSINGS.get(which)
    if field is None:
        return Reason("calendar.not_closable", {"stage": which.value})
    opens, closes, moment = calendar.starts(which), getattr(calendar, field), utc(now)
    if moment < opens:
        return Reason("calendar.not_open", {"stage": which.value, "opens_at": utc(opens)})
    if moment >= closes:
        return Reason("calendar.already_closed", {"stage": which.value, "closed_at": utc(closes)})
    if moment == opens:
        # The calendar needs a closing strictly after the opening; a zero-length stage is none.
        return Reason("calendar.not_open", {"stage": which.value, "opens_at": utc(opens)})
    return _moved(calendar, field, moment)


def _moved(calendar: GroupCalendar, which: str, later: datetime) -> GroupCalendar | Reason:
    """Rebuild the calendar with one instant moved later, keeping the instants in order."""
    names = [name for name, _ in calendar.ordered_instants()]
    position = names.index(which)
    if position + 1 < len(names):
        following = names[position + 1]
        limit: datetime = getattr(calendar, following)
        # A closing must stay strictly after its opening; other instants may touch.
        if later > limit or (following in CLOSINGS.values() and later == limit):
            reason_params = {"instant": which, "must_precede": following, "at": utc(limit)}
            return Reason("calendar.out_of_order", reason_params)
    values = {**calendar.model_dump(), which: later}
    return type(calendar).model_validate(values)
