"""Gather everything a group's protocol states, in one read of the store, as plain values.

Read by the Secretariat's commands (the key holder): names of admitted candidates, complaints
and organisations are opened here; regional figures are suppressed here, before any writer
sees them. No formatting and no language: see reports.document for that.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from zoneinfo import ZoneInfo

from core.counting import ballot_record
from core.model import Role, Voter, VoterStatus
from core.ports import Clock
from core.ports_dialogue import ComplaintsUnitOfWork
from core.privacy import Sealer
from core.regulation import Declaration
from core.result_codec import result_from_json
from core.services.context import current_cycle, find_group, group_id, voter_code
from core.services.electorate import contest_id, group_contests
from core.services.monitoring import VOTER_COLUMNS
from core.services.monitoring_regions import region_breakdown
from core.stages import utc
from reports.gather_people import (
    applications,
    candidate_rows,
    complaint_rows,
    holders,
    organisations,
)
from reports.gather_votes import ballot_rows, contest_figures, decision
from reports.model import Annexes, Electorate, ProtocolData
from reports.process import group_entries, process_steps


async def gather_protocol(
    uow: ComplaintsUnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> ProtocolData:
    """Read the group's election as it stands now into the protocol's values."""
    now = utc(clock.now())
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        cycle = await current_cycle(uow, group.cycle_code)
        identifier = group_id(group)
        voters = await uow.voters.for_group(identifier)
        candidates = await uow.candidates.for_group(identifier)
        grants = await uow.roles.for_group(identifier)
        contests = await group_contests(uow, group)
        ids = [contest_id(c) for c in contests]
        voted_by_contest = {i: await uow.ballots.voters(i) for i in ids}
        late = {i: await uow.votes.count_late(i) for i in ids}
        versions = await uow.results.versions(identifier)
        records = {}
        if versions:  # before the count the ballots would be a running tally
            for contest in contests:
                ballots = await uow.votes.ballots(contest_id(contest))
                records[contest.kind.value] = [ballot_record(b) for b in ballots]
        complaints = await uow.complaints.for_group(identifier)
        entries = await uow.audit.entries()
    voted = set().union(*voted_by_contest.values()) if voted_by_contest else set()
    rows = candidate_rows(candidates, sealer)
    names = {row.code: row.name for row in rows if row.name is not None}
    result = result_from_json(versions[-1].result) if versions else None
    rules = group.regulation
    regions = None
    if Declaration.REGION in rules.declarations:
        regions = region_breakdown(voters, voted, rules.regions, rules.region_threshold)
    electorate = Electorate(
        by_status={s.value: sum(1 for v in voters if v.status is s) for s in VOTER_COLUMNS},
        admitted=sum(1 for v in voters if v.status is VoterStatus.ADMITTED),
        voted=len(voted),
        organisations=organisations(voters, rules, sealer),
        regions=regions,
    )
    return ProtocolData(
        cycle=cycle.code,
        cycle_names=cycle.names,
        group=group.code,
        names=group.names,
        timezone=cycle.timezone,
        generated_at=now,
        regulation=rules,
        calendar=tuple(group.calendar.ordered_instants()),
        process=process_steps(group_entries(entries, cycle.code, group.code)),
        electorate=electorate,
        registrations=registrations_by_day(voters, cycle.timezone),
        candidates=rows,
        contests=contest_figures(
            contests, {k: len(v) for k, v in voted_by_contest.items()}, late, result, names
        ),
        decision=decision(versions[-1], names) if versions else None,
        commission=holders(grants, Role.COMMISSION),
        observers=holders(grants, Role.OBSERVER),
        complaints=complaint_rows(complaints, sealer),
        annexes=Annexes(
            voted=tuple(sorted(voter_code(p) for p in voted)),
            ballots=ballot_rows(records),
            applications=applications(candidates, sealer),
        ),
    )


def registrations_by_day(voters: list[Voter], timezone: str) -> tuple[tuple[date, int], ...]:
    """Admitted voters by the local day they registered: the only per-voter time kept."""
    zone = ZoneInfo(timezone)
    days = Counter(
        v.registered_at.astimezone(zone).date() for v in voters if v.status is VoterStatus.ADMITTED
    )
    return tuple(sorted(days.items()))
