"""A simulated person's phone: act in a chat with a bot and read the chat as the person sees it."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sandbox.bots import BotState, PressedButton
from sandbox.conversation import Toast
from sandbox.entities import format_text
from sandbox.keyboards import callback_data_of
from sandbox.models import Chat, StoredMessage, User
from sandbox.transcript import Transcript

if TYPE_CHECKING:
    from sandbox.world import World

_query_ids = itertools.count(1)


class Phone:
    """One user in one chat (private or group) with one bot."""

    def __init__(self, world: World, user: User, bot: BotState, chat: Chat) -> None:
        if chat.is_group and user.id not in chat.member_ids:
            raise ValueError("the user is not a member of this group")
        self.world = world
        self.user = user
        self.bot = bot
        self.chat = chat
        self.conversation = world.conversation(bot.id, chat.id)
        self._read = len(self.conversation.bot_messages)

    def _post(self, kind: str = "message", **fields: Any) -> StoredMessage:
        """Store a message from the user and deliver it to the bot as an update."""
        if self.conversation.blocked:
            raise RuntimeError("the user blocked this bot; call unblock() first")
        self.conversation.started = True
        message = self.conversation.add(self.user, self.world.clock.unix(), **fields)
        self.world.deliver(self.bot, kind, message.to_api())
        return message

    async def send(self, text: str, reply_to: StoredMessage | None = None) -> StoredMessage:
        """Type and send a text message (commands get their bot_command entity)."""
        plain, entities = format_text(text, None, None)
        return self._post(text=plain, entities=entities, reply_to=reply_to)

    async def start(self, payload: str | None = None) -> StoredMessage:
        """Open the bot, optionally through a deep link ``t.me/<bot>?start=<payload>``."""
        return await self.send(f"/start {payload}" if payload else "/start")

    async def tap(self, label: str, message: StoredMessage | None = None) -> str | StoredMessage:
        """Press a button: inline (newest message first) or on the reply keyboard.

        Returns the callback query id, the URL of a link button, or the message a reply
        keyboard button sent.
        """
        candidates = [message] if message else reversed(self.conversation.visible())
        for candidate in candidates:
            button = callback_data_of(candidate.inline_markup, label)
            if button is not None:
                return self._press(candidate, button)
        keyboard = self.conversation.reply_keyboard
        if keyboard and any(b["text"] == label for row in keyboard["keyboard"] for b in row):
            if keyboard.get("one_time_keyboard"):
                self.conversation.reply_keyboard = None
            return await self.send(label)
        raise LookupError(f"no button {label!r} on screen:\n{self.transcript()}")

    def _press(self, message: StoredMessage, button: dict[str, Any]) -> str:
        if "url" in button:
            return str(button["url"])
        if "callback_data" not in button:
            raise NotImplementedError("only callback and URL buttons can be pressed")
        query_id = f"{self.bot.id}{next(_query_ids):010d}"
        self.bot.pressed[query_id] = PressedButton(query_id, self.bot.id, self.chat.id)
        query = {
            "id": query_id,
            "from": self.user.to_api(),
            "message": message.to_api(),
            "chat_instance": str(self.chat.id * 31 + self.bot.id),
            "data": button["callback_data"],
        }
        self.world.deliver(self.bot, "callback_query", query)
        return query_id

    async def send_document(
        self, name: str, content: bytes, mime_type: str | None = None, caption: str | None = None
    ) -> StoredMessage:
        """Attach and send a file."""
        stored = self.world.files.add(content, "document", name, mime_type)
        return self._post(document=stored.document(), caption=caption)

    async def send_photo(self, content: bytes, caption: str | None = None) -> StoredMessage:
        """Send an image as a photo."""
        stored = self.world.files.add(content, "photo", "photo.jpg", "image/jpeg")
        return self._post(photo=stored.photo_sizes(), caption=caption)

    async def forward(self, message: StoredMessage) -> StoredMessage:
        """Forward a message (from any chat) into this chat."""
        origin = {"type": "user", "date": message.date, "sender_user": message.sender.to_api()}
        return self._post(
            text=message.text,
            entities=message.entities,
            document=message.document,
            photo=message.photo,
            caption=message.caption,
            forward_origin=origin,
        )

    async def forward_hidden(self, text: str, sender_name: str) -> StoredMessage:
        """Forward a text from someone who hides their account in forwards."""
        origin = {
            "type": "hidden_user",
            "date": self.world.clock.unix(),
            "sender_user_name": sender_name,
        }
        return self._post(text=text, forward_origin=origin)

    async def edit(self, message: StoredMessage, text: str) -> StoredMessage:
        """Edit one of the user's own messages; the bot gets an edited_message update."""
        if message.sender.id != self.user.id:
            raise ValueError("people can only edit their own messages")
        message.text, message.entities = format_text(text, None, None)
        message.edit_date = self.world.clock.unix()
        self.conversation.touch()
        self.world.deliver(self.bot, "edited_message", message.to_api())
        return message

    async def block(self) -> None:
        """Block the bot: its sends fail with 403 and it gets a my_chat_member update."""
        self.conversation.blocked = True
        self._membership_changed("member", "kicked")

    async def unblock(self) -> None:
        """Unblock (restart) the bot."""
        self.conversation.blocked = False
        self._membership_changed("kicked", "member")

    def _membership_changed(self, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            found: dict[str, Any] = {"status": status, "user": self.bot.user.to_api()}
            return {**found, "until_date": 0} if status == "kicked" else found

        update = {
            "chat": self.chat.to_api(),
            "from": self.user.to_api(),
            "date": self.world.clock.unix(),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self.world.deliver(self.bot, "my_chat_member", update)

    def messages(self) -> list[StoredMessage]:
        """Return the messages currently in the chat, oldest first."""
        return self.conversation.visible()

    def transcript(self) -> Transcript:
        """Return the chat as this user sees it now."""
        return Transcript.of(self.conversation.visible(), self.user)

    @property
    def last_message(self) -> StoredMessage | None:
        """Return the newest message from the bot that is still in the chat."""
        shown = [m for m in self.conversation.bot_messages if not m.deleted]
        return shown[-1] if shown else None

    def keyboard(self) -> tuple[tuple[str, ...], ...]:
        """Return the reply keyboard shown below the input field."""
        rows = (self.conversation.reply_keyboard or {}).get("keyboard", [])
        return tuple(tuple(button["text"] for button in row) for row in rows)

    def menu(self) -> list[tuple[str, str]]:
        """Return the command menu shown to this user in this chat, in their language."""
        shown = self.bot.commands.shown_to(self.chat, self.user.id, self.user.language_code)
        return [(command["command"], command["description"]) for command in shown]

    def toasts(self) -> list[Toast]:
        """Return the answers shown after button presses."""
        return list(self.conversation.toasts)

    def chat_action(self) -> str | None:
        """Return the action shown in the chat header ('typing'…), until the next message."""
        return self.conversation.chat_action

    async def download(self, message: StoredMessage) -> bytes:
        """Open a document or photo received in the chat."""
        attachment = message.document or (message.photo[-1] if message.photo else None)
        stored = self.world.files.get(attachment["file_id"]) if attachment else None
        if stored is None:
            raise LookupError("the message has no file")
        return stored.content

    async def next_message(self, timeout: float = 5.0) -> StoredMessage:  # noqa: ASYNC109
        """Wait for the bot's next unread message in this chat."""
        await self.wait_until(lambda: self._read < len(self.conversation.bot_messages), timeout)
        self._read += 1
        return self.conversation.bot_messages[self._read - 1]

    def unread(self) -> list[StoredMessage]:
        """Return and mark read every bot message not yet returned by next_message."""
        fresh = self.conversation.bot_messages[self._read :]
        self._read = len(self.conversation.bot_messages)
        return fresh

    # a per-call timeout is the point of these two methods, hence the noqa
    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until something visible in the chat makes ``condition`` true."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"nothing expected happened within {timeout} s:\n{self.transcript()}"
                )
            await self.conversation.changed.wait(remaining)
