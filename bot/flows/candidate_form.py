"""The application form, step by step: where the person is, what to ask next, how it is kept.

The saved draft (sealed in the candidates table) is the form's only copy: every answer is saved
through `save_draft` as soon as it is given, and every turn reads the form back, so a pause or a
restart of the bot loses nothing. The conversation's own notes hold only the group and where in
the list of documents the person is.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as changed

from bot.flows.groups import find_group
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button, Keyboard, Say
from core.application import Application, DocumentRef
from core.application_rules import LIMITS, text_problem
from core.errors import Refused
from core.model import CandidateStatus, Group
from core.reasons import Reason
from core.services.candidacy import read_application, save_draft
from core.services.context import group_id

TEXT_STEPS = ("name", "statement", "report_back", "conflicts")
_LIMITS = {limit.field: limit for limit in LIMITS}
TERM_LIMIT = "candidate.term_limit"


@dataclass(frozen=True)
class Place:
    """The group applied to, the form as saved, and where the application stands."""

    group: Group
    form: Application
    status: CandidateStatus | None  # None before anything is saved


async def read_place(turn: Turn) -> Place:
    """Read the group and the person's saved form afresh."""
    group = await find_group(turn.uow, turn.data["group"])
    form = await read_application(
        turn.uow,
        group_code=group.code,
        cycle_code=group.cycle_code,
        person=turn.person,
        sealer=turn.vault.sealer,
    )
    stored = await turn.uow.candidates.get(group_id(group), turn.person)
    return Place(group, form or Application(), stored.status if stored else None)


def answered(form: Application) -> bool:
    """Tell whether every text is given and the duties accepted (documents aside)."""
    return all(getattr(form, step) for step in TEXT_STEPS) and form.accepted_duties


def next_step(place: Place, document_index: int) -> str:
    """The first question not answered yet; documents in order, then the preview."""
    for step in TEXT_STEPS:
        if not getattr(place.form, step):
            return step
    if not place.form.accepted_duties:
        return "duties"
    return "document" if document_index < len(place.group.regulation.documents) else "preview"


def checked_text(step: str, text: str) -> str:
    """Refuse an empty, too short or too long answer with the field's limits."""
    problem = text_problem(_LIMITS[step], text, required=True)
    if problem is not None:
        raise Refused(problem)
    return text.strip()


def with_document(form: Application, document: DocumentRef) -> Application:
    """Attach a file, replacing one sent before for the same requirement."""
    others = tuple(d for d in form.documents if d.requirement_code != document.requirement_code)
    return changed(form, documents=(*others, document))


def named_documents(refusal: Refused, group: Group, language: str) -> Refused:
    """Name a document in a refusal as the regulation does, in the person's language."""
    names = {r.code: r.names.get(language) for r in group.regulation.documents}
    code = refusal.reason.params.get("document")
    if code not in names:
        return refusal
    return Refused(Reason(refusal.reason.code, {**refusal.reason.params, "document": names[code]}))


async def save(turn: Turn, place: Place, form: Application) -> bool:
    """Save the form as it stands now; False when it was refused (the reason is said)."""
    try:
        await save_draft(
            turn.uow,
            turn.clock,
            group_code=place.group.code,
            cycle_code=place.group.cycle_code,
            person=turn.person,
            application=form,
            sealer=turn.vault.sealer,
            name_key=turn.vault.name_key(form.name),
        )
    except Refused as refusal:
        if refusal.reason.code == TERM_LIMIT:
            turn.finish()  # nothing else in the form can change that
        explain(turn, refusal, place.group)
        return False
    return True


def explain(turn: Turn, refusal: Refused, group: Group | None = None) -> None:
    """Say why, naming documents as the regulation does; the flow may then offer buttons again.

    Said here rather than left to the engine: the engine's explanation comes after everything
    the flow said, and passes params to `Turn.say`, where a `document` keyword means a file.
    """
    named = named_documents(refusal, group, turn.language).reason if group else refusal.reason
    turn.said.append(Say(f"reasons.{named.code}", named.params, origin=turn.speaker))


def ask(turn: Turn, place: Place, step: str, document_index: int = 0) -> None:
    """Put the question of `step` to the person and wait for the answer there."""
    turn.goto(step)
    if step == "conflicts":
        none = Button("no_conflicts", key="candidate.no_conflicts")
        turn.say("candidate.ask.conflicts", buttons=((none,),), max=_LIMITS[step].maximum)
    elif step == "duties":
        turn.say("candidate.duties", buttons=((Button("accept", key="candidate.accept"),),))
    elif step == "document":
        _ask_document(turn, place, document_index)
    elif step in _LIMITS:
        limit = _LIMITS[step]
        group = place.group.names.get(turn.language)
        turn.say(f"candidate.ask.{step}", group=group, min=limit.minimum, max=limit.maximum)


def _ask_document(turn: Turn, place: Place, index: int) -> None:
    requirement = place.group.regulation.documents[index]
    kind = "required" if requirement.required else "optional"
    turn.say(
        f"candidate.ask.document_{kind}",
        buttons=document_buttons(place, index),
        requirement=requirement.names.get(turn.language),
        types=list(requirement.types),
        max_megabytes=requirement.max_megabytes,
    )


def document_buttons(place: Place, index: int) -> Keyboard:
    """Keep a file sent before, or skip an optional document; a required one waits for a file."""
    requirement = place.group.regulation.documents[index]
    sent = place.form.document(requirement.code)
    if sent is not None:
        return ((Button("skip", key="candidate.keep_file", params={"file": sent.file_name}),),)
    if not requirement.required:
        return ((Button("skip", key="candidate.skip"),),)
    return ()
