"""The screens of the ballot: the candidates and their statements, one selection per contest,
and the summary to confirm.

The paper is remembered in the conversation's sealed notes while the person marks it: the
contests, the candidates (public id and name, in ballot order) and the marks so far. Nothing of
it outlives the cast: the flow finishes, which empties the notes.
"""

from __future__ import annotations

from typing import Any

from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from bot.flows.vote_text import cut, plain
from core.privacy import readable_code
from core.services.ballot import BallotPaper

MARKED, UNMARKED = "☑", "☐"


def remember(turn: Turn, ref: str, paper: BallotPaper) -> None:
    """Keep what the selection screens need, with no marks yet."""
    candidates = paper.contests[0].candidates if paper.contests else ()
    turn.data = {
        "group": ref,
        "name": paper.names.get(turn.language),
        "contests": [
            {"id": c.contest_id, "kind": c.kind.value, "choices": c.choices} for c in paper.contests
        ],
        "candidates": [[c.id, c.name] for c in candidates],
        "marks": {str(c.contest_id): [] for c in paper.contests},
        "at": 0,
        "open": paper.open_vote,
    }


def show_candidates(turn: Turn, paper: BallotPaper) -> None:
    """Introduce the ballot, then every candidate with their statement, a few to a message."""
    entries = paper.contests[0].candidates if paper.contests else ()
    turn.say(
        "vote.ballot",
        group=paper.names.get(turn.language),
        closes_at=paper.closes_at,
        count=len(entries),
    )
    if not entries:
        turn.say("vote.no_candidates")
        return
    texts = [
        f"{number}. {entry.name} ({entry.id})\n{entry.statement}".rstrip()
        for number, entry in enumerate(entries, start=1)
    ]
    for number, piece in enumerate(cut(texts)):
        turn.say("vote.candidates" if number == 0 else "vote.candidates_more", candidates=piece)


def contest(turn: Turn) -> dict[str, Any]:
    """The contest being marked now."""
    return dict(turn.data["contests"][int(turn.data["at"])])


def marks(turn: Turn) -> list[str]:
    """The candidates marked in the contest being marked now."""
    return list(turn.data["marks"][str(contest(turn)["id"])])


def names(turn: Turn) -> dict[str, str]:
    return {str(code): str(name) for code, name in turn.data["candidates"]}


def show_selection(turn: Turn, replace: bool = False) -> None:
    """Ask for the marks of the current contest: a toggle per candidate, Abstain and Next."""
    turn.goto("select")
    current, marked = contest(turn), marks(turn)
    toggles = [
        Button(f"mark:{code}", text=f"{MARKED if code in marked else UNMARKED} {name}")
        for code, name in names(turn).items()
    ]
    last = int(turn.data["at"]) == len(turn.data["contests"]) - 1
    onward = Button("next", key="vote.review" if last else "vote.next")
    keyboard = (*rows(toggles, width=1), (Button("blank", key="vote.abstain"), onward))
    turn.say(
        f"vote.select.{current['kind']}",
        buttons=keyboard,
        replace=replace,
        group=turn.data["name"],
        choices=current["choices"],
        marked=len(marked),
        number=int(turn.data["at"]) + 1,
        total=len(turn.data["contests"]),
    )


def summary(turn: Turn) -> str:
    """One line per contest: the names marked, or that the ballot is blank there."""
    shown = names(turn)
    lines = []
    for item in turn.data["contests"]:
        marked = [shown[code] for code in turn.data["marks"][str(item["id"])] if code in shown]
        if marked:
            lines.append(plain(turn.language, f"vote.line.{item['kind']}", names=marked))
        else:
            lines.append(plain(turn.language, f"vote.line.{item['kind']}_blank"))
    return "\n".join(lines)


def show_confirm(turn: Turn) -> None:
    """Show the whole choice with Confirm and Change; warn first where the vote is open."""
    turn.goto("confirm")
    if turn.data["open"]:
        turn.say("vote.open_ballot", code=readable_code(turn.person))
    # The group rides on Confirm so that a second press can show the receipt of the ballot kept.
    confirm = Button(f"confirm:{turn.data['group']}", key="vote.confirm_button")
    buttons = ((confirm, Button("change", key="vote.change")),)
    turn.say("vote.confirm", buttons=buttons, group=turn.data["name"], summary=summary(turn))


def choices(turn: Turn) -> dict[int, list[str]]:
    """The marks as the use case takes them: candidate ids per contest id."""
    return {int(key): list(value) for key, value in turn.data["marks"].items()}
