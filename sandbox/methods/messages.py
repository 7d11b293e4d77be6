"""sendMessage, editMessageText, editMessageCaption, editMessageReplyMarkup and deleteMessage."""

from __future__ import annotations

from typing import Any

from sandbox.errors import bad_request
from sandbox.keyboards import parse_reply_markup
from sandbox.methods.common import existing_message, known_chat, writable_chat
from sandbox.methods.posting import NOT_MODIFIED, formatted, post
from sandbox.methods.registry import CallContext, method
from sandbox.models import StoredMessage
from sandbox.params import Params


@method("sendMessage")
async def send_message(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Send a text message."""
    conversation = writable_chat(ctx, params)
    text, entities = formatted(params, "text")
    return post(ctx, conversation, params, text=text, entities=entities).to_api()


def _editable(ctx: CallContext, params: Params) -> StoredMessage:
    """Return the bot's own message named by chat_id and message_id."""
    if params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    message = existing_message(known_chat(ctx, params), params, "edit")
    if message.sender.id != ctx.bot.id:
        raise bad_request("message can't be edited")
    return message


def _new_inline_markup(params: Params) -> dict[str, Any] | None:
    """Return the inline keyboard of an edit (edits cannot carry reply keyboards)."""
    inline, reply_keyboard = parse_reply_markup(params.json("reply_markup"))
    if reply_keyboard is not None:
        raise bad_request("inline keyboard expected")
    return inline


def _save_edit(
    ctx: CallContext, message: StoredMessage, changes: dict[str, Any], content: bool = True
) -> dict[str, Any]:
    """Apply an edit unless it changes nothing, then show it to the chat."""
    if all(getattr(message, name) == value for name, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    for name, value in changes.items():
        setattr(message, name, value)
    if content:
        message.edit_date = ctx.world.clock.unix()
    ctx.world.conversation(ctx.bot.id, message.chat.id).touch()
    return message.to_api()


@method("editMessageText")
async def edit_message_text(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Replace a message's text (and its inline keyboard, which is dropped if not resent)."""
    message = _editable(ctx, params)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted(params, "text")
    changes: dict[str, Any] = {
        "text": text,
        "entities": entities,
        "inline_markup": _new_inline_markup(params),
    }
    return _save_edit(ctx, message, changes)


@method("editMessageCaption")
async def edit_message_caption(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Replace a document's or photo's caption."""
    message = _editable(ctx, params)
    if message.text is not None:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = formatted(params, "caption")
    changes = {
        "caption": caption,
        "caption_entities": entities,
        "inline_markup": _new_inline_markup(params),
    }
    return _save_edit(ctx, message, changes)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(ctx: CallContext, params: Params) -> dict[str, Any]:
    """Replace or remove a message's inline keyboard."""
    message = _editable(ctx, params)
    return _save_edit(ctx, message, {"inline_markup": _new_inline_markup(params)}, content=False)


@method("deleteMessage")
async def delete_message(ctx: CallContext, params: Params) -> bool:
    """Delete a message: the bot's own anywhere, a user's only in a private chat."""
    conversation = known_chat(ctx, params)
    message = existing_message(conversation, params, "delete")
    if conversation.chat.is_group and message.sender.id != ctx.bot.id:
        raise bad_request("message can't be deleted")
    message.deleted = True
    conversation.touch()
    return True
