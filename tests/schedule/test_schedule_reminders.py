"""The reminder before voting closes: every elector with a contest still to vote in, nobody else."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from core.model import Contest, ContestKind, Role, RoleGrant, VoterStatus
from core.ports_voting import VoteMarker
from core.regulation import VotingMode
from core.services.reminders import send_due_reminders
from tests.builders import START, calendar
from tests.fakes import FakeClock
from tests.schedule.support import COMPOSER, CYCLE, MakeUow, cast_uow, member, outbox, setup

CLOSING = calendar(START).voting_closes - timedelta(minutes=30)


async def reminded(make_uow: MakeUow) -> list[int]:
    """Remind of PLHIV's close; return the people reached (their member numbers), in order."""
    sent = await send_due_reminders(make_uow(), COMPOSER, FakeClock(CLOSING))
    assert [(r.group, r.deadline) for r in sent] == [("PLHIV", "voting_closes")]
    chats = [seen.chat_id for seen in await outbox(make_uow, CLOSING)]
    return [n for n in range(10) if member(0, n)[1] in chats]


async def parallel_contests(make_uow: MakeUow) -> tuple[int, int]:
    """Give PLHIV a member and an alternate contest; return their ids."""
    async with make_uow() as uow:
        group = await uow.groups.get(CYCLE, "PLHIV")
        assert group is not None and group.id is not None
        kinds = (ContestKind.MEMBER, ContestKind.ALTERNATE)
        member_contest, alternate_contest = await uow.contests.replace(
            group.id, [Contest(group.id, kind, 1, 1) for kind in kinds]
        )
        await uow.commit()
    assert member_contest.id is not None and alternate_contest.id is not None
    return member_contest.id, alternate_contest.id


async def mark(make_uow: MakeUow, contests: tuple[int, ...], *numbers: int) -> None:
    async with make_uow() as uow:
        for contest in contests:
            for n in numbers:
                await uow.votes.mark(VoteMarker(contest, member(0, n)[0]))
        await uow.commit()


async def test_voters_who_voted_everywhere_or_were_not_admitted_are_left_alone(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    ids = await setup(make_uow, voters=5)
    both = await parallel_contests(make_uow)
    await mark(make_uow, both, 1)
    await mark(make_uow, both[:1], 2)  # voted in the member contest only
    await mark(make_uow, both[1:], 3)  # ... in the alternate contest only
    async with make_uow() as uow:
        pending = await uow.voters.get(ids["PLHIV"], member(0, 5)[0])
        assert pending is not None
        await uow.voters.update(replace(pending, status=VoterStatus.PENDING))
        await uow.commit()

    assert await reminded(make_uow) == [2, 3, 4]


async def test_under_indirect_voting_only_standing_delegates_are_reminded(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    ids = await setup(make_uow, voters=4)  # admitted voters, who do not vote here
    async with make_uow() as uow:
        group = await uow.groups.get(CYCLE, "PLHIV")
        assert group is not None
        indirect = group.regulation.model_copy(update={"mode": VotingMode.INDIRECT})
        await uow.groups.update(replace(group, regulation=indirect))
        for n in (2, 3, 4):
            await uow.roles.grant(RoleGrant(member(0, n)[0], Role.DELEGATE, ids["PLHIV"], START))
        await uow.roles.revoke(member(0, 4)[0], Role.DELEGATE, ids["PLHIV"], START)
        [contest] = await uow.contests.for_group(ids["PLHIV"])
        await uow.commit()
    assert contest.id is not None
    await mark(make_uow, (contest.id,), 3)

    assert await reminded(make_uow) == [2]
