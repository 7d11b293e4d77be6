"""Export a counted group, check it offline, and catch every kind of tampering by name."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from core.regulation import CompetitionRule
from core.result_codec import result_from_json
from core.services.export import export_group
from core.services.verify import verify_export
from tests.fakes import FakeDatabase, FakeUnitOfWork
from tests.services.registration_support import refused
from tests.services.voting_support import (
    counted_election,
    populate,
    sealer,
    setup,
    single_group,
    voters,
)


async def exported(make_uow) -> dict[str, Any]:
    """Export the PLHIV group and read it back as a file would be."""
    data = await export_group(make_uow(), group_code="PLHIV", sealer=sealer)
    return json.loads(json.dumps(data, ensure_ascii=False))


def codes(data: dict[str, Any]) -> set[str]:
    return {problem.code for problem in verify_export(data)}


@pytest.mark.parametrize("rule", list(CompetitionRule))
async def test_an_export_of_a_whole_election_reconciles(any_uow_factory, rule):
    ids = await counted_election(any_uow_factory, rule=rule)

    data = await exported(any_uow_factory)

    assert verify_export(data) == []
    assert {c["name"]: c["id"] for c in data["candidates"]} == ids
    assert [r["version"] for r in data["results"]] == [1, 2]
    assert all(r["confirmed_by"].startswith("M-") for r in data["results"])
    latest = result_from_json(data["results"][-1]["result"])
    assert latest.withdrawn == {ids["Aigul"]}
    for contest in data["contests"]:
        assert contest["markers"] == len(contest["ballots"]) == len(contest["receipts"]) == 8
        assert contest["late"] == 1


async def test_an_export_names_no_voter(any_uow_factory):
    await counted_election(any_uow_factory)

    text = json.dumps(await exported(any_uow_factory))

    for person in voters(8) + voters(1, start=900):
        assert person not in text
        assert person[:16] not in text


async def test_nothing_is_exported_before_the_count(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", voters(1), ["Aigul"])

    assert await refused(export_group(any_uow_factory(), group_code="PLHIV")) == (
        "results.not_computed",
        {"group": "PLHIV"},
    )


@pytest.fixture
async def genuine() -> dict[str, Any]:
    database = FakeDatabase()
    await counted_election(lambda: FakeUnitOfWork(database))
    return await exported(lambda: FakeUnitOfWork(database))


def test_a_changed_ballot_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    ballots = tampered["contests"][0]["ballots"]
    bolat = next(b for b in ballots if b["choices"] and b["status"] == "counted")
    others = [c["id"] for c in tampered["candidates"] if c["id"] != bolat["choices"][0]]
    bolat["choices"] = [others[0]]

    assert {"ballots.changed", "result.recount_differs"} <= codes(tampered)


def test_a_ballot_marked_with_the_wrong_status_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    invalid = next(b for b in tampered["contests"][0]["ballots"] if b["status"] == "invalid")
    invalid["status"], invalid["reason"] = "counted", None

    assert "ballots.misclassified" in codes(tampered)


def test_a_removed_receipt_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    tampered["contests"][0]["receipts"].pop()

    assert {"counts.mismatch", "receipts.changed", "counts.differ_from_close"} <= codes(tampered)


def test_an_edited_audit_entry_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    closed = next(e for e in tampered["audit"] if e["action"] == "voting.closed")
    closed["payload"]["contests"]["single"]["counted"] += 1

    problems = verify_export(tampered)

    assert problems[0].code == "audit.broken"
    assert f"audit entry {closed['seq']}" in problems[0].detail


def test_a_rewritten_result_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    tampered["results"][0]["result"]["contests"][0]["elected"] = []

    assert {"result.recount_differs", "result.not_as_recorded"} <= codes(tampered)


def test_a_seed_other_than_the_audit_head_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    tampered["results"][0]["seed"] = "f" * 64

    assert "result.seed" in codes(tampered)


def test_a_withdrawal_that_does_not_follow_from_the_previous_version_is_named(genuine):
    tampered = copy.deepcopy(genuine)
    tampered["results"][1]["result"] = tampered["results"][0]["result"]

    assert "result.withdrawal_differs" in codes(tampered)


def test_an_unreadable_export_is_one_problem_not_a_crash(genuine):
    tampered = copy.deepcopy(genuine)
    del tampered["contests"][0]["ballots"]

    assert [p.code for p in verify_export(tampered)] == ["export.malformed"]
