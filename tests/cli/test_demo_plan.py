"""The demo's plan, before anything runs: the compressed calendar, the groups, the people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from admin_cli.demo.casting import Conduct, cast
from admin_cli.demo.choosing import choose_groups
from admin_cli.demo.timeline import compress
from app.election_file import load_election_file
from core.regulation import Declaration

EXAMPLE = load_election_file(Path(__file__).resolve().parents[2] / "examples/election-2024.yaml")
NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
SPAN, LEAD = timedelta(minutes=3), timedelta(seconds=10)


def test_the_whole_cycle_fits_in_minutes_in_the_same_order_and_proportions() -> None:
    squeezed = compress(EXAMPLE, NOW, SPAN, LEAD)
    first = min(g.calendar.announcement for g in squeezed.groups)
    last = max(g.calendar.results for g in squeezed.groups)
    assert (first, last) == (NOW + LEAD, NOW + LEAD + SPAN)
    for before, after in zip(EXAMPLE.groups, squeezed.groups, strict=True):
        old, new = before.calendar, after.calendar
        old_share = (old.registration_closes - old.registration_opens) / (
            old.results - old.announcement
        )
        new_share = (new.registration_closes - new.registration_opens) / (
            new.results - new.announcement
        )
        assert abs(old_share - new_share) < 1e-6
    tgp, plhiv = squeezed.group("TGP").calendar, squeezed.group("PLHIV").calendar
    assert tgp.voting_closes < plhiv.voting_closes  # the group that runs faster still does


def test_two_groups_are_the_two_that_show_the_most_rules() -> None:
    assert [g.code for g in choose_groups(EXAMPLE, 2).groups] == ["PLHIV", "HIV-NGO"]
    bigger = choose_groups(EXAMPLE, 13)
    codes = [g.code for g in bigger.groups]
    assert len(set(codes)) == 13 and codes[10:] == ["PLHIV-2", "WLHIV-2", "TB-2"]


def test_the_same_seed_brings_the_same_people_and_another_seed_others() -> None:
    groups = choose_groups(EXAMPLE, 3).groups
    assert cast(groups, 12, seed=5) == cast(groups, 12, seed=5)
    assert cast(groups, 12, seed=5) != cast(groups, 12, seed=6)


def test_the_story_has_its_turns_in_every_rehearsal() -> None:
    groups = choose_groups(EXAMPLE, 2).groups
    people = cast(groups, 8, seed=1)
    plhiv = people.groups[0]
    assert [c.name for c in plhiv.candidates if c.barred] == ["Айгуль Примерова"]
    assert sum(c.refused for g in people.groups for c in g.candidates) == 1
    assert people.crossing == ("PLHIV", "HIV-NGO")
    assert sum(g.withdrawal for g in people.groups) == 1
    for plan, config in zip(people.groups, groups, strict=True):
        assert [v.conduct for v in plan.voters].count(Conduct.LATE) == 1
        assert all(v.region in config.regulation.regions for v in plan.voters)
        asks_organisation = Declaration.ORGANIZATION in config.regulation.declarations
        assert all((v.organisation is not None) == asks_organisation for v in plan.voters)
