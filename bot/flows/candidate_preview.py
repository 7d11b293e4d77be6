"""The application as the commission will read it, with what the person can do next.

A short application is one message; a long one (a full statement and report) is split by field,
since a Telegram message holds at most 4096 characters.
"""

from __future__ import annotations

from typing import Any

from bot.flows.candidate_form import Place
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.application import NO_CONFLICTS, Application
from core.model import CandidateStatus

ONE_MESSAGE = 3000  # UTF-16 units of typed text that still leave room for the labels
EDITABLE = ("name", "statement", "report_back", "conflicts")
_ACTIONS = {
    None: (("submit", "candidate.submit"), ("edit", "candidate.edit")),
    CandidateStatus.DRAFT: (("submit", "candidate.submit"), ("edit", "candidate.edit")),
    CandidateStatus.SUBMITTED: (("edit", "candidate.edit"), ("withdraw", "candidate.withdraw")),
    CandidateStatus.WITHDRAWN: (("submit", "candidate.submit_again"), ("edit", "candidate.edit")),
    # Once the commission has decided, the application is what it decided on.
    CandidateStatus.ADMITTED: (),
    CandidateStatus.REFUSED: (),
}


def _telegram_length(text: str) -> int:
    """Count as Telegram does: in UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def show_preview(turn: Turn, place: Place) -> None:
    """Show the whole application, then Submit / Edit / Withdraw as its status allows."""
    turn.goto("preview")
    form, group = place.form, place.group
    _texts(turn, form, group.names.get(turn.language))
    documents = group.regulation.documents
    attached = [
        f"{r.names.get(turn.language)}: {sent.file_name}"
        for r in documents
        if (sent := form.document(r.code)) is not None
    ]
    if attached:
        turn.say("candidate.preview.documents", documents=attached)
    missing = [
        r.names.get(turn.language) for r in documents if r.required and not form.document(r.code)
    ]
    if missing:
        turn.say("candidate.preview.missing", missing=missing)
    show_actions(turn, place)


def show_actions(turn: Turn, place: Place) -> None:
    """Say where the application stands, under the buttons its status allows."""
    buttons = [Button(action, key=key) for action, key in _ACTIONS[place.status]]
    status = place.status or CandidateStatus.DRAFT
    turn.say(
        f"candidate.preview.actions.{status.value}",
        buttons=rows(buttons, width=2),
        status=status,
        closes_at=place.group.calendar.registration_closes,
    )


def _texts(turn: Turn, form: Application, group: str) -> None:
    conflicts = "none" if form.conflicts == NO_CONFLICTS else "declared"
    typed = (form.name, form.statement, form.report_back, form.conflicts)
    fields: dict[str, Any] = {
        "group": group,
        "name": form.name,
        "statement": form.statement,
        "report_back": form.report_back,
        "conflicts": form.conflicts,
    }
    if sum(_telegram_length(text) for text in typed) <= ONE_MESSAGE:
        turn.say(f"candidate.preview.whole.conflicts_{conflicts}", **fields)
        return
    turn.say("candidate.preview.head", group=group, name=form.name, statement=form.statement)
    turn.say("candidate.preview.report_back", report_back=form.report_back)
    turn.say(f"candidate.preview.conflicts_{conflicts}", conflicts=form.conflicts)


def show_edit_menu(turn: Turn, place: Place) -> None:
    """Offer the parts of the form that can be changed."""
    turn.goto("edit")
    buttons = [Button(f"edit:{field}", key=f"terms.field.{field}") for field in EDITABLE]
    if place.group.regulation.documents:
        buttons.append(Button("edit:documents", key="candidate.documents"))
    buttons.append(Button("back", key="candidate.back"))
    turn.say("candidate.edit_which", buttons=rows(buttons, width=1))
