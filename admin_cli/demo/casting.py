"""Who takes part and how they behave, drawn once from the seed: the same seed, the same story.

Per group: an Organizing Committee member, three Mandate Commission members, an observer, the
voters (regions weighted towards the big cities, organisations in NGO unions, most voting, some
abstaining, trying to vote twice, voting too late or never) and three candidates. Across the
cycle: one candidate barred by the two-terms rule (a name from the file's past holders), one
refused by the commission with a reason, one commission member trying to serve a second group,
and one elected member withdrawing after the results.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from admin_cli.demo.names import REPORT_BACK, STATEMENTS, organisation_name, person_name
from core.election import GroupConfig
from core.regulation import Declaration, WithdrawalRule

LANGUAGES = {"ru": 7, "kk": 2, "en": 1}
BUSY_REGIONS = {"ALA": 4, "AST": 3, "SHY": 3, "KAR": 2, "KOS": 2, "TUR": 2}
CONDUCTS = {"votes": 70, "abstains": 8, "votes_twice": 8, "never": 14}
CANDIDATES = 3  # standing in every group: a member, an alternate and one more to move up
PREFERENCE = (6, 3, 2, 1)  # how strongly voters lean to the candidates, in application order


class Conduct(StrEnum):
    VOTES = "votes"
    ABSTAINS = "abstains"
    VOTES_TWICE = "votes_twice"
    LATE = "late"  # taps Confirm after the close: reported, never counted
    NEVER = "never"


@dataclass(frozen=True)
class VoterPlan:
    who: str
    language: str
    region: str | None
    organisation: str | None
    conduct: Conduct
    favourites: tuple[int, int]  # candidate indexes: first choice, and for a second contest
    arrives: float  # when they register, as a share of the registration window
    votes_at: float  # when they open the ballot, as a share of the voting window


@dataclass(frozen=True)
class CandidatePlan:
    who: str
    language: str
    name: str
    statement: str
    report_back: str
    barred: bool = False  # applies under a past holder's name: the term limit stops them
    refused: bool = False  # the commission refuses the application, with a reason
    arrives: float = 0.0


@dataclass(frozen=True)
class GroupPlan:
    code: str
    voters: tuple[VoterPlan, ...]
    candidates: tuple[CandidatePlan, ...]
    officials: tuple[str, ...]  # languages of committee, 3 commission members, observer
    withdrawal: bool  # the elected member withdraws after the results


@dataclass(frozen=True)
class Cast:
    groups: tuple[GroupPlan, ...]
    crossing: tuple[str, str] | None  # a commission member of the first tries the second


def cast(groups: tuple[GroupConfig, ...], voters: int, seed: int) -> Cast:
    """Draw everyone who takes part, deterministically from `seed`."""
    draw = random.Random(seed)
    names: set[str] = {h.name for g in groups for h in g.past_holders}
    organisations: set[str] = set()
    barred = next((g.code for g in groups if _barred_name(g)), None)
    refused = groups[1 if len(groups) > 1 else 0].code
    withdrawing = next(
        (g.code for g in groups if g.regulation.withdrawal_rule is WithdrawalRule.NEXT_BY_VOTES),
        None,
    )
    plans = []
    for group in groups:
        people = tuple(
            _voter(draw, group, f"voter {n + 1} of {group.code}", organisations)
            for n in range(voters)
        )
        if len(people) >= 3:  # one voter in every group is late, the rest behave as drawn
            late = people[-1]
            people = (*people[:-1], _late(late))
        applicants = [_candidate(draw, group, n, names) for n in range(CANDIDATES)]
        if group.code == refused:
            applicants.append(_candidate(draw, group, CANDIDATES, names, refused=True))
        if group.code == barred:
            applicants.append(_barred(draw, group))
        officials = tuple(_language(draw) for _ in range(5))
        plans.append(
            GroupPlan(group.code, people, tuple(applicants), officials, group.code == withdrawing)
        )
    crossing = (groups[0].code, groups[1].code) if len(groups) > 1 else None
    return Cast(tuple(plans), crossing)


def _language(draw: random.Random) -> str:
    return draw.choices(list(LANGUAGES), list(LANGUAGES.values()))[0]


def _voter(draw: random.Random, group: GroupConfig, who: str, taken: set[str]) -> VoterPlan:
    rules = group.regulation
    region = None
    if Declaration.REGION in rules.declarations:
        weights = [BUSY_REGIONS.get(code, 1) for code in rules.regions]
        region = draw.choices(rules.regions, weights)[0]
    organisation = None
    if Declaration.ORGANIZATION in rules.declarations:
        organisation = organisation_name(draw, taken)
    conduct = Conduct(draw.choices(list(CONDUCTS), list(CONDUCTS.values()))[0])
    first = draw.choices(range(CANDIDATES), PREFERENCE[:CANDIDATES])[0]
    second = draw.choice([n for n in range(CANDIDATES) if n != first])
    return VoterPlan(
        who=who,
        language=_language(draw),
        region=region,
        organisation=organisation,
        conduct=conduct,
        favourites=(first, second),
        arrives=round(draw.uniform(0.0, 0.45), 3),
        votes_at=round(draw.uniform(0.0, 0.55), 3),
    )


def _late(plan: VoterPlan) -> VoterPlan:
    return VoterPlan(
        plan.who, plan.language, plan.region, plan.organisation, Conduct.LATE,
        plan.favourites, plan.arrives, 0.7,
    )  # fmt: skip


def _candidate(
    draw: random.Random, group: GroupConfig, n: int, taken: set[str], refused: bool = False
) -> CandidatePlan:
    return CandidatePlan(
        who=f"candidate {n + 1} of {group.code}",
        language=_language(draw),
        name=person_name(draw, taken),
        statement=draw.choice(STATEMENTS),
        report_back=draw.choice(REPORT_BACK),
        refused=refused,
        arrives=round(draw.uniform(0.0, 0.3), 3),
    )


def _barred_name(group: GroupConfig) -> str | None:
    """A past holder who served the most consecutive terms the group allows."""
    limit = group.regulation.term_limit.max_consecutive_terms
    return next((h.name for h in group.past_holders if len(h.terms) >= limit), None)


def _barred(draw: random.Random, group: GroupConfig) -> CandidatePlan:
    name = _barred_name(group)
    assert name is not None
    return CandidatePlan(
        who=f"a past holder in {group.code}",
        language="ru",
        name=name,
        statement=draw.choice(STATEMENTS),
        report_back=draw.choice(REPORT_BACK),
        barred=True,
        arrives=round(draw.uniform(0.0, 0.3), 3),
    )
