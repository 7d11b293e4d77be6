"""The emulator's view of each bot: its account, updates, webhook, commands and button presses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.commands import CommandMenus
from sandbox.models import User
from sandbox.updates import UpdateQueue


@dataclass
class WebhookConfig:
    """What setWebhook asked for, plus the delivery errors getWebhookInfo reports."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None

    def info(self, pending: int, allowed: frozenset[str] | None) -> dict[str, Any]:
        """Return the Bot API ``WebhookInfo`` object."""
        data: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": pending,
            "max_connections": self.max_connections,
            "ip_address": "127.0.0.1",
        }
        if allowed is not None:
            data["allowed_updates"] = sorted(allowed)
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        return data


@dataclass
class PressedButton:
    """A callback query waiting for answerCallbackQuery."""

    query_id: str
    bot_id: int
    chat_id: int
    answered: bool = False


@dataclass
class BotState:
    """Everything the emulator keeps for one bot token."""

    token: str
    user: User
    updates: UpdateQueue = field(default_factory=UpdateQueue)
    webhook: WebhookConfig | None = None
    commands: CommandMenus = field(default_factory=CommandMenus)
    pressed: dict[str, PressedButton] = field(default_factory=dict)
    poll_generation: int = 0

    @property
    def id(self) -> int:
        """Return the bot's user id (the number before the colon of its token)."""
        return self.user.id

    def me(self) -> dict[str, Any]:
        """Return the ``User`` object getMe answers, with the bot-only fields."""
        return {
            **self.user.to_api(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
