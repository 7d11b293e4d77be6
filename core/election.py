"""An election cycle as the Secretariat declares it: groups, their regulations and calendars.

This is the validated, timezone-resolved form; reading it from YAML (with line numbers for errors)
is the configuration layer's job. Everything here is a frozen value with a stable digest, so that
loading the same declaration twice can be recognised and change nothing.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from core.calendar import GroupCalendar
from core.regulation import Names, NonEmpty, Regulation

GroupCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")]
CycleCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")]


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Seat(StrEnum):
    MEMBER = "member"
    ALTERNATE = "alternate"


class ServedTerm(_Value):
    cycle_year: int = Field(ge=2000, le=2100)
    seat: Seat


class PastHolder(_Value):
    """Someone who held a CCM seat in earlier cycles, for the term limit.

    Candidates are public people, so they are matched by the name they apply under; the
    storage keeps only a keyed hash of the normalised name.
    """

    name: NonEmpty
    terms: tuple[ServedTerm, ...] = Field(min_length=1)


class GroupConfig(_Value):
    code: GroupCode
    names: Names
    regulation: Regulation = Regulation()
    calendar: GroupCalendar
    past_holders: tuple[PastHolder, ...] = ()


class CycleInfo(_Value):
    code: CycleCode
    names: Names
    year: int = Field(ge=2000, le=2100)
    timezone: str = "Asia/Almaty"
    starts: AwareDatetime
    ends: AwareDatetime

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @model_validator(mode="after")
    def _ends_after_start(self) -> CycleInfo:
        if self.ends <= self.starts:
            raise ValueError("the cycle must end after it starts")
        return self


class ElectionConfig(_Value):
    cycle: CycleInfo
    groups: tuple[GroupConfig, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _groups_are_unique_and_inside_the_cycle(self) -> ElectionConfig:
        seen: set[str] = set()
        for group in self.groups:
            if group.code in seen:
                raise ValueError(f"group code {group.code} is used twice")
            seen.add(group.code)
            for name, instant in group.calendar.ordered_instants():
                if not self.cycle.starts <= instant <= self.cycle.ends:
                    raise ValueError(f"group {group.code}: {name} is outside the cycle")
        return self

    def group(self, code: str) -> GroupConfig:
        for group in self.groups:
            if group.code == code:
                return group
        raise KeyError(code)

    def digest(self) -> str:
        """A stable fingerprint: the same declaration always gives the same digest."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
