"""Pseudonyms and sealed data: what a leaked database would and would not reveal."""

import re

import pytest

from core.privacy import (
    BadKey,
    Pseudonymizer,
    Sealer,
    SealError,
    decode_key,
    new_key,
    normalise_name,
    readable_code,
)

TELEGRAM_ID = 123456789


def key() -> bytes:
    return decode_key(new_key(), "TEST_KEY")


def test_a_pseudonym_is_stable_under_one_key_and_unrelated_under_another() -> None:
    first, second = Pseudonymizer(key()), Pseudonymizer(key())
    assert first.pseudonym(TELEGRAM_ID) == first.pseudonym(TELEGRAM_ID)
    assert first.pseudonym(TELEGRAM_ID) != second.pseudonym(TELEGRAM_ID)
    assert first.pseudonym(TELEGRAM_ID) != first.pseudonym(TELEGRAM_ID + 1)


def test_a_pseudonym_does_not_contain_the_telegram_id() -> None:
    pseudonym = Pseudonymizer(key()).pseudonym(TELEGRAM_ID)
    assert re.fullmatch(r"[0-9a-f]{64}", pseudonym)
    assert str(TELEGRAM_ID) not in pseudonym
    assert format(TELEGRAM_ID, "x") not in pseudonym


def test_the_readable_code_can_be_read_aloud_without_ambiguous_letters() -> None:
    code = readable_code(Pseudonymizer(key()).pseudonym(TELEGRAM_ID))
    assert re.fullmatch(r"V-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)


def test_names_match_whatever_their_case_spacing_or_yo() -> None:
    names = Pseudonymizer(key())
    assert names.name_key("Ерёмина  Анна") == names.name_key("еремина анна")
    assert normalise_name("  Ivanova\tA. ") == "ivanova a."
    assert names.name_key("Ерёмина Анна") != names.pseudonym(1)


def test_sealed_contact_opens_only_with_its_key_and_purpose() -> None:
    sealer = Sealer(key())
    sealed = sealer.seal("987654321", purpose="chat:abc")
    assert b"987654321" not in sealed
    assert sealer.open(sealed, purpose="chat:abc") == "987654321"
    with pytest.raises(SealError):
        sealer.open(sealed, purpose="chat:other-person")
    with pytest.raises(SealError):
        Sealer(key()).open(sealed, purpose="chat:abc")


def test_sealing_twice_gives_different_bytes_and_tampering_is_detected() -> None:
    sealer = Sealer(key())
    first, second = sealer.seal("42", "chat:x"), sealer.seal("42", "chat:x")
    assert first != second
    tampered = first[:-1] + bytes([first[-1] ^ 1])
    with pytest.raises(SealError):
        sealer.open(tampered, "chat:x")


@pytest.mark.parametrize("encoded", ["not base64 !!", "c2hvcnQ="])
def test_a_bad_key_is_refused_with_its_name(encoded: str) -> None:
    with pytest.raises(BadKey, match="DATA_KEY"):
        decode_key(encoded, "DATA_KEY")
