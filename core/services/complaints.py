"""Complaints to a group's Mandate Commission: filed by anyone who consented, answered once.

Texts arrive sealed by the edge and are never put in the audit log: its entries name only the
complaint's id. A complaint and its answer go into the group's protocol.

Refusals (Refused(Reason(code, params))):
    complaint.unknown           {}              no such complaint in this group
    complaint.not_commission    {group}         only the group's commission members answer
    complaint.pledge_required   {group}         ... once they have accepted the pledge
    complaint.already_answered  {answered_at}   aware UTC instant
    complaint.no_access         {group}         reading needs the commission, an observer of the
                                                group, or the Secretariat
Passed through: person.no_consent, cycle.none, group.unknown (core.services.context).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from core.audit import AuditEvent
from core.complaints import Complaint
from core.errors import Refused
from core.model import Group, Role
from core.ports import Clock
from core.ports_dialogue import ComplaintsUnitOfWork
from core.reasons import Reason
from core.services.context import actor, consenting_person, find_group, group_id, person_code
from core.services.roles import active_grant, role_actor

UNKNOWN = "complaint.unknown"
NOT_COMMISSION = "complaint.not_commission"
PLEDGE_REQUIRED = "complaint.pledge_required"
ALREADY_ANSWERED = "complaint.already_answered"
NO_ACCESS = "complaint.no_access"


async def file_complaint(
    uow: ComplaintsUnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    text: bytes,
    cycle_code: str | None = None,
) -> Complaint:
    """Keep a sealed complaint for the group's commission and audit that it was filed."""
    if not text:
        raise ValueError("the sealed complaint is empty")
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await consenting_person(uow, person)
        complaint = Complaint(uuid.uuid4().hex, group_id(group), person, text, now)
        await uow.complaints.add(complaint)
        filer = actor("person", person_code(person))
        await _audit(uow, "complaint.filed", filer, group, complaint.id, now)
        await uow.commit()
    return complaint


async def answer_complaint(
    uow: ComplaintsUnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    complaint_id: str,
    commission_member: str,
    answer: bytes,
    cycle_code: str | None = None,
) -> Complaint:
    """Record a pledged commission member's sealed answer; return the complaint to notify."""
    if not answer:
        raise ValueError("the sealed answer is empty")
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        grant = await active_grant(uow, commission_member, Role.COMMISSION, group)
        if grant is None:
            raise Refused(Reason(NOT_COMMISSION, {"group": group.code}))
        if grant.pledge_accepted_at is None:
            raise Refused(Reason(PLEDGE_REQUIRED, {"group": group.code}))
        complaint = await uow.complaints.get(complaint_id)
        if complaint is None or complaint.group_id != group.id:
            raise Refused(Reason(UNKNOWN))
        if complaint.answered_at is not None:
            raise Refused(Reason(ALREADY_ANSWERED, {"answered_at": complaint.answered_at}))
        if not await uow.complaints.answer(complaint_id, answer, now, commission_member):
            raise Refused(Reason(ALREADY_ANSWERED, {"answered_at": now}))  # lost a race
        member = role_actor(Role.COMMISSION, commission_member)
        await _audit(uow, "complaint.answered", member, group, complaint_id, now)
        answered = await uow.complaints.get(complaint_id)
        await uow.commit()
    if answered is None:
        raise RuntimeError("an answered complaint vanished")
    return answered


async def complaints_for(
    uow: ComplaintsUnitOfWork, group_code: str, cycle_code: str | None = None
) -> list[Complaint]:
    """Return the group's complaints, oldest first, for the protocol and the archive."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        return await uow.complaints.for_group(group_id(group))


async def complaints_seen_by(
    uow: ComplaintsUnitOfWork, *, group_code: str, viewer: str, cycle_code: str | None = None
) -> list[Complaint]:
    """Return the group's complaints to a pledged commission member, observer or Secretariat."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        commission = await active_grant(uow, viewer, Role.COMMISSION, group)
        allowed = (
            (commission is not None and commission.pledge_accepted_at is not None)
            or await active_grant(uow, viewer, Role.OBSERVER, group) is not None
            or await active_grant(uow, viewer, Role.SECRETARIAT, None) is not None
        )
        if not allowed:
            raise Refused(Reason(NO_ACCESS, {"group": group.code}))
        return await uow.complaints.for_group(group_id(group))


async def _audit(
    uow: ComplaintsUnitOfWork, action: str, who: str, group: Group, complaint_id: str, at: datetime
) -> None:
    event = AuditEvent(action, actor=who, group=group.code, payload={"complaint": complaint_id})
    await uow.audit.append(event, at)
