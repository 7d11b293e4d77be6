"""Pseudonyms and sealed data: how Saylau knows people without keeping who they are.

A pseudonym is HMAC-SHA256 over the Telegram user id with PSEUDONYM_KEY, a key that never enters
the database; without it, a leaked table cannot be turned back into Telegram accounts, not even by
trying all 2^32 ids. What must be kept to message a person (the chat id) is sealed with AES-GCM
under a second key, DATA_KEY, and bound to its purpose so a sealed value cannot be moved to
another row and opened there.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
_NONCE_BYTES = 12
# Crockford's base32 without I, L, O, U: a code read aloud over the phone is not misheard.
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class BadKey(ValueError):
    """A key that is missing, malformed or too short."""


def new_key() -> str:
    """Make a fresh random key, encoded for a .env file."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def decode_key(encoded: str, name: str) -> bytes:
    """Turn a configured key back into bytes, or say which key is wrong."""
    try:
        raw = base64.urlsafe_b64decode(encoded.encode())
    except (ValueError, TypeError) as error:
        raise BadKey(f"{name} is not valid base64") from error
    if len(raw) != KEY_BYTES:
        raise BadKey(f"{name} must encode {KEY_BYTES} bytes, it encodes {len(raw)}")
    return raw


def readable_code(pseudonym: str, prefix: str = "V") -> str:
    """Show a pseudonym as a short code a person can read aloud, like V-7KQ4-9XPD."""
    number = int(pseudonym[:16], 16)
    letters = []
    for _ in range(8):
        number, digit = divmod(number, 32)
        letters.append(_READABLE[digit])
    text = "".join(letters)
    return f"{prefix}-{text[:4]}-{text[4:]}"


def normalise_name(name: str) -> str:
    """Fold case, accents and spacing so that 'Иванова  А.' and 'иванова а.' match."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(folded.replace("ё", "е").split())


class Pseudonymizer:
    """Keyed hashes: the same input always gives the same pseudonym, only with the key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, domain: str, value: str) -> str:
        message = f"{domain}:{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def pseudonym(self, telegram_user_id: int) -> str:
        """Hide a Telegram user id behind a stable pseudonym."""
        return self._mac("telegram-user", str(int(telegram_user_id)))

    def name_key(self, name: str) -> str:
        """Hide a public name (a past seat holder, an organisation) behind a matchable key."""
        return self._mac("name", normalise_name(name))


class SealError(ValueError):
    """A sealed value that cannot be opened: wrong key, wrong purpose, or tampered."""


class Sealer:
    """Authenticated encryption of the little personal data Saylau must keep."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: str, purpose: str) -> bytes:
        """Encrypt `plaintext` so that it opens only under the same key and purpose."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext.encode(), purpose.encode())

    def open(self, sealed: bytes, purpose: str) -> str:
        """Decrypt what `seal` produced for this purpose."""
        nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, purpose.encode()).decode()
        except InvalidTag as error:
            raise SealError("sealed value does not open under this key and purpose") from error
