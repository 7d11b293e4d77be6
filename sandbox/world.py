"""The simulated Telegram: users, chats, bots, conversations, files, flood control and faults."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sandbox.bots import BotState
from sandbox.clock import Clock
from sandbox.conversation import Conversation
from sandbox.faults import Faults
from sandbox.files import FileStore
from sandbox.flood import FloodControl, FloodLimits
from sandbox.models import Chat, User
from sandbox.stats import CallStats

if TYPE_CHECKING:
    from sandbox.phone import Phone

DEFAULT_TOKEN = "7000000001:sandbox-default-token"
FIRST_USER_ID = 100_000_001
BASIC_GROUP_BASE = -4_000_000_000
SUPERGROUP_BASE = -1_000_000_000_000


def bot_id_of(token: str) -> int:
    """Return the bot id in a token, or raise ValueError if it is not ``<digits>:<secret>``."""
    number, colon, secret = token.partition(":")
    if not (number.isdigit() and colon and secret):
        raise ValueError("malformed bot token")
    return int(number)


class World:
    """All state of the emulated Telegram; servers come and go, the world stays."""

    def __init__(self, flood: FloodLimits | None = None, clock: Clock | None = None) -> None:
        self.clock = clock or Clock()
        self.flood = FloodControl(flood or FloodLimits(), self.clock)
        self.faults = Faults()
        self.stats = CallStats()
        self.files = FileStore()
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.bots: dict[int, BotState] = {}
        self.conversations: dict[tuple[int, int], Conversation] = {}
        self.default_token = DEFAULT_TOKEN
        self.register_bot(DEFAULT_TOKEN)

    def register_bot(
        self, token: str, username: str | None = None, name: str = "Sandbox Bot"
    ) -> BotState:
        """Create (or return) the bot behind a token."""
        bot_id = bot_id_of(token)
        if bot_id in self.bots:
            return self.bots[bot_id]
        account = User(bot_id, name, username=username or f"sandbox_{bot_id}_bot", is_bot=True)
        self.bots[bot_id] = BotState(token, account)
        return self.bots[bot_id]

    def bot(self, token: str | None = None) -> BotState:
        """Return the bot for a token, registering it on first use; default token when None."""
        return self.register_bot(token or self.default_token)

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
    ) -> User:
        """Create a simulated person with the next free id."""
        user = User(FIRST_USER_ID + len(self.users), first_name, last_name, username, language_code)
        self.users[user.id] = user
        self.chats[user.id] = Chat(user.id, "private", user=user)
        return user

    def add_group(
        self,
        title: str,
        members: Iterable[User],
        supergroup: bool = False,
        bot_tokens: Iterable[str] | None = None,
    ) -> Chat:
        """Create a group (or supergroup) whose first member is its owner; bots join it."""
        base = SUPERGROUP_BASE if supergroup else BASIC_GROUP_BASE
        number = 1 + sum(1 for chat in self.chats.values() if chat.is_group)
        member_ids = [member.id for member in members]
        tokens = list(bot_tokens) if bot_tokens is not None else [self.default_token]
        chat = Chat(
            id=base - number,
            type="supergroup" if supergroup else "group",
            title=title,
            member_ids=member_ids,
            owner_id=member_ids[0] if member_ids else None,
            bot_ids={self.bot(token).id for token in tokens},
        )
        self.chats[chat.id] = chat
        return chat

    def conversation(self, bot_id: int, chat_id: int) -> Conversation:
        """Return the conversation between a bot and a chat, creating it on first contact."""
        key = (bot_id, chat_id)
        found = self.conversations.get(key)
        if found is None:
            found = self.conversations[key] = Conversation(bot_id, self.chats[chat_id])
        return found

    def deliver(self, bot: BotState, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update for a bot, duplicating it when that fault is armed."""
        update = bot.updates.push(kind, payload, twice=self.faults.take_duplicate())
        if update is not None:
            self.stats.updates_created += 1
        return update

    def phone(self, user: User, chat: Chat | None = None, token: str | None = None) -> Phone:
        """Return a driver for what ``user`` does and sees in a chat with a bot."""
        from sandbox.phone import Phone

        return Phone(self, user, self.bot(token), chat or self.chats[user.id])
