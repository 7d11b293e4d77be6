"""Preparation: the Secretariat appoints each group's officials with one-time invitation links.

Invites are made by the same use case as `saylau roles invite`; each appointee opens their link
on their phone (`/start r-…`), consents, and is told their role. Commission members then open
/review and take the no-conflict declaration and the confidentiality pledge. The committee member
adds the bot to the community's chat and links it, so announcements reach the chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from admin_cli.demo.casting import GroupPlan
from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre
from core.model import Role
from core.services.invites import create_invite

VALID_FOR = timedelta(days=2)
COMMISSION = 3


@dataclass
class Officials:
    committee: Person
    commission: list[Person]
    observer: Person


async def invite(theatre: Theatre, group: str, role: Role) -> str:
    """The Secretariat's invitation to `role` in `group`: the link's payload."""
    return await create_invite(
        theatre.uow_factory(),
        theatre.clock,
        group_code=group,
        cycle_code=theatre.config.cycle.code,
        role=role,
        valid_for=VALID_FOR,
    )


async def appoint(theatre: Theatre, plan: GroupPlan) -> Officials:
    """Appoint the committee member, three commission members and an observer of one group."""
    languages = iter(plan.officials)
    committee = await _redeem(theatre, plan.code, Role.COMMITTEE, next(languages), "committee")
    commission = [
        await _redeem(theatre, plan.code, Role.COMMISSION, next(languages), f"commission {n + 1}")
        for n in range(COMMISSION)
    ]
    observer = await _redeem(theatre, plan.code, Role.OBSERVER, next(languages), "observer")
    for member in commission:
        await member.send("/review", "review.pledge")
        await member.tap("review.pledge_accept", "review.pledge_accepted")
    theatre.story.count(plan.code, "officials", 2 + len(commission))
    return Officials(committee, commission, observer)


async def _redeem(theatre: Theatre, group: str, role: Role, language: str, title: str) -> Person:
    person = theatre.person(f"{title} of {group}", language, title.title())
    token = await invite(theatre, group, role)
    await person.send(f"/start {token}", "start.consent")
    await person.tap("start.agree", f"start.role_granted.{role.value}")
    return person


async def link_chat(theatre: Theatre, group: str, committee: Person) -> None:
    """Create the community's chat with the committee member in it, and link it with /link."""
    user = committee.phone.user
    chat = theatre.emulator.add_group(f"{group} community", [user])
    theatre.chats[group] = chat
    in_chat = Person(theatre.emulator.phone(user, chat), committee.language, committee.who)
    await in_chat.send(f"/link {group}", "link.linked")


async def try_a_second_group(theatre: Theatre, member: Person, other: str) -> None:
    """A commission member opens an invitation to another group's commission: refused."""
    token = await invite(theatre, other, Role.COMMISSION)
    await member.send(f"/start {token}", "reasons.cross_group.commission_member_elsewhere")
    theatre.story.tell(
        f"{member.who} tried to serve {other} too; the bot refused (one commission per person)."
    )
