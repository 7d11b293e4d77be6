"""How long one group's protocol takes to export: 2,000 voters in twenty regions, counted and
confirmed, on SQLite; gathering from the store, then the PDF and the DOCX (with the figure).

Run: ``.venv/bin/python -m benchmarks.protocol_bench [--voters 2000]``. Prints seconds; asserts
nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from core.application import Application, SealedForm, application_purpose, to_json
from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig
from core.model import (
    Candidate,
    CandidateStatus,
    Person,
    Role,
    RoleGrant,
    Voter,
    VoterStatus,
)
from core.privacy import Pseudonymizer, Sealer
from core.regions import REGION_CODES
from core.regulation import Names
from core.services.closing import close_voting
from core.services.context import candidate_code
from core.services.load_election import load_election
from core.services.results import confirm_results
from core.services.voting import cast_ballot
from reports.docx import docx
from reports.model import ProtocolData
from reports.pdf import pdf
from reports.protocol_data import gather_protocol
from reports.protocol_document import build_document
from reports.texts import Language
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork, open_database

START = datetime(2024, 8, 1, 4, tzinfo=UTC)
VOTING = START + timedelta(days=22)
CLOSED = START + timedelta(days=28, hours=1)
SEALER = Sealer(b"d" * 32)
NAME_KEY = Pseudonymizer(b"p" * 32).name_key
COMMISSIONER = hashlib.sha256(b"commission").hexdigest()


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def _pseudonym(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def _election() -> ElectionConfig:
    day = timedelta(days=1)
    calendar = GroupCalendar(
        preparation=START,
        announcement=START + 5 * day,
        registration_opens=START + 10 * day,
        registration_closes=START + 18 * day,
        candidate_list=START + 20 * day,
        voting_opens=START + 21 * day,
        voting_closes=START + 28 * day,
        results=START + 30 * day,
    )
    names = Names(ru="ЛЖВ", kk="АИТВ-мен өмір сүретін адамдар", en="People living with HIV")
    cycle = CycleInfo(
        code="ccm-2024",
        names=Names(ru="Выборы в СКК 2024", kk="ЕҮМ сайлауы 2024", en="CCM elections 2024"),
        year=2024,
        starts=START - day,
        ends=START + 120 * day,
    )
    return ElectionConfig(
        cycle=cycle, groups=(GroupConfig(code="PLHIV", names=names, calendar=calendar),)
    )


async def _fill(factory: Callable[[], SqlUnitOfWork], voters: int) -> None:
    await load_election(_election(), factory(), Clock(START), NAME_KEY)
    async with factory() as uow:
        group = await uow.groups.get("ccm-2024", "PLHIV")
        assert group is not None and group.id is not None
        [contest] = await uow.contests.for_group(group.id)
        assert contest.id is not None
        await uow.people.save(Person(COMMISSIONER, consent_at=START))
        await uow.roles.grant(
            RoleGrant(COMMISSIONER, Role.COMMISSION, group.id, START, pledge_accepted_at=START)
        )
        ids = []
        for order, name in enumerate(("Айгуль Сейткали", "Болат Нурланов", "Дана Ким"), start=1):
            person = _pseudonym(f"candidate {name}")
            await uow.people.save(Person(person, consent_at=START))
            form = Application(name=name, statement=f"{name}: доступ к терапии в каждом районе")
            sealed = SEALER.seal(
                to_json(SealedForm(form, NAME_KEY(name))), application_purpose(person)
            )
            await uow.candidates.add(
                Candidate(group.id, person, CandidateStatus.ADMITTED, START, START, sealed, order)
            )
            ids.append(candidate_code(person))
        for n in range(voters):
            person = _pseudonym(f"voter {n}")
            registered = START + timedelta(days=10, minutes=5 * n)
            await uow.people.save(Person(person, consent_at=registered))
            region = REGION_CODES[n % len(REGION_CODES)]
            await uow.voters.add(Voter(group.id, person, VoterStatus.ADMITTED, registered, region))
        await uow.commit()
    for n in range(voters):
        if n % 10 < 7:  # 70% turnout, through the use case: how ballots are kept is its business
            await cast_ballot(
                factory(),
                Clock(VOTING),
                group_code="PLHIV",
                person=_pseudonym(f"voter {n}"),
                choices={contest.id: [ids[n % 3]]},
                sealer=SEALER,
            )
    await close_voting(factory(), Clock(CLOSED), group_code="PLHIV", sealer=SEALER)
    await confirm_results(factory(), Clock(CLOSED), group_code="PLHIV", member=COMMISSIONER)


async def _gather(url: str, voters: int) -> tuple[ProtocolData, float]:
    async with open_database(url) as factory:
        await _fill(factory, voters)
        began = time.perf_counter()
        data = await gather_protocol(factory(), Clock(CLOSED), group_code="PLHIV", sealer=SEALER)
        return data, time.perf_counter() - began


async def measure(quick: bool = False, voters: int | None = None) -> dict[str, Any]:
    count = voters if voters is not None else (300 if quick else 2000)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        data, gathered = await _gather(url, count)
    began = time.perf_counter()
    document = build_document(data, Language.RU)
    laid_out = time.perf_counter() - began
    began = time.perf_counter()
    pdf_bytes = pdf(document)
    pdf_seconds = time.perf_counter() - began
    began = time.perf_counter()
    docx_bytes = docx(document)
    docx_seconds = time.perf_counter() - began
    total = gathered + laid_out + pdf_seconds + docx_seconds
    print(f"group with {data.electorate.admitted} voters, {data.electorate.voted} voted")
    print(f"gather from SQLite      {gathered:6.2f} s")
    print(f"lay out + figure (PNG)  {laid_out:6.2f} s")
    print(f"PDF ({len(pdf_bytes) // 1024} KiB)          {pdf_seconds:6.2f} s")
    print(f"DOCX ({len(docx_bytes) // 1024} KiB)         {docx_seconds:6.2f} s")
    print(f"one protocol, PDF + DOCX {total:6.2f} s")
    return {
        "protocol_voters": count,
        "protocol_export_seconds": round(total, 3),
        "protocol_gather_seconds": round(gathered, 3),
        "protocol_layout_seconds": round(laid_out, 3),
        "protocol_pdf_seconds": round(pdf_seconds, 3),
        "protocol_docx_seconds": round(docx_seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voters", type=int, default=2000)
    asyncio.run(measure(voters=parser.parse_args().voters))


if __name__ == "__main__":
    main()
