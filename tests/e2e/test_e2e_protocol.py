"""/protocol over real HTTP with both frameworks: the PDF the bot makes reaches the phone."""

from __future__ import annotations

import pytest

from bot.launch import Framework
from core.model import Role
from tests.e2e.scene import scene
from tests.e2e.test_e2e_commission import DURING_REGISTRATION, ELECTION, appointed
from tests.waiting import shown

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("framework", list(Framework))
async def test_the_commission_member_downloads_the_draft_protocol(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        member, _ = await appointed(stage, "Madina", Role.COMMISSION)
        await member.send("/review")
        await shown(member, "Заявляю и принимаю")
        await member.tap("Заявляю и принимаю")
        await shown(member, "Сейчас ничего не ждёт решения")
        await member.send("/protocol")
        await member.wait_until(
            lambda: member.last_message is not None and member.last_message.document is not None
        )
        message = member.last_message
        assert message is not None and "ПРОЕКТ" in (message.caption or "")
        content = await member.download(message)
        assert content.startswith(b"%PDF") and len(content) > 5_000
