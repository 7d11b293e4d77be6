"""Consent and language: recorded once, audited once, refused for unknown languages."""

import pytest

from core.errors import Refused
from core.services.people import consent, set_language
from tests.builders import START, pseudonym
from tests.fakes import FakeClock
from tests.services.registration_support import audit_actions

ERIN = pseudonym(42)


async def test_consent_is_recorded_once_and_repeating_it_keeps_the_first_instant(any_uow_factory):
    first = await consent(
        any_uow_factory(), FakeClock(START), person=ERIN, language="kk", contact=b"chat"
    )
    later = FakeClock(START)
    later.advance(days=2)
    again = await consent(any_uow_factory(), later, person=ERIN, language="en", contact=b"chat2")

    async with any_uow_factory() as uow:
        stored = await uow.people.get(ERIN)
        [entry] = await uow.audit.entries()
    assert first.consent_at == START
    assert stored == again
    assert (stored.consent_at, stored.language, stored.contact) == (START, "en", b"chat2")
    assert entry.event.action == "person.consented"
    assert entry.event.actor.startswith("person:P-") and ERIN not in entry.event.actor


async def test_an_unknown_language_is_refused_and_nothing_is_stored(any_uow_factory):
    with pytest.raises(Refused) as refused:
        await consent(any_uow_factory(), FakeClock(), person=ERIN, language="de", contact=b"c")

    assert refused.value.reason.code == "person.unknown_language"
    assert refused.value.reason.params["languages"] == ["ru", "kk", "en"]
    async with any_uow_factory() as uow:
        assert await uow.people.get(ERIN) is None
    assert await audit_actions(any_uow_factory) == []


async def test_language_changes_only_for_someone_who_consented(any_uow_factory):
    with pytest.raises(Refused) as refused:
        await set_language(any_uow_factory(), person=ERIN, language="kk")
    assert refused.value.reason.code == "person.no_consent"

    await consent(any_uow_factory(), FakeClock(), person=ERIN, language="ru", contact=b"c")
    changed = await set_language(any_uow_factory(), person=ERIN, language="kk")

    async with any_uow_factory() as uow:
        assert await uow.people.get(ERIN) == changed
    assert changed.language == "kk"
