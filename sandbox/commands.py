"""Bot command menus per scope and language, resolved the way Telegram shows them to a user."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.models import Chat

ScopeKey = tuple[Any, ...]
CHAT_SCOPES = {"chat": 1, "chat_administrators": 1, "chat_member": 2}
GLOBAL_SCOPES = {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}


def scope_key(scope: dict[str, Any] | None) -> ScopeKey:
    """Turn a BotCommandScope object into a hashable key."""
    if scope is None:
        return ("default",)
    kind = scope.get("type")
    if kind in GLOBAL_SCOPES:
        return (kind,)
    if kind in CHAT_SCOPES:
        if "chat_id" not in scope or (kind == "chat_member" and "user_id" not in scope):
            raise bad_request("chat not found")
        key = (kind, int(scope["chat_id"]))
        return (*key, int(scope["user_id"])) if kind == "chat_member" else key
    raise bad_request("unsupported bot command scope type")


def check_commands(commands: Any) -> list[dict[str, str]]:
    """Validate a setMyCommands list and return it."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request(
            "too many commands" if isinstance(commands, list) else "commands expected"
        )
    checked = []
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        description = str(command.get("description", "")) if isinstance(command, dict) else ""
        if not 1 <= len(name) <= 32 or not all(
            c.islower() or c.isdigit() or c == "_" for c in name
        ):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": name, "description": description})
    return checked


class CommandMenus:
    """Command lists stored by (scope, language code)."""

    def __init__(self) -> None:
        self._menus: dict[tuple[ScopeKey, str], list[dict[str, str]]] = {}

    def set(self, scope: ScopeKey, language: str, commands: list[dict[str, str]]) -> None:
        """Store the list for a scope and language (an empty list deletes it)."""
        if commands:
            self._menus[(scope, language)] = commands
        else:
            self._menus.pop((scope, language), None)

    def get(self, scope: ScopeKey, language: str) -> list[dict[str, str]]:
        """Return exactly what was set for a scope and language."""
        return list(self._menus.get((scope, language), []))

    def shown_to(self, chat: Chat, user_id: int, language: str | None) -> list[dict[str, str]]:
        """Return the menu a user sees in a chat, applying Telegram's scope fallback order."""
        if chat.is_group:
            scopes: list[ScopeKey] = [
                ("chat_member", chat.id, user_id),
                ("chat", chat.id),
                ("all_group_chats",),
                ("default",),
            ]
        else:
            scopes = [("chat", chat.id), ("all_private_chats",), ("default",)]
        languages = [language[:2], ""] if language else [""]
        for scope in scopes:
            for lang in languages:
                if (scope, lang) in self._menus:
                    return self.get(scope, lang)
        return []
