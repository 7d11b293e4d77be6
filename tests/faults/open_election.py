"""An election whose voting is open now, on the wall clock that `saylau run` goes by.

One group, SW, with two candidates (Aigul and Bolat), voters admitted straight into the database
as tests/bot/test_flow_vote_support.py does, each with a phone on the emulator, and the stages up
to voting already announced, as by a bot that had been running all along. No tests here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.composer import CatalogueComposer
from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue
from core.election import CycleInfo, ElectionConfig
from core.services.load_election import load_election
from core.services.schedule import advance_due_stages
from sandbox.phone import Phone
from sandbox.server import Emulator
from storage.testing import sql_uow_factory
from tests.bot.test_flow_vote_support import CYCLE, add_candidates, admit_voter, rules
from tests.builders import group, names
from tests.e2e.scene import VAULT
from tests.fakes import FakeClock

GROUP = "SW"
CANDIDATES = ("Aigul", "Bolat")
MakeUow = Callable[[], Any]


def voting_now(now: datetime) -> ElectionConfig:
    """One group, SW, whose voting opened a day before `now` and closes six days after it."""
    start = now - timedelta(days=22)  # tests.builders.calendar: voting from day 21 to day 28
    cycle = CycleInfo(
        code=CYCLE,
        names=names("CCM elections"),
        year=now.year,
        starts=start - timedelta(days=1),
        ends=start + timedelta(days=120),
    )
    return ElectionConfig(cycle=cycle, groups=(group(GROUP, rules=rules(), start=start),))


def after_the_close(now: datetime) -> FakeClock:
    """A clock past `voting_now(now)`'s close, for counting the vote."""
    return FakeClock(now + timedelta(days=7))


async def prepare_election(url: str, emulator: Emulator, voters: int, now: datetime) -> list[Phone]:
    """Load the election with its two candidates and admit `voters` people; return their phones."""
    phones = [
        emulator.phone(emulator.add_user(f"Voter{n}", language_code="en")) for n in range(voters)
    ]
    async with sql_uow_factory(url) as factory:
        await load_election(voting_now(now), factory(), FakeClock(now), VAULT.name_key)
        await announce_voting(factory, now)
        await add_candidates(factory, VAULT, GROUP, list(CANDIDATES))
        for phone in phones:
            pseudonym = VAULT.pseudonym(phone.user.id)
            await admit_voter(factory, VAULT, GROUP, pseudonym, phone.chat.id, "en")
    return phones


async def announce_voting(factory: MakeUow, now: datetime) -> None:
    """Record the stages up to voting as announced already, as a bot running all along had.

    Voters are admitted afterwards, so that the restarted bot has no announcement to send.
    """
    composer = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
    await advance_due_stages(factory(), composer, FakeClock(now), sealer=VAULT.sealer)
