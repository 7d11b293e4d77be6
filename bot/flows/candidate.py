"""Candidate application: the regulation's form, saved at every step, a preview, then submit.

```mermaid
stateDiagram-v2
    [*] --> pick: /apply, no group named
    [*] --> [*]: registration closed, decided, a role or another group forbids (the reason)
    pick --> name: a group is chosen
    [*] --> name: group menu (no application yet)
    [*] --> preview: an application exists (all answered)
    name --> [*]: term limit reached (explained)
    name --> statement --> report_back --> conflicts
    conflicts --> duties: a declaration, or "No conflict of interest"
    duties --> document: I accept (one document requirement at a time)
    document --> document: a file (type, size checked), Skip, Keep
    document --> preview
    duties --> preview: the regulation asks for no documents
    preview --> edit: Edit
    edit --> name: a field (then back to the preview)
    edit --> document: Documents
    preview --> [*]: Submit
    preview --> withdraw: Withdraw (a submitted application)
    withdraw --> [*]: Yes, withdraw
    withdraw --> preview: No
```
Every answer is saved as a draft at once (see candidate_form), so a pause loses nothing.
"""

from __future__ import annotations

from dataclasses import replace as changed
from typing import Any

from bot.flows.candidate_form import (
    TEXT_STEPS,
    Place,
    answered,
    ask,
    checked_text,
    document_buttons,
    explain,
    next_step,
    read_place,
    save,
    with_document,
)
from bot.flows.candidate_preview import EDITABLE, show_actions, show_edit_menu, show_preview
from bot.flows.candidate_submit import (
    confirm_withdrawal,
    submit_application,
    withdraw_application,
)
from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.turn import Turn
from bot.flows.voter import offer_open_groups
from core.application import NO_CONFLICTS, DocumentRef
from core.errors import Refused
from core.model import CandidateStatus
from core.services.candidacy import check_can_apply


class Candidate(Flow):
    name = "candidate"
    commands = ("apply",)

    async def begin(self, turn: Turn) -> None:
        """Start with the group named by the menu or the command, or ask for one."""
        if turn.argument:
            await self._start(turn, turn.argument)
        else:
            await offer_open_groups(turn, "candidate.pick_group")

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if turn.step == "pick" or "group" not in turn.data:
            await offer_open_groups(turn, "candidate.pick_group")
            return
        place = await read_place(turn)
        if turn.step == "edit":
            show_edit_menu(turn, place)
        elif turn.step in {"preview", "withdraw"}:
            show_preview(turn, place)
        else:
            ask(turn, place, turn.step or "name", self._document(turn))

    async def on_text(self, turn: Turn) -> None:
        """Take the answer typed at a text step; elsewhere point to the buttons, shown again."""
        step = turn.step
        if step in TEXT_STEPS:
            if not await self._take_text(turn, step) and turn.step == "conflicts":
                await self.resume(turn)  # a message retires the buttons on screen: offer them again
            return
        turn.say("candidate.send_file" if step == "document" else "common.use_buttons")
        if step in {"preview", "withdraw"}:
            show_actions(turn, await read_place(turn))
        elif step != "document" or document_buttons(await read_place(turn), self._document(turn)):
            await self.resume(turn)

    async def on_document(self, turn: Turn) -> None:
        """Take a file for the document asked for now."""
        if turn.step != "document" or turn.event.document is None:
            turn.say("common.no_file_expected")
            return
        place = await read_place(turn)
        requirement = place.group.regulation.documents[self._document(turn)]
        sent = turn.event.document
        document = DocumentRef(
            requirement.code, sent.file_id, sent.file_name or "", sent.mime_type, sent.size or 0
        )
        if not await save(turn, place, with_document(place.form, document)):
            if document_buttons(place, self._document(turn)):
                ask(turn, place, "document", self._document(turn))  # the refusal retired them
            return
        name = requirement.names.get(turn.language)
        turn.say("candidate.file_received", requirement=name, file=document.file_name)
        await self._next_document(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """React to the form's buttons."""
        kind, _, value = action.partition(":")
        step = turn.step
        if kind == "group" and step == "pick":
            await self._start(turn, value)
        elif kind == "no_conflicts" and step == "conflicts":
            await self._take(turn, "conflicts", NO_CONFLICTS)
        elif kind == "accept" and step == "duties":
            await self._accept_duties(turn)
        elif kind == "skip" and step == "document":
            await self._next_document(turn)
        elif kind == "edit" and step == "preview" and not value:
            show_edit_menu(turn, await read_place(turn))
        elif kind == "edit" and step == "edit" and value in (*EDITABLE, "documents"):
            await self._edit(turn, value)
        elif kind == "back" and step == "edit":
            show_preview(turn, await read_place(turn))
        elif kind == "submit" and step == "preview":
            await submit_application(turn)
        elif kind == "withdraw" and step == "preview":
            confirm_withdrawal(turn)
        elif kind in {"withdraw_yes", "withdraw_no"} and step == "withdraw":
            await withdraw_application(turn, confirmed=kind == "withdraw_yes")
        else:
            turn.say("common.button_expired")

    async def _start(self, turn: Turn, ref: str) -> None:
        """Explain at once why the person cannot apply, or open the form where it was left."""
        try:
            group = await find_group(turn.uow, ref)
            await check_can_apply(
                turn.uow,
                turn.clock,
                group_code=group.code,
                cycle_code=group.cycle_code,
                person=turn.person,
                name_key=None,
            )
        except Refused:
            turn.finish()
            raise
        turn.data = {"group": group_ref(group)}
        place = await read_place(turn)
        if place.status is None:
            turn.say("candidate.intro", group=group.names.get(turn.language))
            ask(turn, place, "name")
        elif answered(place.form):
            turn.data["document"] = len(group.regulation.documents)
            show_preview(turn, place)
        else:
            turn.say("candidate.welcome_back")
            self._go_on(turn, place)

    async def _take_text(self, turn: Turn, step: str) -> bool:
        try:
            answer = checked_text(step, turn.event.text)
        except Refused as refusal:
            explain(turn, refusal)
            return False
        return await self._take(turn, step, answer)

    async def _take(self, turn: Turn, step: str, answer: str) -> bool:
        """Save one answer, then ask the next question (or go back to the preview)."""
        place = await read_place(turn)
        answers: dict[str, Any] = {step: answer}
        if not await save(turn, place, changed(place.form, **answers)):
            return False
        await self._after_answer(turn)
        return True

    async def _after_answer(self, turn: Turn) -> None:
        place = await read_place(turn)
        if turn.data.pop("editing", False):
            if place.status is CandidateStatus.SUBMITTED:
                turn.say("candidate.saved_submitted")
            show_preview(turn, place)
        else:
            self._go_on(turn, place)

    async def _accept_duties(self, turn: Turn) -> None:
        place = await read_place(turn)
        if await save(turn, place, changed(place.form, accepted_duties=True)):
            turn.data["document"] = 0
            await self._after_answer(turn)

    async def _next_document(self, turn: Turn) -> None:
        turn.data["document"] = self._document(turn) + 1
        self._go_on(turn, await read_place(turn))

    def _go_on(self, turn: Turn, place: Place) -> None:
        """Ask the next unanswered question, or show the preview once all are answered."""
        step = next_step(place, self._document(turn))
        if step == "preview":
            show_preview(turn, place)
        else:
            ask(turn, place, step, self._document(turn))

    async def _edit(self, turn: Turn, field: str) -> None:
        place = await read_place(turn)
        if field == "documents":
            turn.data["document"] = 0
            ask(turn, place, "document", 0)
            return
        turn.data["editing"] = True
        ask(turn, place, field)

    def _document(self, turn: Turn) -> int:
        return int(turn.data.get("document", 0))
