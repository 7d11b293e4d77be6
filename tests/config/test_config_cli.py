"""`saylau election validate FILE`, as the Secretariat officer runs it."""

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from admin_cli.election import election_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(election_app, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def row_of(output: str, code: str) -> str:
    return next(line for line in output.splitlines() if f" {code} " in line)


def test_a_valid_file_is_summarised_in_almaty_time() -> None:
    code, out, err = run("validate", str(EXAMPLES / "election-2024.yaml"))

    assert (code, err) == (0, "")
    assert "ccm-2024" in out and "Asia/Almaty" in out
    plhiv = row_of(out, "PLHIV")
    # Registration closes 19 Aug 18:00 Almaty time (13:00 UTC) and voting 25 Aug 18:00.
    assert "2024-08-19 18:00" in plhiv and "2024-08-25 18:00" in plhiv
    assert "13:00" not in plhiv
    assert "2024-08-23 18:00" in row_of(out, "TGP")  # the group that runs faster


def test_the_summary_shows_each_groups_rules() -> None:
    code, out, _ = run("validate", str(EXAMPLES / "election-2021.yaml"))

    assert code == 0
    international = row_of(out, "INTL")
    assert "organizations" in international and "open" in international
    assert "2 + 2" in international
    assert "two contests" in row_of(out, "MSM")
    assert "indirect" in row_of(out, "PRP")


def test_a_broken_file_lists_every_problem_on_stderr_and_fails(
    broken_2024: Callable[[str, str], Path],
) -> None:
    path = broken_2024("secrecy: open", "secrecy: opne")
    text = path.read_text(encoding="utf-8").replace("members: 1,", "members: 0,")
    path.write_text(text, encoding="utf-8")

    code, out, err = run("validate", str(path))

    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:") and ": defaults.regulation.competition" in lines[0]
    assert lines[1].startswith(f"{path}:") and ": groups[HIV-NGO].regulation.secrecy: " in lines[1]
    assert lines[-1] == "error: 2 problems found; nothing was loaded."


def test_a_missing_file_fails_with_a_plain_message(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nowhere.yaml"))

    assert code == 1
    assert "nowhere.yaml:0: (file): the file does not exist" in err
