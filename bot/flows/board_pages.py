"""The pages of the bulletin board: receipt codes, totals, anonymised ballots, a page at a time.

A page turn edits the message in place. The anonymised ballots come shuffled from the use case;
here they are sorted by what they say, which keeps pages stable from one turn to the next and
still says nothing about who cast which, nor in what order.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.flows.results_text import Names, who
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button, Keyboard
from bot.flows.vote_text import plain
from core.services.board import ContestBallots, ContestBoard, PublishedBallot

RECEIPTS_PAGE = 20  # one code a line: twenty fit a phone screen
BALLOTS_PAGE = 15


def page_of(items: Sequence[str], page: int, size: int) -> tuple[int, int, list[str]]:
    """Clamp `page`; return it, the number of pages, and its items."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return page, pages, list(items[page * size : (page + 1) * size])


def turning(page: int, pages: int, others: list[Button]) -> Keyboard:
    """◀ ▶ when there is somewhere to turn, then the other views, one to a row."""
    arrows = []
    if page > 0:
        arrows.append(Button(f"page:{page - 1}", key="board.previous"))
    if page < pages - 1:
        arrows.append(Button(f"page:{page + 1}", key="board.next"))
    return ((tuple(arrows),) if arrows else ()) + tuple((b,) for b in others)


def contest_word(turn: Turn, kind: str) -> str:
    return plain(turn.language, f"vote.contest.{kind}")


def show_receipts(
    turn: Turn, board: ContestBoard, page: int, others: list[Button], replace: bool
) -> None:
    """One page of a contest's receipt codes, sorted."""
    page, pages, shown = page_of(board.receipts, page, RECEIPTS_PAGE)
    turn.data.update(page=page, view="receipts")
    contest = contest_word(turn, board.kind.value)
    if not board.receipts:
        turn.say(
            "board.no_receipts", buttons=turning(0, 1, others), replace=replace, contest=contest
        )
        return
    turn.say(
        "board.receipts",
        buttons=turning(page, pages, others),
        replace=replace,
        contest=contest,
        count=len(board.receipts),
        page=page + 1,
        pages=pages,
        receipts="\n".join(shown),
    )


def ballot_line(turn: Turn, number: int, ballot: PublishedBallot, names: Names) -> str:
    """One anonymised ballot: the names marked, or blank, or why it is invalid."""
    marked = [who(names, c) for c in ballot.choices]
    if ballot.reason is not None:
        reason = plain(turn.language, f"reasons.{ballot.reason}").rstrip(".")
        line = plain(
            turn.language, "board.line.invalid", number=number, choices=marked, reason=reason
        )
    elif not marked:
        line = plain(turn.language, "board.line.blank", number=number)
    else:
        line = plain(turn.language, "board.line.ballot", number=number, choices=marked)
    if ballot.voter is not None:
        line += " " + plain(turn.language, "board.line.voter", code=ballot.voter)
    return line


def show_ballots(
    turn: Turn,
    ballots: ContestBallots,
    names: Names,
    page: int,
    others: list[Button],
    replace: bool,
) -> None:
    """One page of a contest's anonymised ballots, for those who recount."""
    ordered = sorted(ballots.ballots, key=lambda b: (b.status, b.reason or "", b.choices))
    lines = [ballot_line(turn, n, b, names) for n, b in enumerate(ordered, start=1)]
    page, pages, shown = page_of(lines, page, BALLOTS_PAGE)
    turn.data.update(page=page, view="ballots")
    contest = contest_word(turn, ballots.kind.value)
    turn.say(
        "board.ballots" if lines else "board.no_ballots",
        buttons=turning(page, pages, others),
        replace=replace,
        contest=contest,
        count=len(lines),
        page=page + 1,
        pages=pages,
        ballots="\n".join(shown),
    )


def totals_text(turn: Turn, board: ContestBoard, names: Names) -> str:
    """A contest's confirmed totals: votes per candidate and what was not counted."""
    totals = board.totals
    if totals is None:
        return ""
    lines = [plain(turn.language, f"results.line.contest.{board.kind.value}")]
    for candidate, votes in totals.votes:
        lines.append(
            plain(turn.language, "results.line.votes", who=who(names, candidate), votes=votes)
        )
    invalid = sum(count for _, count in totals.invalid)
    lines.append(
        plain(
            turn.language,
            "results.line.ballots",
            valid=totals.counted,
            blank=totals.blank,
            invalid=invalid,
            late=totals.late,
        )
    )
    return "\n".join(lines)
