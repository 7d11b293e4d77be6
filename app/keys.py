"""The two secret keys: where they come from, and what happens when they are missing.

PSEUDONYM_KEY turns Telegram ids into pseudonyms; DATA_KEY seals contact data. Neither ever enters
the database. On a first local run they are generated into the git-ignored `.env` (and the person is
told so); the production bot refuses to start without them, because keys made up on the spot would
silently orphan every pseudonym already stored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.settings import ENV_FILE, Settings
from core.privacy import Pseudonymizer, Sealer, decode_key, new_key

KEY_NAMES = ("PSEUDONYM_KEY", "DATA_KEY")


class MissingKeys(RuntimeError):
    """The keys are not configured and this command may not invent them."""


@dataclass(frozen=True)
class Keys:
    pseudonymizer: Pseudonymizer
    sealer: Sealer


def generate_missing_keys(settings: Settings, env_file: Path = ENV_FILE) -> list[str]:
    """Append fresh keys for the missing ones to `env_file`; return the names generated."""
    missing = [
        name
        for name in KEY_NAMES
        if getattr(settings, name.lower()) is None and not os.environ.get(name)
    ]
    if not missing:
        return []
    existing = env_file.read_text(encoding="utf-8") if env_file.is_file() else ""
    lines = [f"{name}={new_key()}" for name in missing]
    separator = "" if not existing or existing.endswith("\n") else "\n"
    env_file.write_text(existing + separator + "\n".join(lines) + "\n", encoding="utf-8")
    env_file.chmod(0o600)
    return missing


def keys_from(settings: Settings) -> Keys:
    """Build the pseudonymizer and the sealer, or say which key is missing."""
    missing = [name for name in KEY_NAMES if getattr(settings, name.lower()) is None]
    if missing:
        raise MissingKeys(
            f"{' and '.join(missing)} not set: put them in the environment or in .env "
            "(a local command such as `saylau db upgrade` generates them on first use)"
        )
    assert settings.pseudonym_key is not None and settings.data_key is not None
    pseudonym_key = decode_key(settings.pseudonym_key.get_secret_value(), "PSEUDONYM_KEY")
    data_key = decode_key(settings.data_key.get_secret_value(), "DATA_KEY")
    if pseudonym_key == data_key:
        raise MissingKeys("PSEUDONYM_KEY and DATA_KEY must be two different keys")
    return Keys(Pseudonymizer(pseudonym_key), Sealer(data_key))
