"""Which groups a rehearsal runs: all of the file's, the most telling few, or more than it has.

Fewer than the file holds: the groups that show the most different rules come first (past
holders for the term limit, organisations voting, two parallel contests, the commission vetting
voters), then the file's order. More: the file's groups again under new codes (`PLHIV-2`), to
rehearse a bigger cycle.
"""

from __future__ import annotations

from core.election import ElectionConfig, GroupConfig
from core.regulation import Admission, CompetitionRule, Names, VoterKind


def choose_groups(config: ElectionConfig, count: int | None) -> ElectionConfig:
    """Keep `count` groups (all when None), chosen as above."""
    groups = config.groups
    if count is None or count == len(groups):
        return config
    if count < len(groups):
        chosen = _most_telling(groups, count)
    else:
        chosen = [*groups, *(_copy(groups, n) for n in range(len(groups), count))]
    return config.model_copy(update={"groups": tuple(chosen)})


def _features(group: GroupConfig) -> set[str]:
    rules = group.regulation
    found = set()
    if group.past_holders:
        found.add("past holders")
    if rules.voter_kind is VoterKind.ORGANIZATION:
        found.add("organisations")
    if rules.competition.rule is CompetitionRule.PARALLEL_CONTESTS:
        found.add("parallel contests")
    if rules.admission is Admission.COMMISSION:
        found.add("vetted voters")
    return found


def _most_telling(groups: tuple[GroupConfig, ...], count: int) -> list[GroupConfig]:
    """Greedily add the group that shows the most rules not shown yet; ties go to file order."""
    chosen: list[GroupConfig] = []
    shown: set[str] = set()
    while len(chosen) < count:
        left = [g for g in groups if g not in chosen]
        best = max(left, key=lambda g: (len(_features(g) - shown), -groups.index(g)))
        chosen.append(best)
        shown |= _features(best)
    return sorted(chosen, key=groups.index)


def _copy(groups: tuple[GroupConfig, ...], n: int) -> GroupConfig:
    """The file's group n % len again, as another group of the same kind."""
    original = groups[n % len(groups)]
    round_ = n // len(groups) + 1
    names = Names(**{lang: f"{text} ({round_})" for lang, text in original.names})
    return original.model_copy(update={"code": f"{original.code}-{round_}"[:16], "names": names})
