"""A group's Election Regulation (Положение о выборах), as the Secretariat configures it.

Every rule that DOMAIN.md says must be configurable per group lives here, with the default the
2024 elections used. Models are frozen: a regulation is a value, compared and stored whole.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_serializer,
    field_validator,
    model_validator,
)

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class FieldProblem(ValueError):
    """A ValueError from a model validator that names the field at fault.

    Pydantic reports model-level errors against the whole model; carrying the field lets the
    election-file loader point at the line the Secretariat officer has to change.
    """

    def __init__(self, message: str, field: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.field = field


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Names(_Value):
    """A name in every language the bot speaks."""

    ru: NonEmpty
    kk: NonEmpty
    en: NonEmpty

    def get(self, language: str) -> str:
        return str(getattr(self, language, self.ru))


class VoterKind(StrEnum):
    INDIVIDUAL = "individual"  # community groups: a person votes
    ORGANIZATION = "organization"  # NGO unions: a registered legal entity votes, once


class Admission(StrEnum):
    AUTOMATIC = "automatic"
    COMMISSION = "commission"


class Declaration(StrEnum):
    REGION = "region"
    ORGANIZATION = "organization"


class Secrecy(StrEnum):
    SECRET = "secret"
    OPEN = "open"


class VotingMode(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"  # delegates vote on the community's behalf


class CompetitionRule(StrEnum):
    # (a) one contest: places 1..members are members, the next `alternates` places alternates
    SINGLE_CONTEST = "single_contest"
    # (b) two parallel contests: one for the member seats, one for the alternate seats
    PARALLEL_CONTESTS = "parallel_contests"


class TieRule(StrEnum):
    LOT = "lot"  # drawing of lots, reproducible from a seed recorded in the protocol
    EARLIEST_APPLICATION = "earliest_application"
    REPEAT_VOTE = "repeat_vote"  # the tied seat stays open until the tied candidates are re-voted


class WithdrawalRule(StrEnum):
    NEXT_BY_VOTES = "next_by_votes"
    REPEAT_VOTE = "repeat_vote"


class Permission(StrEnum):
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"


class Seats(_Value):
    members: int = Field(default=1, ge=1, le=10)
    alternates: int = Field(default=1, ge=0, le=10)


class Competition(_Value):
    rule: CompetitionRule = CompetitionRule.SINGLE_CONTEST
    seats: Seats = Seats()
    # How many candidates a voter may mark in each contest.
    choices: int = Field(default=1, ge=1, le=20)


class TermLimit(_Value):
    # CCM internal rules: at most two consecutive terms, and the bar covers the alternate seat too.
    max_consecutive_terms: int = Field(default=2, ge=1, le=10)
    alternate_counts: bool = True


class CrossGroupPolicy(_Value):
    """Answers to the four cross-group questions the 2024 elections left open."""

    voter_in_several_groups: Permission = Permission.ALLOWED
    commission_member_votes_elsewhere: Permission = Permission.ALLOWED
    candidate_votes_elsewhere: Permission = Permission.ALLOWED
    commission_member_serves_several_groups: Permission = Permission.FORBIDDEN


class DocumentRequirement(_Value):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,30}$")]
    names: Names
    required: bool = True
    types: tuple[str, ...] = ("pdf", "jpg", "jpeg", "png", "docx")
    max_megabytes: int = Field(default=10, ge=1, le=20)  # the Bot API lets bots download 20 MB


def _default_documents() -> tuple[DocumentRequirement, ...]:
    # The report criticised excessive bureaucracy: by default one optional document only.
    return (
        DocumentRequirement(
            code="recommendation",
            names=Names(
                ru="Рекомендательное письмо сообщества",
                kk="Қоғамдастықтың ұсыным хаты",
                en="Community recommendation letter",
            ),
            required=False,
        ),
    )


def _all_region_codes() -> tuple[str, ...]:
    # Imported here, not at the top: core.regions needs Names from this module.
    from core.regions import REGION_CODES

    return REGION_CODES


def _known_region(code: str) -> str:
    from core.regions import REGION_CODES, is_region

    if not is_region(code):
        raise ValueError(f"unknown region {code} (the region codes are {', '.join(REGION_CODES)})")
    return code


RegionCode = Annotated[str, AfterValidator(_known_region)]


class Regulation(_Value):
    voter_kind: VoterKind = VoterKind.INDIVIDUAL
    admission: Admission = Admission.AUTOMATIC
    declarations: frozenset[Declaration] = frozenset({Declaration.REGION})
    secrecy: Secrecy = Secrecy.SECRET
    mode: VotingMode = VotingMode.DIRECT
    competition: Competition = Competition()
    tie_rule: TieRule = TieRule.LOT
    withdrawal_rule: WithdrawalRule = WithdrawalRule.NEXT_BY_VOTES
    term_limit: TermLimit = TermLimit()
    documents: tuple[DocumentRequirement, ...] = Field(default_factory=_default_documents)
    cross_group: CrossGroupPolicy = CrossGroupPolicy()
    revote: bool = False
    region_threshold: int = Field(default=5, ge=1, le=100)
    # The regions the group's voters may declare; by default every region of Kazakhstan.
    regions: tuple[RegionCode, ...] = Field(default_factory=_all_region_codes, min_length=1)

    @field_serializer("declarations")
    def _sorted_declarations(self, declarations: frozenset[Declaration]) -> list[str]:
        # Sorted so that the dump (and the election digest) does not depend on the hash seed.
        return sorted(declaration.value for declaration in declarations)

    @model_validator(mode="after")
    def _organizations_declare_themselves(self) -> Regulation:
        if self.voter_kind is VoterKind.ORGANIZATION and (
            Declaration.ORGANIZATION not in self.declarations
        ):
            raise FieldProblem(
                "an organization voter must declare its organization", ("declarations",)
            )
        return self

    @field_validator("regions")
    @classmethod
    def _each_region_once(cls, regions: tuple[str, ...]) -> tuple[str, ...]:
        repeated = sorted({code for code in regions if regions.count(code) > 1})
        if repeated:
            raise ValueError(f"region {', '.join(repeated)} is listed more than once")
        return regions

    @property
    def member_seats(self) -> int:
        return self.competition.seats.members

    @property
    def alternate_seats(self) -> int:
        return self.competition.seats.alternates
