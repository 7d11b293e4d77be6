"""A scripted conversation through real PTB and aiogram bots, by polling and by webhook."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from sandbox_aiogram_bot import running_aiogram_bot
from sandbox_models import check_all_parse
from sandbox_ptb_bot import running_ptb_bot
from sandbox_reference import COMMANDS_EN, COMMANDS_RU, echo_document

from sandbox.server import Emulator
from sandbox.transcript import Transcript

Runner = Callable[[Emulator, bool], AbstractAsyncContextManager[object]]
RUNNERS: dict[str, Runner] = {"ptb": running_ptb_bot, "aiogram": running_aiogram_bot}

EXPECTED = """\
me: /start group-PLHIV
bot (edited): You chose yes
me: /menu
bot: Pick one
     <Register> <Help>
me: Register
bot: Send your document
me: [ballot.txt] my ballot
bot: [echo-ballot.txt] size=11
me: /photo
bot: [photo] A photo
me: /edit
bot (edited): Step 2
me: /delete
bot: deleted
me: /md
bot: Bold italic and code - done.
me (edited): hello
bot: Echo: helo
bot: Edited: hello
me (forwarded): You chose yes
bot: Forwarded from Sandbox Bot
me: /whoami
bot: private member"""


async def converse(emulator: Emulator) -> Transcript:
    """Play the whole script as one user; assert each step as the user would notice it."""
    alice = emulator.add_user("Alice", language_code="en")
    phone = emulator.phone(alice)
    await phone.start("group-PLHIV")
    welcome = await phone.next_message()
    assert welcome.text == "Welcome, Alice! Payload: group-PLHIV"
    assert ("bold", 0, 7) in phone.transcript()[-1].formatting
    assert welcome.buttons == (("Yes", "No"),)

    await phone.tap("Yes")
    await phone.wait_until(lambda: welcome.text == "You chose yes")
    assert welcome.buttons == ()  # editing the text without a keyboard removes it
    await phone.wait_until(lambda: bool(phone.toasts()))
    assert phone.toasts()[0].text == "Noted yes"

    await phone.send("/menu")
    assert (await phone.next_message()).text == "Pick one"
    assert phone.keyboard() == (("Register", "Help"),)
    await phone.tap("Register")
    assert (await phone.next_message()).text == "Send your document"
    assert phone.keyboard() == ()

    await phone.send_document("ballot.txt", b"hello world", "text/plain", caption="my ballot")
    echoed = await phone.next_message()
    assert echoed.file_label == "echo-ballot.txt"
    assert await phone.download(echoed) == echo_document(b"hello world")

    await phone.send("/photo")
    photo = await phone.next_message()
    assert photo.photo is not None
    assert (photo.photo[0]["width"], photo.photo[0]["height"]) == (3, 2)

    await phone.send("/edit")
    step = await phone.next_message()
    await phone.wait_until(lambda: step.text == "Step 2")
    assert step.edit_date is not None

    await phone.send("/delete")
    temporary, deleted = await phone.next_message(), await phone.next_message()
    await phone.wait_until(lambda: temporary.deleted)
    assert deleted.text == "deleted"

    await phone.send("/md")
    assert (await phone.next_message()).text == "Bold italic and code - done."

    typo = await phone.send("helo")
    assert (await phone.next_message()).text == "Echo: helo"
    await phone.edit(typo, "hello")
    assert (await phone.next_message()).text == "Edited: hello"

    await phone.forward(welcome)
    assert (await phone.next_message()).text == "Forwarded from Sandbox Bot"
    await phone.send("/whoami")
    assert (await phone.next_message()).text == "private member"
    return phone.transcript()


def check_menus(emulator: Emulator) -> None:
    """Command menus follow each user's language, with the default as fallback."""
    english = emulator.phone(emulator.add_user("Ann", language_code="en"))
    russian = emulator.phone(emulator.add_user("Асель", language_code="ru"))
    kazakh = emulator.phone(emulator.add_user("Айдос", language_code="kk"))
    assert english.menu() == COMMANDS_EN
    assert russian.menu() == COMMANDS_RU
    assert kazakh.menu() == COMMANDS_EN


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
@pytest.mark.parametrize("framework", sorted(RUNNERS))
async def test_sandbox_scripted_conversation(
    emulator: Emulator, framework: str, webhook: bool
) -> None:
    recorded = emulator.record_results()
    async with RUNNERS[framework](emulator, webhook):
        transcript = await converse(emulator)
        check_menus(emulator)
    assert transcript.render() == EXPECTED
    seen = check_all_parse(recorded)
    assert {"sendMessage", "editMessageText", "sendDocument", "getFile", "setMyCommands"} <= seen
    assert ("getUpdates" in seen) is not webhook


async def test_sandbox_same_script_same_transcript_in_both_frameworks(
    emulator_factory: Callable[..., AbstractAsyncContextManager[Emulator]],
) -> None:
    transcripts = []
    for framework in sorted(RUNNERS):
        async with emulator_factory() as emulator, RUNNERS[framework](emulator, False):
            transcripts.append(await converse(emulator))
    assert transcripts[0] == transcripts[1]
