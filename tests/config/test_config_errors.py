"""A broken copy of the 2024 example is refused, naming the line and field an officer must fix."""

from collections.abc import Callable
from pathlib import Path

import pytest

from app.election_file import ElectionFileError, Problem, load_election_file

Breaker = Callable[[str, str], Path]


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ElectionFileError) as caught:
        load_election_file(path)
    return list(caught.value.problems)


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def line_of(path: Path, fragment: str, after: str = "") -> int:
    """Return the line where `fragment` first appears after `after`, counting from 1."""
    text = path.read_text(encoding="utf-8")
    position = text.index(fragment, text.index(after))
    return text[:position].count("\n") + 1


def test_malformed_yaml_is_reported_at_its_line(broken_2024: Breaker) -> None:
    path = broken_2024("  - code: MSM\n", "  - code: MSM\n\tnames: tabbed\n")

    problem = only_problem(path)

    assert (problem.line, problem.field) == (line_of(path, "\tnames"), "(syntax)")
    assert "tabs" in problem.message


def test_a_key_written_twice_names_both_lines(broken_2024: Breaker) -> None:
    path = broken_2024(
        "      results: 2024-08-24 10:00\n",
        "      results: 2024-08-24 10:00\n      results: 2024-08-24 12:00\n",
    )

    problem = only_problem(path)

    first = line_of(path, "results: 2024-08-24 10:00")
    assert (problem.line, problem.field) == (first + 1, "groups[TGP].calendar.results")
    assert f"first on line {first}" in problem.message


def test_an_unknown_key_suggests_the_closest_known_one(broken_2024: Breaker) -> None:
    path = broken_2024("      voter_kind: organization\n", "      voter_knd: organization\n")

    problem = only_problem(path)

    assert problem.line == line_of(path, "voter_knd")
    assert problem.field == "groups[HIV-NGO].regulation.voter_knd"
    assert "did you mean 'voter_kind'?" in problem.message


def test_a_missing_language_name_points_at_the_names_block(broken_2024: Breaker) -> None:
    path = broken_2024("      kk: Секс-қызметкерлер\n", "")

    problem = only_problem(path)

    assert problem.line == line_of(path, "names:", after="code: SW")
    assert problem.field == "groups[SW].names.kk"
    assert "Kazakh" in problem.message


def test_stages_out_of_order_in_the_defaults_are_reported_once(broken_2024: Breaker) -> None:
    path = broken_2024("candidate_list: 2024-08-20 10:00", "candidate_list: 2024-08-18 10:00")

    problem = only_problem(path)  # not once for each of the ten groups inheriting it

    assert problem.line == line_of(path, "candidate_list: 2024-08-18")
    assert problem.field == "defaults.calendar.candidate_list"
    assert "2024-08-18 10:00" in problem.message and "registration closes" in problem.message


def test_voting_closing_before_it_opens_names_the_closing(broken_2024: Breaker) -> None:
    path = broken_2024("closes: 2024-08-23 18:00", "closes: 2024-08-20 18:00")

    problem = only_problem(path)

    assert problem.line == line_of(path, "closes: 2024-08-20 18:00")
    assert problem.field == "groups[TGP].calendar.voting.closes"
    assert "(2024-08-20 18:00) must be after voting opens (2024-08-21 10:00)" in problem.message


def test_an_override_that_clashes_with_a_default_is_blamed_on_the_group(
    broken_2024: Breaker,
) -> None:
    path = broken_2024(
        "      en: Women living with HIV\n",
        "      en: Women living with HIV\n    calendar:\n      voting: {opens: 2024-08-26 10:00}\n",
    )

    problems = problems_of(path)

    fields = {problem.field for problem in problems}
    assert "groups[WLHIV].calendar.voting.opens" in fields
    assert not any(field.startswith("defaults") for field in fields)


def test_zero_seats_is_refused(broken_2024: Breaker) -> None:
    path = broken_2024("seats: {members: 1, alternates: 1}", "seats: {members: 0, alternates: 1}")

    problem = only_problem(path)

    assert problem.line == line_of(path, "seats: {members: 0")
    assert problem.field == "defaults.regulation.competition.seats.members"
    assert "at least 1" in problem.message


def test_an_unknown_region_is_named(broken_2024: Breaker) -> None:
    path = broken_2024(
        "    declarations: [region]", "    regions: [AST, XYZ]\n    declarations: [region]"
    )

    problem = only_problem(path)

    assert problem.line == line_of(path, "regions: [AST, XYZ]")
    assert problem.field == "defaults.regulation.regions[2]"
    assert "unknown region XYZ" in problem.message


def test_a_group_code_used_twice_points_at_the_second_use(broken_2024: Breaker) -> None:
    path = broken_2024("  - code: WLHIV", "  - code: PLHIV")

    problem = only_problem(path)

    second = line_of(path, "code: PLHIV", after="Айгуль")
    assert (problem.line, problem.field) == (second, "groups[2].code")
    assert f"already used by the group on line {line_of(path, 'code: PLHIV')}" in problem.message


def test_an_unknown_choice_lists_the_allowed_values(broken_2024: Breaker) -> None:
    path = broken_2024("secrecy: open", "secrecy: opne")

    problem = only_problem(path)

    assert problem.line == line_of(path, "secrecy: opne")
    assert problem.field == "groups[HIV-NGO].regulation.secrecy"
    assert "write one of: secret, open" in problem.message


def test_a_time_that_cannot_be_read_shows_how_to_write_it(broken_2024: Breaker) -> None:
    path = broken_2024("closes: 2024-08-19 18:00", "closes: 19.08.2024 18:00")

    problem = only_problem(path)

    assert problem.line == line_of(path, "closes: 19.08.2024")
    assert problem.field == "defaults.calendar.registration.closes"
    assert "like 2024-08-19 18:00" in problem.message


def test_a_file_that_does_not_exist(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "missing.yaml")

    assert (problem.line, problem.field) == (0, "(file)")
    assert "does not exist" in problem.message


@pytest.mark.parametrize(
    ("content", "expected"), [(b"cycle: \xff\xfe\n", "UTF-8"), (None, "folder")]
)
def test_a_file_that_cannot_be_read(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "election.yaml"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)

    assert expected in only_problem(path).message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            "results: 2024-08-24 10:00",
            "results: 2024-10-24 10:00",
            "groups[TGP].calendar.results",
            "outside the election cycle",
        ),
        (
            "results: 2024-08-24 10:00",
            "results: 2024-08-24",
            "groups[TGP].calendar.results",
            "no time of day",
        ),
        ("timezone: Asia/Almaty", "timezone: Asia/Almati", "cycle.timezone", "unknown time zone"),
        (
            "      declarations: [region, organization]  #",
            "      #",
            "groups[HIV-NGO].regulation.declarations",
            "must declare its organization",
        ),
        (
            "{cycle_year: 2021, seat: alternate}",
            "{cycle_year: 2024, seat: alternate}",
            "groups[PLHIV].past_holders[2].terms[1].cycle_year",
            "before 2024",
        ),
        ("code: ccm-2024", "code: CCM 2024", "cycle.code", "small Latin letters"),
    ],
)
def test_other_mistakes_name_their_field(
    broken_2024: Breaker, old: str, new: str, field: str, words: str
) -> None:
    path = broken_2024(old, new)

    problem = only_problem(path)

    assert problem.field == field
    assert words in problem.message


def test_every_problem_is_reported_in_one_run_in_file_order(broken_2024: Breaker) -> None:
    path = broken_2024("secrecy: open", "secrecy: opne")
    text = path.read_text(encoding="utf-8")
    text = text.replace("      kk: Секс-қызметкерлер\n", "").replace("year: 2024", "year: next")
    path.write_text(text, encoding="utf-8")

    problems = problems_of(path)

    assert [problem.field for problem in problems] == [
        "cycle.year",
        "groups[SW].names.kk",
        "groups[HIV-NGO].regulation.secrecy",
    ]


def test_a_problem_reads_file_line_field_message(broken_2024: Breaker) -> None:
    path = broken_2024("secrecy: open", "secrecy: opne")

    problem = only_problem(path)

    assert str(problem) == f"{path}:{problem.line}: {problem.field}: {problem.message}"
    assert str(problem).startswith(f"{path}:{line_of(path, 'secrecy: opne')}: groups[HIV-NGO]")


MINIMAL = """\
cycle:
  code: test-2024
  names: {ru: Тест, kk: Сынақ, en: Test}
  year: 2024
  starts: 2024-08-01 00:00
  ends: 2024-09-30 23:59
groups:
  - code: PLHIV
    names: {ru: ЛЖВ, kk: АИТВ, en: PLHIV}
    calendar:
      preparation: 2024-08-05 09:00
      announcement: 2024-08-11 10:00
      registration: {opens: 2024-08-11 10:00, closes: 2024-08-19 18:00}
      candidate_list: 2024-08-20 10:00
      voting: {opens: 2024-08-21 10:00, closes: 2024-08-25 18:00}
      results: 2024-08-26 10:00
  - code: SW
    names: {ru: СР, kk: СҚ, en: SW}
"""


def test_a_group_without_any_calendar_gets_one_problem(write_file: Callable[[str], Path]) -> None:
    path = write_file(MINIMAL)

    problem = only_problem(path)

    assert (problem.line, problem.field) == (line_of(path, "- code: SW"), "groups[SW].calendar")
    assert "no calendar" in problem.message


def test_a_file_without_defaults_is_complete_when_each_group_has_its_calendar(
    write_file: Callable[[str], Path],
) -> None:
    config = load_election_file(write_file(MINIMAL.split("  - code: SW")[0]))

    assert [group.code for group in config.groups] == ["PLHIV"]
    assert config.group("PLHIV").regulation.secrecy.value == "secret"  # the built-in default
