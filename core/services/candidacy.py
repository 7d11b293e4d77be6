"""Candidates apply with the application form, while registration is open.

A draft may be saved as often as the person likes; submission checks that the form is complete
and gives it its place in the application order (the tie rule "earliest application" reads it).
Until registration closes the person may edit a submitted application, which stays submitted,
or withdraw it. A withdrawn application may be submitted again before registration closes: it is
then a new application and takes a new place at the end of the order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from core.application import Application, SealedForm, application_purpose, from_json, to_json
from core.application_rules import draft_problem, submission_problem
from core.audit import AuditEvent
from core.errors import Refused
from core.model import Candidate, CandidateStatus, Group
from core.ports import AlreadyExists, Clock, UnitOfWork
from core.privacy import Sealer
from core.reasons import Reason
from core.services import reason_codes as codes
from core.services.candidacy_checks import (
    refuse_if_decided,
    refuse_ineligible,
    refuse_outside_registration,
)
from core.services.context import actor, candidate_code, consenting_person, find_group, group_id

_ORDER_ATTEMPTS = 3  # two submissions at the same instant may pick the same place once


@dataclass(frozen=True)
class Candidacy:
    """Where the person's application stands after a change."""

    group: str
    status: CandidateStatus
    application_order: int | None = None


async def check_can_apply(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    name_key: str | None,
    cycle_code: str | None = None,
) -> None:
    """Refuse early, before the person fills anything in, if they cannot stand in the group."""
    now = clock.now()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refuse_outside_registration(group, now)
        refuse_if_decided(group, await uow.candidates.get(group_id(group), person))
        await refuse_ineligible(uow, group, person, name_key)


async def save_draft(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    application: Application,
    sealer: Sealer,
    name_key: str,
    cycle_code: str | None = None,
) -> Candidacy:
    """Keep the form as filled in so far; a submitted application stays submitted if complete."""
    now = clock.now()
    form = application.trimmed()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refuse_outside_registration(group, now)
        stored = await uow.candidates.get(group_id(group), person)
        refuse_if_decided(group, stored)
        submitted = stored is not None and stored.status is CandidateStatus.SUBMITTED
        check = submission_problem if submitted else draft_problem
        problem = check(form, group.regulation)
        if problem is not None:
            raise Refused(problem)
        await refuse_ineligible(uow, group, person, name_key)
        sealed = sealer.seal(to_json(SealedForm(form, name_key)), application_purpose(person))
        status = CandidateStatus.SUBMITTED if submitted else CandidateStatus.DRAFT
        if stored is None:
            saved = Candidate(group_id(group), person, status, now, now, sealed)
            await uow.candidates.add(saved)
        else:
            saved = replace(stored, status=status, application=sealed, updated_at=now)
            await uow.candidates.update(saved)
        action = "candidate.edited" if submitted else "candidate.draft_saved"
        await _audit(uow, group, person, action, status, now)
        await uow.commit()
    return Candidacy(group.code, status, saved.application_order if submitted else None)


async def submit(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> Candidacy:
    """Submit the saved application if it is complete, and give it its place in the order."""
    now = clock.now()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refuse_outside_registration(group, now)
        stored = await uow.candidates.get(group_id(group), person)
        refuse_if_decided(group, stored)
        if stored is None or stored.application is None:
            raise Refused(Reason(codes.NOT_APPLIED, {"group": group.code}))
        if stored.status is CandidateStatus.SUBMITTED:
            raise Refused(Reason(codes.ALREADY_SUBMITTED, {"group": group.code}))
        form = from_json(sealer.open(stored.application, application_purpose(person)))
        problem = submission_problem(form.application, group.regulation)
        if problem is not None:
            raise Refused(problem)
        await refuse_ineligible(uow, group, person, form.name_key)
        submitted = await _take_place_in_order(uow, stored, now)
        await _audit(uow, group, person, "candidate.submitted", submitted.status, now)
        await uow.commit()
    return Candidacy(group.code, submitted.status, submitted.application_order)


async def _take_place_in_order(uow: UnitOfWork, stored: Candidate, now: datetime) -> Candidate:
    """Mark the application submitted with the next free place in the group's order."""
    for attempt in range(_ORDER_ATTEMPTS):
        others = await uow.candidates.for_group(stored.group_id)
        order = 1 + max((c.application_order or 0 for c in others), default=0)
        submitted = replace(
            stored, status=CandidateStatus.SUBMITTED, application_order=order, updated_at=now
        )
        try:
            await uow.candidates.update(submitted)
            return submitted
        except AlreadyExists:
            if attempt + 1 == _ORDER_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


async def withdraw(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    cycle_code: str | None = None,
) -> Candidacy:
    """Withdraw the application (a draft, submitted or admitted one) until registration closes."""
    now = clock.now()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refuse_outside_registration(group, now)
        stored = await uow.candidates.get(group_id(group), person)
        if stored is None:
            raise Refused(Reason(codes.NOT_APPLIED, {"group": group.code}))
        if stored.status is CandidateStatus.WITHDRAWN:
            raise Refused(Reason(codes.ALREADY_WITHDRAWN, {"group": group.code}))
        if stored.status is CandidateStatus.REFUSED:
            refuse_if_decided(group, stored)
        withdrawn = replace(stored, status=CandidateStatus.WITHDRAWN, updated_at=now)
        await uow.candidates.update(withdrawn)
        await _audit(uow, group, person, "candidate.withdrawn", withdrawn.status, now)
        await uow.commit()
    return Candidacy(group.code, withdrawn.status, withdrawn.application_order)


async def read_application(
    uow: UnitOfWork,
    *,
    group_code: str,
    person: str,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> Application | None:
    """Open the person's saved application for a preview or an edit; None if there is none."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        stored = await uow.candidates.get(group_id(group), person)
    if stored is None or stored.application is None:
        return None
    return from_json(sealer.open(stored.application, application_purpose(person))).application


async def _audit(
    uow: UnitOfWork,
    group: Group,
    person: str,
    action: str,
    status: CandidateStatus,
    now: datetime,
) -> None:
    code = candidate_code(person)
    payload = {"candidate": code, "status": status.value}
    await uow.audit.append(AuditEvent(action, actor("candidate", code), group.code, payload), now)
