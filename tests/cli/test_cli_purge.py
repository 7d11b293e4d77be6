"""`saylau purge`: after the cycle, contact data goes; what verifies the election stays."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core.dialogue import ConversationState, OutgoingMessage
from core.election import CycleInfo, ElectionConfig
from core.services.load_election import load_election
from core.services.registration import register_voter
from tests.builders import START, group, names
from tests.cli.cli_support import assert_private, at, on_database, run, sql, sqlite_only
from tests.cli.election_script import AFTER_CYCLE, Cast, pseudonymizer, sealer
from tests.fakes import FakeClock

NEXT_START = START + timedelta(days=365 * 3)


@pytest.fixture
def ended(played, monkeypatch):
    """The script's cycle has ended; one of its voters already takes part in the next one."""
    url, cast = played
    staying = cast.voters["AST"][0]
    leaving = cast.voters["SHY"][0]

    async def prepare(factory):
        cycle = CycleInfo(
            code="ccm-2027",
            names=names("CCM elections 2027"),
            year=2027,
            starts=NEXT_START - timedelta(days=1),
            ends=NEXT_START + timedelta(days=120),
        )
        config = ElectionConfig(cycle=cycle, groups=(group("PLHIV", start=NEXT_START),))
        await load_election(config, factory(), FakeClock(NEXT_START), pseudonymizer.name_key)
        await register_voter(
            factory(),
            FakeClock(NEXT_START + timedelta(days=11)),
            group_code="PLHIV",
            person=staying,
            region="AST",
            organisation=None,
            cycle_code="ccm-2027",
        )
        async with factory() as uow:
            for person in (staying, leaving):
                await uow.conversations.save(ConversationState(person, flow="help"))
                await uow.outbox.add(message(cast, person))
            later = message(cast, leaving, not_before=AFTER_CYCLE + timedelta(days=30))
            await uow.outbox.add(later)
            await uow.commit()

    on_database(url, prepare)
    at(monkeypatch, AFTER_CYCLE)
    return url, cast, staying, leaving


def message(cast: Cast, person: str, not_before=None) -> OutgoingMessage:
    chat = sealer.seal(str(cast.chats[person]), "chat")
    return OutgoingMessage(
        uuid.uuid4().hex, chat, b"sealed body", AFTER_CYCLE, not_before=not_before
    )


def contacts(url: str) -> int:
    [(count,)] = sql(url, "SELECT count(*) FROM people WHERE contact IS NOT NULL")
    return count


def test_before_the_cycle_ends_nothing_is_erased_and_the_end_is_named(played):
    url, _ = played
    before = contacts(url)
    code, _, err = run("purge", "--cycle", "ccm-2024", "--yes")
    assert code == 1
    assert "has not ended: it ends 2024-11-29 09:00 (Asia/Almaty)" in err
    assert contacts(url) == before


@sqlite_only
def test_answering_no_erases_nothing(ended):
    url, cast, _, _ = ended
    before = contacts(url)
    code, out, err = run("purge", "--cycle", "ccm-2024", input="n\n")
    assert code == 1
    assert "32 contact(s) of people who took part only in this cycle" in out
    assert "nothing was erased" in err
    assert contacts(url) == before
    assert_private(out + err, cast)


def test_purge_erases_contacts_messages_conversations_and_refused_applications(ended):
    url, cast, staying, leaving = ended
    [(ballots,)] = sql(url, "SELECT count(*) FROM ballots")
    code, out, err = run("purge", "--cycle", "ccm-2024", input="y\n")
    assert code == 0, err
    for line in (
        "32 contact(s) of people who took part only in this cycle",
        "1 conversation state(s)",
        "2 message(s) still waiting to be sent to them",
        "2 application(s) of refused or withdrawn candidates",
    ):
        assert out.count(line) == 2  # announced, then done
    kept = sql(url, "SELECT pseudonym FROM people WHERE contact IS NOT NULL")
    assert kept == [(staying,)]
    assert sql(url, "SELECT person FROM conversations") == [(staying,)]
    [(waiting,)] = sql(url, "SELECT count(*) FROM outbox")
    assert waiting == 1
    applications = dict(sql(url, "SELECT pseudonym, application IS NOT NULL FROM candidates"))
    assert applications == {
        cast.candidates["admitted"]: True,
        cast.candidates["refused"]: False,
        cast.candidates["withdrawn"]: False,
    }
    assert sql(url, "SELECT count(*) FROM ballots") == [(ballots,)]
    assert sql(
        url, "SELECT count(*) FROM voters WHERE pseudonym = :p".replace(":p", f"'{leaving}'")
    ) == [(1,)]
    [(payload,)] = sql(url, "SELECT payload FROM audit_log WHERE action = 'cycle.purged'")
    assert "32" in str(payload) and "ccm-2024" in str(payload)
    code, verified, _ = run("audit", "verify")
    assert code == 0 and "intact" in verified
    assert_private(out + err, cast)


def test_purging_again_erases_nothing_more_and_writes_nothing(ended):
    url, _, _, _ = ended
    code, _, err = run("purge", "--cycle", "ccm-2024", "--yes")
    assert code == 0, err
    [(entries,)] = sql(url, "SELECT count(*) FROM audit_log")
    code, out, err = run("purge", "--cycle", "ccm-2024", "--yes")
    assert code == 0, err
    assert "Nothing left to erase for cycle ccm-2024." in out
    assert sql(url, "SELECT count(*) FROM audit_log") == [(entries,)]


@sqlite_only
def test_an_unknown_cycle_is_refused_in_plain_words(ended):
    code, _, err = run("purge", "--cycle", "ccm-1999", "--yes")
    assert code == 1
    assert "no such election cycle" in err
