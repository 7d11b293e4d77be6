"""The engine's promises, whatever the flow: dedupe, verified buttons, no edits, no group voting."""

from datetime import timedelta

from bot.translate import RawUpdate
from tests.bot.talk import bench
from tests.builders import REGISTRATION_OPENS, election, group

NOW = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(group("PLHIV"), group("SW"))


async def test_a_forged_button_changes_nothing_and_is_answered_politely() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person()
        await person.send("/start")
        await person.press("forged-token")
        assert "больше не действует" in person.last().text
        async with stage.uow() as uow:
            assert await uow.people.get(person.pseudonym) is None  # consent was not given


async def test_the_same_update_twice_is_handled_once() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person()
        update = RawUpdate(777, person.user_id, person.user_id, "private", "ru", text="/start")
        await stage.runtime.process(update, stage.courier)
        await stage.runtime.process(update, stage.courier)
        assert len(person.inbox()) == 1


async def test_an_edited_message_is_not_read_as_an_answer() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person("en")
        await person.send("/start")
        await person.send("/start", edited=True)
        assert person.last().text.startswith("Edited messages are not read")


async def test_in_a_group_chat_the_bot_only_points_to_a_private_chat() -> None:
    async with bench(ELECTION, NOW) as stage:
        member = stage.person("en")
        group_chat = -100123
        update = RawUpdate(901, member.user_id, group_chat, "supergroup", "en", text="/start")
        await stage.runtime.process(update, stage.courier)
        [reply] = [sent for sent in stage.recorder.sent if sent.chat_id == group_chat]
        assert "private chat" in reply.text
        assert reply.buttons == [
            [{"text": "Continue in a private chat", "url": "https://t.me/saylau_bot"}]
        ]
        chatter = RawUpdate(902, member.user_id, group_chat, "supergroup", "en", text="hello all")
        await stage.runtime.process(chatter, stage.courier)
        assert len([s for s in stage.recorder.sent if s.chat_id == group_chat]) == 1


async def test_a_person_who_consents_is_known_only_by_pseudonym() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person("en")
        await person.send("/start g-ccm-2024_SW")
        await person.tap("I agree")
        assert "what would you like to do?" in person.last().text
        async with stage.uow() as uow:
            stored = await uow.people.get(person.pseudonym)
        assert stored is not None and stored.language == "en"
        assert str(person.user_id) not in repr(stored)


async def test_a_refusal_about_a_document_is_explained_not_crashed_on() -> None:
    from bot.flows.flow import Flow
    from bot.flows.registry import all_flows
    from bot.flows.turn import Turn
    from core.errors import Refused
    from core.reasons import Reason

    class Uploads(Flow):
        name = "uploads"
        commands = ("uploads",)

        async def begin(self, turn: Turn) -> None:
            reason = Reason("application.document_missing", {"document": "recommendation"})
            raise Refused(reason)

    flows = all_flows()
    flows["uploads"] = Uploads()
    try:
        async with bench(ELECTION, NOW) as stage:
            person = stage.person("en")
            await person.send("/uploads")
            assert person.last().text == "A required document is missing: recommendation."
    finally:
        del flows["uploads"]


async def test_a_send_failing_after_the_commit_keeps_the_message_and_asks_nothing_again() -> None:
    from core.dialogue import Delivery

    async with bench(ELECTION, NOW) as stage:
        person = stage.person("en")
        real_send = stage.recorder.send

        async def fails_once(*args: object, **kwargs: object) -> None:
            stage.recorder.send = real_send  # type: ignore[method-assign]
            raise RuntimeError("the network went away mid-send")

        stage.recorder.send = fails_once  # type: ignore[method-assign]
        await person.send("/start")
        assert person.inbox() == []  # no "try again later": the turn itself succeeded
        async with stage.uow() as uow:
            waiting = await uow.outbox.pending(stage.clock.now(), 10)
        assert [m.status for m in waiting] == [Delivery.PENDING]
        await stage.courier.drain()
        assert "Согласны участвовать" in person.last().text or "Do you agree" in person.last().text
