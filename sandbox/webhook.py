"""Webhook delivery: POST each update with the secret-token header, retrying like Telegram."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from sandbox import jsonio
from sandbox.bots import BotState, WebhookConfig
from sandbox.world import World

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MethodCall = Callable[[BotState, str, dict[str, Any]], Awaitable[None]]


class WebhookDelivery:
    """Deliver one bot's updates in order; a failed update is retried, never skipped."""

    def __init__(self, hub: WebhookHub, bot: BotState) -> None:
        self.hub = hub
        self.bot = bot
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        queue, world = self.bot.updates, self.hub.world
        pause = self.hub.retry_initial
        while (webhook := self.bot.webhook) is not None:
            if queue.pending_count == 0:
                await queue.changed.wait(None)
                continue
            update = queue.peek(1)[0]
            error = await self._post(webhook, update)
            if error is None:
                world.stats.updates_delivered += 1
                if not world.faults.take_dropped_confirmation():
                    queue.drop_first()
                pause = self.hub.retry_initial
                continue
            webhook.last_error_date = world.clock.unix()
            webhook.last_error_message = error
            await asyncio.sleep(pause)
            pause = min(pause * 2, self.hub.retry_max)

    async def _post(self, webhook: WebhookConfig, update: dict[str, Any]) -> str | None:
        """Send one update; return Telegram's error text, or None when the bot took it."""
        headers = {"Content-Type": "application/json"}
        if webhook.secret_token:
            headers[SECRET_HEADER] = webhook.secret_token
        try:
            async with self.hub.session.post(
                webhook.url, data=jsonio.dumps(update), headers=headers
            ) as answer:
                body = await answer.read()
                if not 200 <= answer.status < 300:
                    return f"Wrong response from the webhook: {answer.status} {answer.reason}"
                if answer.content_type == "application/json" and body:
                    await self._run_reply(body)
                return None
        except TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientError:
            return "Connection refused"

    async def _run_reply(self, body: bytes) -> None:
        """Execute a method the bot put in its webhook answer, as Telegram allows."""
        with contextlib.suppress(ValueError):
            reply = jsonio.loads(body)
            if isinstance(reply, dict) and isinstance(reply.get("method"), str):
                params = {key: value for key, value in reply.items() if key != "method"}
                await self.hub.call_method(self.bot, reply["method"], params)

    async def stop(self) -> None:
        """Stop delivering."""
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


class WebhookHub:
    """The running deliveries of every bot that has a webhook."""

    def __init__(
        self,
        world: World,
        call_method: MethodCall,
        retry_initial: float = 0.1,
        retry_max: float = 5.0,
        timeout: float = 10.0,
    ) -> None:
        self.world = world
        self.call_method = call_method
        self.retry_initial = retry_initial
        self.retry_max = retry_max
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))
        self._deliveries: dict[int, WebhookDelivery] = {}

    def refresh(self, bot: BotState) -> None:
        """Restart delivery for a bot after its webhook changed."""
        old = self._deliveries.pop(bot.id, None)
        if old is not None:
            old.task.cancel()
        if bot.webhook is not None:
            self._deliveries[bot.id] = WebhookDelivery(self, bot)

    def resume_all(self) -> None:
        """Start delivery for every bot with a webhook (after a restart)."""
        for bot in self.world.bots.values():
            self.refresh(bot)

    async def close(self) -> None:
        """Stop all deliveries and release the HTTP client."""
        for delivery in self._deliveries.values():
            await delivery.stop()
        self._deliveries.clear()
        await self.session.close()
