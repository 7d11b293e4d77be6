"""The JSON control API under /sandbox/, so other processes can create users and drive phones."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from sandbox import jsonio
from sandbox.models import StoredMessage
from sandbox.phone import Phone
from sandbox.transcript import Line

if TYPE_CHECKING:
    from sandbox.server import Emulator

Route = Callable[[dict[str, Any]], Awaitable[Any]]


def message_view(message: StoredMessage, phone: Phone) -> dict[str, Any]:
    """Describe a message as the phone's owner sees it."""
    line = dataclasses.asdict(Line.of(message, phone.user))
    return {"message_id": message.message_id, "deleted": message.deleted, **line}


class ControlApi:
    """Handlers of the control routes; phones are kept so next_message remembers what was read."""

    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.world = emulator.world
        self._phones: dict[tuple[int, int, str], Phone] = {}

    def phone(self, body: dict[str, Any]) -> Phone:
        """Return the phone named by user_id, chat_id (default: private) and token."""
        user = self.world.users[int(body["user_id"])]
        chat_id = int(body.get("chat_id") or user.id)
        token = str(body.get("token") or self.world.default_token)
        key = (user.id, chat_id, token)
        if key not in self._phones:
            self._phones[key] = self.world.phone(user, self.world.chats[chat_id], token)
        return self._phones[key]

    async def add_user(self, body: dict[str, Any]) -> Any:
        fields = ("first_name", "last_name", "username", "language_code")
        user = self.world.add_user(**{key: body[key] for key in fields if key in body})
        return user.to_api()

    async def add_group(self, body: dict[str, Any]) -> Any:
        members = [self.world.users[int(user_id)] for user_id in body.get("member_ids", [])]
        chat = self.world.add_group(
            body["title"], members, bool(body.get("supergroup")), body.get("tokens")
        )
        return chat.to_api()

    async def add_bot(self, body: dict[str, Any]) -> Any:
        bot = self.world.register_bot(
            body["token"], body.get("username"), body.get("name", "Sandbox Bot")
        )
        return bot.me()

    async def send(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        return message_view(await phone.send(body["text"]), phone)

    async def bulk_send(self, body: dict[str, Any]) -> Any:
        for item in body["messages"]:
            await self.phone(item).send(item["text"])
        return {"sent": len(body["messages"])}

    async def tap(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        outcome = await phone.tap(body["label"])
        return message_view(outcome, phone) if isinstance(outcome, StoredMessage) else outcome

    async def document(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        content = base64.b64decode(body["content_base64"])
        sent = await phone.send_document(
            body["name"], content, body.get("mime_type"), body.get("caption")
        )
        return message_view(sent, phone)

    async def next_message(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        return message_view(await phone.next_message(float(body.get("timeout", 5.0))), phone)

    async def transcript(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        return {
            "messages": [message_view(message, phone) for message in phone.messages()],
            "rendered": phone.transcript().render(),
            "keyboard": phone.keyboard(),
            "menu": phone.menu(),
            "toasts": [dataclasses.asdict(toast) for toast in phone.toasts()],
        }

    async def block(self, body: dict[str, Any]) -> Any:
        phone = self.phone(body)
        await (phone.block() if body.get("blocked", True) else phone.unblock())
        return True

    async def stats(self, body: dict[str, Any]) -> Any:
        if body.get("reset"):
            self.world.stats.reset()
        return self.world.stats.snapshot()

    async def flood(self, body: dict[str, Any]) -> Any:
        limits = self.world.flood.limits
        for key, value in body.items():
            if key == "enabled":
                limits.enabled = value is True or str(value).lower() in ("1", "true")
            elif key != "methods" and hasattr(limits, key):
                setattr(limits, key, type(getattr(limits, key))(value))
        return {key: value for key, value in dataclasses.asdict(limits).items() if key != "methods"}

    async def faults(self, body: dict[str, Any]) -> Any:
        faults = self.world.faults
        if body.get("clear"):
            faults.clear()
        faults.duplicate_next_update(int(body.get("duplicate_next_update", 0)))
        faults.drop_next_confirmation(int(body.get("drop_next_confirmation", 0)))
        if "fail" in body:
            faults.fail(**body["fail"])
        if "delay" in body:
            faults.delay(**body["delay"])
        return True

    async def advance_clock(self, body: dict[str, Any]) -> Any:
        self.world.clock.advance(float(body["seconds"]))
        return True

    async def restart(self, body: dict[str, Any]) -> Any:
        # answer first: the restart closes the connection this request came on
        asyncio.get_running_loop().call_later(
            0.05, asyncio.ensure_future, self.emulator.restart(float(body.get("downtime", 0.0)))
        )
        return True


def _endpoint(route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Wrap a control handler: JSON in (body or query), JSON out, readable errors."""

    async def handle(request: web.Request) -> web.Response:
        body: dict[str, Any] = dict(request.query)
        if request.body_exists:
            body.update(jsonio.loads(await request.read()))
        try:
            payload, status = {"ok": True, "result": await route(body)}, 200
        except TimeoutError as error:
            payload, status = {"ok": False, "error": str(error)}, 408
        except (KeyError, LookupError, ValueError, RuntimeError, TypeError) as error:
            payload, status = {"ok": False, "error": f"{type(error).__name__}: {error}"}, 400
        return web.Response(
            body=jsonio.dumps(payload), status=status, content_type="application/json"
        )

    return handle


def add_control_routes(app: web.Application, api: ControlApi) -> None:
    """Mount the control API on the emulator's application."""
    routes: dict[str, Route] = {
        "users": api.add_user,
        "groups": api.add_group,
        "bots": api.add_bot,
        "send": api.send,
        "bulk_send": api.bulk_send,
        "tap": api.tap,
        "document": api.document,
        "next_message": api.next_message,
        "transcript": api.transcript,
        "block": api.block,
        "stats": api.stats,
        "flood": api.flood,
        "faults": api.faults,
        "clock/advance": api.advance_clock,
        "restart": api.restart,
    }
    for path, route in routes.items():
        app.router.add_route("*", f"/sandbox/{path}", _endpoint(route))
