"""A known-answer election through each framework (issue #5): fifty scripted voters vote on their
phones in a group with a member contest and an alternate contest, some blank, some voting again
(the regulation allows it), some tapping Confirm twice, one too late. The commission's /results
closes the vote; the count must equal, exactly, the one this test works out from the script
alone. Both frameworks are held to that one answer, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from bot.launch import Framework
from core.election import Seat
from core.regulation import CompetitionRule
from core.result_codec import result_from_json
from sandbox.phone import Phone
from tests.bot.test_flow_vote_support import CYCLE, add_candidates, voting_group
from tests.builders import election
from tests.e2e.scene import Scene, scene
from tests.e2e.test_e2e_voting import AFTER, VOTING, commission_member, elector
from tests.waiting import act

pytestmark = pytest.mark.slow
ELECTION = election(voting_group(rule=CompetitionRule.PARALLEL_CONTESTS, revote=True))
NAMES = {"A": "Aigul", "B": "Bolat", "D": "Dana", "E": "Erlan"}
# Each voter's ballot: the member mark, then the alternate mark; "-" abstains in that contest.
# "+" votes again afterwards (the ballot in REVOTES replaces the first); "!" taps Confirm twice.
SCRIPT = (
    "AA",  "AB",  "BA",  "AD",  "A-",  "DB",  "AB!", "EB",  "AA",  "BD",
    "--",  "AA",  "BB",  "DA",  "AE",  "AA",  "B-+", "-B",  "AD",  "EA",
    "AA",  "DD",  "AB+", "BA",  "AE",  "EB",  "A-",  "BB",  "AD",  "-A",
    "BA",  "AA",  "DB",  "AB!", "A-",  "BE",  "EE",  "AA",  "-D",  "DA",
    "AB+", "BA",  "AD",  "EB",  "--",  "AB",  "BD",  "DA",  "AB",  "EA",
)  # fmt: skip
REVOTES = {16: "AB", 22: "-D", 40: "EE"}  # by voter number: their second and final ballot
LATE = "DD"  # confirmed a moment after the close: not counted, only reported as late
CONFIRM = "✅ Подтвердить и отправить"
# Ten phones at a time: SQLite takes one writer at a time, and more only queue for its lock.
AT_ONCE = 10
WINNERS = ("Aigul", "Bolat")  # the member; the alternate (Aigul also leads there, but is seated)
# Ten people at once on two shared cores: an answer may take longer than the usual 5 s.
PATIENCE = 20


@dataclass(frozen=True)
class Outcome:
    """What the close computed, in names: per contest the votes, blank, invalid and late counts."""

    votes: dict[str, dict[str, int]]  # contest kind -> candidate -> votes
    blank: dict[str, int]
    invalid: dict[str, int]
    late: dict[str, int]
    elected: tuple[tuple[str, str, int], ...]  # (seat, candidate, votes), member first


def expected() -> Outcome:
    """Count the script by hand: last ballots only; a member is skipped in the alternate contest."""
    assert {n for n, marks in enumerate(SCRIPT) if "+" in marks} == set(REVOTES)
    finals = [REVOTES.get(n, marks[:2]) for n, marks in enumerate(SCRIPT)]
    votes, blank = {}, {}
    for place, kind in enumerate(("member", "alternate")):
        marks = Counter(ballot[place] for ballot in finals)
        blank[kind] = marks.pop("-", 0)
        votes[kind] = {name: marks[letter] for letter, name in NAMES.items()}
    member = _leader(votes["member"], ())
    alternate = _leader(votes["alternate"], (member,))
    elected = (
        ("member", member, votes["member"][member]),
        ("alternate", alternate, votes["alternate"][alternate]),
    )
    # The bot lets nobody mark too many, and no candidate withdraws: nothing can be invalid.
    none = {"member": 0, "alternate": 0}
    return Outcome(votes, blank, none, {"member": 1, "alternate": 1}, elected)


def _leader(votes: dict[str, int], seated: Sequence[str]) -> str:
    ranked = sorted(((n, who) for who, n in votes.items() if who not in seated), reverse=True)
    assert ranked[0][0] > ranked[1][0], "the script must not tie for a seat: no lot to redo"
    return ranked[0][1]


async def to_confirmation(phone: Phone, marks: str) -> None:
    """Open the ballot and mark both contests (a letter, or "-" to abstain) up to Confirm."""
    await act(phone, phone.send("/vote"), "голосование 1 из 2", timeout=PATIENCE)
    for place, shown in ((0, "голосование 2 из 2"), (1, "Отправить?")):
        letter = marks[place]
        if letter == "-":
            await act(phone, phone.tap("Воздержаться (пустой бюллетень)"), shown, timeout=PATIENCE)
            continue
        await act(phone, phone.tap(f"☐ {NAMES[letter]}"), f"☑ {NAMES[letter]}", timeout=PATIENCE)
        onward = "Далее ▶" if place == 0 else "Проверить и отправить ▶"
        await act(phone, phone.tap(onward), shown, timeout=PATIENCE)


async def cast(phone: Phone, marks: str, again: bool = False) -> None:
    """Vote `marks` and confirm: once, or twice in a row with "!"."""
    await to_confirmation(phone, marks)
    recorded = "Ваш новый голос записан" if again else "Ваш голос записан"
    if marks.endswith("!"):  # both taps leave before the bot answers either, as a hurried thumb's
        await phone.tap(CONFIRM)
        await act(phone, phone.tap(CONFIRM), "уже записан", timeout=PATIENCE)
    else:
        await act(phone, phone.tap(CONFIRM), recorded, timeout=PATIENCE)
    assert phone.transcript().render().count(recorded) == 1


async def voter(stage: Scene, number: int) -> None:
    phone = await elector(stage, f"Voter{number}")
    marks = SCRIPT[number]
    await cast(phone, marks)
    if number in REVOTES:
        await cast(phone, REVOTES[number], again=True)


async def observed(stage: Scene, commission: Phone, ids: dict[str, str]) -> tuple[Outcome, str]:
    """Close through the commission's /results; read the stored result and the count shown."""
    await act(commission, commission.send("/results"), "ждёт подтверждения", timeout=PATIENCE)
    shown = commission.transcript().texts("bot")[-1]
    names = {ids[name]: name for name in NAMES.values()}
    async with stage.uow_factory() as uow:
        group = await uow.groups.get(CYCLE, "SW")
        [stored] = await uow.results.versions(group.id)
        late = {
            c.kind.value: await uow.votes.count_late(c.id)
            for c in await uow.contests.for_group(group.id)
        }
    result = result_from_json(stored.result)
    vacant = [result.vacancies(seat) for seat in Seat]
    assert (result.repeat_votes, result.lot_draws, vacant) == ((), (), [0, 0])
    contests = {c.kind.value: c for c in result.contests}
    outcome = Outcome(
        votes={k: {names[i]: n for i, n in c.votes.items()} for k, c in contests.items()},
        blank={k: c.blank for k, c in contests.items()},
        invalid={k: c.invalid_total for k, c in contests.items()},
        late=late,
        elected=tuple((e.place.seat.value, names[e.candidate_id], e.votes) for e in result.elected),
    )
    return outcome, shown


def count_text(outcome: Outcome, ids: dict[str, str]) -> str:
    """The count /results shows for `outcome`, as the commission reads it."""
    parts = []
    for kind, title in (("member", "члена СКК"), ("alternate", "альтерната")):
        votes = outcome.votes[kind]
        ranked = sorted(votes, key=lambda name: (-votes[name], list(NAMES.values()).index(name)))
        lines = [f"Голосование за {title}"] + [f"{n} ({ids[n]}): {votes[n]}" for n in ranked]
        lines.append(
            f"Учтено бюллетеней: {sum(votes.values())}; пустых: {outcome.blank[kind]}; "
            f"недействительных: {outcome.invalid[kind]}; "
            f"опоздавших, не учтённых: {outcome.late[kind]}"
        )
        parts.append("\n".join(lines))
    seats = {"member": "Член СКК", "alternate": "Альтернат"}
    elected = [f"{seats[s]}: {n} ({ids[n]}), голосов: {v}" for s, n, v in outcome.elected]
    parts.append("\n".join(["Избраны:", *elected]))
    return "Sex workers: подсчёт (версия 1, ждёт подтверждения мандатной комиссии)\n\n" + (
        "\n\n".join(parts)
    )


@pytest.mark.parametrize("framework", list(Framework))
async def test_the_count_is_the_known_answer_through_each_framework(
    framework: Framework, database_url: str
) -> None:
    answer = expected()
    assert tuple(name for _, name, _ in answer.elected) == WINNERS
    async with scene(framework, database_url, ELECTION, VOTING) as stage:
        ids = await add_candidates(stage.uow_factory, stage.vault, "SW", list(NAMES.values()))
        commission = await commission_member(stage)
        latecomer = await elector(stage, "Late")
        # People vote at once, a few at a time, as they would; each one's taps stay in order.
        for start in range(0, len(SCRIPT), AT_ONCE):
            group = range(start, min(start + AT_ONCE, len(SCRIPT)))
            await asyncio.gather(*(voter(stage, number) for number in group))
        await to_confirmation(latecomer, LATE)
        stage.clock.set(AFTER)
        await act(latecomer, latecomer.tap(CONFIRM), "Голосование закрыто", timeout=PATIENCE)
        outcome, shown = await observed(stage, commission, ids)
    assert outcome == answer
    assert shown == count_text(answer, ids)
