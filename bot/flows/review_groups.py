"""Which groups of the current cycle a person can act in: by role, or by taking part.

Shared by /review, /observe and /complaint: each asks "which groups are yours?" before showing
anything, and offers a choice only when there is more than one.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.flows.groups import group_ref
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button, Keyboard
from core.errors import Refused
from core.model import Group, Role
from core.ports import UnitOfWork
from core.services.context import current_cycle


async def cycle_groups(uow: UnitOfWork) -> list[Group]:
    """Return the groups of the current cycle; none before an election is loaded."""
    try:
        cycle = await current_cycle(uow)
    except Refused:
        return []
    return await uow.groups.for_cycle(cycle.code)


async def groups_with_role(
    uow: UnitOfWork, person: str, roles: Collection[Role], *, pledged: bool = False
) -> list[Group]:
    """Return the groups where the person holds one of `roles` now (pledged ones, if asked)."""
    held = {
        grant.group_id
        for grant in await uow.roles.for_person(person)
        if grant.role in roles
        and grant.revoked_at is None
        and (grant.pledge_accepted_at is not None or not pledged)
    }
    return [group for group in await cycle_groups(uow) if group.id in held]


async def holds_role(uow: UnitOfWork, person: str, role: Role) -> bool:
    """Tell whether the person holds `role` now, in any group or none."""
    grants = await uow.roles.for_person(person)
    return any(g.role is role and g.revoked_at is None for g in grants)


async def groups_taken_part_in(uow: UnitOfWork, person: str) -> list[Group]:
    """Return the groups where the person registered, applied or holds any role."""
    ids: set[int | None] = {voter.group_id for voter in await uow.voters.for_person(person)}
    ids |= {candidate.group_id for candidate in await uow.candidates.for_person(person)}
    ids |= {g.group_id for g in await uow.roles.for_person(person) if g.revoked_at is None}
    return [group for group in await cycle_groups(uow) if group.id in ids]


def group_buttons(groups: list[Group], language: str) -> Keyboard:
    """Offer each group by its name, one to a row: names are long."""
    buttons = [Button(f"group:{group_ref(g)}", text=g.names.get(language)) for g in groups]
    return rows(buttons, width=1)


def ask_for_group(turn: Turn, key: str, groups: list[Group]) -> None:
    """Ask which group, and wait at the `pick` step."""
    turn.goto("pick")
    turn.say(key, buttons=group_buttons(groups, turn.language))
