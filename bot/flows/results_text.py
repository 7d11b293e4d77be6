"""A group's result in words: per contest the votes, blank, invalid and late ballots, ties and
lots; then who holds which seat, what is vacant and what waits for a repeat vote.

Candidates appear by name (opened from their sealed applications) with their public id, so a
result can be checked against the bulletin board and the protocol. Used by /results and by the
publication to the group, in each reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.flows.vote_text import plain
from core.election import Seat
from core.model import Group
from core.ports import UnitOfWork
from core.privacy import Sealer
from core.services.ballot import entry
from core.services.context import group_id
from core.services.electorate import contest_id, group_contests, public_id, tally_kind
from core.tally import ContestResult, GroupResult

Names = Mapping[str, str]  # public id -> the candidate's name


async def candidate_names(uow: UnitOfWork, group: Group, sealer: Sealer) -> dict[str, str]:
    """Name every candidate of the group who ever applied, by public id."""
    candidates = await uow.candidates.for_group(group_id(group))
    return {public_id(c): entry(c, sealer).name for c in candidates}


async def late_counts(uow: UnitOfWork, group: Group) -> dict[str, int]:
    """Ballots that arrived after the close, per contest kind."""
    return {
        tally_kind(c).value: await uow.votes.count_late(contest_id(c))
        for c in await group_contests(uow, group)
    }


def who(names: Names, candidate: str) -> str:
    """A candidate as people read them: the name, and the public id to check it by."""
    name = names.get(candidate)
    return f"{name} ({candidate})" if name and name != candidate else candidate


def describe(result: GroupResult, names: Names, late: Mapping[str, int], language: str) -> str:
    """The whole result: each contest's count, then the seats."""
    parts = [
        _contest(c, result, names, late.get(c.kind.value, 0), language) for c in result.contests
    ]
    parts.append(seats(result, names, language))
    return "\n\n".join(parts)


def _contest(
    contest: ContestResult, result: GroupResult, names: Names, late: int, language: str
) -> str:
    lines = [plain(language, f"results.line.contest.{contest.kind.value}")]
    for row in contest.ranking:
        mark = "votes_withdrawn" if row.candidate_id in result.withdrawn else "votes"
        lines.append(
            plain(
                language, f"results.line.{mark}", who=who(names, row.candidate_id), votes=row.votes
            )
        )
    lines.append(
        plain(
            language,
            "results.line.ballots",
            valid=contest.valid,
            blank=contest.blank,
            invalid=contest.invalid_total,
            late=late,
        )
    )
    for flaw in contest.invalid:
        reason = plain(language, f"reasons.{flaw.flaw.value}")
        lines.append(plain(language, "results.line.invalid", reason=reason, count=flaw.count))
    for tie in contest.tie_breaks:
        tied = [who(names, c) for c in tie.order]
        key = f"results.line.tie.{tie.rule.value}"
        lines.append(plain(language, key, candidates=tied, votes=tie.votes, seed=result.seed))
    return "\n".join(lines)


def seats(result: GroupResult, names: Names, language: str) -> str:
    """Who holds which seat, the vacancies and the repeat votes still to come."""
    lines = [plain(language, "results.line.elected")]
    for seat in Seat:
        for elected in sorted(result.elected, key=lambda e: e.place.position):
            if elected.place.seat is seat:
                shown = who(names, elected.candidate_id)
                key = f"results.line.seat.{seat.value}"
                lines.append(plain(language, key, who=shown, votes=elected.votes))
        vacant = result.vacancies(seat)
        if vacant:
            lines.append(plain(language, f"results.line.vacant.{seat.value}", count=vacant))
    for vote in result.repeat_votes:
        held = [plain(language, f"results.line.place.{p.seat.value}") for p in vote.places]
        tied = [who(names, c) for c in vote.candidates]
        only = "" if tied else "_only"  # a withdrawal may leave no candidate free to stand
        key = f"results.line.repeat.{vote.cause.value}{only}"
        lines.append(plain(language, key, places=held, candidates=tied))
    if any(c.deferred for c in result.contests):
        lines.append(plain(language, "results.line.deferred"))
    return "\n".join(lines)
