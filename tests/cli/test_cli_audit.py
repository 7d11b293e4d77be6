"""`saylau audit verify`: an edited log entry is named, so is a ballot box that does not add up."""

from __future__ import annotations

from tests.cli.cli_support import assert_private, run, sql, sqlite_only
from tests.cli.protocol_support import finish


def test_an_untouched_election_verifies(played):
    _, cast = played
    code, out, err = run("audit", "verify")
    assert code == 0, err
    assert "the hash chain is intact" in out
    assert (
        "ccm-2024 PLHIV single contest: 17 voters marked as having voted, 17 ballots: match" in out
    )
    assert "ccm-2024 TB single contest: 0 voters marked as having voted, 0 ballots: match" in out
    assert_private(out + err, cast)


def test_an_entry_edited_in_the_database_is_named(played):
    url, cast = played
    [(seq,)] = sql(
        url,
        "SELECT min(seq) FROM audit_log WHERE action = 'voter.registered' AND group_code = 'TB'",
    )
    sql(url, f"UPDATE audit_log SET group_code = 'PLHIV' WHERE seq = {seq}")
    code, out, err = run("audit", "verify")
    assert code == 1
    assert f"Audit log BROKEN at entry {seq} (voter.registered, 2024-08-12T04:00:00+00:00)" in err
    assert "its content was changed after it was written" in err
    assert "17 ballots: match" in out  # the ballot boxes are still checked
    assert_private(out + err, cast)


@sqlite_only
def test_a_removed_entry_is_named_as_missing(played):
    url, _ = played
    sql(url, "DELETE FROM audit_log WHERE seq = 5")
    code, _, err = run("audit", "verify")
    assert code == 1
    assert "BROKEN at entry 5" in err and "entry 5 is missing" in err


def test_a_ballot_without_its_marker_is_a_named_mismatch(played):
    url, cast = played
    [(ballot,)] = sql(url, "SELECT min(id) FROM sealed_ballots")  # the vote is still open
    sql(url, f"DELETE FROM sealed_ballots WHERE id = '{ballot}'")
    code, out, err = run("audit", "verify")
    assert code == 1
    assert "the hash chain is intact" in out
    assert (
        "ccm-2024 PLHIV single contest: 17 voters marked as having voted, 16 ballots: MISMATCH"
        in err
    )
    assert_private(out + err, cast)


def test_a_receipt_removed_from_the_board_is_a_named_mismatch(played):
    url, cast = played
    code, out, _ = run("audit", "verify")
    assert code == 0
    assert "17 voters marked as having voted, 17 receipts: match" in out
    [(receipt,)] = sql(url, "SELECT min(code) FROM receipts")
    sql(url, f"DELETE FROM receipts WHERE code = '{receipt}'")
    code, out, err = run("audit", "verify")
    assert code == 1
    assert "PLHIV single contest: 17 voters marked as having voted, 16 receipts: MISMATCH" in err
    assert_private(out + err, cast)


def test_after_the_close_the_stored_ballots_are_counted_again(played, monkeypatch):
    url, _ = played
    finish(played, monkeypatch, confirm=True)

    code, out, err = run("audit", "verify")
    assert code == 0, err
    assert (
        "PLHIV: its 17 stored ballots, counted again, give the result recorded at the close." in out
    )

    sql(url, "UPDATE ballots SET choices = '[]' WHERE CAST(choices AS TEXT) <> '[]'")  # all blank
    code, _, err = run("audit", "verify")
    assert code == 1
    assert "PLHIV: its 17 stored ballots, counted again, give ANOTHER result." in err
