"""Brute force against stored pseudonyms: without PSEUDONYM_KEY, trying Telegram ids finds nobody.

An intruder with a dump hashes candidate Telegram ids and looks for the results among the stored
values. Here every id below 2^20 and every id the test used is hashed with unkeyed SHA-256 and with
HMAC-SHA256 under wrong keys (a random one, and DATA_KEY, the other key a careless operator might
reuse), each over the bare id and over the id in the form the bot hashes ("telegram-user:<id>").
Nothing may match. The same search under the right key finds every person, which shows it would
catch a pseudonym that could be recomputed. All 2^32 ids (and today's ten-digit ids) are out of
reach of a test: the argument for them is the key, not this search.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Iterator

import pytest

from storage.testing import fresh_database
from tests.bot.talk import VAULT
from tests.bot.test_flow_vote_support import VOTING
from tests.bot.test_flow_vote_support import voting_group as sw_group
from tests.builders import election
from tests.faults.fault_support import dump_tables, sql_stage

SEARCHED = 2**20
RIGHT_KEY = b"p" * 32  # tests/bot/talk.py's PSEUDONYM_KEY
WRONG_KEYS = (os.urandom(32), b"d" * 32)  # a random key, and talk.py's DATA_KEY


def forms(telegram_id: int) -> tuple[bytes, bytes]:
    """The id as bare digits, and as the bot's message to the HMAC."""
    digits = str(telegram_id).encode()
    return digits, b"telegram-user:" + digits


def guesses(telegram_ids: Iterable[int], keys: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Every hash an intruder without the key would try, with the id it came from."""
    keys = tuple(keys)
    for telegram_id in telegram_ids:
        for form in forms(telegram_id):
            yield telegram_id, hashlib.sha256(form).digest()
            for key in keys:
                yield telegram_id, hmac.digest(key, form, "sha256")


def stored_digests(values: Iterable[object]) -> set[bytes]:
    """Every stored value that could be a SHA-256 digest: 32 raw bytes or 64 hex digits."""
    found = set()
    for value in values:
        if isinstance(value, bytes | memoryview) and len(bytes(value)) == 32:
            found.add(bytes(value))
        elif isinstance(value, str) and len(value) == 64:
            try:
                found.add(bytes.fromhex(value))
            except ValueError:
                continue
    return found


async def test_no_telegram_id_up_to_2_20_hashes_to_a_stored_pseudonym_without_the_key(
    request: pytest.FixtureRequest,
) -> None:
    with fresh_database(request, "sqlite") as url:  # the search is the cost: one backend
        async with sql_stage(url, election(sw_group()), VOTING) as stage:
            people = [stage.person("ru") for _ in range(12)]
            for person in people:
                await person.send("/start g-ccm-2024_SW")
                await person.tap("Согласен(на)")
        dump = await dump_tables(url)
    stored = stored_digests(cell for rows in dump.rows.values() for row in rows for cell in row)
    used = [person.user_id for person in people]
    assert {VAULT.pseudonym(i) for i in used} <= {d.hex() for d in stored}, "nobody was stored"

    tried = [*range(SEARCHED), *used]
    found = {i for i, digest in guesses(tried, WRONG_KEYS) if digest in stored}
    assert found == set(), f"{len(found)} Telegram ids recovered without PSEUDONYM_KEY"
    with_the_key = {i for i, digest in guesses(used, [RIGHT_KEY]) if digest in stored}
    assert with_the_key == set(used)
