"""Registration, a voter's side: the group's link, consent, the region, the organisation.

Regions are found the way a person finds them: on the current page of buttons, turning pages
with ▶ until the region shows.
"""

from __future__ import annotations

from admin_cli.demo.casting import VoterPlan
from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre
from admin_cli.demo.words import label
from core.regions import region_name

ASKED = (
    "voter.ask_region",
    "voter.ask_organisation_union",
    "voter.ask_organisation_member",
    "voter.confirm.nothing",
    "reasons.registration.closed",
)
AFTER_REGION = (
    "voter.ask_organisation_union",
    "voter.ask_organisation_member",
    "voter.confirm.region",
)
REGISTERED = ("voter.registered.admitted", "voter.registered.pending", "voter.registered.change")


async def join(theatre: Theatre, person: Person, group: str) -> None:
    """Open the group's link and consent: the group's menu is on screen."""
    ref = f"{theatre.config.cycle.code}_{group}"
    await person.send(f"/start g-{ref}", "start.consent")
    await person.tap("start.agree", "start.menu")


async def register(theatre: Theatre, plan: VoterPlan, group: str) -> Person:
    """Register as a voter in `group`, as `plan` says; return the person for later."""
    person = theatre.person(plan.who, plan.language, plan.who.split()[0].title())
    calendar = theatre.calendar(group)
    await theatre.within(calendar.registration_opens, calendar.registration_closes, plan.arrives)
    await join(theatre, person, group)
    if not person.has_button("start.register"):  # the menu offers it only while it is open
        theatre.story.count(group, "too late to register")
        return person
    await person.tap("start.register", *ASKED)
    if person.says("reasons.registration.closed"):
        theatre.story.count(group, "too late to register")
        return person
    if plan.region is not None:
        await _pick_region(person, plan.region)
    if plan.organisation is not None:
        await person.send(plan.organisation, "voter.confirm.organisation")
    await person.tap("voter.register", *REGISTERED, "reasons.registration.closed")
    theatre.story.count(group, "registered" if _registered(person) else "too late to register")
    return person


async def _pick_region(person: Person, code: str) -> None:
    wanted = region_name(code, person.language)
    further = label(person.language, "voter.next")
    while wanted not in person.buttons() and further in person.buttons():
        await person.press(further, "voter.ask_region")
    after = (
        "voter.ask_organisation_union",
        "voter.ask_organisation_member",
        "voter.confirm.region",
    )
    await person.press(wanted, *after)


def _registered(person: Person) -> bool:
    return any(person.says(key) for key in REGISTERED)
