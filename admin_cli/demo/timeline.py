"""The file's calendar, compressed onto the next few minutes.

Every instant keeps its place in the cycle: the whole span from the first announcement to the
last results is mapped linearly onto `span` seconds of wall time, so the stages keep their order
and their proportions (registration stays the longest stage, the gap before the results the
shortest). Only the preparation before the first announcement is shortened to `lead` seconds,
the time the Secretariat needs to appoint everyone: the stored calendar starts it in the past.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig


def compress(
    config: ElectionConfig, now: datetime, span: timedelta, lead: timedelta
) -> ElectionConfig:
    """Return `config` with every calendar moved to start `lead` from `now` and last `span`."""
    first = min(g.calendar.announcement for g in config.groups)
    last = max(g.calendar.results for g in config.groups)
    factor = span / (last - first)
    anchor = now.replace(microsecond=0) + lead

    def moved(instant: datetime) -> datetime:
        return anchor + (instant - first) * factor

    groups = tuple(_moved_group(group, moved) for group in config.groups)
    instants = [at for group in groups for _, at in group.calendar.ordered_instants()]
    cycle = CycleInfo(
        code=config.cycle.code,
        names=config.cycle.names,
        year=config.cycle.year,
        timezone=config.cycle.timezone,
        starts=min(*instants, now).replace(microsecond=0) - timedelta(minutes=1),
        ends=max(instants) + timedelta(days=1),
    )
    return ElectionConfig(cycle=cycle, groups=groups)


def _moved_group(group: GroupConfig, moved: Callable[[datetime], datetime]) -> GroupConfig:
    times = {name: moved(at) for name, at in group.calendar.ordered_instants()}
    return group.model_copy(update={"calendar": GroupCalendar(**times)})
