"""getChat, getChatMember, getChatMemberCount and sendChatAction."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.methods.common import known_chat, writable_chat
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
ALL_GIFTS = dict.fromkeys(
    ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), True
)


@method("getChat")
async def get_chat(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Return the ``ChatFullInfo`` of a chat the bot knows."""
    chat = known_chat(ctx, params).chat
    return {
        **chat.to_api(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {**ALL_GIFTS, "gifts_from_channels": True},
    }


@method("getChatMember")
async def get_chat_member(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Return a user's membership status in a chat."""
    chat = known_chat(ctx, params).chat
    user_id = params.require_integer("user_id", "user not found")
    user = ctx.world.users.get(user_id)
    if user_id == ctx.bot.id:
        return {"status": "member", "user": ctx.bot.user.to_api()}
    if user is None:
        raise bad_request("user not found")
    if user_id == chat.owner_id:
        return {"status": "creator", "user": user.to_api(), "is_anonymous": False}
    is_member = user_id in chat.member_ids or (not chat.is_group and user_id == chat.id)
    return {"status": "member" if is_member else "left", "user": user.to_api()}


@method("getChatMemberCount")
async def get_chat_member_count(ctx: CallContext, params: Params) -> int:
    """Return how many members (people and bots) a chat has."""
    chat = known_chat(ctx, params).chat
    return len(chat.member_ids) + len(chat.bot_ids) if chat.is_group else 2


@method("sendChatAction")
async def send_chat_action(ctx: CallContext, params: Params) -> bool:
    """Show 'typing…' (or another action) until the bot's next message."""
    conversation = writable_chat(ctx, params)
    action = params.require_text("action", "wrong parameter action in request")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    conversation.chat_action = action
    conversation.touch()
    return True
