"""Fuzzing every conversation: random texts, buttons, forged and stale callbacks, commands.

Four people (a fresh one, an admitted voter, a pledged commission member, and a stranger who
never opened the bot) take turns doing random things at a random stage of the election
(registration, voting, after the close): typing long, empty, emoji, right-to-left,
control-character and HTML-looking texts; sending any command
with any argument; pressing a button on screen, a button of an older message, or callback data
of their own invention; uploading files; editing; writing in a group chat. Whatever happens, the
bot must never fail (no "try again later" apology, no error in the runtime's log), every
conversation must still open and answer /start, nobody is a voter twice in a group, and there is
no ballot without its voter's marker. Hypothesis runs derandomised, so the examples are the same
on every run.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.translate import RawUpdate
from core.model import Role
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.bot.test_flow_vote_support import (
    AFTER,
    CYCLE,
    VOTING,
    add_candidates,
    admit_voter,
    grant_role,
    voting_group,
)
from tests.builders import REGISTRATION_OPENS, election, group
from tests.services.voting_support import ballots_in_box

ELECTION = election(voting_group("SW"), group("PLHIV", title="People living with HIV"))
MOMENTS = (REGISTRATION_OPENS + timedelta(hours=1), VOTING, AFTER)
COMMANDS = (
    *("start", "help", "language", "register", "apply", "status", "review", "observe"),
    *("complaint", "link", "announce", "deadline", "groups", "vote", "results", "board"),
    *("unknown", "START", "start@saylau_bot"),
)
ARGUMENTS = ("", "g-ccm-2024_SW", "ccm-2024_SW", "ccm-2024_PLHIV", "g-nope_XX", "r-forged", "SW")
AWKWARD = (
    "",
    " ",
    "א" * 5000,
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "\x00\x01\x07\x1b[31m",
    "<b>bold</b><script>alert(1)</script>&amp;",
    "👩🏽‍⚕️🏳️‍⚧️" * 300,
    "R-0000-0000-0000",
    "Алматы",
    "1",
    "{group}",
)
MIMES = ("application/pdf", "image/jpeg", "application/x-msdownload", "", "text/html")
texts = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=300))
USEFUL = (
    ("start", "g-ccm-2024_SW"),
    ("register", "ccm-2024_SW"),
    ("apply", "ccm-2024_SW"),
    ("vote", ""),
    ("review", ""),
    ("results", ""),
    ("board", ""),
    ("status", ""),
    ("complaint", "ccm-2024_SW"),
)
# Each person's way in, then chaos; the stranger never opens a conversation at all.
OPENINGS = ("/start g-ccm-2024_SW", "/vote", "/review", None)
useful = st.sampled_from(USEFUL).map(lambda command: ("command", *command))
by_kind = {
    "tap": st.tuples(st.just("tap"), st.integers(0, 60)),
    "useful": useful,
    "text": st.tuples(st.just("text"), texts),
    "command": st.tuples(st.just("command"), st.sampled_from(COMMANDS), st.sampled_from(ARGUMENTS)),
    "any_command": st.tuples(st.just("command"), st.sampled_from(COMMANDS), texts),
    "stale": st.tuples(st.just("stale"), st.integers(0, 10_000)),
    "press": st.tuples(st.just("press"), st.one_of(texts, st.binary(max_size=64).map(bytes.hex))),
    "upload": st.tuples(
        st.just("upload"), texts, st.integers(0, 50_000_000), st.sampled_from(MIMES)
    ),
    "edited": st.tuples(st.just("edited"), texts),
    "group_chat": st.tuples(st.just("group_chat"), texts),
}
# Buttons lead deep into a conversation, so they come most often; the rest disturb it.
weighted = ["tap"] * 12 + ["useful"] * 3 + ["text"] * 3 + ["any_command"] + list(by_kind)
actions = st.sampled_from(weighted).flatmap(lambda kind: by_kind[kind])
script = st.tuples(
    st.sampled_from(MOMENTS),
    st.lists(st.tuples(st.integers(0, 3), actions), min_size=8, max_size=40),
)


_updates = itertools.count(10**9)  # apart from the ids tests/bot/talk.py gives


class Failures(logging.Handler):
    """Keep the runtime's error records: each one is an update that failed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


@contextmanager
def runtime_failures() -> Iterator[Failures]:
    logger = logging.getLogger("bot.runtime")
    failures = Failures()
    logger.addHandler(failures)
    try:
        yield failures
    finally:
        logger.removeHandler(failures)


async def cast(stage: Bench) -> list[Person]:
    """A fresh person, an admitted voter and a pledged commission member of SW, a stranger."""
    await add_candidates(stage.uow, VAULT, "SW", ["Aigul", "Bolat", "Dana"])
    fresh, voter, member = stage.person("en"), stage.person("ru"), stage.person("kk")
    await admit_voter(stage.uow, VAULT, "SW", voter.pseudonym, voter.user_id, "ru")
    await grant_role(
        stage.uow, VAULT, "SW", member.pseudonym, member.user_id, Role.COMMISSION, "kk"
    )
    return [fresh, voter, member, stage.person(None)]


def buttons_seen(person: Person) -> list[str]:
    return [
        b["data"] for sent in person.inbox() for row in sent.buttons for b in row if "data" in b
    ]


async def act(person: Person, action: tuple[Any, ...]) -> None:
    """Do one random thing as `person`."""
    kind = action[0]
    if kind == "text":
        await person.send(action[1])
    elif kind == "command":
        await person.send(f"/{action[1]} {action[2]}".rstrip())
    elif kind == "tap":
        on_screen = next((s for s in reversed(person.inbox()) if s.labels()), None)
        data = [b["data"] for row in (on_screen.buttons if on_screen else []) for b in row]
        if data:
            await person.press(data[action[1] % len(data)])
    elif kind == "stale":
        seen = buttons_seen(person)
        if seen:
            await person.press(seen[action[1] % len(seen)])
    elif kind == "press":
        await person.press(action[1])
    elif kind == "upload":
        await person.upload(action[1] or "file", action[2], action[3])
    elif kind == "edited":
        await person.send(action[1], edited=True)
    else:
        raw = RawUpdate(next(_updates), person.user_id, -100_200_300, "supergroup", text=action[1])
        await person.bench.runtime.process(raw, person.bench.courier)


async def check_invariants(stage: Bench, people: list[Person]) -> None:
    async with stage.uow() as uow:
        for person in people:
            state = await uow.conversations.get(person.pseudonym)
            if state is not None:
                VAULT.open_notes(state.data, person.pseudonym)  # raises if corrupted
            registrations = [v.group_id for v in await uow.voters.for_person(person.pseudonym)]
            assert len(registrations) == len(set(registrations)), "a voter twice in a group"
        for code in ("SW", "PLHIV"):
            stored = await uow.groups.get(CYCLE, code)
            assert stored is not None and stored.id is not None
            for contest in await uow.contests.for_group(stored.id):
                assert contest.id is not None
                ballots = len(await ballots_in_box(uow, contest.id, VAULT.sealer))
                # One ballot per marker: none without its voter's mark, none left over a revote.
                assert ballots == await uow.votes.count_markers(contest.id)


async def play(moment: datetime, steps: list[tuple[int, tuple[Any, ...]]]) -> None:
    with runtime_failures() as failures:
        async with bench(ELECTION, moment) as stage:
            people = await cast(stage)
            for person, opening in zip(people, OPENINGS, strict=True):
                if opening is not None:
                    await person.send(opening)
            for who, action in steps:
                await act(people[who], action)
            apology = {
                stage.runtime.renderer.catalogue.text(language, "common.try_again_later")
                for language in ("ru", "kk", "en")
            }
            for person in people:
                before = len(person.inbox())
                await person.send("/start")
                assert len(person.inbox()) > before, "the conversation no longer answers /start"
            said = [sent.text for sent in stage.recorder.sent]
            assert not apology & set(said), f"an update failed: {failures.records}"
            assert failures.records == []
            await check_invariants(stage, people)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(script)
def test_random_input_into_every_conversation_never_breaks_the_bot(
    played: tuple[datetime, list[tuple[int, tuple[Any, ...]]]],
) -> None:
    asyncio.run(play(*played))
