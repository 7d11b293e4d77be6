"""Render the core's announcements into sealed outbox messages, in each reader's language.

The core says what happened (a stage opened, a deadline moved) and who is to hear it; here it
becomes catalogue text. Admitted candidates' statements are opened from their sealed
applications only now, at the edge that holds the key, and a long list is split into messages
Telegram accepts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from bot.flows.render import Renderer, encode
from bot.flows.vocabulary import Say
from bot.vault import Vault
from core.application import application_purpose, from_json
from core.dialogue import OutgoingMessage
from core.services.announcements import Announcement, Recipient, SealedStatement

STATEMENT_CHARS = 600  # of each candidate's statement in the published list
LIST_CHARS = 3500  # per message, well under Telegram's 4096 with the header around it
CONTINUED = "schedule.candidate_list_continued"


class CatalogueComposer:
    def __init__(self, renderer: Renderer, vault: Vault) -> None:
        self.renderer = renderer
        self.vault = vault

    def compose(
        self, announcement: Announcement, recipient: Recipient, group_id: int, now: datetime
    ) -> list[OutgoingMessage]:
        """One message, or several for a candidate list too long for one."""
        language = recipient.language
        params = self._params(announcement, language)
        says = [Say(announcement.key, params)]
        if announcement.key == "schedule.candidate_list":
            chunks = self._chunks(announcement.statements) or [""]
            says = [Say(announcement.key, {**params, "candidates": chunks[0]})]
            says += [Say(CONTINUED, {**params, "candidates": chunk}) for chunk in chunks[1:]]
        return [self._message(say, recipient, group_id, now) for say in says]

    def _params(self, announcement: Announcement, language: str) -> dict[str, Any]:
        params = dict(announcement.params)
        params["group"] = announcement.group.get(language)
        instant = params.get("instant")
        if isinstance(instant, str):
            params["instant"] = self.renderer.catalogue.text(language, f"schedule.when.{instant}")
        return params

    def _chunks(self, statements: tuple[SealedStatement, ...]) -> list[str]:
        """The admitted candidates as plain text, cut into pieces that fit a message."""
        chunks: list[str] = []
        current = ""
        for number, statement in enumerate(statements, start=1):
            entry = self._entry(number, statement)
            if current and len(current) + len(entry) > LIST_CHARS:
                chunks.append(current.rstrip())
                current = ""
            current += entry
        if current:
            chunks.append(current.rstrip())
        return chunks

    def _entry(self, number: int, statement: SealedStatement) -> str:
        sealed = self.vault.sealer.open(
            statement.application, application_purpose(statement.person)
        )
        form = from_json(sealed).application
        text = form.statement
        if len(text) > STATEMENT_CHARS:
            text = text[: STATEMENT_CHARS - 1].rstrip() + "…"
        return f"{number}. {form.name}\n{text}\n\n"

    def _message(
        self, say: Say, recipient: Recipient, group_id: int, now: datetime
    ) -> OutgoingMessage:
        body = self.renderer.body(say, recipient.language, {})
        message_id = uuid.uuid4().hex
        return OutgoingMessage(
            id=message_id,
            chat=recipient.chat,
            body=self.vault.seal_body(encode(body), message_id),
            created_at=now,
            group_id=group_id,
        )
