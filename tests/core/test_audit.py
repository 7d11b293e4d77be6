"""The hash-chained election log: any edit, removal or reordering is found and named."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from core.audit import AuditEntry, AuditEvent, chain, first_break

START = datetime(2024, 8, 11, 4, 0, tzinfo=UTC)


def build_log(length: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for number in range(length):
        event = AuditEvent(f"action.{number}", "secretariat:V-AAAA-BBBB", "PLHIV", {"n": number})
        previous = entries[-1] if entries else None
        entries.append(chain(previous, START + timedelta(minutes=number), event))
    return entries


def test_an_untouched_log_verifies() -> None:
    log = build_log(5)
    assert [entry.seq for entry in log] == [1, 2, 3, 4, 5]
    assert first_break(log) is None


def test_an_edited_payload_is_named_by_its_sequence_number() -> None:
    log = build_log(5)
    log[2] = replace(log[2], event=replace(log[2].event, payload={"n": 99}))
    found = first_break(log)
    assert found is not None and found.seq == 3
    assert "changed" in found.why


def test_a_removed_entry_is_named() -> None:
    log = build_log(5)
    del log[3]
    found = first_break(log)
    assert found is not None and found.seq == 4


def test_entries_swapped_in_order_are_found() -> None:
    log = build_log(5)
    log[1], log[2] = log[2], log[1]
    found = first_break(log)
    assert found is not None and found.seq == 2


def test_a_rehashed_forgery_still_breaks_at_the_next_entry() -> None:
    log = build_log(4)
    forged_event = replace(log[1].event, action="forged")
    log[1] = chain(log[0], log[1].at, forged_event)
    found = first_break(log)
    assert found is not None and found.seq == 3
