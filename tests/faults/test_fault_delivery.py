"""Telegram misbehaving while a person votes: updates twice, lost confirmations, forged webhooks.

Over the emulator with both frameworks and a real database. The emulator's faults fire on the
press of "Confirm": Telegram delivering that update twice, or the bot's confirmation of it being
lost so it comes again. Either way one ballot is in the box and the voter sees one receipt and
nothing else (no "already voted", no "button no longer valid"). tests/e2e/test_e2e_serving.py
shows that webhook calls without the secret are refused; here a forged call impersonates a real
voter, and the same payload is shown to work with the right secret, so the refusal is what
stopped it.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.launch import Framework
from sandbox.phone import Phone
from tests.bot.test_flow_vote_support import VOTING, add_candidates, admit_voter
from tests.bot.test_flow_vote_support import voting_group as sw_group
from tests.builders import election
from tests.e2e.scene import VAULT, migrated_sqlite, scene
from tests.faults.fault_support import count_rows
from tests.faults.voter_support import to_confirmation
from tests.services.voting_support import ballots_in_box
from tests.waiting import shown

SECRET = "right-secret_token"
RECORDED = "Your vote is recorded"
NEVER = ("already voted", "no longer valid", "could not be saved")


async def ready_voter(uow_factory: Any, phone: Phone) -> None:
    """Admit the phone's owner as a voter of SW with two candidates standing."""
    await add_candidates(uow_factory, VAULT, "SW", ["Aigul", "Bolat"])
    pseudonym = VAULT.pseudonym(phone.user.id)
    await admit_voter(uow_factory, VAULT, "SW", pseudonym, phone.user.id, "en")


async def box(uow_factory: Any) -> tuple[int, int, int]:
    """How many markers, ballots and receipts the database holds."""
    async with uow_factory() as uow:
        stored = await uow.groups.get("ccm-2024", "SW")
        [contest] = await uow.contests.for_group(stored.id)
        return (
            await uow.votes.count_markers(contest.id),
            len(await ballots_in_box(uow, contest.id, VAULT.sealer)),
            len(await uow.votes.receipts(contest.id)),
        )


async def assert_one_ballot_one_receipt(phone: Phone, uow_factory: Any) -> None:
    await phone.send("/status")  # handled after anything the fault sent again
    await shown(phone, "Your pseudonym is", timeout=10)
    chat = phone.transcript().render()
    assert chat.count(RECORDED) == 1, chat
    assert not [text for text in NEVER if text in chat], chat
    assert await box(uow_factory) == (1, 1, 1)


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_confirm_delivered_twice_records_one_ballot_and_one_receipt(
    framework: Framework, tmp_path: Path
) -> None:
    url = migrated_sqlite(tmp_path / "saylau.db")
    async with scene(framework, url, election(sw_group()), VOTING) as stage:
        phone = stage.phone("Aida", language="en")
        await ready_voter(stage.uow_factory, phone)
        await to_confirmation(phone, timeout=10)
        stage.emulator.world.faults.duplicate_next_update()
        await phone.tap("✅ Confirm and send")
        await shown(phone, RECORDED, timeout=10)
        await assert_one_ballot_one_receipt(phone, stage.uow_factory)
        assert stage.emulator.world.faults.duplicate_updates == 0, "the fault never fired"


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_lost_getupdates_confirmation_does_not_count_the_vote_twice(
    framework: Framework, tmp_path: Path
) -> None:
    url = migrated_sqlite(tmp_path / "saylau.db")
    async with scene(framework, url, election(sw_group()), VOTING) as stage:
        phone = stage.phone("Aida", language="en")
        await ready_voter(stage.uow_factory, phone)
        await to_confirmation(phone, timeout=10)
        stage.emulator.world.faults.drop_next_confirmation()
        await phone.tap("✅ Confirm and send")
        await shown(phone, RECORDED, timeout=10)
        await assert_one_ballot_one_receipt(phone, stage.uow_factory)
        assert stage.emulator.world.faults.dropped_confirmations == 0, "the fault never fired"


_forged_ids = itertools.count(900_000)


def forged_vote(phone: Phone) -> dict[str, Any]:
    """A webhook payload in which the phone's owner sends /vote."""
    user = {"id": phone.user.id, "is_bot": False, "first_name": phone.user.first_name}
    return {
        "update_id": next(_forged_ids),
        "message": {
            "message_id": 1000 + next(_forged_ids) % 1000,
            "date": 0,
            "chat": {"id": phone.user.id, "type": "private"},
            "from": user,
            "text": "/vote",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_forged_webhook_call_cannot_act_for_a_real_voter(
    framework: Framework, tmp_path: Path
) -> None:
    url = migrated_sqlite(tmp_path / "saylau.db")
    async with scene(framework, url, election(sw_group()), VOTING, webhook_secret=SECRET) as stage:
        hook, phone = stage.hook, stage.phone("Aida", language="en")
        assert hook is not None
        await ready_voter(stage.uow_factory, phone)
        await phone.start()  # the person has the bot open, so the bot may write to them
        await phone.wait_until(lambda: phone.transcript().texts("bot") != [])
        seen = len(phone.transcript().texts("bot"))
        recorded = await count_rows(url, "handled_updates")
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(hook, json=forged_vote(phone), headers=headers) as answer:
                    assert answer.status in (401, 403)
            await asyncio.sleep(0.3)  # time enough for a wrongly accepted update to be answered
            assert len(phone.transcript().texts("bot")) == seen
            assert await count_rows(url, "handled_updates") == recorded
            genuine = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(hook, json=forged_vote(phone), headers=genuine) as answer:
                assert answer.status == 200
        await shown(phone, "☐ Bolat", timeout=10)
        assert await count_rows(url, "handled_updates") == recorded + 1
