"""The table of Bot API methods and what every handler receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.bots import BotState
from sandbox.params import Params
from sandbox.world import World


@dataclass
class CallContext:
    """One Bot API call: the world, the calling bot and hooks into the running server."""

    world: World
    bot: BotState
    on_webhook_change: Callable[[BotState], None] = field(default=lambda bot: None)
    is_stopping: Callable[[], bool] = field(default=lambda: False)


Handler = Callable[[CallContext, Params], Awaitable[Any]]
METHODS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler; Bot API method names are case-insensitive."""

    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = handler
        return handler

    return register
