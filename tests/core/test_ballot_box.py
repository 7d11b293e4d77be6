"""The sealed ballot box: what a dump taken while the vote is open can learn from a ballot."""

from __future__ import annotations

import dataclasses

import pytest

from core.ballot_box import PADDED_LENGTH, open_ballot, seal_ballot
from core.model import Ballot, BallotStatus
from core.privacy import Sealer, SealError
from core.receipts import new_ballot_id

SEALER = Sealer(b"d" * 32)


def ballot(*choices: str, contest: int = 7, open_voter: str | None = None) -> Ballot:
    return Ballot(new_ballot_id(), contest, choices, BallotStatus.COUNTED, open_voter=open_voter)


def test_every_sealed_ballot_has_the_same_size_whatever_it_marks() -> None:
    marked = [(), ("C-1",), ("C-1234-5678",), ("C-1", "C-22", "C-333", "C-4444-4444")]

    sizes = {len(seal_ballot(SEALER, ballot(*choices)).body) for choices in marked}

    assert len(sizes) == 1


def test_a_ballot_too_long_for_one_block_pads_to_the_next() -> None:
    long = tuple(f"C-{n:04d}-{n:04d}" for n in range(40))

    sizes = {len(seal_ballot(SEALER, ballot(*long[:n])).body) for n in (38, 39, 40)}

    assert len(sizes) == 1 and min(sizes) > PADDED_LENGTH


def test_opening_gives_back_the_choices_and_an_open_votes_voter() -> None:
    cast = ballot("C-1", "C-2", open_voter="pseudonym-of-anna")

    opened = open_ballot(SEALER, seal_ballot(SEALER, cast))

    assert (opened.id, opened.contest_id, opened.choices, opened.open_voter) == (
        cast.id,
        7,
        ("C-1", "C-2"),
        "pseudonym-of-anna",
    )


def test_a_body_moved_to_another_row_or_contest_does_not_open() -> None:
    first, second = seal_ballot(SEALER, ballot("C-1")), seal_ballot(SEALER, ballot("C-2"))

    with pytest.raises(SealError):
        open_ballot(SEALER, dataclasses.replace(second, body=first.body))
    with pytest.raises(SealError):
        open_ballot(SEALER, dataclasses.replace(first, contest_id=8))


def test_two_seals_of_the_same_choices_look_unrelated() -> None:
    same = ballot("C-1")

    assert seal_ballot(SEALER, same).body != seal_ballot(SEALER, same).body
