"""Secrecy against a leaked database: a dump of every table, read without the keys.

Forty voters vote through the bot one minute apart, each for a different candidate, so the test
(and only the test) knows which ballot was cast when and by whom. After the close, an intruder
holding every row (and, on PostgreSQL, each row's version `xmin` and place `ctid`) must find no
column of the ballots or receipts, nor their order on disk, that follows the order of casting,
and no value of a ballot in any row about a person. With 40 ballots a random order gives
|rho| < 0.8 except with probability about 1e-6; a leak (a counter, a time, insertion order)
gives rho near 1.
"""

from __future__ import annotations

import json
import re

from core.services.closing import close_voting
from tests.bot.test_flow_vote_support import AFTER, CYCLE, VOTING, add_candidates, admit_voter
from tests.bot.test_flow_vote_support import voting_group as sw_group
from tests.builders import election
from tests.faults.fault_support import (
    VAULT,
    Dump,
    SqlStage,
    dump_tables,
    rank_correlation,
    sql_stage,
    text_of,
    vote_for,
)

VOTERS = 40
LINKED = 0.8  # |rho| above this links a column to the order of casting
NAMES = [f"Cand{number:02d}" for number in range(VOTERS)]
PERSONAL = ("vote_markers", "voters", "people", "conversations", "outbox", "late_votes", "roles")
CATEGORIES = ("contest_id", "status", "reason")  # the same for many ballots: they link nothing


async def cast_in_known_order(stage: SqlStage) -> tuple[dict[str, int], list[str], list[int]]:
    """Have voter i vote for candidate i at minute i; return what the test knows of each cast."""
    ids = await add_candidates(stage.uow, VAULT, "SW", NAMES)
    people = [stage.person("en") for _ in range(VOTERS)]
    for person in people:
        await admit_voter(stage.uow, VAULT, "SW", person.pseudonym, person.user_id, "en")
    receipts: dict[str, int] = {}
    for order, (person, name) in enumerate(zip(people, NAMES, strict=True)):
        receipts[await vote_for(person, name)] = order
        stage.clock.advance(minutes=1)
    choice_order = {ids[name]: order for order, name in enumerate(NAMES)}
    return receipts | choice_order, [p.pseudonym for p in people], [p.user_id for p in people]


def casting_order(dump: Dump, table: str, key: str, known: dict[str, int]) -> list[int]:
    """For each row of `table` in stored order, when it was cast (known to the test only)."""
    values = dump.column(table, key)
    if key == "choices":  # JSON: a list on PostgreSQL, its text on SQLite; one name each here
        values = [(json.loads(v) if isinstance(v, str) else v)[0] for v in values]
    return [known[v] for v in values]


def assert_nothing_follows_casting(dump: Dump, table: str, order: list[int]) -> None:
    assert len(order) == VOTERS, f"{table} should hold one row per voter"
    stored = rank_correlation(list(range(len(order))), order)
    assert abs(stored) < LINKED, f"{table}: stored order follows casting (rho={stored:.2f})"
    for name in dump.columns[table]:
        if name in ("choices", "code"):  # the test's own key to the casting order
            continue
        rho = rank_correlation(dump.column(table, name), order)
        assert abs(rho) < LINKED, f"{table}.{name} follows the casting order (rho={rho:.2f})"


def assert_no_ballot_value_in_personal_rows(dump: Dump) -> None:
    values = set()
    for box in ("ballots", "sealed_ballots"):  # the ballots, in clear or still sealed
        columns = [c for c in dump.columns[box] if c not in (*CATEGORIES, "xmin", "ctid")]
        values |= {text_of(value) for c in columns for value in dump.column(box, c)}
    values.discard("None")
    for table in PERSONAL:
        for row in dump.rows[table]:
            cells = [text_of(cell) for cell in row]
            shared = [v for v in values if any(v in cell for cell in cells)]
            assert not shared, f"a row of {table} holds ballot values {shared}"


def assert_no_telegram_id_stored(dump: Dump, telegram_ids: list[int]) -> None:
    pattern = re.compile("|".join(rf"(?<!\d){i}(?!\d)" for i in telegram_ids))
    for table, rows in dump.rows.items():
        for row in rows:
            for cell in row:
                assert not pattern.search(text_of(cell)), f"a Telegram id is stored in {table}"


async def test_a_dump_after_the_close_cannot_link_a_ballot_to_its_voter(database_url: str) -> None:
    async with sql_stage(database_url, election(sw_group()), VOTING) as stage:
        known, pseudonyms, telegram_ids = await cast_in_known_order(stage)
        during = await dump_tables(database_url)
        stage.clock.advance(AFTER - stage.clock.now())
        await close_voting(
            stage.uow(), stage.clock, group_code="SW", sealer=VAULT.sealer, cycle_code=CYCLE
        )
    dump = await dump_tables(database_url)

    for table, key in (("ballots", "choices"), ("receipts", "code")):
        assert_nothing_follows_casting(dump, table, casting_order(dump, table, key, known))
    for snapshot in (during, dump):
        assert_no_ballot_value_in_personal_rows(snapshot)
        assert_no_telegram_id_stored(snapshot, telegram_ids)
    ballot_text = " ".join(text_of(cell) for row in dump.rows["ballots"] for cell in row)
    assert not [p for p in pseudonyms if p in ballot_text], "a ballot names its voter"
    assert all(ref is None for ref in dump.column("vote_markers", "ballot_ref"))
    assert all(ref is None for ref in dump.column("vote_markers", "receipt_ref"))


async def test_a_dump_taken_while_voting_is_open_shows_no_choice_and_nothing_the_count_keeps(
    database_url: str,
) -> None:
    """Backups run during the voting week too, and rows sit on disk in the order of casting.

    So until the close the box holds each ballot sealed and padded: the intruder sees how many
    ballots there are (the markers say so anyway), every one the same size, and no choice.
    """
    async with sql_stage(database_url, election(sw_group()), VOTING) as stage:
        known, _, _ = await cast_in_known_order(stage)
        during = await dump_tables(database_url)
        stage.clock.advance(AFTER - stage.clock.now())
        await close_voting(stage.uow(), stage.clock, group_code="SW", sealer=VAULT.sealer)
    after = await dump_tables(database_url)

    assert during.rows["ballots"] == [], "ballots are kept in clear while the vote is open"
    bodies = during.column("sealed_ballots", "body")
    assert len(bodies) == VOTERS
    assert len({len(body) for body in bodies}) == 1, "a sealed ballot's size tells its choices"
    choices = [value for value in known if not value.startswith("R-")]
    for table in ("sealed_ballots", "vote_markers", "receipts"):
        text = " ".join(text_of(cell) for row in during.rows[table] for cell in row)
        assert not [c for c in choices if c in text], f"{table} shows a choice during the vote"
    assert after.rows["sealed_ballots"] == [], "the close leaves the box full"
    kept = set(after.column("ballots", "id"))
    assert kept and not kept & set(during.column("sealed_ballots", "id")), "ids survive the close"
