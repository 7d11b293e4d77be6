"""Everything the bot seals or hashes, in one place, so each purpose is named once.

The adapters meet Telegram ids here and nowhere else: an id becomes a pseudonym, a chat becomes
sealed bytes. Flows use the vault to keep their notes and people's applications sealed at rest.
"""

from __future__ import annotations

import json
from typing import Any

from core.privacy import Pseudonymizer, Sealer


class Vault:
    def __init__(self, pseudonymizer: Pseudonymizer, sealer: Sealer) -> None:
        self.pseudonymizer = pseudonymizer
        self.sealer = sealer

    def pseudonym(self, telegram_user_id: int) -> str:
        return self.pseudonymizer.pseudonym(telegram_user_id)

    def name_key(self, name: str) -> str:
        return self.pseudonymizer.name_key(name)

    def seal_chat(self, chat_id: int) -> bytes:
        return self.sealer.seal(str(chat_id), "chat")

    def open_chat(self, sealed: bytes) -> int:
        return int(self.sealer.open(sealed, "chat"))

    def seal_notes(self, notes: dict[str, Any], person: str) -> bytes | None:
        """Seal a flow's working notes (drafts may hold personal details)."""
        if not notes:
            return None
        return self.sealer.seal(json.dumps(notes, ensure_ascii=False), f"notes:{person}")

    def open_notes(self, sealed: bytes | None, person: str) -> dict[str, Any]:
        if sealed is None:
            return {}
        return dict(json.loads(self.sealer.open(sealed, f"notes:{person}")))

    def seal_body(self, text: str, message_id: str) -> bytes:
        return self.sealer.seal(text, f"outbox:{message_id}")

    def open_body(self, sealed: bytes, message_id: str) -> str:
        return self.sealer.open(sealed, f"outbox:{message_id}")
