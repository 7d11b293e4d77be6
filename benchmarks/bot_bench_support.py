"""What the bot benchmarks share: a PostgreSQL database of their own, one group at its voting
stage with voters admitted straight into the store (registration is not what is timed), Saylau's
bot on the in-process emulator, phones that vote and wait for the answer, and load loops.

Screens and buttons are recognised by the catalogue's words (admin_cli.demo.words), as the demo's
simulated people do, so a reworded sentence does not break the benchmarks.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from admin_cli.demo.words import fragment, keys_under, label
from bot.assembly import BotParts
from bot.composer import CatalogueComposer
from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue
from bot.launch import Connection, Framework, running
from bot.vault import Vault
from core.application import Application, SealedForm, application_purpose, to_json
from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig
from core.model import Candidate, CandidateStatus, Person, Voter, VoterStatus
from core.ports import Clock
from core.privacy import Pseudonymizer, Sealer
from core.regulation import Names, Regulation
from core.services.load_election import load_election
from core.services.reminders import send_due_reminders
from core.services.schedule import advance_due_stages
from sandbox.models import StoredMessage
from sandbox.phone import Phone
from sandbox.server import Emulator
from storage.db import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1/postgres")
START = datetime(2024, 8, 1, 4, tzinfo=UTC)
VOTING = START + timedelta(days=22)  # the vote opened a day before
CYCLE, GROUP, CANDIDATES = "ccm-2024", "PLHIV", ("Aigul", "Bolat", "Dana")
VAULT = Vault(Pseudonymizer(b"p" * 32), Sealer(b"d" * 32))
WAIT = 120.0  # wall seconds a phone waits for an answer (an overloaded bot has a queue)
CONFIRM, REVIEW, ABSTAIN = (label("ru", f"vote.{k}") for k in ("confirm_button", "review",
                                                               "abstain"))  # fmt: skip
RECORDED = (fragment("ru", "vote.recorded"), fragment("ru", "vote.recorded_again"))
RECEIPT = re.compile(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
REFUSALS = {  # answers that end a voter's way to the box without a receipt
    key: fragment("ru", key)
    for key in ("vote.nothing_open", "vote.already_voted", "common.try_again_later",
                "common.button_expired", *keys_under("reasons.voting."),
                *keys_under("reasons.ballot."))
}  # fmt: skip


class BenchClock:
    """The election's clock: stands still at `at` until `run(speed)`, then runs `speed` times
    as fast as the wall clock (so that five election minutes can take fewer real ones)."""

    def __init__(self, at: datetime) -> None:
        self.at, self.speed, self.since = at, 0.0, time.monotonic()

    def now(self) -> datetime:
        return self.at + timedelta(seconds=self.speed * (time.monotonic() - self.since))

    def run(self, speed: float) -> None:
        self.at, self.speed, self.since = self.now(), speed, time.monotonic()


async def _on_server(statement: str) -> None:
    engine = create_engine(POSTGRES, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql(statement)
    finally:
        await engine.dispose()


@asynccontextmanager
async def database(url: str | None = None) -> AsyncIterator[str]:
    """The empty database at `url`, migrated; or a new PostgreSQL one, dropped afterwards."""
    if url is not None:
        await asyncio.to_thread(upgrade, url)
        yield url
        return
    name = f"saylau_bench_{secrets.token_hex(6)}"
    await _on_server(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _election(voting_closes: datetime) -> ElectionConfig:
    day = timedelta(days=1)
    at = [START + n * day for n in (0, 5, 10, 18, 20, 21)] + [voting_closes, voting_closes + day]
    calendar = GroupCalendar(**dict(zip(GroupCalendar.model_fields, at, strict=True)))
    names = Names(ru="ЛЖВ", kk="АИТВ", en="PLHIV")
    cycle = CycleInfo(code=CYCLE, names=names, year=2024, starts=START, ends=at[-1] + day)
    group = GroupConfig(code=GROUP, names=names, regulation=Regulation(), calendar=calendar)
    return ElectionConfig(cycle=cycle, groups=(group,))


async def prepare(
    make_uow: Callable[[], SqlUnitOfWork], clock: Clock, emulator: Emulator, voters: int,
    voting_closes: datetime,
) -> list[Phone]:  # fmt: skip
    """Load the election, admit three candidates and `voters` voters; return the voters' phones."""
    await load_election(_election(voting_closes), make_uow(), clock, VAULT.name_key)
    # What the bot's scheduler does as it starts, done while nobody is admitted: the "voting is
    # open" announcement and the reminders due reach no phone, whose chats then hold only what
    # the benchmark asked for.
    composer = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
    await advance_due_stages(make_uow(), composer, clock, sealer=VAULT.sealer)
    await send_due_reminders(make_uow(), composer, clock)
    phones = [emulator.phone(emulator.add_user(f"Voter {n}")) for n in range(voters)]
    async with make_uow() as uow:  # one transaction: thousands of voters in seconds
        stored = await uow.groups.get(CYCLE, GROUP)
        assert stored is not None and stored.id is not None
        for order, name in enumerate(CANDIDATES, start=1):
            who = VAULT.pseudonym(-order)  # candidates never use the bot here
            form = SealedForm(Application(name=name, statement=f"{name}."), VAULT.name_key(name))
            sealed = VAULT.sealer.seal(to_json(form), application_purpose(who))
            await uow.people.save(Person(who, consent_at=START))
            await uow.candidates.add(
                Candidate(stored.id, who, CandidateStatus.ADMITTED, START, START, sealed, order)
            )
        for phone in phones:
            who = VAULT.pseudonym(phone.user.id)
            await uow.people.save(Person(who, "ru", VAULT.seal_chat(phone.chat.id), START))
            await uow.voters.add(Voter(stored.id, who, VoterStatus.ADMITTED, START, region="ALA"))
        await uow.commit()
    return phones


def saylau(
    framework: Framework, emulator: Emulator, make_uow: Callable[[], SqlUnitOfWork], clock: Clock
) -> AbstractAsyncContextManager[None]:
    """Saylau's bot with its scheduler and paced sender, as `saylau run` starts them."""
    parts = BotParts(uow_factory=make_uow, vault=VAULT, clock=clock)
    return running(framework, Connection(emulator.token, emulator.url, poll_timeout=1), parts)


def offers(phone: Phone, button: str) -> bool:
    newest = phone.last_message
    return newest is not None and any(button in row for row in newest.buttons)


def refusals_in(texts: Iterable[str]) -> list[str]:
    """The catalogue keys of the refusals among `texts`."""
    return [key for text in texts for key, words in REFUSALS.items() if words in text]


async def step(phone: Phone, action: Awaitable[Any], expect: str) -> bool:
    """Act, then wait until the newest message offers `expect` (True) or a refusal comes."""
    seen = len(phone.conversation.bot_messages)
    await action

    def settled() -> bool:
        fresh = [m.text or "" for m in phone.conversation.bot_messages[seen:]]
        return offers(phone, expect) or bool(refusals_in(fresh))

    await phone.wait_until(settled, WAIT)
    return offers(phone, expect)


async def to_confirmation(phone: Phone, choice: str | None) -> bool:
    """/vote, mark `choice` (None: abstain) and reach Confirm; False if refused on the way."""
    if not await step(phone, phone.send("/vote"), ABSTAIN):
        return False
    if choice is None:
        return await step(phone, phone.tap(ABSTAIN), CONFIRM)
    marked = await step(phone, phone.tap(f"☐ {choice}"), f"☑ {choice}")
    return marked and await step(phone, phone.tap(REVIEW), CONFIRM)


@dataclass
class Cast:
    """One voter's tap on Confirm, and what the chat has shown since (read live)."""

    phone: Phone
    confirm: StoredMessage  # the receipt is written over it
    before: str | None
    seen: int  # bot messages in the chat before the tap
    seconds: float = 0.0  # tap to the receipt, or to a refusal of every tap

    def replies(self) -> list[str]:
        fresh = [m.text or "" for m in self.phone.conversation.bot_messages[self.seen :]]
        return ([self.confirm.text or ""] if self.confirm.text != self.before else []) + fresh

    def receipts(self) -> list[str]:
        """Codes the bot said it recorded (not those it repeats when refusing a second vote)."""
        recorded = [t for t in self.replies() if any(words in t for words in RECORDED)]
        return [code for text in recorded for code in RECEIPT.findall(text)]

    def refusals(self) -> list[str]:
        return refusals_in(self.replies())


async def cast(phone: Phone, taps: int = 1) -> Cast:
    """Tap Confirm `taps` times at once (a nervous double tap) and wait for a receipt, or for a
    refusal of every tap; after `WAIT` seconds the caller finds neither."""
    confirm = phone.last_message
    assert confirm is not None
    done = Cast(phone, confirm, confirm.text, len(phone.conversation.bot_messages))
    started = time.perf_counter()
    for _ in range(taps):
        await phone.tap(CONFIRM, confirm)
    with suppress(TimeoutError):
        await phone.wait_until(lambda: bool(done.receipts()) or len(done.refusals()) >= taps, WAIT)
    done.seconds = time.perf_counter() - started
    return done


def percentile(latencies: Sequence[float], share: int) -> float:
    """The `share`-th percentile, in milliseconds."""
    return statistics.quantiles(latencies, n=100, method="inclusive")[share - 1] * 1000


async def closed_loop(actions: Sequence[Callable[[], Awaitable[object]]], in_flight: int) -> float:
    """Keep `in_flight` actions going until all are done; return the wall seconds."""
    pending, started = iter(actions), time.perf_counter()

    async def worker() -> None:
        for action in pending:  # one iterator shared: each action runs once
            await action()

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return time.perf_counter() - started


async def open_loop(actions: Sequence[Callable[[], Awaitable[float]]], rate: float) -> list[float]:
    """Start action n at n / rate seconds, whatever the answers; return what each returns."""
    loop = asyncio.get_running_loop()
    begin = loop.time()

    async def at(n: int, action: Callable[[], Awaitable[float]]) -> float:
        await asyncio.sleep(max(0.0, begin + n / rate - loop.time()))
        return await action()

    return list(await asyncio.gather(*(at(n, a) for n, a in enumerate(actions))))
