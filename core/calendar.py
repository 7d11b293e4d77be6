"""The six stages of a group's election and the instants that bound them.

All instants here are timezone-aware UTC; the configuration layer converts what the Secretariat
typed in local time (Asia/Almaty by default) before building these objects.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from itertools import pairwise

from pydantic import AwareDatetime, BaseModel, ConfigDict, model_validator


class Stage(StrEnum):
    PREPARATION = "preparation"
    ANNOUNCEMENT = "announcement"
    REGISTRATION = "registration"
    CANDIDATE_LIST = "candidate_list"
    VOTING = "voting"
    RESULTS = "results"

    @property
    def order(self) -> int:
        """The stage's place in the election, 0 for preparation."""
        return list(Stage).index(self)


class GroupCalendar(BaseModel):
    """When each stage starts, plus the exact closing instants of registration and voting.

    A stage runs until the next one starts; registration and voting may close earlier than that
    (the gap is time for the commission to vet, or to count).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    preparation: AwareDatetime
    announcement: AwareDatetime
    registration_opens: AwareDatetime
    registration_closes: AwareDatetime
    candidate_list: AwareDatetime
    voting_opens: AwareDatetime
    voting_closes: AwareDatetime
    results: AwareDatetime

    def starts(self, stage: Stage) -> datetime:
        return {
            Stage.PREPARATION: self.preparation,
            Stage.ANNOUNCEMENT: self.announcement,
            Stage.REGISTRATION: self.registration_opens,
            Stage.CANDIDATE_LIST: self.candidate_list,
            Stage.VOTING: self.voting_opens,
            Stage.RESULTS: self.results,
        }[stage]

    def ordered_instants(self) -> list[tuple[str, datetime]]:
        """Every instant with its field name, in the order they must follow each other."""
        return [
            ("preparation", self.preparation),
            ("announcement", self.announcement),
            ("registration_opens", self.registration_opens),
            ("registration_closes", self.registration_closes),
            ("candidate_list", self.candidate_list),
            ("voting_opens", self.voting_opens),
            ("voting_closes", self.voting_closes),
            ("results", self.results),
        ]

    @model_validator(mode="after")
    def _in_order(self) -> GroupCalendar:
        instants = self.ordered_instants()
        for (earlier_name, earlier), (later_name, later) in pairwise(instants):
            # Only the two closings must be strictly after their openings; touching stages may
            # share an instant (registration may close exactly when the list is published).
            strict = later_name in {"registration_closes", "voting_closes"}
            if later < earlier or (strict and later == earlier):
                raise ValueError(f"{later_name} must come after {earlier_name}")
        return self

    def stage_at(self, instant: datetime) -> Stage | None:
        """The stage in force at `instant`, or None before preparation starts."""
        current: Stage | None = None
        for stage in Stage:
            if instant >= self.starts(stage):
                current = stage
        return current

    def registration_open_at(self, instant: datetime) -> bool:
        return self.registration_opens <= instant < self.registration_closes

    def voting_open_at(self, instant: datetime) -> bool:
        return self.voting_opens <= instant < self.voting_closes
