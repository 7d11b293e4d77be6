"""Lookups shared by method handlers, failing with Telegram's errors."""

from __future__ import annotations

from sandbox.conversation import Conversation
from sandbox.errors import BLOCKED, CANT_INITIATE, CHAT_NOT_FOUND, bad_request, forbidden
from sandbox.methods.registry import CallContext
from sandbox.models import StoredMessage
from sandbox.params import Params


def known_chat(ctx: CallContext, params: Params) -> Conversation:
    """Return the conversation for chat_id if the bot can see that chat at all."""
    chat_id = params.chat_id()
    chat = ctx.world.chats.get(chat_id) if isinstance(chat_id, int) else None
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    if chat.is_group and ctx.bot.id not in chat.bot_ids:
        raise bad_request(CHAT_NOT_FOUND)
    conversation = ctx.world.conversations.get((ctx.bot.id, chat.id))
    if conversation is None and not chat.is_group:
        raise bad_request(CHAT_NOT_FOUND)
    return conversation or ctx.world.conversation(ctx.bot.id, chat.id)


def writable_chat(ctx: CallContext, params: Params) -> Conversation:
    """Return the conversation for chat_id if the bot may send there now."""
    chat_id = params.chat_id()
    chat = ctx.world.chats.get(chat_id) if isinstance(chat_id, int) else None
    if chat is None:
        raise bad_request(CHAT_NOT_FOUND)
    if chat.is_group:
        if ctx.bot.id not in chat.bot_ids:
            raise forbidden("bot is not a member of the group chat")
        return ctx.world.conversation(ctx.bot.id, chat.id)
    conversation = ctx.world.conversations.get((ctx.bot.id, chat.id))
    if conversation is None or not conversation.started:
        raise forbidden(CANT_INITIATE)
    if conversation.blocked:
        raise forbidden(BLOCKED)
    return conversation


def reply_target(conversation: Conversation, params: Params) -> StoredMessage | None:
    """Return the message to reply to, from reply_parameters or reply_to_message_id."""
    reply = params.json("reply_parameters")
    if isinstance(reply, dict):
        message_id, allow_missing = (
            reply.get("message_id"),
            bool(reply.get("allow_sending_without_reply")),
        )
    else:
        message_id = params.integer("reply_to_message_id")
        allow_missing = params.flag("allow_sending_without_reply")
    if message_id is None:
        return None
    target = conversation.get(int(message_id))
    if target is None and not allow_missing:
        raise bad_request("message to be replied not found")
    return target


def existing_message(conversation: Conversation, params: Params, purpose: str) -> StoredMessage:
    """Return message_id's message, or fail with 'message to <purpose> not found'."""
    message_id = params.require_integer("message_id", "message identifier is not specified")
    message = conversation.get(message_id)
    if message is None:
        raise bad_request(f"message to {purpose} not found")
    return message
