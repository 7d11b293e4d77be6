"""/link in a community chat and /announce in private, driven through the engine on fakes."""

from __future__ import annotations

import itertools
from typing import cast

from bot.pacing import Pacer
from bot.translate import RawUpdate
from core.model import Person, Role, RoleGrant, Voter, VoterStatus
from core.ports_schedule import ScheduleUnitOfWork
from core.services.broadcasts import report_broadcasts
from core.services.schedule import advance_due_stages
from tests.bot.talk import VAULT, Bench, bench
from tests.builders import START, calendar, election
from tests.fakes import FakeUnitOfWork
from tests.schedule.support import COMPOSER

CHAT = -100_777
COMMITTEE, VOTERS, OUTSIDER = 900_001, (900_010, 900_011, 900_012), 900_099
_ids = itertools.count(70_000)


async def _people(on: Bench) -> None:
    async with FakeUnitOfWork(on.database) as uow:
        group = await uow.groups.get("ccm-2024", "PLHIV")
        for user in (COMMITTEE, *VOTERS, OUTSIDER):
            who = VAULT.pseudonym(user)
            await uow.people.save(Person(who, "en", VAULT.seal_chat(user), START))
            if user == COMMITTEE:
                await uow.roles.grant(RoleGrant(who, Role.COMMITTEE, group.id, START))
            elif user != OUTSIDER:
                await uow.voters.add(Voter(group.id, who, VoterStatus.ADMITTED, START))
        await uow.commit()


async def _say(on: Bench, user: int, text: str, chat: int | None = None) -> None:
    kind = "private" if chat is None else "group"
    raw = RawUpdate(next(_ids), user, chat or user, kind, "en", text=text)
    await on.runtime.process(raw, on.courier)


def _to(on: Bench, chat: int) -> list[str]:
    return [sent.text for sent in on.recorder.sent if sent.chat_id == chat]


def _uow(on: Bench) -> ScheduleUnitOfWork:
    return cast(ScheduleUnitOfWork, FakeUnitOfWork(on.database))


async def test_only_the_committee_links_the_chat_and_announcements_reach_it() -> None:
    opens = calendar(START).registration_opens
    async with bench(election(), opens) as on:
        await _people(on)
        await _say(on, OUTSIDER, "/link", chat=CHAT)
        await _say(on, COMMITTEE, "/link@saylau_bot", chat=CHAT)
        await _say(on, VOTERS[0], "/start", chat=CHAT)  # registration never happens in a group
        await advance_due_stages(_uow(on), COMPOSER, on.clock, sealer=VAULT.sealer)
        await Pacer(on.courier, lambda: _uow(on)).drain()

    in_chat = _to(on, CHAT)
    assert "You do not hold the role member of the Organizing Committee" in in_chat[0]
    assert in_chat[1].startswith("✅ This chat is now linked to the group «Group PLHIV»")
    assert "private chat" in in_chat[2]
    assert "registration is open" in in_chat[3]
    assert _to(on, COMMITTEE)[0].startswith("✅ You linked a community chat")


async def test_an_announcement_is_previewed_sent_to_all_and_summarised() -> None:
    async with bench(election(), START) as on:
        await _people(on)
        await _say(on, OUTSIDER, "/announce")
        await _say(on, COMMITTEE, "/announce")
        await _say(on, COMMITTEE, "Meeting on <Saturday> at 11:00")
        preview = _to(on, COMMITTEE)[-2]
        await _tap(on, COMMITTEE, "Send")
        await Pacer(on.courier, lambda: _uow(on)).drain()
        await report_broadcasts(_uow(on), COMPOSER, on.clock)
        await Pacer(on.courier, lambda: _uow(on)).drain()

    assert "You do not hold the role" in _to(on, OUTSIDER)[0]
    assert "will go to 4 members of the group «Group PLHIV»" in preview
    for voter in VOTERS:
        [copy] = _to(on, voter)
        assert "Meeting on &lt;Saturday&gt; at 11:00" in copy
    assert _to(on, OUTSIDER)[1:] == []
    assert _to(on, COMMITTEE)[-1] == (
        "📬 The announcement is out: 4 in all.\nDelivered: 4. Blocked the bot: 0. Failed: 0."
    )


async def _tap(on: Bench, user: int, label: str) -> None:
    for sent in reversed(on.recorder.sent):
        for row in sent.buttons if sent.chat_id == user else []:
            for button in row:
                if button["text"] == label:
                    raw = RawUpdate(
                        next(_ids), user, user, "private", "en", callback_data=button["data"]
                    )
                    await on.runtime.process(raw, on.courier)
                    return
    raise LookupError(label)
