"""A rush on the ballot box: voters arrive at random within the last five minutes of the vote,
by the election's clock, and vote through the bot while the close counts the box; then ballots
lost and doubled are counted (both must be 0).

Run: ``.venv/bin/python -m benchmarks.rush_bench [--voters 600] [--framework ptb|aiogram]
[--database-url URL] [--speed S]``; the full rush is ``--voters 2000`` (some six minutes). Prints
figures; asserts nothing. By default a new PostgreSQL database, dropped afterwards;
``--database-url`` names an empty one instead (migrated here, left as it is).

Everyone is admitted in the store beforehand. Each voter, at their moment: /vote, a mark (one in
ten abstains), Review, Confirm (one in twenty taps it twice at once). The election's clock runs
`speed` times as fast as the wall's, by default 2,000 / voters: voters then arrive as many per
wall second as in the full rush (6.7/s). At the end of the five minutes the vote is closed and
counted (close_voting, as the scheduler does), while the last casts are in flight; voters whose
ballot comes later are refused as late. Then, against the count (core.services.export):
- lost: a receipt shown that is not in the box, or a voter who tapped Confirm and got neither a
  receipt nor a refusal within two minutes;
- doubled: more ballots than voters marked as having voted or than voters told "recorded"
  (those with no answer aside), a receipt code twice in the box or shown to two voters, or two
  receipts shown to one voter.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from benchmarks import bot_bench_support as bench
from bot.launch import Framework
from core.services.closing import close_voting
from core.services.export import export_group
from sandbox.phone import Phone
from sandbox.testing import running_emulator
from storage.uow import SqlUnitOfWork, open_database

FULL_RUSH = 2000  # voters in five minutes: the pace the default speed keeps
ABSTAINING, DOUBLE_TAPPING = 0.1, 0.05


@dataclass
class Voter:
    phone: Phone
    arrives: float  # election seconds after the rush begins
    choice: str | None  # None: a blank ballot
    taps: int
    seen: int = 0  # bot messages in the chat before /vote
    stuck: bool = False  # no ballot screen within the wait, so never tapped Confirm
    tapped: bench.Cast | None = None

    def outcome(self) -> str:
        chat = self.phone.conversation.bot_messages[self.seen :]
        refused = bench.refusals_in(m.text or "" for m in chat)
        if self.tapped is not None and self.tapped.receipts():
            return "receipt"
        if refused:
            return f"refused ({refused[0]})"
        return "no answer" if self.tapped is not None else "no ballot screen"


@dataclass
class Rush:
    voters: int
    wall_seconds: float
    ballots: int = 0
    lost: int = 0
    doubled: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


async def vote(voter: Voter, speed: float) -> None:
    await asyncio.sleep(voter.arrives / speed)
    voter.seen = len(voter.phone.conversation.bot_messages)
    try:
        if await bench.to_confirmation(voter.phone, voter.choice):
            voter.tapped = await bench.cast(voter.phone, voter.taps)
    except TimeoutError:
        voter.stuck = True


async def close_when_due(
    clock: bench.BenchClock, make_uow: Callable[[], SqlUnitOfWork], closes: float
) -> None:
    """Close and count the vote when the election's clock reaches the close, as the scheduler
    does (its timer runs on the wall clock, so it would come late here)."""
    left = closes - clock.now().timestamp()
    await asyncio.sleep(max(0.0, left / clock.speed) + 0.01)  # the speed stays as it is
    await close_voting(make_uow(), clock, group_code=bench.GROUP, sealer=bench.VAULT.sealer)


def tally(voters: list[Voter], box: dict[str, Any], wall: float) -> Rush:
    [contest] = box["contests"]  # one contest under the default regulation
    in_box = Counter(contest["receipts"])
    rush = Rush(len(voters), wall, ballots=len(contest["ballots"]))
    shown: Counter[str] = Counter()
    for voter in voters:
        rush.outcomes[outcome := voter.outcome()] += 1
        codes = set(voter.tapped.receipts()) if voter.tapped else set()
        shown.update(codes)
        rush.lost += sum(code not in in_box for code in codes) + (outcome == "no answer")
        rush.doubled += max(0, len(codes) - 1)
    told = rush.outcomes["receipt"] + rush.outcomes["no answer"]
    rush.doubled += max(0, rush.ballots - contest["markers"], rush.ballots - told)
    rush.doubled += sum(n - 1 for n in in_box.values()) + sum(n - 1 for n in shown.values())
    return rush


async def rush(
    voters: int = 600,
    framework: Framework | str = Framework.PTB,
    database_url: str | None = None,
    speed: float | None = None,
    seed: int = 1,
) -> Rush:
    speed, window, draw = speed or max(1.0, FULL_RUSH / voters), 300.0, random.Random(seed)
    async with (
        running_emulator() as emulator,
        bench.database(database_url) as url,
        open_database(url) as make_uow,
    ):
        clock = bench.BenchClock(bench.VOTING)
        closes = bench.VOTING + timedelta(seconds=window)
        phones = await bench.prepare(make_uow, clock, emulator, voters, closes)
        crowd = [
            Voter(
                phone,
                draw.uniform(0, window),
                None if draw.random() < ABSTAINING else draw.choice(bench.CANDIDATES),
                2 if draw.random() < DOUBLE_TAPPING else 1,
            )
            for phone in phones
        ]
        async with bench.saylau(Framework(framework), emulator, make_uow, clock):
            clock.run(speed)
            started = time.perf_counter()
            closing = asyncio.create_task(close_when_due(clock, make_uow, closes.timestamp()))
            await asyncio.gather(*(vote(voter, speed) for voter in crowd))
            wall = time.perf_counter() - started
            await closing
        box = await export_group(make_uow(), group_code=bench.GROUP)
    return tally(crowd, box, wall)


async def measure(**options: Any) -> dict[str, float | int]:
    """The figures for benchmarks/results.json (options as for `rush`)."""
    found = await rush(**options)
    return {
        "rush_ballots_lost": found.lost,
        "rush_ballots_doubled": found.doubled,
        "rush_voters": found.voters,
        "rush_wall_seconds": found.wall_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=600)
    parser.add_argument("--framework", choices=[f.value for f in Framework], default="ptb")
    parser.add_argument("--database-url", help="an empty database (default: a new PostgreSQL one)")
    parser.add_argument("--speed", type=float, help="election seconds per wall second")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    found = asyncio.run(
        rush(options.voters, options.framework, options.database_url, options.speed, options.seed)
    )
    wall = found.wall_seconds
    print(f"rush: {found.voters} voters within 5 election minutes, {options.framework}, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"wall {wall:.1f} s; {found.ballots} ballots in the box: {found.ballots / wall:.1f} "
          f"ballots/s, {found.voters / wall:.1f} voters/s arrived")  # fmt: skip
    print("outcomes: " + ", ".join(f"{k} {n}" for k, n in found.outcomes.most_common()))
    print(f"ballots lost {found.lost}, doubled {found.doubled} (both must be 0)")


if __name__ == "__main__":
    main()
