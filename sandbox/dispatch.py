"""Run one Bot API call: token check, injected faults, flood control, the handler, counters."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from sandbox.bots import BotState
from sandbox.errors import BotApiError, not_found, server_error, too_many_requests, unauthorized
from sandbox.methods import METHODS, CallContext
from sandbox.params import Params
from sandbox.world import World, bot_id_of


class Dispatcher:
    """Turn (token, method, parameters) into Telegram's JSON answer and HTTP status."""

    def __init__(
        self,
        world: World,
        on_webhook_change: Callable[[BotState], None],
        is_stopping: Callable[[], bool],
    ) -> None:
        self.world = world
        self.on_webhook_change = on_webhook_change
        self.is_stopping = is_stopping
        self.recorded: list[tuple[str, Any]] | None = None

    def bot_for(self, token: str) -> BotState:
        """Return the bot of a well-formed token, or raise 401."""
        try:
            bot_id = bot_id_of(token)
        except ValueError:
            raise unauthorized() from None
        bot = self.world.bots.get(bot_id)
        if bot is None:
            return self.world.register_bot(token)
        if bot.token != token:  # the right bot id with a wrong secret
            raise unauthorized()
        return bot

    async def call(
        self, token: str, name: str, values: Mapping[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """Execute a method; return the HTTP status and the JSON body."""
        key = name.lower()
        try:
            result = await self._run(token, key, Params(values))
        except BotApiError as error:
            self.world.stats.rejected[name] += 1
            if error.code == 429:
                self.world.stats.flood_rejected[name] += 1
            return error.code, error.payload()
        self.world.stats.accepted[name] += 1
        if self.recorded is not None:
            self.recorded.append((name, result))
        return 200, {"ok": True, "result": result}

    async def _run(self, token: str, key: str, params: Params) -> Any:
        bot = self.bot_for(token)
        handler = METHODS.get(key)
        if handler is None:
            raise not_found()
        fault = self.world.faults.take_method_fault(key)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                raise server_error(fault.status, fault.description)
        self._check_flood(bot, key, params)
        context = CallContext(self.world, bot, self.on_webhook_change, self.is_stopping)
        return await handler(context, params)

    def _check_flood(self, bot: BotState, key: str, params: Params) -> None:
        """Refuse a send that exceeds the bot's, the chat's or the group's rate."""
        flood = self.world.flood
        if not flood.limits.enabled or key not in flood.limits.methods:
            return
        raw_chat = params.text("chat_id") or ""
        chat_id = int(raw_chat) if raw_chat.lstrip("-").isdigit() else None
        chat = self.world.chats.get(chat_id) if chat_id is not None else None
        retry_after = flood.check(key, bot.id, chat_id, chat is not None and chat.is_group)
        if retry_after is not None:
            raise too_many_requests(retry_after)
