"""The election the tally and memory benchmarks load: one group, admitted candidates, fixed keys.

The calendar is built around a chosen instant for voting, so that the memory benchmark can put
voting a few seconds after the real bot starts (it runs on the system clock) and the tally
benchmark can put it in the past.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from bot.vault import Vault
from core.application import Application, SealedForm, application_purpose, to_json
from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig
from core.model import Candidate, CandidateStatus, Person
from core.privacy import Pseudonymizer, Sealer
from core.regulation import Names, Regulation
from core.services.context import candidate_code
from storage.uow import SqlUnitOfWork

CYCLE = "ccm-bench"
GROUP = "PLHIV"
# base64 of 32 bytes each, as the bot reads them from PSEUDONYM_KEY and DATA_KEY.
PSEUDONYM_KEY = b"p" * 32
DATA_KEY = b"d" * 32
VAULT = Vault(Pseudonymizer(PSEUDONYM_KEY), Sealer(DATA_KEY))
CANDIDATES = ("Айгуль Сейткали", "Болат Нурланов", "Дана Ким", "Ерлан Абаев", "Жанна Омарова")


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def calendar(voting_opens: datetime, voting_lasts: timedelta) -> GroupCalendar:
    """Registration and the candidate list days before `voting_opens`; results after the close."""
    day = timedelta(days=1)
    return GroupCalendar(
        preparation=voting_opens - 20 * day,
        announcement=voting_opens - 15 * day,
        registration_opens=voting_opens - 10 * day,
        registration_closes=voting_opens - 3 * day,
        candidate_list=voting_opens - 1 * day,
        voting_opens=voting_opens,
        voting_closes=voting_opens + voting_lasts,
        results=voting_opens + voting_lasts + day,
    )


def election(group_calendar: GroupCalendar, regulation: Regulation | None = None) -> ElectionConfig:
    names = Names(ru="ЛЖВ", kk="АИТВ-мен өмір сүретін адамдар", en="People living with HIV")
    cycle = CycleInfo(
        code=CYCLE,
        names=Names(ru="Выборы в СКК", kk="ЕҮМ сайлауы", en="CCM elections"),
        year=group_calendar.voting_opens.year,
        timezone="UTC",
        starts=group_calendar.preparation - timedelta(days=1),
        ends=group_calendar.results + timedelta(days=60),
    )
    group = GroupConfig(
        code=GROUP, names=names, regulation=regulation or Regulation(), calendar=group_calendar
    )
    return ElectionConfig(cycle=cycle, groups=(group,))


async def add_candidates(
    factory: Callable[[], SqlUnitOfWork], at: datetime, names: Sequence[str] = CANDIDATES
) -> dict[str, str]:
    """Admit candidates with sealed applications (the ballot shows their names); name -> id."""
    ids = {}
    async with factory() as uow:
        group = await uow.groups.get(CYCLE, GROUP)
        assert group is not None and group.id is not None
        for order, name in enumerate(names, start=1):
            person = hashlib.sha256(f"candidate {name}".encode()).hexdigest()
            form = Application(name=name, statement=f"{name}: доступ к терапии в каждом районе")
            sealed = VAULT.sealer.seal(
                to_json(SealedForm(form, VAULT.name_key(name))), application_purpose(person)
            )
            await uow.people.save(Person(person, consent_at=at))
            await uow.candidates.add(
                Candidate(group.id, person, CandidateStatus.ADMITTED, at, at, sealed, order)
            )
            ids[name] = candidate_code(person)
        await uow.commit()
    return ids
