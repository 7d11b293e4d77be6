"""A person's consent and language: the only things kept about someone before they take part.

The conversation asks for consent first and calls `consent` only after a yes, so a person who
says no leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import replace

from core.audit import AuditEvent
from core.errors import Refused
from core.model import Person
from core.ports import Clock, UnitOfWork
from core.reasons import Reason
from core.regulation import LANGUAGES
from core.services import reason_codes as codes
from core.services.context import actor, consenting_person, person_code


def _known_language(language: str) -> None:
    if language not in LANGUAGES:
        params = {"language": language, "languages": list(LANGUAGES)}
        raise Refused(Reason(codes.UNKNOWN_LANGUAGE, params))


async def consent(
    uow: UnitOfWork, clock: Clock, *, person: str, language: str, contact: bytes
) -> Person:
    """Record the person's consent with their language and sealed chat id; repeating is harmless.

    A repeated consent keeps the first instant and refreshes language and contact.
    """
    _known_language(language)
    if not contact:
        raise ValueError("the sealed contact is empty")
    now = clock.now()
    async with uow:
        stored = await uow.people.get(person)
        first_time = stored is None or stored.consent_at is None
        consent_at = now if first_time or stored is None else stored.consent_at
        kept = Person(person, language=language, contact=contact, consent_at=consent_at)
        if kept == stored:
            return kept
        await uow.people.save(kept)
        if first_time:
            event = AuditEvent("person.consented", actor("person", person_code(person)))
            await uow.audit.append(event, now)
        await uow.commit()
    return kept


async def set_language(uow: UnitOfWork, *, person: str, language: str) -> Person:
    """Change the language the bot speaks to a person who has consented.

    A preference, not an election action: it is not audited (and needs no clock).
    """
    _known_language(language)
    async with uow:
        stored = await consenting_person(uow, person)
        changed = replace(stored, language=language)
        if changed != stored:
            await uow.people.save(changed)
            await uow.commit()
    return changed
