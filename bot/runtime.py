"""The bot without its framework: what both adapters call for every update.

An update is translated into an event, handled by the engine, and what it said is delivered after
the commit. A failure is logged without anything personal (no ids, no text) and the person gets a
polite "try again": the update was not recorded as handled, so nothing is half-done.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.delivery import Courier
from bot.flows.engine import Engine
from bot.flows.render import Renderer
from bot.translate import RawUpdate, to_event
from bot.vault import Vault
from core.dialogue import OutgoingMessage

log = logging.getLogger(__name__)


class BotRuntime:
    def __init__(self, engine: Engine, vault: Vault, renderer: Renderer) -> None:
        self.engine = engine
        self.vault = vault
        self.renderer = renderer

    async def process(self, raw: RawUpdate, courier: Courier) -> None:
        """Handle one update end to end."""
        event = to_event(raw, self.vault)

        async def deliver(messages: Sequence[OutgoingMessage]) -> None:
            # The turn is committed: a failure now must not make the person redo it. What was
            # not sent stays in the outbox, where the drain finds it.
            try:
                await courier.deliver(messages)
            except Exception as error:
                log.warning("update %d: delivery deferred: %s", raw.update_id, type(error).__name__)

        try:
            await self.engine.handle(event, deliver)
        except Exception as error:
            # The exception's text may quote the update; its type and the update id suffice.
            log.error("update %d failed: %s", raw.update_id, type(error).__name__)
            log.debug("failure detail", exc_info=True)
            language = self.renderer.catalogue.language_for(raw.language_code)
            text = self.renderer.catalogue.text(language, "common.try_again_later")
            try:
                await courier.transport.send(raw.chat_id, text, [], None)
            except Exception as apology_error:  # Telegram itself may be what failed
                log.error(
                    "could not apologise for update %d: %s",
                    raw.update_id,
                    type(apology_error).__name__,
                )
