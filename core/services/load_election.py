"""Load (or reload) the Secretariat's declaration of an election cycle into storage.

Loading is idempotent: the same declaration changes nothing. A changed declaration may rewrite
groups whose registration has not opened yet, and add groups; once a group's registration has
opened, voters and candidates rely on its rules, so changing or removing it is refused and nothing
at all is written. Deadlines of running groups move through their own use case, not a reload.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from core.audit import AuditEvent
from core.election import CycleInfo, ElectionConfig
from core.errors import ConflictingChange
from core.model import Cycle, Group
from core.ports import Clock, UnitOfWork
from core.services.group_plan import GroupPlan, plan_group


class LoadStatus(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True)
class LoadOutcome:
    status: LoadStatus
    cycle: str
    digest: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


async def load_election(
    config: ElectionConfig, uow: UnitOfWork, clock: Clock, name_key: Callable[[str], str]
) -> LoadOutcome:
    """Store the declared cycle, its groups, contests and past terms, in one transaction."""
    now = clock.now()
    digest = config.digest()
    plans = {g.code: plan_group(g, config.cycle.code, name_key) for g in config.groups}
    async with uow:
        stored = await uow.cycles.get(config.cycle.code)
        if stored is None:
            await uow.cycles.add(_cycle(config.cycle, digest, now))
            for plan in plans.values():
                await _add_group(uow, plan)
            outcome = LoadOutcome(LoadStatus.CREATED, config.cycle.code, digest, added=tuple(plans))
        elif stored.digest == digest:
            return LoadOutcome(LoadStatus.UNCHANGED, stored.code, digest)
        else:
            outcome = await _update(uow, stored, config, plans, digest, now)
        await uow.audit.append(_audit_event(outcome), now)
        await uow.commit()
    return outcome


async def _update(
    uow: UnitOfWork,
    stored: Cycle,
    config: ElectionConfig,
    plans: dict[str, GroupPlan],
    digest: str,
    now: datetime,
) -> LoadOutcome:
    """Apply a changed declaration, after checking that no running group would change."""
    existing = {group.code: group for group in await uow.groups.for_cycle(stored.code)}
    removed = sorted(code for code in existing if code not in plans)
    changed = sorted(
        code
        for code, plan in plans.items()
        if code in existing and existing[code].digest != plan.group.digest
    )
    added = [code for code in plans if code not in existing]
    for code in removed + changed:
        _refuse_if_running(existing[code], now, "removed" if code in removed else "changed")
    if config.cycle.year != stored.year:
        for group in existing.values():
            _refuse_if_running(group, now, "moved to another cycle year")
    for code in removed:
        if await uow.roles.for_group(_id(existing[code])):
            raise ConflictingChange(f"group {code} cannot be removed: people hold roles in it")

    await uow.cycles.update(_cycle(config.cycle, digest, now))
    for code in removed:
        await uow.groups.remove(_id(existing[code]))
    for code in changed:
        await _rewrite_group(uow, existing[code], plans[code])
    for code in added:
        await _add_group(uow, plans[code])
    return LoadOutcome(
        LoadStatus.UPDATED, stored.code, digest, tuple(added), tuple(changed), tuple(removed)
    )


def _refuse_if_running(group: Group, now: datetime, change: str) -> None:
    """Refuse a change to a group whose registration has opened."""
    opened = group.calendar.registration_opens
    if opened <= now:
        raise ConflictingChange(
            f"group {group.code} cannot be {change}: its registration opened at "
            f"{opened.isoformat(timespec='minutes')}"
        )


async def _add_group(uow: UnitOfWork, plan: GroupPlan) -> None:
    group_id = _id(await uow.groups.add(plan.group))
    await uow.contests.replace(group_id, [spec.for_group(group_id) for spec in plan.contests])
    await uow.past_terms.replace(group_id, [spec.for_group(group_id) for spec in plan.terms])


async def _rewrite_group(uow: UnitOfWork, old: Group, plan: GroupPlan) -> None:
    group_id = _id(old)
    await uow.groups.update(replace(plan.group, id=group_id, stage_recorded=old.stage_recorded))
    await uow.contests.replace(group_id, [spec.for_group(group_id) for spec in plan.contests])
    await uow.past_terms.replace(group_id, [spec.for_group(group_id) for spec in plan.terms])


def _id(group: Group) -> int:
    if group.id is None:
        raise ValueError(f"group {group.code} has not been stored")
    return group.id


def _cycle(info: CycleInfo, digest: str, now: datetime) -> Cycle:
    return Cycle(
        code=info.code,
        names=info.names,
        year=info.year,
        timezone=info.timezone,
        starts_at=info.starts,
        ends_at=info.ends,
        digest=digest,
        loaded_at=now,
    )


def _audit_event(outcome: LoadOutcome) -> AuditEvent:
    payload: dict[str, object] = {"cycle": outcome.cycle, "digest": outcome.digest}
    if outcome.status is LoadStatus.CREATED:
        return AuditEvent("election.loaded", payload={**payload, "groups": list(outcome.added)})
    touched = sorted(outcome.added + outcome.changed + outcome.removed)
    details = {"added": list(outcome.added), "changed": list(outcome.changed)}
    details["removed"] = list(outcome.removed)
    return AuditEvent("election.updated", payload={**payload, "groups": touched, **details})
