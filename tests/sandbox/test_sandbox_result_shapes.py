"""Every method's result, whatever the method, is parsed by both frameworks' own models."""

from __future__ import annotations

import json

from sandbox_clients import caller
from sandbox_models import check_all_parse
from sandbox_reference import tiny_png

from sandbox.methods import METHODS
from sandbox.server import Emulator


async def test_sandbox_every_method_result_parses_in_both_frameworks(emulator: Emulator) -> None:
    recorded = emulator.record_results()
    alice = emulator.add_user("Alice", last_name="Ahmetova", username="alice_a")
    group = emulator.add_group("TB community", [alice])
    phone = emulator.phone(alice)
    await phone.start("x")
    upload = await phone.send_document("form.pdf", b"%PDF-1.4", "application/pdf")
    keyboard = json.dumps({"inline_keyboard": [[{"text": "Go", "url": "https://example.org"}]]})
    scope = json.dumps({"type": "chat", "chat_id": alice.id})
    async with caller(emulator, "ptb") as bot:
        await bot("getUpdates", timeout=0, allowed_updates=[])
        sent = await bot("sendMessage", chat_id=alice.id, text="<i>hi</i>", parse_mode="HTML")
        await bot("sendMessage", chat_id=group.id, text="group hello")
        await bot("editMessageText", chat_id=alice.id, message_id=sent["message_id"], text="hey")
        await bot(
            "editMessageReplyMarkup",
            chat_id=alice.id,
            message_id=sent["message_id"],
            reply_markup=keyboard,
        )
        document = await bot(
            "sendDocument", chat_id=alice.id, document=upload.document["file_id"], caption="c"
        )
        await bot(
            "editMessageCaption", chat_id=alice.id, message_id=document["message_id"], caption="new"
        )
        await bot(
            "sendPhoto",
            chat_id=alice.id,
            photo=emulator.world.files.add(tiny_png(), "photo", "p.png").file_id,
        )
        await bot("getFile", file_id=upload.document["file_id"])
        await bot("sendChatAction", chat_id=alice.id, action="typing")
        await bot("getChat", chat_id=group.id)
        await bot("getChat", chat_id=alice.id)
        await bot("getChatMember", chat_id=group.id, user_id=alice.id)
        await bot("getChatMemberCount", chat_id=group.id)
        await bot(
            "setMyCommands", commands=[{"command": "vote", "description": "Vote"}], scope=scope
        )
        await bot("getMyCommands", scope=scope)
        await bot("deleteMyCommands", scope=scope)
        # a URL button opens the link and sends nothing
        assert await phone.tap("Go") == "https://example.org"
        await bot("deleteMessage", chat_id=alice.id, message_id=sent["message_id"])
        await bot("setWebhook", url="http://127.0.0.1:9/unreachable", max_connections=5)
        await bot("getWebhookInfo")
        await bot("deleteWebhook")
        await bot("getWebhookInfo")
        await bot(
            "sendMessage",
            chat_id=alice.id,
            text="v",
            reply_markup=json.dumps({"inline_keyboard": [[{"text": "V", "callback_data": "v"}]]}),
        )
        await bot("answerCallbackQuery", callback_query_id=await phone.tap("V"))
        await phone.edit(await phone.send("typo"), "fixed")
        await phone.forward_hidden("secret ballot", "Hidden voter")
        await phone.block()
        await bot("getUpdates", timeout=0, allowed_updates=[])
    seen = check_all_parse(recorded)
    assert {name.lower() for name in seen} == set(METHODS)
    delivered = {
        kind
        for name, result in recorded
        if name == "getUpdates"
        for update in result
        for kind in update
        if kind != "update_id"
    }
    assert delivered == {"message", "edited_message", "callback_query", "my_chat_member"}
