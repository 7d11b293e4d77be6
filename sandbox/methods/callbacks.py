"""answerCallbackQuery: the answer to a button press, shown once as a toast or an alert."""

from __future__ import annotations

from sandbox.conversation import Toast
from sandbox.errors import bad_request
from sandbox.methods.registry import CallContext, method
from sandbox.params import Params

QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


@method("answerCallbackQuery")
async def answer_callback_query(ctx: CallContext, params: Params) -> bool:
    """Answer a button press; a second answer to the same press is refused."""
    pressed = ctx.bot.pressed.get(params.require_text("callback_query_id"))
    if pressed is None or pressed.answered:
        raise bad_request(QUERY_INVALID)
    text = params.text("text") or ""
    if len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    pressed.answered = True
    conversation = ctx.world.conversation(ctx.bot.id, pressed.chat_id)
    if text:
        conversation.toasts.append(Toast(text, params.flag("show_alert")))
    conversation.touch()
    return True
