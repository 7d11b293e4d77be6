"""What the Secretariat's monitoring shows of a running election, on every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.calendar import Stage
from core.errors import Refused
from core.services.monitoring import election_status
from tests.builders import START
from tests.cli.election_script import DURING, VOTING, play_election
from tests.fakes import FakeClock


async def test_every_group_shows_its_stage_registrations_votes_and_turnout(any_uow_factory):
    await play_election(any_uow_factory)

    status = await election_status(any_uow_factory(), FakeClock(VOTING))

    plhiv, tb = status.groups
    assert (plhiv.code, tb.code) == ("PLHIV", "TB")
    assert plhiv.stage is Stage.VOTING
    assert plhiv.next_deadline == ("voting_closes", START + timedelta(days=28))
    assert plhiv.voters == {"registered": 0, "pending": 0, "admitted": 24, "refused": 0}
    assert plhiv.candidates == {
        "draft": 0,
        "submitted": 0,
        "admitted": 1,
        "refused": 1,
        "withdrawn": 1,
    }
    assert [(c.kind, c.cast) for c in plhiv.contests] == [("single", 17)]
    assert plhiv.voted == 17
    assert plhiv.turnout == pytest.approx(17 / 24)
    assert tb.voters == {"registered": 0, "pending": 1, "admitted": 1, "refused": 1}
    assert tb.turnout == 0


async def test_small_regions_are_suppressed_with_a_partner_so_subtraction_reveals_nothing(
    any_uow_factory,
):
    await play_election(any_uow_factory)

    status = await election_status(any_uow_factory(), FakeClock(VOTING))

    regions = status.groups[0].regions
    assert regions is not None
    rows = {row.region: (row.voters, row.voted) for row in regions.rows}
    # KOS has 2 voters: hidden, and ALA (the next smallest, 6) with it; the totals stay shown.
    assert rows == {"AST": (9, 6), "ALA": (None, None), "SHY": (7, 7), "KOS": (None, None)}
    assert (regions.voters_total, regions.voted_total) == (24, 17)
    turnout = {row.region: row.turnout for row in regions.rows}
    assert turnout["AST"] == pytest.approx(6 / 9)
    assert turnout["KOS"] is None and turnout["ALA"] is None


async def test_two_regions_of_one_voter_each_are_withheld_rather_than_half_shown(
    any_uow_factory,
):
    await play_election(any_uow_factory)

    status = await election_status(any_uow_factory(), FakeClock(VOTING))

    # TB stands at one voter in AST and one in ALA (the refused one does not count): any way of
    # listing the two regions under a total of 2 would say "1 each".
    regions = status.groups[1].regions
    assert regions is not None and regions.withheld
    assert (regions.rows, regions.voters_total) == ((), None)


async def test_during_registration_the_next_deadline_is_its_close(
    any_uow_factory,
):
    await play_election(any_uow_factory)

    status = await election_status(any_uow_factory(), FakeClock(DURING))

    plhiv = status.groups[0]
    assert plhiv.stage is Stage.REGISTRATION
    assert plhiv.next_deadline == ("registration_closes", START + timedelta(days=18))


async def test_without_a_cycle_the_status_is_refused(any_uow_factory):
    with pytest.raises(Refused) as refusal:
        await election_status(any_uow_factory(), FakeClock(VOTING))
    assert refusal.value.reason.code == "cycle.none"
