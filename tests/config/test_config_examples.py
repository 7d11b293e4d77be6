"""The shipped example files load, and the times and defaults in them mean what they say."""

import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import app.election_file
from app.election_file import load_election_file
from core.regions import REGION_CODES
from core.regulation import CompetitionRule, Secrecy, VoterKind

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GROUPS_2024 = ["PLHIV", "WLHIV", "TB", "PWID", "SW", "MSM", "TGP", "PRP", "HIV-NGO", "TB-NGO"]


def test_the_2024_example_declares_the_ten_groups_of_2024() -> None:
    config = load_election_file(EXAMPLES / "election-2024.yaml")

    assert [group.code for group in config.groups] == GROUPS_2024
    assert config.cycle.year == 2024
    assert config.cycle.timezone == "Asia/Almaty"
    ngo = config.group("HIV-NGO").regulation
    assert ngo.voter_kind is VoterKind.ORGANIZATION
    assert ngo.secrecy is Secrecy.OPEN
    holders = {holder.name: len(holder.terms) for holder in config.group("PLHIV").past_holders}
    assert holders == {"Айгуль Примерова": 2, "Ерлан Образцов": 1}


def test_the_2021_example_has_twelve_groups_and_two_international_seats() -> None:
    config = load_election_file(EXAMPLES / "election-2021.yaml")

    assert [group.code for group in config.groups] == [*GROUPS_2024, "INTL", "ACAD"]
    international = config.group("INTL").regulation
    assert (international.member_seats, international.alternate_seats) == (2, 2)
    # ACAD reuses the NGO-union block through a YAML alias, merged over the defaults.
    academic = config.group("ACAD").regulation
    assert academic.voter_kind is VoterKind.ORGANIZATION
    assert academic.admission.value == "commission"


def test_local_times_become_utc_in_the_offset_of_their_own_date() -> None:
    config_2024 = load_election_file(EXAMPLES / "election-2024.yaml")
    config_2021 = load_election_file(EXAMPLES / "election-2021.yaml")

    # Almaty was UTC+6 until March 2024 and UTC+5 since.
    closes_2024 = config_2024.group("PLHIV").calendar.registration_closes
    assert closes_2024 == datetime(2024, 8, 19, 13, 0, tzinfo=UTC)
    closes_2021 = config_2021.group("PLHIV").calendar.registration_closes
    assert closes_2021 == datetime(2021, 9, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("written", ["2024-08-19 20:00+07:00", "2024-08-19T13:00Z"])
def test_a_time_with_an_explicit_offset_keeps_that_offset(
    broken_2024: Callable[..., Path], written: str
) -> None:
    path = broken_2024("closes: 2024-08-19 18:00", f"closes: {written}")

    closes = load_election_file(path).group("SW").calendar.registration_closes

    assert closes == datetime(2024, 8, 19, 13, 0, tzinfo=UTC)


def test_a_group_inherits_every_default_it_does_not_override(
    broken_2024: Callable[..., Path],
) -> None:
    path = broken_2024("seats: {members: 1, alternates: 1}", "seats: {members: 1, alternates: 2}")

    config = load_election_file(path)

    sw = config.group("SW").regulation
    # SW overrides only competition.rule; the seats deeper in the same block still come from
    # the defaults, and so does everything outside it.
    assert sw.competition.rule is CompetitionRule.PARALLEL_CONTESTS
    assert sw.alternate_seats == 2
    assert sw.tie_rule.value == "lot"
    assert config.group("PLHIV").regulation.competition.rule is CompetitionRule.SINGLE_CONTEST
    assert sw.regions == REGION_CODES


def test_a_list_written_by_a_group_replaces_the_default_list() -> None:
    config = load_election_file(EXAMPLES / "election-2024.yaml")

    ngo_documents = [doc.code for doc in config.group("HIV-NGO").regulation.documents]
    plhiv_documents = [doc.code for doc in config.group("PLHIV").regulation.documents]

    assert ngo_documents == ["application_form", "registration_certificate"]
    assert plhiv_documents == ["application_form", "recommendation"]


def test_a_group_that_runs_faster_changes_only_the_times_it_writes() -> None:
    config = load_election_file(EXAMPLES / "election-2024.yaml")

    fast, usual = config.group("TGP").calendar, config.group("PLHIV").calendar

    assert fast.voting_closes == datetime(2024, 8, 23, 13, 0, tzinfo=UTC)
    assert usual.voting_closes == datetime(2024, 8, 25, 13, 0, tzinfo=UTC)
    assert fast.voting_opens == usual.voting_opens
    assert fast.registration_closes == usual.registration_closes


def test_loading_the_same_file_twice_gives_the_same_digest(
    broken_2024: Callable[..., Path],
) -> None:
    first = load_election_file(EXAMPLES / "election-2024.yaml").digest()
    second = load_election_file(EXAMPLES / "election-2024.yaml").digest()
    changed = load_election_file(broken_2024("secrecy: open", "secrecy: secret")).digest()

    assert first == second
    assert changed != first


def test_the_format_documented_in_the_module_loads(write_file: Callable[[str], Path]) -> None:
    documentation = app.election_file.__doc__ or ""
    example = documentation.split("blocks::\n")[1].split("\nRegulation settings")[0]

    config = load_election_file(write_file(textwrap.dedent(example)))

    sw = config.group("SW")
    assert sw.regulation.competition.rule is CompetitionRule.PARALLEL_CONTESTS
    assert sw.calendar.voting_closes == datetime(2024, 8, 23, 13, 0, tzinfo=UTC)
