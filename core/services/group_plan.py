"""What one declared group becomes in storage: the group row, its contests and its past terms."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from core.election import GroupConfig, Seat
from core.model import Contest, ContestKind, Group, PastTerm
from core.regulation import CompetitionRule, Regulation


@dataclass(frozen=True)
class ContestSpec:
    kind: ContestKind
    seats: int
    choices: int

    def for_group(self, group_id: int) -> Contest:
        return Contest(group_id=group_id, kind=self.kind, seats=self.seats, choices=self.choices)


@dataclass(frozen=True)
class TermSpec:
    name_key: str
    cycle_year: int
    seat: Seat

    def for_group(self, group_id: int) -> PastTerm:
        return PastTerm(group_id, self.name_key, self.cycle_year, self.seat)


@dataclass(frozen=True)
class GroupPlan:
    group: Group  # without an id until stored
    contests: tuple[ContestSpec, ...]
    terms: tuple[TermSpec, ...]


def contests_for(regulation: Regulation) -> tuple[ContestSpec, ...]:
    """Derive the contests a group's competition rule asks for."""
    competition = regulation.competition
    seats, choices = competition.seats, competition.choices
    if competition.rule is CompetitionRule.SINGLE_CONTEST:
        return (ContestSpec(ContestKind.SINGLE, seats.members + seats.alternates, choices),)
    specs = [ContestSpec(ContestKind.MEMBER, seats.members, choices)]
    if seats.alternates:  # a group may declare no alternate seat at all
        specs.append(ContestSpec(ContestKind.ALTERNATE, seats.alternates, choices))
    return tuple(specs)


def terms_for(config: GroupConfig, name_key: Callable[[str], str]) -> tuple[TermSpec, ...]:
    """List the past seats of the group's declared holders, under hashed names."""
    terms = {
        TermSpec(name_key(holder.name), term.cycle_year, term.seat)
        for holder in config.past_holders
        for term in holder.terms
    }
    return tuple(sorted(terms, key=lambda t: (t.name_key, t.cycle_year, t.seat.value)))


def fingerprint(config: GroupConfig, terms: tuple[TermSpec, ...]) -> str:
    """Hash the group's declaration with past holders' names already replaced by their keys."""
    body = {
        "code": config.code,
        "names": config.names.model_dump(mode="json"),
        "regulation": config.regulation.model_dump(mode="json"),
        "calendar": config.calendar.model_dump(mode="json"),
        "terms": [[t.name_key, t.cycle_year, t.seat.value] for t in terms],
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def plan_group(config: GroupConfig, cycle_code: str, name_key: Callable[[str], str]) -> GroupPlan:
    """Turn a declared group into the values storage keeps."""
    terms = terms_for(config, name_key)
    group = Group(
        cycle_code=cycle_code,
        code=config.code,
        names=config.names,
        regulation=config.regulation,
        calendar=config.calendar,
        digest=fingerprint(config, terms),
    )
    return GroupPlan(group, contests_for(config.regulation), terms)
