"""`saylau status` and `saylau election show`: the Secretariat's view of every group."""

from __future__ import annotations

import json

import pytest

from admin_cli import status as status_command
from tests.cli.cli_support import assert_private, run, sqlite_only


def row(out: str, first: str) -> list[str]:
    """The cells of the table row that starts with `first`."""
    for line in out.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first!r} in:\n{out}")


def test_the_table_shows_each_groups_figures_and_hides_small_regions(played):
    _, cast = played
    code, out, err = run("status")
    assert code == 0, err
    assert "as of 2024-08-23 09:00 (Asia/Almaty)" in out
    assert "PLHIV: Group PLHIV" in out
    assert "voting closes 2024-08-29 09:00" in out  # 04:00 UTC, in Almaty time
    assert "admitted 24" in out and "single 17" in out and "70.8%" in out
    assert row(out, "AST") == ["AST", "9", "6", "66.7%"]
    assert row(out, "SHY") == ["SHY", "7", "7", "100.0%"]
    assert row(out, "KOS") == ["KOS", "<5", "<5", "<5"]  # 2 voters: never shown
    assert row(out, "ALA") == [
        "ALA",
        "<5",
        "<5",
        "<5",
    ]  # 6, hidden so that 24 - 9 - 7 - 6 gives no KOS
    assert row(out, "Total") == ["Total", "24", "17", "70.8%"]
    assert "TB by region: withheld" in out
    assert_private(out + err, cast)


def test_json_gives_the_same_figures_with_suppressed_ones_as_null(played):
    _, cast = played
    code, out, err = run("status", "--json")
    assert code == 0, err
    figures = json.loads(out)
    plhiv, tb = figures["groups"]
    assert plhiv["stage"] == "voting"
    assert plhiv["next_deadline"] == {"instant": "voting_closes", "at": "2024-08-29T04:00:00+00:00"}
    assert plhiv["voters"]["admitted"] == 24 and plhiv["ballots_cast"] == {"single": 17}
    assert plhiv["turnout"] == pytest.approx(17 / 24, abs=1e-4)
    rows = {r["region"]: r for r in plhiv["regions"]["rows"]}
    assert rows["KOS"]["voters"] == {"value": None, "suppressed": True}
    assert rows["KOS"]["voted"] == {"value": None, "suppressed": True}
    assert rows["KOS"]["turnout"] is None
    assert rows["AST"]["voters"] == {"value": 9, "suppressed": False}
    assert tb["voters"] == {"registered": 0, "pending": 1, "admitted": 1, "refused": 1}
    assert tb["regions"]["withheld"] is True and tb["regions"]["rows"] == []
    assert_private(out + err, cast)


@sqlite_only
def test_watch_redraws_every_n_seconds_until_stopped(played, monkeypatch):
    pauses: list[float] = []
    monkeypatch.setattr(status_command, "WATCH_ROUNDS", 3)
    monkeypatch.setattr(status_command, "sleep", pauses.append)
    code, out, err = run("status", "--watch", "--every", "5", "--json")
    assert code == 0, err
    assert out.count('"cycle": "ccm-2024"') == 3
    assert pauses == [5, 5]


@sqlite_only
def test_ctrl_c_ends_the_watch_quietly(played, monkeypatch):
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(status_command, "sleep", interrupted)
    code, out, err = run("status", "--watch", "--every", "2")
    assert code == 0
    assert out.count("PLHIV by region") == 1
    assert "Stopped watching" in err


@sqlite_only
def test_an_unknown_cycle_is_named_in_plain_words(played):
    code, _, err = run("status", "--cycle", "ccm-1999")
    assert code == 1
    assert "no such election cycle" in err and "Traceback" not in err


def test_show_lays_out_each_groups_calendar_rules_and_stage(played):
    _, cast = played
    code, out, err = run("election", "show")
    assert code == 0, err
    assert "ccm-2024: CCM elections 2024; 2024-07-31 09:00 to 2024-11-29 09:00" in out
    assert "PLHIV: Group PLHIV (now: voting)" in out
    assert row(out, "registration closes")[1] == "2024-08-19 09:00"
    assert "individual, admitted commission" in out  # TB's commission checks its voters
    assert "figures below 5 hidden" in out
    assert_private(out + err, cast)


def test_status_on_an_unmigrated_database_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    code, _, err = run("status")
    assert code == 1
    assert "run `saylau db upgrade`" in err
