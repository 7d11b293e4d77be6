"""The bot's logs at DEBUG, through a whole conversation with a vote, name nobody and no choice.

Logging is set up as `saylau run --log-level DEBUG` sets it up (app.logs.configure), and every
record that passes is kept, tracebacks included. A person with a full Telegram profile joins a
group, registers, reads the ballot, votes and checks the board, over the emulator with each
framework; then the log is searched for their Telegram id (also their private chat id), every
part of their profile, their pseudonym, the candidate they chose and their receipt. The emulator
is Telegram here, so its own loggers (`sandbox.*`) are not the bot's and are left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from app import logs
from bot.launch import Framework
from tests.bot.test_flow_vote_support import RECEIPT, VOTING, add_candidates
from tests.bot.test_flow_vote_support import voting_group as sw_group
from tests.builders import REGISTRATION_OPENS, election
from tests.e2e.scene import VAULT, migrated_sqlite, scene
from tests.faults.voter_support import CONFIRM, RECORDED, to_confirmation
from tests.waiting import act

CANDIDATES = ["Zhanargul Seitkali", "Bolat Ospanov"]
CHOSEN = "Zhanargul Seitkali"
CANARY = "capture check"


class Keeper(logging.Handler):
    """Keep every formatted record, traceback and all."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("sandbox"):
            self.lines.append(self.format(record))


@contextmanager
def logging_as_in_production() -> Iterator[Keeper]:
    """Configure logging as `saylau run --log-level DEBUG` does, and keep what passes."""
    root = logging.getLogger()
    saved = {name: logging.getLogger(name).level for name in ("", *logs._CHATTY)}
    keeper = Keeper()
    logs.configure("DEBUG")
    root.setLevel(logging.DEBUG)
    root.addHandler(keeper)
    try:
        yield keeper
    finally:
        root.removeHandler(keeper)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("framework", list(Framework))
async def test_debug_logs_of_a_whole_conversation_with_a_vote_name_nobody(
    framework: Framework, tmp_path: Path
) -> None:
    url = migrated_sqlite(tmp_path / "saylau.db")
    start = REGISTRATION_OPENS + timedelta(hours=1)
    with logging_as_in_production() as keeper:
        logging.getLogger("bot.flows").debug(CANARY)
        async with scene(framework, url, election(sw_group()), start) as stage:
            user = stage.emulator.add_user(
                "Aigerim", last_name="Nurlanovna", username="aigerim_kz", language_code="en"
            )
            phone = stage.emulator.phone(user)
            await act(phone, phone.start("g-ccm-2024_SW"), "Do you agree", timeout=10)
            await act(phone, phone.tap("I agree"), "what would you like to do", timeout=10)
            await act(phone, phone.tap("Register to vote"), "which region", timeout=10)
            await act(phone, phone.tap("Almaty"), "Region: Almaty", timeout=10)
            await act(phone, phone.tap("Register"), "you are a voter", timeout=10)
            ids = await add_candidates(stage.uow_factory, VAULT, "SW", CANDIDATES)
            stage.clock.advance(VOTING - stage.clock.now())
            await to_confirmation(phone, CHOSEN, timeout=10)
            await act(phone, phone.tap(CONFIRM), RECORDED, timeout=10)
            [receipt] = RECEIPT.findall(phone.transcript().render())
            await act(phone, phone.send("/board"), receipt.split("-")[1], timeout=10)
            pseudonym = stage.pseudonym(phone)
    secrets = {
        "Telegram id": str(user.id),
        "first name": "Aigerim",
        "last name": "Nurlanovna",
        "username": "aigerim_kz",
        "pseudonym": pseudonym,
        "chosen candidate": CHOSEN,
        "chosen candidate's id": ids[CHOSEN],
        "receipt": receipt,
    }
    assert any(CANARY in line for line in keeper.lines), "the capture misses DEBUG records"
    leaks = leaked(keeper.lines, secrets)
    assert leaks == {}, f"the log shows {leaks}"


def leaked(lines: list[str], secrets: dict[str, str]) -> dict[str, set[str]]:
    """What each logger gave away: logger name -> the kinds of secret found in its lines."""
    found: dict[str, set[str]] = {}
    for line in lines:
        for what, value in secrets.items():
            if value.lower() in line.lower():
                found.setdefault(line.split(" ", 1)[0], set()).add(what)
    return found
