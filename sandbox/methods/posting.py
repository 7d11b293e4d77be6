"""Creating bot messages: formatting, keyboards and replies shared by every send method."""

from __future__ import annotations

from typing import Any

from sandbox.conversation import Conversation
from sandbox.entities import check_text, format_text
from sandbox.keyboards import parse_reply_markup
from sandbox.methods.common import reply_target
from sandbox.methods.registry import CallContext
from sandbox.models import StoredMessage
from sandbox.params import Params

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def formatted(params: Params, field: str) -> tuple[str | None, list[dict[str, Any]] | None]:
    """Parse the ``text`` or ``caption`` parameter with its parse_mode or explicit entities."""
    caption = field == "caption"
    raw = params.text(field)
    if raw is None:
        if not caption:
            check_text("")
        return None, None
    entities = params.json("caption_entities" if caption else "entities")
    text, parsed = format_text(raw, params.text("parse_mode"), entities)
    check_text(text, caption)
    return text, parsed


def post(
    ctx: CallContext, conversation: Conversation, params: Params, **fields: Any
) -> StoredMessage:
    """Store a message from the bot in a chat and return it."""
    inline, reply_keyboard = parse_reply_markup(params.json("reply_markup"))
    return conversation.add(
        ctx.bot.user,
        ctx.world.clock.unix(),
        inline_markup=inline,
        reply_keyboard=reply_keyboard,
        reply_to=reply_target(conversation, params),
        **fields,
    )
