"""Voters register in a group while its registration is open.

For NGO unions the voter IS the organisation: a second person claiming an organisation that is
already registered asks for a representative change, which waits for the commission (see
core.services.review); the organisation keeps one vote throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from core.audit import AuditEvent
from core.eligibility import Role as Part
from core.errors import Refused
from core.model import Group, Voter, VoterStatus
from core.ports import AlreadyExists, Clock, UnitOfWork
from core.reasons import Reason
from core.regulation import Admission, Declaration, Regulation, VoterKind
from core.services import reason_codes as codes
from core.services.context import actor, consenting_person, find_group, group_id, voter_code
from core.services.holdings import refuse_conflicts
from core.stages import can_register_voter


@dataclass(frozen=True)
class OrganisationClaim:
    """The organisation a voter declares: its name sealed, and the keyed hash of that name."""

    sealed: bytes
    key: str  # Pseudonymizer.name_key of the organisation's name


@dataclass(frozen=True)
class VoterRegistration:
    """What the person is told after registering."""

    group: str
    status: VoterStatus  # ADMITTED, or PENDING while the commission checks
    representative_change: bool = False  # they asked to replace their NGO's representative


async def open_groups(uow: UnitOfWork, clock: Clock, cycle_code: str | None = None) -> list[Group]:
    """List the groups whose registration is open now, in the named cycle or in any."""
    now = clock.now()
    async with uow:
        if cycle_code is not None:
            cycles = [cycle_code]
        else:
            cycles = [cycle.code for cycle in await uow.cycles.all()]
        groups = [group for code in cycles for group in await uow.groups.for_cycle(code)]
    return [group for group in groups if group.calendar.registration_open_at(now)]


async def register_voter(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    region: str | None,
    organisation: OrganisationClaim | None,
    cycle_code: str | None = None,
) -> VoterRegistration:
    """Register the person as a voter of the group, admitted or waiting for the commission."""
    now = clock.now()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_register_voter(group.calendar, now)
        if refusal is not None:
            raise Refused(refusal)
        await _refuse_if_registered(uow, group, person)
        rules = group.regulation
        region = _declared_region(rules, region)
        claim = _declared_organisation(rules, organisation)
        groups = await uow.groups.for_cycle(group.cycle_code)
        await refuse_conflicts(uow, person, group, Part.VOTER, groups)
        voter = await _store(uow, group, person, region, claim, now)
        change = voter.replacement_for is not None
        code = voter_code(person)
        payload = {"voter": code, "status": voter.status.value, "representative_change": change}
        event = AuditEvent("voter.registered", actor("voter", code), group.code, payload)
        await uow.audit.append(event, now)
        await uow.commit()
    return VoterRegistration(group.code, voter.status, change)


async def _refuse_if_registered(uow: UnitOfWork, group: Group, person: str) -> None:
    existing = await uow.voters.get(group_id(group), person)
    if existing is not None:
        params = {"group": group.code, "status": existing.status.value}
        raise Refused(Reason(codes.ALREADY_REGISTERED, params))


def _declared_region(rules: Regulation, region: str | None) -> str | None:
    """The region, when the group asks for one; nothing is kept that was not asked for."""
    if Declaration.REGION not in rules.declarations:
        return None
    if not region:
        raise Refused(Reason(codes.REGION_REQUIRED, {"regions": list(rules.regions)}))
    if region not in rules.regions:
        params = {"region": region, "regions": list(rules.regions)}
        raise Refused(Reason(codes.UNKNOWN_REGION, params))
    return region


def _declared_organisation(
    rules: Regulation, organisation: OrganisationClaim | None
) -> OrganisationClaim | None:
    if Declaration.ORGANIZATION not in rules.declarations:
        return None
    if organisation is None or not organisation.sealed or not organisation.key:
        raise Refused(Reason(codes.ORGANISATION_REQUIRED))
    return organisation


async def _store(
    uow: UnitOfWork,
    group: Group,
    person: str,
    region: str | None,
    claim: OrganisationClaim | None,
    now: datetime,
) -> Voter:
    """Add the registration; an organisation already represented becomes a change request."""
    rules = group.regulation
    checked = rules.admission is Admission.COMMISSION
    status = VoterStatus.PENDING if checked else VoterStatus.ADMITTED
    voter = Voter(group_id(group), person, status, now, region, claim.sealed if claim else None)
    # Only an NGO union's voter is its organisation; elsewhere many members share one NGO.
    if claim is None or rules.voter_kind is not VoterKind.ORGANIZATION:
        await uow.voters.add(voter)
        return voter
    if not await _represented(uow, group, claim.key):
        try:
            await uow.voters.add(replace(voter, organisation_key=claim.key))
            return replace(voter, organisation_key=claim.key)
        except AlreadyExists:
            # Someone registered the organisation a moment ago (or this person, twice).
            await _refuse_if_registered(uow, group, person)
    change = replace(voter, status=VoterStatus.PENDING, replacement_for=claim.key)
    await uow.voters.add(change)
    return change


async def _represented(uow: UnitOfWork, group: Group, key: str) -> bool:
    return any(v.organisation_key == key for v in await uow.voters.for_group(group_id(group)))
