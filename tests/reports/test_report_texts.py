"""The protocol's wording: the three languages say the same things with the same blanks."""

from __future__ import annotations

import string
from datetime import UTC, datetime

import pytest

from core.audit import AuditEvent, chain
from reports.model import ProcessStep
from reports.process import process_steps
from reports.texts import Language, Texts, catalogue


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", [Language.KK, Language.EN])
def test_every_language_has_the_russian_keys_and_blanks(language: Language):
    russian, other = catalogue(Language.RU), catalogue(language)
    assert other.keys() == russian.keys()
    for section, sentences in russian.items():
        assert other[section].keys() == sentences.keys(), section
        for key, template in sentences.items():
            assert placeholders(other[section][key]) == placeholders(template), (section, key)


def test_the_process_is_told_in_order_with_counts_and_moved_deadlines():
    at = datetime(2024, 8, 12, 4, tzinfo=UTC)
    events = [
        AuditEvent("voter.registered", group="SW"),
        AuditEvent("voter.registered", group="SW"),
        AuditEvent(
            "calendar.extended",
            group="SW",
            payload={
                "instant": "registration_closes",
                "to": "2024-08-21T13:00:00+00:00",
                "reason": "мало заявок",
            },
        ),
        AuditEvent("something.new", group="SW"),
    ]
    entries, last = [], None
    for n, event in enumerate(events):
        last = chain(last, at.replace(hour=4 + n), event)
        entries.append(last)

    told = [Texts(Language.RU, "Asia/Almaty").process(step) for step in process_steps(entries)]

    assert told == [
        "Подано заявлений избирателей: 2 (последнее — 12.08.2024 10:00).",
        "Срок «Окончание регистрации» перенесён на 21.08.2024 18:00. Основание: мало заявок.",
        "Событие журнала «something.new»: 1.",
    ]


def test_an_unknown_step_is_named_rather_than_dropped():
    step = ProcessStep(datetime(2024, 8, 1, tzinfo=UTC), "other:vote.recast", {"action": "x"})
    assert Texts(Language.EN, "UTC").process(step) == 'Audit log event "x": 1.'
