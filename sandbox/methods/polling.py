"""getMe and getUpdates: long polling with offset confirmation, limit and allowed_updates."""

from __future__ import annotations

import asyncio
from typing import Any

from sandbox.errors import conflict
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params

WEBHOOK_ACTIVE = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)
TERMINATED = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)


@method("getMe")
async def get_me(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Return the bot's own account."""
    return ctx.bot.me()


@method("getUpdates")
async def get_updates(ctx: CallContext, params: Params) -> list[dict[str, Any]]:
    """Confirm updates below offset, then return pending ones, waiting up to timeout seconds."""
    bot, world = ctx.bot, ctx.world
    if bot.webhook is not None:
        raise conflict(WEBHOOK_ACTIVE)
    queue = bot.updates
    offset = params.integer("offset")
    limit = min(max(params.integer("limit", 100) or 100, 1), 100)
    timeout = max(params.number("timeout", 0.0), 0.0)
    queue.set_allowed(params.json("allowed_updates"))
    # a lost confirmation only counts when there was something to confirm
    confirming = offset is not None and queue.confirms_any(offset)
    if confirming and not world.faults.take_dropped_confirmation():
        queue.confirm(offset or 0)
    bot.poll_generation += 1
    generation = bot.poll_generation
    queue.changed.notify()  # an older long poll of the same bot ends with 409
    deadline = asyncio.get_running_loop().time() + timeout
    while queue.pending_count == 0 and not ctx.is_stopping():
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            break
        await queue.changed.wait(remaining)
        if bot.poll_generation != generation:
            raise conflict(WEBHOOK_ACTIVE if bot.webhook is not None else TERMINATED)
    batch = queue.peek(limit)
    world.stats.updates_delivered += len(batch)
    return batch
