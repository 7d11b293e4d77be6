"""How long counting a million ballots takes on PostgreSQL, the way the product counts them.

One group, one contest, five candidates, two marks allowed; its contest is filled with closed,
counted ballots by COPY, and what the close records (its log entry, result version 1 counted
the close's way) is written (none of this is timed). Timed, in the same run, best of
``--repeat``: the product's recount (``core.services.recount``, what `saylau audit verify` runs
on every closed group: the database groups the ballots by marking, the tally runs over the
distinct markings) against a baseline (a bare ``SELECT choices FROM ballots WHERE contest_id =
$1`` fetched with asyncpg), whose ratio survives a noisy machine; and, for comparison, the
close's way (every ballot read through the repository into records, counted and tallied), with
the fingerprint the close and `verify` take of the records timed apart.

Run: ``.venv/bin/python -m benchmarks.tally_bench [--ballots 1000000] [--repeat 2] [--profile]``
(``--profile`` prints where the product's count spends its time). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import random
import resource
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg

from benchmarks.bench_election import GROUP, VAULT, FixedClock, add_candidates, calendar, election
from benchmarks.scratch_db import asyncpg_dsn, scratch_database, server_url
from core.audit import AuditEvent
from core.counting import ballot_record, counts, records_digest, tally_records
from core.ports_voting import StoredResult
from core.regulation import Competition, Regulation, Seats
from core.result_codec import result_to_json
from core.services.context import find_group, group_id
from core.services.electorate import group_contests, standing_candidates, standings, tally_kind
from core.services.load_election import load_election
from core.services.recount import recount_group
from core.tally import TallyRules
from storage.tables import ballots as ballots_table
from storage.uow import SqlUnitOfWork, open_database

VOTING = datetime.now(UTC).replace(microsecond=0) - timedelta(days=10)
CLOSED = VOTING + timedelta(days=8)
REGULATION = Regulation(competition=Competition(seats=Seats(members=2, alternates=2), choices=2))
BLANK_SHARE = 0.03


def _rows(contest_id: int, candidates: list[str], count: int) -> Iterator[tuple[Any, ...]]:
    """Counted ballots as COPY rows, with only the columns the ballots table has today."""
    columns = [column.name for column in ballots_table.columns]
    draw = random.Random(2024)
    for _ in range(count):
        ballot_id = secrets.token_hex(16)
        marks = 0 if draw.random() < BLANK_SHARE else draw.choice((1, 1, 2))
        values = {
            "id": ballot_id,
            "contest_id": contest_id,
            "choices": json.dumps(draw.sample(candidates, marks)),
            "status": "counted",
        }
        yield tuple(values.get(column) for column in columns)


async def _fill(url: str, count: int) -> int:
    """Load the election and its candidates, COPY the ballots in; return the contest's id."""
    async with open_database(url) as factory:
        config = election(calendar(VOTING, timedelta(days=7)), REGULATION)
        await load_election(config, factory(), FixedClock(VOTING), VAULT.name_key)
        ids = await add_candidates(factory, VOTING - timedelta(days=2))
        async with factory() as uow:
            [contest] = await group_contests(uow, await find_group(uow, GROUP))
    assert contest.id is not None
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        columns = [column.name for column in ballots_table.columns]
        rows = _rows(contest.id, list(ids.values()), count)
        await connection.copy_records_to_table("ballots", records=rows, columns=columns)
        await connection.execute("ANALYZE ballots")  # as autovacuum would, long before a close
    finally:
        await connection.close()
    return contest.id


async def _baseline(url: str, contest_id: int) -> float:
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        began = time.perf_counter()
        rows = await connection.fetch(
            "SELECT choices FROM ballots WHERE contest_id = $1", contest_id
        )
        elapsed = time.perf_counter() - began
    finally:
        await connection.close()
    assert rows
    return elapsed


async def _product_count(uow: SqlUnitOfWork, seed: str = "bench-seed") -> dict[str, Any]:
    """What the close does to count, without its rewrite: repository, records, counts, seats."""
    began = time.perf_counter()
    group = await find_group(uow, GROUP)
    standing = standings(await standing_candidates(uow, group))
    records: dict[Any, list[dict[str, Any]]] = {}
    fetched = 0.0
    for contest in await group_contests(uow, group):
        assert contest.id is not None
        read = time.perf_counter()
        stored = await uow.votes.ballots(contest.id)
        fetched += time.perf_counter() - read
        records[tally_kind(contest)] = [ballot_record(ballot) for ballot in stored]
        del stored
    tallies = [counts(contest_records) for contest_records in records.values()]
    rules = TallyRules.from_regulation(group.regulation)
    result = tally_records(rules, standing, records, seed)
    total = time.perf_counter() - began
    began = time.perf_counter()
    for contest_records in records.values():
        records_digest(contest_records)
    digest = time.perf_counter() - began
    ballots = sum(tally.total for tally in tallies)
    return {
        "total": total,
        "fetch": fetched,
        "digest": digest,
        "ballots": ballots,
        "result": result,
    }


async def _product(url: str, profile: bool) -> dict[str, Any]:
    async with open_database(url) as factory, factory() as uow:
        await uow.contests.for_group(0)  # open the connection before the clock starts
        if not profile:
            return await _product_count(uow)
        profiler = cProfile.Profile()
        profiler.enable()
        figures = await _product_count(uow)
        profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    return figures


async def _record_close(url: str) -> None:
    """Write what the close records, counted the close's way: its log entry and version 1."""
    async with open_database(url) as factory, factory() as uow:
        group = await find_group(uow, GROUP)
        standing = standings(await standing_candidates(uow, group))
        candidates = [[s.candidate_id, s.application_order] for s in standing]
        event = AuditEvent("voting.closed", group=GROUP, payload={"candidates": candidates})
        entry = await uow.audit.append(event, CLOSED)
        counted = await _product_count(uow, entry.prev_hash)
        data = result_to_json(counted["result"])
        await uow.results.add(StoredResult(group_id(group), 1, data, entry.prev_hash, CLOSED))
        await uow.commit()


async def _recount(url: str) -> tuple[float, bool]:
    """Time the product's recount of the stored ballots (what `saylau audit verify` runs)."""
    async with open_database(url) as factory:
        async with factory() as uow:
            await uow.contests.for_group(0)  # open the connection before the clock starts
        began = time.perf_counter()
        recount = await recount_group(factory(), group_code=GROUP)
        return time.perf_counter() - began, recount.matches


async def measure(
    quick: bool = False, ballots: int | None = None, repeat: int = 2, profile: bool = False
) -> dict[str, Any]:
    count = ballots or (100_000 if quick else 1_000_000)
    async with scratch_database(server_url(), "tally") as url:
        began = time.perf_counter()
        contest_id = await _fill(url, count)
        filled = time.perf_counter() - began
        await _baseline(url, contest_id)  # warm the cache for both
        await _record_close(url)
        baselines, products, recounts = [], [], []
        for _ in range(max(1, repeat)):
            baselines.append(await _baseline(url, contest_id))
            recounts.append(await _recount(url))
            products.append(await _product(url, profile))
    best = min(products, key=lambda figures: figures["total"])
    recount, matches = min(recounts)
    baseline = min(baselines)
    elected = ", ".join(f"{e.place.seat.value} {e.candidate_id}" for e in best["result"].elected)
    print(f"{count:,} counted ballots in one contest, COPY-filled in {filled:.1f} s")
    print(f"baseline: SELECT choices with asyncpg      {baseline:6.2f} s")
    print(f"recount (audit verify): SQL-grouped tally {recount:6.2f} s  (matches: {matches})")
    print(f"  ratio recount / baseline                 {recount / baseline:6.2f}x")
    print(f"close's way: repository + records + tally {best['total']:6.2f} s")
    print(f"  of which the repository's read           {best['fetch']:6.2f} s")
    print(f"  ratio product / baseline                 {best['total'] / baseline:6.1f}x")
    print(f"fingerprint of the records (close, verify) {best['digest']:6.2f} s")
    print(f"counted {best['ballots']:,}; elected: {elected}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process's peak RSS so far {peak:.0f} MB (the product's records are all in memory)")
    return {
        "tally_ballots": count,
        "tally_1m_seconds": round(recount, 3),
        "tally_1m_matches": matches,
        "tally_1m_baseline_seconds": round(baseline, 3),
        "tally_1m_ratio": round(recount / baseline, 2),
        "tally_1m_records_seconds": round(best["total"], 3),
        "tally_1m_fetch_seconds": round(best["fetch"], 3),
        "tally_1m_digest_seconds": round(best["digest"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    asyncio.run(measure(False, arguments.ballots, arguments.repeat, arguments.profile))


if __name__ == "__main__":
    main()
